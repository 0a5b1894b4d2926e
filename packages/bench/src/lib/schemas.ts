/**
 * The peers' view of a template: a JSON Schema for Ajv and a Table Schema for Frictionless
 * `tableschema`, both derived from the plan so that they check the same fields, types, ranges,
 * vocabularies and — where the format can say it — the same row rules.
 */
import type { Condition, Plan, ReturnRecord, Template } from '@sasaeai/core';

type Json = Record<string, unknown>;

function base(plan: Plan, t: Template, key: string): Json {
  const f = t.fields.find((x) => x.key === key);
  if (!f) throw new Error(`no field ${key}`);
  const term = plan.terms.find((x) => x.number === plan.currentTerm);
  switch (f.type) {
    case 'fiscalYear':
      return { type: 'integer', minimum: term?.startFiscalYear ?? 1900, maximum: term?.endFiscalYear ?? 2200 };
    case 'unit':
      return { type: 'string', enum: plan.units.filter((u) => u.level === f.level).map((u) => u.code) };
    case 'date':
      return { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'initiative':
      return { type: 'string', enum: plan.initiatives.map((i) => i.code) };
    case 'measure':
      return { type: 'string', enum: plan.measures.map((m) => m.code) };
    case 'enum':
      return { type: 'string', enum: plan.vocabularies[f.vocabulary ?? '']?.options.map((o) => o.code) ?? [] };
    case 'multiEnum':
      return { type: 'array', uniqueItems: true, items: { enum: plan.vocabularies[f.vocabulary ?? '']?.options.map((o) => o.code) ?? [] } };
    case 'integer':
    case 'number':
      return { type: f.type, ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}) };
    case 'text':
      return { type: 'string', ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}) };
    case 'boolean':
      return { type: 'boolean' };
  }
}

const NUM_OP = { lt: 'exclusiveMaximum', le: 'maximum', gt: 'exclusiveMinimum', ge: 'minimum' } as const;

/** A row condition as JSON Schema; null when the format cannot say it (derived fields). */
function cond(t: Template, c: Condition): Json | null {
  if ('all' in c) {
    const xs = c.all.map((x) => cond(t, x));
    return xs.includes(null) ? null : { allOf: xs };
  }
  if ('any' in c) {
    const xs = c.any.map((x) => cond(t, x));
    return xs.includes(null) ? null : { anyOf: xs };
  }
  if ('not' in c) {
    const x = cond(t, c.not);
    return x === null ? null : { not: x };
  }
  if (!t.fields.some((f) => f.key === c.field)) return null;
  const p = (s: Json): Json => ({ required: [c.field], properties: { [c.field]: s } });
  switch (c.op) {
    case 'present':
      return p({ not: { type: 'null' } });
    case 'blank':
      return { properties: { [c.field]: { type: 'null' } } };
    case 'in':
      return p({ enum: c.values });
    case 'notIn':
      return p({ not: { anyOf: [{ type: 'null' }, { enum: c.values }] } });
    case 'eq':
      return c.otherField !== undefined ? p({ const: { $data: `1/${c.otherField}` } }) : p({ const: c.value });
    case 'ne':
      return c.otherField !== undefined ? { properties: { [c.field]: { not: { const: { $data: `1/${c.otherField}` } } } } } : { properties: { [c.field]: { not: { const: c.value } } } };
    default: {
      const kw = NUM_OP[c.op];
      return p({ type: 'number', [kw]: c.otherField !== undefined ? { $data: `1/${c.otherField}` } : c.value });
    }
  }
}

/**
 * JSON Schema of a template's records: every field typed and constrained, required fields
 * non-null, and each row rule as `if`/`then` (Ajv `$data` for field-to-field comparisons).
 */
export function recordJsonSchema(plan: Plan, t: Template): Json {
  const properties: Json = {};
  for (const f of t.fields) {
    const b = base(plan, t, f.key);
    properties[f.key] = f.required === true ? b : { anyOf: [{ type: 'null' }, b] };
  }
  const rules: Json[] = [];
  for (const r of t.rules ?? []) {
    const a = cond(t, r.assert);
    const w = r.when ? cond(t, r.when) : undefined;
    if (a === null || w === null) continue;
    rules.push(w === undefined ? a : { if: w, then: a });
  }
  return {
    type: 'object',
    properties,
    required: t.fields.filter((f) => f.required === true).map((f) => f.key),
    allOf: rules,
  };
}

/** Frictionless Table Schema of the same fields: types and per-field constraints (no row rules). */
export function tableSchema(plan: Plan, t: Template): Json {
  return {
    fields: t.fields.map((f) => {
      const b = base(plan, t, f.key) as { type?: string; enum?: unknown[]; minimum?: number; maximum?: number; maxLength?: number };
      const constraints: Json = {};
      if (f.required === true) constraints.required = true;
      let type = 'string';
      if (f.type === 'fiscalYear' || f.type === 'integer') type = 'integer';
      else if (f.type === 'number') type = 'number';
      else if (f.type === 'date') type = 'date';
      else if (f.type === 'boolean') type = 'boolean';
      if (b.minimum !== undefined) constraints.minimum = b.minimum;
      if (b.maximum !== undefined) constraints.maximum = b.maximum;
      if (b.maxLength !== undefined) constraints.maxLength = b.maxLength;
      if (b.enum !== undefined && type === 'string') constraints.enum = b.enum;
      return { name: f.key, type, constraints };
    }),
  };
}

/** A record as the strings a CSV export of the normalised table would hold. */
export function recordAsStrings(t: Template, r: ReturnRecord): string[] {
  return t.fields.map((f) => {
    const v = r[f.key];
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.join(',');
    return String(v);
  });
}
