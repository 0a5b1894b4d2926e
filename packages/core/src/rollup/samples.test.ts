import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { annualReport, requirePlan, submissionFromValidation, traceFigure, unitsAt, validateGrid, wardProgress } from '../index.js';
import { generateReturns } from '../samples/index.js';

const plan = requirePlan(chibaPlan);

describe('roll-up of the sample data', () => {
  const gen = generateReturns(plan, { seed: 7, rows: 1500, badShare: 0.05, rowsPerSheet: 40 });
  const measures = generateReturns(plan, { seed: 8, rows: 12, templateId: 'city-measure' });
  const subs = [...gen.grids, ...measures.grids].map((g) => submissionFromValidation(validateGrid(g, { plan, today: gen.expected.asOf })));

  it('one call gives 中央区 progress whose figures all trace to rows', () => {
    const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
    expect(p.total.agg.records).toBeGreaterThan(0);
    for (const [id, v] of Object.entries(p.figures)) {
      if (typeof v === 'number' && v > 0 && !/\/(expected|expectedSubjects|missing)$/.test(id)) expect(traceFigure(p, id).length, id).toBeGreaterThan(0);
    }
  });

  it('one call gives the annual report; city totals equal the sum of the wards', () => {
    const r = annualReport(plan, subs, { fiscalYear: 2026 });
    const rows = r.wards.reduce((a, w) => a + w.total.agg.records, 0);
    expect(r.total.agg.records).toBe(rows);
    expect(rows).toBe(gen.expected.rows - subs.reduce((a, s) => a + s.records.filter((x) => x.errors > 0 && s.templateId === 'district-activity').length, 0));
    expect(traceFigure(r, '12100/*/sessions').length).toBe(rows);
    expect(r.measures.reported).toBeGreaterThan(0);
  });
});

describe('the annual report contains every ward progress', () => {
  const gen = generateReturns(plan, { seed: 11, rows: 3000, badShare: 0.05, rowsPerSheet: 30 });
  const subs = gen.grids.map((g) => submissionFromValidation(validateGrid(g, { plan, today: gen.expected.asOf })));

  it.each([{}, { includeInvalid: true }])('report.wards[i] equals wardProgress of that ward (%o)', (extra) => {
    const r = annualReport(plan, subs, { fiscalYear: 2026, ...extra });
    const wards = unitsAt(plan, 'ward').map((u) => u.code);
    expect(r.wards.map((w) => w.ward.code)).toEqual(wards);
    for (const w of r.wards) {
      expect(w.total.agg.records, w.ward.code).toBeGreaterThan(0);
      expect(w).toEqual(wardProgress(plan, subs, { fiscalYear: 2026, ward: w.ward.code, ...extra }));
    }
  });
});
