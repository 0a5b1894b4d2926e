import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toHalfWidth } from '../text/index.js';
import {
  MAX_EXCEL_SERIAL,
  addDays,
  addMonths,
  compareDates,
  dateToExcelSerial,
  daysBetween,
  excelSerialToDate,
  fiscalYearOf,
  fiscalYearRange,
  formatDate,
  formatFiscalYear,
  fromDayNumber,
  isLocalDate,
  parseDate,
  parseFiscalYear,
  toDayNumber,
  type FiscalYearLabelStyle,
} from './index.js';

const dayIn = (min: string, max: string): fc.Arbitrary<string> =>
  fc.integer({ min: toDayNumber(min), max: toDayNumber(max) }).map(fromDayNumber);
const dates = dayIn('1900-03-01', '2100-12-31');
const startMonths = fc.integer({ min: 1, max: 12 });
const widen = (s: string): string =>
  s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('properties', () => {
  it('every date lies in exactly one fiscal year', () => {
    fc.assert(
      fc.property(dates, startMonths, (d, startMonth) => {
        const cfg = { startMonth };
        const fy = fiscalYearOf(d, cfg);
        const contains = (y: number): boolean => {
          const r = fiscalYearRange(y, cfg);
          return compareDates(r.start, d) <= 0 && compareDates(d, r.end) <= 0;
        };
        return contains(fy) && !contains(fy - 1) && !contains(fy + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('fiscal years tile the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), startMonths, (fy, startMonth) => {
        const a = fiscalYearRange(fy, { startMonth });
        const b = fiscalYearRange(fy + 1, { startMonth });
        return addDays(a.end, 1) === b.start && fiscalYearOf(a.start, { startMonth }) === fy && fiscalYearOf(a.end, { startMonth }) === fy;
      }),
    );
  });

  it('serial → date → serial round-trips (fraction dropped)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_EXCEL_SERIAL }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (s, frac) => {
        const d = excelSerialToDate(s + frac);
        if (s === 60) return d === null;
        return d !== null && dateToExcelSerial(d) === s;
      }),
      { numRuns: 3000 },
    );
  });

  it('date → serial → date round-trips', () => {
    fc.assert(
      fc.property(dayIn('1900-01-01', '9999-12-31'), (d) => excelSerialToDate(dateToExcelSerial(d)) === d),
      { numRuns: 3000 },
    );
  });

  it('parseFiscalYear(formatFiscalYear(fy)) round-trips for every label form', () => {
    const styles: FiscalYearLabelStyle[] = ['era', 'era-gregorian', 'gregorian', 'fy'];
    const langs = ['ja', 'en'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), fc.constantFrom(...styles), fc.constantFrom(...langs), fc.boolean(), (fy, style, lang, wide) => {
        const label = formatFiscalYear(fy, style, lang);
        const r = parseFiscalYear(wide ? widen(label) : label);
        return r.ok && r.value === fy;
      }),
      { numRuns: 3000 },
    );
  });

  it('parseDate(formatDate(d)) round-trips for every style', () => {
    fc.assert(
      fc.property(dayIn('1900-01-01', '9999-12-31'), fc.constantFrom('iso', 'ja', 'era', 'en' as const), fc.boolean(), (d, style, wide) => {
        // Era years have at most three digits on input (令和999年 = 3017).
        if (style === 'era' && d > '3017-12-31') return true;
        const text = formatDate(d, style);
        const r = parseDate(wide ? widen(text) : text);
        return r.ok && r.value === d;
      }),
      { numRuns: 3000 },
    );
  });

  it('era formatting round-trips without notes', () => {
    fc.assert(
      fc.property(dates, (d) => {
        const r = parseDate(formatDate(d, 'era'));
        return r.ok && r.issues.length === 0;
      }),
    );
  });

  it('arithmetic is consistent', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: -40000, max: 40000 }), (d, n) => {
        const e = addDays(d, n);
        return isLocalDate(e) && daysBetween(d, e) === n && Math.sign(n) === compareDates(e, d) + 0;
      }),
    );
    fc.assert(
      fc.property(dates, fc.integer({ min: -1200, max: 1200 }), (d, n) => {
        const e = addMonths(d, n);
        return isLocalDate(e) && e.slice(8) <= d.slice(8);
      }),
    );
  });

  it('toHalfWidth undoes widening of ASCII', () => {
    fc.assert(fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => toHalfWidth(widen(s)) === s));
  });

  it('random strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(() => parseDate(s)).not.toThrow();
        expect(() => parseFiscalYear(s)).not.toThrow();
      }),
    );
  });
});
