/**
 * The issue list of one grid: put in row, then column order whatever order the reading raised
 * them in (a stable sort, table-level issues first), and issues dropped by code with their keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../types.js';
import { Run } from './run.js';

const WORDS = { ja: '', en: '' };

/** The issues raised at `places` ([row, column], -1 for none), each named by its raise order. */
function raised(places: readonly (readonly [number, number])[]): Run {
  const run = new Run('S', undefined, 1, 1);
  places.forEach(([r, c], k) => run.raiseText(`rule_${k}` as Issue['code'], 'error', { r, c }, WORDS));
  return run;
}

/** The order the sort promises, by a plain comparator: row (-1 first), column (-1 first), raise. */
function expected(places: readonly (readonly [number, number])[]): string[] {
  const key = ([r, c]: readonly [number, number]): [number, number] => (r < 0 ? [0, 0] : [r + 1, c < 0 ? 0 : c + 1]);
  return places
    .map((p, k) => ({ k, key: key(p) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.k - b.k)
    .map((x) => `rule_${x.k}`);
}

const place = fc.tuple(fc.integer({ min: -1, max: 40 }), fc.integer({ min: -1, max: 50 }));

describe('Run.sorted', () => {
  it('orders issues by row, then column, stably, with table-level issues first', () => {
    fc.assert(
      fc.property(fc.array(place, { maxLength: 300 }), (places) => {
        expect(raised(places).sorted().map((i) => i.code)).toEqual(expected(places));
      }),
    );
  });

  it('orders a row with many issues (past the insertion sort) by column, stably', () => {
    const places: [number, number][] = [];
    for (let k = 0; k < 200; k++) places.push([7, (k * 37) % 60]);
    places.push([3, 5], [-1, 4], [7, -1]);
    const codes = raised(places).sorted().map((i) => i.code);
    expect(codes).toEqual(expected(places));
    expect(codes.slice(0, 3)).toEqual(['rule_201', 'rule_200', 'rule_202']);
  });

  it('keeps an ordered list as it is', () => {
    const run = raised([[-1, -1], [0, 0], [0, 3], [2, -1], [2, 1]]);
    expect(run.sorted()).toBe(run.issues);
  });
});

describe('Run.drop', () => {
  it('drops the issues of one code and keeps the others in order, with their places', () => {
    const run = new Run('S', undefined, 1, 1);
    run.raiseText('report_after_closing', 'warning', { r: 5, c: 1 }, WORDS);
    run.raiseText('rule_a' as Issue['code'], 'error', { r: 4, c: 2 }, WORDS);
    for (let k = 0; k < 600; k++) run.raiseText('report_after_closing', 'warning', { r: 9, c: 0 }, WORDS);
    run.raiseText('rule_b' as Issue['code'], 'error', { r: 2, c: 0 }, WORDS);
    run.drop('report_after_closing');
    expect(run.issues.map((i) => i.code)).toEqual(['rule_a', 'rule_b']);
    expect(run.sorted().map((i) => i.cell)).toEqual(['A3', 'C5']);
  });
});
