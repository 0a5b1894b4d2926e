/**
 * The review 審査 in the add-in: the returns taken in, core's review state stored in the workbook
 * (review-store.ts), and the secretariat's acts — check, accept, send back with a reason, record a
 * council meeting, confirm the unit for the year — each one of core's workflow transitions. The
 * add-in never decides a transition: when core refuses, its reason is shown and nothing is written.
 *
 * The receiving body's verification (検証) is here too: its sheet comes from core's model, is read
 * back with core's validation, and the compiled report carries it.
 */
import {
  accept,
  confirmWard,
  readVerification,
  receive,
  recordMeeting,
  sendBack,
  validateReturn,
  verificationOf,
  verificationSheet,
  wardProgress,
  type ActionContext,
  type Issue,
  type Lang,
  type LocalDate,
  type LocalizedText,
  type Plan,
  type RefusalCode,
  type ReviewState,
  type Submission,
  type Transition,
  type VerificationResult,
  type WardProgress,
} from '@sasaeai/core';
import { Batch } from '../excel/batch.js';
import { queueUsedRange, readGrids } from '../excel/read.js';
import { run } from '../excel/run.js';
import { loadWorkbookInfo, replaceGroup } from '../excel/workbook.js';
import { readImported, type ImportedReturn } from './import-returns.js';
import { reportSubmissions, sheetOfGroup, verificationGroup, writeReport } from './report.js';
import { readReview, writeReview } from './review-store.js';

/** The returns taken in, their submissions and the stored review state. */
export interface ReviewView {
  state: ReviewState;
  returns: ImportedReturn[];
  submissions: Submission[];
}

/** An act of the secretariat, as the pane asks for it. */
export type ReviewAct =
  /** Receive the return (again, when it changed or was sent back) and record it as checked. */
  | { kind: 'check'; id: string }
  | { kind: 'accept'; id: string; withErrors?: boolean }
  | { kind: 'send-back'; id: string; reason: string }
  | { kind: 'meeting'; ward: string; fiscalYear: number; date: LocalDate; agenda: string[]; note?: string }
  | { kind: 'confirm'; ward: string; fiscalYear: number; meetingId: string; acknowledgeMissing: string[] };

/** Core's answer to an act: the new view, or its refusal (nothing written). */
export type ReviewOutcome = { ok: true; view: ReviewView } | { ok: false; code: RefusalCode | 'unreadable_state'; reason: LocalizedText };

async function readView(context: Excel.RequestContext, batch: Batch, plan: Plan): Promise<ReviewOutcome> {
  const stored = await readReview(context, plan);
  if (!stored.ok) return { ok: false, code: 'unreadable_state', reason: stored.reason };
  const returns = await readImported(context, batch, plan);
  // The same submissions the roll-up tab counts (report.ts): ids from the import tags, rows two
  // returns share counted once, from the version saved later.
  const submissions = reportSubmissions(plan, returns);
  return { ok: true, view: { state: stored.state, returns, submissions } };
}

/**
 * Opens the review: the returns taken in and the state the workbook carries.
 *
 * @example
 * ```ts
 * const r = await openReview(plan);
 * if (r.ok) r.view.state.returns;
 * ```
 */
export function openReview(plan: Plan): Promise<ReviewOutcome> {
  return run((context) => readView(context, new Batch(context), plan));
}

function transition(plan: Plan, view: ReviewView, act: ReviewAct, ctx: ActionContext): Transition {
  const sub = (id: string) => view.submissions.find((s) => s.id === id);
  switch (act.kind) {
    case 'check': {
      const s = sub(act.id);
      if (!s) return receiveMissing(act.id);
      const got = receive(plan, view.state, s, ctx);
      // Core refuses a second receipt of the same content: the return is already in, check it.
      if (!got.ok && got.issues[0]?.code !== 'bad_status') return got;
      return validateReturn(plan, got.ok ? got.value : view.state, s, ctx);
    }
    case 'accept':
      return accept(plan, view.state, act.id, ctx, act.withErrors ? { acceptWithErrors: true } : {});
    case 'send-back':
      return sendBack(plan, view.state, act.id, act.reason, ctx);
    case 'meeting': {
      const m: Parameters<typeof recordMeeting>[2] = { ward: act.ward, fiscalYear: act.fiscalYear, date: act.date, agenda: act.agenda };
      if (act.note) m.note = act.note;
      return recordMeeting(plan, view.state, m, ctx);
    }
    case 'confirm':
      return confirmWard(plan, view.state, view.submissions, { ward: act.ward, fiscalYear: act.fiscalYear, meetingId: act.meetingId, acknowledgeMissing: act.acknowledgeMissing }, ctx);
  }
}

function receiveMissing(id: string): Transition {
  return {
    ok: false,
    issues: [{ code: 'unknown_return', reason: { ja: `報告「${id}」はこのブックに取り込まれていません。`, en: `Return "${id}" is not in this workbook.` } }],
  };
}

/**
 * Does one act through core's workflow and stores the new state in the workbook; a refusal is
 * returned as it is and nothing is written.
 *
 * @example
 * ```ts
 * const r = await reviewAct(plan, { kind: 'send-back', id: '寒川.xlsx#報告', reason: '参加者数の記入漏れ' }, ctx);
 * r.ok || r.reason.ja;
 * ```
 */
