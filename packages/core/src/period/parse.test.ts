import { describe, expect, it } from 'vitest';
import { parseDate, parseFiscalYear, type PeriodNote, type PeriodParseFailure } from './index.js';

describe('parseDate — accepted forms', () => {
  const cases: [unknown, string, PeriodNote[]][] = [
    ['2026/5/1', '2026-05-01', []],
    ['2026/05/01', '2026-05-01', []],
    ['2026-05-01', '2026-05-01', []],
    ['2026-5-1', '2026-05-01', []],
    ['2026.5.1', '2026-05-01', []],
    ['2026年5月1日', '2026-05-01', []],
    ['2026年05月01日', '2026-05-01', []],
    ['令和8年5月1日', '2026-05-01', []],
    ['令和元年5月1日', '2019-05-01', []],
    ['令和1年5月1日', '2019-05-01', []],
    ['R8.5.1', '2026-05-01', []],
    ['R8/5/1', '2026-05-01', []],
    ['R8-5-1', '2026-05-01', []],
    ['r8.5.1', '2026-05-01', []],
    ['R08.05.01', '2026-05-01', []],
    ['R8年5月1日', '2026-05-01', []],
    ['令和8.5.1', '2026-05-01', []],
    ['H31.4.30', '2019-04-30', []],
    ['平成31年4月30日', '2019-04-30', []],
    ['H31.5.1', '2019-05-01', ['era_date_after_era_end']],
    ['平成31年5月1日', '2019-05-01', ['era_date_after_era_end']],
    ['令和元年4月30日', '2019-04-30', ['era_date_before_era_start']],
    ['S64.1.7', '1989-01-07', []],
    ['昭和64年1月8日', '1989-01-08', ['era_date_after_era_end']],
    ['H1.1.8', '1989-01-08', []],
    ['平成元年1月8日', '1989-01-08', []],
    ['T15.12.24', '1926-12-24', []],
    ['M45.7.29', '1912-07-29', []],
    ['Ｒ８．５．１', '2026-05-01', ['normalised_width']],
    ['２０２６／５／１', '2026-05-01', ['normalised_width']],
    ['令和８年５月１日', '2026-05-01', ['normalised_width']],
    ['㋿8.5.1', '2026-05-01', ['normalised_width']],
    ['㍻31年4月30日', '2019-04-30', ['normalised_width']],
    [' 2026 / 5 / 1 ', '2026-05-01', []],
    ['\u3000令和 8年 5月 1日\u3000', '2026-05-01', []],
    ['R8. 5. 1', '2026-05-01', []],
    ['2026\u22125\u22121', '2026-05-01', []],
    ['2026ー5ー1', '2026-05-01', []],
    ['2026年5月1日(金)', '2026-05-01', []],
    ['2026年5月1日（金曜日）', '2026-05-01', ['normalised_width']],
    ['R8.5.1(金)', '2026-05-01', []],
    ['1 May 2026', '2026-05-01', []],
    ['May 1, 2026', '2026-05-01', []],
    ['1 may 2026', '2026-05-01', []],
    ['31 Dec. 2026', '2026-12-31', []],
    [46143, '2026-05-01', ['excel_serial']],
    [46143.5, '2026-05-01', ['excel_serial', 'time_of_day_ignored']],
    [61, '1900-03-01', ['excel_serial']],
    [59, '1900-02-28', ['excel_serial']],
    [new Date(Date.UTC(2026, 4, 1)), '2026-05-01', []],
    [new Date(2026, 4, 1), '2026-05-01', []],
    [new Date('2026-05-01T09:30:00Z'), '2026-05-01', ['time_of_day_ignored']],
  ];
  it.each(cases)('%j → %s', (raw, value, notes) => {
    expect(parseDate(raw)).toEqual({ ok: true, value, issues: notes });
  });
});

describe('parseDate — rejected', () => {
  const cases: [unknown, PeriodParseFailure][] = [
    [null, 'empty'],
    [undefined, 'empty'],
    ['', 'empty'],
    ['\u3000 \t', 'empty'],
    ['2026/2/30', 'invalid_date'],
    ['2026/13/1', 'invalid_date'],
    ['R8.2.30', 'invalid_date'],
    ['H31.2.29', 'invalid_date'],
    ['R0.5.1', 'invalid_era_year'],
    ['令和0年5月1日', 'invalid_era_year'],
    ['2026年5月1日(月)', 'weekday_mismatch'],
    ['1899/12/31', 'out_of_range'],
    ['M20.1.1', 'out_of_range'],
    [60, 'serial_1900_02_29'],
    [60.25, 'serial_1900_02_29'],
    [0, 'out_of_range'],
    [-5, 'out_of_range'],
    [2958466, 'out_of_range'],
    [Number.NaN, 'unrecognised'],
    ['46143', 'unrecognised'],
    ['2026/5', 'unrecognised'],
    ['2026/5-1', 'unrecognised'],
    ['26/5/1', 'unrecognised'],
    ['X8.5.1', 'unrecognised'],
    ['#N/A', 'unrecognised'],
    ['=TODAY()', 'unrecognised'],
    ['令和八年五月一日', 'unrecognised'],
    [true, 'unrecognised'],
    [{}, 'unrecognised'],
    [new Date(Number.NaN), 'invalid_date'],
    [new Date(Date.UTC(1899, 11, 31)), 'out_of_range'],
  ];
  it.each(cases)('%j → %s', (raw, reason) => {
    expect(parseDate(raw)).toEqual({ ok: false, issues: [reason] });
  });
});

