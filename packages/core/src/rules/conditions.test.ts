import { describe, expect, it } from 'vitest';
import type { Condition, FieldValue } from '../index.js';
import { compileCondition, compileRules, ratio } from './conditions.js';

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
