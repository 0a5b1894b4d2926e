/**
 * Periods: calendar dates without time zones, Japanese fiscal years (年度) and eras (和暦),
 * Excel serial numbers, parsing of what staff type, and deadlines.
 *
 * @packageDocumentation
 */
export {
  type LocalDate,
  type DateParts,
  isLocalDate,
  toDateParts,
  dateFromParts,
  toDayNumber,
  fromDayNumber,
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  todayIn,
} from './local-date.js';
export {
  type FiscalYearConfig,
  type ClosingRule,
  DEFAULT_FISCAL_YEAR,
  fiscalYearOf,
  fiscalYearRange,
  dueDate,
} from './fiscal-year.js';
export { type EraId, type EraInfo, ERAS, eraOfDate, eraOfFiscalYear } from './era.js';
export { type FiscalYearLabelStyle, type DateStyle, formatFiscalYear, formatDate } from './format.js';
export { MAX_EXCEL_SERIAL, excelSerialToDate, dateToExcelSerial, dateCellToLocalDate } from './excel.js';
export {
  type PeriodNote,
  type PeriodParseFailure,
  type PeriodParseResult,
  FISCAL_YEAR_PARSE_RANGE,
  DATE_PARSE_RANGE,
  parseDate,
  parseFiscalYear,
} from './parse.js';
