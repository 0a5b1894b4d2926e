/**
 * Row rules (行のルール) evaluated as data: a plan's `Condition` trees are compiled once into
 * small closures over the normalised values, of one row or (for validation) of whole columns.
 * There is no `eval` and no expression language, so a municipality changes its rules by editing
 * its plan file.
 */
import type { Condition, DerivedField, RowRule } from '../plan/schema.js';
import type { FieldValue } from '../returns/types.js';

/** A compiled condition: reads the row's values by field index. */
type Predicate = (vals: readonly FieldValue[]) => boolean;

/**
 * One field's values as validation keeps them: a code per record, and the value of each code
 * (validation's `ValueColumn`).
 */
export interface CodedColumn {
  /** Each record's code. */
  codeArray(): ArrayLike<number>;
  /** The value of each code. */
  valuesByCode(): readonly FieldValue[];
}

/**
 * A condition compiled to run a column at a time: writes 1 into `out[k]` for each of the first
 * `n` records (of the columns `cols`, by field index) that meets it, else 0. `temp(m)` lends a
 * working array of `m` elements (its values are not relied on).
 */
export type ColumnTest = (cols: readonly CodedColumn[], n: number, out: Uint8Array, temp: (m: number) => Uint8Array) => void;

/** A row rule ready to run, a column at a time. */
export interface CompiledRule {
  rule: RowRule;
  /** The code of its issues: `rule_<id>`. */
  code: `rule_${string}`;
  /** Index of the field the issue is reported at (-1 when the template lacks it). */
  fieldIndex: number;
  when: ColumnTest | null;
  assert: ColumnTest;
  /** Indexes of every field the rule reads; the rule is skipped when one of them failed. */
  reads: number[];
}

/** A derived field ready to compute. */
export interface CompiledDerived {
  index: number;
  numerator: number;
  denominator: number;
}

type Scalar = string | number | boolean;

function isBlank(v: FieldValue | undefined): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

// Comparisons across types are false rather than coerced: "3" is not 3 and "done" is not true.
function compare(a: FieldValue | undefined, b: FieldValue | Scalar | undefined): number | null {
  if (isBlank(a) || b === null || b === undefined) return null;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : null;
  return null;
}

function member(v: FieldValue | undefined, set: ReadonlySet<Scalar>): boolean {
  if (isBlank(v)) return false;
  if (Array.isArray(v)) return v.some((x) => set.has(x));
  return set.has(v as Scalar);
}

/** Where a field key is not known to the template, the rule reads a blank. */
const MISSING = -1;

/**
 * A condition as a tree whose leaves test the value of one field, or of two (a comparison with
 * another field). The row predicate and the column test are both made from it, so that the two
 * cannot mean different things.
 */
type Node =
  | { k: 'all' | 'any'; parts: Node[] }
  | { k: 'not'; inner: Node }
  | { k: 'one'; field: number; test: (v: FieldValue | undefined) => boolean }
  | { k: 'two'; field: number; other: number; test: (a: FieldValue | undefined, b: FieldValue | undefined) => boolean };

/** Whether comparison result `c` (null: not comparable) meets `op`. Blank is only ever `ne`. */
function meets(op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge', c: number | null): boolean {
  if (c === null) return op === 'ne';
  switch (op) {
    case 'eq':
      return c === 0;
    case 'ne':
      return c !== 0;
    case 'lt':
      return c < 0;
    case 'le':
      return c <= 0;
    case 'gt':
      return c > 0;
    case 'ge':
      return c >= 0;
  }
}

