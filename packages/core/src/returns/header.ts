/**
 * Finding the header row (見出し行) of a return and the template it belongs to. Rows above the
 * header (a title, notes) are allowed; header cells are compared by {@link labelKey}, so spaces,
 * full-width forms and line breaks inside a cell (実施\n回数) do not matter.
 */
import type { Plan, Template } from '../plan/schema.js';
import { compileTemplate, type CompiledTemplate } from './compile.js';
import { labelKey } from './lookup.js';
import { headerParts, headerStem } from './stem.js';
import { similarity } from '../text/index.js';
import type { RawGrid } from './types.js';

/** How far down the header may be. */
const HEADER_SCAN_ROWS = 50;

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
  // The tolerant comparison: the same stem (参加者（延べ人数）, 区名, 報告年月日, 取組内容).
  const st = ct.stems.get(headerStem(cell));
  if (st !== undefined) return st;
  // Two wordings joined (成果・効果, 課題・問題点): one of them names one field.
  const parts = headerParts(cell);
  if (parts.length > 0) {
    const hits = new Set<number>();
    for (const p of parts) {
      const f = ct.headers.get(p) ?? ct.stems.get(headerStem(p));
      if (f !== undefined && f >= 0) hits.add(f);
    }
    if (hits.size === 1) return [...hits][0] as number;
  }
  return COL_UNKNOWN;
}

/** How alike a header must be to a label to be named as the field it probably is. */
const RESEMBLES = 0.5;

/**
 * The field an unknown header most probably means (a label or alias it contains, or is much
 * like), or -1. For an error that names the field rather than dropping a column in silence.
 *
 * @example
 * ```ts
 * probableField(ct, '参加者の延べ合計'); // index of participants
 * ```
 */
export function probableField(ct: CompiledTemplate, cell: unknown): number {
  if (typeof cell !== 'string') return -1;
  const key = headerStem(cell);
  if (key.length < 2) return -1;
  let best = -1;
  let bestScore = 0;
  let tie = false;
  for (const { text, index } of ct.labels) {
    const lk = headerStem(text);
    if (lk.length < 2) continue;
    const s = key.includes(lk) || lk.includes(key) ? 0.9 + lk.length / 100 : similarity(key, lk);
    if (s > bestScore) {
      bestScore = s;
      tie = false;
      best = index;
    } else if (s === bestScore && index !== best) tie = true;
  }
  return bestScore >= RESEMBLES && !tie ? best : -1;
}

/**
 * A header of two rows: group labels merged over columns (実績 over 実施回数／参加者数) with the
 * field labels in the row below, and the other labels merged down over both rows (so blank in the
 * lower one). Returns the lower row when it completes the header, else -1.
 */
export function subHeaderRow(ct: CompiledTemplate, cells: RawGrid, row: number): number {
  const top = cells[row];
  const sub = cells[row + 1];
  if (!Array.isArray(top) || !Array.isArray(sub)) return -1;
  const inTop = new Set<number>();
  for (const c of top) {
    const f = headerField(ct, c);
    if (f >= 0) inTop.add(f);
  }
  let added = 0;
  for (let c = 0; c < sub.length; c++) {
    const v = sub[c];
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    const f = headerField(ct, v);
    // A value under a column the upper row names: the lower row is data, not headers.
    if (headerField(ct, top[c]) >= 0) return -1;
    if (f === COL_UNKNOWN || f === COL_BLANK) {
      if (typeof v !== 'string') return -1;
      continue;
    }
    if (f >= 0 && !inTop.has(f)) added++;
  }
  return added > 0 ? row + 1 : -1;
}

/** The header cells of a header of one or two rows: the lower row's label where it names a field. */
export function combinedHeader(ct: CompiledTemplate, cells: RawGrid, row: number, sub: number): unknown[] {
  const top = cells[row] ?? [];
  if (sub < 0) return [...top];
  const lower = cells[sub] ?? [];
  const out: unknown[] = [];
  const n = Math.max(top.length, lower.length);
  for (let c = 0; c < n; c++) {
    const l = lower[c];
    const f = headerField(ct, l);
    out.push(f >= 0 || f === COL_DERIVED || (headerField(ct, top[c]) === COL_BLANK && f !== COL_BLANK) ? l : top[c]);
  }
  return out;
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
function detectionThreshold(t: Template): number {
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
