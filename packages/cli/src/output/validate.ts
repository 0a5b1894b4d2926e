/**
 * What `validate` prints: JSON for machines (a stable shape, every issue with file, sheet, cell,
 * worksheet row, field key and the message in the chosen language), text for people (grouped by
 * file and sheet, Japanese by default).
 */
import { getTemplate, SEVERITY_LABEL, type Issue, type Lang, type Plan } from '@sasaeai/core';
import type { CheckRun, CheckSummary } from '../check.js';
import { exitCodeOf } from '../check.js';
import { FILE_LEVEL_CODES } from '../messages.js';

/** One issue in the JSON output. Absent locations are `null`, so every issue has every key. */
export interface JsonIssue {
  code: string;
  severity: Issue['severity'];
  file: string | null;
  sheet: string | null;
  cell: string | null;
  row: number | null;
  field: string | null;
  value: unknown;
  message: string;
}

/** The JSON output of `validate`. */
export interface ValidateJson {
  valid: boolean;
  plan: { id: string; version: string };
  files: {
    file: string;
    readable: boolean;
    reader: 'lean' | 'full' | 'stream' | null;
    sheets: {
      sheet: string;
      hidden: boolean;
      template: string | null;
      headerRow: number | null;
      rowsRead: number;
      rowsValid: number;
      rowsWithErrors: number;
      errors: number;
      warnings: number;
    }[];
    skippedSheets: string[];
    errors: number;
    warnings: number;
    infos: number;
  }[];
  summary: CheckSummary & { exitCode: number };
  issues: JsonIssue[];
  /** Issues left out by `--max-issues`. */
  omittedIssues: number;
}

function count(issues: Issue[], severity: Issue['severity']): number {
  let n = 0;
  for (const i of issues) if (i.severity === severity) n++;
  return n;
}

/**
 * Builds the JSON output of a run.
 *
 * @example
 * ```ts
 * process.stdout.write(JSON.stringify(validateJson(run, plan, { lang: 'ja', maxIssues: 0 }), null, 2));
 * ```
 */
export function validateJson(run: CheckRun, plan: Plan, opts: { lang: Lang; maxIssues: number }): ValidateJson {
  const all = [...run.files.flatMap((f) => f.issues), ...run.issues];
  const cap = opts.maxIssues > 0 ? opts.maxIssues : Infinity;
  const shown = all.slice(0, cap);
  return {
    valid: run.summary.errors === 0 && run.summary.filesUnreadable === 0,
    plan: { id: plan.id, version: plan.version },
    files: run.files.map((f) => ({
      file: f.file,
      readable: f.read.ok,
      reader: f.read.reader,
      sheets: f.returns.map((r) => {
        const sheetIssues = f.issues.filter((i) => i.sheet === r.sheet.grid.sheet);
        return {
          sheet: r.sheet.grid.sheet,
          hidden: r.sheet.state !== 'visible',
          template: r.result.templateId,
          headerRow: r.result.headerRow,
          rowsRead: r.result.summary.rowsRead,
          rowsValid: r.result.summary.rowsValid,
          rowsWithErrors: r.result.summary.rowsWithErrors,
          errors: count(sheetIssues, 'error'),
          warnings: count(sheetIssues, 'warning'),
        };
      }),
      skippedSheets: f.skipped,
      errors: count(f.issues, 'error'),
      warnings: count(f.issues, 'warning'),
      infos: count(f.issues, 'info'),
    })),
    summary: { ...run.summary, exitCode: exitCodeOf(run.summary) },
    issues: shown.map((i) => jsonIssue(i, opts.lang)),
    omittedIssues: all.length - shown.length,
  };
}

/**
 * One issue in the JSON shape.
 *
 * @example
 * ```ts
 * jsonIssue(issue, 'en').message; // the English message
 * ```
 */
export function jsonIssue(i: Issue, lang: Lang): JsonIssue {
  return {
    code: i.code,
    severity: i.severity,
    file: i.source ?? null,
    sheet: i.sheet ?? null,
    cell: i.cell ?? null,
    row: i.row ?? null,
    field: i.field ?? null,
    value: jsonValue(i.value),
    message: i.message[lang],
  };
}

function jsonValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return v;
}

// ---------------------------------------------------------------------------------------------

