import { requirePlan } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { eraLabel, fiscalYearOfValue, flowDueDate } from './logic.js';

const plan = requirePlan(chibaPlan);

describe('custom function logic', () => {
  it('FISCALYEAR reads date cells and typed dates', () => {
    expect(fiscalYearOfValue(plan, 46143)).toEqual({ ok: true, value: 2026, issues: [] }); // 2026-05-01
    expect(fiscalYearOfValue(plan, 'R9.3.31')).toEqual({ ok: true, value: 2026, issues: [] });
    expect(fiscalYearOfValue(plan, '令和8年4月1日')).toEqual({ ok: true, value: 2026, issues: [] });
    expect(fiscalYearOfValue(plan, '２０２６/３/３１')).toEqual({ ok: true, value: 2025, issues: [] });
    const bad = fiscalYearOfValue(plan, 'いつか');
    expect(bad.ok).toBe(false);
  });

  it('ERALABEL reads fiscal years, labels and dates', () => {
    expect(eraLabel(plan, 2026)).toEqual({ ok: true, value: '令和8年度', issues: [] });
    expect(eraLabel(plan, 2019)).toEqual({ ok: true, value: '令和元年度', issues: [] });
    expect(eraLabel(plan, 'R8')).toEqual({ ok: true, value: '令和8年度', issues: [] });
    expect(eraLabel(plan, 46143)).toEqual({ ok: true, value: '令和8年度', issues: [] });
    expect(eraLabel(plan, 46143, 'en')).toEqual({ ok: true, value: 'Reiwa 8 (FY2026)', issues: [] });
    expect(eraLabel(plan, true).ok).toBe(false);
  });

  it('DUEDATE gives the closing date of a flow as a serial', () => {
    expect(flowDueDate(plan, 'district-activity', 2026)).toEqual({ ok: true, value: 46507, issues: [] }); // 2027-04-30
    expect(flowDueDate(plan, 'district-activity', '令和8年度')).toEqual({ ok: true, value: 46507, issues: [] });
    const unknown = flowDueDate(plan, 'nope', 2026);
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.issues[0]!.en).toContain('district-activity');
    expect(flowDueDate(plan, 'district-activity', 'x').ok).toBe(false);
  });
});
