import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as XL from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const dir = tempDir();

async function open(file: string): Promise<XL.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

function validations(ws: XL.Worksheet): Record<string, XL.DataValidation> {
  return (ws as unknown as { dataValidations: { model: Record<string, XL.DataValidation> } }).dataValidations.model;
}

function headerRow(ws: XL.Worksheet): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (!found && row.getCell(1).value === '年度' && row.getCell(2).value === '区') found = n;
  });
  return found;
}

describe('sasaeai template', () => {
  it('writes a blank return with Japanese headers, validation with prompts, frozen header, prefilled keys and metadata', async () => {
    const out = join(dir, 'samukawa.xlsx');
    const r = await sasaeai(['template', '--ward', '中央区', '--district', '寒川', '--fiscal-year', '2026', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('報告様式を書き出しました');
    const wb = await open(out);
    const ws = wb.worksheets[0]!;
    const h = headerRow(ws);
    expect(h).toBeGreaterThan(0);
    expect(ws.getRow(h).values).toEqual([undefined, '年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性']);
    expect([ws.getCell(h + 1, 1).value, ws.getCell(h + 1, 2).value, ws.getCell(h + 1, 3).value]).toEqual(['令和8年度', '中央区', '寒川']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: h });
    const dv = validations(ws);
    const at = (col: string) => Object.entries(dv).find(([k]) => k === `${col}${h + 1}` || k.startsWith(`${col}${h + 1}:`))?.[1];
    expect(at('F')).toMatchObject({ type: 'list', showErrorMessage: true, errorStyle: 'warning' });
    expect(at('F')?.prompt).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(at('G')).toMatchObject({ type: 'whole' });
    expect(at('D')).toMatchObject({ type: 'date' });
    expect(ws.getCell(h + 1, 11).numFmt).toBe('@'); // 成果: text stays text
    expect(wb.getWorksheet('_sasaeai')?.state).toBe('hidden');
  });

  it('makes a return that validates once filled in', async () => {
    const out = join(dir, 'filled.xlsx');
    expect((await sasaeai(['template', '--district', '松ケ丘', '--fiscal-year', '令和8年度', '--rows', '1', '-o', out])).code).toBe(0);
    const wb = await open(out);
    const ws = wb.worksheets[0]!;
    const r = headerRow(ws) + 1;
    const values: [number, unknown][] = [
      [4, new Date(Date.UTC(2026, 5, 1))],
      [5, '見守り・声かけ活動'],
      [6, '実施済み'],
      [7, 12],
      [8, 200],
      [10, 'B 概ね計画どおり'],
      [11, '=毎月の見守り訪問を続けた'],
      [14, '継続'],
    ];
    for (const [c, v] of values) ws.getCell(r, c).value = v as XL.CellValue;
    await wb.xlsx.writeFile(out);
    const v = await sasaeai(['validate', out, '--format', 'json', '--today', '2027-05-10']);
    const o = json(v);
    expect(o.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
    expect(v.code).toBe(0);
    expect(o.files[0].sheets[0]).toMatchObject({ template: 'district-activity', rowsRead: 1, rowsValid: 1 });
  });

  it('records its template, so a return whose headers were wiped is still known for what it is', async () => {
    const out = join(dir, 'wiped.xlsx');
    expect((await sasaeai(['template', '--district', '寒川', '--fiscal-year', '2026', '--rows', '2', '-o', out])).code).toBe(0);
    const wb = await open(out);
    const ws = wb.worksheets[0]!;
    const h = headerRow(ws);
    ws.getRow(h).eachCell((c) => (c.value = null));
    await wb.xlsx.writeFile(out);
    const o = json(await sasaeai(['validate', out, '--format', 'json', '--today', '2027-05-10']));
    expect(o.files[0].sheets[0]?.template).toBe('district-activity');
    expect(o.issues[0]).toMatchObject({ code: 'no_header', severity: 'error', sheet: ws.name });
    expect(o.issues[0].message).toContain('活動状況報告');
  });

  it('writes English headers with --lang en, refuses to overwrite without --force, rejects unknown districts', async () => {
    const out = join(dir, 'en.xlsx');
    expect((await sasaeai(['template', '--ward', '12106', '--lang', 'en', '-o', out])).code).toBe(0);
    const ws = (await open(out)).worksheets[0]!;
    const texts: unknown[] = [];
    ws.eachRow((row) => texts.push(...(row.values as unknown[])));
    expect(texts).toContain('Fiscal year');
    const again = await sasaeai(['template', '--ward', '12106', '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await sasaeai(['template', '--ward', '12106', '-o', out, '--force'])).code).toBe(0);
    const unknown = await sasaeai(['template', '--ward', '中央区', '--district', '幕張西', '-o', join(dir, 'x.xlsx')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('幕張西');
    expect(existsSync(join(dir, 'x.xlsx'))).toBe(false);
  });

  it('never writes over the plan file it was given', async () => {
    const planFile = join(dir, 'plan.json');
    const { chibaPlan } = await import('@sasaeai/plan-chiba');
    writeFileSync(planFile, JSON.stringify(chibaPlan));
    const r = await sasaeai(['template', '--plan', planFile, '-o', planFile, '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('入力ファイル');
  });
});
