/**
 * Unique keys (table rule `unique`): the keys of the rows seen, by template, shared by the grids
 * of one call so that a duplicate is found across sheets and files too.
 */
import { scratchFloat64, scratchInt32 } from './scratch.js';

/** Grids seen so far and the unique keys of their rows, shared by the grids of one call. */
export interface SharedKeys {
  grids: { source: string | undefined; sheet: string }[];
  byTemplate: Map<string, UniqueIndex>;
}

/**
 * Keys of the rows seen, by template. Key parts are interned to small integers and packed into
 * one number, so the look-up per row hashes no concatenated string.
 */
export interface UniqueIndex {
  /** Distinguishes this index from every other: an outcome remembers the part id it got here. */
  serial: number;
  parts: Map<unknown, number>[];
  /** Packed keys (small integers) → owner. */
  seen: IntTable;
  /** Keys that did not pack → owner. */
  seenWide: Map<string, number>;
}

/**
 * An open-addressing hash table from small non-negative integers to numbers, in typed arrays:
 * with 100 000 rows a `Map` spends its time chasing pointers; this probes contiguous memory.
 */
export class IntTable {
  private keys: Int32Array;
  private vals: Float64Array;
  private size = 0;
  private shift: number;

  /** Sized for `expected` keys at most half full, so a grid of that many rows never regrows it. */
  constructor(expected = 512) {
    let bits = 10;
    while (bits < 30 && 1 << (bits - 1) < expected) bits++;
    // For the whole call: the grids of one call share the keys seen (validate/scratch.ts).
    this.keys = scratchInt32(1 << bits, -1, true);
    this.vals = scratchFloat64(1 << bits, true);
    this.shift = 32 - bits;
  }

  // Fibonacci hashing: the high bits of k × 2^32/φ spread neighbouring keys apart.
  private slot(k: number): number {
    return Math.imul(k, 0x9e3779b1) >>> this.shift;
  }

  /** The value of `k` when it is in the table; else stores `v` for it and gives -1. One probe. */
  claim(k: number, v: number): number {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = this.slot(k);
    for (;;) {
      const x = keys[i] as number;
      if (x === k) return this.vals[i] as number;
      if (x === -1) break;
      i = (i + 1) & mask;
    }
    keys[i] = k;
    this.vals[i] = v;
    this.size++;
    return -1;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = scratchInt32(oldKeys.length * 2, -1, true);
    this.vals = scratchFloat64(oldKeys.length * 2, true);
    this.size = 0;
    this.shift--;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== -1) this.claim(k, oldVals[i] as number);
    }
  }
}

// Three parts of 10 bits make a key below 2^30: a small integer, the cheapest Map key in V8.
export const PART_BITS = 1024;

let serials = 0;

/** A new unique-key index for `parts` key parts, sized for `rows` rows. */
export function newUniqueIndex(parts: number, rows: number): UniqueIndex {
  return { serial: ++serials, parts: Array.from({ length: parts }, () => new Map<unknown, number>()), seen: new IntTable(rows), seenWide: new Map() };
}

/** The part id of `v` among key part `u`'s values (ids are given in order of first sight). */
export function partId(uniq: UniqueIndex, u: number, v: unknown): number {
  const part = Array.isArray(v) ? v.join('\u0001') : v;
  const ids = uniq.parts[u] as Map<unknown, number>;
  let id = ids.get(part);
  if (id === undefined) {
    id = ids.size;
    ids.set(part, id);
  }
  return id;
}

export function newShared(): SharedKeys {
  return { grids: [], byTemplate: new Map() };
}
