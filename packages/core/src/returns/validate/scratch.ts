/**
 * Typed arrays lent to one validation call and taken back when it ends, so that the next call
 * works in the same memory.
 *
 * Speed: a 100k-row call needs about 8 MB of working arrays (each column's failed flags, the
 * unique keys' hash table, the rows' issue counts, the layout's marks) besides the arrays its
 * result keeps. Fresh, each is memory the C library may have handed back to the system after the
 * last call, and then every page of it faults on first touch: about 3,500 page faults a call in
 * the processes where that happened, and the call 1.3× slower (`process.resourceUsage()` around
 * each call, docs/benchmarks.md). Lent arrays are filled, not faulted in.
 *
 * Only arrays of {@link MIN_LENT} elements or more are lent; smaller ones, and every array asked
 * for outside {@link withScratch}, are new. What is kept between calls is bounded by
 * {@link KEEP_BYTES}. An array lent must not outlive the call: nothing of it may reach a result.
 *
 * Calls nest: validating several grids lends each grid's arrays for that grid alone (taken back
 * when it is done, so that a workbook of many large sheets holds one sheet's arrays at a time),
 * and the arrays shared by the grids (the unique keys seen so far) for the whole call.
 */

/** Arrays shorter than this are made new: they are cheap, and come from memory already in use. */
const MIN_LENT = 1024;
/** At most this many bytes of free arrays are kept for the next call; past it, all are let go. */
const KEEP_BYTES = 64 * 1024 * 1024;

type Typed = Int32Array | Uint8Array | Float64Array;

/** The arrays of one element type: free ones, and those lent, by the depth of the call. */
class Shelf<T extends Typed> {
  private free: T[] = [];
  private readonly lent: T[][] = [];

  constructor(private readonly make: (n: number) => T) {}

  /** An array of `n` elements, each `fill`, lent until the call at `depth` (0: outermost) ends. */
  take(n: number, fill: number, depth: number): T {
    const free = this.free;
    let best = -1;
    for (let k = 0; k < free.length; k++) {
      const len = (free[k] as T).length;
      if (len >= n && (best < 0 || len < (free[best] as T).length)) best = k;
    }
    let a: T;
    if (best < 0) a = this.make(n);
    else {
      a = free[best] as T;
      free[best] = free[free.length - 1] as T;
      free.pop();
    }
    while (this.lent.length <= depth) this.lent.push([]);
    (this.lent[depth] as T[]).push(a);
    const view = (a.length === n ? a : a.subarray(0, n)) as T;
    // A new array is all zeros already; a free one holds the last call's values.
    if (best >= 0 || fill !== 0) view.fill(fill);
    return view;
  }

  /** Takes back the arrays lent until the call at `depth` ends; the bytes now kept. */
  reclaim(depth: number): number {
    const lent = this.lent[depth];
    if (lent !== undefined) {
      for (const a of lent) this.free.push(a);
      lent.length = 0;
    }
    let bytes = 0;
    for (const a of this.free) bytes += a.byteLength;
    return bytes;
  }

  clear(): void {
    this.free = [];
  }
}

const int32s = new Shelf((n) => new Int32Array(n));
const uint8s = new Shelf((n) => new Uint8Array(n));
const float64s = new Shelf((n) => new Float64Array(n));
let depth = 0;

/**
 * Runs `fn` with arrays lent from the shelves, and takes back those lent for it when it ends
 * (also when it throws); the arrays lent for the whole call when the outermost call ends.
 */
export function withScratch<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    // Checked at every depth: grids of growing sizes in one call would otherwise leave a free
    // array per size until the call ends.
    const kept = int32s.reclaim(depth) + uint8s.reclaim(depth) + float64s.reclaim(depth);
    if (kept > KEEP_BYTES) {
      int32s.clear();
      uint8s.clear();
      float64s.clear();
    }
  }
}

/**
 * An `Int32Array` of `n` elements, each `fill`, lent for the innermost {@link withScratch} call
 * when there is one — or for the outermost, with `wholeCall`.
 */
export function scratchInt32(n: number, fill = 0, wholeCall = false): Int32Array {
  if (depth === 0 || n < MIN_LENT) {
    const a = new Int32Array(n);
    return fill === 0 ? a : a.fill(fill);
  }
  return int32s.take(n, fill, wholeCall ? 0 : depth - 1);
}

/** A `Uint8Array` of `n` elements, each `fill`; see {@link scratchInt32}. */
export function scratchUint8(n: number, fill = 0): Uint8Array {
  if (depth === 0 || n < MIN_LENT) {
    const a = new Uint8Array(n);
    return fill === 0 ? a : a.fill(fill);
  }
  return uint8s.take(n, fill, depth - 1);
}

/** A `Float64Array` of `n` elements, all 0; see {@link scratchInt32}. */
export function scratchFloat64(n: number, wholeCall = false): Float64Array {
  if (depth === 0 || n < MIN_LENT) return new Float64Array(n);
  return float64s.take(n, 0, wholeCall ? 0 : depth - 1);
}
