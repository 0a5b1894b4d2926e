/**
 * The pane takes the Chiba preset as it is, without validating it at start (app/plan-state.ts):
 * that is only right while `loadPlan` accepts it without an issue and returns it unchanged (no
 * default filled in, nothing dropped or converted).
 */
import { loadPlan } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { presetPlan } from '../../src/app/plan-state.js';

describe('the preset plan', () => {
  it('is exactly what loadPlan makes of it, with no issue', () => {
    const r = loadPlan(structuredClone(chibaPlan));
    expect(r.issues).toEqual([]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(presetPlan()).toStrictEqual(r.value);
  });
});
