/**
 * Working arrays lent to one validation call: the next call gets the same memory back, filled
 * afresh, and nothing lent reaches a result — a result kept while later calls reuse the memory
 * reads the same as one made alone.
 */
import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { requirePlan, validateGrid, validateGrids, type Plan, type SheetGrid, type ValidationResult } from '../../index.js';
import { generateReturns } from '../../samples/index.js';
import { ValueColumn } from './records.js';
import { scratchFloat64, scratchInt32, scratchUint8, withScratch } from './scratch.js';

const BIG = 5_000;

describe('scratch arrays', () => {
  it('lends the memory of the last call again, filled as asked', () => {
    const first = withScratch(() => {
      const a = scratchInt32(BIG, -1);
      expect(a.every((x) => x === -1)).toBe(true);
      a.fill(7);
      return a;
    });
    const again = withScratch(() => {
      const b = scratchInt32(BIG);
      expect(b.buffer).toBe(first.buffer);
      expect(b.every((x) => x === 0)).toBe(true);
      return b;
    });
    // A shorter array is a view of a longer free one.
    withScratch(() => {
      const c = scratchInt32(BIG - 10, 3);
      expect(c.buffer).toBe(again.buffer);
      expect(c.length).toBe(BIG - 10);
      expect(c.every((x) => x === 3)).toBe(true);
    });
  });

  it('never lends an array that is still lent', () => {
    withScratch(() => {
      const a = scratchUint8(BIG);
      const inner = withScratch(() => scratchUint8(BIG));
      const b = scratchUint8(BIG);
      expect(inner.buffer).not.toBe(a.buffer);
      expect(b.buffer).not.toBe(a.buffer);
      const f = scratchFloat64(BIG);
      const g = scratchFloat64(BIG);
      expect(f.buffer).not.toBe(g.buffer);
    });
  });

  it('takes back an inner call\'s arrays when it ends, and those for the whole call at the end', () => {
    withScratch(() => {
      const whole = scratchInt32(BIG, 0, true);
      const inner = withScratch(() => scratchInt32(BIG));
      // The inner call's array is free again; the whole call's is not.
      const next = withScratch(() => scratchInt32(BIG));
      expect(next.buffer).toBe(inner.buffer);
      expect(next.buffer).not.toBe(whole.buffer);
    });
  });

  it('takes the arrays back when the call throws', () => {
    // A size of its own, so that no other free array fits it better.
    const size = BIG + 1_234;
    let lent: Int32Array | undefined;
    expect(() =>
      withScratch(() => {
        lent = scratchInt32(size);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    withScratch(() => expect(scratchInt32(size).buffer).toBe(lent?.buffer));
  });

  it('lets go of its free arrays when they come to more than 64 MB', () => {
    const huge = 17 * 1024 * 1024; // 68 MB of Int32
    withScratch(() => {
      const inner = withScratch(() => scratchInt32(huge));
      // Let go when the inner call ended, not kept to the end of the outer one.
      expect(scratchInt32(huge).buffer === inner.buffer).toBe(false); // a boolean: never print 68 MB
    });
    const small = withScratch(() => scratchInt32(BIG + 77));
    withScratch(() => expect(scratchInt32(BIG + 77).buffer).toBe(small.buffer));
  });

  it('makes new arrays outside a call, and for short ones', () => {
    const a = scratchInt32(BIG, 5);
    const b = scratchInt32(BIG, 5);
    expect(a.buffer).not.toBe(b.buffer);
    expect(a.every((x) => x === 5)).toBe(true);
    withScratch(() => {
      const s = scratchUint8(10, 1);
      withScratch(() => undefined);
      expect(Array.from(s)).toEqual(Array(10).fill(1));
    });
  });
});

const load = (path: string) => requirePlan(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
const plans: [string, Plan][] = [
  ['chiba', requirePlan(chibaPlan)],
  ['minato (designated city)', load('../../../../../examples/designated-city/minato.plan.json')],
];
const json = (r: ValidationResult) => JSON.stringify({ ...r, records: r.records });

describe.each(plans)('results kept across calls (%s)', (_name, plan) => {
  const grid = (seed: number, badShare: number): { grid: SheetGrid; today: string } => {
    const gen = generateReturns(plan, { seed, rows: 1_500, badShare });
    return { grid: gen.grids[0] as SheetGrid, today: gen.expected.asOf };
  };
  const a = grid(1, 0.1);
  const b = grid(2, 1);

  it('a result reads the same after later calls reuse the working memory', () => {
    const kept = validateGrid(a.grid, { plan, today: a.today });
    validateGrid(b.grid, { plan, today: b.today });
    validateGrids([b.grid, a.grid], { plan, today: b.today });
    // Records are built from the kept columns on first read, so after the later calls.
    expect(json(kept)).toBe(json(validateGrid(a.grid, { plan, today: a.today })));
    expect(kept.summary.rowsWithErrors).toBeGreaterThan(0);
  });
});

describe.each(plans)('grids validated together (%s)', (_name, plan) => {
  it('find duplicates across large grids: the keys seen outlive each grid\'s working arrays', () => {
    const one = generateReturns(plan, { seed: 3, rows: 1_500, badShare: 0 });
    const two = generateReturns(plan, { seed: 4, rows: 1_500, badShare: 0.1 });
    const a = one.grids[0] as SheetGrid;
    const [header, ...aRows] = a.cells;
    const bRows = (two.grids[0] as SheetGrid).cells.slice(1);
    // The second grid is larger: its working arrays fit the first grid's unique-key table best,
    // were that table taken back with the first grid's arrays.
    const second: SheetGrid = { sheet: 'second', cells: [header ?? [], ...aRows, ...bRows] };
    const opts = { plan, today: one.expected.asOf };
    const { results } = validateGrids([a, second], opts);
    const dupRows = (r: ValidationResult | undefined, after = 0) =>
      (r?.issues ?? []).filter((i) => i.code === 'duplicate_row' && (i.row ?? 0) > after).map((i) => i.row);
    expect(results[0]?.records.length).toBeGreaterThan(1_024);
    expect(dupRows(results[0])).toEqual([]);
    // The same rows as one grid: a row of the second part repeats one of the first, or one above it.
    const together = validateGrid({ sheet: 'second', cells: [header ?? [], ...aRows, ...aRows, ...bRows] }, opts);
    const expected = dupRows(together, 1 + aRows.length).map((row) => (row ?? 0) - aRows.length);
    expect(dupRows(results[1])).toEqual(expected);
    expect(expected.length).toBeGreaterThan(1_000);
  });
});

describe('ValueColumn', () => {
  it('keeps every value as its codes widen past one and two bytes', () => {
    const n = 70_000;
    const col = new ValueColumn(n);
    const want: (number | string | null)[] = [];
    for (let k = 0; k < n; k++) {
      // Some repeats, some nulls, and more than 65,536 distinct values in all.
      const v = k % 97 === 0 ? null : k % 3 === 0 ? `v${k % 300}` : k;
      want.push(v);
      col.set(k, v);
    }
    for (let k = 0; k < n; k++) expect(col.get(k)).toBe(want[k]);
    col.fill('x');
    expect(col.get(0)).toBe('x');
    expect(col.get(n - 1)).toBe('x');
  });
});
