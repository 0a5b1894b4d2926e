import { describe, expect, it } from 'vitest';
import { DEFAULT_FISCAL_YEAR, dueDate, fiscalYearOf, fiscalYearRange, type ClosingRule } from './index.js';

describe('fiscal years', () => {
  it('defaults to April', () => {
    expect(DEFAULT_FISCAL_YEAR).toEqual({ startMonth: 4 });
  });
  it.each([
    ['2026-04-01', 2026],
    ['2026-03-31', 2025],
    ['2027-03-31', 2026],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
    ['2019-04-30', 2019],
  ])('fiscalYearOf(%s) = %i', (d, fy) => {
    expect(fiscalYearOf(d)).toBe(fy);
  });
  it('honours other start months', () => {
    expect(fiscalYearOf('2027-03-31', { startMonth: 1 })).toBe(2027);
    expect(fiscalYearOf('2026-09-30', { startMonth: 10 })).toBe(2025);
    expect(fiscalYearRange(2027, { startMonth: 3 })).toEqual({ start: '2027-03-01', end: '2028-02-29' });
    expect(fiscalYearRange(2026, { startMonth: 1 })).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });
  it('gives inclusive ranges', () => {
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(fiscalYearRange(2019)).toEqual({ start: '2019-04-01', end: '2020-03-31' });
  });
  it('rejects bad configs and years', () => {
    expect(() => fiscalYearOf('2026-04-01', { startMonth: 13 })).toThrow(RangeError);
    expect(() => fiscalYearRange(2026.5)).toThrow(RangeError);
  });
});

describe('dueDate', () => {
  const cases: [ClosingRule, number, string][] = [
    [{ kind: 'date', month: 4, day: 30, yearOffset: 1 }, 2026, '2027-04-30'], // district returns
    [{ kind: 'date', month: 6, day: 30, yearOffset: 1 }, 2026, '2027-06-30'], // ward compilation
    [{ kind: 'date', month: 9, day: 30, yearOffset: 1 }, 2026, '2027-09-30'], // city report
    [{ kind: 'date', month: 4, day: 31, yearOffset: 1 }, 2026, '2027-04-30'], // clamped
    [{ kind: 'date', month: 2, day: 29, yearOffset: 1 }, 2026, '2027-02-28'], // clamped, common year
    [{ kind: 'date', month: 2, day: 31, yearOffset: 1 }, 2027, '2028-02-29'], // clamped, leap year
    [{ kind: 'date', month: 3, day: 31, yearOffset: 0 }, 2026, '2026-03-31'],
    [{ kind: 'after-end' }, 2026, '2027-03-31'],
    [{ kind: 'after-end', days: 30 }, 2026, '2027-04-30'],
    [{ kind: 'after-end', months: 1 }, 2026, '2027-04-30'],
    [{ kind: 'after-end', months: 2 }, 2026, '2027-05-31'], // stays at month end
    [{ kind: 'after-end', months: 3, days: 1 }, 2026, '2027-07-01'],
  ];
  it.each(cases)('%j FY%i → %s', (rule, fy, expected) => {
    expect(dueDate(rule, fy)).toBe(expected);
  });
  it('month-end counting with a March start', () => {
    expect(dueDate({ kind: 'after-end', months: 1 }, 2026, { startMonth: 3 })).toBe('2027-03-31');
  });
  it('rejects malformed rules', () => {
    expect(() => dueDate({ kind: 'date', month: 13, day: 1, yearOffset: 1 }, 2026)).toThrow(RangeError);
    expect(() => dueDate({ kind: 'date', month: 4, day: 0, yearOffset: 1 }, 2026)).toThrow(RangeError);
    expect(() => dueDate({ kind: 'after-end', days: 1.5 }, 2026)).toThrow(RangeError);
  });
});
