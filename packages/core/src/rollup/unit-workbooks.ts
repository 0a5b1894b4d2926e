/**
 * Compiling from the receiving units' own workbooks: the city takes in each ward's confirmed
 * progress workbook (written by Sasaeai: the district returns taken in, the review state 審査記録
 * with its confirmation, the ward council's verification sheet) and compiles the annual report
 * from them. Which sheets are returns, which one is the verification, which review entry a return
 * is, and what is left out — those are decided here, so the CLI and the add-in only read files.
 */
import type { LocalizedText } from '../i18n/text.js';
import type { Plan } from '../plan/schema.js';
import type { SheetGrid } from '../returns/types.js';
import { validateGrids } from '../returns/validate.js';
import type { ReviewState } from '../review-state/types.js';
import { annualReport, wardProgress } from './progress.js';
import { submissionFromValidation, type Submission } from './submission.js';
import type { AnnualReport } from './types.js';
import { readVerification, verificationOf, type VerificationResult } from './verification.js';

/** One unit's workbook as an adapter read it. */
export interface UnitWorkbook {
  /** The file's name, for messages and to keep ids apart. */
  source: string;
  /** The review state it carries (custom XML part), or null when it has none. */
  review: ReviewState | null;
  /** Every worksheet, as raw grids. */
  grids: SheetGrid[];
}

/** What became of one unit workbook. */
export interface UnitWorkbookUse {
  source: string;
  /** The unit it is the workbook of (its confirmation's, else its returns' receiving unit). */
  unit: string | null;
  confirmed: boolean;
  /** Return sheets found, and how many the review knows. */
  returns: number;
  reviewed: number;
  verification: VerificationResult | null;
  /** Why parts of it do not count (ja/en); empty when all of it counts. */
  notes: LocalizedText[];
}

/** The annual report compiled from unit workbooks, and what became of each. */
export interface CompiledFromUnits {
  report: AnnualReport;
  workbooks: UnitWorkbookUse[];
}

const NOTE = {
  noReview: (src: string): LocalizedText => ({
    ja: `「${src}」には審査記録がありません。受理された報告がないため、この報告は数えません。`,
    en: `"${src}" carries no review record: none of its returns is accepted, so none is counted.`,
  }),
  otherPlan: (src: string, plan: string): LocalizedText => ({
    ja: `「${src}」の審査記録は別の計画（${plan}）のものです。数えません。`,
    en: `The review record of "${src}" belongs to another plan (${plan}); not counted.`,
  }),
  notConfirmed: (src: string, fy: number): LocalizedText => ({
    ja: `「${src}」は${fy}年度の確定がされていません。受理済みの報告は数えますが、確定済みとしては扱いません。`,
    en: `"${src}" is not confirmed for FY${fy}: its accepted returns count, but not as confirmed figures.`,
  }),
  unknownReturn: (src: string, sheet: string): LocalizedText => ({
    ja: `「${src}」のシート「${sheet}」は審査記録にない報告です。受理されていないため数えません。`,
    en: `Sheet "${sheet}" of "${src}" is a return the review record does not know: not accepted, so not counted.`,
  }),
};

/** The review state with every return id prefixed by the workbook's name (ids of two wards never meet). */
function prefixed(state: ReviewState, prefix: string): ReviewState {
  const id = (x: string) => `${prefix}!${x}`;
  return {
    ...state,
    returns: Object.fromEntries(Object.entries(state.returns).map(([k, e]) => [id(k), { ...e, submissionId: id(e.submissionId) }])),
    meetings: state.meetings.map((m) => ({ ...m, reviewed: m.reviewed.map(id) })),
    confirmations: state.confirmations.map((c) => ({ ...c, returns: c.returns.map((r) => ({ ...r, id: id(r.id) })) })),
    changes: state.changes.map((c) => ({ ...c, submissionId: id(c.submissionId) })),
  };
}

