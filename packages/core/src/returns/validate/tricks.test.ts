/**
 * The speed tricks of validation give the answers of the plain code they replace.
 */
import { describe, expect, it } from 'vitest';
import { getTemplate, validateGrid } from '../../index.js';
import type { Template } from '../../plan/schema.js';
import { compileTemplate, type CompiledField } from '../compile.js';
import { mayNameTotal } from '../layout.js';
import { labelKey } from '../lookup.js';
import { baseRow, HEADER, KEYS, plan, today } from '../test-fixtures.js';
import { Run } from './run.js';
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
