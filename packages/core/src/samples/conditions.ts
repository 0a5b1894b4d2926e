/**
 * Row conditions of the plan (docs/municipalities.md §4, "Row rules are data"), evaluated on sample rows so that the generator can
 * make good rows obey every row rule and bad rows break exactly one on purpose.
 *
 * This is a sampler's view of the rules, kept beside the generator: validation has its own
 * evaluator, and the tests check that the two agree on every generated row.
 */
import type { Condition, DerivedField, Field, Template } from '../plan/schema.js';
import type { FieldValue } from '../returns/types.js';

/** A normalised sample row: field key → value as validation would give it. */
export type SampleRow = Record<string, FieldValue | undefined>;

/** @internal */
export function isBlank(v: FieldValue | undefined): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function compare(a: FieldValue | undefined, b: unknown, op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'): boolean {
  if (isBlank(a) || b === null || b === undefined || b === '') return op === 'ne';
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case 'eq': return a === b;
      case 'ne': return a !== b;
      case 'lt': return a < b;
      case 'le': return a <= b;
      case 'gt': return a > b;
      case 'ge': return a >= b;
    }
  }
  const x = String(a);
  const y = String(b);
  switch (op) {
    case 'eq': return x === y;
    case 'ne': return x !== y;
    case 'lt': return x < y;
    case 'le': return x <= y;
    case 'gt': return x > y;
    case 'ge': return x >= y;
  }
}

/**
 * Whether a condition holds on a row. Comparisons with a blank side are false, except `ne`.
 *
 * @internal
 * @example
 * ```ts
 * holds({ field: 'status', op: 'in', values: ['done'] }, { status: 'done' }); // true
 * ```
 */
export function holds(c: Condition, row: SampleRow): boolean {
  if ('all' in c) return c.all.every((x) => holds(x, row));
  if ('any' in c) return c.any.some((x) => holds(x, row));
  if ('not' in c) return !holds(c.not, row);
  const v = row[c.field];
  switch (c.op) {
    case 'blank': return isBlank(v);
    case 'present': return !isBlank(v);
    case 'in':
    case 'notIn': {
      const inside = Array.isArray(v) ? v.some((x) => c.values.includes(x)) : !isBlank(v) && c.values.includes(v as string | number | boolean);
      return c.op === 'in' ? inside : !isBlank(v) && !inside;
    }
    default: {
      const other = c.otherField !== undefined ? row[c.otherField] : c.value;
      return compare(v, other, c.op);
    }
  }
}

/**
 * Fills the derived values (e.g. achievement rate 達成率 = actual / target) into the row.
 *
 * @internal
 * @example
 * ```ts
 * applyDerived(template.derived ?? [], row);
 * ```
 */
export function applyDerived(derived: readonly DerivedField[], row: SampleRow): void {
  for (const d of derived) {
    const n = row[d.numerator];
    const q = row[d.denominator];
    row[d.key] = typeof n === 'number' && typeof q === 'number' && q !== 0 ? n / q : null;
  }
}

/** What the generator needs to change a field: a fresh value, optionally avoiding some. */
export interface Sampler {
  /** A fresh non-blank value for the field, avoiding `exclude` when it can. */
  value(field: Field, row: SampleRow, exclude?: readonly unknown[]): FieldValue;
  /** A value of the field from `values` (codes, numbers), converted to the field's type. */
  oneOf(field: Field, values: readonly (string | number | boolean)[]): FieldValue;
  /** A factor in [lo, hi). */
  factor(lo: number, hi: number): number;
  template: Template;
}

function clamp(field: Field | undefined, n: number): number {
  if (field?.type !== 'integer' && field?.type !== 'number') return n;
  let x = n;
  if (field.min !== undefined && x < field.min) x = field.min;
  if (field.max !== undefined && x > field.max) x = field.max;
  return field.type === 'integer' ? Math.round(x) : x;
}

function fieldOf(s: Sampler, key: string): Field | undefined {
  return s.template.fields.find((f) => f.key === key);
}

