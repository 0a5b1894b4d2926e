/**
 * Render-ready sheet models: what both adapters (the CLI's xlsx writer and the add-in's Office.js
 * writer) turn into a worksheet. Core produces them once, so the two outputs are identical.
 */
import type { LocalizedText } from '../i18n/text.js';

/** A value to write. Strings are always written as text, never as formulas. */
export type SheetValue = string | number | boolean | null | { date: string } | { link: SheetLink };

/** A link to a cell in the same workbook (for the issues and sources sheets). */
export interface SheetLink {
  text: string;
  sheet: string;
  cell: string;
}

/** Kinds of column; adapters use them for number formats and for writing text as text. */
export type ColumnKind = 'text' | 'integer' | 'number' | 'percent' | 'date' | 'boolean' | 'enum' | 'link';

/** Excel data validation for a column of a blank return. */
export type ColumnValidation =
  | { type: 'list'; values: string[] }
  | { type: 'whole' | 'decimal'; min?: number; max?: number }
  | { type: 'date'; min?: string; max?: string }
  | { type: 'textLength'; max: number };

/** A column of a sheet model. */
export interface SheetColumn {
  key: string;
  header: LocalizedText;
  kind: ColumnKind;
  /** Excel number format, e.g. `#,##0`, `0.0%`, `yyyy/m/d`, `@`. */
  numberFormat?: string;
  /** Width in characters. */
  width?: number;
  validation?: ColumnValidation;
  /** Input prompt (title and text) shown when a cell of the column is selected. */
  prompt?: LocalizedText;
  /** Error alert shown when a value breaks the validation. */
  errorAlert?: LocalizedText;
  required?: boolean;
}

/** A block of lines written above the table (a title, notes). */
export interface SheetPreamble {
  title: LocalizedText;
  lines?: LocalizedText[];
}

/** One sheet to write. */
export interface SheetModel {
  /** Stable id, used to find and replace the sheets an adapter wrote before. */
  id: string;
  name: LocalizedText;
  preamble?: SheetPreamble;
  columns: SheetColumn[];
  rows: SheetValue[][];
  /** Blank rows to prepare with validation below the data (for a blank return). */
  blankRows?: number;
  freezeHeader?: boolean;
  /** Name of the Excel table to create over header + rows, if any. */
  tableName?: string;
  /** Key/value metadata to record in the workbook (plan id, template id…). */
  metadata?: Record<string, string>;
  /** A chart to draw from the table (add-in only; the CLI leaves it out). */
  chart?: { type: 'barStacked' | 'columnClustered'; title: LocalizedText; categoryColumn: string; seriesColumns: string[] };
  /** How the sheet prints, for sheets people read on paper (see `sheet/print.ts`). */
  print?: SheetPrint;
}

/**
 * Print settings of a sheet: both writers turn them into the worksheet's page setup. Paper is
 * always A4 and the sheet is always fitted to one page wide; the footer is always "page x / y".
 */
export interface SheetPrint {
  paper: 'A4';
  orientation: 'portrait' | 'landscape';
  /** Pages tall: 0 lets the rows run over as many pages as they need, 1 fits the sheet on one page. */
  pagesTall: 0 | 1;
  /** The document's title, printed at the top left of every page. */
  title: LocalizedText;
  /** The fiscal year 年度, printed at the top right of every page. */
  fiscalYear?: LocalizedText;
  /**
   * How many leading columns print. The columns after them are technical (figure ids, record ids):
   * shown on screen, left out of the print area.
   */
  printedColumns: number;
}

/** A workbook to write: sheets in order. */
export interface WorkbookModel {
  sheets: SheetModel[];
  /** Workbook-level metadata (plan id, template id, generator). */
  metadata?: Record<string, string>;
}

/**
 * Row index of the header inside a written sheet (0-based), given its preamble: the title, each
 * line, then one blank row.
 *
 * @example
 * ```ts
 * headerRowIndex({ id: 'x', name: lt('a','a'), columns: [], rows: [] }); // 0
 * ```
 */
export function headerRowIndex(sheet: SheetModel): number {
  if (!sheet.preamble) return 0;
  return 1 + (sheet.preamble.lines?.length ?? 0) + 1;
}

/**
 * Whether a text would be read as a formula by a spreadsheet if written as a plain value. Writers
 * must store such text as text (a string cell, or number format `@` before writing).
 *
 * @example
 * ```ts
 * looksLikeFormula('=SUM(A1)'); // true
 * looksLikeFormula('A'); // false
 * ```
 */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) || /^[\t\r]/.test(text);
}
