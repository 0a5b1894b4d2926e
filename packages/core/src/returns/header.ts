/**
 * Finding the header row (見出し行) of a return and the template it belongs to. Rows above the
 * header (a title, notes) are allowed; header cells are compared by {@link labelKey}, so spaces,
 * full-width forms and line breaks inside a cell (実施\n回数) do not matter.
 */
import type { Plan, Template } from '../plan/schema.js';
import { compileTemplate, type CompiledTemplate } from './compile.js';
import { labelKey } from './lookup.js';
import type { RawGrid } from './types.js';

/** How far down the header may be. */
export const HEADER_SCAN_ROWS = 50;

/** Column is blank in the header row. */
export const COL_BLANK = -3;
/** Column holds a derived value (達成率), recomputed rather than read. */
export const COL_DERIVED = -2;
/** Column header is not a field of the template. */
export const COL_UNKNOWN = -1;

const MARKS = /[※*＊◎●★☆]|必須|任意|\(必須\)|\(任意\)/g;
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|<[^<>]*>/g;

/** The field index a header cell names, or one of the COL_* markers. */
export function headerField(ct: CompiledTemplate, cell: unknown): number {
  if (typeof cell !== 'string') return cell === null || cell === undefined ? COL_BLANK : COL_UNKNOWN;
  const key = labelKey(cell);
  if (key === '') return COL_BLANK;
  const hit = ct.headers.get(key);
  if (hit !== undefined) return hit;
  // 報告日※, 実施回数（回）, 年度【必須】: marks and a trailing note in brackets.
  const bare = key.replace(MARKS, '').replace(BRACKETED, '');
  if (bare !== key && bare !== '') {
    const h = ct.headers.get(bare);
    if (h !== undefined) return h;
  }
  return COL_UNKNOWN;
}

function scoreRow(ct: CompiledTemplate, row: readonly unknown[]): number {
  const seen = new Set<number>();
  for (const cell of row) {
    const f = headerField(ct, cell);
    if (f >= 0) seen.add(f);
  }
  return seen.size;
}

/** The best header row for one template: grid row index and score. */
export function findHeader(ct: CompiledTemplate, cells: RawGrid): { row: number; score: number } | null {
  let best: { row: number; score: number } | null = null;
  const n = Math.min(cells.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < n; r++) {
    const row = cells[r];
    if (!Array.isArray(row)) continue;
    const score = scoreRow(ct, row);
    if (score > (best?.score ?? 0)) best = { row: r, score };
  }
  return best;
}

/** Minimum header matches to accept a template that was asked for. */
export const MIN_HEADER_FIELDS = 2;

/** Minimum header matches to pick a template by detection: a third of its fields, at least 2. */
export function detectionThreshold(t: Template): number {
  return Math.max(MIN_HEADER_FIELDS, Math.ceil(t.fields.length / 3));
}

/**
 * The template whose headers match a row of the grid best (ties: the higher row, then plan order).
 */
export function detectIn(plan: Plan, cells: RawGrid): { ct: CompiledTemplate; row: number } | null {
  let best: { ct: CompiledTemplate; row: number; score: number; share: number } | null = null;
  for (const t of plan.templates) {
    const ct = compileTemplate(plan, t);
    const h = findHeader(ct, cells);
    if (h === null || h.score < detectionThreshold(t)) continue;
    const share = h.score / t.fields.length;
    if (
      best === null ||
      h.score > best.score ||
      (h.score === best.score && (share > best.share || (share === best.share && h.row < best.row)))
    ) {
      best = { ct, row: h.row, score: h.score, share };
    }
  }
  return best === null ? null : { ct: best.ct, row: best.row };
}
