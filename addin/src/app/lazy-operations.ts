/**
 * The task pane's operations, loaded on first use: validation, roll-up, report writing and plan
 * loading (with the zod schemas of the plan format) are a chunk of their own that the pane does
 * not wait for when it opens. Each export has the signature of its namesake in operations.ts;
 * the pane fetches the chunk in the background once it is ready, so a first click rarely waits.
 *
 * Only the task pane imports this module: functions.js (the manifest's script, which may run
 * without a page to load chunks into) imports operations.ts itself.
 */
import type { PlanIssue } from '@sasaeai/core';
import type * as Operations from './operations.js';
import { activePlan, planReady } from './plan-state.js';
import { readWorkbookAtStart, type WorkbookListing } from './startup.js';

export { listWorkbook } from './startup.js';

export type { Step, ValidationRun } from './operations.js';
export type { WorkbookListing } from './startup.js';

type Ops = typeof Operations;
let loading: Promise<Ops> | null = null;

/**
 * The operations chunk (fetched once).
 *
 * @example
 * ```ts
 * void loadOperations(); // start fetching it while the user reads the pane
 * ```
 */
export function loadOperations(): Promise<Ops> {
  loading ??= import(/* webpackChunkName: "operations" */ './operations.js');
  // A failed fetch (a network hiccup) is tried again on the next use.
  loading.catch(() => (loading = null));
  return loading;
}

function lazy<K extends keyof Ops>(name: K): Ops[K] {
  const call = async (...args: unknown[]) => ((await loadOperations())[name] as (...a: unknown[]) => unknown)(...args);
  return call as unknown as Ops[K];
}

export const applyPlan = lazy('applyPlan');
export const clearMarks = lazy('clearMarks');
export const completenessOf = lazy('completenessOf');
export const createReturnSheet = lazy('createReturnSheet');
export const rollUp = lazy('rollUp');
export const selectCell = lazy('selectCell');
export const validateInPlace = lazy('validateInPlace');
export const writeIssuesSheet = lazy('writeIssuesSheet');

/**
 * Reads and validates a plan file's text (core's `parsePlanText`, from the operations chunk):
 * a byte-order mark and text that is not JSON are handled as the CLI handles them.
 *
 * @example
 * ```ts
 * const r = await loadPlanText(await file.text());
 * ```
 */
export async function loadPlanText(text: string): Promise<ReturnType<Ops['parsePlanText']>> {
  return (await loadOperations()).parsePlanText(text);
}

/**
 * What the pane needs to show the workbook when it opens: the listing, and the workbook's own
 * plan made active when it carries one (only then is the operations chunk needed before the pane
 * is ready). Custom functions waiting for the plan go on afterwards, whatever happened.
 *
 * @example
 * ```ts
 * const { listing, planIssues, planChanged } = await openWorkbook();
 * ```
 */
export async function openWorkbook(): Promise<{ listing: WorkbookListing; planIssues: PlanIssue[]; planChanged: boolean }> {
  try {
    const { listing, planJson } = await readWorkbookAtStart();
    if (planJson === null) return { listing, planIssues: [], planChanged: false };
    const before = activePlan().plan;
    const planIssues = (await loadOperations()).adoptStoredPlan(planJson);
    return { listing, planIssues, planChanged: activePlan().plan !== before };
  } finally {
    planReady();
  }
}
