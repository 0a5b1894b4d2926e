/**
 * The layout of a return as staff really make it, handled before the rows are read: cells merged
 * down over rows (年度・区 merged over a district's rows), totals and subtotal rows (合計, 小計,
 * =SUM, an Excel table's totals row), footers under the table (記入者, 提出日, ※ notes) and
 * hidden rows. The adapters say what the workbook holds (merged areas, hidden rows, formulas);
 * this module decides what it means, so the CLI and the add-in read a sheet the same way.
 */
import { toHalfWidth } from '../text/index.js';
import { columnLetters, isBlankCell } from './cells.js';
import type { CompiledTemplate } from './compile.js';
import { headerField, isUnitCell } from './header.js';
import { labelKey } from './lookup.js';
import { LAYOUT_MEMO_LIMIT } from './validate/outcomes.js';
import type { IssueParams } from './messages/index.js';
import type { RawCell } from './types.js';
import type { At } from './validate/run.js';
import type { TextTable } from './validate/text-table.js';
import { scratchUint8 } from './validate/scratch.js';

/** The codes {@link prepareLayout} raises. */
export type LayoutCode =
  | 'merge_across_header'
  | 'merged_cells_filled'
  | 'repeated_header_skipped'
  | 'totals_mismatch'
  | 'totals_row_skipped'
  | 'footer_rows_skipped'
  | 'hidden_rows_counted';

/**
 * Where the layout's issues go (validation's {@link Run}): one issue with its code's parameters
 * at a grid position (row and column 0-based in the grid; -1 for none); the words come from the
 * messages module. An object with a method (validation's run, whose shape is kept for the
 * module's life), not a closure made per call: what the layout's optimised code holds on to
 * should outlive the call (see {@link findTotals}).
 */
export interface LayoutIssues {
  raise<C extends LayoutCode>(code: C, at: At, params: IssueParams[C]): unknown;
}

/** What {@link prepareLayout} needs to know about the sheet. */
export interface LayoutInput {
  ct: CompiledTemplate;
  cells: readonly (readonly RawCell[])[];
  /** Grid row of the (first) header row, and of the last one (a two-row header). */
  headerRow: number;
  headerEnd: number;
  /** Grid column of each field, -1 when absent. */
  colOf: Int32Array;
  originRow: number;
  originCol: number;
  merges?: readonly string[] | undefined;
  hiddenRows?: readonly number[] | undefined;
  formulas?: Readonly<Record<string, string>> | undefined;
  date1904?: boolean | undefined;
}

// Days between the 1904 and the 1900 date systems of Excel.
const DAYS_1904 = 1462;

/** The grid to read and the rows to leave out. */
export interface Layout {
  cells: readonly (readonly RawCell[])[];
  /** 1 for a grid row that is not a report row (a totals row or a footer). */
  skip: Uint8Array;
  /**
   * 1 for a grid row with a key cell (initiative, date…) filled in: a report row unless `skip`
   * leaves it out. 0 where no key cell is filled in, or where the totals walk did not look.
   */
  keyed: Uint8Array;
}

