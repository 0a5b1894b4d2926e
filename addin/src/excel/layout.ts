/**
 * Lays a render-ready {@link SheetModel} out as the 2-D arrays Office.js writes: values, number
 * formats (`@` on every text cell, so text that starts with = + - @ stays text), and
 * `HYPERLINK` formulas for link cells. Pure: tested without Excel.
 */
import {
  cellNumberFormat,
  columnNumberFormat,
  dateToExcelSerial,
  headerRowIndex,
  isLocalDate,
  TEXT_FORMAT,
  type Lang,
  type SheetColumn,
  type SheetModel,
  type SheetValue,
} from '@sasaeai/core';
import { blockAddress, sheetRef } from './address.js';

/** Excel's limit on a string literal inside a formula. */
const FORMULA_STRING_MAX = 255;

export { TEXT_FORMAT };

/** A cell write: what goes into `values` and `numberFormat` of one cell. */
export type CellValue = string | number | boolean;

/** A run of link cells in one column, written with one `formulas` 2-D write. */
export interface LinkRun {
  /** 0-based row offset inside the block. */
  row: number;
  col: number;
  formulas: string[][];
}

/** A sheet model laid out for writing. Rows and columns are 0-based worksheet positions. */
export interface SheetLayout {
  /** Preamble lines (title first) written in column A from row 0. */
  preamble: string[];
  /** Row of the header (0-based). */
  headerRow: number;
  columns: SheetColumn[];
  /** Header + data rows: one 2-D write at (headerRow, 0). */
  values: CellValue[][];
  numberFormat: string[][];
  links: LinkRun[];
  /** Number of data rows, and blank rows prepared below them. */
  dataRows: number;
  blankRows: number;
  /** Address of header + data + blank rows (the table). */
  tableAddress: string;
}

/** A string literal for a formula: quotes doubled, cut to Excel's 255-character limit. */
export function formulaString(text: string): string {
  return `"${text.slice(0, FORMULA_STRING_MAX).replace(/"/g, '""')}"`;
}

/**
 * The `HYPERLINK` formula of an in-workbook link.
 *
 * @example
 * ```ts
 * hyperlinkFormula({ text: 'F12', sheet: '報告', cell: 'F12' }); // =HYPERLINK("#'報告'!F12","F12")
 * ```
 */
export function hyperlinkFormula(link: { text: string; sheet: string; cell: string }): string {
  return `=HYPERLINK(${formulaString(`#${sheetRef(link.sheet)}!${link.cell}`)},${formulaString(link.text)})`;
}

// The number format of every cell is core's decision (the CLI's writer takes the same).
function cell(value: SheetValue, column: SheetColumn): { v: CellValue; f: string; link?: string } {
  const f = cellNumberFormat(column, value);
  if (value === null || value === undefined) return { v: '', f };
  if (typeof value === 'string' || typeof value === 'boolean') return { v: value, f };
  if (typeof value === 'number') return { v: Number.isFinite(value) ? value : '', f };
  // A date that names no day (2026-02-29) stays the text it is (core formats it as text).
  if ('date' in value) return { v: isLocalDate(value.date) ? dateToExcelSerial(value.date) : value.date, f };
  // Link cells are left empty by the values write and filled by a formulas write.
  return { v: '', f, link: hyperlinkFormula(value.link) };
}

/**
 * Lays out a sheet model in a language.
 *
 * @example
 * ```ts
 * const layout = layoutSheet(model, 'ja');
 * range.numberFormat = layout.numberFormat; // first: text cells become '@'
 * range.values = layout.values;             // then the values, in one write
 * ```
 */
export function layoutSheet(model: SheetModel, lang: Lang): SheetLayout {
  const preamble: string[] = [];
  if (model.preamble) {
    preamble.push(model.preamble.title[lang]);
    for (const l of model.preamble.lines ?? []) preamble.push(l[lang]);
  }
  const headerRow = headerRowIndex(model);
  const cols = model.columns;
  const values: CellValue[][] = [cols.map((c) => c.header[lang])];
  const numberFormat: string[][] = [cols.map(() => TEXT_FORMAT)];
  const linkCells: { row: number; col: number; formula: string }[] = [];
  model.rows.forEach((row, r) => {
    const vRow: CellValue[] = [];
    const fRow: string[] = [];
    cols.forEach((c, ci) => {
      const x = cell(row[ci] ?? null, c);
      vRow.push(x.v);
      fRow.push(x.f);
      if (x.link !== undefined) linkCells.push({ row: r + 1, col: ci, formula: x.link });
    });
    values.push(vRow);
    numberFormat.push(fRow);
  });
  const blankRows = Math.max(model.blankRows ?? 0, model.rows.length === 0 && model.tableName ? 1 : 0);
  for (let i = 0; i < blankRows; i++) {
    values.push(cols.map(() => ''));
    numberFormat.push(cols.map((c) => columnNumberFormat(c)));
  }
  // Consecutive link cells of a column become one run: one 2-D formulas write each.
  linkCells.sort((a, b) => a.col - b.col || a.row - b.row);
  const links: LinkRun[] = [];
  for (const lc of linkCells) {
    const last = links[links.length - 1];
    if (last && last.col === lc.col && last.row + last.formulas.length === lc.row) last.formulas.push([lc.formula]);
    else links.push({ row: lc.row, col: lc.col, formulas: [[lc.formula]] });
  }
  return {
    preamble,
    headerRow,
    columns: cols,
    values,
    numberFormat,
    links,
    dataRows: model.rows.length,
    blankRows,
    tableAddress: blockAddress(headerRow, 0, values.length, Math.max(1, cols.length)),
  };
}

/**
 * Rough size in bytes of a 2-D array as JSON on the wire: enough to decide when a write or read
 * must be split to stay under the 5 MB payload limit of Excel on the web.
 *
 * @example
 * ```ts
 * estimateJsonBytes([['a', 1]]); // 9
 * ```
 */
export function estimateJsonBytes(rows: readonly (readonly unknown[])[]): number {
  let n = 2;
  for (const row of rows) {
    n += 3;
    for (const v of row) {
      if (typeof v === 'string') {
        // Non-ASCII text costs up to 3 bytes per UTF-16 unit in UTF-8.
        let b = 2;
        for (let i = 0; i < v.length; i++) b += v.charCodeAt(i) < 0x80 ? 1 : 3;
        n += b + 1;
      } else n += String(v).length + 1;
    }
  }
  return n;
}