export function reviewAct(plan: Plan, act: ReviewAct, ctx: ActionContext): Promise<ReviewOutcome> {
  return run(async (context) => {
    const batch = new Batch(context);
    const opened = await readView(context, batch, plan);
    if (!opened.ok) return opened;
    const t = transition(plan, opened.view, act, ctx);
    // A refusal carries one issue (core's Result shape); the pane shows its code and reason.
    if (!t.ok) return { ok: false, code: t.issues[0]!.code, reason: t.issues[0]!.reason };
    await writeReview(context, t.value);
    return { ok: true, view: { ...opened.view, state: t.value } };
  });
}

/**
 * The reports still missing for a unit and year (obligation id and sender), for the pane to ask
 * whether to confirm without them.
 *
 * @example
 * ```ts
 * missingReports(plan, view, '12101', 2026); // [{ id: '…', from: { ja: '新宿地区部会', … } }]
 * ```
 */
export function missingReports(plan: Plan, view: ReviewView, ward: string, fiscalYear: number): { id: string; from: LocalizedText }[] {
  return wardProgress(plan, view.submissions, { fiscalYear, ward, review: view.state })
    .obligations.filter((o) => o.status === 'missing')
    .map((o) => ({ id: o.id, from: o.from }));
}

// ---------------------------------------------------------------------------------------------
// Verification 検証 and the report

function progressOf(plan: Plan, view: ReviewView, ward: string, fiscalYear: number): WardProgress {
  return wardProgress(plan, view.submissions, { fiscalYear, ward, review: view.state });
}

/** Whether the plan gives the unit's receiving body a verification to record. */
export function hasVerification(plan: Plan, ward: string, fiscalYear: number, view: ReviewView): boolean {
  return verificationOf(plan, progressOf(plan, view, ward, fiscalYear)) !== undefined;
}

/**
 * Creates the verification sheet of a unit and year from core's model (the compiled figures and
 * the senders' narratives beside empty verification columns). A sheet already made is never
 * replaced — what the body typed stays: its name comes back with `existed`.
 *
 * @example
 * ```ts
 * const { sheet } = await createVerificationSheet(plan, 'ja', { ward: '12101', fiscalYear: 2026 });
 * ```
 */
export function createVerificationSheet(plan: Plan, lang: Lang, opts: { ward: string; fiscalYear: number }): Promise<{ sheet: string; existed: boolean } | { refused: LocalizedText }> {
  return run(async (context) => {
    const batch = new Batch(context);
    const opened = await readView(context, batch, plan);
    if (!opened.ok) return { refused: opened.reason };
    const info = await loadWorkbookInfo(context, batch);
    const group = verificationGroup(opts.ward, opts.fiscalYear);
    const have = sheetOfGroup(info, group);
    if (have) return { sheet: have.name, existed: true };
    const progress = progressOf(plan, opened.view, opts.ward, opts.fiscalYear);
    if (!verificationOf(plan, progress)) return { refused: { ja: 'この計画は、報告先の組織が記録する検証を定めていません。', en: 'The plan declares no verification for the receiving body.' } };
    const [name] = await replaceGroup(context, batch, info, [verificationSheet(plan, progress, lang)], lang, group);
    return { sheet: name!, existed: false };
  });
}

/**
 * Reads the verification sheet back with core's validation: the records and located issues.
 *
 * @example
 * ```ts
 * const r = await readVerificationSheet(plan, { ward: '12101', fiscalYear: 2026 });
 * r?.issues.length;
 * ```
 */
export function readVerificationSheet(plan: Plan, opts: { ward: string; fiscalYear: number }): Promise<{ sheet: string; result: VerificationResult } | null> {
  return run(async (context) => {
    const batch = new Batch(context);
    const opened = await readView(context, batch, plan);
    if (!opened.ok) return null;
    const info = await loadWorkbookInfo(context, batch);
    const have = sheetOfGroup(info, verificationGroup(opts.ward, opts.fiscalYear));
    if (!have) return null;
    const t = queueUsedRange(context.workbook.worksheets.getItem(have.id));
    await batch.sync();
    const [grid] = await readGrids(context, batch, [t]);
    return { sheet: have.name, result: readVerification(plan, progressOf(plan, opened.view, opts.ward, opts.fiscalYear), grid!) };
  });
}

/**
 * Writes the unit's compiled report from the accepted returns (core's review rules), carrying the
 * verification read back from its sheet; the report written before for the same unit and year is
 * replaced. Returns the sheet names, the progress and the verification's issues.
 *
 * @example
 * ```ts
 * const r = await writeUnitReport(plan, 'ja', { ward: '12101', fiscalYear: 2026 });
 * ```
 */
export function writeUnitReport(
  plan: Plan,
  lang: Lang,
  opts: { ward: string; fiscalYear: number },
): Promise<{ ok: true; sheets: string[]; progress: WardProgress; verificationIssues: Issue[] } | { ok: false; reason: LocalizedText }> {
  return run(async (context) => {
    const batch = new Batch(context);
    const opened = await readView(context, batch, plan);
    if (!opened.ok) return { ok: false, reason: opened.reason };
    const info = await loadWorkbookInfo(context, batch);
    // The roll-up tab's path: core's buildReport with the review state and the verification sheet.
    const written = await writeReport(context, batch, plan, lang, info, { submissions: opened.view.submissions, review: opened.view.state }, { fiscalYear: opts.fiscalYear, receiver: opts.ward });
    // A receiver was given, so core built that unit's compiled report.
    if (written.report.kind !== 'ward-progress') throw new Error('buildReport with a receiver returned an annual report');
    return { ok: true, sheets: written.sheets, progress: written.report, verificationIssues: written.verificationIssues };
  });
}

