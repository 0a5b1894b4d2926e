/**
 * Reading and validating a set of workbooks: the common first half of `validate`, `rollup` and
 * `demo`. Each file is read by the xlsx adapter; core tells which sheets hold a return (their
 * headers, or the template recorded in a blank return) and validates them all together, so that
 * a row sent twice in two files is found too.
 */
import { performance } from 'node:perf_hooks';
import { basename } from 'node:path';
import {
  resolveResubmissions,
  validateReturns,
  type Issue,
  type LocalDate,
  type Plan,
  type ValidationResult,
  type ValidationSummary,
} from '@sasaeai/core';
import { displayPath } from './files.js';
import { FILE_LEVEL_CODES, cliIssue } from './messages.js';
import type { Progress } from './progress.js';
import { readWorkbook, type ReaderMode, type SheetRead, type WorkbookRead } from './xlsx/read.js';

/** A sheet that holds a return, with its validation. */
export interface CheckedReturn {
  sheet: SheetRead;
  result: ValidationResult;
}

/** One file: how it was read, its returns, and every issue about it in display order. */
export interface CheckedFile {
  /** The path as shown (and recorded as `source`). */
  file: string;
  read: WorkbookRead;
  returns: CheckedReturn[];
  /** Sheets that hold no return. */
  skipped: string[];
  /** Notes on what was left out on purpose (a lock file, an example or summary sheet). */
  notes: Issue[];
  /** Every issue of the file: file-level first, then by sheet (tab order), row and column. */
  issues: Issue[];
}

/** Counts over a whole run. */
export interface CheckSummary extends ValidationSummary {
  files: number;
  filesUnreadable: number;
  returns: number;
}

/** The outcome of {@link checkFiles}. */
export interface CheckRun {
  files: CheckedFile[];
  /**
   * Issues about the run as a whole, after every file's: `nothing_checked` when every file was
   * read (or said why not) and still no return row was found — never a silent, clean run.
   */
  issues: Issue[];
  summary: CheckSummary;
  /**
   * Milliseconds spent reading workbooks, in core's validation of the grids (which sheets are
   * returns, and their checks), and resolving corrected resubmissions across files.
   */
  timings: { readMs: number; validateMs: number; resubmissionsMs: number };
}

/** Options of {@link checkFiles}. */
export interface CheckOptions {
  plan: Plan;
  today?: LocalDate;
  reader?: ReaderMode;
  progress?: Progress;
  lang: 'ja' | 'en';
}

/**
 * Reads and validates workbook files. Never throws for a bad file: each one that cannot be read
 * gets a file-level issue and the others are still checked.
 *
 * @example
 * ```ts
 * const run = await checkFiles(['returns/a.xlsx'], [], { plan, lang: 'ja' });
 * run.summary.errors; // errors over all files
 * ```
 */
