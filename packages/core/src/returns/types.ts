/**
 * What a return looks like on its way in (raw cells) and on its way out (records and issues).
 */
import type { LocalizedText } from '../i18n/text.js';
import type { Severity } from '../plan/schema.js';
import type { IssueCode } from './codes.js';

/** An Excel error value as readers give it, e.g. `#N/A`, `#VALUE!`, `#REF!`. */
export interface CellError {
  error: string;
}

/**
 * A raw cell value exactly as Excel (Office.js `range.values`) or an xlsx reader gives it:
 * strings, numbers, booleans, Dates, blanks, and Excel error values (as `{ error: '#N/A' }`, or
 * as the string `'#N/A'` the way Office.js returns them).
 */
export type RawCell = string | number | boolean | Date | null | undefined | CellError;

/** A rectangular (or ragged) block of raw cells, row by row. */
export type RawGrid = readonly (readonly RawCell[])[];

/** A grid together with where it sits in a workbook. */
export interface SheetGrid {
  /** Sheet name, as it appears on the tab. */
  sheet: string;
  /** A1 address of the grid's top-left cell (default `A1`). */
  origin?: string;
  cells: RawGrid;
  /** Where the grid came from, for provenance (a file name, a workbook name). */
  source?: string;
  /**
   * Merged areas as A1 ranges in worksheet coordinates (`A2:A9`). The cells a merge covers are
   * blank in `cells`; validation applies the top-left value to every row a merge covers.
   */
  merges?: readonly string[];
  /** Worksheet row numbers (1-based) that are hidden. */
  hiddenRows?: readonly number[];
  /**
   * The workbook counts dates from 1904 (a Mac option): date serial numbers in `cells` are then
   * 1 462 days behind the 1900 system validation reads them in.
   */
  date1904?: boolean;
  /** Formulas by A1 address (`G12` → `SUM(G2:G11)`), for cells whose value is a formula's result. */
  formulas?: Readonly<Record<string, string>>;
}

/** A typed value of a record field after normalisation. */
export type FieldValue = string | number | boolean | string[] | null;

/** One normalised row of a return, keyed by the template's field keys. */
export type ReturnRecord = Record<string, FieldValue>;

/** Where a record came from: enough to drill down from any figure to its row. */
export interface RowRef {
  source?: string;
  sheet: string;
  /** Worksheet row number (1-based, as Excel shows it). */
  row: number;
}

/** A record with its origin and the number of errors open on its row. */
export interface LocatedRecord {
  ref: RowRef;
  values: ReturnRecord;
  errors: number;
  warnings: number;
}

/** The severity of an issue. */
export type IssueSeverity = Severity;

/**
 * A problem found in user data, returned as data. `code` is stable snake_case — a code of the
 * catalogue (`returns/codes.ts`) or `rule_<id>` of a plan row rule; the location is as precise as
 * the problem allows.
 */
export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  /** File or workbook name, when known. */
  source?: string;
  sheet?: string;
  /** A1 address of the cell, e.g. `F12`. */
  cell?: string;
  /** Worksheet row number (1-based). */
  row?: number;
  /** Field key of the template (`templates[].fields[].key`, docs/municipalities.md §4). */
  field?: string;
  /** The offending value as it was typed. */
  value?: unknown;
  message: LocalizedText;
  /** For row rules: the rule id in the plan. */
  rule?: string;
}