/**
 * Changes the row so that the condition holds (best effort; the caller re-checks).
 *
 * @internal
 * @example
 * ```ts
 * repair({ field: 'outcomes', op: 'present' }, row, sampler);
 * ```
 */
export function repair(c: Condition, row: SampleRow, s: Sampler): void {
  if ('all' in c) {
    for (const x of c.all) if (!holds(x, row)) repair(x, row, s);
    return;
  }
  if ('any' in c) {
    if (!c.any.some((x) => holds(x, row))) {
      const first = c.any[0];
      if (first) repair(first, row, s);
    }
    return;
  }
  if ('not' in c) {
    violate(c.not, row, s);
    return;
  }
  setTo(c, row, s, true);
}

/**
 * Changes the row so that the condition fails (best effort; the caller re-checks).
 *
 * @internal
 * @example
 * ```ts
 * violate({ field: 'outcomes', op: 'present' }, row, sampler); // outcomes blank
 * ```
 */
export function violate(c: Condition, row: SampleRow, s: Sampler): void {
  if ('all' in c) {
    const first = c.all.find((x) => holds(x, row));
    if (first) violate(first, row, s);
    return;
  }
  if ('any' in c) {
    for (const x of c.any) if (holds(x, row)) violate(x, row, s);
    return;
  }
  if ('not' in c) {
    repair(c.not, row, s);
    return;
  }
  setTo(c, row, s, false);
}

function setTo(c: Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>, row: SampleRow, s: Sampler, make: boolean): void {
  const field = fieldOf(s, c.field);
  const derived = s.template.derived?.find((d) => d.key === c.field);
  if (c.op === 'blank' || c.op === 'present') {
    const wantBlank = (c.op === 'blank') === make;
    if (wantBlank) row[c.field] = null;
    else if (field) row[c.field] = s.value(field, row);
    return;
  }
  if (c.op === 'in' || c.op === 'notIn') {
    const wantIn = (c.op === 'in') === make;
    if (!field) return;
    row[c.field] = wantIn ? s.oneOf(field, c.values) : s.value(field, row, c.values);
    return;
  }
  const cmp = c as Extract<Condition, { otherField?: string | undefined }>;
  const other = cmp.otherField !== undefined ? row[cmp.otherField] : cmp.value;
  // Turn "make op hold" / "make op fail" into one of: equal, unequal, above, below.
  const effective = make ? cmp.op : ({ eq: 'ne', ne: 'eq', lt: 'ge', le: 'gt', gt: 'le', ge: 'lt' } as const)[cmp.op];
  if (derived) {
    // A derived ratio is steered through its numerator.
    const q = row[derived.denominator];
    if (typeof other !== 'number' || typeof q !== 'number' || q === 0) return;
    const target = effective === 'lt' || effective === 'le' ? other * s.factor(0.3, 0.95) : effective === 'ne' ? other * s.factor(1.1, 1.4) : other * s.factor(1, 1.3);
    const numField = fieldOf(s, derived.numerator);
    row[derived.numerator] = clamp(numField, Math.ceil(target * q * 100) / 100);
    return;
  }
  if (!field) return;
  if (typeof other === 'number') {
    let n: number;
    switch (effective) {
      case 'eq': n = other; break;
      case 'ne': n = other + 1 + Math.floor(s.factor(0, 5)); break;
      case 'gt':
      case 'ge': n = cmp.otherField !== undefined ? Math.max(other, other * s.factor(2, 20)) : other + (effective === 'gt' ? 1 : 0); break;
      case 'lt':
      case 'le': n = cmp.otherField !== undefined ? other * s.factor(0.2, 0.9) : other - (effective === 'lt' ? 1 : 0); break;
    }
    if (effective === 'gt' && n <= other) n = other + 1;
    if (effective === 'lt' && n >= other) n = other - 1;
    row[c.field] = clamp(field, n);
    return;
  }
  if (other === undefined || other === null) return;
  if (effective === 'eq') row[c.field] = s.oneOf(field, [other as string | number | boolean]);
  else if (effective === 'ne') row[c.field] = s.value(field, row, [other]);
}
