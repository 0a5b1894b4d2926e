/**
 * What the task pane does, one function per user action: each is one `Excel.run`, loads what it
 * needs in one batch and writes whole ranges. Domain decisions are core's; this file only wires
 * core to the Office.js adapter.
 */
import {
  blankReturnSheet,
  completenessReport,
  issuesSheet,
  parsePlanText,
  uniqueSheetName,
  uniqueTableName,
  validateGrid,
  validateReturns,
  type Completeness,
  type PlanIssue,
  type ReviewState,
  type Submission,
  type Lang,
  type LocalizedText,
  type Plan,
  type SheetGrid,
  type SheetModel,
  type ValidationResult,
} from '@sasaeai/core';
import { Batch } from '../excel/batch.js';
import { deleteMarks, findMarks, loadFormatTypes, queueMarks } from '../excel/marks.js';
import { queueUsedRange, readGrids, USED_RANGE_PROPERTIES, type ReadTarget } from '../excel/read.js';
import { run, yieldToUi } from '../excel/run.js';
import { loadWorkbookInfo, replaceGroup, type WorkbookInfo } from '../excel/workbook.js';
import { queueSheet } from '../excel/write.js';
import { readStoredPlan, storePlan } from '../excel/plan-store.js';
import { IMPORT_KEY, parseImportTag, reportSubmissions, writeReport, type WrittenReport } from './report.js';
import { queueReviewParts, queueReviewXml, reviewOf } from './review-store.js';
import { listWorkbook, type WorkbookListing } from './startup.js';
import { planReady, resetActivePlan, setActivePlan } from './plan-state.js';

export type Step = 'reading' | 'validating' | 'marking' | 'rolling' | 'writing';
export type OnStep = (step: Step) => void;

export type { WorkbookListing };
export { listWorkbook };

/** Core's `loadPlan`, for the pane to reach through the operations chunk (lazy-operations.ts). */
export { parsePlanText };

/**
 * Creates a blank return sheet (a table with headers, lists, prompts, formats, frozen header,
 * prefilled fiscal year, ward and district): two syncs.
 *
 * @example
 * ```ts
 * await createReturnSheet(plan, 'ja', { templateId: 'district-activity', ward: '12101', district: '12101-01', fiscalYear: 2026 });
 * ```
 */
export async function createReturnSheet(
  plan: Plan,
  lang: Lang,
  opts: { templateId: string; ward?: string; district?: string; fiscalYear?: number; rows?: number },
): Promise<{ sheet: string; table: string | null }> {
  const model = blankReturnSheet(plan, opts.templateId, { ...opts, lang });
  return run(async (context) => {
    const batch = new Batch(context);
    const wb = await loadWorkbookInfo(context, batch);
    const name = uniqueSheetName(model.name[lang], wb.sheets.map((s) => s.name));
    const tableName = model.tableName ? uniqueTableName(model.tableName, wb.tables.map((t) => t.name)) : null;
    const sheet = context.workbook.worksheets.add(name);
    await queueSheet(batch, sheet, model, lang, tableName ? { tableName } : {});
    sheet.activate();
    await batch.sync();
    return { sheet: name, table: tableName };
  });
}

/** A finished validation, kept by the pane for the issue list, clicks and the issues sheet. */
export interface ValidationRun {
  sheetId: string;
  sheetName: string;
  result: ValidationResult;
  /** Conditional formats added (one per packed address string and severity). */
  marks: number;
  /** Cells marked. */
  markedCells: number;
  /** Marks of an earlier run removed first. */
  removedMarks: number;
  /** The user's own conditional-format rules Excel could not read (left as they are). */
  unreadableRules: number;
}

