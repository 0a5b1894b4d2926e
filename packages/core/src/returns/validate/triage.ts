/**
 * Cell triage: what a raw cell is before its field's parser reads it — blank, an Excel error, a
 * ditto mark (〃), a dash for "none", a value no reader gives (an object), or a value to parse.
 * A cell that is not to be parsed is raised here, once, so one typo yields one issue.
 */
import { excelErrorOf, isBlankCell } from '../cells.js';
import type { CompiledField } from '../compile.js';
import type { RawCell } from '../types.js';
import type { Run } from './run.js';

const DITTO = new Set(['〃', '″', '"', '”', '同上', 'ditto']);
const DASH = new Set(['-', '－', 'ー', '―', '—', '‐', '–', '−', 'ｰ', '─', '‑']);

/**
 * 1 for a character that cannot start a blank cell, an Excel error, a ditto mark, a dash or a
 * padded one. Speed: most text cells start with such a character, so one table look-up sends
 * them straight to their parser (part of the character pre-scan that took validating 100k clean
 * rows from 1,909 to 975 ms CPU in session 3).
 */
export const PLAIN_FIRST = new Uint8Array(65536).fill(1);
for (const t of [...DITTO, ...DASH, '#', '\u3000', '\u00A0', '\uFEFF']) PLAIN_FIRST[t.charCodeAt(0)] = 0;
for (let c = 0; c <= 32; c++) PLAIN_FIRST[c] = 0;
for (let c = 0x2000; c <= 0x2060; c++) PLAIN_FIRST[c] = 0;

/** {@link triage}: read the cell with its field's parser. */
export const PARSE = 0;
/** {@link triage}: no value, and not a failure (an optional field left blank or dashed). */
export const NO_VALUE = 1;
/** {@link triage}: the cell could not be read; the issue is raised. */
export const FAILED = 2;

/**
 * Sorts a cell that is not plain text (see {@link PLAIN_FIRST}) into {@link PARSE},
 * {@link NO_VALUE} or {@link FAILED}, raising the cell's issue on `run` (at the cell set by
 * `run.at`). `above` is the cell above in the same column, or undefined on the first data row:
 * a required cell left blank under a filled one is probably a merged cell (the message says so).
 */
export function triage(raw: unknown, f: CompiledField, run: Run, above: readonly RawCell[] | undefined, c: number): number {
  if (isBlankCell(raw)) {
    if (!f.required) return NO_VALUE;
    const merged = Array.isArray(above) && !isBlankCell(above[c]);
    run.emit('required_missing', { field: f.label, dash: null, merged });
    return FAILED;
  }
  if (typeof raw === 'string') {
    if (raw.charCodeAt(0) === 35 /* # */ && excelErrorOf(raw) !== null) {
      run.emit('excel_error', { field: f.label, error: raw });
      return FAILED;
    }
    if (raw.length <= 6) {
      const t = raw.trim();
      if (DITTO.has(t)) {
        run.emit('ditto_mark', { field: f.label, text: t });
        return FAILED;
      }
      if (DASH.has(t) && f.field.type !== 'text') {
        if (f.required) {
          run.emit('required_missing', { field: f.label, dash: t, merged: false });
          return FAILED;
        }
        run.emit('dash_as_blank', { field: f.label, dash: t });
        return NO_VALUE;
      }
    }
    return PARSE;
  }
  if (typeof raw === 'object' && !(raw instanceof Date)) {
    const err = excelErrorOf(raw);
    if (err !== null) run.emit('excel_error', { field: f.label, error: err });
    else run.emit('unreadable_value', { field: f.label });
    return FAILED;
  }
  if (typeof raw !== 'number' && typeof raw !== 'boolean' && !(raw instanceof Date)) {
    run.emit('unreadable_value', { field: f.label });
    return FAILED;
  }
  return PARSE;
}
