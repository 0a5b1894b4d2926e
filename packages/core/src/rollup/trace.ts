/**
 * Provenance 出典: from any figure of a report back to the rows (file, sheet, row) that made it.
 */
import type { RowRef } from '../returns/types.js';
import type { AnnualReport, Completeness, Provenance, WardProgress } from './types.js';

/** Any report a figure can be traced in. */
export type Traceable = WardProgress | AnnualReport | Completeness;

function rowsOfCells(report: WardProgress, p: Extract<Provenance, { cells: number[] }>, out: RowRef[]): void {
  for (const ci of p.cells) {
    const c = report.cells[ci];
    if (!c) continue;
    const idx =
      p.pick === 'last' ? [c.last] : p.pick === 'flag' ? (c.flags[p.field ?? ''] ?? []) : p.pick === 'text' ? (c.texts[p.field ?? ''] ?? []) : c.rows;
    for (const i of idx) {
      const r = report.refs[i];
      if (r) out.push(r);
    }
  }
}

function traceIn(report: Traceable, id: string, out: RowRef[], depth: number): boolean {
  if (depth > 8) return false;
  const p = report.provenance[id];
  if (p) {
    if ('cells' in p) {
      if (report.kind === 'ward-progress') rowsOfCells(report, p, out);
    } else if ('rows' in p) {
      for (const i of p.rows) {
        const r = report.refs[i];
        if (r) out.push(r);
      }
    } else {
      for (const f of p.from) traceAny(report, f, out, depth + 1);
    }
    return true;
  }
  return false;
}

function traceAny(report: Traceable, id: string, out: RowRef[], depth: number): boolean {
  if (traceIn(report, id, out, depth)) return true;
  if (report.kind === 'annual-report') {
    if (traceIn(report.completeness, id, out, depth)) return true;
    for (const w of report.wards) if (traceIn(w, id, out, depth)) return true;
  }
  return false;
}

/**
 * The source rows of a figure of a report: every row (file, sheet, row number) that made it,
 * sorted and without repeats. Works on ward progress, the annual report (including the figures of
 * its wards) and completeness. An unknown figure id gives an empty list.
 *
 * @example
 * ```ts
 * traceFigure(progress, '12101/C01/sessions');
 * // [{ source: 'samukawa.xlsx', sheet: '活動状況報告', row: 5 }, …]
 * ```
 */
export function traceFigure(report: Traceable, figureId: string): RowRef[] {
  const out: RowRef[] = [];
  traceAny(report, figureId, out, 0);
  const seen = new Set<string>();
  const uniq: RowRef[] = [];
  for (const r of out) {
    const k = `${r.source ?? ''}\u001f${r.sheet}\u001f${r.row}`;
    if (seen.has(k)) continue;
    seen.add(k);
    uniq.push(r);
  }
  return uniq.sort(
    (a, b) => (a.source ?? '').localeCompare(b.source ?? '') || a.sheet.localeCompare(b.sheet) || a.row - b.row,
  );
}

/**
 * Whether a figure of a report rests on provisional (not yet accepted) returns.
 *
 * @example
 * ```ts
 * isProvisional(progress, '12101/C01/sessions'); // false once every return is accepted
 * ```
 */
export function isProvisional(report: Traceable, figureId: string): boolean {
  const p = report.provenance[figureId];
  if (p) return p.provisional === true;
  if (report.kind === 'annual-report') return report.wards.some((w) => w.provenance[figureId]?.provisional === true);
  return false;
}
