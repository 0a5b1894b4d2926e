import { normalizeDashes } from '../text/index.js';
import { eraById, eraStartYear, type EraId, type EraInfo } from './era.js';
import { dateCellHasTime, dateCellToLocalDate, excelSerialToDate, MAX_EXCEL_SERIAL } from './excel.js';
import { checkConfig, DEFAULT_FISCAL_YEAR, type FiscalYearConfig } from './fiscal-year.js';
import { compareDates, dateFromParts, daysFromCivil, type LocalDate } from './local-date.js';
import type { Result } from '../result.js';

/**
 * Something worth telling the user about a value that was nevertheless understood.
 *
 * - `excel_serial`: a number cell was read as an Excel date serial.
 * - `time_of_day_ignored`: the value carried a time of day, which was dropped.
 * - `normalised_width`: full-width characters or ligatures (`㍻`, `㋿`) were converted.
 * - `era_date_after_era_end`: an era date past the era's last day (H31.5.1 → 2019-05-01).
 * - `era_date_before_era_start`: an era date before the era began (令和元年4月1日 → 2019-04-01).
 * - `era_year_beyond_end`: a fiscal-year label in an era that had already ended
 *   (平成32年度 → FY2020, common in plans drafted before 2019).
 * - `calendar_year_label`: 年 was written where 年度 was meant (2026年 → FY2026).
 */
export type PeriodNote =
  | 'excel_serial'
  | 'time_of_day_ignored'
  | 'normalised_width'
  | 'era_date_after_era_end'
  | 'era_date_before_era_start'
  | 'era_year_beyond_end'
  | 'calendar_year_label';

/**
 * Why a value could not be read as a date or fiscal year.
 *
 * - `empty`: null, undefined, or only white space.
 * - `unrecognised`: not a form we understand (including booleans, NaN, numeric strings given
 *   as dates, and Date objects given as fiscal years).
 * - `invalid_date`: the form is right but the day does not exist (2026/2/30), or an Invalid Date.
 * - `invalid_era_year`: era year 0 (令和0年).
 * - `era_mismatch`: era and Gregorian years disagree (令和8(2025)年度).
 * - `weekday_mismatch`: a weekday was written and it is wrong (2026年5月1日(月)).
 * - `not_integer`: a number cell holding a fraction where a fiscal year was expected.
 * - `out_of_range`: dates outside 1900-01-01..9999-12-31, serials outside 1..2958465,
 *   fiscal years outside 1900..2200.
 * - `serial_1900_02_29`: Excel serial 60, the 29 February 1900 that never existed.
 */
export type PeriodParseFailure =
  | 'empty'
  | 'unrecognised'
  | 'invalid_date'
  | 'invalid_era_year'
  | 'era_mismatch'
  | 'weekday_mismatch'
  | 'not_integer'
  | 'out_of_range'
  | 'serial_1900_02_29';

/**
 * Outcome of parsing a period value, in the library's one {@link Result} shape: the value with its
 * notes as `issues`, or the one reason it was rejected as `issues[0]`.
 */
export type PeriodParseResult<T> = Result<T, PeriodNote, PeriodParseFailure>;

/** Fiscal years {@link parseFiscalYear} accepts. */
export const FISCAL_YEAR_PARSE_RANGE = Object.freeze({ min: 1900, max: 2200 });
/** Dates {@link parseDate} accepts. */
export const DATE_PARSE_RANGE = Object.freeze({ min: '1900-01-01' as LocalDate, max: '9999-12-31' as LocalDate });

const ERA_TOKENS: Readonly<Record<string, EraId>> = {
  明治: 'meiji', m: 'meiji', meiji: 'meiji',
  大正: 'taisho', t: 'taisho', taisho: 'taisho', taishō: 'taisho', taisyo: 'taisho',
  昭和: 'showa', s: 'showa', showa: 'showa', shōwa: 'showa', syowa: 'showa',
  平成: 'heisei', h: 'heisei', heisei: 'heisei',
  令和: 'reiwa', r: 'reiwa', reiwa: 'reiwa',
};
// Longest alternatives first so that 'showa' is not read as 's' + garbage.
const ERA = `(${Object.keys(ERA_TOKENS).sort((a, b) => b.length - a.length).join('|')})`;
const ERA_YEAR = '(元|\\d{1,3})';

