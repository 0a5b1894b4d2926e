/**
 * Which report an adapter builds from a set of returns, and what it leaves out: one decision for
 * the CLI's `rollup` and the add-in's roll-up, so that the same returns give the same report and
 * the same sheets whichever door they came in by.
 */
import type { Lang } from '../i18n/text.js';
import type { Plan } from '../plan/schema.js';
import { annualReport, wardProgress } from '../rollup/progress.js';
import { completeness } from '../rollup/completeness.js';
import { submissionFromValidation, type Submission, type ValidationResultLike } from '../rollup/submission.js';
import type { AnnualReport, Completeness, RollupOptions, WardProgress } from '../rollup/types.js';
import type { ReviewState } from '../review-state/types.js';
import { annualReportWorkbook, completenessSheet, wardProgressWorkbook } from '../rollup/workbook.js';
import type { SheetModel, WorkbookModel } from '../sheet/model.js';

/** A validation that holds no return: no template of the plan was found on its sheet. */
export interface NotAReturnSheet {
  sheet: string;
  source?: string;
}

/**
 * The submissions a roll-up counts from a set of validations: every validation that found a
 * template, in the order given. Sheets where no template was found are left out — a roll-up
 * cannot place their rows — and listed, so an adapter can say so.
 *
 * @example
 * ```ts
 * const { submissions, notReturns } = returnSubmissions(validateGrids(grids, { plan }).results);
 * ```
 */
export function returnSubmissions(results: readonly ValidationResultLike[]): { submissions: Submission[]; notReturns: NotAReturnSheet[] } {
  const submissions: Submission[] = [];
  const notReturns: NotAReturnSheet[] = [];
  for (const r of results) {
    if (r.templateId !== null) submissions.push(submissionFromValidation(r));
    else notReturns.push(r.source !== undefined ? { sheet: r.sheet, source: r.source } : { sheet: r.sheet });
  }
  return { submissions, notReturns };
}

/** Options of {@link buildReport}. */
export interface ReportRequest extends RollupOptions {
  /** A receiving unit (code, name or alias): its compiled report. Without it, the plan's annual report. */
  receiver?: string;
  lang: Lang;
}

/** A report, the workbook that renders it, and the id of the sheets it replaces. */
export interface BuiltReport {
  report: WardProgress | AnnualReport;
  workbook: WorkbookModel;
  /**
   * Stable id of this report (`ward-progress:<unit>:<year>`, `annual-report:<year>`): an adapter
   * that writes into an open workbook replaces the sheets it wrote before for the same id.
   */
  group: string;
}

/**
 * The report of a roll-up: the compiled report of one receiving unit when `receiver` is given
 * (see `receivingUnits`), else the annual report; with its workbook in a language.
 *
 * @throws SasaeaiError `invalid_argument` for a receiver the plan does not have or that receives
 * nothing, or a fiscal year that is not an integer.
 * @example
 * ```ts
 * const { workbook, group } = buildReport(plan, submissions, { fiscalYear: 2026, receiver: '中央区', lang: 'ja' });
 * group; // 'ward-progress:12101:2026'
 * ```
 */
export function buildReport(plan: Plan, submissions: readonly Submission[], req: ReportRequest): BuiltReport {
  const { receiver, lang, ...opts } = req;
  if (receiver !== undefined) {
    const report = wardProgress(plan, submissions, { ...opts, ward: receiver });
    return { report, workbook: wardProgressWorkbook(report, lang), group: `ward-progress:${report.ward.code}:${report.fiscalYear}` };
  }
  const report = annualReport(plan, submissions, opts);
  return { report, workbook: annualReportWorkbook(report, lang), group: `annual-report:${report.fiscalYear}` };
}

/**
 * Who has reported for a fiscal year, within one receiving unit or the whole plan, with its sheet
 * and the id of the sheet it replaces (`completeness:<unit or *>:<year>`); with a review state,
 * as the report counts them.
 *
 * @example
 * ```ts
 * const { model, group } = completenessReport(plan, submissions, { fiscalYear: 2026, within: '12101', lang: 'ja' });
 * ```
 */
export function completenessReport(
  plan: Plan,
  submissions: readonly Submission[],
  req: { fiscalYear: number; within?: string; lang: Lang; review?: ReviewState },
): { completeness: Completeness; model: SheetModel; group: string } {
  const c = completeness(plan, submissions, {
    fiscalYear: req.fiscalYear,
    ...(req.within !== undefined ? { within: req.within } : {}),
    // With a review state, a return sent back has not arrived (the report's rule).
    ...(req.review !== undefined ? { review: req.review } : {}),
  });
  return { completeness: c, model: completenessSheet(c, req.lang), group: `completeness:${c.within?.code ?? '*'}:${req.fiscalYear}` };
}
