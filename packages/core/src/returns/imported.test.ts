import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { generateReturns } from '../samples/generate.js';
import { requirePlan, type Plan } from '../index.js';
import { importDecision, importedSheetName, returnSender } from './imported.js';
import { validateGrid, type ValidationResult } from './validate.js';
import type { SheetGrid } from './types.js';

const chiba = requirePlan(chibaPlan);
// A designated city: ward councils report to one city committee (another shape than Chiba's chain).
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));

/** One return per sending unit, validated, named like a file. */
function returnsOf(plan: Plan, n: number): { grid: SheetGrid; result: ValidationResult }[] {
  const g = generateReturns(plan, { seed: 7, rows: n * 3, rowsPerSheet: 3 });
  return g.grids.map((grid, i) => {
    const withSource = { ...grid, source: `file-${i}.xlsx` };
    return { grid: withSource, result: validateGrid(withSource, { plan, today: g.expected.asOf }) };
  });
}

function unitOf(plan: Plan, r: ValidationResult): string {
  const t = plan.templates.find((x) => x.id === r.templateId)!;
  return r.records[0]!.values[t.unitField] as string;
}

describe.each([
  ['chiba', chiba],
  ['designated city', city],
])('returns taken in (%s plan)', (_name, plan) => {
  it('names the sheet after the sending unit the rows name, in both languages', () => {
    const result = returnsOf(plan, 1)[0]!.result;
    const code = unitOf(plan, result);
    const unit = plan.units.find((u) => u.code === code)!;
    const s = returnSender(plan, result)!;
    expect(s.units).toEqual([code]);
    expect(s.sheetLabel).toEqual({ ja: unit.name.ja.slice(0, 31), en: unit.name.en.slice(0, 31) });
    expect(s.name.ja).toContain(unit.name.ja);
    expect(importedSheetName(plan, result, 'en')).toBe(s.sheetLabel.en);
  });

  it('keeps the file\'s sheet name when no row names a unit', () => {
    const result = returnsOf(plan, 1)[0]!.result;
    const empty: ValidationResult = { ...result, records: [] };
    expect(returnSender(plan, empty)).toBeNull();
    expect(importedSheetName(plan, empty, 'ja')).toBe(result.sheet.slice(0, 31));
  });

  it('a later version of the same rows replaces the earlier one; an earlier one is not taken in', () => {
    const [a, b] = returnsOf(plan, 2) as [{ result: ValidationResult }, { result: ValidationResult }, ...unknown[]];
    const corrected: ValidationResult = { ...a.result, source: 'corrected.xlsx' };
    const existing = [
      { result: a.result, savedAt: '2026-06-01T00:00:00Z' },
      { result: b.result, savedAt: '2026-06-01T00:00:00Z' },
    ];
    expect(importDecision(plan, existing, { result: corrected, savedAt: '2026-06-03T00:00:00Z' })).toEqual({ kind: 'take', replaces: [0], partlyOverlaps: [], rowsOlder: 0 });
    expect(importDecision(plan, existing, { result: corrected, savedAt: '2026-05-01T00:00:00Z' })).toEqual({ kind: 'older', newer: 0 });
    // Another unit's return is new beside both.
    const c = returnsOf(plan, 3)[2];
    expect(importDecision(plan, existing, { result: c!.result })).toEqual({ kind: 'take', replaces: [], partlyOverlaps: [], rowsOlder: 0 });
  });

  it('the same file taken in again replaces its copy, whatever its time', () => {
    const a = returnsOf(plan, 1)[0]!;
    expect(importDecision(plan, [{ result: a.result, savedAt: '2026-06-03T00:00:00Z' }], { result: a.result })).toEqual({ kind: 'take', replaces: [0], partlyOverlaps: [], rowsOlder: 0 });
  });

  it('a newer version holding only some of the rows leaves the earlier return in, with its own rows', () => {
    const a = returnsOf(plan, 1)[0]!;
    const partial: ValidationResult = { ...a.result, source: 'part.xlsx', records: a.result.records.slice(0, 1) };
    expect(importDecision(plan, [{ result: a.result, savedAt: '2026-06-01T00:00:00Z' }], { result: partial, savedAt: '2026-06-02T00:00:00Z' })).toEqual({
      kind: 'take',
      replaces: [],
      partlyOverlaps: [0],
      rowsOlder: 0,
    });
  });
});
