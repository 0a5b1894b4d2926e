import { describe, expect, it } from 'vitest';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { createRng, generateMeasureReturn, generateReturns } from './index.js';
import {
  getTemplate,
  requirePlan,
  SasaeaiError,
  type Plan,
  type RawCell,
  type SheetGrid,
  validateGrids,
} from '../index.js';

const plan = requirePlan(chibaPlan);
const template = getTemplate(plan, 'district-activity');
if (!template) throw new Error('the Chiba preset lost its district-activity template');
const col = (key: string) => template.fields.findIndex((f) => f.key === key);

function isBlankRow(row: readonly RawCell[]): boolean {
  return row.every((c) => c === null || c === undefined || c === '');
}

function dataRows(grids: SheetGrid[]): RawCell[][] {
  return grids.flatMap((g) => g.cells.slice(1).filter((r) => !isBlankRow(r)).map((r) => [...r]));
}

describe('createRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const rng = createRng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(1, 6));
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('generateReturns', () => {
  it('gives the same grids for the same seed and different grids for another seed', () => {
    const a = generateReturns(plan, { seed: 7, rows: 300, badShare: 0.1, rowsPerSheet: 30 });
    const b = generateReturns(plan, { seed: 7, rows: 300, badShare: 0.1, rowsPerSheet: 30 });
    const c = generateReturns(plan, { seed: 8, rows: 300, badShare: 0.1, rowsPerSheet: 30 });
    expect(b).toEqual(a);
    expect(c.grids).not.toEqual(a.grids);
  });

  it('writes a header row and rows as wide as the template, and counts what it wrote', () => {
    const { grids, expected } = generateReturns(plan, { seed: 1, rows: 2000, badShare: 0.1, blankRowShare: 0.01 });
    expect(grids).toHaveLength(1);
    const grid = grids[0] as SheetGrid;
    expect(grid.cells.every((r) => r.length === template.fields.length)).toBe(true);
    expect(grid.cells[0]?.every((h) => typeof h === 'string' && h.trim() !== '')).toBe(true);
    const blanks = grid.cells.slice(1).filter(isBlankRow).length;
    expect(blanks).toBe(expected.blankRows);
    expect(blanks).toBeGreaterThan(0);
    expect(grid.cells.length - 1 - blanks).toBe(expected.rows);
    expect(expected.rows).toBe(2000);
    expect(expected.badRows).toBe(200);
    expect(expected.bad).toHaveLength(200);
    expect(expected.asOf).toBe('2027-03-31');
  });

  it('lists each bad row once, on a data row of its grid', () => {
    const { grids, expected } = generateReturns(plan, { seed: 3, rows: 600, badShare: 0.25, rowsPerSheet: 40 });
    const seen = new Set<string>();
    for (const b of expected.bad) {
      const grid = grids.find((g) => g.source === b.source);
      expect(grid).toBeDefined();
      const row = grid?.cells[b.row - 1];
      expect(row && !isBlankRow(row)).toBe(true);
      expect(b.row).toBeGreaterThan(1);
      const id = `${b.source}#${b.row}`;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
      expect(template.fields.some((f) => f.key === b.field)).toBe(true);
      if (b.kind === 'rule_violation') expect(template.rules?.some((r) => r.id === b.rule && r.severity === 'error')).toBe(true);
    }
    expect(seen.size).toBe(150);
    expect(new Set(expected.bad.map((b) => b.kind)).size).toBeGreaterThanOrEqual(10);
  });

  it('makes every row bad with badShare 1 and none with 0', () => {
    expect(generateReturns(plan, { seed: 5, rows: 200, badShare: 1 }).expected.badRows).toBe(200);
    expect(generateReturns(plan, { seed: 5, rows: 200 }).expected.bad).toEqual([]);
  });

  it('mixes the forms staff type (docs/staff.md §3, "Fill it in")', () => {
    const { grids } = generateReturns(plan, { seed: 11, rows: 3000, rowsPerSheet: 20 });
    const rows = dataRows(grids);
    const column = (key: string) => rows.map((r) => r[col(key)]);
    const strings = (key: string) => column(key).filter((v): v is string => typeof v === 'string');
    const dates = column('reportDate');
    expect(dates.some((v) => typeof v === 'number')).toBe(true); // Excel serials
    expect(dates.some((v) => v instanceof Date)).toBe(true);
    expect(strings('reportDate').some((s) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(s))).toBe(true);
    expect(strings('reportDate').some((s) => /^令和\d+年\d+月\d+日$/.test(s))).toBe(true);
    expect(strings('reportDate').some((s) => /^R\d+\.\d+\.\d+$/.test(s))).toBe(true);
    expect(strings('fiscalYear').some((s) => s.startsWith('令和'))).toBe(true);
    const counts = [...strings('sessions'), ...strings('participants')];
    expect(counts.some((s) => /[０-９]/.test(s))).toBe(true);
    expect(counts.some((s) => /^[\d,]+$/.test(s) && s.includes(','))).toBe(true);
    expect(counts.some((s) => /\d(人|名|回)$/.test(s))).toBe(true);
    expect(strings('status')).toContain('実施済');
    expect(strings('status')).toContain('実施済み');
    expect(strings('status').some((s) => /^[a-z ]+$/i.test(s))).toBe(true); // English labels
    expect(strings('partners').some((s) => s.includes('、'))).toBe(true);
    expect(strings('partners').some((s) => s.includes('・') && !s.includes('、'))).toBe(true);
    expect(rows.flat().some((v) => typeof v === 'string' && /^[ \u3000]|[ \u3000]$/.test(v))).toBe(true);
    const headers = grids.flatMap((g) => g.cells[0] ?? []);
    expect(headers.some((h) => typeof h === 'string' && h.includes('\n'))).toBe(true);
    expect(headers).toContain('Sessions');
  });

  it('keeps good rows consistent: participants not below sessions, outcomes when done', () => {
    const { grids } = generateReturns(plan, { seed: 13, rows: 1000 });
    const num = (v: RawCell) => (typeof v === 'number' ? v : typeof v === 'string' ? Number(v.normalize('NFKC').replace(/[,人名回\s]/g, '')) : NaN);
    for (const r of dataRows(grids)) {
      const s = num(r[col('sessions')] ?? null);
      const p = num(r[col('participants')] ?? null);
      if (Number.isFinite(s) && Number.isFinite(p) && r[col('participants')] !== null && r[col('participants')] !== '') {
        expect(p).toBeGreaterThanOrEqual(s);
      }
      const status = String(r[col('status')] ?? '').trim();
      if (status === '実施済み' || status === '実施済') expect(String(r[col('outcomes')] ?? '').trim()).not.toBe('');
    }
  });

  it('stays inside the units asked for', () => {
    const { grids } = generateReturns(plan, { seed: 2, rows: 300, wards: ['12101'] });
    const ward = plan.units.find((u) => u.code === '12101');
    const forms = new Set([ward?.code, ward?.name.ja, ward?.name.en, ...(ward?.aliases ?? [])]);
    for (const r of dataRows(grids)) expect(forms.has(String(r[col('ward')]).trim())).toBe(true);
  });

  it('reads everything from the plan: renamed units and initiatives appear, the old names do not', () => {
    const renamed = structuredClone(plan) as Plan;
    for (const u of renamed.units) {
      u.name = { ja: `${u.name.ja}テスト`, en: `${u.name.en} test` };
      u.aliases = [];
    }
    for (const i of renamed.initiatives) {
      i.name = { ja: `取組${i.code}`, en: `Initiative ${i.code}` };
      i.aliases = [];
    }
    const { grids } = generateReturns(renamed, { seed: 4, rows: 200 });
    const districts = dataRows(grids).map((r) => String(r[col('district')]).trim());
    expect(districts.every((d) => /テスト$| test$|^\d{5}-\d{2}$/.test(d))).toBe(true);
    const initiatives = dataRows(grids).map((r) => String(r[col('initiative')]).trim());
    expect(initiatives.every((i) => /^(取組C\d\d|Initiative C\d\d|C\d\d)$/.test(i))).toBe(true);
  });

  it('refuses more rows than can be unique, as a programmer error', () => {
    expect(() => generateReturns(plan, { seed: 1, rows: 3000, rowsPerSheet: 3000, wards: ['12101-01'] })).toThrow(SasaeaiError);
    expect(() => generateReturns(plan, { seed: 1, rows: 10, badShare: 2 })).toThrow(SasaeaiError);
    expect(() => generateReturns(plan, { seed: 1, rows: 10, templateId: 'nope' })).toThrow(SasaeaiError);
  });
});

describe('generateMeasureReturn', () => {
  it('reports every measure of the plan, deterministically', () => {
    const a = generateMeasureReturn(plan, { seed: 9 });
    expect(generateMeasureReturn(plan, { seed: 9 })).toEqual(a);
    const measure = getTemplate(plan, 'city-measure');
    const mcol = measure?.fields.findIndex((f) => f.key === 'measure') ?? -1;
    const codes = new Set(dataRows(a.grids).map((r) => String(r[mcol]).normalize('NFKC').trim()));
    expect([...codes].sort()).toEqual(plan.measures.map((m) => m.code).sort());
    expect(a.expected.rows).toBeGreaterThanOrEqual(plan.measures.length);
  });
});

describe('generated returns under validation', () => {
  const cases = [
    { name: 'one table', opts: { seed: 21, rows: 1500, badShare: 0.1 } },
    { name: 'returns of 30 rows', opts: { seed: 22, rows: 1500, badShare: 0.1, rowsPerSheet: 30 } },
    { name: 'all bad', opts: { seed: 23, rows: 600, badShare: 1, rowsPerSheet: 50 } },
  ];
  it.each(cases)('flags exactly the bad rows, and nothing on good rows ($name)', ({ opts }) => {
    const { grids, expected } = generateReturns(plan, opts);
    const result = validateGrids(grids, { plan, today: expected.asOf });
    expect(result.summary.rowsRead).toBe(expected.rows);
    expect(result.summary.blankRows).toBe(expected.blankRows);
    const bad = new Set(expected.bad.map((b) => `${b.source}#${b.row}`));
    const withErrors = new Set<string>();
    const goodRowIssues: string[] = [];
    for (const r of result.results) {
      expect(r.templateId).toBe('district-activity');
      for (const i of r.issues) {
        const at = `${r.source}#${i.row}`;
        if (i.severity === 'error') withErrors.add(at);
        if (!bad.has(at)) goodRowIssues.push(`${at} ${i.code} ${i.field ?? ''} ${JSON.stringify(i.value)}`);
      }
    }
    expect(goodRowIssues).toEqual([]);
    expect([...withErrors].sort()).toEqual([...bad].sort());
    expect(result.summary.rowsWithErrors).toBe(expected.badRows);
  });

  it('gives a measure return that validates clean', () => {
    const { grids, expected } = generateMeasureReturn(plan, { seed: 24 });
    const result = validateGrids(grids, { plan, today: expected.asOf });
    expect(result.results[0]?.templateId).toBe('city-measure');
    expect(result.issues).toEqual([]);
    expect(result.summary.rowsRead).toBe(expected.rows);
  });

  it('gives a measure return whose bad rows are the flagged ones', () => {
    const { grids, expected } = generateMeasureReturn(plan, { seed: 25, badShare: 0.5 });
    const result = validateGrids(grids, { plan, today: expected.asOf });
    const flagged = new Set(result.issues.filter((i) => i.severity === 'error').map((i) => i.row));
    expect([...flagged].sort()).toEqual(expected.bad.map((b) => b.row).sort());
  });
});
