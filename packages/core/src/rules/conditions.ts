/**
 * Row rules (行のルール) evaluated as data: a plan's `Condition` trees are compiled once into
 * small closures over a row's normalised values. There is no `eval` and no expression language,
 * so a municipality changes its rules by editing its plan file.
 */
import type { Condition, DerivedField, RowRule } from '../plan/schema.js';
import type { FieldValue } from '../returns/types.js';

/** A compiled condition: reads the row's values by field index. */
type Predicate = (vals: readonly FieldValue[]) => boolean;

/** A row rule ready to run. */
export interface CompiledRule {
  rule: RowRule;
  code: string;
  /** Index of the field the issue is reported at (-1 when the template lacks it). */
  fieldIndex: number;
  when: Predicate | null;
  assert: Predicate;
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
 * Compiles a condition into a predicate. Semantics on blanks: `in` and comparisons are false when
 * either side is blank; `notIn` and `ne` are their negations, so a blank is "not in" any list.
 *
 * @example
 * ```ts
 * const p = compileCondition({ field: 'status', op: 'in', values: ['done'] }, new Map([['status', 0]]), []);
 * p(['done']); // true
 * ```
 */
export function compileCondition(cond: Condition, index: ReadonlyMap<string, number>, reads: number[]): Predicate {
  if ('all' in cond) {
    const parts = cond.all.map((c) => compileCondition(c, index, reads));
    return (vals) => {
      for (const p of parts) if (!p(vals)) return false;
      return true;
    };
  }
  if ('any' in cond) {
    const parts = cond.any.map((c) => compileCondition(c, index, reads));
    return (vals) => {
      for (const p of parts) if (p(vals)) return true;
      return false;
    };
  }
  if ('not' in cond) {
    const inner = compileCondition(cond.not, index, reads);
    return (vals) => !inner(vals);
  }
  const i = index.get(cond.field) ?? MISSING;
  if (i !== MISSING && !reads.includes(i)) reads.push(i);
  const get = (vals: readonly FieldValue[]): FieldValue | undefined => (i === MISSING ? null : vals[i]);
  switch (cond.op) {
    case 'blank':
      return (vals) => isBlank(get(vals));
    case 'present':
      return (vals) => !isBlank(get(vals));
    case 'in':
    case 'notIn': {
      const set = new Set<Scalar>(cond.values);
      return cond.op === 'in' ? (vals) => member(get(vals), set) : (vals) => !member(get(vals), set);
    }
    default: {
      const op = cond.op;
      let other: ((vals: readonly FieldValue[]) => FieldValue | Scalar | undefined) | null = null;
      if (cond.otherField !== undefined) {
        const j = index.get(cond.otherField) ?? MISSING;
        if (j !== MISSING && !reads.includes(j)) reads.push(j);
        other = (vals) => (j === MISSING ? null : vals[j]);
      }
      const fixed = cond.value;
      const rhs = other ?? (() => fixed);
      const test = (c: number | null): boolean => {
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
      };
      return (vals) => test(compare(get(vals), rhs(vals)));
    }
  }
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
    const when = rule.when === undefined ? null : compileCondition(rule.when, index, reads);
    const assert = compileCondition(rule.assert, index, reads);
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