/**
 * Validates the active sheet's used range, or a table, in place: reads it in one batch (split
 * only above the payload budget), validates with core, replaces the marks. Three syncs whatever
 * the number of rows (sizes and format types; merged areas, hidden rows, formulas and the date
 * system with the values; marks), one more when the sheet has conditional formats (their
 * formulas), and one more per further ~4 MB of values;
 * never changes a value or a cell format.
 *
 * @example
 * ```ts
 * const run = await validateInPlace(plan, {});
 * run.result.summary.errors;
 * ```
 */
export async function validateInPlace(plan: Plan, target: { table?: string }, onStep: OnStep = () => {}): Promise<ValidationRun> {
  return run(async (context) => {
    const batch = new Batch(context);
    let t: ReadTarget;
    if (target.table) {
      const table = context.workbook.tables.getItem(target.table);
      const sheet = table.worksheet;
      sheet.load('name,id');
      const used = table.getRange();
      used.load(USED_RANGE_PROPERTIES);
      t = { sheet, used };
    } else t = queueUsedRange(context.workbook.worksheets.getActiveWorksheet());
    const cfs = loadFormatTypes(t.sheet);
    onStep('reading');
    await batch.sync();
    // The formulas in a sync of their own: never on the values read, which Excel may refuse for size.
    const found = await findMarks(batch, cfs);
    const [grid] = await readGrids(context, batch, [t]);
    onStep('validating');
    await yieldToUi();
    const result = validateGrid(grid!, { plan });
    onStep('marking');
    await yieldToUi();
    const removedMarks = deleteMarks(found.marks);
    const marks = queueMarks(t.sheet, result.issues);
    await batch.sync();
    return {
      sheetId: t.sheet.id,
      sheetName: t.sheet.name,
      result,
      marks: marks.formats,
      markedCells: marks.cells,
      removedMarks,
      unreadableRules: found.unreadable,
    };
  });
}

/**
 * Removes the add-in's marks from a sheet (by id; the active sheet when absent), and nothing
 * else: three syncs.
 *
 * @example
 * ```ts
 * const removed = await clearMarks(run.sheetId);
 * ```
 */
export async function clearMarks(sheetId?: string): Promise<number> {
  return run(async (context) => {
    const sheets = context.workbook.worksheets;
    const sheet = sheetId ? sheets.getItemOrNullObject(sheetId) : sheets.getActiveWorksheet();
    sheet.load('id');
    await context.sync();
    const target = sheet.isNullObject ? sheets.getActiveWorksheet() : sheet;
    const cfs = loadFormatTypes(target);
    await context.sync();
    const n = deleteMarks((await findMarks(context, cfs)).marks);
    await context.sync();
    return n;
  });
}

/**
 * Selects a cell (activating its sheet): one sync.
 *
 * @example
 * ```ts
 * await selectCell('報告', 'F12');
 * ```
 */
export async function selectCell(sheetIdOrName: string, cell: string): Promise<void> {
  await run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetIdOrName);
    sheet.activate();
    sheet.getRange(cell).select();
    await context.sync();
  });
}

/**
 * Writes the issues of a validation to an "issues" sheet with links to the cells, replacing the
 * one written for the same sheet before: three syncs.
 */
export async function writeIssuesSheet(plan: Plan, lang: Lang, v: ValidationRun): Promise<string> {
  const model = issuesSheet(plan, v.result.issues, { sheet: v.sheetName, templateId: v.result.templateId, lang });
  return run(async (context) => {
    const batch = new Batch(context);
    const info = await loadWorkbookInfo(context, batch);
    const [name] = await replaceGroup(context, batch, info, [model], lang, `issues:${v.sheetName}`);
    return name!;
  });
}

/** Whether this Excel has worksheet custom properties (ExcelApi 1.12), where import tags live. */
function hasCustomProperties(): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', '1.12');
  } catch {
    return false;
  }
}

/**
 * Reads the chosen sheets for the roll-up tab as the review panel reads the returns it took in:
 * validated together (which sheets are returns is core's decision), a return taken in under the
 * file it came from and the id the review knows it by, and the review state the workbook carries
 * (null when it carries none). Three syncs plus one per further ~4 MB of values: the sizes,
 * import tags and review part ride on the workbook listing's first sync, the review's XML on its
 * second.
 */
