/**
 * The records of a validated return, kept as the columns validation read them into and turned
 * into located records (one object per row) only when someone reads `result.records`.
 */
import type { CodedColumn } from '../../rules/conditions.js';
import type { FieldValue, LocatedRecord, ReturnRecord } from '../types.js';

let columns = 0;

/**
 * One field's values, a value per record, kept as a code per record into the column's distinct
 * values (code 0 is null).
 *
 * Speed: a column of 100k pointers was half of what validating 100k rows allocated (11 of 21 MB),
 * and the collector copied it, live, at every scavenge during the call; codes live in a typed
 * array outside the collected heap, and a column repeats few distinct values. A cell read from an
 * outcome (validate/outcomes.ts) carries its code on the outcome, so most cells are stored with no
 * look-up at all.
 *
 * The codes start one byte wide and widen to two, then four, as the column gives its 256th and
 * 65,536th distinct value: most columns (years, units, initiatives, statuses, small counts) hold
 * fewer than 256, and a result keeps its columns. A 100k-row return kept 5.2 MB of codes in
 * 13 columns of four bytes; arrays that size are fresh memory at every call, whose pages fault
 * on first touch (validate/scratch.ts).
 */
export class ValueColumn implements CodedColumn {
  /** Distinguishes this column from every other: an outcome remembers the code it got here. */
  readonly id = ++columns;
  private codes: Uint8Array | Uint16Array | Int32Array;
  /** The largest code {@link codes} can hold. */
  private widest = 0xff;
  private readonly distinct: FieldValue[] = [null];
  private readonly index = new Map<FieldValue, number>();
  private last: FieldValue = null;
  private lastCode = 0;

  constructor(readonly length: number) {
    // Every code starts at 0, null: the reader writes every slot before anyone reads it anyway.
    this.codes = new Uint8Array(length);
  }

  get(k: number): FieldValue {
    return this.distinct[this.codes[k] as number] as FieldValue;
  }

  set(k: number, v: FieldValue): void {
    // The code first: giving it may widen the codes into a new array.
    const code = this.code(v);
    this.codes[k] = code;
  }

  /** Each record's code (the array itself: read it once every value is stored). */
  codeArray(): ArrayLike<number> {
    return this.codes;
  }

  /** The value of each code (code 0: null); a value may have several codes. */
  valuesByCode(): readonly FieldValue[] {
    return this.distinct;
  }

  /** Stores the value of code `code` (from {@link code} or {@link add}) at record `k`. */
  setCode(k: number, code: number): void {
    this.codes[k] = code;
  }

  /** The code of `v` in this column, given on first sight. */
  code(v: FieldValue): number {
    if (v === null) return 0;
    // A look-up would take -0 for 0 (SameValueZero): -0 gets a code of its own each time.
    if (v === 0 && 1 / v < 0) return this.add(v);
    if (v === this.last) return this.lastCode;
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.add(v);
      this.index.set(v, c);
    }
    this.last = v;
    this.lastCode = c;
    return c;
  }

  /** A new code for `v`, with no look-up: for a value whose reading keeps its code (an outcome). */
  add(v: FieldValue): number {
    if (v === null) return 0;
    this.distinct.push(v);
    const code = this.distinct.length - 1;
    if (code > this.widest) this.widen();
    return code;
  }

  /** Copies the codes into an array of the next width. */
  private widen(): void {
    const codes = this.widest === 0xff ? new Uint16Array(this.length) : new Int32Array(this.length);
    codes.set(this.codes);
    this.codes = codes;
    this.widest = this.widest === 0xff ? 0xffff : 0x7fffffff;
  }

  /** Sets every value to `v`. */
  fill(v: FieldValue): void {
    const code = this.code(v);
    this.codes.fill(code);
  }

  /**
   * Lets go of what giving codes needs, once every value is stored: a result may be kept long
   * (the add-in keeps the last one), and a column of counts or ratios has as many entries as rows.
   * A value stored afterwards still reads back; it only gets a new code.
   */
  seal(): void {
    this.index.clear();
    this.last = null;
    this.lastCode = 0;
  }
}

/**
 * Values, row numbers and error counts of the records, one array per column.
 *
 * Speed: a located record (two objects and a copied prototype) per row was the largest cost left
 * in the row loop; keeping the columns and building records on first read cut validating 100k
 * clean rows from 1,042 to 975 ms CPU in session 3 (reading every record later costs its share
 * back once).
 */
export class RecordColumns {
  private built: LocatedRecord[] | undefined;

  constructor(
    /** Field keys then derived keys: the keys of every record, in this order. */
    private readonly keys: readonly string[],
    /** One column per key. */
    private readonly columns: readonly ValueColumn[],
    /** Grid row (0-based) of each record. */
    readonly rows: Int32Array,
    readonly errors: Int32Array,
    readonly warnings: Int32Array,
    private readonly where: { source: string | undefined; sheet: string; originRow: number },
  ) {}

