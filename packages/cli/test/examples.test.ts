/**
 * A template's example rows (記入例) as real files: `sasaeai template` writes them on a sheet of
 * their own when the plan gives them, and a sheet whose rows repeat them — the 記入例 sheet of
 * the blank return kept in the file, or copied under another name — is left out with a note
 * instead of adding the example's figures to the district's.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { ACTIVITY_HEADERS, addSheet, goodRow, save, tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const TODAY = ['--today', '2026-07-01'];
const may1 = new Date(Date.UTC(2026, 4, 1));

let dir: string;
let planFile: string;
let ward: string;

beforeAll(() => {
  dir = tempDir('sasaeai-examples-');
  const plan = structuredClone(chibaPlan) as unknown as { templates: { id: string; examples?: unknown }[] };
  plan.templates.find((t) => t.id === 'district-activity')!.examples = [
    { fiscalYear: '令和8年度', ward: '中央区', district: '寒川', reportDate: '2026-05-01', initiative: '見守り・声かけ活動', status: '実施済み', sessions: 12, participants: 240, outcomes: '見守り訪問を毎月実施した。' },
    { fiscalYear: '令和8年度', ward: '中央区', district: '寒川', reportDate: '2026-05-01', initiative: '子育てサロン', status: '実施中', sessions: 25, participants: 400 },
  ];
  planFile = join(dir, 'with-examples.plan.json');
  writeFileSync(planFile, JSON.stringify(plan));
  ward = join(dir, 'chuo');
  mkdirSync(ward);
});

describe('example rows (記入例)', () => {
  it('template writes them on a 記入例 sheet beside the form', async () => {
    const out = join(dir, 'blank.xlsx');
    const r = await sasaeai(['--plan', planFile, 'template', '--ward', '中央区', '--district', '松ケ丘', '--fiscal-year', '2026', '-o', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ex = wb.getWorksheet('記入例');
    expect(ex).toBeDefined();
    const values: unknown[] = [];
    ex!.eachRow((row) => values.push(row.getCell(7).value));
    // The 実施回数 column holds the two examples' figures.
    expect(values.filter((v) => typeof v === 'number')).toEqual([12, 25]);
  });

  it('a sheet repeating the examples, under any name, is left out; the ward counts only the returns', async () => {
    // 松ケ丘 filled in the blank return the CLI wrote and kept its 記入例 sheet.
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.readFile(join(dir, 'blank.xlsx'));
    const form = blank.worksheets.find((w) => w.name !== '記入例' && w.state === 'visible')!;
    let headerRow = 0;
    form.eachRow((row, n) => {
      if (headerRow === 0 && row.getCell(1).value === '年度') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    const put = (n: number, v: unknown[]) => v.forEach((x, i) => (form.getRow(n).getCell(i + 1).value = x as never));
    put(headerRow + 1, goodRow({ 年度: '令和8年度', 地区部会: '松ケ丘', 取組み: '見守り・声かけ活動', 実施回数: 4, 参加者数: 40, 報告日: may1 }));
    await blank.xlsx.writeFile(join(ward, '松ケ丘.xlsx'));
    // 寒川 copied the example sheet as コピー (district by code, initiative by code) beside its own.
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '報告', ACTIVITY_HEADERS, [goodRow({ 地区部会: '寒川', 取組み: '見守り・声かけ活動', 実施回数: 3, 参加者数: 30 })]);
    addSheet(wb, 'コピー', ACTIVITY_HEADERS, [
      goodRow({ 年度: 2026, 地区部会: '12101-01', 報告日: may1, 取組み: 'C01', 実施状況: '実施済み', 実施回数: 12, 参加者数: 240, 成果: '見守り訪問を毎月実施した。', 連携団体: null, 自己評価: null, 今後の方向性: null }),
      goodRow({ 年度: 2026, 地区部会: '寒川', 報告日: may1, 取組み: 'C03', 実施状況: '実施中', 実施回数: 25, 参加者数: 400, 成果: null, 連携団体: null, 自己評価: null, 今後の方向性: null }),
    ]);
    await save(wb, ward, '寒川.xlsx');

    const v = await sasaeai(['--plan', planFile, 'validate', ward, '--format', 'json', ...TODAY]);
    const issues = json<{ issues: { file: string; sheet: string | null; code: string; message: string }[] }>(v).issues;
    expect(issues.filter((i) => i.code === 'sheet_not_a_return').map((i) => [i.file.split('/').pop(), i.sheet]).sort()).toEqual([
      ['寒川.xlsx', 'コピー'],
      ['松ケ丘.xlsx', '記入例'],
    ]);
    expect(issues.find((i) => i.sheet === 'コピー')?.message).toContain('記入例');
    const r = await sasaeai(['--plan', planFile, 'rollup', ward, '--fiscal-year', '2026', '--ward', '中央区', '--format', 'json', ...TODAY]);
    const o = json(r);
    // 松ケ丘 4 + 寒川 3 — none of the examples' 12 + 25.
    expect(o.figures['12101/*/sessions']).toBe(4 + 3);
    expect(o.figures['12101/*/participants']).toBe(40 + 30);
  });
});
