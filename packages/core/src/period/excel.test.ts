import { describe, expect, it } from 'vitest';
import { MAX_EXCEL_SERIAL, dateCellToLocalDate, dateToExcelSerial, excelSerialToDate } from './index.js';

describe('Excel serials', () => {
  it.each([
    [1, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [60, null],
    [61, '1900-03-01'],
    [25569, '1970-01-01'],
    [43585, '2019-04-30'],
    [43586, '2019-05-01'],
    [46143, '2026-05-01'],
    [46143.999, '2026-05-01'],
    [MAX_EXCEL_SERIAL, '9999-12-31'],
    [MAX_EXCEL_SERIAL + 1, null],
    [0, null],
    [0.5, null],
    [-1, null],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%d → %s', (serial, expected) => {
    expect(excelSerialToDate(serial)).toBe(expected);
  });
  it.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['2026-05-01', 46143],
    ['9999-12-31', MAX_EXCEL_SERIAL],
  ])('%s → %i', (d, serial) => {
    expect(dateToExcelSerial(d)).toBe(serial);
  });
  it('rejects dates before the 1900 system', () => {
    expect(() => dateToExcelSerial('1899-12-31')).toThrow(RangeError);
    expect(() => dateToExcelSerial('1900-02-29')).toThrow(RangeError);
  });
});

describe('dateCellToLocalDate', () => {
  it('reads UTC-midnight cells (exceljs, SheetJS UTC) as the UTC day', () => {
    expect(dateCellToLocalDate(new Date(Date.UTC(2026, 4, 1)))).toBe('2026-05-01');
    expect(dateCellToLocalDate(new Date('2019-04-30T00:00:00.000Z'))).toBe('2019-04-30');
  });
  it('reads local-midnight cells as the local day', () => {
    expect(dateCellToLocalDate(new Date(2026, 4, 1))).toBe('2026-05-01');
  });
  it('reads date-time cells as the UTC day', () => {
    expect(dateCellToLocalDate(new Date('2026-05-01T09:30:00Z'))).toBe('2026-05-01');
  });
  it('gives null for Invalid Date', () => {
    expect(dateCellToLocalDate(new Date(Number.NaN))).toBeNull();
  });
});
