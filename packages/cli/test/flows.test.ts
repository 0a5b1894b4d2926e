// Other municipalities' chains on real .xlsx files: a town whose areas report straight to one
// council, and a designated city whose ward councils report to one city committee.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { addSheet, save, tempDir } from './fixtures.js';
import { REPO, json, sasaeai } from './run.js';

const TOWN = join(REPO, 'examples', 'custom-plan', 'town.plan.json');
const CITY = join(REPO, 'examples', 'designated-city', 'minato.plan.json');
const dir = tempDir('sasaeai-flows-');
const TODAY = ['--today', '2027-06-30'];

async function book(name: string, sheet: string, headers: string[], rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, sheet, headers, rows);
  return save(wb, dir, name);
}

const TOWN_HEADERS = ['年度', '地区', '取組み', '開催回数', '協力者数', '進み具合', 'ひとこと'];
const CITY_HEADERS = ['年度', '区', '取組み', '報告日', '実施回数', '見守り世帯数（累計）', '評価', '成果', '課題'];

describe('a town: areas report straight to the town council', () => {
  it('templates, validates and rolls up into a non-empty report, exit 0', async () => {
    expect((await sasaeai(['template', '--plan', TOWN, '--district', '北地区', '-o', join(dir, 'blank-kita.xlsx')])).code).toBe(0);
    const kita = await book('kita.xlsx', '地区活動報告', TOWN_HEADERS, [
      ['FY2026', '北', '見守りネットワーク', '4回', '10人', '順調', null],
      ['FY2026', '北', '買い物バス', 2, 5, '△', '運転手が足りない'],
    ]);
    const minami = await book('minami.xlsx', '地区活動報告', TOWN_HEADERS, [['FY2026', '南', 'ごみ出し支援', 1, 2, '○', null]]);
    const v = await sasaeai(['validate', kita, minami, '--plan', TOWN, ...TODAY]);
    expect(v.code).toBe(0);
    const out = join(dir, 'town-report.xlsx');
    const r = await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '-o', out, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const o = json(r);
    // Hand totals: 4 + 2 + 1 meetings, 10 + 5 + 2 volunteers.
    expect(o.figures['T/*/meetings']).toBe(7);
    expect(o.figures['T/*/volunteers']).toBe(17);
    expect(o.submissions.map((u: { use: string }) => u.use)).toEqual(['counted', 'counted']);
    expect(o.notices).toEqual([]);
    const byName = json(await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '--ward', 'さくら町', '--format', 'json', ...TODAY]));
    expect(byName.figures['T/W1/meetings']).toBe(4);
    const text = await sasaeai(['rollup', kita, minami, '--plan', TOWN, '--fiscal-year', '2026', '--ward', 'T', ...TODAY]);
    expect(text.stdout).toContain('2/5 地区福祉委員会');
    expect(text.stdout).not.toContain('地区部会');
  });

  it('a roll-up that counts nothing says why and does not exit 0', async () => {
    const old = await book('old.xlsx', '地区活動報告', TOWN_HEADERS, [['FY2025', '北', '見守りネットワーク', 4, 10, '順調', null]]);
    const r = await sasaeai(['rollup', old, '--plan', TOWN, '--fiscal-year', '2026', ...TODAY]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('数えた報告はありません');
    expect(r.stdout).toContain('この年度の行がありません');
  });

  it('a unit that compiles nothing is a usage error', async () => {
    const r = await sasaeai(['rollup', dir, '--plan', TOWN, '--fiscal-year', '2026', '--ward', '北地区']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('集約する単位ではありません');
  });
});

describe('a designated city: ward councils report twice a year to the city committee', () => {
  it('counts every return, and never doubles the stock field', async () => {
    const interim = await book('minato-interim.xlsx', '区推進状況', CITY_HEADERS, [
      [2026, '港区', '見守り活動', new Date(Date.UTC(2026, 8, 30)), 5, 100, '4', null, null],
      [2026, '山手区', '見守り活動', new Date(Date.UTC(2026, 8, 30)), 2, 40, '3', null, null],
    ]);
    const yearEnd = await book('minato-year-end.xlsx', '区推進状況', CITY_HEADERS, [
      [2026, '港区', '見守り活動', new Date(Date.UTC(2027, 2, 31)), 7, 120, '5', '見守りの輪が広がった', null],
      [2026, '山手区', '子ども食堂', new Date(Date.UTC(2027, 2, 31)), 3, 0, '2', null, '担い手不足'],
    ]);
    expect((await sasaeai(['validate', interim, yearEnd, '--plan', CITY, ...TODAY])).code).toBe(0);
    const r = await sasaeai(['rollup', interim, yearEnd, '--plan', CITY, '--fiscal-year', '2026', '--ward', 'みなと市', '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const o = json(r);
    expect(o.submissions).toHaveLength(2);
    expect(o.figures['M/K1/sessions']).toBe(14);
    // 港区's latest 120 households (not 100 + 120) + 山手区's 40.
    expect(o.figures['M/K1/households']).toBe(160);
    expect(o.figures['M/*/households']).toBe(160);
    expect(o.title).toBe('令和8年度 みなと市 市の推進状況');
  });
});

describe('plan check', () => {
  it('warns about a template no flow reads (exit 0: warnings only)', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const plan = JSON.parse(readFileSync(TOWN, 'utf8'));
    plan.flows = [{ ...plan.flows[0], template: undefined }];
    const file = join(dir, 'town-no-flow.plan.json');
    writeFileSync(file, JSON.stringify(plan));
    const r = await sasaeai(['plan', 'check', file, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(json(r).issues.map((i: { code: string; severity: string }) => [i.code, i.severity])).toEqual([['template_unread', 'warning']]);
  });
});
