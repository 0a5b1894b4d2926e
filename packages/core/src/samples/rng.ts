/**
 * A small seeded pseudo-random generator, so that sample returns are the same on every machine
 * and every run (Math.random cannot be seeded).
 */

/** A seeded source of pseudo-random choices. */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** A float in [min, max). */
  float(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One item, uniformly. Throws on an empty list (a programmer error). */
  pick<T>(items: readonly T[]): T;
  /** One item, with the given relative weights. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
}

// FNV-1a folds a text seed into 32 bits, so `createRng('chiba')` works as well as numbers.
function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return Number.isFinite(seed) ? Math.trunc(seed) | 0 : 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

/**
 * Creates a seeded generator (mulberry32: 32 bits of state, fast, good enough for test data —
 * not for anything secret).
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.int(1, 6);            // the same number on every run
 * rng.pick(['A', 'B', 'C']);
 * ```
 */
export function createRng(seed: number | string): Rng {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    float: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const a = items[i] as T;
        items[i] = items[j] as T;
        items[j] = a;
      }
      return items;
    },
  };
  return rng;
}
