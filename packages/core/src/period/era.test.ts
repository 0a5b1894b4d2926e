import { describe, expect, it } from 'vitest';
import { ERAS, eraOfDate, eraOfFiscalYear, formatDate, formatFiscalYear } from './index.js';

describe('ERAS', () => {
  it('chains start and end dates', () => {
    expect(ERAS.map((e) => [e.id, e.start, e.end])).toEqual([
      ['meiji', '1868-10-23', '1912-07-29'],
      ['taisho', '1912-07-30', '1926-12-24'],
      ['showa', '1926-12-25', '1989-01-07'],
      ['heisei', '1989-01-08', '2019-04-30'],
      ['reiwa', '2019-05-01', undefined],
    ]);
    expect(ERAS.map((e) => `${e.ja}/${e.en}/${e.abbr}`)).toEqual([
      '明治/Meiji/M',
      '大正/Taisho/T',
      '昭和/Showa/S',
      '平成/Heisei/H',
      '令和/Reiwa/R',
    ]);
    expect(Object.isFrozen(ERAS)).toBe(true);
    expect('end' in (ERAS[4] ?? {})).toBe(false);
  });
});

describe('eraOfDate', () => {
  it.each([
    ['1989-01-07', 'showa', 64],
    ['1989-01-08', 'heisei', 1],
    ['2019-04-30', 'heisei', 31],
    ['2019-05-01', 'reiwa', 1],
    ['2026-05-01', 'reiwa', 8],
    ['1926-12-24', 'taisho', 15],
    ['1926-12-25', 'showa', 1],
    ['1912-07-29', 'meiji', 45],
    ['1912-07-30', 'taisho', 1],
    ['1900-03-01', 'meiji', 33],
  ])('%s → %s %i', (d, id, year) => {
    const r = eraOfDate(d);
    expect([r.era.id, r.year]).toEqual([id, year]);
  });
  it('throws before Meiji', () => {
    expect(() => eraOfDate('1868-10-22')).toThrow(RangeError);
  });
});

describe('eraOfFiscalYear', () => {
  it.each([
    [2019, 'reiwa', 1],
    [2018, 'heisei', 30],
    [2026, 'reiwa', 8],
    [1989, 'heisei', 1],
    [1988, 'showa', 63],
    [1926, 'showa', 1],
    [1912, 'taisho', 1],
  ])('FY%i → %s %i', (fy, id, year) => {
    const r = eraOfFiscalYear(fy);
    expect([r.era.id, r.year]).toEqual([id, year]);
  });
  it('throws before 1868', () => {
    expect(() => eraOfFiscalYear(1867)).toThrow(RangeError);
  });
});

describe('formatFiscalYear', () => {
  it.each([
    [2026, 'era', 'ja', '令和8年度'],
    [2019, 'era', 'ja', '令和元年度'],
    [1989, 'era', 'ja', '平成元年度'],
    [2018, 'era', 'ja', '平成30年度'],
    [2026, 'era-gregorian', 'ja', '令和8(2026)年度'],
    [2019, 'era-gregorian', 'ja', '令和元(2019)年度'],
    [2026, 'gregorian', 'ja', '2026年度'],
    [2026, 'fy', 'ja', 'FY2026'],
    [2026, 'era', 'en', 'Reiwa 8 (FY2026)'],
    [2019, 'era', 'en', 'Reiwa 1 (FY2019)'],
    [2026, 'era-gregorian', 'en', 'Reiwa 8 (FY2026)'],
    [2026, 'gregorian', 'en', 'FY2026'],
    [2026, 'fy', 'en', 'FY2026'],
  ] as const)('FY%i %s %s → %s', (fy, style, lang, expected) => {
    expect(formatFiscalYear(fy, style, lang)).toBe(expected);
  });
  it('defaults to ja era', () => {
    expect(formatFiscalYear(2026)).toBe('令和8年度');
    expect(() => formatFiscalYear(2026.5)).toThrow(RangeError);
  });
});

describe('formatDate', () => {
  it.each([
    ['2026-05-01', 'iso', '2026-05-01'],
    ['2026-05-01', 'ja', '2026年5月1日'],
    ['2026-05-01', 'era', '令和8年5月1日'],
    ['2019-05-01', 'era', '令和元年5月1日'],
    ['2019-04-30', 'era', '平成31年4月30日'],
    ['1989-01-08', 'era', '平成元年1月8日'],
    ['1989-01-07', 'era', '昭和64年1月7日'],
    ['2026-05-01', 'en', '1 May 2026'],
    ['2026-12-25', 'en', '25 December 2026'],
  ] as const)('%s %s → %s', (d, style, expected) => {
    expect(formatDate(d, style)).toBe(expected);
  });
  it('throws on invalid dates', () => {
    expect(() => formatDate('2026-02-30', 'ja')).toThrow(RangeError);
  });
});