describe('parseFiscalYear — accepted forms', () => {
  const cases: [unknown, number, PeriodNote[]][] = [
    [2026, 2026, []],
    [2026.0, 2026, []],
    ['2026', 2026, []],
    ['２０２６', 2026, ['normalised_width']],
    ['2026年度', 2026, []],
    ['2026 年度', 2026, []],
    ['2026年', 2026, ['calendar_year_label']],
    ['令和8年度', 2026, []],
    ['令和８年度', 2026, ['normalised_width']],
    ['令和元年度', 2019, []],
    ['令和1年度', 2019, []],
    ['令和8年', 2026, ['calendar_year_label']],
    ['令和8', 2026, []],
    ['R8', 2026, []],
    ['R8年度', 2026, []],
    ['r8', 2026, []],
    ['Ｒ８', 2026, ['normalised_width']],
    ['R08', 2026, []],
    ['H30年度', 2018, []],
    ['平成30年度', 2018, []],
    ['平成31年度', 2019, []],
    ['平成32年度', 2020, ['era_year_beyond_end']],
    ['平成34年度', 2022, ['era_year_beyond_end']],
    ['平成元年度', 1989, []],
    ['昭和64年度', 1989, []],
    ['大正15年度', 1926, []],
    ['昭和元年度', 1926, []],
    ['FY2026', 2026, []],
    ['fy 2026', 2026, []],
    ['FY.2026', 2026, []],
    ['ＦＹ２０２６', 2026, ['normalised_width']],
    ['令和8(2026)年度', 2026, []],
    ['令和8（2026）年度', 2026, ['normalised_width']],
    ['令和元(2019)年度', 2019, []],
    ['令和8年度(2026年度)', 2026, []],
    ['2026(令和8)年度', 2026, []],
    ['2026年度(令和8年度)', 2026, []],
    ['Reiwa 8 (FY2026)', 2026, []],
    ['Heisei 30 (FY2018)', 2018, []],
    ['㋿8年度', 2026, ['normalised_width']],
    [' 令和 8 年度 ', 2026, []],
    ['令和8\n年度', 2026, []],
    [1900, 1900, []],
    [2200, 2200, []],
  ];
  it.each(cases)('%j → %i', (raw, value, notes) => {
    expect(parseFiscalYear(raw)).toEqual({ ok: true, value, issues: notes });
  });
  it('ignores the start month for labels', () => {
    expect(parseFiscalYear('令和8年度', { startMonth: 1 })).toEqual({ ok: true, value: 2026, issues: [] });
    expect(() => parseFiscalYear('2026', { startMonth: 0 })).toThrow(RangeError);
  });
});

describe('parseFiscalYear — rejected', () => {
  const cases: [unknown, PeriodParseFailure][] = [
    [null, 'empty'],
    [undefined, 'empty'],
    ['  ', 'empty'],
    [2026.5, 'not_integer'],
    [46143, 'out_of_range'],
    [1899, 'out_of_range'],
    [2201, 'out_of_range'],
    [26, 'out_of_range'],
    ['1899年度', 'out_of_range'],
    ['明治20年度', 'out_of_range'],
    ['令和0年度', 'invalid_era_year'],
    ['R0', 'invalid_era_year'],
    ['令和8(2025)年度', 'era_mismatch'],
    ['2025(令和8)年度', 'era_mismatch'],
    ['Reiwa 8 (FY2025)', 'era_mismatch'],
    ['2026.5', 'unrecognised'],
    ['26年度', 'unrecognised'],
    ['2026/5/1', 'unrecognised'],
    ['X8', 'unrecognised'],
    ['#VALUE!', 'unrecognised'],
    [Number.NaN, 'unrecognised'],
    [new Date(Date.UTC(2026, 4, 1)), 'unrecognised'],
    [true, 'unrecognised'],
  ];
  it.each(cases)('%j → %s', (raw, reason) => {
    expect(parseFiscalYear(raw)).toEqual({ ok: false, issues: [reason] });
  });
});
