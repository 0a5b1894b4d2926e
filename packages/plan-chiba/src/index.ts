/**
 * The Chiba City preset of Sasaeai: 「支え合いのまち千葉 推進計画」 as a plan file.
 *
 * The plan is plain data. Load it with `loadPlan` from `@sasaeai/core`, exactly as a
 * municipality's own plan file is loaded. Which parts are fact, which are preset defaults and
 * which are samples is recorded in the file's `notes`.
 *
 * @packageDocumentation
 */
import plan from './chiba.plan.json';

/**
 * The Chiba plan file, as JSON data (not yet validated).
 *
 * @example
 * ```ts
 * import { chibaPlan } from '@sasaeai/plan-chiba';
 * import { loadPlan } from '@sasaeai/core';
 * const result = loadPlan(chibaPlan);
 * ```
 */
export const chibaPlan: unknown = plan;

/** Id of the Chiba plan. */
export const CHIBA_PLAN_ID = 'chiba-sasaeai';
