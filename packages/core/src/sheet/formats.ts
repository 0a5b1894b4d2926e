/**
 * The number format of every written cell: one rule for both writers, so that a count is `#,##0`
 * and a typed text stays text (`@`) whether the CLI or the add-in wrote the sheet.
 */
import { isLocalDate } from '../period/local-date.js';
import type { ColumnKind, SheetColumn, SheetValue } from './model.js';

/** Excel's text format: a cell formatted `@` keeps what is typed into it as text. */
export const TEXT_FORMAT = '@';
/** Excel's default format (no format). */
export const GENERAL_FORMAT = 'General';
/** The date format of a date without a column format of its own. */
export const DEFAULT_DATE_FORMAT = 'yyyy/m/d';

const BY_KIND: Readonly<Record<ColumnKind, string>> = {
  text: TEXT_FORMAT,
  // Vocabulary labels and unit names: text, so 4-1-1 or 1/2 is never read as a date or a fraction.
  enum: TEXT_FORMAT,
  integer: '#,##0',
  number: GENERAL_FORMAT,
  percent: '0.0%',
  date: DEFAULT_DATE_FORMAT,
  boolean: GENERAL_FORMAT,
  link: GENERAL_FORMAT,
};

/**
 * The number format of a column's cells that hold no value yet (blank rows of a return): the
 * column's own format, else its kind's default.
 *
 * @example
 * ```ts
 * columnNumberFormat({ key: 'n', header: lt('回数', 'Count'), kind: 'integer' }); // '#,##0'
 * ```
 */
export function columnNumberFormat(column: Pick<SheetColumn, 'kind' | 'numberFormat'>): string {
  return column.numberFormat ?? BY_KIND[column.kind];
}

/**
 * The number format of one written cell, from its column and its value: a string is always text
 * (`@`, so that a narrative starting with = + - @ never becomes a formula); a number takes the
 * column's format unless that is the text format; a date takes the column's format in a date
 * column, else the default date format (one that names no real day is text); booleans and links are `General`; a blank cell takes the
 * column's format.
 *
 * @example
 * ```ts
 * cellNumberFormat(countColumn, 12);       // '#,##0'
 * cellNumberFormat(countColumn, '未集計'); // '@'
 * cellNumberFormat(textColumn, 3);         // 'General'
 * ```
 */
export function cellNumberFormat(column: Pick<SheetColumn, 'kind' | 'numberFormat'>, value: SheetValue): string {
  const own = columnNumberFormat(column);
  if (value === null || value === undefined) return own;
  if (typeof value === 'string') return TEXT_FORMAT;
  if (typeof value === 'number') return Number.isFinite(value) && own !== TEXT_FORMAT ? own : GENERAL_FORMAT;
  if (typeof value === 'boolean') return GENERAL_FORMAT;
  // A date that names no day (2026-02-29) is written as the text it is, never moved to another day.
  if ('date' in value) return !isLocalDate(value.date) ? TEXT_FORMAT : column.kind === 'date' ? own : DEFAULT_DATE_FORMAT;
  return GENERAL_FORMAT;
}