/** Styling for a terminal; plain text otherwise. */
export interface Style {
  error(s: string): string;
  warning(s: string): string;
  info(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

/**
 * ANSI colours when `on`, plain text otherwise (`NO_COLOR` is honoured by the caller).
 *
 * @example
 * ```ts
 * const s = style(process.stdout.isTTY === true);
 * ```
 */
export function style(on: boolean): Style {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { error: wrap('31'), warning: wrap('33'), info: wrap('36'), bold: wrap('1'), dim: wrap('2') };
}

/**
 * The text output of `validate`: grouped by file and sheet, a summary and the verdict.
 *
 * @example
 * ```ts
 * process.stdout.write(validateText(run, plan, { lang: 'ja', maxIssues: 200, style: style(false) }));
 * ```
 */
export function validateText(run: CheckRun, plan: Plan, opts: { lang: Lang; maxIssues: number; style: Style }): string {
  const { lang } = opts;
  const s = opts.style;
  const ja = lang === 'ja';
  const out: string[] = [];
  const cap = opts.maxIssues > 0 ? opts.maxIssues : Infinity;
  let shown = 0;
  let omitted = 0;
  const fieldLabel = (templateId: string | null, key: string | undefined) => {
    if (!key || !templateId) return key ?? '';
    const t = getTemplate(plan, templateId);
    const f = t?.fields.find((x) => x.key === key) ?? t?.derived?.find((x) => x.key === key);
    // A header may hold a line break (実施\n回数): one line here.
    return f ? f.label[lang].replace(/\s*\n\s*/g, lang === 'ja' ? '' : ' ') : key;
  };
  const line = (i: Issue, templateId: string | null) => {
    if (shown >= cap) {
      omitted++;
      return;
    }
    shown++;
    const sev = SEVERITY_LABEL[i.severity][lang];
    const paint = s[i.severity];
    const where = [i.cell ?? (i.row !== undefined ? (ja ? `${i.row}行目` : `row ${i.row}`) : ''), fieldLabel(templateId, i.field)]
      .filter(Boolean)
      .join(' ');
    out.push(`    ${paint(sev.padEnd(ja ? 4 : 7))} ${where ? where + '  ' : ''}${i.message[lang]} ${s.dim(`[${i.code}]`)}`);
  };

  out.push(s.dim(ja ? `計画：${plan.name.ja}（${plan.id} ${plan.version}）` : `Plan: ${plan.name.en} (${plan.id} ${plan.version})`));
  for (const f of run.files) {
    out.push('');
    out.push(s.bold(f.file));
    const fileLevel = f.issues.filter((i) => i.sheet === undefined);
    for (const i of fileLevel) line(i, null);
    if (!f.read.ok) continue;
    for (const r of f.returns) {
      const sheet = r.sheet.grid.sheet;
      const t = r.result.templateId ? getTemplate(plan, r.result.templateId) : undefined;
      const sum = r.result.summary;
      const head = ja
        ? `  シート「${sheet}」 ${t ? `様式：${t.name.ja}・` : ''}${r.result.headerRow !== null ? `見出し ${r.result.headerRow} 行目・` : ''}データ ${sum.rowsRead} 行${sum.rowsWithErrors > 0 ? `（エラーのある行 ${sum.rowsWithErrors}）` : ''}`
        : `  Sheet "${sheet}" ${t ? `template: ${t.name.en} · ` : ''}${r.result.headerRow !== null ? `header on row ${r.result.headerRow} · ` : ''}${sum.rowsRead} data row${sum.rowsRead === 1 ? '' : 's'}${sum.rowsWithErrors > 0 ? ` (${sum.rowsWithErrors} with errors)` : ''}`;
      out.push(head);
      const issues = f.issues.filter((i) => i.sheet === sheet);
      if (issues.length === 0) out.push(`    ${s.dim(ja ? '問題はありません' : 'no problems')}`);
      for (const i of issues) line(i, r.result.templateId);
    }
    const others = f.issues.filter((i) => i.sheet !== undefined && !f.returns.some((r) => r.sheet.grid.sheet === i.sheet));
    for (const i of others) line(i, null);
  }
  // About the run as a whole: shown however many issues came before.
  if (run.issues.length > 0) out.push('');
  for (const i of run.issues) out.push(`  ${s[i.severity](SEVERITY_LABEL[i.severity][lang])} ${i.message[lang]} ${s.dim(`[${i.code}]`)}`);
  if (omitted > 0)
    out.push(
      '',
      ja
        ? `… ほか ${omitted} 件の問題は表示していません（すべて表示するには --max-issues 0、機械で読むには --format json）。`
        : `… ${omitted} more issue${omitted === 1 ? '' : 's'} not shown (--max-issues 0 shows all; --format json for machines).`,
    );

  const sum = run.summary;
  out.push('');
  out.push(
    ja
      ? `まとめ：ファイル ${sum.files}${sum.filesUnreadable ? `（読めないもの ${sum.filesUnreadable}）` : ''}・報告シート ${sum.returns}・データ ${sum.rowsRead} 行（問題のない行 ${sum.rowsValid}、エラーのある行 ${sum.rowsWithErrors}）`
      : `Summary: ${sum.files} file${sum.files === 1 ? '' : 's'}${sum.filesUnreadable ? ` (${sum.filesUnreadable} unreadable)` : ''} · ${sum.returns} return sheet${sum.returns === 1 ? '' : 's'} · ${sum.rowsRead} data rows (${sum.rowsValid} valid, ${sum.rowsWithErrors} with errors)`,
  );
  out.push(
    ja
      ? `　　　　${SEVERITY_LABEL.error.ja} ${sum.errors} 件・${SEVERITY_LABEL.warning.ja} ${sum.warnings} 件・${SEVERITY_LABEL.info.ja} ${sum.infos} 件`
      : `         ${sum.errors} error${sum.errors === 1 ? '' : 's'} · ${sum.warnings} warning${sum.warnings === 1 ? '' : 's'} · ${sum.infos} note${sum.infos === 1 ? '' : 's'}`,
  );
  const code = exitCodeOf(sum);
  const verdict =
    code === 2
      ? ja
        ? s.error('結果：読めないファイルがあります（終了コード 2）')
        : s.error('Result: some files could not be read (exit code 2)')
      : code === 1
        ? ja
          ? s.error('結果：エラーがあります（終了コード 1）')
          : s.error('Result: errors found (exit code 1)')
        : ja
          ? s.bold(`結果：エラーはありません${sum.warnings ? '（警告はあります）' : ''}`)
          : s.bold(`Result: no errors${sum.warnings ? ' (some warnings)' : ''}`);
  out.push(verdict);
  return out.join('\n') + '\n';
}

/** Whether an issue says a file could not be read. */
export function isFileLevel(i: Issue): boolean {
  return FILE_LEVEL_CODES.has(i.code);
}
