/**
 * Calendar dates without a time zone.
 *
 * Calendar arithmetic (adding days and months, month ends) is date-fns's, run
 * on `UTCDate` (@date-fns/utc) so that no machine zone can move a day: a plain `Date` is an
 * instant, and turning it back into a calendar day silently depends on the machine's zone.
 *
 * Two small pieces stay hand-written, for reasons measured in docs/architecture.md ("Periods:
 * what date-fns does and what it does not"): the validity of a year/month/day (date-fns's
 * `isExists` builds a local-time `Date`, so it maps years 0–99 to 1900–1999 and rejects a day
 * the machine's zone skipped), and day numbers (Excel serials, weekdays), which run per cell
 * during validation where date-fns is 3–8 times slower. Nothing here reads `process.env.TZ`.
 *
 * @packageDocumentation
 */
import { UTCDate } from '@date-fns/utc';
import { addDays as addDaysFns, addMonths as addMonthsFns } from 'date-fns';

/**
 * A calendar day as an ISO 8601 string `YYYY-MM-DD` (years 0001–9999). A plain string so that
 * literals and JSON values can be used directly; check untrusted values with {@link isLocalDate}.
 */
export type LocalDate = string;

/** Year, month (1–12) and day of a {@link LocalDate}. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_DAY_NUMBER = daysFromCivil(1, 1, 1);
const MAX_DAY_NUMBER = daysFromCivil(9999, 12, 31);

/**
 * @internal
 * @example
 * ```ts
 * isLeapYear(2000); // true
 * isLeapYear(1900); // false
 * ```
 */
function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * @internal
 * @example
 * ```ts
 * daysInMonth(2028, 2); // 29
 * ```
 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date, no Date involved.
/**
 * @internal
 * @example
 * ```ts
 * daysFromCivil(1970, 1, 2); // 1
 * ```
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * @internal
 * @example
 * ```ts
 * civilFromDays(1); // { year: 1970, month: 1, day: 2 }
 * ```
 */
function civilFromDays(z: number): DateParts {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * @internal Formats parts already known to be valid.
 * @example
 * ```ts
 * formatParts(2026, 5, 1); // '2026-05-01'
 * ```
 */
export function formatParts(y: number, m: number, d: number): LocalDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/**
 * True when `s` is a string of the exact form `YYYY-MM-DD` naming a real calendar day
 * (year 0001–9999, leap years respected).
 *
 * @example
 * ```ts
 * isLocalDate('2028-02-29'); // true
 * isLocalDate('2026-02-29'); // false — not a leap year
 * isLocalDate('2026-5-1');   // false — not zero-padded
 * ```
 */
export function isLocalDate(s: unknown): s is LocalDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  return dateFromParts(Number(m[1]), Number(m[2]), Number(m[3])) !== null;
}

/**
 * Splits a {@link LocalDate} into numbers.
 *
 * @throws RangeError when `date` is not a valid LocalDate.
 * @example
 * ```ts
 * toDateParts('2026-05-01'); // { year: 2026, month: 5, day: 1 }
 * ```
 */
export function toDateParts(date: LocalDate): DateParts {
  if (!isLocalDate(date)) throw new RangeError(`Not a LocalDate (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Builds a {@link LocalDate} from numbers, or returns `null` when they do not name a real day
 * (non-integers, month outside 1–12, 30 February, year outside 1–9999).
 *
 * @example
 * ```ts
 * dateFromParts(2026, 5, 1);  // '2026-05-01'
 * dateFromParts(2026, 2, 30); // null
 * ```
 */
export function dateFromParts(y: number, m: number, d: number): LocalDate | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return formatParts(y, m, d);
}

/**
 * Day number of a date: days since 1970-01-01 (negative before it). Useful as a sortable,
 * subtractable key.
 *
 * @throws RangeError when `date` is not a valid LocalDate.
 * @example
 * ```ts
 * toDayNumber('1970-01-02'); // 1
 * ```
 */
export function toDayNumber(date: LocalDate): number {
  const { year, month, day } = toDateParts(date);
  return daysFromCivil(year, month, day);
}

/**
 * Inverse of {@link toDayNumber}.
 *
 * @throws RangeError when the result would fall outside 0001-01-01..9999-12-31.
 * @example
 * ```ts
 * fromDayNumber(0); // '1970-01-01'
 * ```
 */
export function fromDayNumber(n: number): LocalDate {
  if (!Number.isInteger(n) || n < MIN_DAY_NUMBER || n > MAX_DAY_NUMBER) {
    throw new RangeError(`Day number out of range: ${n}`);
  }
  const { year, month, day } = civilFromDays(n);
  return formatParts(year, month, day);
}

function requireInteger(n: number, what: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${what} must be an integer, got ${n}`);
}

