/**
 * The speed tricks of validation give the answers of the plain code they replace.
 */
import { describe, expect, it } from 'vitest';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { generateReturns } from '../../samples/index.js';
import { detectTemplate, getTemplate, requirePlan, validateGrid } from '../../index.js';
import type { Template } from '../../plan/schema.js';
import { compileTemplate, type CompiledField } from '../compile.js';
import { looseNumber, looseNumberLongWay, mayNameTotal, shortLooseNumber } from '../layout.js';
import { labelKey } from '../lookup.js';
import { baseRow, grid, HEADER, KEYS, plan, rowCells, today } from '../test-fixtures.js';
import { Outcomes } from './outcomes.js';
import { ValueColumn } from './records.js';
import { Run } from './run.js';
import { TextTable } from './text-table.js';
import { IntTable } from './unique.js';
import { PARSE, PLAIN_FIRST, triage } from './triage.js';

describe('the character scan before the totals-word test', () => {
  it('clears no character whose label key holds t, s or 計', () => {
    const missed: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (!mayNameTotal(ch) && /[ts計]/.test(labelKey(ch))) missed.push(c.toString(16));
    }
    expect(missed).toEqual([]);
  });

  it('lets through what may name a totals row, and clears ordinary Japanese cells', () => {
    for (const t of ['合計', '寒川 小計', 'Total', 'ＴＯＴＡＬ', 'sum', '【計】', '㈱計']) expect(mayNameTotal(t)).toBe(true);
    for (const t of ['中央区', '見守り・声かけ活動', '令和8年度', 'R8.5.1', '実施済み']) expect(mayNameTotal(t)).toBe(false);
  });

  it('still leaves out a totals row among plain rows', () => {
    const row = (over: Record<string, unknown>) => KEYS.map((k) => (k in over ? over[k] : baseRow()[k])) as never[];
    const cells = [
      [...HEADER],
      row({ initiative: 'C01', sessions: 3, participants: 30 }),
      row({ initiative: 'C02', sessions: 4, participants: 40 }),
      row({ fiscalYear: null, ward: null, district: '寒川 合計', reportDate: null, initiative: null, status: null, sessions: 7, participants: 70, partners: null, rating: null, outcomes: null, nextSteps: null }),
    ];
    const r = validateGrid({ sheet: 'S', cells }, { plan, today });
    expect(r.leftOut).toEqual([4]);
    expect(r.records).toHaveLength(2);
  });
});

describe('records built on first read', () => {
  it('are the same objects on every read, with counts that include table checks', () => {
    const row = (over: Record<string, unknown>) => KEYS.map((k) => (k in over ? over[k] : baseRow()[k])) as never[];
    const cells = [[...HEADER], row({ initiative: 'C01' }), row({ initiative: 'C01' }), row({ fiscalYear: 2025, initiative: 'C02' })];
    const r = validateGrid({ sheet: 'S', source: 'a.xlsx', cells }, { plan, today });
    expect(r.records).toBe(r.records);
    expect(r.records.map((x) => [x.ref, x.errors])).toEqual([
      [{ source: 'a.xlsx', sheet: 'S', row: 2 }, 0],
      [{ source: 'a.xlsx', sheet: 'S', row: 3 }, 1],
      [{ source: 'a.xlsx', sheet: 'S', row: 4 }, 1],
    ]);
    expect(r.summary.rowsWithErrors).toBe(2);
    expect(JSON.parse(JSON.stringify(r)).records).toEqual(r.records);
    r.records = [];
    expect(r.records).toEqual([]);
  });
});