async function readChosen(
  context: Excel.RequestContext,
  batch: Batch,
  plan: Plan,
  sheetIds: readonly string[],
  onStep: OnStep,
): Promise<{ ok: true; info: WorkbookInfo; submissions: Submission[]; review: ReviewState | null } | { ok: false; reason: LocalizedText }> {
  onStep('reading');
  const targets = sheetIds.map((id) => queueUsedRange(context.workbook.worksheets.getItem(id)));
  const tags = hasCustomProperties()
    ? targets.map((t) => {
        const p = t.sheet.customProperties.getItemOrNullObject(IMPORT_KEY);
        p.load('value');
        return p;
      })
    : null;
  const parts = queueReviewParts(context);
  let xml: ReturnType<typeof queueReviewXml> = null;
  const info = await loadWorkbookInfo(context, batch, () => (xml = queueReviewXml(parts)));
  const stored = reviewOf(plan, xml);
  // A state that cannot be read stops the report: it is never guessed around.
  if (!stored.ok) return { ok: false, reason: stored.reason };
  const tagOf = (i: number) => (tags && !tags[i]!.isNullObject ? parseImportTag(tags[i]!.value) : null);
  targets.forEach((t, i) => {
    const tag = tagOf(i);
    if (tag) t.source = tag.source;
  });
  const grids: SheetGrid[] = await readGrids(context, batch, targets);
  onStep('rolling');
  await yieldToUi();
  const checked = validateReturns(plan, grids.map((grid) => ({ grid })));
  const submissions = reportSubmissions(
    plan,
    checked.flatMap((c, i) => ('result' in c ? [{ result: c.result, tag: tagOf(i) }] : [])),
  );
  return { ok: true, info, submissions, review: stored.stored ? stored.state : null };
}

export type RollupKind = 'ward' | 'annual';

/** A roll-up written, or why it was not: the review state the workbook carries cannot be read. */
export type RollupOutcome =
  | {
      ok: true;
      /** The sheets written. */
      sheets: string[];
      /** Core's report: what counted, what was left out and why (the review state applied). */
      report: WrittenReport['report'];
      /** Whether the workbook carries a review state (only accepted returns then count). */
      reviewed: boolean;
    }
  | { ok: false; reason: LocalizedText };

/**
 * Rolls up return sheets into a receiving unit's compiled report or the plan's annual report,
 * written as new sheets with a chart; the sheets of the same report written before are replaced.
 * The report is the review panel's (report.ts, core's `buildReport`): when the workbook carries a
 * review state, only the returns it accepted count and the verification sheets come along — as
 * the CLI's `compile` counts them; without one every return counts, as the CLI's `rollup`. A
 * review state that cannot be read stops the roll-up (it is never guessed around).
 *
 * Five syncs whatever the number of rows (the sizes, import tags and review part; the sheets'
 * tags and the review's XML; the values; two to write), one more with a verification sheet, and
 * one more per further ~4 MB of values read or sheets written.
 *
 * @example
 * ```ts
 * const r = await rollUp(plan, 'ja', { sheetIds, fiscalYear: 2026, kind: 'ward', ward: '12101' });
 * if (r.ok) r.report.submissions.filter((s) => s.use === 'left-out');
 * ```
 */
export async function rollUp(
  plan: Plan,
  lang: Lang,
  opts: { sheetIds: readonly string[]; fiscalYear: number; kind: RollupKind; ward?: string },
  onStep: OnStep = () => {},
): Promise<RollupOutcome> {
  if (opts.kind === 'ward' && !opts.ward) throw new Error('ward is required for a ward progress roll-up');
  return run(async (context) => {
    const batch = new Batch(context);
    const read = await readChosen(context, batch, plan, opts.sheetIds, onStep);
    if (!read.ok) return read;
    const { info, submissions, review } = read;
    onStep('writing');
    await yieldToUi();
    const written = await writeReport(context, batch, plan, lang, info, { submissions, review }, {
      fiscalYear: opts.fiscalYear,
      ...(opts.kind === 'ward' && opts.ward ? { receiver: opts.ward } : {}),
    });
    return { ok: true, sheets: written.sheets, report: written.report, reviewed: review !== null };
  });
}

