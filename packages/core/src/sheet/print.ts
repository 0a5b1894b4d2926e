/**
 * Print settings of the sheets people read on paper: councils read printed handouts, and district
 * chapters often print the blank return and write on it. Core decides them once (orientation, what
 * prints, the running header, row heights that show wrapped text); the CLI's and the add-in's
 * writers only translate them into page setup.
 *
 * Technical columns (figure ids, record ids) are kept off the printed pages with the print area:
 * Excel has no "hide when printing" for a column, and hiding the column would hide it on screen
 * too, where it is how staff trace a figure. So such columns are always the last ones of a sheet,
 * and the print area stops before them.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';
import { headerRowIndex, type SheetColumn, type SheetModel, type SheetPrint, type SheetValue, type WorkbookModel } from './model.js';

/** The document a sheet belongs to: its title and fiscal year, printed at the top of every page. */
export interface PrintDocument {
  title: LocalizedText;
  fiscalYear?: LocalizedText;
}

/** Options of {@link printSettings}. */
export interface PrintOptions {
  /** Fit the whole sheet on one page (the blank return). */
  onePage?: boolean;
  /** Keys of technical columns to leave off the printed pages when they end the sheet. */
  screenOnly?: readonly string[];
}

/** Page margins in inches (Excel's "narrow" sides, room above and below for header and footer). */
export const PRINT_MARGINS = { left: 0.4, right: 0.4, top: 0.75, bottom: 0.6, header: 0.3, footer: 0.3 } as const;

/** Excel's limit on a header or footer string, section codes included. */
export const HEADER_FOOTER_MAX = 255;

// Widths in Excel's character units (the width of a digit). A4 with the margins above holds about
// 100 of them across in portrait at 100%; a wider table turns the page.
const PORTRAIT_WIDTH = 100;
// Points per line of 11-point text, Japanese fonts included, and Excel's largest row height.
const LINE_HEIGHT = 16;
const ROW_PADDING = 3;
const MAX_ROW_HEIGHT = 409;
const FORM_ROW_HEIGHT = 30;
const MIN_WIDTH = 8;
const MAX_WIDTH = 50;

/**
 * Width of a column in character units: its own width, or one that fits its header's longest
 * line (full-width characters count twice).
 *
 * @example
 * ```ts
 * columnWidth({ key: 'a', header: { ja: '提出状況', en: 'Status' }, kind: 'text' }, 'ja'); // 10
 * ```
 */
export function columnWidth(col: SheetColumn, lang: Lang): number {
  if (col.width !== undefined) return col.width;
  const longest = Math.max(...col.header[lang].split('\n').map(textWidth));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}

/**
 * Print settings for a sheet: A4, one page wide, landscape when the printed columns are wider
 * than a portrait page, and the trailing technical columns left out.
 *
 * @example
 * ```ts
 * const print = printSettings(sheet, { title: lt('令和8年度 報告', 'FY2026 report') }, { screenOnly: ['figure'] });
 * print.printedColumns; // every column but a trailing figure-id column
 * ```
 */
export function printSettings(sheet: SheetModel, doc: PrintDocument, opts: PrintOptions = {}): SheetPrint {
  const screenOnly = new Set(opts.screenOnly ?? []);
  let printed = sheet.columns.length;
  // Only a run of technical columns at the end can stay off paper; one in the middle is content.
  while (printed > 1 && screenOnly.has(sheet.columns[printed - 1]!.key)) printed--;
  const width = Math.max(
    ...(['ja', 'en'] as const).map((lang) => sheet.columns.slice(0, printed).reduce((w, c) => w + columnWidth(c, lang), 0)),
  );
  return {
    paper: 'A4',
    orientation: width > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    pagesTall: opts.onePage === true ? 1 : 0,
    title: doc.title,
    ...(doc.fiscalYear !== undefined ? { fiscalYear: doc.fiscalYear } : {}),
    printedColumns: printed,
  };
}

/**
 * A workbook with print settings on every sheet, all under one document title.
 *
 * @example
 * ```ts
 * const wb = withPrint({ sheets }, { title: report.title, fiscalYear: report.fiscalYearLabel }, { screenOnly: ['figure'] });
 * ```
 */
export function withPrint(model: WorkbookModel, doc: PrintDocument, opts: PrintOptions = {}): WorkbookModel {
  return { ...model, sheets: model.sheets.map((s) => ({ ...s, print: printSettings(s, doc, opts) })) };
}

/** The three sections of a header or footer, as Excel's header/footer codes (`&` already escaped). */
export interface HeaderFooterSections {
  left: string;
  center: string;
  right: string;
}

/**
 * The running header and footer of a printed sheet: the document's title on the left, the sheet's
 * tab name in the middle, the fiscal year on the right; "page x / y" in the footer. Text is
 * escaped (`&` → `&&`) and the title shortened so that each string stays within Excel's 255
 * characters, codes included.
 *
 * @example
 * ```ts
 * printHeaderFooter(print, 'ja').footer.center; // '&P / &N'
 * ```
 */