// A cell that names a totals row: 合計, 小計, 総計, 計, Total (also 寒川 小計, 【合計】).
// 寒川計 / 中央区計 too: a short cell ending in 計 outside the narrative columns.
const TOTAL_WORD = /^(?:総?合計|小計|総計|累計|計|total|subtotal|grandtotal|sum|totals?)$|(?:合計|小計|総計)$|^[^\d]{1,8}計$/;
const TOTAL_FORMULA = /^(?:_xlfn\.)?(?:SUM|SUBTOTAL|AGGREGATE)\s*\(/i;
// The first cell of a footer row: a note mark, or the label of a sign-off field.
const FOOTER_START = /^(?:※|\*|＊|注|備考|記入者|作成者|提出者|提出日|報告者|担当者|担当|連絡先|問合せ|問い合わせ|所属|氏名|電話|tel|fax|e-?mail|記入日|作成日|以上)/;
const LEADING_BRACKET = /^[([【<「〔]/;
// A sentence left under the table (提出期限は…です。): long text alone on its row.
const NOTE_LENGTH = 12;
const BRACKETS = /[()[\]【】<>「」〔〕]/g;

function parseRange(a1: string): { top: number; left: number; bottom: number; right: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(a1.trim());
  if (!m) return null;
  const col = (s: string) => [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const left = col(m[1] ?? 'A');
  const top = Number(m[2]);
  const right = m[3] ? col(m[3]) : left;
  const bottom = m[4] ? Number(m[4]) : top;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

/**
 * False when the label key of `v` cannot hold t, s or 計, so it cannot be a {@link TOTAL_WORD}:
 * every character is Latin-1 other than t/s, kana or a CJK ideograph other than 計 (NFKC maps
 * none of them to those; checked over all of them in validate/tricks.test.ts).
 */
export function mayNameTotal(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x100) {
      if ((c | 0x20) === 0x73 || (c | 0x20) === 0x74) return true;
    } else if (!(c >= 0x3000 && c <= 0x30ff) && !(c >= 0x4e00 && c <= 0x9fff && c !== 0x8a08)) return true;
  }
  return false;
}

/** Whether a row has three non-blank cells or more. */
function filledAtLeast3(row: readonly unknown[]): boolean {
  let n = 0;
  for (let c = 0; c < row.length; c++) if (!isBlankCell(row[c]) && ++n === 3) return true;
  return false;
}

/**
 * The number of a text that is digits (half or full width, at most 15), with spaces and commas
 * among them (half or full width, which the long way drops too), and then a unit that holds no
 * digit, sign, point or comma (12, １２回, 1,200人, ' 12 ') — what {@link looseNumber} reads from it
 * — or null for any other text, which is read the long way (checked against it in
 * validate/tricks.test.ts). Speed: the long way is three regular expressions and two new strings
 * per cell.
 */
export function shortLooseNumber(v: string): number | null {
  let n = 0;
  let digits = 0;
  let i = 0;
  for (; i < v.length; i++) {
    const c = v.charCodeAt(i);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (c >= 0xff10 && c <= 0xff19) d = c - 0xff10;
    else if (c === 0x20 || c === 0x3000 || c === 0x2c || c === 0xff0c) continue;
    else break;
    if (++digits > 15) return null;
    n = n * 10 + d;
  }
  if (digits === 0) return null;
  for (let j = i; j < v.length; j++) {
    const c = v.charCodeAt(j);
    // Digits, + , - . and their full-width forms: the long way decides.
    if ((c >= 43 && c <= 57) || (c >= 0xff0b && c <= 0xff19)) return null;
  }
  return n;
}

/** A number as a totals check reads it: 1,200 / １２回 / 12 — or null. */
export function looseNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.length === 0) return null;
  return shortLooseNumber(v) ?? looseNumberLongWay(v);
}

/** {@link looseNumber} of a text by its rules: width, commas and spaces, a unit at the end. */
export function looseNumberLongWay(v: string): number | null {
  const t = toHalfWidth(v).replace(/[,\s]/g, '').replace(/[^\d.+-]+$/, '');
  if (!/^[+-]?\d+(?:\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/**
 * Applies merged areas, and finds totals rows and footers. Never throws on user data.
 *
 * @example
 * ```ts
 * const { cells, skip } = prepareLayout({ ct, cells: grid.cells, headerRow: 0, headerEnd: 0, colOf, originRow: 1, originCol: 1, merges: ['A2:A5'] }, run);
 * ```
 */
export function prepareLayout(input: LayoutInput, issues: LayoutIssues): Layout {
  const { ct, headerEnd, colOf, originRow, originCol } = input;
  let cells = input.cells;
  const skip = scratchUint8(cells.length);

  // ----- merged areas -------------------------------------------------------------------------
  const merges = Array.isArray(input.merges) ? input.merges : [];
  if (merges.length > 0) {
    const copy: RawCell[][] = cells.map((r) => (Array.isArray(r) ? r : []) as RawCell[]);
    const copied = new Set<number>();
    const filled: string[] = [];
    let filledRows = 0;
    for (const m of merges) {
      const g = typeof m === 'string' ? parseRange(m) : null;
      if (g === null || g.bottom === g.top) continue;
      const top = g.top - originRow;
      const bottom = g.bottom - originRow;
      const left = g.left - originCol;
      if (left < 0 || bottom < 0) continue;
      const range = `${columnLetters(g.left)}${g.top}:${columnLetters(g.right)}${g.bottom}`;
      if (top <= headerEnd && bottom > headerEnd) {
        issues.raise('merge_across_header', { r: Math.max(top, 0), c: left }, { range });
        continue;
      }
      if (top <= headerEnd) continue;
      const value = copy[top]?.[left];
      if (value === undefined || isBlankCell(value)) continue;
      for (let r = top + 1; r <= bottom && r < copy.length + 64; r++) {
        if (!copied.has(r)) {
          copy[r] = [...(copy[r] ?? [])];
          copied.add(r);
        }
        const row = copy[r] as RawCell[];
        while (row.length <= left) row.push(null);
        if (isBlankCell(row[left])) {
          row[left] = value;
          filledRows++;
        }
      }
      filled.push(range);
    }
    if (filled.length > 0) {
      const first = parseRange(filled[0] as string);
      issues.raise('merged_cells_filled', { r: first ? first.top - originRow : headerEnd + 1, c: first ? first.left - originCol : -1 }, { ranges: filled, cells: filledRows });
    }
    cells = copy;
  }

  // ----- the 1904 date system -----------------------------------------------------------------
  const fields = ct.fields;
  if (input.date1904 === true) {
    const dateCols = fields.filter((f) => f.field.type === 'date').map((f) => colOf[f.index] ?? -1).filter((c) => c >= 0);
    cells = cells.map((row, r) => {
      if (r <= headerEnd || !Array.isArray(row) || !dateCols.some((c) => typeof row[c] === 'number')) return row;
      const copy = [...row];
      for (const c of dateCols) if (typeof copy[c] === 'number') copy[c] = (copy[c] as number) + DAYS_1904;
      return copy;
    });
  }

  // ----- totals rows and footers --------------------------------------------------------------
  const sumCols: { index: number; col: number }[] = [];
  for (const f of fields) {
    const c = colOf[f.index] ?? -1;
    if (c >= 0 && f.field.rollup === 'sum' && (f.field.type === 'integer' || f.field.type === 'number')) sumCols.push({ index: f.index, col: c });
  }
  // A row whose key cells (the row's own identity: initiative, date…) are blank is no report row.
  const keyIdx = ct.unique.filter((i) => {
    const t = fields[i]?.field.type;
    return t !== 'fiscalYear' && t !== 'unit';
  });
  const keyCols = (keyIdx.length > 0 ? keyIdx : [ct.dateIndex]).map((i) => (i >= 0 ? (colOf[i] ?? -1) : -1)).filter((c) => c >= 0);
  // Rows with a key filled in, for finding the report rows. A column is one field's (findColumns),
  // so no key column is a year's or a unit's, which a blank return comes with filled in.
  const keyed = scratchUint8(cells.length);
  const textCols = new Set<number>();
  const numCols = new Set<number>();
  for (const f of fields) {
    if (f.field.type === 'text') textCols.add(colOf[f.index] ?? -1);
    if (f.field.type === 'integer' || f.field.type === 'number') numCols.add(colOf[f.index] ?? -1);
  }
  const formulas = input.formulas ?? {};
  const hasFormulas = Object.keys(formulas).length > 0;

  // ----- a header repeated within the table ---------------------------------------------------
  // A second block under its own header (上半期 / 下半期 one under the other), with a heading on a
  // row of its own just above it (【下半期】) and a units row under it: none is a report row.
  const fieldAt = new Int32Array(Math.max(0, ...Array.from(colOf, (c) => c + 1))).fill(-1);
  colOf.forEach((c, f) => {
    if (c >= 0) fieldAt[c] = f;
  });
  const numberCols = Int32Array.from([...numCols].filter((c) => c >= 0));
  const restart = scratchUint8(cells.length);
  const repeated = repeatedHeaders(ct, cells, headerEnd, fieldAt, numberCols, skip, restart, originRow);
  if (repeated.length > 0) {
    let first = repeated[0] as number;
    for (const w of repeated) if (w < first) first = w;
    issues.raise('repeated_header_skipped', { r: first - originRow, c: -1 }, { rows: repeated });
  }

  const { totals, footers } = findTotals(
    ct,
    cells,
    skip,
    restart,
    keyed,
    headerEnd,
    originRow,
    originCol,
    Int32Array.from(sumCols, (x) => x.index),
    Int32Array.from(sumCols, (x) => x.col),
    Int32Array.from(keyCols),
    columnKinds(colOf, textCols, numCols, keyCols),
    formulas,
    hasFormulas,
    issues,
  );
  if (totals.length > 0) issues.raise('totals_row_skipped', { r: (totals[0] as number) - originRow, c: -1 }, { rows: totals });
  if (footers.length > 0) issues.raise('footer_rows_skipped', { r: (footers[0] as number) - originRow, c: -1 }, { rows: footers });

  // ----- hidden rows --------------------------------------------------------------------------
  const hidden = Array.isArray(input.hiddenRows) ? input.hiddenRows : [];
  if (hidden.length > 0) {
    const counted = hidden.filter((w) => {
      const r = w - originRow;
      if (r <= headerEnd || r >= cells.length || skip[r] === 1) return false;
      const row = cells[r];
      return Array.isArray(row) && row.some((v) => !isBlankCell(v));
    });
    if (counted.length > 0) issues.raise('hidden_rows_counted', { r: (counted[0] as number) - originRow, c: -1 }, { rows: counted });
  }
  return { cells, skip, keyed };
}

/**
 * The rows of a header repeated within the table (marked in `skip`, and in `restart` where a new
 * block starts), with the heading just above each and the header's other rows and units below:
 * their worksheet row numbers. Its own function: the row loop in {@link prepareLayout}, which runs
 * once a call, was compiled again by V8 on the second to sixth calls.
 */
function repeatedHeaders(
  ct: CompiledTemplate,
  cells: readonly (readonly RawCell[])[],
  headerEnd: number,
  fieldAt: Int32Array,
  numberCols: Int32Array,
  skip: Uint8Array,
  restart: Uint8Array,
  originRow: number,
): number[] {
  const repeated: number[] = [];
  const memo = ct.layoutMemo.headerField;
  for (let r = headerEnd + 1; r < cells.length; r++) {
    if (!repeatsHeader(ct, memo, cells[r], fieldAt, numberCols)) continue;
    skip[r] = 1;
    restart[r] = 1;
    repeated.push(originRow + r);
    // The heading just above (past blank rows), and the header's other rows and units below.
    for (let up = r - 1; up > headerEnd && up >= r - 3; up--) {
      const row = cells[up];
      const filled = Array.isArray(row) ? row.filter((v) => !isBlankCell(v)) : [];
      if (filled.length === 0) continue;
      if (filled.length === 1 && typeof filled[0] === 'string' && skip[up] !== 1) {
        skip[up] = 1;
        repeated.push(originRow + up);
      }
      break;
    }
    while (r + 1 < cells.length && (repeatsHeader(ct, memo, cells[r + 1], fieldAt, numberCols) || unitsRow(cells[r + 1]))) {
      r++;
      skip[r] = 1;
      repeated.push(originRow + r);
    }
  }
  return repeated;
}

/**
 * Per grid column: 1 for a text or number field (a totals word there is a value), 2 for a key
 * column. Its own function, like {@link lastFullRow}: the once-a-call loops over the column sets
 * deoptimised on the second to sixth calls, and took {@link findTotals}' row loop with them.
 */
function columnKinds(colOf: Int32Array, textCols: Set<number>, numCols: Set<number>, keyCols: number[]): Uint8Array {
  const colKind = new Uint8Array(Math.max(0, ...colOf) + 1);
  for (const c of textCols) if (c >= 0) colKind[c] = 1;
  for (const c of numCols) if (c >= 0) colKind[c] = 1;
  for (const c of keyCols) colKind[c] = (colKind[c] as number) | 2;
  return colKind;
}

/**
 * The last row that looks like a report row (three cells or more), or -1: notes come after it.
 * Its own function: it reads the last rows only, so its type feedback may not cover the rows that
 * {@link findTotals} then reads, and a deoptimisation here no longer throws away that loop.
 */
function lastFullRow(cells: readonly (readonly RawCell[])[], headerEnd: number): number {
  for (let r = cells.length - 1; r > headerEnd; r--) {
    const row = cells[r];
    if (Array.isArray(row) && filledAtLeast3(row)) return r;
  }
  return -1;
}

// Speed: a label key per string cell was half of validating 100k rows; a character scan now
// clears most cells, each other distinct text is keyed once per template, and the first text
// only for a short row (validate 100k clean rows: 1,909 → 1,042 ms CPU). The helpers of
// {@link findTotals} are module functions, not closures made per call: V8's optimised code for the
// row loop kept the closures it had seen, and was thrown away when the call was over.

/** Whether text `v` names a totals row, remembered per text in `wordMemo`. */
function isTotalWord(wordMemo: TextTable<boolean>, v: string): boolean {
  if (!mayNameTotal(v)) return false;
  let w = wordMemo.get(v);
  if (w === undefined) {
    const k = labelKey(v);
    w = k.length <= 16 && TOTAL_WORD.test(k.replace(BRACKETS, ''));
    if (wordMemo.size < LAYOUT_MEMO_LIMIT) wordMemo.set(v, w);
  }
  return w;
}

/**
 * {@link isTotalWord} for a key cell (an initiative, a date), which repeats a few hundred texts
 * down the whole table: its answer is looked up first, one look-up instead of a character scan of
 * every cell (the look-up hashes the text once; reading the column later reuses that hash).
 */
function isKeyTotalWord(wordMemo: TextTable<boolean>, v: string): boolean {
  let w = wordMemo.get(v);
  if (w === undefined) {
    w = isTotalWord(wordMemo, v);
    // isTotalWord keeps the texts its scan lets through; a key text it clears is kept too.
    if (!w && wordMemo.size < LAYOUT_MEMO_LIMIT) wordMemo.set(v, false);
  }
  return w;
}

/** Whether each of the row's numbers (NaN: none) equals the sum kept for its column. */
function sumsEqual(nums: Float64Array, acc: Float64Array): boolean {
  for (let k = 0; k < nums.length; k++) {
    const n = nums[k] as number;
    if (!Number.isNaN(n) && !(Math.abs(n - (acc[k] as number)) < 1e-9)) return false;
  }
  return true;
}

/**
 * Finds totals rows (a totals word, a SUM formula, or figures equal to the sums above) and
 * footers under the table; marks them in `skip` and checks each total against the rows above.
 * The sum columns are `sumCol` (grid columns) of fields `sumIndex`; `colKind` is
 * {@link columnKinds}'.
 *
 * Its inputs come one by one, typed arrays where they are lists: V8's optimised code checks the
 * shape of every object it reads, and an object literal made per call (the inputs, each sum
 * column's `{ index, col }`) has a shape that the collector drops with the call, and then that
 * code with it ("weak objects" in `node --trace-deopt`, every second call).
 */
function findTotals(
  ct: CompiledTemplate,
  cells: readonly (readonly RawCell[])[],
  skip: Uint8Array,
  restart: Uint8Array,
  keyed: Uint8Array,
  headerEnd: number,
  originRow: number,
  originCol: number,
  sumIndex: Int32Array,
  sumCol: Int32Array,
  keyCols: Int32Array,
  colKind: Uint8Array,
  formulas: Readonly<Record<string, string>>,
  hasFormulas: boolean,
  issues: LayoutIssues,
): { totals: number[]; footers: number[] } {
  const scan = new TotalsScan(ct.fields, ct.layoutMemo.totalWord, cells, skip, restart, keyed, originRow, originCol, sumIndex, sumCol, keyCols, colKind, formulas, hasFormulas, issues, lastFullRow(cells, headerEnd));
  for (let r = headerEnd + 1; r < cells.length; r++) scan.row(r);
  return { totals: scan.totals, footers: scan.footers };
}

/**
 * {@link findTotals}' walk down the rows: the sums so far, and the rows found.
 *
 * Speed: the work of a row is a method, called once a row, not the body of a loop that runs once
 * a call. V8 optimises a function called 100k times as a whole within the first call, and after
 * a deoptimisation (a kind of row not seen before) soon again; a loop that runs once a call is
 * compiled on the stack, compiled again as a whole two calls later, and after a deoptimisation
 * runs unoptimised to the end of the call (15–25 ms of compiling, and the loop slow meanwhile, in
 * the second to fifth calls of the bench's 100k rows). Validation keeps one for the module's life
 * ({@link totalsScanShape}), so that its shape, and the optimised method with it, outlive a call.
 */
class TotalsScan {
  readonly totals: number[] = [];
  readonly footers: number[] = [];
  // The sums since the last total (or block header), and since the top; their rows.
  private readonly since: Float64Array;
  private readonly all: Float64Array;
  private sinceRows = 0;
  private sinceFirst = -1;
  private allRows = 0;
  private allFirst = -1;
  // The numbers of the row in the sum columns (NaN: none), reused from row to row.
  private readonly nums: Float64Array;

  constructor(
    private readonly fields: CompiledTemplate['fields'],
    private readonly wordMemo: TextTable<boolean>,
    private readonly cells: readonly (readonly RawCell[])[],
    private readonly skip: Uint8Array,
    private readonly restart: Uint8Array,
    /** {@link Layout.keyed}, marked here. */
    private readonly keyed: Uint8Array,
    private readonly originRow: number,
    private readonly originCol: number,
    private readonly sumIndex: Int32Array,
    private readonly sumCol: Int32Array,
    private readonly keyCols: Int32Array,
    private readonly colKind: Uint8Array,
    private readonly formulas: Readonly<Record<string, string>>,
    private readonly hasFormulas: boolean,
    private readonly issues: LayoutIssues,
    /** {@link lastFullRow}: a long text alone on a row below it is a note. */
    private readonly lastFull: number,
  ) {
    this.since = new Float64Array(sumCol.length);
    this.all = new Float64Array(sumCol.length);
    this.nums = new Float64Array(sumCol.length);
  }

  /** Looks at grid row `r`, the rows above it done. */
  row(r: number): void {
    const { keyCols, colKind, wordMemo, sumCol, since, all, nums } = this;
    const row = this.cells[r];
    // A new block: its subtotal adds up the rows under its own header.
    if (this.restart[r] === 1) this.restartSums();
    if (!Array.isArray(row) || this.skip[r] === 1) return;
    let keysBlank = keyCols.length > 0;
    for (let k = 0; k < keyCols.length && keysBlank; k++) keysBlank = isBlankCell(row[keyCols[k] as number]);
    if (!keysBlank && keyCols.length > 0) this.keyed[r] = 1;
    let word = false;
    let wordInKey = false;
    let sumFormula = false;
    // Speed: a row that names its keys and fills three cells or more is a totals row only when a
    // key cell holds a totals word, and cannot be a footer: only its key cells are looked at.
    let full = true;
    if (!keysBlank && filledAtLeast3(row)) {
      full = false;
      for (let k = 0; k < keyCols.length; k++) {
        const c = keyCols[k] as number;
        const v: unknown = row[c];
        if (typeof v === 'string' && ((colKind[c] as number) & 1) === 0 && !isBlankCell(v) && isKeyTotalWord(wordMemo, v)) {
          word = true;
          wordInKey = true;
        }
      }
    }
    if (full) {
      let nonBlank = 0;
      let firstRaw: string | null = null;
      for (let c = 0; c < row.length; c++) {
        const v: unknown = row[c];
        if (isBlankCell(v)) continue;
        nonBlank++;
        if (typeof v === 'string') {
          if (firstRaw === null) firstRaw = v;
          const kind = c < colKind.length ? (colKind[c] as number) : 0;
          if ((kind & 1) === 0 && isTotalWord(wordMemo, v)) {
            word = true;
            wordInKey ||= (kind & 2) !== 0;
          }
        } else if (firstRaw === null) firstRaw = '';
        if (this.hasFormulas) {
          const f = this.formulas[columnLetters(this.originCol + c) + String(this.originRow + r)];
          if (typeof f === 'string' && TOTAL_FORMULA.test(f.replace(/^=/, ''))) sumFormula = true;
        }
      }
      if (nonBlank === 0) return;
      const firstText = nonBlank <= 2 && !word && firstRaw !== null && firstRaw !== '' ? labelKey(firstRaw) : '';
      const footer = firstText !== '' && (FOOTER_START.test(firstText.replace(LEADING_BRACKET, '')) || (r > this.lastFull && firstText.length >= NOTE_LENGTH));
      if (nonBlank <= 2 && footer && !word) {
        this.skip[r] = 1;
        this.footers.push(this.originRow + r);
        return;
      }
    }
    let anyNum = false;
    for (let k = 0; k < sumCol.length; k++) {
      const n = looseNumber(row[sumCol[k] as number]);
      nums[k] = n === null ? Number.NaN : n;
      if (n !== null) anyNum = true;
    }
    // A totals word in a row that names its own initiative and date is a mistyped value, not a total.
    const isTotal = (word && (keysBlank || wordInKey)) || (sumFormula && keysBlank) || (keysBlank && anyNum && this.sinceRows >= 2 && sumsEqual(nums, since));
    if (isTotal) {
      this.skip[r] = 1;
      this.totals.push(this.originRow + r);
      if (anyNum && this.sinceRows + this.allRows > 0 && !sumsEqual(nums, since) && !sumsEqual(nums, all)) this.mismatch(r, row);
      this.restartSums();
      return;
    }
    for (let k = 0; k < nums.length; k++) {
      const n = nums[k] as number;
      if (!Number.isNaN(n)) {
        since[k] = (since[k] as number) + n;
        all[k] = (all[k] as number) + n;
      }
    }
    if (this.sinceFirst < 0) this.sinceFirst = r;
    if (this.allFirst < 0) this.allFirst = r;
    this.sinceRows++;
    this.allRows++;
  }

  /** Starts the sums since the last total again (after a total, or at a new block's header). */
  private restartSums(): void {
    this.since.fill(0);
    this.sinceRows = 0;
    this.sinceFirst = -1;
  }

  /** Raises `totals_mismatch` at each sum cell of totals row `r` that is not the sum above it. */
  private mismatch(r: number, row: readonly RawCell[]): void {
    const { sumCol, nums } = this;
    const useAll = this.sinceRows === 0;
    const acc = useAll ? this.all : this.since;
    const from = this.originRow + (useAll ? this.allFirst : this.sinceFirst);
    // An index loop, not sumCols.forEach: a closure here made V8 keep the row's variables in a
    // context allocated at every row, totals row or not.
    for (let k = 0; k < sumCol.length; k++) {
      const c = sumCol[k] as number;
      const n = nums[k] as number;
      const f = this.fields[this.sumIndex[k] as number];
      if (Number.isNaN(n) || Math.abs(n - (acc[k] as number)) < 1e-9 || f === undefined) continue;
      this.issues.raise('totals_mismatch', { r, c, field: f.key, value: row[c] }, { field: f.label, total: n, sum: acc[k] as number, from, to: this.originRow + r - 1 });
    }
  }
}

/**
 * A {@link TotalsScan} of nothing, for validation's `_keepShapes`.
 * @internal
 */
export function totalsScanShape(memo: TextTable<boolean>): unknown {
  const none = new Int32Array(0);
  const issues: LayoutIssues = { raise: () => undefined };
  return new TotalsScan([], memo, [], new Uint8Array(0), new Uint8Array(0), new Uint8Array(0), 0, 0, none, none, none, new Uint8Array(0), {}, false, issues, -1);
}

// Every data row is asked whether it repeats the header, and its leading text cells (年度, 区,
// 地区…) repeat from row to row: each distinct text is matched once per template (kept in
// ct.layoutMemo), not normalised again on every row (validate 100k clean rows, quiet machine:
// 2.1 s → 1.0 s).

/** What a text cell of a data row is to the header check: a units cell, or the field it names. */
const UNIT_TEXT = -100;

function headerFieldOf(ct: CompiledTemplate, memo: TextTable<number>, v: string): number {
  let f = memo.get(v);
  if (f === undefined) {
    // The units test normalises the text too: remembered with the field, one normalisation per text.
    f = isUnitCell(v) ? UNIT_TEXT : headerField(ct, v);
    if (memo.size < LAYOUT_MEMO_LIMIT) memo.set(v, f);
  }
  return f;
}

/**
 * Whether a row repeats the header: only text, and at least two of its cells (or all of them,
 * when fewer) name the field of their own column; the others may be group labels or units.
 *
 * Speed: the answer depends only on the two counts, so short texts (which repeat and are
 * memoised) are matched first and the long narrative texts only while they could still change
 * the answer — a report row is settled before any of its unique texts is normalised. With the
 * units test remembered beside the field and a totals loop that allocates nothing per row:
 * validate 100k clean rows 1,653 → 1,420 ms CPU (old and new alternating, under load).
 */
function repeatsHeader(ct: CompiledTemplate, memo: TextTable<number>, row: unknown, fieldAt: Int32Array, numberCols: Int32Array): boolean {
  if (!Array.isArray(row)) return false;
  // Speed: a report row most often holds a number in a count column, and a small number is no
  // object in memory — that settles it before any text of the row is read.
  for (let k = 0; k < numberCols.length; k++) {
    const v: unknown = row[numberCols[k] as number];
    if (v !== null && v !== undefined && typeof v !== 'string') return false;
  }
  let left = 0;
  for (let c = 0; c < row.length; c++) {
    const v: unknown = row[c];
    if (isBlankCell(v)) continue;
    if (typeof v !== 'string') return false;
    left++;
  }
  let own = 0;
  let other = 0;
  // Pass 0 matches the short texts, pass 1 the long ones; `left` counts the cells not yet matched.
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      if (typeof v !== 'string' || (pass === 0) !== (v.length <= SHORT_TEXT) || isBlankCell(v)) continue;
      left--;
      const f = headerFieldOf(ct, memo, v);
      if (f === UNIT_TEXT) continue;
      if (f >= 0 && f === (fieldAt[c] ?? -1)) own++;
      else other++;
      // Settled: even if every cell left named its own field, the row could not repeat the header.
      if (own + left < 2 || other > own + left) return false;
    }
  }
  return own >= 2 && own >= other;
}

// Texts this long or shorter are matched first (labels, codes, names; a narrative is longer).
const SHORT_TEXT = 12;

/** A row of units only ((回), 人). */
function unitsRow(row: unknown): boolean {
  if (!Array.isArray(row)) return false;
  let n = 0;
  for (const v of row) {
    if (isBlankCell(v)) continue;
    if (!isUnitCell(v)) return false;
    n++;
  }
  return n > 0;
}
