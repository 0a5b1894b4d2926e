import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requirePlan, validateGrid, type SheetGrid } from '../index.js';
import { brief, plan, rowCells, today } from './test-fixtures.js';

const town = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as unknown);

const N = null;
const cells = (rows: unknown[][]) => rows as SheetGrid['cells'];

describe('headers of three rows and more', () => {
  it('a title band, 実績 merged over 実施回数／参加者数, then a units row', () => {
    const title = ['令和8年度 活動状況報告', N, N, N, N, N, N, N, N, N, N, N, N, N];
    const top = ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実績', N, '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const sub = [N, N, N, N, N, N, '実施回数', '参加者数', N, N, N, N, N, N];
    const units = [N, N, N, N, N, N, '（回）', '（人）', N, N, N, N, N, N];
    const merges = ['A1:N1', 'G2:H2', ...'ABCDEF'.split('').map((c) => `${c}2:${c}4`), ...'IJKLMN'.split('').map((c) => `${c}2:${c}4`)];
    const r = validateGrid({ sheet: '報告', cells: cells([title, top, sub, units, rowCells(), rowCells({ initiative: 'C02', sessions: 3, participants: 30 })]), merges }, { plan, today });
    expect(r.issues.map(brief)).toEqual([]);
    expect(r.records.map((x) => [x.ref.row, x.values.sessions, x.values.participants])).toEqual([
      [5, 12, 240],
      [6, 3, 30],
    ]);
  });

  it('two levels of group labels: 活動 over 取組み…参加者数, 実績 over the counts', () => {
    const a = ['年度', '区', '地区部会', '報告日', '活動', N, N, N, '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const b = [N, N, N, N, '取組み', '実施状況', '実績', N, N, N, N, N, N, N];
    const c = [N, N, N, N, N, N, '実施回数', '参加者（延べ人数）', N, N, N, N, N, N];
    const r = validateGrid({ sheet: '報告', cells: cells([a, b, c, rowCells()]), merges: ['E1:H1', 'G2:H2', 'E2:E3', 'F2:F3'] }, { plan, today });
    expect(r.issues.map(brief)).toEqual([]);
    expect(r.columns.map((x) => x.field)).toHaveLength(14);
    expect(r.records[0]?.values.participants).toBe(240);
  });

  it('labels merged down from a row above the row that names most fields', () => {
    const a = ['年度', '区', '基本情報', N, '活動の内容', N, N, N, N, N, N, N, N, N];
    const b = [N, N, '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const r = validateGrid({ sheet: '報告', cells: cells([a, b, rowCells()]), merges: ['A1:A2', 'B1:B2', 'C1:D1', 'E1:N1'] }, { plan, today });
    expect(r.issues.map(brief)).toEqual([]);
    expect(r.records[0]?.values.fiscalYear).toBe(2026);
  });

  it('a units row under a header of one row is no data row', () => {
    const header = ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const units = [N, N, N, N, N, N, '回', '人', N, N, N, N, N, N];
    const r = validateGrid({ sheet: '報告', cells: cells([header, units, rowCells()]) }, { plan, today });
    expect(r.issues.map(brief)).toEqual([]);
    expect(r.records).toHaveLength(1);
  });

  it('a row of values under the header is data, even when its cells are text', () => {
    const header = ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const text = rowCells({ fiscalYear: '令和8年度', sessions: '12回', participants: '240人', reportDate: '2026/5/1' });
    const r = validateGrid({ sheet: '報告', cells: cells([header, text]) }, { plan, today });
    expect(r.records.map((x) => x.values.sessions)).toEqual([12]);
  });

  it('the same in a plan of another shape: a town’s area report', () => {
    const a = ['年度', '地区', '取組み', '実績', N, '進み具合', 'ひとこと'];
    const b = [N, N, N, '開催回数', '協力者数', N, N];
    const c = [N, N, N, '(回)', '(人)', N, N];
    const r = validateGrid(
      { sheet: 'R', cells: cells([a, b, c, ['2026年度', '北地区', '見守りネットワーク', 5, 12, '順調', ''], ['2026年度', '北地区', 'ごみ出し支援', 2, 4, '一部遅れ', '']]), merges: ['D1:E1', 'A1:A3', 'B1:B3', 'C1:C3', 'F1:F3', 'G1:G3'] },
      { plan: town, today },
    );
    expect(r.issues.map(brief)).toEqual([]);
    expect(r.records.map((x) => [x.values.meetings, x.values.volunteers])).toEqual([
      [5, 12],
      [2, 4],
    ]);
  });

  it('numbered note references after a label: 報告日※1, 実施回数＊2, 参加者数 注3', () => {
    const header: unknown[] = ['年度', '区', '地区部会', '報告日※1', '取組み', '実施状況', '実施回数＊2', '参加者数 注3', '連携団体', '自己評価', '成果※', '課題', '成果事例', '今後の方向性'];
    const r = validateGrid({ sheet: '報告', cells: cells([header, rowCells(), ['※1 活動した日', N, N, N, N, N], ['※2 延べ回数 注3 延べ人数']]) }, { plan, today });
    expect(r.issues.map((i) => i.code)).toEqual(['footer_rows_skipped']);
    expect(r.columns.map((x) => x.field)).toHaveLength(14);
    expect(r.records[0]?.values.participants).toBe(240);
  });
});
