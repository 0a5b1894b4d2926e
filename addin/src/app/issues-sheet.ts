/**
 * The "issues" sheet of a validation: every issue with a link to its cell, as a render-ready
 * sheet model written by the same writer as every other sheet.
 */
import { getTemplate, lt, SEVERITY_LABEL, type Issue, type Plan, type SheetModel, type SheetValue } from '@sasaeai/core';


function show(value: unknown): SheetValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * A sheet model listing issues, each with a link to its cell on the validated sheet.
 *
 * @example
 * ```ts
 * const model = issuesSheetModel(plan, result.issues, { sheet: '報告', templateId: 'district-activity', lang: 'ja' });
 * ```
 */
export function issuesSheetModel(
  plan: Plan,
  issues: readonly Issue[],
  opts: { sheet: string; templateId: string | null; lang: 'ja' | 'en' },
): SheetModel {
  const template = opts.templateId ? getTemplate(plan, opts.templateId) : undefined;
  const label = (key: string | undefined) => {
    if (!key) return null;
    const f = template?.fields.find((x) => x.key === key);
    return f ? f.label[opts.lang] : key;
  };
  return {
    id: 'validation/issues',
    name: lt(`問題一覧_${opts.sheet}`.slice(0, 31), `Issues_${opts.sheet}`.slice(0, 31)),
    preamble: {
      title: lt(`「${opts.sheet}」の検証結果`, `Check of "${opts.sheet}"`),
      lines: [lt(`問題 ${issues.length} 件`, `${issues.length} issue(s)`)],
    },
    columns: [
      { key: 'severity', header: lt('重要度', 'Severity'), kind: 'text', width: 8 },
      { key: 'cell', header: lt('セル', 'Cell'), kind: 'link', width: 8 },
      { key: 'row', header: lt('行', 'Row'), kind: 'integer', width: 6 },
      { key: 'field', header: lt('項目', 'Field'), kind: 'text', width: 14 },
      { key: 'value', header: lt('入力値', 'Value'), kind: 'text', width: 18 },
      { key: 'message', header: lt('内容', 'Message'), kind: 'text', width: 60 },
      { key: 'code', header: lt('コード', 'Code'), kind: 'text', width: 22 },
    ],
    rows: issues.map((i) => [
      SEVERITY_LABEL[i.severity][opts.lang],
      i.cell ? { link: { text: i.cell, sheet: i.sheet ?? opts.sheet, cell: i.cell } } : null,
      i.row ?? null,
      label(i.field),
      show(i.value),
      i.message[opts.lang],
      i.code,
    ]),
    freezeHeader: true,
    tableName: 'SasaeaiIssues',
    metadata: { 'sasaeai.validated': opts.sheet },
  };
}