/**
 * Who has reported for a fiscal year (and who is missing or late), from the plan's obligations
 * and the chosen return sheets — with the workbook's review state, as the roll-up counts them (a
 * return sent back has not arrived); optionally written as a sheet. Three syncs, five when written.
 *
 * @example
 * ```ts
 * const { model } = await completenessOf(plan, 'ja', { sheetIds, fiscalYear: 2026, write: false });
 * ```
 */
export async function completenessOf(
  plan: Plan,
  lang: Lang,
  opts: { sheetIds: readonly string[]; fiscalYear: number; within?: string; write: boolean },
  onStep: OnStep = () => {},
): Promise<{ completeness: Completeness; model: SheetModel; sheets: string[] }> {
  return run(async (context) => {
    const batch = new Batch(context);
    const read = await readChosen(context, batch, plan, opts.sheetIds, onStep);
    if (!read.ok) throw new Error(read.reason[lang]);
    const { info, submissions, review } = read;
    const { completeness: c, model, group } = completenessReport(plan, submissions, {
      fiscalYear: opts.fiscalYear,
      lang,
      ...(opts.within ? { within: opts.within } : {}),
      ...(review ? { review } : {}),
    });
    let sheets: string[] = [];
    if (opts.write) {
      onStep('writing');
      sheets = await replaceGroup(context, batch, info, [model], lang, group);
    }
    return { completeness: c, model, sheets };
  });
}

/**
 * Reads the plan the workbook carries and makes it active, then lets waiting custom functions go
 * on — also when there is none, or it cannot be read (they then use the preset). Returns the
 * problems of a stored plan that does not load.
 *
 * @example
 * ```ts
 * const issues = await openWorkbookPlan(); // [] when the plan loaded or there is none
 * ```
 */
export async function openWorkbookPlan(): Promise<PlanIssue[]> {
  try {
    const json = await run((context) => readStoredPlan(context));
    return json === null ? [] : adoptStoredPlan(json);
  } finally {
    planReady();
  }
}

/**
 * Makes the plan stored in a workbook active when it loads; returns its problems (the preset
 * stays active when it does not load).
 *
 * @example
 * ```ts
 * const issues = adoptStoredPlan(json);
 * ```
 */
export function adoptStoredPlan(json: string): PlanIssue[] {
  // A stored plan that is not JSON is reported like any other problem of the plan, not ignored.
  const r = parsePlanText(json);
  if (r.ok) setActivePlan(r.value, 'workbook');
  return r.issues;
}

/**
 * Stores a validated plan in the workbook (or removes the stored one when `plan` is null), makes
 * it active and recalculates the workbook, so that cells using the custom functions follow the
 * new plan: three syncs.
 *
 * @example
 * ```ts
 * await applyPlan({ plan: r.value, json: text });
 * await applyPlan(null); // back to the preset
 * ```
 */
export async function applyPlan(next: { plan: Plan; json: string } | null): Promise<void> {
  await run(async (context) => {
    if (next) await storePlan(context, next.json, { id: next.plan.id, version: next.plan.version });
    else await storePlan(context, null);
    if (next) setActivePlan(next.plan, 'workbook');
    else resetActivePlan();
    // Custom-function cells are not dirty when the plan changes: only a full calculation (all
    // cells marked dirty, ExcelApi 1.1) computes them again.
    context.workbook.application.calculate(Excel.CalculationType.full);
    await context.sync();
  });
}
