/**
 * The active plan of the running add-in: the workbook's stored plan when it carries one, else the
 * built-in Chiba preset. Shared by the task pane and the custom functions (shared runtime).
 */
import { requirePlan, type Plan } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';

export type PlanSource = 'preset' | 'workbook';

let active: { plan: Plan; source: PlanSource } | null = null;

/**
 * The active plan (the preset until a workbook plan is set).
 *
 * @example
 * ```ts
 * activePlan().plan.id; // 'chiba-sasaeai'
 * ```
 */
export function activePlan(): { plan: Plan; source: PlanSource } {
  if (!active) active = { plan: requirePlan(chibaPlan), source: 'preset' };
  return active;
}

/** Makes a plan active (already validated with loadPlan). */
export function setActivePlan(plan: Plan, source: PlanSource): void {
  active = { plan, source };
}

/** Goes back to the built-in preset. */
export function resetActivePlan(): void {
  active = null;
}
