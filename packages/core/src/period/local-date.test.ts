import { afterEach, describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  dateFromParts,
  daysBetween,
  fromDayNumber,
  isLocalDate,
  toDateParts,
  toDayNumber,
  todayIn,
} from './index.js';

describe('isLocalDate', () => {
  it.each([
    ['2026-05-01', true],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['0000-01-01', false],
    ['2026-5-1', false],
    ['2026/05/01', false],
    [' 2026-05-01', false],
    ['2026-05-01T00:00', false],
    [20260501, false],
    [null, false],
  ])('%j → %s', (input, expected) => {
    expect(isLocalDate(input)).toBe(expected);
  });
});

describe('dateFromParts', () => {
  it.each([
    [2026, 5, 1, '2026-05-01'],
    [2026, 2, 30, null],
    [2024, 2, 29, '2024-02-29'],
    [2026, 0, 1, null],
    [2026, 1.5, 1, null],
    [10000, 1, 1, null],
    [1, 1, 1, '0001-01-01'],
  ])('%i-%i-%i → %s', (y, m, d, expected) => {
    expect(dateFromParts(y, m, d)).toBe(expected);
  });
});

describe('arithmetic', () => {
  it.each([
    ['2027-03-31', 30, '2027-04-30'],
    ['2028-03-01', -1, '2028-02-29'],
    ['1970-01-01', 0, '1970-01-01'],
    ['1999-12-31', 1, '2000-01-01'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
  });
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-05-15', -5, '2025-12-15'],
    ['2026-03-31', 12, '2027-03-31'],
    ['2026-08-31', -2, '2026-06-30'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });
  it('compares and subtracts', () => {
    expect(compareDates('2026-05-01', '2026-05-02')).toBe(-1);
    expect(compareDates('2026-05-02', '2026-05-01')).toBe(1);
    expect(compareDates('2026-05-01', '2026-05-01')).toBe(0);
    expect(daysBetween('2026-04-01', '2026-05-01')).toBe(30);
    expect(daysBetween('2026-05-01', '2026-04-01')).toBe(-30);
    expect(daysBetween('2026-04-01', '2027-04-01')).toBe(365);
  });
  it('day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(fromDayNumber(toDayNumber('2026-05-01'))).toBe('2026-05-01');
    expect(toDateParts('2026-05-01')).toEqual({ year: 2026, month: 5, day: 1 });
  });
  it('rejects bad input loudly', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-05-01', 0.5)).toThrow(RangeError);
    expect(() => addMonths('2026-05-01', 1.5)).toThrow(RangeError);
    expect(() => compareDates('2026-5-1', '2026-05-01')).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });
});

describe('todayIn', () => {
  const instant = new Date('2026-04-30T15:00:00Z');
  it.each([
    ['Asia/Tokyo', '2026-05-01'],
    ['UTC', '2026-04-30'],
    ['America/Los_Angeles', '2026-04-30'],
    ['Pacific/Kiritimati', '2026-05-01'],
  ])('%s → %s', (tz, expected) => {
    expect(todayIn(tz, instant)).toBe(expected);
  });
  it('defaults to now and rejects unknown zones', () => {
    expect(isLocalDate(todayIn('Asia/Tokyo'))).toBe(true);
    expect(() => todayIn('Mars/Olympus_Mons', instant)).toThrow(RangeError);
    expect(() => todayIn('UTC', new Date(Number.NaN))).toThrow(RangeError);
  });
});

// Calendar arithmetic is date-fns's on UTCDate; these are the places where a plain `Date` (or
// date-fns's `isExists`, which builds one in local time) would go wrong.
describe('calendar arithmetic at the edges a local-time Date gets wrong', () => {
  const originalTz = process.env['TZ'];
  afterEach(() => {
    if (originalTz === undefined) delete process.env['TZ'];
    else process.env['TZ'] = originalTz;
  });

  it('keeps years 1–99 as themselves (Date.UTC and new Date(y, …) would read 1901–1999)', () => {
    expect(addDays('0050-03-01', -1)).toBe('0050-02-28');
    expect(addDays('0004-02-28', 1)).toBe('0004-02-29');
    expect(addMonths('0099-12-31', 2)).toBe('0100-02-28');
    expect(daysBetween('0001-01-01', '0002-01-01')).toBe(365);
  });

  it.each(['Pacific/Apia', 'America/Sao_Paulo', 'Asia/Tokyo', 'UTC'])('counts every calendar day in %s, even one the zone skipped', (zone) => {
    process.env['TZ'] = zone;
    // Samoa skipped 2011-12-30 (UTC-10 → UTC+14); Brazil's DST began at midnight on 2018-11-04.
    expect(addDays('2011-12-29', 1)).toBe('2011-12-30');
    expect(daysBetween('2011-12-29', '2011-12-31')).toBe(2);
    expect(addDays('2018-11-03', 1)).toBe('2018-11-04');
    expect(addMonths('2011-11-30', 1)).toBe('2011-12-30');
    expect(daysBetween('2018-11-03', '2018-11-05')).toBe(2);
  });
});