  get length(): number {
    return this.rows.length;
  }

  /** The located records, built once on first call; later changes to the counts are not seen. */
  records(): LocatedRecord[] {
    if (this.built !== undefined) return this.built;
    const { keys, columns, rows, errors, warnings } = this;
    const { source, sheet, originRow } = this.where;
    const n = keys.length;
    const proto: ReturnRecord = {};
    for (const k of keys) proto[k] = null;
    const vals = new Array<FieldValue>(n).fill(null);
    const out: LocatedRecord[] = new Array<LocatedRecord>(rows.length);
    for (let k = 0; k < rows.length; k++) {
      for (let j = 0; j < n; j++) vals[j] = (columns[j] as ValueColumn).get(k);
      // Copying a prototype record gives every record the same shape; keyed stores then stay fast.
      const values: ReturnRecord = { ...proto };
      fillRecord(values, keys, vals, 0, n);
      const row = originRow + (rows[k] as number);
      const ref = source === undefined ? { sheet, row } : { source, sheet, row };
      out[k] = { ref, values, errors: errors[k] as number, warnings: warnings[k] as number };
    }
    this.built = out;
    return out;
  }
}

/**
 * Copies a record's values into its object (whose keys the prototype copy already holds). One
 * store site per slot: each site then sees a single key and V8 keeps it monomorphic, where one
 * site in a loop sees every key and goes megamorphic (a stub-cache probe per value). Templates
 * wider than the unrolled slots finish in the loop.
 */
function fillRecord(o: ReturnRecord, keys: readonly string[], vals: readonly FieldValue[], at: number, n: number): void {
  let v: FieldValue | undefined;
  if (n === 0) return;
  v = vals[at];
  if (v !== null && v !== undefined) o[keys[0] as string] = v;
  if (n === 1) return;
  v = vals[at + 1];
  if (v !== null && v !== undefined) o[keys[1] as string] = v;
  if (n === 2) return;
  v = vals[at + 2];
  if (v !== null && v !== undefined) o[keys[2] as string] = v;
  if (n === 3) return;
  v = vals[at + 3];
  if (v !== null && v !== undefined) o[keys[3] as string] = v;
  if (n === 4) return;
  v = vals[at + 4];
  if (v !== null && v !== undefined) o[keys[4] as string] = v;
  if (n === 5) return;
  v = vals[at + 5];
  if (v !== null && v !== undefined) o[keys[5] as string] = v;
  if (n === 6) return;
  v = vals[at + 6];
  if (v !== null && v !== undefined) o[keys[6] as string] = v;
  if (n === 7) return;
  v = vals[at + 7];
  if (v !== null && v !== undefined) o[keys[7] as string] = v;
  if (n === 8) return;
  v = vals[at + 8];
  if (v !== null && v !== undefined) o[keys[8] as string] = v;
  if (n === 9) return;
  v = vals[at + 9];
  if (v !== null && v !== undefined) o[keys[9] as string] = v;
  if (n === 10) return;
  v = vals[at + 10];
  if (v !== null && v !== undefined) o[keys[10] as string] = v;
  if (n === 11) return;
  v = vals[at + 11];
  if (v !== null && v !== undefined) o[keys[11] as string] = v;
  if (n === 12) return;
  v = vals[at + 12];
  if (v !== null && v !== undefined) o[keys[12] as string] = v;
  if (n === 13) return;
  v = vals[at + 13];
  if (v !== null && v !== undefined) o[keys[13] as string] = v;
  if (n === 14) return;
  v = vals[at + 14];
  if (v !== null && v !== undefined) o[keys[14] as string] = v;
  if (n === 15) return;
  v = vals[at + 15];
  if (v !== null && v !== undefined) o[keys[15] as string] = v;
  if (n === 16) return;
  v = vals[at + 16];
  if (v !== null && v !== undefined) o[keys[16] as string] = v;
  if (n === 17) return;
  v = vals[at + 17];
  if (v !== null && v !== undefined) o[keys[17] as string] = v;
  if (n === 18) return;
  v = vals[at + 18];
  if (v !== null && v !== undefined) o[keys[18] as string] = v;
  if (n === 19) return;
  v = vals[at + 19];
  if (v !== null && v !== undefined) o[keys[19] as string] = v;
  if (n === 20) return;
  v = vals[at + 20];
  if (v !== null && v !== undefined) o[keys[20] as string] = v;
  if (n === 21) return;
  v = vals[at + 21];
  if (v !== null && v !== undefined) o[keys[21] as string] = v;
  if (n === 22) return;
  v = vals[at + 22];
  if (v !== null && v !== undefined) o[keys[22] as string] = v;
  if (n === 23) return;
  v = vals[at + 23];
  if (v !== null && v !== undefined) o[keys[23] as string] = v;
  for (let i = 24; i < n; i++) {
    v = vals[at + i];
    if (v !== null && v !== undefined) o[keys[i] as string] = v;
  }
}
