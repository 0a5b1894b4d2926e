/**
 * Reporting periods of a cadence within a fiscal year: the halves, quarters or months of the
 * year, each with its own window and closing date. Calendar dates stay `YYYY-MM-DD` strings.
 */
import { addDays, addMonths, dueDate, fiscalYearRange, toDateParts, type ClosingRule, type LocalDate } from '../period/index.js';
import { dateFromParts, daysInMonth } from '../period/local-date.js';
import type { Cadence } from './schema.js';

/** How many periods a cadence has in a fiscal year (1 for any-time and fiscal-year). */
export const PERIODS_PER_YEAR: Record<Cadence, number> = { 'any-time': 1, 'fiscal-year': 1, 'half-year': 2, quarter: 4, month: 12 };

/**
 * The window of period `n` (from 1) of a cadence in a fiscal year.
 *
 * @example
 * ```ts
 * periodRange(2026, 'half-year', 2, 4); // { start: '2026-10-01', end: '2027-03-31' }
 * ```
 */
export function periodRange(fiscalYear: number, cadence: Cadence, n: number, startMonth: number): { start: LocalDate; end: LocalDate } {
  const count = PERIODS_PER_YEAR[cadence];
  const year = fiscalYearRange(fiscalYear, { startMonth });
  if (count === 1) return year;
  if (!Number.isInteger(n) || n < 1 || n > count) throw new RangeError(`period must be 1-${count} for a ${cadence} cadence, got ${n}`);
  const months = 12 / count;
  const start = addMonths(year.start, (n - 1) * months);
  return { start, end: addDays(addMonths(start, months), -1) };
}

/**
 * The period (from 1) of a cadence that a date of a fiscal year falls in.
 *
 * @example
 * ```ts
 * periodOfDate('2026-11-20', 'half-year', 4); // 2
 * ```
 */
export function periodOfDate(date: LocalDate, cadence: Cadence, startMonth: number): number {
  const count = PERIODS_PER_YEAR[cadence];
  if (count === 1) return 1;
  const { month } = toDateParts(date);
  const offset = (month - startMonth + 12) % 12;
  return Math.floor(offset / (12 / count)) + 1;
}

/**
 * The closing date of period `n`: a `date` rule is a date of the fiscal year (yearOffset from
 * its starting year); an `after-end` rule counts from the end of the period.
 *
 * @example
 * ```ts
 * periodDue({ kind: 'after-end', months: 1 }, 2026, 'half-year', 1, 4); // '2026-10-31'
 * ```
 */
export function periodDue(rule: ClosingRule, fiscalYear: number, cadence: Cadence, n: number, startMonth: number): LocalDate {
  if (PERIODS_PER_YEAR[cadence] === 1 || rule.kind === 'date') return dueDate(rule, fiscalYear, { startMonth });
  const { end } = periodRange(fiscalYear, cadence, n, startMonth);
  const { year, month } = toDateParts(end);
  const index = year * 12 + (month - 1) + (rule.months ?? 0);
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  const monthEnd = dateFromParts(y, m, daysInMonth(y, m))!;
  return addDays(monthEnd, rule.days ?? 0);
}