describe('the text tables the cells are looked up in', () => {
  const odd = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '2', '02', '-0', '1e3', '4294967295', ' ', ''];

  it('take every text as a key of its own, with no prototype behind them', () => {
    const t = new TextTable<number>();
    for (const x of odd) expect(t.get(x)).toBeUndefined();
    odd.forEach((x, i) => t.set(x, i));
    odd.forEach((x, i) => t.set(x, i));
    expect(t.size).toBe(odd.length);
    for (const [i, x] of odd.entries()) expect(t.get(x)).toBe(i);
    expect(t.get('0')).toBeUndefined();
    // A text made afresh finds the entry of an equal text.
    expect(t.get(['con', 'structor'].join(''))).toBe(1);
  });

  it('read texts that are also property names as a fresh plan reads them, warm or cold', () => {
    const warm = requirePlan(chibaPlan);
    const cells = [[...HEADER], ...odd.map((x, k) => rowCells({ district: x, partners: x, outcomes: x, status: k % 2 === 0 ? x : 'done', sessions: x }))];
    const first = validateGrid({ sheet: 'S', cells }, { plan: warm, today });
    const again = validateGrid({ sheet: 'S', cells: cells.map((r) => r.map((v) => (typeof v === 'string' ? [...v].join('') : v))) }, { plan: warm, today });
    const cold = validateGrid({ sheet: 'S', cells }, { plan: requirePlan(chibaPlan), today });
    expect(first.issues.length).toBeGreaterThan(odd.length);
    const json = (r: typeof first) => JSON.stringify({ ...r, records: r.records });
    expect(json(again)).toBe(json(cold));
    expect(json(first)).toBe(json(cold));
  });
});

describe('the table of packed unique keys', () => {
  it('gives -1 for a new key and keeps its owner; gives the owner for a key seen, across regrowth', () => {
    const t = new IntTable(4);
    const keys = Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1_000_003);
    keys.forEach((k, i) => expect(t.claim(k, i * 2 ** 24 + 3)).toBe(-1));
    keys.forEach((k, i) => expect(t.claim(k, -5)).toBe(i * 2 ** 24 + 3));
    expect(t.claim(0, 1)).toBe(3);
    expect(t.claim(2 ** 30 - 1, 1)).toBe(-1);
  });
});