export async function checkFiles(files: string[], missing: string[], opts: CheckOptions): Promise<CheckRun> {
  const { plan } = opts;
  const checked: CheckedFile[] = [];
  let readMs = 0;
  let rowsSoFar = 0;
  const say = (i: number, rows: number) =>
    opts.progress?.update(
      opts.lang === 'ja'
        ? `読み込み中 ${i}/${files.length} ファイル・${(rowsSoFar + rows).toLocaleString('ja-JP')} 行`
        : `Reading ${i}/${files.length} files · ${(rowsSoFar + rows).toLocaleString('en-US')} rows`,
    );

  for (const p of missing) {
    const file = displayPath(p);
    const read = await readWorkbook(p, { source: file });
    checked.push({ file, read, returns: [], skipped: [], notes: [], issues: read.issues });
  }

  // The sheets offered as returns, with where they came from.
  const offered: { file: CheckedFile; sheet: SheetRead; recordedTemplate: string | undefined }[] = [];
  // Files whose sheets were offered: each must hold a return, or say why not.
  const workbooks: CheckedFile[] = [];
  for (const [i, p] of files.entries()) {
    const file = displayPath(p);
    if (basename(p).startsWith('~$')) {
      // Excel's lock file of an open workbook (~$name.xlsx): a shell glob names it with the others.
      const note = cliIssue('lock_file_skipped', { file }, { source: file });
      const read: WorkbookRead = { file: p, source: file, ok: true, sheets: [], metadata: { workbook: {}, sheets: {} }, issues: [], reader: null, bytes: 0, rows: 0 };
      checked.push({ file, read, returns: [], skipped: [], notes: [note], issues: [] });
      continue;
    }
    const t0 = performance.now();
    say(i + 1, 0);
    const read = await readWorkbook(p, { source: file, ...(opts.reader ? { mode: opts.reader } : {}), onProgress: (n) => say(i + 1, n) });
    readMs += performance.now() - t0;
    rowsSoFar += read.rows;
    const entry: CheckedFile = { file, read, returns: [], skipped: [], notes: [], issues: [] };
    checked.push(entry);
    if (!read.ok) continue;

    if (read.metadata.workbook['sasaeai.report']) {
      // A report this tool wrote (often saved next to the returns): its tables look like returns
      // to a header match, but it is neither a return nor a mistake.
      entry.issues.push(
        cliIssue('report_workbook', {}, { source: file }),
      );
      continue;
    }
    workbooks.push(entry);
    for (const sheet of read.sheets) {
      // A blank return made by `sasaeai template` names its template: core uses it when the
      // headers alone do not tell (a damaged header then gets precise "missing column" issues).
      const meta = { ...read.metadata.workbook, ...read.metadata.sheets[sheet.grid.sheet] };
      offered.push({ file: entry, sheet, recordedTemplate: meta['sasaeai.template'] });
    }
  }
  say(files.length, 0);

  // Which sheets are returns and their validation are core's decisions (the add-in takes the
  // same); returns found by their headers are validated together, so a row sent twice in two
  // files is found too.
  const t1 = performance.now();
  opts.progress?.update(
    opts.lang === 'ja' ? `検証中 ${rowsSoFar.toLocaleString('ja-JP')} 行` : `Checking ${rowsSoFar.toLocaleString('en-US')} rows`,
  );
  const sheetsChecked = validateReturns(
    plan,
    offered.map((o) => ({ grid: o.sheet.grid, recordedTemplate: o.recordedTemplate })),
    opts.today ? { today: opts.today } : {},
  );
  sheetsChecked.forEach((c, k) => {
    const { file: entry, sheet } = offered[k]!;
    if ('result' in c) entry.returns.push({ sheet, result: c.result });
    else if (c.what.kind === 'not-a-return') entry.notes.push(c.what.issue);
    else if (sheet.grid.cells.length > 0) entry.skipped.push(sheet.grid.sheet);
  });
  for (const entry of workbooks) {
    if (entry.returns.length === 0 && entry.notes.length === 0)
      entry.issues.push(cliIssue('no_return_sheet', { sheets: entry.read.sheets.map((s) => s.grid.sheet) }, { source: entry.file }));
  }
  const validateMs = performance.now() - t1;
  // A corrected return sent beside the original: the later version's rows count, once.
  const t2 = performance.now();
  const all = checked.flatMap((f) => f.returns.map((r) => ({ f, r })));
  const resolved = resolveResubmissions(
    plan,
    all.map(({ f, r }) => ({ result: r.result, savedAt: f.read.savedAt, fileTime: f.read.fileTime })),
  );
  all.forEach(({ r }, k) => (r.result = resolved[k] ?? r.result));
  const resubmissionsMs = performance.now() - t2;

  for (const entry of checked) {
    if (!entry.read.ok) {
      entry.issues = entry.read.issues;
      continue;
    }
    entry.returns.sort((a, b) => a.sheet.index - b.sheet.index);
    entry.issues = [...entry.notes, ...entry.issues, ...fileIssues(entry, plan)];
  }
  opts.progress?.done();
  const issues = runIssues(checked);
  return { files: checked, issues, summary: summarise(checked, issues), timings: { readMs, validateMs, resubmissionsMs } };
}

