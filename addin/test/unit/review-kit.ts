/**
 * What the unit tests of the review share: returns taken into the fake workbook from real .xlsx
 * files, the secretariat's acts at a ticking clock, and an outcome core must not have refused.
 */
import type { ActionContext, Actor, Plan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { returnFile } from '../fixtures/return-files.js';
import { importReturns } from '../../src/app/import-returns.js';
import type { ReviewOutcome } from '../../src/app/review.js';

let tick = 0;

/** Starts the clock of {@link ctx} again (call before each test). */
export function resetClock(): void {
  tick = 0;
}

/** An act's context: the actor, a reason when given, and a clock one minute later at each call. */
export function ctx(actor: Actor, reason?: string): ActionContext {
  const c: ActionContext = { actor, now: () => new Date(Date.UTC(2026, 4, 20, 0, tick++)) };
  if (reason) c.reason = reason;
  return c;
}

/** The view of an outcome core accepted (a refusal fails the test with core's reason). */
export function ok(r: ReviewOutcome) {
  if (!r.ok) throw new Error(r.reason.en);
  return r.view;
}

/**
 * Takes in `n` returns of three rows each, one file each (`r1.xlsx`, …, sheet 報告); returns the
 * ids the review knows them by.
 */
export async function takeIn(plan: Plan, n: number, opts: { wards?: string[]; seed?: number } = {}): Promise<string[]> {
  const g = generateReturns(plan, { seed: opts.seed ?? 5, rows: n * 3, rowsPerSheet: 3, fiscalYear: 2025, ...(opts.wards ? { wards: opts.wards } : {}) });
  const files = await Promise.all(
    g.grids.map(async (grid, i) => ({ name: `r${i + 1}.xlsx`, bytes: await returnFile({ sheets: [{ name: '報告', cells: grid.cells }], modified: new Date('2026-05-10T00:00:00Z') }) })),
  );
  await importReturns(plan, 'ja', files);
  return files.map((f) => `${f.name}#報告`);
}