describe('the first-character table in front of cell triage', () => {
  it('sends to parsing only cells that triage would send there, and raises nothing for them', () => {
    const ct = compileTemplate(plan, getTemplate(plan, 'district-activity') as Template);
    const f = ct.fields.find((x) => x.required && x.field.type !== 'text') as CompiledField;
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (PLAIN_FIRST[c] !== 1) continue;
      const ch = String.fromCharCode(c);
      for (const s of [ch, ch + '上', ch + 'itto', `${ch} `, `${ch}N/A`]) {
        const run = new Run('S', undefined, 1, 1);
        if (triage(s, f, run, undefined, 0) !== PARSE || run.issues.length > 0) wrong.push(JSON.stringify(s));
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('the repeated-header check that settles a row before reading its long texts', () => {
  it('still finds a repeated header whose cells are long, and a data row of long texts is read', () => {
    const row = (over: Record<string, unknown>) => KEYS.map((k) => (k in over ? over[k] : baseRow()[k])) as never[];
    const long = 'この欄には取組みの成果を具体的に記入してください';
    const header = HEADER.map((h) => (h === '成果' ? `成果（${long}）` : h));
    const cells = [
      [...HEADER],
      row({ initiative: 'C01' }),
      header as never[],
      row({ initiative: 'C02', outcomes: long, partners: long }),
    ];
    const r = validateGrid({ sheet: 'S', cells }, { plan, today });
    expect(r.leftOut).toEqual([3]);
    expect(r.records.map((x) => x.values.initiative)).toEqual(['C01', 'C02']);
  });
});

describe('the character scan before a totals check reads a number', () => {
  it('reads what the regular expressions read, or leaves the text to them', () => {
    const wrong: string[] = [];
    const check = (t: string): void => {
      const quick = shortLooseNumber(t);
      if (quick !== null && quick !== looseNumberLongWay(t)) wrong.push(JSON.stringify(t));
    };
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const t of [ch, `12${ch}`, `１２${ch}`, `${ch}12`, `3${ch}4`, `12回${ch}`, `12${ch}5`]) check(t);
    }
    for (const t of ['123456789012345', '1234567890123456', '1,234,567,890,123,456', '12,000人', '１,２００', '１，２００人', ' 12 ', '\u300012', '12.5', '-3', '+4', '12 回', '0012', '１２３', ',', ' ', '']) check(t);
    expect(wrong).toEqual([]);
    expect([shortLooseNumber('１２回'), shortLooseNumber('1200人'), shortLooseNumber('12.5'), shortLooseNumber('1,200'), shortLooseNumber(' 12 '), shortLooseNumber('1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6')]).toEqual([12, 1200, null, 1200, 12, null]);
    expect(looseNumber('')).toBe(looseNumberLongWay(''));
    expect([looseNumber('12.5'), looseNumber('1,200'), looseNumber('１２回')]).toEqual([12.5, 1200, 12]);
  });
});

describe('what each distinct cell came to, kept with the compiled template', () => {
  it('gives the answers of a fresh read, issues included, after other grids warmed it', () => {
    const warm = requirePlan(chibaPlan);
    const cold = requirePlan(chibaPlan);
    const a = generateReturns(warm, { seed: 41, rows: 1500, badShare: 0.3 }).grids;
    const b = generateReturns(warm, { seed: 42, rows: 1500, badShare: 0.3 }).grids;
    for (const g of a) validateGrid(g, { plan: warm, today });
    for (const g of b) {
      const w = validateGrid(g, { plan: warm, today });
      const c = validateGrid(g, { plan: cold, today });
      expect(w.issues.length).toBeGreaterThan(0);
      expect(JSON.stringify({ ...w, records: w.records })).toBe(JSON.stringify({ ...c, records: c.records }));
    }
  });

  it('reads a field that depends on another (a district in its ward) against each parent value', () => {
    const json = structuredClone(chibaPlan) as { units: { code: string; level: string; parent?: string; name: { ja: string; en: string } }[] };
    json.units.push({ code: '12102-99', level: 'district', parent: '12102', name: { ja: '寒川', en: 'Samukawa' } });
    const p = requirePlan(json);
    const row = (over: Record<string, unknown>) => KEYS.map((k) => (k in over ? over[k] : baseRow()[k])) as never[];
    const cells = [
      [...HEADER],
      row({ ward: '中央区', district: '寒川', initiative: 'C01' }),
      row({ ward: '千葉区', district: '寒川', initiative: 'C02' }),
      row({ ward: '花見川区', district: '寒川', initiative: 'C03' }),
      row({ ward: '中央区', district: '寒川', initiative: 'C04' }),
    ];
    const r = validateGrid({ sheet: 'S', cells }, { plan: p, today });
    expect(r.records.map((x) => x.values.district)).toEqual(['12101-01', null, '12102-99', '12101-01']);
    expect(r.issues.filter((i) => i.field === 'district').map((i) => `${i.cell} ${i.code}`)).toEqual(['C3 ambiguous_unit']);
  });
});

describe('what the compiled template keeps of the outcomes', () => {
  it('stops keeping at its budget, so a long session of unique narratives does not grow without end', () => {
    const o = new Outcomes(5);
    const outcome = { value: null, failed: 0, said: null, stamp: -1, pid: -1, cstamp: -1, code: 0 };
    const fill = (field: number, length: number): number => {
      const t = o.table(field);
      let kept = 0;
      for (let i = 0; i < 300_000 && o.keep(t, length); i++, kept++) t.set(`${field}:${i}`, outcome);
      return kept;
    };
    expect(o.keep(o.table(0), 2 ** 23 + 1)).toBe(false);
    // A field keeps 65,536 texts at most; all fields together 2^23 characters and 262,144 texts.
    expect(fill(0, 1)).toBe(65_536);
    expect(fill(1, 100)).toBe(65_536);
    const left = 2 ** 23 - 65_536 - 65_536 * 100;
    expect(fill(2, 100)).toBe(Math.floor(left / 100));
    expect(fill(3, 1)).toBe(left % 100);
    expect(fill(4, 1)).toBe(0);
  });
});

describe('a value column keeps codes, not values', () => {
  it('gives back every value it was given, by value or by code, -0 and NaN included', () => {
    const list = ['中央区', 12, -0, 0, Number.NaN, null, true, false, ['a', 'b'], '中央区', 12, 2.5, 0, -0];
    const col = new ValueColumn(list.length + 2);
    list.forEach((v, k) => col.set(k, v));
    const arr = ['x'];
    const code = col.add(arr);
    col.setCode(list.length, code);
    col.setCode(list.length + 1, code);
    list.forEach((v, k) => expect(Object.is(col.get(k), v)).toBe(true));
    expect(col.get(list.length)).toBe(arr);
    expect(col.get(list.length + 1)).toBe(arr);
    col.seal();
    col.set(0, 12);
    col.set(1, '中央区');
    expect([col.get(0), col.get(1), col.get(9)]).toEqual([12, '中央区', '中央区']);
    col.fill(-0);
    expect(Object.is(col.get(3), -0)).toBe(true);
  });

  it('reads a grid the same when a warm outcome table gives codes into a second grid', () => {
    const p = requirePlan(chibaPlan);
    const gen = generateReturns(p, { seed: 7, rows: 400, badShare: 0.3, templateId: 'district-activity' });
    const grid = gen.grids[0]!;
    const half = { ...grid, cells: grid.cells.slice(0, 200) };
    const first = validateGrid(half, { plan: p, today: gen.expected.asOf });
    const again = validateGrid(grid, { plan: p, today: gen.expected.asOf });
    const fresh = validateGrid(grid, { plan: requirePlan(chibaPlan), today: gen.expected.asOf });
    expect(first.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(again.records)).toBe(JSON.stringify(fresh.records));
    expect(again.issues).toEqual(fresh.issues);
  });
});

describe('a date field keeps the outcome of every serial and Date', () => {
  it('reads one date typed as a serial, a Date and a text as one key, warm or cold', () => {
    const serial = (Date.UTC(2026, 4, 1) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const rows = [rowCells({ reportDate: serial }), rowCells({ reportDate: new Date(Date.UTC(2026, 4, 1)) }), rowCells({ reportDate: '2026-05-01' }), rowCells({ reportDate: serial + 1 })];
    for (const p of [requirePlan(chibaPlan), plan, plan]) {
      const r = validateGrid(grid(rows), { plan: p, today });
      expect(r.records.map((x) => x.values.reportDate)).toEqual(['2026-05-01', '2026-05-01', '2026-05-01', '2026-05-02']);
      expect(r.issues.filter((i) => i.code === 'duplicate_row').map((i) => i.row)).toEqual([3, 4]);
    }
  });
});

describe('finding the header with the texts of earlier grids kept', () => {
  it('finds the template, header row and columns a fresh plan finds, whatever the order of the grids', () => {
    const base = requirePlan(chibaPlan);
    // Grids of both templates: a text such as 年度 names a field in each, by its own index.
    const grids = base.templates.flatMap((t, k) => {
      // A template of the city's own measures has fewer distinct rows to give.
      const gen = generateReturns(base, { seed: 41 + k, rows: t.reportDateField !== undefined ? 300 : 40, rowsPerSheet: 20, badShare: 0.2, templateId: t.id });
      // Now and then a title and a note above the header, so that text rows are read as well.
      return gen.grids.map((g, i) => (i % 3 === 0 ? { ...g, cells: [['令和8年度 報告'], ['※ 記入例を参照'], ...g.cells] } : g));
    });
    const found = (p: ReturnType<typeof requirePlan>, g: (typeof grids)[number]) => {
      const r = validateGrid(g, { plan: p, today: '2027-03-31' });
      return { template: detectTemplate(g, p), headerRow: r.headerRow, columns: r.columns };
    };
    expect(new Set(grids.map((g) => detectTemplate(g, base)?.templateId)).size).toBe(base.templates.length);
    const forward = requirePlan(chibaPlan);
    const backward = requirePlan(chibaPlan);
    const warmForward = grids.map((g) => found(forward, g));
    const warmBackward = [...grids].reverse().map((g) => found(backward, g)).reverse();
    grids.forEach((g, i) => {
      const fresh = found(requirePlan(chibaPlan), g);
      expect(warmForward[i]).toEqual(fresh);
      expect(warmBackward[i]).toEqual(fresh);
    });
  });
});