function fileIssues(entry: CheckedFile, plan: Plan): Issue[] {
  const { read, file } = entry;
  const out: Issue[] = [];
  for (const ret of entry.returns) {
    const sheet = ret.sheet.grid.sheet;
    const notes: Issue[] = [];
    if (ret.sheet.state !== 'visible')
      notes.push(
        cliIssue('sheet_hidden', { sheet }, { source: file, sheet }),
      );
    const planId = read.metadata.sheets[sheet]?.['sasaeai.plan'] ?? read.metadata.workbook['sasaeai.plan'];
    if (planId && planId !== plan.id)
      notes.push(
        cliIssue('plan_mismatch', { sheetPlan: planId, plan: plan.id }, { source: file, sheet, value: planId }),
      );
    const rowsOf = (i: Issue) => i.row ?? 0;
    const readerNotes = read.issues.filter((i) => i.sheet === sheet);
    // Core's issues are in row order already; reader notes are merged in by row.
    const merged = [...ret.result.issues, ...readerNotes].map((i, k) => ({ i, k }));
    merged.sort((a, b) => rowsOf(a.i) - rowsOf(b.i) || a.k - b.k);
    out.push(...notes, ...merged.map((m) => m.i));
  }
  if (entry.returns.length > 0)
    for (const sheet of entry.skipped)
      out.push(
        cliIssue('sheet_skipped', { sheet }, { source: file, sheet }),
      );
  return out;
}

/**
 * A run that checked no row says so as an error of its own, so that it never ends "no errors":
 * every file read (an unreadable one already fails the run), yet no return sheet, or none with a
 * data row. Each file's own issues say why (an example sheet, a blank return, no header).
 */
function runIssues(files: CheckedFile[]): Issue[] {
  if (files.length === 0 || files.some((f) => f.issues.some((i) => FILE_LEVEL_CODES.has(i.code)))) return [];
  const returns = files.reduce((n, f) => n + f.returns.length, 0);
  const rows = files.reduce((n, f) => f.returns.reduce((m, r) => m + r.result.summary.rowsRead, n), 0);
  return returns === 0 || rows === 0 ? [cliIssue('nothing_checked', { files: files.length, returns })] : [];
}

function summarise(files: CheckedFile[], runIssues: readonly Issue[]): CheckSummary {
  const s: CheckSummary = {
    files: files.length,
    filesUnreadable: 0,
    returns: 0,
    rowsRead: 0,
    blankRows: 0,
    rowsValid: 0,
    rowsWithErrors: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    byCode: {},
  };
  for (const f of files) {
    if (f.issues.some((i) => FILE_LEVEL_CODES.has(i.code))) s.filesUnreadable++;
    s.returns += f.returns.length;
    for (const r of f.returns) {
      s.rowsRead += r.result.summary.rowsRead;
      s.blankRows += r.result.summary.blankRows;
      s.rowsValid += r.result.summary.rowsValid;
      s.rowsWithErrors += r.result.summary.rowsWithErrors;
    }
    // Counted from the issues themselves (never capped here), so that the CLI's own count too.
    for (const i of f.issues) count(i);
  }
  for (const i of runIssues) count(i);
  return s;

  function count(i: Issue): void {
    if (i.severity === 'error') s.errors++;
    else if (i.severity === 'warning') s.warnings++;
    else s.infos++;
    s.byCode[i.code] = (s.byCode[i.code] ?? 0) + 1;
  }
}

/**
 * The exit code of a run: 2 when a file could not be read (the check is incomplete), else 1 when
 * there is an error, else 0 (warnings and notes allowed).
 *
 * @example
 * ```ts
 * exitCodeOf(run.summary); // 0, 1 or 2
 * ```
 */
export function exitCodeOf(summary: CheckSummary): 0 | 1 | 2 {
  if (summary.filesUnreadable > 0) return 2;
  return summary.errors > 0 ? 1 : 0;
}
