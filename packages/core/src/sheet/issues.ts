/**
 * The issues sheet of a validation (問題一覧): every issue with a link to its cell, as a
 * render-ready sheet model, so that whichever adapter writes it, it reads the same.
 */
import { lt, type Lang } from '../i18n/text.js';
import { SEVERITY_LABEL } from '../i18n/severity.js';
import { getTemplate } from '../plan/queries.js';
import type { Plan } from '../plan/schema.js';
import type { Issue } from '../returns/types.js';
import type { SheetModel, SheetValue } from './model.js';
import { SHEET_NAME_MAX } from './names.js';

/** Options of {@link issuesSheet}. */
export interface IssuesSheetOptions {
  /** The validated sheet's name: the target of links without a sheet of their own. */
  sheet: string;
  /** The template the sheet was validated against, for the fields' labels. */
  templateId: string | null;
  lang: Lang;
}

/** An issue's value as a cell: what the user typed, never a formula (strings stay strings). */
function shown(value: unknown): SheetValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A sheet model listing issues — severity, a link to the cell, row, the field's label, the value,
 * the message and the code — tagged with the validated sheet (`sasaeai.validated`).
 *
 * @example
 * ```ts
 * const model = issuesSheet(plan, result.issues, { sheet: '報告', templateId: result.templateId, lang: 'ja' });
 * model.name.ja; // '問題一覧_報告'
 * ```
 */
export function issuesSheet(plan: Plan, issues: readonly Issue[], opts: IssuesSheetOptions): SheetModel {
  const template = opts.templateId ? getTemplate(plan, opts.templateId) : undefined;
  const label = (key: string | undefined): string | null => {
    if (!key) return null;
    const f = template?.fields.find((x) => x.key === key);
    return f ? f.label[opts.lang] : key;
  };
  return {
    id: 'validation/issues',
    name: lt(`問題一覧_${opts.sheet}`.slice(0, SHEET_NAME_MAX), `Issues_${opts.sheet}`.slice(0, SHEET_NAME_MAX)),
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
      shown(i.value),
      i.message[opts.lang],
      i.code,
    ]),
    freezeHeader: true,
    tableName: 'SasaeaiIssues',
    metadata: { 'sasaeai.validated': opts.sheet },
  };
}