/**
 * @internal The UTC midnight of a date, as date-fns computes on it. `setFullYear` (not the
 * constructor) so that years 1–99 stay themselves instead of becoming 1901–1999.
 * @example
 * ```ts
 * toUtcDate('2026-05-01').toISOString(); // '2026-05-01T00:00:00.000Z'
 * ```
 */
export function toUtcDate(date: LocalDate): UTCDate {
  const { year, month, day } = toDateParts(date);
  const d = new UTCDate(0);
  d.setFullYear(year, month - 1, day);
  return d;
}

/**
 * @internal The calendar day of a `UTCDate` that date-fns returned.
 * @throws RangeError when it falls outside years 1–9999.
 * @example
 * ```ts
 * fromUtcDate(toUtcDate('2026-05-01')); // '2026-05-01'
 * ```
 */
export function fromUtcDate(d: UTCDate, what: string): LocalDate {
  const result = dateFromParts(d.getFullYear(), d.getMonth() + 1, d.getDate());
  if (result === null) throw new RangeError(`Result out of range: ${what}`);
  return result;
}

/**
 * Adds `n` calendar days (negative to go back).
 *
 * @throws RangeError for an invalid date, a non-integer `n`, or a result outside years 1–9999.
 * @example
 * ```ts
 * addDays('2027-03-31', 30); // '2027-04-30'
 * addDays('2028-03-01', -1); // '2028-02-29'
 * ```
 */
export function addDays(date: LocalDate, n: number): LocalDate {
  requireInteger(n, 'days');
  return fromUtcDate(addDaysFns(toUtcDate(date), n), `${date} + ${n} days`);
}

/**
 * Adds `n` calendar months, clamping the day to the end of the target month
 * (31 January + 1 month = 28 or 29 February), as date-fns `addMonths` does — it is date-fns's.
 *
 * @throws RangeError for an invalid date, a non-integer `n`, or a result outside years 1–9999.
 * @example
 * ```ts
 * addMonths('2026-01-31', 1);  // '2026-02-28'
 * addMonths('2026-05-15', -5); // '2025-12-15'
 * ```
 */
export function addMonths(date: LocalDate, n: number): LocalDate {
  requireInteger(n, 'months');
  return fromUtcDate(addMonthsFns(toUtcDate(date), n), `${date} + ${n} months`);
}

/**
 * Orders two dates: -1 if `a` is earlier, 1 if later, 0 if the same day.
 *
 * @throws RangeError when either argument is not a valid LocalDate.
 * @example
 * ```ts
 * ['2026-05-01', '2025-12-31'].sort(compareDates); // ['2025-12-31', '2026-05-01']
 * ```
 */
export function compareDates(a: LocalDate, b: LocalDate): -1 | 0 | 1 {
  toDateParts(a);
  toDateParts(b);
  // Zero-padded ISO strings sort lexically in calendar order.
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Signed number of days from `a` to `b`, i.e. `b − a`: positive when `b` is later.
 *
 * @throws RangeError when either argument is not a valid LocalDate.
 * @example
 * ```ts
 * daysBetween('2026-04-01', '2026-05-01'); // 30
 * daysBetween('2026-05-01', '2026-04-01'); // -30
 * ```
 */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  // Day numbers are kept for Excel serials anyway (see the file comment); a difference of two is
  // exact, and cheaper than date-fns's differenceInCalendarDays.
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * The calendar day it is now in the given IANA time zone — the "today" against which future
 * report dates are rejected. Uses `Intl.DateTimeFormat`, so the answer depends only on `now` and
 * `timeZone`, never on the machine's zone.
 *
 * @param timeZone IANA zone such as `'Asia/Tokyo'`.
 * @param now The instant to convert; defaults to the current time.
 * @throws RangeError when the time zone is unknown to the runtime.
 * @example
 * ```ts
 * todayIn('Asia/Tokyo', new Date('2026-04-30T15:00:00Z')); // '2026-05-01'
 * todayIn('UTC', new Date('2026-04-30T15:00:00Z'));        // '2026-04-30'
 * ```
 */
export function todayIn(timeZone: string, now: Date = new Date()): LocalDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayIn: invalid Date');
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const result = dateFromParts(get('year'), get('month'), get('day'));
  if (result === null) throw new RangeError(`todayIn: date out of range for ${now.toISOString()}`);
  return result;
}
