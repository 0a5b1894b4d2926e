import { daysFromCivil, fromDayNumber, toDayNumber, formatParts, type LocalDate } from './local-date.js';

/** Largest serial Excel accepts: 9999-12-31. */
export const MAX_EXCEL_SERIAL = 2958465;

// Excel (copying Lotus 1-2-3) counts a 29 February 1900 that never existed as serial 60, so
// from 1900-03-01 on the serial is days since 1899-12-30, and before it days since 1899-12-31.
const EPOCH_FROM_MARCH_1900 = daysFromCivil(1899, 12, 30);
const EPOCH_BEFORE_MARCH_1900 = daysFromCivil(1899, 12, 31);
const PHANTOM_LEAP_DAY_SERIAL = 60;

/**
 * Converts an Excel serial number (1900 date system) to a date. The fractional part is the time
 * of day and is ignored. Serial 60 — Lotus's non-existent 1900-02-29 — gives `null`, as do
 * non-finite numbers and serials outside 1..{@link MAX_EXCEL_SERIAL}.
 *
 * The 1904 date system (old Mac workbooks) is not handled: its serials are 1462 lower.
 *
 * @example
 * ```ts
 * excelSerialToDate(46143);      // '2026-05-01'
 * excelSerialToDate(46143.75);   // '2026-05-01'
 * excelSerialToDate(59);         // '1900-02-28'
 * excelSerialToDate(60);         // null
 * excelSerialToDate(61);         // '1900-03-01'
 * ```
 */
export function excelSerialToDate(serial: number): LocalDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole > MAX_EXCEL_SERIAL || whole === PHANTOM_LEAP_DAY_SERIAL) return null;
  return fromDayNumber(whole + (whole < PHANTOM_LEAP_DAY_SERIAL ? EPOCH_BEFORE_MARCH_1900 : EPOCH_FROM_MARCH_1900));
}

/**
 * Converts a date to its Excel serial number (1900 date system, with the 1900-02-29 gap).
 *
 * @throws RangeError for an invalid date or one outside 1900-01-01..9999-12-31.
 * @example
 * ```ts
 * dateToExcelSerial('2026-05-01'); // 46143
 * dateToExcelSerial('1900-03-01'); // 61
 * ```
 */
export function dateToExcelSerial(date: LocalDate): number {
  const n = toDayNumber(date);
  const fromMarch = n - EPOCH_FROM_MARCH_1900;
  if (fromMarch >= 61) return fromMarch;
  const early = n - EPOCH_BEFORE_MARCH_1900;
  if (early < 1) throw new RangeError(`Excel serials start at 1900-01-01: ${date}`);
  return early;
}

/**
 * Reads the calendar day out of a `Date` that came from a spreadsheet cell.
 *
 * Readers such as exceljs and SheetJS (with `UTC: true`) put the day at **UTC midnight**, while a
 * `Date` built by code in local time (`new Date(2026, 4, 1)`, SheetJS default) sits at **local
 * midnight**. To give the same day in every zone:
 * 1. if the UTC time is exactly 00:00:00.000, take the UTC calendar day;
 * 2. else if the local time is exactly 00:00:00.000, take the local calendar day;
 * 3. else (a date-time cell) take the UTC calendar day, which is how readers encode it.
 *
 * @returns `null` for an Invalid Date or a day outside 0001..9999.
 * @example
 * ```ts
 * dateCellToLocalDate(new Date(Date.UTC(2026, 4, 1))); // '2026-05-01' in every zone
 * dateCellToLocalDate(new Date(2026, 4, 1));           // '2026-05-01' in every zone
 * ```
 */
export function dateCellToLocalDate(d: Date): LocalDate | null {
  if (Number.isNaN(d.getTime())) return null;
  const useLocal = !isUtcMidnight(d) && isLocalMidnight(d);
  const y = useLocal ? d.getFullYear() : d.getUTCFullYear();
  const m = useLocal ? d.getMonth() + 1 : d.getUTCMonth() + 1;
  const day = useLocal ? d.getDate() : d.getUTCDate();
  if (y < 1 || y > 9999) return null;
  return formatParts(y, m, day);
}

/**
 * @internal True when {@link dateCellToLocalDate} found no midnight and dropped a time of day.
 * @example
 * ```ts
 * dateCellHasTime(new Date('2026-05-01T09:30:00Z')); // true in Asia/Tokyo (15:00 there)
 * ```
 */
export function dateCellHasTime(d: Date): boolean {
  return !isUtcMidnight(d) && !isLocalMidnight(d);
}

function isUtcMidnight(d: Date): boolean {
  return d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
}

// The start of a local day, as `new Date(y, m, d)` builds it. On a day whose midnight does not
// exist (a daylight-saving change at 00:00, as in Japan 1948–1951 or Chile today) that is 01:00,
// so comparing with the constructor is right where checking for 00:00 is not.
function isLocalMidnight(d: Date): boolean {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() === d.getTime();
}