export function printHeaderFooter(print: SheetPrint, lang: Lang): { header: HeaderFooterSections; footer: HeaderFooterSections } {
  const esc = (s: string) => s.replace(/[\r\n\t]+/g, ' ').replace(/&/g, '&&');
  const right = esc(print.fiscalYear?.[lang] ?? '').slice(0, 40);
  const center = '&A';
  let left = esc(print.title[lang]);
  // The room left for the title once its own `&L` code and the other sections are counted.
  const room = HEADER_FOOTER_MAX - headerFooterString({ left: '-', center, right }).length + 1;
  if (left.length > room) left = `${left.slice(0, room - 1).replace(/&$/, '')}…`;
  return { header: { left, center, right }, footer: { left: '', center: '&P / &N', right: '' } };
}

/**
 * One header or footer string from its sections (`&L…&C…&R…`), as stored in the file.
 *
 * @example
 * ```ts
 * headerFooterString({ left: 'A', center: '', right: 'B' }); // '&LA&RB'
 * ```
 */
export function headerFooterString(s: HeaderFooterSections): string {
  return `${s.left ? `&L${s.left}` : ''}${s.center ? `&C${s.center}` : ''}${s.right ? `&R${s.right}` : ''}`;
}

/** 1-based rows and columns of what prints, and the header row repeated on every page. */
export interface PrintRanges {
  /** Print area, e.g. `A1:L40`. */
  area: string;
  /** Rows repeated at the top of every page, e.g. `$4:$4`. */
  titleRows: string;
}

/**
 * The print area (title, notes and table, up to the last printed column) and the print-title rows
 * (the table's header) of a sheet as written by the adapters.
 *
 * @example
 * ```ts
 * printRanges(sheet); // { area: 'A1:L40', titleRows: '$4:$4' }
 * ```
 */
export function printRanges(sheet: SheetModel): PrintRanges {
  const header = headerRowIndex(sheet) + 1;
  const rows = Math.max(sheet.rows.length + (sheet.blankRows ?? 0), sheet.tableName ? 1 : 0);
  const cols = Math.max(1, sheet.print?.printedColumns ?? sheet.columns.length);
  return { area: `A1:${columnLetters(cols)}${header + rows}`, titleRows: `$${header}:$${header}` };
}

/** Heights in points of the rows a printed sheet needs taller than one line; null keeps the default. */
export interface PrintRowHeights {
  /** The title and each note above the table (each note spans the printed columns, wrapped). */
  preamble: (number | null)[];
  header: number;
  /** Data rows, then the blank rows prepared below them. */
  rows: (number | null)[];
}

/**
 * Row heights that show wrapped text: writers wrap text cells (and the notes above the table,
 * merged across the printed columns) and give each row the height of its longest cell, estimated
 * from the column widths — Excel does not grow rows by itself when it opens a file.
 *
 * @example
 * ```ts
 * printRowHeights(sheet, 'ja').rows[0]; // null, or e.g. 51 for a three-line narrative
 * ```
 */
export function printRowHeights(sheet: SheetModel, lang: Lang): PrintRowHeights {
  const widths = sheet.columns.map((c) => columnWidth(c, lang));
  const printed = sheet.print?.printedColumns ?? sheet.columns.length;
  const span = widths.slice(0, Math.max(1, printed)).reduce((a, b) => a + b, 0) || MIN_WIDTH;
  const height = (lines: number) => (lines <= 1 ? null : Math.min(MAX_ROW_HEIGHT, lines * LINE_HEIGHT + ROW_PADDING));
  const preamble: (number | null)[] = sheet.preamble
    ? [null, ...(sheet.preamble.lines ?? []).map((l) => height(lineCount(l[lang], span)))]
    : [];
  const header = Math.max(20, height(Math.max(1, ...sheet.columns.map((c, j) => lineCount(c.header[lang], widths[j]!)))) ?? 0);
  // A form printed to be filled in by hand gets rows tall enough to write in.
  const form = sheet.print?.pagesTall === 1;
  const rowHeight = (row: SheetValue[]): number | null => {
    const h = height(
      Math.max(1, ...row.map((v, j) => (typeof v === 'string' && sheet.columns[j]?.kind === 'text' ? lineCount(v, widths[j] ?? MIN_WIDTH) : 1))),
    );
    return form ? Math.max(h ?? 0, FORM_ROW_HEIGHT) : h;
  };
  const rows = [...sheet.rows, ...Array.from({ length: sheet.blankRows ?? 0 }, (): SheetValue[] => [])].map(rowHeight);
  return { preamble, header, rows };
}

/**
 * Whether the writers wrap a column's cells: text columns do, so a long narrative stays inside its
 * column on paper.
 *
 * @example
 * ```ts
 * wrapsText({ key: 'note', header: lt('備考', 'Note'), kind: 'text' }); // true
 * ```
 */
export function wrapsText(col: SheetColumn): boolean {
  return col.kind === 'text';
}

// Display width in character units: full-width characters take two.
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u0020-\u007e\uff61-\uff9f]/.test(ch) ? 1 : 2;
  return w;
}

// Lines a text takes in a column of `width` units (a unit is kept free for the cell's padding).
function lineCount(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
