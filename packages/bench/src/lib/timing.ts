/**
 * Timing side by side: the machines are shared and noisy, so ours and the peer alternate within
 * one loop (same heap state, same neighbours), after a warm-up, and medians are compared.
 */

/** Keeps results reachable so the JIT cannot drop the work. */
export const sink: unknown[] = [];

const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Time one call in milliseconds, after a full GC when `--expose-gc` is on. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  gc?.();
  const t = performance.now();
  const out = await fn();
  const ms = performance.now() - t;
  sink.push(out);
  if (sink.length > 8) sink.shift();
  return ms;
}

export interface Paired {
  ours: number;
  peer: number;
  oursSamples: number[];
  peerSamples: number[];
}

/** Warm up both, then alternate ours/peer `runs` times; medians of each. */
export async function paired(ours: () => unknown, peer: () => unknown, opts: { warmup?: number; runs?: number } = {}): Promise<Paired> {
  const warmup = opts.warmup ?? 1;
  const runs = opts.runs ?? 5;
  for (let i = 0; i < warmup; i++) {
    await timeOnce(ours);
    await timeOnce(peer);
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Alternate who goes first so that neither always runs on a freshly collected heap.
    if (i % 2 === 0) {
      a.push(await timeOnce(ours));
      b.push(await timeOnce(peer));
    } else {
      b.push(await timeOnce(peer));
      a.push(await timeOnce(ours));
    }
  }
  return { ours: median(a), peer: median(b), oursSamples: a, peerSamples: b };
}

/** One contender's timings in {@link rotate}. */
export interface Rotated {
  /** Median of the samples, ms. */
  ms: number;
  samples: number[];
  /**
   * Minor page faults of the process during each timed call (read outside the timed window):
   * thousands a call mean memory mapped fresh at every call, which costs time (docs/benchmarks.md).
   */
  pageFaults: number[];
}

/**
 * Several contenders on the same data: after `warmup` rounds, `runs` rounds in which each runs
 * once, the order rotating every round; the median per contender.
 */
export async function rotate<K extends string>(fns: Record<K, () => unknown>, opts: { warmup?: number; runs?: number } = {}): Promise<Record<K, Rotated>> {
  const keys = Object.keys(fns) as K[];
  for (let i = 0; i < (opts.warmup ?? 1); i++) for (const k of keys) await timeOnce(fns[k]);
  const xs = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const faults = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < (opts.runs ?? 5); i++) {
    for (let j = 0; j < keys.length; j++) {
      const k = keys[(i + j) % keys.length] as K;
      const before = process.resourceUsage().minorPageFault;
      xs[k].push(await timeOnce(fns[k]));
      faults[k].push(process.resourceUsage().minorPageFault - before);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, { ms: median(xs[k]), samples: xs[k], pageFaults: faults[k] }])) as Record<K, Rotated>;
}

/** Median of `runs` timings after `warmup` untimed calls. */
export async function single(fn: () => unknown, opts: { warmup?: number; runs?: number } = {}): Promise<{ ms: number; samples: number[] }> {
  for (let i = 0; i < (opts.warmup ?? 1); i++) await timeOnce(fn);
  const xs: number[] = [];
  for (let i = 0; i < (opts.runs ?? 5); i++) xs.push(await timeOnce(fn));
  return { ms: median(xs), samples: xs };
}

export { median };

/** Progress goes to stderr so that `--json` keeps stdout to one JSON object. */
export function log(...parts: unknown[]): void {
  process.stderr.write(`${parts.map(String).join(' ')}\n`);
}
