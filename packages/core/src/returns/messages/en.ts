/**
 * The English wording of each issue code validation raises, from its typed parameters.
 */
import type { PeriodParseFailure } from '../../period/index.js';
import { displayValue } from '../cells.js';
import { ISSUE_CODES } from '../codes.js';
import type { Messages } from './params.js';
import { rowList } from './row-list.js';

const q = (v: unknown): string => `"${displayValue(v)}"`;
const FY_HINT = 'Type it like 2026, 2026年度, 令和8年度 or R8.';
const DATE_HINT = 'Type it like 2026/5/1, 令和8年5月1日 or R8.5.1.';

function expect(p: { integer: boolean; nonNegative: boolean }): string {
  return p.integer ? (p.nonNegative ? 'a whole number, 0 or more' : 'a whole number') : p.nonNegative ? 'a number, 0 or more' : 'a number';
}

function fyFailure(reason: PeriodParseFailure, raw: unknown): string {
  switch (reason) {
    case 'era_mismatch':
      return 'has era and Gregorian years that disagree.';
    case 'invalid_era_year':
      return 'has era year 0, which does not exist.';
    case 'not_integer':
      return 'is not a whole year.';
    case 'out_of_range':
      return typeof raw === 'number' && raw > 10000 ? 'is too large for a year (possibly a date serial number).' : 'is out of range (1900–2200).';
    default:
      return 'is not a fiscal year.';
  }
}

function dateFailure(reason: PeriodParseFailure, raw: unknown): string {
  switch (reason) {
    case 'invalid_date':
      return raw instanceof Date ? 'is an invalid date.' : 'is a day that does not exist.';
    case 'era_mismatch':
      return 'has era and Gregorian years that disagree.';
    case 'invalid_era_year':
      return 'has era year 0, which does not exist.';
    case 'weekday_mismatch':
      return 'has a weekday that does not match the date.';
    case 'serial_1900_02_29':
      return 'is Excel’s non-existent 29 February 1900.';
    case 'out_of_range':
      return 'is out of the date range.';
    default:
      return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? 'is only digits, not a date.' : typeof raw === 'boolean' ? 'is TRUE/FALSE, not a date.' : 'is not a date.';
  }
}

const PII = {
  pii_phone: 'what looks like a phone number',
  pii_my_number: 'a 12-digit number (possibly a My Number)',
  pii_email: 'what looks like an e-mail address',
  pii_person_name: "what looks like a person's name",
};
const pii = (kind: keyof typeof PII) => (p: { field: { en: string }; match: string }) => `${p.field.en} contains ${PII[kind]} "${p.match}"; do not include personal data.`;
const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

/** Why a sheet is no return (`sheet_not_a_return`). */
const NOT_A_RETURN = {
  name: 'its name marks it as an example, cover or summary',
  title: 'a title above its table calls it an example',
  examples: "every row repeats the template's example rows",
  sums: 'its formulas sum other sheets',
};

/** The periods of a template, each by what its flow reports: `interim report: 2026-04-01 to 2026-10-31; …`. */
const windows = (ws: readonly { content: { en: string }; start: string; due: string }[]): string => ws.map((w) => `${w.content.en}: ${w.start} to ${w.due}`).join('; ');