const MONTH_NAMES: Readonly<Record<string, number>> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10,
  november: 11, nov: 11, december: 12, dec: 12,
};
const MONTH = `(${Object.keys(MONTH_NAMES).sort((a, b) => b.length - a.length).join('|')})`;

const RE_GREGORIAN_SEP = /^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})$/;
const RE_GREGORIAN_JA = /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/;
const RE_ERA_DATE = new RegExp(`^${ERA}${ERA_YEAR}(?:年(\\d{1,2})月(\\d{1,2})日?|([/.-])(\\d{1,2})\\5(\\d{1,2}))$`);
const RE_EN_DAY_FIRST = new RegExp(`^(\\d{1,2})${MONTH}\\.?,?(\\d{4})$`);
const RE_EN_MONTH_FIRST = new RegExp(`^${MONTH}\\.?(\\d{1,2})(?:st|nd|rd|th)?,?(\\d{4})$`);
const RE_WEEKDAY = /\(([日月火水木金土])(?:曜日?)?\)$/;
const WEEKDAYS = '日月火水木金土';

const RE_FY_GREGORIAN = /^(?:fy\.?)?(\d{4})(年度|年)?$/;
const RE_FY_ERA = new RegExp(`^${ERA}${ERA_YEAR}(年度|年)?(?:\\((?:fy\\.?)?(\\d{4})(?:年度|年)?\\)(年度|年)?)?$`);
const RE_FY_GREGORIAN_ERA = new RegExp(`^(\\d{4})(年度|年)?\\(${ERA}${ERA_YEAR}(?:年度|年)?\\)(年度|年)?$`);

// Everything `\s` matches plus zero-width characters left behind by copy-paste.
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

interface Prepared {
  text: string;
  widthChanged: boolean;
}

function prepare(raw: string): Prepared {
  const compact = raw.replace(ALL_SPACE, '');
  // NFKC folds full-width digits, letters and punctuation and expands era ligatures (㍻ → 平成).
  const folded = compact.normalize('NFKC');
  const text = normalizeDashes(folded)
    // An IME in kana mode types the long-vowel mark for '-'; between digits it can only be a dash.
    // (No lookbehind: Safari before 16.4, in older Excel for Mac, rejects the whole script.)
    .replace(/(\d)[ーｰ~〜](?=\d)/g, '$1-')
    .toLowerCase();
  return { text, widthChanged: folded !== compact };
}

function fail<T>(reason: PeriodParseFailure): PeriodParseResult<T> {
  return { ok: false, issues: [reason] };
}

function eraFromToken(token: string): EraInfo {
  const id = ERA_TOKENS[token];
  if (id === undefined) throw new Error(`unknown era token ${token}`);
  return eraById(id);
}

function eraYearNumber(token: string): number {
  return token === '元' ? 1 : Number(token);
}

function inDateRange(date: LocalDate): boolean {
  return compareDates(date, DATE_PARSE_RANGE.min) >= 0 && compareDates(date, DATE_PARSE_RANGE.max) <= 0;
}

function ok<T>(value: T, notes: PeriodNote[]): PeriodParseResult<T> {
  return { ok: true, value, issues: notes };
}

function fromYmd(y: number, m: number, d: number, notes: PeriodNote[], weekday: number | null): PeriodParseResult<LocalDate> {
  const date = dateFromParts(y, m, d);
  if (date === null) return fail('invalid_date');
  if (!inDateRange(date)) return fail('out_of_range');
  // 1970-01-01 was a Thursday (index 4 with Sunday = 0).
  if (weekday !== null && (((daysFromCivil(y, m, d) + 4) % 7) + 7) % 7 !== weekday) return fail('weekday_mismatch');
  return ok(date, notes);
}