/** The tree of `cond`; adds the index of each field it reads to `reads`. */
function tree(cond: Condition, index: ReadonlyMap<string, number>, reads: number[]): Node {
  if ('all' in cond) return { k: 'all', parts: cond.all.map((c) => tree(c, index, reads)) };
  if ('any' in cond) return { k: 'any', parts: cond.any.map((c) => tree(c, index, reads)) };
  if ('not' in cond) return { k: 'not', inner: tree(cond.not, index, reads) };
  const field = index.get(cond.field) ?? MISSING;
  if (field !== MISSING && !reads.includes(field)) reads.push(field);
  switch (cond.op) {
    case 'blank':
      return { k: 'one', field, test: isBlank };
    case 'present':
      return { k: 'one', field, test: (v) => !isBlank(v) };
    case 'in':
    case 'notIn': {
      const set = new Set<Scalar>(cond.values);
      return { k: 'one', field, test: cond.op === 'in' ? (v) => member(v, set) : (v) => !member(v, set) };
    }
    default: {
      const op = cond.op;
      if (cond.otherField !== undefined) {
        const other = index.get(cond.otherField) ?? MISSING;
        if (other !== MISSING && !reads.includes(other)) reads.push(other);
        return { k: 'two', field, other, test: (a, b) => meets(op, compare(a, b)) };
      }
      const fixed = cond.value;
      return { k: 'one', field, test: (v) => meets(op, compare(v, fixed)) };
    }
  }
}

