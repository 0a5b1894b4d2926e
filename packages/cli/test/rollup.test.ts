import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { activityWorkbook, goodRow, tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const TODAY = ['--today', '2027-05-10'];
const dir = tempDir();
let samukawa: string;
let matsugaoka: string;

const FORMULA_LIKE = ['=SUM(A1:A3) は使っていません', '+20名の新しい担い手', '-送迎ボランティアが3名', '@サロンの広報'];

beforeAll(async () => {
  samukawa = await activityWorkbook(dir, 'samukawa.xlsx', [
    goodRow({ 成果: FORMULA_LIKE[0], 成果事例: '○' }),
    goodRow({ 取組み: 'ふれあい・いきいきサロン', 成果: FORMULA_LIKE[1], 成果事例: 'はい' }),
    goodRow({ 取組み: '子育てサロン', 実施状況: '実施中', 自己評価: 'C', 成果: FORMULA_LIKE[2], 課題: FORMULA_LIKE[3] }),
  ]);
  matsugaoka = await activityWorkbook(dir, 'matsugaoka.xlsx', [
    goodRow({ 地区部会: '松ケ丘' }),
    goodRow({ 地区部会: '松ケ丘', 取組み: '子育てサロン', 実施回数: '３回半' }),
  ]);
});

async function allCells(file: string): Promise<{ sheet: string; address: string; type: number; value: unknown }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: { sheet: string; address: string; type: number; value: unknown }[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) => row.eachCell((c) => out.push({ sheet: ws.name, address: c.address, type: c.type, value: c.value })));
  return out;
}

describe('sasaeai rollup', () => {
  it('writes the ward progress workbook: one sheet per section, sources, narrative cells as text', async () => {
    const out = join(dir, 'chuo.xlsx');
    const r = await sasaeai(['rollup', samukawa, matsugaoka, '--fiscal-year', '2026', '--ward', '中央区', '-o', out, ...TODAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1); // a return had an error: written, and the row left out and listed
    expect(r.stdout).toContain('令和8年度 中央区 区計画の推進状況');
    expect(r.stdout).toMatch(/matsugaoka\.xlsx シート「活動状況報告」: エラーのある行 1/);
    expect(r.stdout).toContain(`書き出したブック：${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['概要', '取組み別', '地区部会別', '出典', '_sasaeai']));
    const cells = await allCells(out);
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    for (const text of FORMULA_LIKE) {
      const found = cells.filter((c) => c.value === text);
      expect({ text, found: found.length > 0 }).toEqual({ text, found: true });
      for (const c of found) expect(c.type).toBe(ExcelJS.ValueType.String);
    }
    // numbers stay numbers, with formats
    const bySubject = wb.getWorksheet('取組み別')!;
    const numeric = cells.filter((c) => c.sheet === '取組み別' && typeof c.value === 'number');
    expect(numeric.length).toBeGreaterThan(0);
    expect(numeric.some((c) => bySubject.getCell(c.address).numFmt)).toBe(true);
  });

  it('skips its own report workbooks when they sit among the returns', async () => {
    const report = join(dir, 'report-among-returns.xlsx');
    expect((await sasaeai(['rollup', samukawa, '--fiscal-year', '2026', '-o', report, ...TODAY])).code).toBe(0);
    const r = await sasaeai(['validate', report, samukawa, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    expect(json(r).issues.map((i: { code: string; severity: string }) => [i.code, i.severity])).toEqual([['report_workbook', 'info']]);
  });

  it('writes the annual report without --ward, and prints JSON with --format json', async () => {
    const out = join(dir, 'annual.xlsx');
    const r = await sasaeai(['rollup', samukawa, '--fiscal-year', '令和8年度', '-o', out, '--format', 'json', ...TODAY]);
    expect(r.code).toBe(0);
    const o = json(r);
    expect(o).toMatchObject({ kind: 'annual-report', fiscalYear: 2026, output: out, provisional: false });
    expect(o.submissions).toHaveLength(1);
    expect(statSync(out).size).toBeGreaterThan(0);
  });

  it('leaves rows with errors out unless --include-invalid counts them', async () => {
    const args = ['rollup', matsugaoka, '--fiscal-year', '2026', '--ward', '12101', ...TODAY];
    const strict = json(await sasaeai([...args, '--format', 'json']));
    const loose = json(await sasaeai([...args, '--format', 'json', '--include-invalid']));
    const participants = (o: { figures: Record<string, unknown> }) => o.figures['12101/*/participants'];
    expect(participants(strict)).toBe(240);
    expect(participants(loose)).toBe(480);
    const text = await sasaeai([...args, '--include-invalid']);
    expect(text.stdout).toContain('エラーのある行を暫定として含めた報告');
  });

  it('never overwrites an input, and overwrites an existing output only with --force', async () => {
    const before = readFileSync(samukawa);
    for (const extra of [[], ['--force']]) {
      const r = await sasaeai(['rollup', samukawa, '--fiscal-year', '2026', '-o', samukawa, ...extra, ...TODAY]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('入力ファイルは上書きしません');
    }
    expect(readFileSync(samukawa).equals(before)).toBe(true);

    const out = join(dir, 'exists.xlsx');
    writeFileSync(out, 'keep me');
    const refused = await sasaeai(['rollup', samukawa, '--fiscal-year', '2026', '-o', out, ...TODAY]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await sasaeai(['rollup', samukawa, '--fiscal-year', '2026', '-o', out, '--force', '--lang', 'en', ...TODAY]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain(`Workbook written: ${out}`);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('rejects an unknown ward and a missing fiscal year with exit code 2', async () => {
    expect((await sasaeai(['rollup', samukawa, '--fiscal-year', '2026', '--ward', '横浜区'])).code).toBe(2);
    expect((await sasaeai(['rollup', samukawa])).code).toBe(2);
  });
});
