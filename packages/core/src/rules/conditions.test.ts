import { describe, expect, it } from 'vitest';
import type { Condition, FieldValue } from '../index.js';
import { compileColumnCondition, compileCondition, compileRules, ratio, type CodedColumn } from './conditions.js';

const index = new Map([
  ['status', 0],
  ['sessions', 1],
  ['participants', 2],
  ['partners', 3],
  ['successCase', 4],
]);
const test = (c: Condition, vals: FieldValue[]) => compileCondition(c, index, [])(vals);
const row = (status: FieldValue, sessions: FieldValue, participants: FieldValue, partners: FieldValue = null, successCase: FieldValue = null) => [
  status,
  sessions,
  participants,
  partners,
  successCase,
];

describe('conditions as data', () => {
  it.each<[string, Condition, FieldValue[], boolean]>([
    ['blank on null', { field: 'sessions', op: 'blank' }, row('done', null, 1), true],
    ['blank on empty list', { field: 'partners', op: 'blank' }, row('done', 1, 1, []), true],
    ['present', { field: 'sessions', op: 'present' }, row('done', 0, 1), true],
    ['in', { field: 'status', op: 'in', values: ['done', 'in_progress'] }, row('done', 1, 1), true],
    ['in on blank', { field: 'status', op: 'in', values: ['done'] }, row(null, 1, 1), false],
    ['notIn on blank', { field: 'status', op: 'notIn', values: ['done'] }, row(null, 1, 1), true],
    ['in on a list', { field: 'partners', op: 'in', values: ['youth'] }, row('done', 1, 1, ['other', 'youth']), true],
    ['eq number', { field: 'sessions', op: 'eq', value: 0 }, row('done', 0, 1), true],
    ['eq across types is false', { field: 'sessions', op: 'eq', value: '0' }, row('done', 0, 1), false],
    ['ne on blank', { field: 'sessions', op: 'ne', value: 0 }, row('done', null, 1), true],
    ['eq boolean', { field: 'successCase', op: 'eq', value: true }, row('done', 1, 1, null, true), true],
    ['ge otherField', { field: 'participants', op: 'ge', otherField: 'sessions' }, row('done', 3, 3), true],
    ['lt otherField', { field: 'participants', op: 'lt', otherField: 'sessions' }, row('done', 3, 2), true],
    ['le with blank', { field: 'participants', op: 'le', otherField: 'sessions' }, row('done', null, 2), false],
    ['gt string (dates)', { field: 'status', op: 'gt', value: '2026-04-01' }, row('2026-05-01', 1, 1), true],
    ['unknown field reads blank', { field: 'nope', op: 'blank' }, row('done', 1, 1), true],
    ['all', { all: [{ field: 'sessions', op: 'present' }, { field: 'participants', op: 'present' }] }, row('done', 1, null), false],
    ['any', { any: [{ field: 'sessions', op: 'blank' }, { field: 'participants', op: 'eq', value: 0 }] }, row('done', 1, 0), true],
    ['not', { not: { field: 'status', op: 'in', values: ['A', 'B'] } }, row('C', 1, 1), true],
  ])('%s', (_, cond, vals, expected) => {
    expect(test(cond, vals)).toBe(expected);
  });

  it('collects the fields a rule reads', () => {
    const [r] = compileRules(
      [
        {
          id: 'x',
          severity: 'warning',
          field: 'participants',
          when: { all: [{ field: 'participants', op: 'present' }, { field: 'sessions', op: 'present' }] },
          assert: { field: 'participants', op: 'ge', otherField: 'sessions' },
          message: { ja: 'x', en: 'x' },
        },
      ],
      index,
    );
    expect(r?.reads.sort()).toEqual([1, 2]);
    expect(r?.code).toBe('rule_x');
  });

  it('ratio', () => {
    expect(ratio(3, 6)).toBe(0.5);
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(null, 6)).toBeNull();
  });
});