/** The predicate of a tree, over one row's values. */
function rowPredicate(node: Node): Predicate {
  switch (node.k) {
    case 'all': {
      const parts = node.parts.map(rowPredicate);
      return (vals) => {
        for (const p of parts) if (!p(vals)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = node.parts.map(rowPredicate);
      return (vals) => {
        for (const p of parts) if (p(vals)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = rowPredicate(node.inner);
      return (vals) => !inner(vals);
    }
    case 'one': {
      const { field, test } = node;
      return (vals) => test(field === MISSING ? null : vals[field]);
    }
    case 'two': {
      const { field, other, test } = node;
      return (vals) => test(field === MISSING ? null : vals[field], other === MISSING ? null : vals[other]);
    }
  }
}

/**
 * The column test of a tree. Speed: a leaf on one field tests each distinct value of the column
 * once and then looks each record's answer up by its code; the row rules of 100k records were a
 * seventh of validating them as closures called per record (eight rules, twenty calls a record).
 */
function columnTest(node: Node): ColumnTest {
  switch (node.k) {
    case 'all':
    case 'any': {
      const parts = node.parts.map(columnTest);
      const all = node.k === 'all';
      return (cols, n, out, temp) => {
        if (parts.length === 0) {
          out.fill(all ? 1 : 0, 0, n);
          return;
        }
        (parts[0] as ColumnTest)(cols, n, out, temp);
        for (let p = 1; p < parts.length; p++) {
          const more = temp(n);
          (parts[p] as ColumnTest)(cols, n, more, temp);
          if (all) andInto(out, more, n);
          else orInto(out, more, n);
        }
      };
    }
    case 'not': {
      const inner = columnTest(node.inner);
      return (cols, n, out, temp) => {
        inner(cols, n, out, temp);
        invert(out, n);
      };
    }
    case 'one': {
      const { field, test } = node;
      return (cols, n, out, temp) => {
        const col = field === MISSING ? undefined : cols[field];
        if (col === undefined) {
          out.fill(test(null) ? 1 : 0, 0, n);
          return;
        }
        const values = col.valuesByCode();
        const answer = temp(values.length);
        answerEach(values, test, answer);
        lookUp(col.codeArray(), answer, n, out);
      };
    }
    case 'two': {
      const { field, other, test } = node;
      return (cols, n, out) => {
        const a = field === MISSING ? undefined : cols[field];
        const b = other === MISSING ? undefined : cols[other];
        testPairs(a, b, test, n, out);
      };
    }
  }
}

// The loops of the column tests, each its own small function shared by every condition: see
// validate.ts, fireWhereNotHeld.

/** `out[k] = answer[codes[k]]` for the first `n` records. */
function lookUp(codes: ArrayLike<number>, answer: Uint8Array, n: number, out: Uint8Array): void {
  for (let k = 0; k < n; k++) out[k] = answer[codes[k] as number] as number;
}

/** `out[k] = test(a's value, b's value)` for the first `n` records (an absent column: blank). */
function testPairs(a: CodedColumn | undefined, b: CodedColumn | undefined, test: (x: FieldValue | undefined, y: FieldValue | undefined) => boolean, n: number, out: Uint8Array): void {
  const aCodes = a?.codeArray();
  const bCodes = b?.codeArray();
  const aValues = a?.valuesByCode();
  const bValues = b?.valuesByCode();
  for (let k = 0; k < n; k++) {
    const x = aCodes === undefined || aValues === undefined ? null : aValues[aCodes[k] as number];
    const y = bCodes === undefined || bValues === undefined ? null : bValues[bCodes[k] as number];
    out[k] = test(x, y) ? 1 : 0;
  }
}

/** `answer[c] = test(values[c])` for every code. */
function answerEach(values: readonly FieldValue[], test: (v: FieldValue | undefined) => boolean, answer: Uint8Array): void {
  for (let c = 0; c < values.length; c++) answer[c] = test(values[c]) ? 1 : 0;
}

function andInto(out: Uint8Array, more: Uint8Array, n: number): void {
  for (let k = 0; k < n; k++) out[k] = (out[k] as number) & (more[k] as number);
}

/** `out[k] |= more[k]` for the first `n` records; validation marks its failed records with it too. */
export function orInto(out: Uint8Array, more: Uint8Array, n: number): void {
  for (let k = 0; k < n; k++) out[k] = (out[k] as number) | (more[k] as number);
}

function invert(out: Uint8Array, n: number): void {
  for (let k = 0; k < n; k++) out[k] = (out[k] as number) ^ 1;
}

/**
 * Compiles a condition to run a column at a time: {@link compileCondition}'s meaning, over every
 * record at once.
 *
 * @example
 * ```ts
 * const t = compileColumnCondition({ field: 'status', op: 'in', values: ['done'] }, new Map([['status', 0]]), []);
 * t([statusColumn], n, out, (m) => new Uint8Array(m)); // out[k] === 1 where status is done
 * ```
 */
export function compileColumnCondition(cond: Condition, index: ReadonlyMap<string, number>, reads: number[]): ColumnTest {
  return columnTest(tree(cond, index, reads));
}

/**
 * Compiles a condition into a predicate over one row's values (validation runs the same tree a
 * column at a time: {@link compileColumnCondition}). Semantics on blanks: `in` and comparisons are false when
 * either side is blank; `notIn` and `ne` are their negations, so a blank is "not in" any list.
 *
 * @example
 * ```ts
 * const p = compileCondition({ field: 'status', op: 'in', values: ['done'] }, new Map([['status', 0]]), []);
 * p(['done']); // true
 * ```
 */
export function compileCondition(cond: Condition, index: ReadonlyMap<string, number>, reads: number[]): Predicate {
  return rowPredicate(tree(cond, index, reads));
}

/**
 * Compiles the row rules of a template against its field index (fields, then derived fields).
 *
 * @example
 * ```ts
 * const rules = compileRules(template.rules ?? [], fieldIndex);
 * ```
 */
export function compileRules(rules: readonly RowRule[], index: ReadonlyMap<string, number>): CompiledRule[] {
  return rules.map((rule) => {
    const reads: number[] = [];
    const when = rule.when === undefined ? null : compileColumnCondition(rule.when, index, reads);
    const assert = compileColumnCondition(rule.assert, index, reads);
    return { rule, code: `rule_${rule.id}`, fieldIndex: index.get(rule.field) ?? -1, when, assert, reads };
  });
}

/**
 * Compiles derived fields (the achievement rate 達成率 = actual / target).
 *
 * @example
 * ```ts
 * compileDerived(template.derived ?? [], fieldIndex);
 * ```
 */
export function compileDerived(derived: readonly DerivedField[], index: ReadonlyMap<string, number>): CompiledDerived[] {
  return derived.map((d) => ({
    index: index.get(d.key) ?? -1,
    numerator: index.get(d.numerator) ?? -1,
    denominator: index.get(d.denominator) ?? -1,
  }));
}

/** A ratio, or null when either side is missing or the denominator is 0. */
export function ratio(n: FieldValue | undefined, d: FieldValue | undefined): number | null {
  if (typeof n !== 'number' || typeof d !== 'number' || d === 0) return null;
  const r = n / d;
  return Number.isFinite(r) ? r : null;
}
