/**
 * Columns: which worksheet column holds which field of the template, read from the header row
 * (or two rows, 実績 merged over 実施回数／参加者数), and the issues about the header.
 */
import { columnLetters, displayValue } from '../cells.js';
import type { CompiledTemplate } from '../compile.js';
import { bandHeader, COL_BLANK, COL_DERIVED, COL_UNKNOWN, headerBand, headerField, probableField } from '../header.js';
import type { RawCell } from '../types.js';
import type { Run } from './run.js';

/** Where a field was found in the sheet (`ValidationResult.columns`). */
export interface FoundColumn {
  field: string;
  /** Worksheet column number (1 = A). */
  column: number;
  /** A1 address of the header cell. */
  cell: string;
}

/** The columns of a grid. */
export interface Columns {
  /** Grid column of each field (by field index), -1 when absent. */
  colOf: Int32Array;
  /** Grid row of the last header row: data starts below it. */
  headerEnd: number;
  /** Grid columns with a blank header. */
  unlabelled: number[];
}

/**
 * Reads the header: each field's column, pushed to `found`; duplicate, unknown and unrecognised
 * columns are raised on `run`.
 */
export function findColumns(ct: CompiledTemplate, cells: readonly (readonly RawCell[])[], headerRow: number, run: Run, found: FoundColumn[]): Columns {
  const fields = ct.fields;
  const colOf = new Int32Array(fields.length).fill(-1);
  // A header of several rows (実績 merged over 実施回数／参加者数, a units row) reads as one; data starts below it.
  const band = headerBand(ct, cells, headerRow);
  const headerEnd = band.end;
  const header = bandHeader(ct, cells, band.top, band.end);
  const unknownCols: number[] = [];
  const width = gridWidth(cells);
  const unlabelled: number[] = [];
  for (let c = 0; c < width; c++) {
    const cell = header[c];
    const f = headerField(ct, cell);
    if (f === COL_BLANK) {
      unlabelled.push(c);
      continue;
    }
    if (f === COL_DERIVED) continue;
    if (f === COL_UNKNOWN) {
      unknownCols.push(c);
      continue;
    }
    const fd = fields[f];
    if (fd === undefined) continue;
    const first = colOf[f] ?? -1;
    if (first >= 0) {
      run.raise(
        'duplicate_column',
        { r: headerRow, c, field: fd.key, value: cell },
        { header: displayValue(cell), firstColumn: columnLetters(run.originCol + first), field: fd.label },
      );
      continue;
    }
    colOf[f] = c;
    found.push({ field: fd.key, column: run.originCol + c, cell: run.cellRef(headerRow, c) });
  }
  for (const c of unknownCols) {
    const cell = header[c];
    const text = displayValue(cell);
    // A header like a field that is not found otherwise: the column holds that field's data.
    const p = probableField(ct, cell);
    const pf = p >= 0 && (colOf[p] ?? -1) < 0 ? fields[p] : undefined;
    if (pf !== undefined) {
      run.raise('column_not_recognised', { r: headerRow, c, field: pf.key, value: cell }, { header: text, field: pf.label });
      continue;
    }
    run.raise('unknown_column', { r: headerRow, c, value: cell }, { header: text, template: ct.template.name });
  }
  return { colOf, headerEnd, unlabelled };
}

/**
 * The length of the longest row. Its own function: its loop runs over every row, and V8 threw
 * {@link findColumns}' optimised code away after some calls (it also reads objects made per call),
 * which then ran this loop unoptimised.
 */
function gridWidth(cells: readonly (readonly RawCell[])[]): number {
  let width = 0;
  for (let r = 0; r < cells.length; r++) {
    const row = cells[r];
    if (Array.isArray(row) && row.length > width) width = row.length;
  }
  return width;
}

/**
 * Raises each field without a column and marks it failed in `failedColumn`, so that no rule
 * reads it; returns how many required fields are missing (each is an error on every row).
 */
export function missingColumns(ct: CompiledTemplate, colOf: Int32Array, headerRow: number, run: Run, failedColumn: Uint8Array): number {
  let missingRequired = 0;
  for (const fd of ct.fields) {
    if ((colOf[fd.index] ?? -1) >= 0) continue;
    failedColumn[fd.index] = 1;
    if (fd.required) missingRequired++;
    run.raise(fd.required ? 'missing_column' : 'missing_optional_column', { r: headerRow, c: -1, field: fd.key }, { field: fd.label });
  }
  return missingRequired;
}
