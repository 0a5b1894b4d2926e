import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { getTemplate, requirePlan, validateGrid, type SheetGrid } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { recordAsStrings, recordJsonSchema, tableSchema } from './schemas.js';

const plan = requirePlan(chibaPlan);
const template = getTemplate(plan, 'district-activity');
if (!template) throw new Error('no district-activity template');

// The peers must check the same thing: clean records pass, broken ones fail.
describe("the peers' schemas", () => {
  const gen = generateReturns(plan, { seed: 1, rows: 300 });
  const records = validateGrid(gen.grids[0] as SheetGrid, { plan, today: gen.expected.asOf }).records.map((r) => r.values);
  const ajv = new Ajv({ allErrors: true, $data: true, strict: false });
  const withRules = ajv.compile(recordJsonSchema(plan, template));

  it('accepts every clean record Sasaeai produced', () => {
    expect(records.filter((r) => !withRules(r))).toEqual([]);
  });

  it('rejects a negative count, an unknown district and a broken row rule', () => {
    const done = records.find((r) => r.status === 'done') ?? {};
    expect(withRules({ ...done, sessions: -1 })).toBe(false);
    expect(withRules({ ...done, district: '99999-99' })).toBe(false);
    expect(withRules({ ...done, outcomes: null })).toBe(false); // outcomes required when done
    expect(withRules({ ...done, sessions: 10, participants: 3 })).toBe(false); // participants ≥ sessions
  });

  it('gives tableschema one column per field, in template order', () => {
    const ts = tableSchema(plan, template) as { fields: { name: string }[] };
    expect(ts.fields.map((f) => f.name)).toEqual(template.fields.map((f) => f.key));
    expect(recordAsStrings(template, records[0] ?? {})).toHaveLength(template.fields.length);
  });
});