function parseDateString(raw: string): PeriodParseResult<LocalDate> {
  const { text: prepared, widthChanged } = prepare(raw);
  if (prepared === '') return fail('empty');
  const notes: PeriodNote[] = widthChanged ? ['normalised_width'] : [];

  let text = prepared;
  let weekday: number | null = null;
  const wd = RE_WEEKDAY.exec(text);
  if (wd?.[1] !== undefined) {
    weekday = WEEKDAYS.indexOf(wd[1]);
    text = text.slice(0, wd.index);
  }

  let m = RE_GREGORIAN_SEP.exec(text);
  if (m) return fromYmd(Number(m[1]), Number(m[3]), Number(m[4]), notes, weekday);
  m = RE_GREGORIAN_JA.exec(text);
  if (m) return fromYmd(Number(m[1]), Number(m[2]), Number(m[3]), notes, weekday);
  m = RE_EN_DAY_FIRST.exec(text);
  if (m) return fromYmd(Number(m[3]), MONTH_NAMES[m[2] ?? ''] ?? 0, Number(m[1]), notes, weekday);
  m = RE_EN_MONTH_FIRST.exec(text);
  if (m) return fromYmd(Number(m[3]), MONTH_NAMES[m[1] ?? ''] ?? 0, Number(m[2]), notes, weekday);

  m = RE_ERA_DATE.exec(text);
  if (m) {
    const era = eraFromToken(m[1] ?? '');
    const eraYear = eraYearNumber(m[2] ?? '');
    if (eraYear === 0) return fail('invalid_era_year');
    const month = Number(m[3] ?? m[6]);
    const day = Number(m[4] ?? m[7]);
    const result = fromYmd(eraStartYear(era) + eraYear - 1, month, day, notes, weekday);
    if (!result.ok) return result;
    if (compareDates(result.value, era.start) < 0) notes.push('era_date_before_era_start');
    else if (era.end !== undefined && compareDates(result.value, era.end) > 0) notes.push('era_date_after_era_end');
    return result;
  }
  return fail('unrecognised');
}

function isEmpty(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.replace(ALL_SPACE, '') === '');
}

/**
 * Reads a date from a raw cell value as staff type it.
 *
 * Accepted:
 * - number cells as Excel serials (1900 system, fractions = time of day, 1..2958465; serial 60 is
 *   rejected as `serial_1900_02_29`), noted `excel_serial`;
 * - `Date` cells, read with the rule of {@link dateCellToLocalDate};
 * - strings: `2026/5/1`, `2026-05-01`, `2026-5-1`, `2026.5.1`, `2026年5月1日`, `令和8年5月1日`,
 *   `令和元年5月1日`, `R8.5.1`, `R8/5/1`, `R8-5-1`, `r8.5.1`, `H31.4.30`, `平成31年4月30日`, M/T/S/H/R
 *   and 明治…令和, `1 May 2026`, `May 1, 2026`; full-width forms (`Ｒ８．５．１`), era ligatures
 *   (`㋿8.5.1`), white space anywhere, and a trailing weekday `(金)`, which must be right.
 *
 * Era years take one to three digits or 元. Kanji numerals (令和八年) are not read.
 * A numeric **string** such as `'46143'` is not a serial: only number cells are. Era dates past
 * the era's end or before its start are accepted with a note (H31.5.1 = 2019-05-01).
 * Dates must lie in 1900-01-01..9999-12-31.
 *
 * @example
 * ```ts
 * parseDate('R8.5.1');   // { ok: true, value: '2026-05-01', issues: [] }
 * parseDate(46143);      // { ok: true, value: '2026-05-01', issues: ['excel_serial'] }
 * parseDate('H31.5.1');  // { ok: true, value: '2019-05-01', issues: ['era_date_after_era_end'] }
 * parseDate('2026/2/30'); // { ok: false, issues: ['invalid_date'] }
 * ```
 */
export function parseDate(raw: unknown): PeriodParseResult<LocalDate> {
  if (isEmpty(raw)) return fail('empty');
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('unrecognised');
    const whole = Math.floor(raw);
    if (whole === 60) return fail('serial_1900_02_29');
    const date = whole >= 1 && whole <= MAX_EXCEL_SERIAL ? excelSerialToDate(raw) : null;
    if (date === null) return fail('out_of_range');
    return ok(date, whole === raw ? ['excel_serial'] : ['excel_serial', 'time_of_day_ignored']);
  }
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return fail('invalid_date');
    const date = dateCellToLocalDate(raw);
    if (date === null || !inDateRange(date)) return fail('out_of_range');
    return ok(date, dateCellHasTime(raw) ? ['time_of_day_ignored'] : []);
  }
  if (typeof raw === 'string') return parseDateString(raw);
  return fail('unrecognised');
}

