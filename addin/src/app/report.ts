/**
 * The add-in's one report path. The roll-up tab (集計) and the review panel (審査) both build their
 * report here: core's `buildReport` with the review state the workbook carries and the
 * verification sheets read back, so that both show what the CLI's `compile` shows for the same
 * returns and state. Which returns count (accepted / sent back / confirmed) is core's decision;
 * this module only gathers what core needs from the workbook and writes what it returns.
 */
import {
  buildReport,
  readVerification,
  resolveResubmissions,
  submissionFromValidation,
  wardProgress,
  type AnnualReport,
  type Issue,
  type Lang,
  type Plan,
  type ReviewState,
  type Submission,
  type ValidationResult,
  type VerificationResult,
  type WardProgress,
} from '@sasaeai/core';
import type { Batch } from '../excel/batch.js';
import { queueUsedRange, readGrids } from '../excel/read.js';
import { replaceGroup, type WorkbookInfo } from '../excel/workbook.js';

/** Where a return sheet taken in came from (its worksheet custom property; see import-returns.ts). */
export interface ImportTag {
  /** The file's name as it was picked. */
  source: string;
  /** The sheet's name in that file. */
  sheet: string;
  /** The file's own saved time, and the file time (ISO 8601), for the resubmission rule. */
  savedAt?: string;
  fileTime?: string;
}

/** Key of the worksheet custom property saying where a return taken in came from. */
export const IMPORT_KEY = 'SasaeaiImport';

/**
 * The id the review knows a return taken in by: `<file>#<sheet in the file>`.
 *
 * @example
 * ```ts
 * submissionIdOf({ source: '寒川.xlsx', sheet: '報告' }); // '寒川.xlsx#報告'
 * ```
 */
export function submissionIdOf(tag: ImportTag): string {
  return `${tag.source}#${tag.sheet}`;
}

/**
 * Reads an import tag's JSON; null for anything that is not one (a property someone else wrote).
 *
 * @example
 * ```ts
 * parseImportTag('{"source":"a.xlsx","sheet":"報告"}'); // { source: 'a.xlsx', sheet: '報告' }
 * ```
 */
export function parseImportTag(value: unknown): ImportTag | null {
  if (typeof value !== 'string') return null;
  try {
    const o = JSON.parse(value) as Partial<ImportTag>;
    if (typeof o.source !== 'string' || typeof o.sheet !== 'string') return null;
    const tag: ImportTag = { source: o.source, sheet: o.sheet };
    if (typeof o.savedAt === 'string') tag.savedAt = o.savedAt;
    if (typeof o.fileTime === 'string') tag.fileTime = o.fileTime;
    return tag;
  } catch {
    return null;
  }
}

/** A return sheet validated, with its import tag when it was taken in. */
export interface ReportReturn {
  result: ValidationResult;
  tag: ImportTag | null;
}

/**
 * The submissions a report counts, the same way from both tabs: a return taken in goes by the id
 * the review knows it by, and rows two returns taken in share count once, from the version saved
 * later (core's resubmission rule); a sheet made in this workbook goes by core's default id.
 * Sheets that hold no return are left out (the caller has said so already).
 *
 * @example
 * ```ts
 * const subs = reportSubmissions(plan, [{ result, tag: { source: 'a.xlsx', sheet: '報告' } }]);
 * subs[0].id; // 'a.xlsx#報告'
 * ```
 */
export function reportSubmissions(plan: Plan, returns: readonly ReportReturn[]): Submission[] {
  const taken = returns.flatMap((r, i) => (r.tag ? [i] : []));
  const resolved = resolveResubmissions(
    plan,
    taken.map((i) => ({ result: returns[i]!.result, savedAt: returns[i]!.tag!.savedAt, fileTime: returns[i]!.tag!.fileTime })),
  );
  const byIndex = new Map(taken.map((i, k) => [i, resolved[k]!]));
  return returns.flatMap((r, i) => {
    if (r.result.templateId === null) return [];
    return [r.tag ? submissionFromValidation(byIndex.get(i)!, { id: submissionIdOf(r.tag) }) : submissionFromValidation(r.result)];
  });
}

/**
 * The group of a unit's verification sheet for a year: `verification:<unit>:<year>`.
 *
 * @example
 * ```ts
 * verificationGroup('12101', 2025); // 'verification:12101:2025'
 * ```
 */