describe('conditions a column at a time', () => {
  // A small seeded generator: the same cases on every run.
  let seed = 12345;
  const rand = (m: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % m;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)] as T;
  const fields = ['status', 'sessions', 'participants', 'partners', 'successCase', 'nope'];
  const scalars: Scalar[] = ['done', 'stopped', 'A', '2026-04-01', 0, 1, 3, -2, 0.5, true, false, '0'];
  type Scalar = string | number | boolean;
  const leaf = (): Condition => {
    const field = pick(fields);
    switch (rand(5)) {
      case 0:
        return { field, op: pick(['blank', 'present'] as const) };
      case 1:
        return { field, op: pick(['in', 'notIn'] as const), values: [pick(scalars), pick(scalars)] };
      case 2:
        return { field, op: pick(['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const), otherField: pick(fields) };
      default:
        return { field, op: pick(['eq', 'ne', 'lt', 'le', 'gt', 'ge'] as const), value: pick(scalars) };
    }
  };
  const condition = (depth: number): Condition => {
    if (depth === 0 || rand(3) === 0) return leaf();
    const kind = rand(3);
    if (kind === 2) return { not: condition(depth - 1) };
    const parts = Array.from({ length: 1 + rand(3) }, () => condition(depth - 1));
    return kind === 0 ? { all: parts } : { any: parts };
  };
  // Values of every kind a column holds: blanks, empty and full lists, numbers, texts, booleans.
  const values: FieldValue[] = [null, [], ['youth'], ['other', 'done'], 0, 1, 3, -2, 0.5, 'done', 'stopped', 'A', '2026-05-01', true, false];
  /** A coded column of `n` values; a value may have several codes, as in validation's columns. */
  const column = (n: number): { col: CodedColumn; vals: FieldValue[] } => {
    const byCode: FieldValue[] = [null];
    const codes = new Uint16Array(n);
    const vals: FieldValue[] = [];
    for (let k = 0; k < n; k++) {
      const v = pick(values);
      let code = v === null ? 0 : byCode.lastIndexOf(v);
      if (code < 0 || rand(4) === 0) code = v === null ? 0 : byCode.push(v) - 1;
      codes[k] = code;
      vals.push(v);
    }
    return { col: { codeArray: () => codes, valuesByCode: () => byCode }, vals };
  };

  it('means what the row predicate means, on random conditions and columns', () => {
    const n = 300;
    const cols = [0, 1, 2, 3, 4].map(() => column(n));
    const rows = Array.from({ length: n }, (_, k) => cols.map((c) => c.vals[k] as FieldValue));
    let held = 0;
    for (let t = 0; t < 400; t++) {
      const cond = condition(3);
      const readsRow: number[] = [];
      const readsCol: number[] = [];
      const p = compileCondition(cond, index, readsRow);
      const out = new Uint8Array(n).fill(7);
      compileColumnCondition(cond, index, readsCol)(
        cols.map((c) => c.col),
        n,
        out,
        (m) => new Uint8Array(m).fill(9),
      );
      expect(readsCol).toEqual(readsRow);
      for (let k = 0; k < n; k++) {
        const want = p(rows[k] as FieldValue[]) ? 1 : 0;
        if (out[k] !== want) expect({ cond, row: rows[k], got: out[k] }).toEqual({ cond, row: rows[k], got: want });
        held += want;
      }
    }
    // Both answers occur often: the comparison is not between two constant results.
    expect(held).toBeGreaterThan(400 * n * 0.2);
    expect(held).toBeLessThan(400 * n * 0.8);
  });

  it('writes only the first n records', () => {
    const { col } = column(10);
    const out = new Uint8Array(12).fill(5);
    compileColumnCondition({ field: 'status', op: 'present' }, index, [])([col], 10, out, (m) => new Uint8Array(m));
    expect(Array.from(out.subarray(10))).toEqual([5, 5]);
    compileColumnCondition({ all: [{ field: 'nope', op: 'blank' }] }, index, [])([col], 10, out, (m) => new Uint8Array(m));
    expect(Array.from(out)).toEqual([...Array(10).fill(1), 5, 5]);
  });
});
