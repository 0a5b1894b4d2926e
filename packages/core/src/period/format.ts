import { lightFormat } from 'date-fns';
import { eraOfDate, eraOfFiscalYear } from './era.js';
import { toDateParts, toUtcDate, type LocalDate } from './local-date.js';

/**
 * How a fiscal year is written:
 * `era` 令和8年度 · `era-gregorian` 令和8(2026)年度 · `gregorian` 2026年度 · `fy` FY2026.
 */
export type FiscalYearLabelStyle = 'era' | 'era-gregorian' | 'gregorian' | 'fy';

/** How a date is written by {@link formatDate}. */
export type DateStyle = 'iso' | 'ja' | 'era' | 'en';

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

function eraYearJa(year: number): string {
  // Year 1 of an era is always written 元年 in official documents, never 1年.
  return year === 1 ? '元' : String(year);
}

/**
 * Writes a fiscal year as a label. Japanese era labels write year 1 as 元 (令和元年度).
 * English has no 年度, so era styles add the Gregorian FY: `Reiwa 8 (FY2026)`;
 * `gregorian` and `fy` both give `FY2026` in English.
 *
 * @throws RangeError for a non-integer year, or a year before 1868 with an era style.
 * @example
 * ```ts
 * formatFiscalYear(2026);                       // '令和8年度'
 * formatFiscalYear(2019);                       // '令和元年度'
 * formatFiscalYear(2026, 'era-gregorian');      // '令和8(2026)年度'
 * formatFiscalYear(2026, 'gregorian');          // '2026年度'
 * formatFiscalYear(2026, 'fy');                 // 'FY2026'
 * formatFiscalYear(2026, 'era', 'en');          // 'Reiwa 8 (FY2026)'
 * ```
 */
export function formatFiscalYear(fy: number, style: FiscalYearLabelStyle = 'era', lang: 'ja' | 'en' = 'ja'): string {
  if (!Number.isInteger(fy)) throw new RangeError(`Fiscal year must be an integer, got ${fy}`);
  if (style === 'fy' || (lang === 'en' && style === 'gregorian')) return `FY${fy}`;
  if (style === 'gregorian') return `${fy}年度`;
  const { era, year } = eraOfFiscalYear(fy);
  if (lang === 'en') return `${era.en} ${year} (FY${fy})`;
  return style === 'era' ? `${era.ja}${eraYearJa(year)}年度` : `${era.ja}${eraYearJa(year)}(${fy})年度`;
}

/**
 * Writes a date: `iso` 2026-05-01 · `ja` 2026年5月1日 · `era` 令和8年5月1日 (令和元年5月1日 in
 * year 1) · `en` 1 May 2026.
 *
 * @throws RangeError for an invalid date, or a date before 明治 with the `era` style.
 * @example
 * ```ts
 * formatDate('2026-05-01', 'ja');  // '2026年5月1日'
 * formatDate('2019-05-01', 'era'); // '令和元年5月1日'
 * formatDate('2026-05-01', 'en');  // '1 May 2026'
 * ```
 */
export function formatDate(date: LocalDate, style: DateStyle): string {
  const { year, month, day } = toDateParts(date);
  switch (style) {
    case 'iso':
      return date;
    case 'ja':
      // date-fns passes 年, 月 and 日 through as literals (only word characters are tokens).
      return lightFormat(toUtcDate(date), 'y年M月d日');
    case 'era': {
      const e = eraOfDate(date);
      return `${e.era.ja}${eraYearJa(e.year)}年${month}月${day}日`;
    }
    case 'en':
      // date-fns's `format` would write this ('d MMMM y') but brings its locale and every token
      // formatter: +21 KB in the add-in's task pane bundle, measured, for twelve month names.
      return `${day} ${MONTHS_EN[month - 1] ?? ''} ${year}`;
  }
}
