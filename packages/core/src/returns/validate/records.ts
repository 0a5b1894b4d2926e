/**
 * The records of a validated return, kept as the columns validation read them into and turned
 * into located records (one object per row) only when someone reads `result.records`.
 */
import type { FieldValue, LocatedRecord, ReturnRecord } from '../types.js';

// Values are kept in chunks of this many: young arrays, allocated once at their size, never grown.
const CHUNK_BITS = 13;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

/**
 * One field's values, a value per record.
 *
 * Speed: pushing 100k values into one array per column regrew it (a fresh large array and its
 * pages each time) and was a fifth of validating 100k rows; chunks are allocated once at their
 * size and written in place (young chunks: large fresh arrays cost a page fault per page).
 */
export class ValueColumn {
  private readonly chunks: FieldValue[][] = [];

  constructor(readonly length: number) {
    // Not filled: the reader writes every slot (a value or null) before anyone reads it.
    for (let left = length; left > 0; left -= CHUNK) this.chunks.push(new Array<FieldValue>(Math.min(CHUNK, left)));
  }

  get(k: number): FieldValue {
    return (this.chunks[k >> CHUNK_BITS] as FieldValue[])[k & MASK] as FieldValue;
  }

  set(k: number, v: FieldValue): void {
    (this.chunks[k >> CHUNK_BITS] as FieldValue[])[k & MASK] = v;
  }

  /** Sets every value to `v`. */
  fill(v: FieldValue): void {
    for (const c of this.chunks) c.fill(v);
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