export function verificationGroup(ward: string, fiscalYear: number): string {
  return `verification:${ward}:${fiscalYear}`;
}

/**
 * The sheet of a group, if the workbook has one (by its tag).
 *
 * @example
 * ```ts
 * sheetOfGroup(info, verificationGroup('12101', 2025))?.name;
 * ```
 */
export function sheetOfGroup(info: WorkbookInfo, group: string): { id: string; name: string } | undefined {
  const id = Object.entries(info.registry).find(([, e]) => e.group === group && e.state !== 'retired' && e.state !== 'pending')?.[0];
  return id ? info.sheets.find((s) => s.id === id) : undefined;
}

/** The verification sheets of a year the workbook holds: one unit's, or every unit's. */
function verificationSheets(info: WorkbookInfo, fiscalYear: number, unit?: string): { unit: string; id: string }[] {
  const out: { unit: string; id: string }[] = [];
  for (const [id, e] of Object.entries(info.registry)) {
    if (e.state === 'retired' || e.state === 'pending') continue;
    const m = /^verification:(.+):(\d+)$/.exec(e.group);
    if (!m || Number(m[2]) !== fiscalYear || (unit !== undefined && m[1] !== unit)) continue;
    if (info.sheets.some((s) => s.id === id)) out.push({ unit: m[1]!, id });
  }
  return out;
}

/**
 * Reads back the verification sheets of a year with core's validation: one round trip for their
 * sizes and the read of their values, none when there is no such sheet.
 *
 * @example
 * ```ts
 * const vs = await readVerifications(context, batch, plan, info, { submissions, review }, { fiscalYear: 2025, unit: '12101' });
 * ```
 */
export async function readVerifications(
  context: Excel.RequestContext,
  batch: Batch,
  plan: Plan,
  info: WorkbookInfo,
  inputs: { submissions: readonly Submission[]; review: ReviewState | null },
  req: { fiscalYear: number; unit?: string },
): Promise<VerificationResult[]> {
  const found = verificationSheets(info, req.fiscalYear, req.unit);
  if (found.length === 0) return [];
  const targets = found.map((f) => queueUsedRange(context.workbook.worksheets.getItem(f.id)));
  await batch.sync();
  const grids = await readGrids(context, batch, targets);
  return found.map((f, i) => {
    const progress = wardProgress(plan, inputs.submissions, { fiscalYear: req.fiscalYear, ward: f.unit, ...(inputs.review ? { review: inputs.review } : {}) });
    return readVerification(plan, progress, grids[i]!);
  });
}

/** A report written: its sheets, core's report (what counted, what did not and why) and the verifications' issues. */
export interface WrittenReport {
  sheets: string[];
  report: WardProgress | AnnualReport;
  verificationIssues: Issue[];
}

/**
 * Builds a report through core's `buildReport` — a receiving unit's compiled report, or the
 * annual report — with the review state (only accepted returns count) and the verification
 * sheets read back, and writes it, replacing the sheets written before for the same report.
 * Without a stored review every return counts, as the CLI's `rollup` without a ledger.
 *
 * @example
 * ```ts
 * const r = await writeReport(context, batch, plan, 'ja', info, { submissions, review }, { fiscalYear: 2025, receiver: '12101' });
 * ```
 */
export async function writeReport(
  context: Excel.RequestContext,
  batch: Batch,
  plan: Plan,
  lang: Lang,
  info: WorkbookInfo,
  inputs: { submissions: readonly Submission[]; review: ReviewState | null },
  req: { fiscalYear: number; receiver?: string },
): Promise<WrittenReport> {
  const verifications = await readVerifications(context, batch, plan, info, inputs, req.receiver !== undefined ? { fiscalYear: req.fiscalYear, unit: req.receiver } : { fiscalYear: req.fiscalYear });
  const { report, workbook, group } = buildReport(plan, inputs.submissions, {
    fiscalYear: req.fiscalYear,
    lang,
    ...(req.receiver !== undefined ? { receiver: req.receiver } : {}),
    ...(inputs.review ? { review: inputs.review } : {}),
    ...(verifications.length > 0 ? { verifications } : {}),
  });
  const sheets = await replaceGroup(context, batch, info, workbook.sheets, lang, group);
  return { sheets, report, verificationIssues: verifications.flatMap((v) => v.issues) };
}
