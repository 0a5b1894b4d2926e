/**
 * Custom functions and the workbook's plan: a call made before the pane has read the plan waits
 * for it instead of computing with the preset, and loading or resetting a plan recalculates the
 * workbook. Two differently shaped plans: Chiba's preset and the example town's.
 */
import { readFileSync } from 'node:fs';
import { loadPlan, type Plan } from '@sasaeai/core';
import { describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { applyPlan, openWorkbookPlan } from '../../src/app/operations.js';
import { activePlan } from '../../src/app/plan-state.js';
import { storePlan } from '../../src/excel/plan-store.js';
import { run } from '../../src/excel/run.js';
import { dueDateOf } from '../../src/functions/functions.js';
import { flowDueDate } from '../../src/functions/logic.js';

const townJson = readFileSync(new URL('../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8');
const town = (() => {
  const r = loadPlan(JSON.parse(townJson));
  if (!r.ok) throw new Error('town plan does not load');
  return r.value as Plan;
})();

/** Whether a promise is still pending after the event loop has turned. */
async function pending(p: Promise<unknown>): Promise<boolean> {
  const marker = Symbol('pending');
  const tick = new Promise((resolve) => setTimeout(() => resolve(marker), 20));
  return (await Promise.race([p.then(() => 'settled', () => 'settled'), tick])) === marker;
}

describe('custom functions and the workbook plan', () => {
  it('wait for the workbook plan instead of computing with the preset, then recalculate when the plan changes', async () => {
    fake.reset();
    await run((context) => storePlan(context, townJson, { id: town.id, version: town.version }));
    // Excel calls a function while the runtime is still starting: the town's flow, unknown to the preset.
    const early = dueDateOf('area-report', 2026);
    expect(await pending(early)).toBe(true);
    expect(await openWorkbookPlan()).toEqual([]);
    const expected = flowDueDate(town, 'area-report', 2026);
    expect(expected.ok).toBe(true);
    await expect(early).resolves.toBe(expected.ok ? expected.value : NaN);
    expect(activePlan().source).toBe('workbook');
    expect(fake.calculations()).toEqual([]);

    // Back to the preset: the town's flow is gone and the workbook is recalculated in full.
    await applyPlan(null);
    expect(fake.calculations()).toEqual(['Full']);
    expect(fake.customXmlParts()).toEqual([]);
    await expect(dueDateOf('area-report', 2026)).rejects.toThrow(/area-report/);
    await expect(dueDateOf('district-activity', 2026)).resolves.toBe(46507);

    await applyPlan({ plan: town, json: townJson });
    expect(fake.calculations()).toEqual(['Full', 'Full']);
    await expect(dueDateOf('area-report', 2026)).resolves.toBe(expected.ok ? expected.value : NaN);
  });
});