function fiscalYearResult(fy: number, notes: PeriodNote[]): PeriodParseResult<number> {
  if (fy < FISCAL_YEAR_PARSE_RANGE.min || fy > FISCAL_YEAR_PARSE_RANGE.max) return fail('out_of_range');
  return ok(fy, notes);
}

function fromEraYear(
  eraToken: string,
  eraYearToken: string,
  gregorian: string | undefined,
  notes: PeriodNote[],
): PeriodParseResult<number> {
  const era = eraFromToken(eraToken);
  const eraYear = eraYearNumber(eraYearToken);
  if (eraYear === 0) return fail('invalid_era_year');
  const fy = eraStartYear(era) + eraYear - 1;
  if (gregorian !== undefined && Number(gregorian) !== fy) return fail('era_mismatch');
  if (era.end !== undefined && fy > Number(era.end.slice(0, 4))) notes.push('era_year_beyond_end');
  return fiscalYearResult(fy, notes);
}

/**
 * Reads a fiscal year (年度) from a raw cell value. Labels name the calendar year in which the
 * fiscal year starts, whatever `cfg.startMonth` is; `cfg` is only validated.
 *
 * Accepted: integer number cells; `2026`, `２０２６`, `2026年度`, `2026年` (noted
 * `calendar_year_label`), `FY2026`, `fy 2026`; `令和8年度`, `令和８年度`, `令和元年度`, `R8`,
 * `R8年度`, `r8`, `Ｒ８`, `H30年度`, `平成30年度`, `令和8(2026)年度`, `令和8（2026）年度`,
 * `2026(令和8)年度`, `Reiwa 8 (FY2026)`. Era years that run past the era's end are accepted with
 * `era_year_beyond_end` (平成32年度 = FY2020); 平成31年度 and 令和元年度 both give FY2019 without a
 * note. Era year 0 is `invalid_era_year`.
 *
 * Rejected: number cells with fractions (`not_integer`); anything outside 1900..2200
 * (`out_of_range` — an Excel serial typed into a year column lands here); Date cells
 * (`unrecognised` — a date is not a fiscal-year label); era/Gregorian disagreement (`era_mismatch`).
 *
 * @throws RangeError for an invalid `cfg`.
 * @example
 * ```ts
 * parseFiscalYear('令和元年度');      // { ok: true, value: 2019, issues: [] }
 * parseFiscalYear('令和8（2026）年度'); // { ok: true, value: 2026, issues: ['normalised_width'] }
 * parseFiscalYear('平成32年度');      // { ok: true, value: 2020, issues: ['era_year_beyond_end'] }
 * parseFiscalYear('令和8(2025)年度'); // { ok: false, issues: ['era_mismatch'] }
 * parseFiscalYear(46143);            // { ok: false, issues: ['out_of_range'] }
 * ```
 */
export function parseFiscalYear(raw: unknown, cfg: FiscalYearConfig = DEFAULT_FISCAL_YEAR): PeriodParseResult<number> {
  checkConfig(cfg);
  if (isEmpty(raw)) return fail('empty');
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return fail('unrecognised');
    if (!Number.isInteger(raw)) return fail('not_integer');
    return fiscalYearResult(raw, []);
  }
  if (typeof raw !== 'string') return fail('unrecognised');

  const { text, widthChanged } = prepare(raw);
  const notes: PeriodNote[] = widthChanged ? ['normalised_width'] : [];
  const yearOnly = (...suffixes: (string | undefined)[]): void => {
    if (suffixes.includes('年') && !suffixes.includes('年度')) notes.push('calendar_year_label');
  };

  let m = RE_FY_GREGORIAN.exec(text);
  if (m) {
    yearOnly(m[2]);
    return fiscalYearResult(Number(m[1]), notes);
  }
  m = RE_FY_ERA.exec(text);
  if (m) {
    yearOnly(m[3], m[5]);
    return fromEraYear(m[1] ?? '', m[2] ?? '', m[4], notes);
  }
  m = RE_FY_GREGORIAN_ERA.exec(text);
  if (m) {
    yearOnly(m[2], m[5]);
    return fromEraYear(m[3] ?? '', m[4] ?? '', m[1], notes);
  }
  return fail('unrecognised');
}
