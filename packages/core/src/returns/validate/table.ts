/**
 * Table checks that look at a return as a whole once its rows are read.
 */
import { fiscalYearOf } from '../../period/index.js';
import { displayValue } from '../cells.js';
import type { CompiledTemplate } from '../compile.js';
import type { RawCell } from '../types.js';
import type { RecordColumns } from './records.js';
import type { Run } from './run.js';

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
  at: { recordFy: number[]; recordDate: string[]; fyCol: number; cells: readonly (readonly RawCell[])[] },
): void {
  const fyField = ct.fyIndex >= 0 ? ct.fields[ct.fyIndex] : undefined;
  if (fyField === undefined || at.recordFy.length === 0) return;
  const typed = at.recordFy[0] as number;
  if (Number.isNaN(typed) || at.recordFy.some((f) => f !== typed)) return;
  let datesFy = Number.NaN;
  let first = '';
  let last = '';
  for (const d of at.recordDate) {
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
  // Only when the dates were read as late reports (after the closing date, not in the future).
  const late = run.issues.some((i) => i.code === 'report_after_closing');
  if (Number.isNaN(datesFy) || datesFy === typed || w === null || last <= w.lateUntil || !late) return;
  // The per-row late warnings say the opposite of what happened: drop them for this one error.
  const keep = run.issues.map((i) => i.code !== 'report_after_closing');
  const lateRows = new Set(run.issues.filter((i) => i.code === 'report_after_closing').map((i) => i.row));
  const issues = run.issues.filter((_, k) => keep[k]);
  const ord = run.ord.filter((_, k) => keep[k]);
  run.issues.length = 0;
  run.issues.push(...issues);
  run.ord.length = 0;
  run.ord.push(...ord);
  for (let k = 0; k < recs.length; k++) {
    const w = recs.warnings[k] as number;
    if (w > 0 && lateRows.has(run.originRow + (recs.rows[k] as number))) recs.warnings[k] = w - 1;
  }
  const r0 = recs.rows[0] as number;
  const raw = at.cells[r0]?.[at.fyCol];
  run.raise('stale_fiscal_year', { r: r0, c: at.fyCol, field: fyField.key, value: raw }, { fyLabel: fyField.label, typed: displayValue(raw), typedFy: typed, datesFy, first, last });
  for (let k = 0; k < recs.length; k++) recs.errors[k] = (recs.errors[k] as number) + 1;
}
