import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { emptyReview, loadPlan, planJsonSchema, requirePlan, ReviewStateSchema } from '../index.js';
import { LocalDateSchema } from './local-date-schema.js';

describe('one schema of a calendar date', () => {
  it('accepts real days only', () => {
    expect(LocalDateSchema.safeParse('2028-02-29').success).toBe(true);
    for (const bad of ['2026-02-30', '2026-02-29', '2026-5-1', '2026/05/01', '0000-01-01']) expect(LocalDateSchema.safeParse(bad).success, bad).toBe(false);
  });
  it('reports a plan unit valid to a day that does not exist, at its path', () => {
    const json = structuredClone(chibaPlan) as { units: { validTo?: string }[] };
    json.units[3]!.validTo = '2026-02-30';
    const r = loadPlan(json);
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'plan_schema', path: '/units/3/validTo' }));
  });
  it('refuses a saved review state with an impossible meeting date', () => {
    const state = (date: string) => ({ ...emptyReview(requirePlan(chibaPlan)), meetings: [{ id: 'm1', ward: '12101', fiscalYear: 2026, date, agenda: [], reviewed: [], recorded: { at: '2027-03-01T10:00:00+09:00', by: { id: 'staff', body: 'ward-secretariat' } } }] });
    expect(ReviewStateSchema.safeParse(state('2027-02-28')).success).toBe(true);
    expect(ReviewStateSchema.safeParse(state('2027-02-30')).success).toBe(false);
  });
  it('keeps the pattern in the plan file JSON Schema for editors', () => {
    expect(JSON.stringify(planJsonSchema())).toContain('^\\\\d{4}-\\\\d{2}-\\\\d{2}$');
  });
});
