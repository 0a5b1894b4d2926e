/**
 * The active plan of the running add-in: the workbook's stored plan when it carries one, else the
 * built-in Chiba preset. Shared by the task pane and the custom functions (shared runtime).
 *
 * Custom functions may be called before the pane has read the workbook's plan (Excel recalculates
 * on open while the runtime is still starting): they wait for {@link whenPlanReady}, so a cell is
 * never computed with the preset in a workbook that carries its own plan.
 */
import type { Plan } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';

/**
 * The built-in preset as a plan. It is taken as it is, without `loadPlan`: validating it builds
 * every zod schema of the plan format and walks the whole file (about a third of the pane's start
 * on a slow machine), and the preset is checked where it is built instead — plan-chiba's tests
 * load it, and test/unit/preset.test.ts checks that `loadPlan` returns it unchanged, without a
 * single issue, so that taking it as it is gives exactly the same plan.
 */
export function presetPlan(): Plan {
  return chibaPlan as Plan;
}

export type PlanSource = 'preset' | 'workbook';

let active: { plan: Plan; source: PlanSource } | null = null;
let markReady: () => void = () => {};
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

/**
 * The active plan (the preset until a workbook plan is set).
 *
 * @example
 * ```ts
 * activePlan().plan.id; // 'chiba-sasaeai'
 * ```
 */
export function activePlan(): { plan: Plan; source: PlanSource } {
  if (!active) active = { plan: presetPlan(), source: 'preset' };
  return active;
}

/**
 * The active plan once the workbook's own plan has been looked for (see {@link planReady}).
 *
 * @example
 * ```ts
 * const { plan } = await whenPlanReady();
 * ```
 */
export async function whenPlanReady(): Promise<{ plan: Plan; source: PlanSource }> {
  await ready;
  return activePlan();
}

/** Says that the workbook's plan has been looked for (found or not): waiting functions go on. */
export function planReady(): void {
  markReady();
}

/** Makes a plan active (already validated with loadPlan). */
export function setActivePlan(plan: Plan, source: PlanSource): void {
  active = { plan, source };
}

/** Goes back to the built-in preset. */
export function resetActivePlan(): void {
  active = null;
}