/**
 * Compiles the annual report of a fiscal year from the units' own workbooks: each workbook's return
 * sheets are matched to its review record (by sheet), only accepted returns count, each unit's
 * confirmation and its verification sheet (the sheet named as the plan names the verification)
 * come along. Nothing is dropped silently: each workbook says what of it did not count.
 *
 * @example
 * ```ts
 * const { report, workbooks } = compileUnitWorkbooks(plan, [{ source: '中央区.xlsx', review, grids }], { fiscalYear: 2025 });
 * ```
 */
export function compileUnitWorkbooks(plan: Plan, workbooks: readonly UnitWorkbook[], opts: { fiscalYear: number }): CompiledFromUnits {
  const merged: ReviewState = { kind: 'sasaeai-review', version: 1, planId: plan.id, returns: {}, meetings: [], confirmations: [], changes: [] };
  const submissions: Submission[] = [];
  const verifications: VerificationResult[] = [];
  const uses: UnitWorkbookUse[] = [];
  const verificationNames = plan.bodies.flatMap((b) => (b.verification ? [b.verification.name.ja, b.verification.name.en] : []));
  for (const wb of workbooks) {
    const notes: LocalizedText[] = [];
    const review = wb.review && wb.review.planId === plan.id ? wb.review : null;
    if (!wb.review) notes.push(NOTE.noReview(wb.source));
    else if (!review) notes.push(NOTE.otherPlan(wb.source, wb.review.planId));
    // A return is matched to its review entry by its sheet; its rows keep the source they were
    // received from, so the fingerprints the review holds still match.
    const entries = Object.values(review?.returns ?? {});
    const grids = wb.grids.map((g) => {
      const e = entries.find((x) => x.sheet === g.sheet);
      const grid: SheetGrid = { ...g };
      if (e?.source !== undefined) grid.source = e.source;
      else grid.source = wb.source;
      return grid;
    });
    // The verification sheet is the body's own record, not a return (its columns may look like one).
    const isVerification = (g: SheetGrid) => verificationNames.some((n) => g.sheet === n || g.sheet.startsWith(`${n} (`));
    const { results } = validateGrids(
      grids.filter((g) => !isVerification(g)),
      { plan },
    );
    const subs: Submission[] = [];
    let reviewed = 0;
    for (const r of results) {
      if (r.templateId === null) continue;
      const e = entries.find((x) => x.sheet === r.sheet);
      if (e) reviewed++;
      else notes.push(NOTE.unknownReturn(wb.source, r.sheet));
      subs.push(submissionFromValidation(r, { id: `${wb.source}!${e ? e.submissionId : `${r.source ?? ''}#${r.sheet}`}` }));
    }
    const state = review ? prefixed(review, wb.source) : null;
    const conf = state?.confirmations.filter((c) => c.fiscalYear === opts.fiscalYear).at(-1);
    const unit = conf?.ward ?? entries.find((e) => e.fiscalYear === opts.fiscalYear && e.scopes.length === 1)?.scopes[0] ?? null;
    if (review && !conf) notes.push(NOTE.notConfirmed(wb.source, opts.fiscalYear));
    let verification: VerificationResult | null = null;
    if (unit !== null) {
      const progress = wardProgress(plan, subs, { fiscalYear: opts.fiscalYear, ward: unit, ...(state ? { review: state } : {}) });
      const v = verificationOf(plan, progress);
      const names = v ? [v.name.ja, v.name.en] : [];
      const sheet = v ? wb.grids.find((g) => isVerification(g) && names.some((n) => g.sheet === n || g.sheet.startsWith(`${n} (`))) : undefined;
      if (sheet) verification = readVerification(plan, progress, { ...sheet, source: wb.source });
      if (verification) verifications.push(verification);
    }
    if (state) {
      Object.assign(merged.returns, state.returns);
      merged.meetings.push(...state.meetings);
      merged.confirmations.push(...state.confirmations);
      merged.changes.push(...state.changes);
    }
    submissions.push(...subs);
    uses.push({ source: wb.source, unit, confirmed: conf !== undefined, returns: subs.length, reviewed, verification, notes });
  }
  const report = annualReport(plan, submissions, { fiscalYear: opts.fiscalYear, review: merged, verifications });
  return { report, workbooks: uses };
}
