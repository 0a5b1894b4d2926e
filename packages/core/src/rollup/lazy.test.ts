import { describe, expect, it } from 'vitest';
import { annualReport, completeness, requirePlan, wardProgress } from '../index.js';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { activityReturn } from './fixtures.test-helpers.js';
import { lazyProperty } from './lazy.js';

describe('lazyProperty', () => {
  it('makes the value once, on first read, and keeps the key in its place', () => {
    let made = 0;
    const o = lazyProperty({ a: 1, items: [] as number[], z: 2 }, 'items', () => (made++, [1, 2]));
    expect(made).toBe(0);
    expect(Object.keys(o)).toEqual(['a', 'items', 'z']);
    expect(o.items).toEqual([1, 2]);
    expect(o.items).toBe(o.items);
    expect(made).toBe(1);
    expect(JSON.stringify(o)).toBe('{"a":1,"items":[1,2],"z":2}');
  });

  it('takes a write before any read, and never builds then', () => {
    let made = 0;
    const o = lazyProperty({ items: [] as number[] }, 'items', () => (made++, [1]));
    o.items = [9];
    expect(o.items).toEqual([9]);
    expect(made).toBe(0);
    expect(Object.getOwnPropertyDescriptor(o, 'items')).toMatchObject({ value: [9], writable: true, enumerable: true });
  });
});

describe('row refs of a roll-up, made on first read', () => {
  const plan = requirePlan(chibaPlan);
  const subs = [
    activityReturn('b.xlsx', [{ district: '12102-01', initiative: 'C01', reportDate: '2026-05-01' }, { district: '12102-01', initiative: 'C02', reportDate: '2026-06-01' }]),
    activityReturn('a.xlsx', [{ district: '12101-01', initiative: 'C01', reportDate: '2026-05-02' }]),
  ];

  it('gives every counted row of a ward, in the order its figures number them', () => {
    const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12102' });
    expect(p.refs).toEqual([
      { source: 'b.xlsx', sheet: '活動状況報告', row: 2 },
      { source: 'b.xlsx', sheet: '活動状況報告', row: 3 },
    ]);
    expect(Object.keys(p).slice(-3)).toEqual(['refs', 'figures', 'provenance']);
  });

  it("gives completeness the wards' rows one after the other, and the annual report each ward's", () => {
    const c = completeness(plan, subs, { fiscalYear: 2026 });
    expect(c.refs.map((r) => `${r.source}:${r.row}`)).toEqual(['a.xlsx:2', 'b.xlsx:2', 'b.xlsx:3']);
    const r = annualReport(plan, subs, { fiscalYear: 2026 });
    expect(r.wards.flatMap((w) => w.refs.map((x) => `${x.source}:${x.row}`))).toEqual(['a.xlsx:2', 'b.xlsx:2', 'b.xlsx:3']);
    expect(r.refs).toEqual([]);
  });
});
