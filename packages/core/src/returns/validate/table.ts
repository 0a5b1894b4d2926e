/**
 * Table checks that look at a return as a whole once its rows are read.
 */
import { fiscalYearOf } from '../../period/index.js';
import { displayValue } from '../cells.js';
import type { CompiledTemplate } from '../compile.js';
import type { RawCell } from '../types.js';
import type { RecordColumns } from './records.js';
import type { Run } from './run.js';
import { scratchFloat64 } from './scratch.js';

/**
 * The fiscal year of each record (NaN when unreadable) and, once {@link count} has run, how many
 * records carry each year, counted in runs: the rows of a return share one year, so the map is
 * touched once per run.
 *
 * Speed: the row checks only store each year; the counting runs after them, in its own loop. A
 * branch in the row loop that runs only at the first row of a call (a new run) has no type
 * feedback in V8's optimised code, which then threw the whole row loop away at that row on the
 * second or third call.
 */
export class FiscalYears {
  readonly recordFy: Float64Array;
  readonly counts = new Map<number, number>();
  first = Number.NaN;
  private added = 0;

  constructor(records: number) {
    this.recordFy = scratchFloat64(records);
  }

  /** Adds the next record's year (NaN when unreadable). */
  add(fy: number): void {
    this.recordFy[this.added++] = fy;
  }

  /** Counts the years added; call once all records are added. */
  count(): void {
    const { recordFy, counts } = this;
    let runFy = Number.NaN;
    let runCount = 0;
    for (let k = 0; k < this.added; k++) {
      const fy = recordFy[k] as number;
      if (Number.isNaN(fy)) continue;
      if (fy === runFy) runCount++;
      else {
        if (runCount > 0) counts.set(runFy, (counts.get(runFy) ?? 0) + runCount);
        runFy = fy;
        runCount = 1;
      }
      if (Number.isNaN(this.first)) this.first = fy;
    }
    if (runCount > 0) counts.set(runFy, (counts.get(runFy) ?? 0) + runCount);
  }
}

/**
 * A return holds one fiscal year (table rule `singleFiscalYear`): the year most rows carry is
 * the return's (ties go to the year of the first row), and each row of another year is an error.
 */
export function mixedYears(run: Run, ct: CompiledTemplate, recs: RecordColumns, years: FiscalYears, fyCol: number, cells: readonly (readonly RawCell[])[]): void {
  years.count();
  const fyField = ct.fyIndex >= 0 ? ct.fields[ct.fyIndex] : undefined;
  const counts = years.counts;
  if (!ct.singleFiscalYear || fyField === undefined || counts.size <= 1) return;
  let main = years.first;
  for (const [fyv, n] of counts) if (n > (counts.get(main) ?? 0)) main = fyv;
  const recordFy = years.recordFy;
  for (let k = 0; k < recordFy.length; k++) {
    const fy = recordFy[k] as number;
    if (Number.isNaN(fy) || fy === main) continue;
    const r = recs.rows[k] as number;
    const raw = (cells[r] as readonly unknown[] | undefined)?.[fyCol];
    run.raise('mixed_fiscal_years', { r, c: fyCol, field: fyField.key, value: raw }, { field: fyField.label, fy, main });
    recs.errors[k] = (recs.errors[k] as number) + 1;
  }
}

/**
 * A return whose every report date falls in one fiscal year other than the one its 年度 cells
 * name, some of them after that year's closing date: last year's file reused with this year's
 * reports. One error at the first 年度 cell replaces the per-row "late report" warnings, which
 * would tell staff the opposite of what happened. Dates up to the closing are ordinary (a report
 * on last year written in April) and dates in the grace window after it are late reports of that
 * year, so it takes a date after the grace window (returns/closing.ts).
 */
export function staleYear(
  run: Run,
  ct: CompiledTemplate,
  recs: RecordColumns,
  at: { recordFy: Float64Array; recordDate: (k: number) => string; fyCol: number; cells: readonly (readonly RawCell[])[] },
): void {
  const fyField = ct.fyIndex >= 0 ? ct.fields[ct.fyIndex] : undefined;
  if (fyField === undefined || at.recordFy.length === 0) return;
  // Only when the dates were read as late reports (after the closing date, not in the future).
  const late = run.issues.some((i) => i.code === 'report_after_closing');
  if (!late) return;
  const typed = at.recordFy[0] as number;
  if (Number.isNaN(typed) || at.recordFy.some((f) => f !== typed)) return;
  let datesFy = Number.NaN;
  let first = '';
  let last = '';
  for (let k = 0; k < at.recordFy.length; k++) {
    const d = at.recordDate(k);
    if (d === '') return;
    let f: number;
    try {
      f = fiscalYearOf(d, ct.fyConfig);
    } catch {
      return;
    }
    if (Number.isNaN(datesFy)) datesFy = f;
    else if (f !== datesFy) return;
    if (first === '' || d < first) first = d;
    if (last === '' || d > last) last = d;
  }
  const w = ct.window(typed);
  if (Number.isNaN(datesFy) || datesFy === typed || w === null || last <= w.lateUntil) return;
  // The per-row late warnings say the opposite of what happened: drop them for this one error.
  const lateRows = new Set(run.issues.filter((i) => i.code === 'report_after_closing').map((i) => i.row));
  run.drop('report_after_closing');
  for (let k = 0; k < recs.length; k++) {
    const w = recs.warnings[k] as number;
    if (w > 0 && lateRows.has(run.originRow + (recs.rows[k] as number))) recs.warnings[k] = w - 1;
  }
  const r0 = recs.rows[0] as number;
  const raw = at.cells[r0]?.[at.fyCol];
  run.raise('stale_fiscal_year', { r: r0, c: at.fyCol, field: fyField.key, value: raw }, { fyLabel: fyField.label, typed: displayValue(raw), typedFy: typed, datesFy, first, last });
  for (let k = 0; k < recs.length; k++) recs.errors[k] = (recs.errors[k] as number) + 1;
}
