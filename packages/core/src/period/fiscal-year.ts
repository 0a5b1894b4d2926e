import { addDays as addDaysFns, addMonths as addMonthsFns, lastDayOfMonth } from 'date-fns';
import { dateFromParts, formatParts, fromUtcDate, toDateParts, toUtcDate, type LocalDate } from './local-date.js';

/** Which month a fiscal year starts in. Japanese public bodies use April. */
export interface FiscalYearConfig {
  /** First month of the fiscal year, 1–12. */
  startMonth: number;
}

/** The Japanese public-sector fiscal year 年度: 1 April – 31 March. */
export const DEFAULT_FISCAL_YEAR: FiscalYearConfig = Object.freeze({ startMonth: 4 });

/**
 * @internal Validates a config and returns its start month.
 * @example
 * ```ts
 * checkConfig({ startMonth: 4 }); // 4
 * ```
 */
export function checkConfig(cfg: FiscalYearConfig): number {
  const m = cfg.startMonth;
  if (!Number.isInteger(m) || m < 1 || m > 12) {
    throw new RangeError(`FiscalYearConfig.startMonth must be an integer 1-12, got ${m}`);
  }
  return m;
}

function checkFiscalYear(fy: number): void {
  // 9998 keeps the year after the start (where the FY ends) inside the LocalDate range.
  if (!Number.isInteger(fy) || fy < 1 || fy > 9998) throw new RangeError(`Fiscal year must be an integer 1-9998, got ${fy}`);
}

/**
 * The fiscal year containing `date`, named — as 年度 are — by the calendar year in which it
 * starts: with the default April start, 2027-03-31 belongs to FY2026.
 *
 * @throws RangeError for an invalid date or config.
 * @example
 * ```ts
 * fiscalYearOf('2026-04-01'); // 2026
 * fiscalYearOf('2027-03-31'); // 2026
 * fiscalYearOf('2027-03-31', { startMonth: 1 }); // 2027
 * ```
 */
export function fiscalYearOf(date: LocalDate, cfg: FiscalYearConfig = DEFAULT_FISCAL_YEAR): number {
  const start = checkConfig(cfg);
  const { year, month } = toDateParts(date);
  return month >= start ? year : year - 1;
}

/**
 * First and last day (both inclusive) of fiscal year `fy`.
 *
 * @throws RangeError for a non-integer year or an invalid config.
 * @example
 * ```ts
 * fiscalYearRange(2026); // { start: '2026-04-01', end: '2027-03-31' }
 * fiscalYearRange(2027, { startMonth: 3 }); // { start: '2027-03-01', end: '2028-02-29' }
 * ```
 */
export function fiscalYearRange(fy: number, cfg: FiscalYearConfig = DEFAULT_FISCAL_YEAR): { start: LocalDate; end: LocalDate } {
  const m = checkConfig(cfg);
  checkFiscalYear(fy);
  const start = formatParts(fy, m, 1);
  return { start, end: fromUtcDate(lastDayOfMonth(addMonthsFns(toUtcDate(start), 11)), `end of FY${fy}`) };
}

/**
 * When a fiscal year's returns are due.
 *
 * - `date`: a fixed month and day in calendar year `fy + yearOffset` (`fy` being the calendar
 *   year the FY starts in). A day the month does not have is clamped to its last day, so
 *   `day: 31` means "end of month" in a 30-day month and `day: 29` means 28 February in common years.
 * - `after-end`: counted from the FY's last day, which is always a month end. `months` moves to
 *   the **end** of the month that many months later (end of March + 2 months = 31 May, not
 *   30 May), then `days` are added.
 */
export type ClosingRule =
  | { kind: 'date'; month: number; day: number; yearOffset: number }
  | { kind: 'after-end'; months?: number | undefined; days?: number | undefined };

/**
 * The due date of fiscal year `fy` under a {@link ClosingRule}; see there for clamping rules.
 *
 * @throws RangeError for a malformed rule (non-integer parts, month outside 1–12, day outside
 *   1–31), a non-integer year or an invalid config.
 * @example
 * ```ts
 * dueDate({ kind: 'date', month: 4, day: 30, yearOffset: 1 }, 2026);  // '2027-04-30'
 * dueDate({ kind: 'date', month: 6, day: 31, yearOffset: 1 }, 2026);  // '2027-06-30' (clamped)
 * dueDate({ kind: 'after-end', months: 2 }, 2026);                     // '2027-05-31'
 * dueDate({ kind: 'after-end', days: 30 }, 2026);                      // '2027-04-30'
 * ```
 */
export function dueDate(rule: ClosingRule, fy: number, cfg: FiscalYearConfig = DEFAULT_FISCAL_YEAR): LocalDate {
  checkConfig(cfg);
  checkFiscalYear(fy);
  if (rule.kind === 'date') {
    const { month, day, yearOffset } = rule;
    if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`ClosingRule month must be 1-12, got ${month}`);
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`ClosingRule day must be 1-31, got ${day}`);
    if (!Number.isInteger(yearOffset)) throw new RangeError(`ClosingRule yearOffset must be an integer, got ${yearOffset}`);
    const y = fy + yearOffset;
    const first = dateFromParts(y, month, 1);
    if (first === null) throw new RangeError(`Due date out of range for FY${fy}`);
    const last = lastDayOfMonth(toUtcDate(first));
    return day >= last.getDate() ? fromUtcDate(last, `due date of FY${fy}`) : formatParts(y, month, day);
  }
  const months = rule.months ?? 0;
  const days = rule.days ?? 0;
  if (!Number.isInteger(months) || !Number.isInteger(days)) {
    throw new RangeError(`ClosingRule months/days must be integers, got ${months}/${days}`);
  }
  const { end } = fiscalYearRange(fy, cfg);
  // The FY's last day is a month end; `months` later means the end of that month, not the same day.
  return fromUtcDate(addDaysFns(lastDayOfMonth(addMonthsFns(toUtcDate(end), months)), days), `due date of FY${fy}`);
}