/** English messages, one function per code. */
export const en: Messages = {
  unknown_template: (p) => `Template "${p.template}" is not in this plan (${p.ids.join(', ')}).`,
  no_header: (p) => `No header row${p.template ? ` of "${p.template.en}"` : ''} (Fiscal year…) was found on sheet "${p.sheet}"; keep the template's headers.`,
  missing_column: (p) => `The required column "${p.field.en}" (${p.field.ja}) is missing; add it to the header row.`,
  missing_optional_column: (p) => `Column "${p.field.en}" (${p.field.ja}) is missing; checks that use it are skipped.`,
  unknown_column: (p) => `Column "${p.header}" is not in the template "${p.template.en}"; it is not read.`,
  duplicate_column: (p) => `Column "${p.header}" holds the same field as column ${p.firstColumn} (${p.field.en}); only the first is read. Remove one.`,
  value_without_header: (p) => `Column ${p.column} has no header but holds ${p.count} value${plural(p.count, '', 's')}; they are not read. Add a header or remove them.`,
  prefilled_only_rows: (p) => {
    const fields = p.fields.map((f) => f.en.toLowerCase()).join(', ');
    return p.count === 1
      ? `Row ${p.first} holds only the ${fields}; it is treated as not filled in and skipped.`
      : `${p.count} rows between rows ${p.first} and ${p.last} hold only the ${fields}; they are treated as not filled in and skipped.`;
  },
  no_data_rows: (p) => `Sheet "${p.sheet}" has no data rows below the header (row ${p.headerRow}).`,
  column_not_recognised: (p) =>
    `Column "${p.header}" matches no field of the template and is not read; it is probably "${p.field.en}" (${p.field.ja}) — if so, rename the header to ${p.field.ja}.`,
  stale_fiscal_year: (p) =>
    `The ${p.fyLabel.en.toLowerCase()} cells say "${p.typed}" (FY${p.typedFy}) but every report date is in FY${p.datesFy} (${p.first} to ${p.last}); if last year's file was reused, change the ${p.fyLabel.en.toLowerCase()} to FY${p.datesFy}.`,
  merged_cells_filled: (p) => `Merged cells ${p.ranges.join(', ')}: the value was applied to every row they cover (${p.cells} cell${p.cells === 1 ? '' : 's'}).`,
  merge_across_header: (p) => `Merged cells ${p.range} span the header row and data rows; unmerge them and keep headers and data in separate cells.`,
  totals_row_skipped: (p) =>
    `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} ${p.rows.length === 1 ? 'is a totals row, not a report row' : 'are totals rows, not report rows'}; left out.`,
  totals_mismatch: (p) =>
    `The totals row's ${p.field.en.toLowerCase()} (${p.total}) does not equal the sum of rows ${p.from}–${p.to} (${p.sum}); check for rows left out or the formula's range.`,
  footer_rows_skipped: (p) =>
    `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} under the table ${p.rows.length === 1 ? 'is a footer' : 'are footers'} (filled in by, date, notes), not report rows; left out.`,
  repeated_header_skipped: (p) =>
    `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} ${p.rows.length === 1 ? 'repeats' : 'repeat'} the header (or a heading above it) within the table, not report rows; left out.`,
  hidden_rows_counted: (p) =>
    p.rows.length === 1
      ? `Row ${rowList(p.rows)} is hidden but was read as a report row; delete it if it does not count.`
      : `Rows ${rowList(p.rows)} are hidden but were read as report rows; delete them if they do not count.`,
  sheet_not_a_return: (p) => `Sheet "${p.sheet}" was not checked as a return (${NOT_A_RETURN[p.why]}). If it is a return, check its name and contents.`,
  resubmission_superseded: (p) =>
    `${p.rows} row${p.rows === 1 ? '' : 's'} of "${p.older}" (${p.olderTime}) ${p.rows === 1 ? 'was' : 'were'} replaced by the same report in "${p.newer}", saved later (${p.newerTime}); the older rows are not counted.`,
  excel_error: (p) => `${p.field.en} holds the Excel error ${p.error}; check the formula or what it refers to, and enter a value.`,
  unreadable_value: (p) => `The value of ${p.field.en} cannot be read.`,
  required_missing: (p) =>
    p.dash !== null
      ? `${p.field.en} holds only a dash; it is required, please fill it in.`
      : `${p.field.en} is blank; please fill it in.${p.merged ? ' (If this is part of a merged cell, unmerge it and fill every row.)' : ''}`,
  ditto_mark: (p) => `${p.field.en} "${p.text}" (ditto) cannot be read; type the value in every row.`,
  dash_as_blank: (p) => `The dash in ${p.field.en} was read as blank.`,
  not_a_number: (p) => {
    const what = p.value instanceof Date ? 'holds a date.' : typeof p.value === 'boolean' ? 'holds TRUE/FALSE.' : 'is not a number.';
    return `${p.field.en} ${q(p.value)} ${what} Enter ${expect(p)}.`;
  },
  not_integer: (p) => `${p.field.en} ${q(p.value)} is not a whole number; enter ${expect(p)}.`,
  below_min: (p) => `${p.field.en} ${q(p.value)} is below ${p.min}; enter ${expect(p)}.`,
  above_max: (p) => `${p.field.en} ${q(p.value)} is above the maximum of ${p.max}; please check.`,
  number_as_text: (p) => {
    const v = p.value;
    if (typeof v === 'number') {
      const serial = Number.isInteger(v) && v > 20000 && v < 80000;
      return `${p.field.en} holds the number ${q(v)}; read as text${serial ? ' (possibly a date serial number)' : ''}.`;
    }
    if (v instanceof Date) return `${p.field.en} holds the date ${q(v)}; read as text.`;
    return `${p.field.en} holds ${v ? 'TRUE' : 'FALSE'}; read as text.`;
  },
  text_too_long: (p) => `${p.field.en} has ${p.length} characters, more than the limit of ${p.max}; please shorten it.`,
  invalid_fiscal_year: (p) =>
    p.reason === 'date' ? `${p.field.en} holds a date ${q(p.value)}. ${FY_HINT}` : `${p.field.en} ${q(p.value)} ${fyFailure(p.reason, p.value)} ${FY_HINT}`,
  invalid_date: (p) =>
    p.eight !== null
      ? `${p.field.en} ${q(p.value)} is digits without separators, not a date; type it as ${p.eight}.`
      : `${p.field.en} ${q(p.value)} ${dateFailure(p.reason, p.value)} ${DATE_HINT}`,
  era_date_after_era_end: (p) => `${p.field.en} ${q(p.value)} is an era date after the era ended; read as ${p.date}.`,
  era_date_before_era_start: (p) => `${p.field.en} ${q(p.value)} is an era date before the era began; read as ${p.date}.`,
  era_year_beyond_end: (p) => `${p.field.en} ${q(p.value)} names a year after its era ended; read as FY${p.fy}.`,
  time_of_day_ignored: (p) => `${p.field.en} carried a time of day; read as the date ${p.date}.`,
  invalid_option: (p) => {
    const list = p.options.map((o) => o.en).join(', ');
    if (p.unknown !== null) {
      return `${p.field.en}: ${p.unknown.map((u) => `"${u}"`).join(', ')} ${plural(p.unknown.length, 'is not an option', 'are not options')}; choose from ${list}, separated by 、 or commas.`;
    }
    return p.multiple ? `${p.field.en} ${q(p.value)} is not an option; choose from ${list}.` : `${p.field.en} ${q(p.value)} is not an option; choose one of: ${list}.`;
  },
  invalid_boolean: (p) => `${p.field.en} ${q(p.value)} is not a yes/no value; type ○ (yes) or × (no), or leave it blank.`,
  unknown_unit: (p) =>
    `${p.field.en} ${q(p.value)} is not in the roster of ${p.level.toLowerCase()}s;${p.near.length > 0 ? ` closest names in the roster: ${p.near.map((u) => `${u.ja} (${u.en})`).join(', ')};` : ''} type its name or code.`,
  ambiguous_unit: (p) =>
    `${p.field.en} ${q(p.value)} matches several ${p.level.toLowerCase()} units (${p.units.map((u) => `${u.code} ${u.name.en}`).join(', ')}); fill in the ward or use the code.`,
  unknown_initiative: (p) => `${p.field.en} ${q(p.value)} is not an initiative of the plan; type its name or code (e.g. ${p.example}).`,
  unknown_measure: (p) =>
    p.asDate
      ? `${p.field.en} became the date ${q(p.value)} (Excel may have turned "${p.example}" into a date); format the cell as text and retype it.`
      : `${p.field.en} ${q(p.value)} is not a measure of the plan; type its number (e.g. ${p.example}).`,
  unit_not_in_parent: (p) =>
    `${p.field.en} "${p.unit.en}" belongs to ${p.actual?.en ?? 'another unit'}, not ${p.parent.en}; check the ward or the ${p.field.en.toLowerCase()}.`,
  unit_not_valid_on_date: (p) =>
    p.ended
      ? `${p.field.en} "${p.unit.en}" ended on ${p.bound} and did not exist on the report date ${p.date}.${p.successors.length > 0 ? ` Use one of: ${p.successors.map((u) => u.en).join(', ')}.` : ''}`
      : `${p.field.en} "${p.unit.en}" starts on ${p.bound}, after the report date ${p.date}.`,
  initiative_not_in_ward: (p) =>
    `${p.field.en} "${p.initiative?.en ?? p.code}" (${p.code}) is not in the plan of ${p.ward.en}; choose one of the ward's initiatives.`,
  fiscal_year_outside_plan: (p) => `${p.field.en} "${p.typed}" (FY${p.fy}) is outside the plan terms (FY${p.first}–FY${p.last}).`,
  fiscal_year_not_current_term: (p) => `${p.field.en} "${p.typed}" (FY${p.fy}) is outside the current term (term ${p.term}, FY${p.start}–FY${p.end}).`,
  date_outside_fiscal_year: (p) =>
    `${p.field.en} ${p.date} is outside FY${p.fy} (${p.start} to ${p.fyEnd}${p.closing !== p.fyEnd ? `, closing ${p.closing}` : ''}); check the date or the fiscal year.`,
  report_after_closing: (p) => `${p.field.en} ${p.date} is after the closing date of FY${p.fy} (${p.closing}); the report counts as late.`,
  date_in_future: (p) => `${p.field.en} ${p.date} is in the future (today is ${p.today}).`,
  date_outside_period: (p) =>
    p.window !== null
      ? `${p.field.en} ${p.date} is outside the ${p.window.content.en} period (${p.window.start} to ${p.window.due}); check the date or the period.`
      : p.period !== null
        ? `Period ${p.period} is not reported with this template (${windows(p.windows)}); check the period.`
        : `${p.field.en} ${p.date} falls in no reporting period (${windows(p.windows)}); check the date.`,
  report_after_period_closing: (p) =>
    `${p.field.en} ${p.date} is after the closing date of the ${p.window.content.en} (${p.window.due}); the report counts as late.`,
  duplicate_row: (p) => {
    const where = p.sheet === null ? `row ${p.row}` : `row ${p.row} of sheet "${p.sheet}"${p.source !== null ? ` in "${p.source}"` : ''}`;
    return `This row has the same ${p.fields.map((f) => f.en.toLowerCase()).join(', ')} (${p.shown}) as ${where}; remove the duplicate or check it.`;
  },
  mixed_fiscal_years: (p) =>
    `This row's ${p.field.en.toLowerCase()} (FY${p.fy}) differs from the rest of the return (FY${p.main}); keep one fiscal year per return.`,
  pii_phone: pii('pii_phone'),
  pii_my_number: pii('pii_my_number'),
  pii_email: pii('pii_email'),
  pii_person_name: pii('pii_person_name'),
  internal_error: (p) => `${ISSUE_CODES.internal_error.en} (${p.what})`,
};
