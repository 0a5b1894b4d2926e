/**
 * The typed parameters of each issue code validation raises: an issue is raised as code +
 * location + these, and its words come from `ja.ts` and `en.ts` (one function per code).
 */
import type { LocalizedText } from '../../i18n/text.js';
import type { PeriodParseFailure } from '../../period/index.js';
import type { PeriodWindow } from '../../plan/period-window.js';

type Label = LocalizedText;
/** What a number field expects: a whole number or any number, and whether 0 is the least. */
interface Expect {
  integer: boolean;
  nonNegative: boolean;
}
/** A period's window as its messages name it: what the flow reports, from its start to its closing date. */
type Window = Pick<PeriodWindow, 'content' | 'start' | 'due'>;

/** Parameters of each code, by code. */
export interface IssueParams {
  unknown_template: { template: string; ids: string[] };
  no_header: { sheet: string; template: Label | null };
  missing_column: { field: Label };
  missing_optional_column: { field: Label };
  unknown_column: { header: string; template: Label };
  duplicate_column: { header: string; firstColumn: string; field: Label };
  value_without_header: { column: string; count: number };
  prefilled_only_rows: { first: number; last: number; count: number; fields: Label[] };
  no_data_rows: { sheet: string; headerRow: number };
  /** `field`: the field the header probably means. */
  column_not_recognised: { header: string; field: Label };
  /** `fyLabel`: the fiscal-year field's label; `first`/`last`: the earliest and latest report dates. */
  stale_fiscal_year: { fyLabel: Label; typed: string; typedFy: number; datesFy: number; first: string; last: string };
  merged_cells_filled: { ranges: string[]; cells: number };
  merge_across_header: { range: string };
  /** `rows`: worksheet rows. */
  totals_row_skipped: { rows: number[] };
  /** `from`/`to`: the worksheet rows the totals row sums. */
  totals_mismatch: { field: Label; total: number; sum: number; from: number; to: number };
  footer_rows_skipped: { rows: number[] };
  repeated_header_skipped: { rows: number[] };
  hidden_rows_counted: { rows: number[] };
  /** `why`: what marks the sheet as no return. */
  sheet_not_a_return: { sheet: string; why: 'name' | 'title' | 'examples' | 'sums' };
  /** `older`/`newer`: the files; `rows`: how many rows of the older one were replaced. */
  resubmission_superseded: { older: string; newer: string; rows: number; olderTime: string; newerTime: string };
  excel_error: { field: Label; error: string };
  unreadable_value: { field: Label };
  /** `dash`: the dash typed instead of a value; `merged`: the cell above holds a value (a merge). */
  required_missing: { field: Label; dash: string | null; merged: boolean };
  ditto_mark: { field: Label; text: string };
  dash_as_blank: { field: Label; dash: string };
  not_a_number: { field: Label; value: unknown } & Expect;
  not_integer: { field: Label; value: unknown } & Expect;
  below_min: { field: Label; value: unknown; min: number } & Expect;
  above_max: { field: Label; value: unknown; max: number };
  number_as_text: { field: Label; value: number | boolean | Date };
  text_too_long: { field: Label; length: number; max: number };
  /** `reason: 'date'`: the cell holds a date. */
  invalid_fiscal_year: { field: Label; value: unknown; reason: PeriodParseFailure | 'date' };
  /** `eight`: the day eight digits without separators look like. */
  invalid_date: { field: Label; value: unknown; reason: PeriodParseFailure; eight: string | null };
  era_date_after_era_end: { field: Label; value: unknown; date: string };
  era_date_before_era_start: { field: Label; value: unknown; date: string };
  era_year_beyond_end: { field: Label; value: unknown; fy: number };
  time_of_day_ignored: { field: Label; date: string };
  /** `unknown`: the pieces of a multiple choice that are no option (null for a single choice). */
  invalid_option: { field: Label; value: unknown; options: Label[]; multiple: boolean; unknown: string[] | null };
  invalid_boolean: { field: Label; value: unknown };
  unknown_unit: { field: Label; value: unknown; level: string; near: Label[]; example: string };
  ambiguous_unit: { field: Label; value: unknown; level: string; units: { code: string; name: Label }[] };
  /** `asDate`: Excel turned the code into a date. */
  unknown_initiative: { field: Label; value: unknown; example: string; asDate: boolean };
  unknown_measure: { field: Label; value: unknown; example: string; asDate: boolean };
  unit_not_in_parent: { field: Label; unit: Label; parent: Label; actual: Label | null };
  /** `ended`: the unit ended before the date (else it starts after it); `bound` is that day. */
  unit_not_valid_on_date: { field: Label; unit: Label; date: string; ended: boolean; bound: string; successors: Label[] };
  initiative_not_in_ward: { field: Label; code: string; initiative: Label | null; ward: Label };
  fiscal_year_outside_plan: { field: Label; typed: string; fy: number; first: number; last: number };
  fiscal_year_not_current_term: { field: Label; typed: string; fy: number; term: number; start: number; end: number };
  date_outside_fiscal_year: { field: Label; date: string; fy: number; start: string; fyEnd: string; closing: string };
  report_after_closing: { field: Label; date: string; fy: number; closing: string };
  date_in_future: { field: Label; date: string; today: string };
  /**
   * `window`: the period the date comes before (an explicit period); `period`: an explicit period
   * the template's flows do not report; neither: the date falls in no period's window.
   */
  date_outside_period: { field: Label; date: string; window: Window | null; period: number | null; windows: Window[] };
  report_after_period_closing: { field: Label; date: string; window: Window };
  /** `sheet`/`source`: where the first row is when not on this sheet / in this file (else null). */
  duplicate_row: { fields: Label[]; shown: string; row: number; sheet: string | null; source: string | null };
  mixed_fiscal_years: { field: Label; fy: number; main: number };
  pii_phone: { field: Label; match: string };
  pii_my_number: { field: Label; match: string };
  pii_email: { field: Label; match: string };
  pii_person_name: { field: Label; match: string };
  internal_error: { what: string };
}

/** A code validation raises with typed parameters. */
export type MessageCode = keyof IssueParams;

/** The wording of every code in one language. */
export type Messages = { [C in MessageCode]: (p: IssueParams[C]) => string };
