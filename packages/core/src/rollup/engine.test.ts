import { describe, expect, it } from 'vitest';
import { later, packDate, rowDate, rowList, sortSubmissions, type ScopeScan } from './engine.js';
import type { Submission } from './submission.js';

/** A scope with the given report dates stored as the scan stores them. */
function scopeWith(dates: (string | null)[]): ScopeScan {
  const ss = { dateOf: new Int32Array(dates.length), oddDates: new Map<number, string>() } as unknown as ScopeScan;
  dates.forEach((d, i) => {
    if (d === null) return;
    const p = packDate(d);
    if (p > 0) ss.dateOf[i] = p;
    else ss.oddDates.set(i, d);
  });
  return ss;
}

describe('report dates kept as numbers', () => {
  it('packs yyyy-mm-dd and nothing else', () => {
    expect(packDate('2026-05-01')).toBe(20260501);
    expect(packDate('0001-01-01')).toBe(10101);
    for (const s of ['', '2026/05/01', '2026-5-1', '2026-05-01 ', '２０２６-05-01', '2026-0a-01', '0000-00-00']) expect(packDate(s), s).toBe(0);
  });

  it('gives back every date exactly as it was read, odd ones included', () => {
    const dates = ['2026-05-01', null, '2027-03-31', '0001-01-01', '0000-00-00', '', 'R8.5.1', '2026-13-45', '1999-12-31'];
    const ss = scopeWith(dates);
    expect(dates.map((_, i) => rowDate(ss, i))).toEqual(dates);
  });
});

describe('later', () => {
  it('orders report dates as their texts do, packed or not', () => {
    const dates = ['', '2026-05-01', '2026-05-02', '2027-01-01', '1999-12-31', '0000-00-00', 'R8.5.1', '2026/5/1', '2026-13-45', '２０２６-05-01'];
    const textOrder = (a: string, b: string) => (a > b ? 1 : a === b ? 0 : -1);
    for (const a of dates)
      for (const b of dates) expect(later(a, packDate(a), b, packDate(b)), `${a} vs ${b}`).toBe(textOrder(a, b));
  });
});

describe('rowList', () => {
  it('copies typed row indices into a plain array, shifted', () => {
    const out = rowList(new Int32Array([3, 4, 9]), 10);
    expect(out).toEqual([13, 14, 19]);
    expect(Array.isArray(out)).toBe(true);
    expect(rowList(new Int32Array(0))).toEqual([]);
  });
});

describe('sortSubmissions', () => {
  const sub = (source: string | undefined, sheet: string, n: number, firstRow = 2) =>
    ({ id: `${source ?? ''}#${sheet}`, ...(source === undefined ? {} : { source }), sheet, templateId: 't', issues: [], records: Array.from({ length: n }, (_, i) => ({ ref: { sheet, row: firstRow + i }, values: {}, errors: 0, warnings: 0 })) }) as Submission;
  const subs = [sub(undefined, 'z', 1), sub('a.xlsx', 'x', 2), sub('a.xlsx', 'y', 1), sub('b.xlsx', 'x', 1), sub('b.xlsx', 'x', 2), sub('b.xlsx', 'x', 2, 5)];

  it('orders by source, sheet, id, size and first row, whatever order they come in, as a new array', () => {
    for (let seed = 0; seed < 20; seed++) {
      const shuffled = subs.map((s, i) => ({ s, k: (i * 7919 + seed * 104729) % 97 })).sort((a, b) => a.k - b.k).map((x) => x.s);
      expect(sortSubmissions(shuffled)).toEqual(subs);
    }
    const out = sortSubmissions(subs);
    expect(out).toEqual(subs);
    expect(out).not.toBe(subs);
  });

  it('keeps the order given for returns that tie, sorted or not', () => {
    const a = sub('a.xlsx', 'x', 1);
    const b = { ...sub('a.xlsx', 'x', 1) };
    expect(sortSubmissions([a, b])[0]).toBe(a);
    expect(sortSubmissions([b, a])[0]).toBe(b);
    expect(sortSubmissions([sub('c.xlsx', 'x', 1), b, a]).slice(0, 2)).toEqual([b, a]);
    expect(sortSubmissions([sub('c.xlsx', 'x', 1), b, a])[0]).toBe(b);
  });
});
