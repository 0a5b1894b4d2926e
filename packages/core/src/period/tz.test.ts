import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addDays,
  dateCellToLocalDate,
  dateToExcelSerial,
  dueDate,
  excelSerialToDate,
  fiscalYearOf,
  fiscalYearRange,
  fromDayNumber,
  parseDate,
  toDateParts,
  toDayNumber,
  todayIn,
} from './index.js';

// Node re-reads process.env.TZ on assignment, so one process can play every zone in turn.
const ZONES = [
  // [zone, offset of local time behind UTC in minutes on 2026-01-15, and on 2026-07-15]
  ['UTC', 0, 0],
  ['Asia/Tokyo', -540, -540],
  ['America/Los_Angeles', 480, 420],
] as const;

const originalTz = process.env['TZ'];
afterAll(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

const instant = new Date('2026-04-30T15:30:00Z');

describe.each(ZONES)('in %s', (zone, winterOffset, summerOffset) => {
  it('really runs in that zone', () => {
    process.env['TZ'] = zone;
    // Guards against a runtime that ignores TZ changes, which would make every check below vacuous.
    expect(new Date(2026, 0, 15).getTimezoneOffset()).toBe(winterOffset);
    expect(new Date(2026, 6, 15).getTimezoneOffset()).toBe(summerOffset);
  });

  it('gives the same table of results', () => {
    process.env['TZ'] = zone;
    expect(dueDate({ kind: 'date', month: 4, day: 30, yearOffset: 1 }, 2026)).toBe('2027-04-30');
    expect(dueDate({ kind: 'date', month: 6, day: 31, yearOffset: 1 }, 2026)).toBe('2027-06-30');
    expect(dueDate({ kind: 'after-end', months: 2 }, 2026)).toBe('2027-05-31');
    expect(dueDate({ kind: 'after-end', days: 30 }, 2026)).toBe('2027-04-30');
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(excelSerialToDate(46143)).toBe('2026-05-01');
    expect(excelSerialToDate(46143.99)).toBe('2026-05-01');
    expect(dateToExcelSerial('2026-05-01')).toBe(46143);
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(addDays('2026-03-07', 1)).toBe('2026-03-08'); // US DST starts 2026-03-08
    expect(addDays('2026-11-01', 1)).toBe('2026-11-02'); // US DST ends 2026-11-01
    expect(todayIn('Asia/Tokyo', instant)).toBe('2026-05-01');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-04-30');
    expect(todayIn('UTC', instant)).toBe('2026-04-30');
    expect(parseDate('R8.5.1')).toEqual({ ok: true, value: '2026-05-01', issues: [] });
    expect(parseDate(46143)).toEqual({ ok: true, value: '2026-05-01', issues: ['excel_serial'] });
  });

  it('interprets Date cells the same way', () => {
    process.env['TZ'] = zone;
    expect(dateCellToLocalDate(new Date(Date.UTC(2026, 4, 1)))).toBe('2026-05-01');
    expect(dateCellToLocalDate(new Date(2026, 4, 1))).toBe('2026-05-01');
    expect(dateCellToLocalDate(new Date(2026, 2, 8))).toBe('2026-03-08');
    expect(dateCellToLocalDate(new Date(2026, 10, 1))).toBe('2026-11-01');
    expect(dateCellToLocalDate(new Date('2026-05-01T09:30:00Z'))).toBe('2026-05-01');
    expect(parseDate(new Date(Date.UTC(2019, 3, 30)))).toEqual({ ok: true, value: '2019-04-30', issues: [] });
    expect(parseDate(new Date(2019, 4, 1))).toEqual({ ok: true, value: '2019-05-01', issues: [] });
  });

  it('reads every UTC-midnight and local-midnight cell as its own day', () => {
    process.env['TZ'] = zone;
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('1900-03-01'), max: toDayNumber('2100-12-31') }), (n) => {
        const date = fromDayNumber(n);
        const { year, month, day } = toDateParts(date);
        const utc = new Date(Date.UTC(year, month - 1, day));
        const local = new Date(year, month - 1, day);
        return dateCellToLocalDate(utc) === date && dateCellToLocalDate(local) === date;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('a local day whose midnight does not exist', () => {
  it('reads a Date built for it as that day (Japan started daylight saving at 00:00 in 1948–1951)', () => {
    process.env['TZ'] = 'Asia/Tokyo';
    const cell = new Date(1950, 4, 7);
    expect(cell.getHours()).toBe(1); // 00:00 was skipped: the constructor lands on 01:00
    expect(dateCellToLocalDate(cell)).toBe('1950-05-07');
    expect(dateCellToLocalDate(new Date(1948, 4, 2))).toBe('1948-05-02');
  });
});
