/**
 * What every reader of a workbook (the lean reader, and exceljs where it is still used) hands to
 * read.ts: sheets of core raw cells from A1, with merged areas, hidden rows and formulas, and the
 * helpers they share so that both give core the same grids.
 */
import type { RawCell } from '@sasaeai/core';

/** Visibility of a worksheet, as Excel stores it. */
export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One worksheet as a reader gives it. */
export interface RawSheet {
  name: string;
  state: SheetState;
  index: number;
  cells: RawCell[][];
  formulasWithoutResult: string[];
  formulasWithResult: number;
  /** Formula text by address (a shared formula's followers: the address of its first cell). */
  formulas: Record<string, string>;
  merges: { master: string; range: string }[];
  hiddenRows: number[];
}

/** A workbook as a reader gives it. */
export interface RawWorkbook {
  sheets: RawSheet[];
  savedAt?: string;
  /** The workbook counts dates from 1904. */
  date1904?: boolean;
  /**
   * Whether a formula's cached error value is read (`{ error }`). exceljs's streaming reader drops
   * it, so there a formula without a result may have had an error: noted, never judged calculated.
   */
  keepsCachedErrors: boolean;
}

/** A rectangle of cells, 1-based and inclusive, with the address of its top-left cell. */
export interface Area {
  master: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Collects raw cells row by row into a grid from A1, without trailing blanks. */
export class GridBuilder {
  readonly cells: RawCell[][] = [];

  /** Places a value; blanks (`null`, `''`) are not placed. */
  put(row: number, col: number, raw: RawCell): void {
    if (raw === null || raw === '' || raw === undefined) return;
    const cells = this.cells;
    while (cells.length < row) cells.push([]);
    const r = cells[row - 1]!;
    while (r.length < col - 1) r.push(null);
    r[col - 1] = raw;
  }

  /** Blanks a placed value (a cell covered by a merge), keeping rows without trailing blanks. */
  clear(row: number, col: number): void {
    const r = this.cells[row - 1];
    if (r === undefined || col > r.length) return;
    r[col - 1] = null;
    while (r.length > 0 && (r[r.length - 1] === null || r[r.length - 1] === undefined)) r.pop();
  }

  /** Drops trailing empty rows (left after {@link GridBuilder.clear}). */
  trim(): void {
    while (this.cells.length > 0 && this.cells[this.cells.length - 1]!.length === 0) this.cells.pop();
  }
}

/** Only merges across rows matter for a table of returns: a title merged across columns is harmless. */
export function rowMerges(areas: Area[]): { master: string; range: string }[] {
  return areas
    .filter((m) => m.bottom > m.top)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => ({ master: m.master, range: `${m.master}:${colName(m.right)}${m.bottom}` }));
}

/** Whether row `r` holds a cell of the merge other than its top-left one. */
export function coversSlave(m: Area, r: number): boolean {
  return r >= m.top && r <= m.bottom && (r > m.top || m.right > m.left);
}

/** A range such as `B6:B8` (or one cell) as an {@link Area}; null when it is not one. */
export function parseRange(ref: string): Area | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.toUpperCase());
  if (!m) return null;
  const [a, b] = [colNumber(m[1]!), Number(m[2])];
  const [c, d] = m[3] === undefined ? [a, b] : [colNumber(m[3]), Number(m[4])];
  if (b < 1 || d < 1) return null;
  const top = Math.min(b, d);
  const left = Math.min(a, c);
  return { master: `${colName(left)}${top}`, top, left, bottom: Math.max(b, d), right: Math.max(a, c) };
}

/** `A` → 1, `AA` → 27. */
export function colNumber(name: string): number {
  let n = 0;
  for (let i = 0; i < name.length; i++) n = n * 26 + name.charCodeAt(i) - 64;
  return n;
}

/** 1 → `A`, 27 → `AA`. */
export function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
