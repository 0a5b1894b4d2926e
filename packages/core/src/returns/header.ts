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
import { LAYOUT_MEMO_LIMIT } from './validate/outcomes.js';

/** How far down the header may be. */
const HEADER_SCAN_ROWS = 50;

/** Column is blank in the header row. */
export const COL_BLANK = -3;
/** Column holds a derived value (達成率), recomputed rather than read. */
export const COL_DERIVED = -2;
/** Column header is not a field of the template. */
export const COL_UNKNOWN = -1;

const MARKS = /[※*＊◎●★☆]|必須|任意|\(必須\)|\(任意\)/g;
// A numbered note reference at the end of a header (報告日※1, 実施回数＊2, 参加者数 注3): the
// note is under the table, the header is the label.
const NOTE_REF = /(?:[※*＊]\d*|注\d+)$/;
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|<[^<>]*>/g;

/** The field index a header cell names, or one of the COL_* markers. */
export function headerField(ct: CompiledTemplate, cell: unknown): number {
  if (typeof cell !== 'string') return cell === null || cell === undefined ? COL_BLANK : COL_UNKNOWN;
  const key = labelKey(cell);
  if (key === '') return COL_BLANK;
  const hit = ct.headers.get(key);
  if (hit !== undefined) return hit;
  // 報告日※, 実施回数（回）, 年度【必須】: marks and a trailing note in brackets.
  const bare = key.replace(NOTE_REF, '').replace(MARKS, '').replace(BRACKETED, '');
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

/**
 * {@link headerField}, with each text's answer kept with the compiled template. Speed: finding
 * the header reads up to 50 rows of every grid against every template, data rows included, and
 * the full comparison of a text normalises it several times over; a folder of returns repeats its
 * texts from one return to the next (the CLI on 200 returns of 30 rows spent over half its time
 * here).
 */
function fieldOf(ct: CompiledTemplate, cell: unknown): number {
  if (typeof cell !== 'string') return headerField(ct, cell);
  const memo = ct.layoutMemo.header;
  let f = memo.get(cell);
  if (f === undefined) {
    f = headerField(ct, cell);
    if (memo.size < LAYOUT_MEMO_LIMIT) memo.set(cell, f);
  }
  return f;
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

// A units row under the labels: 単位, (回), 人, ％ — what a column counts in, not data.
const UNIT_CELL =
  /^(?:単位[:：]?)?(?:回|人|名|件|円|千円|万円|%|％|時間|日|か所|箇所|ヶ所|カ所|世帯|団体|部|冊|枚|人日|回数|人数|延べ人数|延人数|延べ回数|延回数)$/;
const UNIT_BRACKETS = /[()[\]【】<>「」〔〕]/g;

/** Whether a cell is a unit under a header label (（回）, 人, 単位：円). */
export function isUnitCell(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const k = labelKey(v).replace(UNIT_BRACKETS, '');
  return k !== '' && UNIT_CELL.test(k);
}

/** How many rows a header may reach below and above the row that names the most fields. */
const BAND_BELOW = 4;
const BAND_ABOVE = 3;

/** What a row would add to a header band, or null when it cannot be part of one (data, blank). */
function bandRow(
  ct: CompiledTemplate,
  row: unknown,
  named: ReadonlySet<number>,
  seen: ReadonlySet<number>,
  above = false,
): { labels: Map<number, number>; units: boolean } | null {
  if (!Array.isArray(row)) return null;
  const labels = new Map<number, number>();
  let any = false;
  let units = true;
  for (let c = 0; c < row.length; c++) {
    const v: unknown = row[c];
    if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
    any = true;
    // A number, a date, a boolean: a data row.
    if (typeof v !== 'string') return null;
    if (isUnitCell(v)) continue;
    units = false;
    const f = fieldOf(ct, v);
    // Under the band, text in a column it already names is a value of that column: a data row.
    // Above it, that text is a group label over the column (基本情報 over 地区部会・報告日).
    if (named.has(c) && (!above || f >= 0)) return null;
    if (f >= 0) {
      if (seen.has(f) || labels.has(f)) return null;
      labels.set(f, c);
    }
  }
  return any ? { labels, units } : null;
}

/**
 * The rows a header spans around the row that names the most fields (`row`): labels merged down
 * over several rows, group labels merged across (実績 over 実施回数／参加者数, two levels of them),
 * a row of units under the labels ((回), (人)), and labels merged down from a row above the best
 * one. A row belongs to the band when it holds only text, names fields not named yet, and puts no
 * text under a column the band already names (that would be a value: a data row); a group label
 * row belongs only when a lower row completes it. Returns the first and last grid rows.
 *
 * @example
 * ```ts
 * headerBand(ct, [['年度', '実績', null], [null, '実施回数', '参加者数'], [null, '(回)', '(人)'], [2026, 4, 40]], 0); // { top: 0, end: 2 }
 * ```
 */
export function headerBand(ct: CompiledTemplate, cells: RawGrid, row: number): { top: number; end: number } {
  const named = new Set<number>();
  const seen = new Set<number>();
  const name = (labels: Map<number, number>) => {
    for (const [f, c] of labels) {
      seen.add(f);
      named.add(c);
    }
  };
  const first = bandRow(ct, cells[row], named, seen);
  if (first === null) return { top: row, end: row };
  name(first.labels);
  let end = row;
  for (let r = row + 1; r < cells.length && r <= row + BAND_BELOW; r++) {
    const b = bandRow(ct, cells[r], named, seen);
    if (b === null) break;
    if (b.units) {
      // Units belong under labels: right below the band, never before a row of labels.
      if (r !== end + 1) break;
      end = r;
      continue;
    }
    if (b.labels.size > 0) {
      name(b.labels);
      end = r;
    } else if (r > end + 1) {
      // Text only, no field: one group label row may sit between rows of labels, not more.
      break;
    }
  }
  let top = row;
  for (let r = row - 1; r >= 0 && r >= row - BAND_ABOVE; r--) {
    const b = bandRow(ct, cells[r], named, seen, true);
    if (b === null || b.units) break;
    if (b.labels.size > 0) {
      name(b.labels);
      top = r;
    }
  }
  return { top, end };
}

/**
 * The header cells of a band of rows ({@link headerBand}): for each column the lowest cell that
 * names a field (a label under its group label), else the lowest text that is not a unit.
 */
export function bandHeader(ct: CompiledTemplate, cells: RawGrid, top: number, end: number): unknown[] {
  if (top === end) return [...(cells[top] ?? [])];
  let n = 0;
  for (let r = top; r <= end; r++) n = Math.max(n, cells[r]?.length ?? 0);
  const out: unknown[] = [];
  for (let c = 0; c < n; c++) {
    let label: unknown = undefined;
    let text: unknown = null;
    for (let r = end; r >= top && label === undefined; r--) {
      const v = cells[r]?.[c];
      const f = fieldOf(ct, v);
      if (f >= 0 || f === COL_DERIVED) label = v;
      else if (f === COL_UNKNOWN && text === null && !isUnitCell(v)) text = v;
    }
    out.push(label ?? text);
  }
  return out;
}

function scoreRow(ct: CompiledTemplate, row: readonly unknown[]): number {
  const seen = new Set<number>();
  for (const cell of row) {
    const f = fieldOf(ct, cell);
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
