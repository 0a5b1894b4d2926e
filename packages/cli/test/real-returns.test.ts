/**
 * Returns as staff really make them (issue 12), as real files: written by exceljs, by hand-edited
 * templates, saved again by LibreOffice, as CSV in the encodings Japanese staff use. Every case
 * ends in what the CLI says and, for the ward, in figures checked against totals worked out by hand.
 */
import { mkdirSync, utimesSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type * as XL from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { ACTIVITY_HEADERS, addSheet, goodRow, save, tempDir } from './fixtures.js';
import { libreOfficeConvert } from './libreoffice.js';
import { json, sasaeai } from './run.js';

const TODAY = ['--today', '2026-07-01'];
const june = (d: number) => new Date(Date.UTC(2026, 5, d));

interface Issue {
  file: string;
  sheet: string | null;
  code: string;
  severity: string;
  cell: string | null;
  row: number | null;
  message: string;
}

/** A 中央区 FY2026 row of a district (in the plan's header order). */
function row(district: string, initiative: string, sessions: number, participants: number, over: Record<string, unknown> = {}): unknown[] {
  return goodRow({ 地区部会: district, 取組み: initiative, 実施回数: sessions, 参加者数: participants, 報告日: june(15), ...over });
}

/** 寒川: 年度・区・地区部会・報告日 merged down, a 合計 row with =SUM, a footer, an example sheet. */
async function samukawa(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [
    row('寒川', '見守り・声かけ活動', 12, 240),
    row('寒川', 'ふれあい・いきいきサロン', 10, 180),
    row('寒川', '子育てサロン', 5, 60),
  ]);
  for (const col of ['A', 'B', 'C', 'D']) ws.mergeCells(`${col}2:${col}4`);
  // =IF whose cached result is an empty string, as Excel saves it.
  ws.getCell('M2').value = { formula: 'IF(G2>20,"○","")', result: '' } as XL.CellFormulaValue;
  ws.getCell('A5').value = '合計';
  ws.getCell('G5').value = { formula: 'SUM(G2:G4)', result: 27 };
  ws.getCell('H5').value = { formula: 'SUM(H2:H4)', result: 480 };
  ws.getCell('A7').value = '記入者：寒川地区部会 事務局';
  ws.getCell('A8').value = '※ 参加者数は延べ人数です。';
  // The example sheet a template ships with, filled in: same header, figures that must not count.
  addSheet(wb, '記入例', ACTIVITY_HEADERS, [row('寒川', '地域の居場所づくり', 99, 999)]);
  return save(wb, dir, '寒川.xlsx');
}

/** 松ヶ丘: a two-row header with staff's own wordings, the name written with ヶ, a hidden row. */
async function matsugaoka(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  const top = ['年度', '区名', '地区名', '報告年月日', '取組内容', '実施状況', '実績', null, '連携団体', '自己評価', '成果・効果', '課題・問題点', '成果事例', '今後の方向性'];
  const sub = [null, null, null, null, null, null, '実施回数', '参加者（延べ人数）', null, null, null, null, null, null];
  ws.addRow(top);
  ws.addRow(sub);
  for (let c = 1; c <= 14; c++) if (c !== 7 && c !== 8) ws.mergeCells(2 - 1, c, 2, c);
  ws.mergeCells('G1:H1');
  for (const r of [row('松ヶ丘', '見守り・声かけ活動', 4, 40), row('松ヶ丘', 'ふれあい・いきいきサロン', 6, 66), row('松ヶ丘', '福祉の情報発信（広報紙）', 2, 20)]) {
    const added = ws.addRow(r);
    added.getCell(4).numFmt = 'yyyy/m/d';
  }
  ws.getRow(5).hidden = true;
  return save(wb, dir, '松ヶ丘.xlsx');
}

/** 新宿: the original, and a corrected copy saved two days later (12 → 14 sessions). */
async function shinjuku(dir: string): Promise<[string, string]> {
  const make = async (name: string, sessions: number, participants: number, saved: Date) => {
    const wb = new ExcelJS.Workbook();
    wb.modified = saved;
    addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [row('新宿', '見守り・声かけ活動', sessions, participants)]);
    return save(wb, dir, name);
  };
  // The corrected file is written first and its file time is the older one: the workbook's own
  // saved time decides, not the order of the files or their copy times.
  const corrected = await make('新宿（修正）.xlsx', 14, 120, new Date(Date.UTC(2026, 5, 20, 9)));
  const original = await make('新宿.xlsx', 12, 100, new Date(Date.UTC(2026, 5, 18, 9)));
  utimesSync(corrected, new Date(Date.UTC(2026, 5, 1)), new Date(Date.UTC(2026, 5, 1)));
  return [original, corrected];
}

/** 星久喜: an Excel table with a totals row. */
async function hoshiguki(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  ws.addTable({
    name: 'Hoshiguki',
    ref: 'A1',
    headerRow: true,
    totalsRow: true,
    columns: ACTIVITY_HEADERS.map((h, i) =>
      i === 0
        ? { name: h, totalsRowLabel: '合計' }
        : h === '実施回数' || h === '参加者数'
          ? // Excel saves the totals' results with the file.
            { name: h, totalsRowFunction: 'sum' as const, totalsRowResult: h === '実施回数' ? 10 : 100 }
          : { name: h },
    ),
    rows: [row('星久喜', '見守り・声かけ活動', 5, 50), row('星久喜', '子育てサロン', 5, 50)],
  });
  return save(wb, dir, '星久喜.xlsx');
}

function csvText(rows: unknown[][]): string {
  const cell = (v: unknown) => (v instanceof Date ? `${v.getUTCFullYear()}/${v.getUTCMonth() + 1}/${v.getUTCDate()}` : v === null || v === undefined ? '' : `"${String(v)}"`);
  return [ACTIVITY_HEADERS, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

let dir: string;
let ward: string;
let files: Record<string, string>;

beforeAll(async () => {
  dir = tempDir('sasaeai-real-');
  ward = join(dir, 'chuo');
  mkdirSync(ward);
  const [original, corrected] = await shinjuku(ward);
  files = {
    samukawa: await samukawa(ward),
    matsugaoka: await matsugaoka(ward),
    original,
    corrected,
    hoshiguki: await hoshiguki(ward),
  };
  // CSV as Excel saves it in Japan (CP932), as "CSV UTF-8" (with a BOM), and UTF-8 without one.
  files.honchiba = join(ward, '本千葉.csv');
  writeFileSync(files.honchiba, iconv.encode(csvText([row('本千葉', '見守り・声かけ活動', 3, 30)]), 'cp932'));
  files.tsubakimori = join(ward, '椿森.csv');
  writeFileSync(files.tsubakimori, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText([row('椿森', '見守り・声かけ活動', 2, 20)]))]));
  files.miyako = join(ward, '都.csv');
  writeFileSync(files.miyako, csvText([row('都', '見守り・声かけ活動', 1, 10)]));
  // The same returns saved again by LibreOffice.
  mkdirSync(join(dir, 'lo'));
  libreOfficeConvert([files.samukawa!, files.matsugaoka!, files.hoshiguki!], 'xlsx', join(dir, 'lo'));
  // The same return saved as .ods.
  mkdirSync(join(dir, 'ods'));
  copyFileSync(files.samukawa!, join(dir, 'ods', '生浜.xlsx'));
  libreOfficeConvert([join(dir, 'ods', '生浜.xlsx')], 'ods', join(dir, 'ods'));
  // The lock file Excel leaves beside an open workbook.
  files.lock = join(ward, '~$寒川.xlsx');
  writeFileSync(files.lock, Buffer.alloc(165, 0x20));
});

describe('a ward of returns as staff make them', () => {
  it('rolls up to the totals worked out by hand: merged, two-row headers, totals rows, resubmissions, CSV', async () => {
    const r = await sasaeai(['rollup', ward, '--fiscal-year', '2026', '--ward', '中央区', '--format', 'json', ...TODAY]);
    const o = json(r);
    // 寒川 12+10+5 · 松ケ丘 4+6+2 (a hidden row counts) · 新宿 14 (the corrected file) · 本千葉 3 ·
    // 椿森 2 · 都 1 · 星久喜 5+5 — the 合計 rows, the example sheet and the original 新宿 not counted.
    expect(o.figures['12101/*/sessions']).toBe(27 + 12 + 14 + 3 + 2 + 1 + 10);
    expect(o.figures['12101/*/participants']).toBe(480 + 126 + 120 + 30 + 20 + 10 + 100);
    expect(r.code).toBe(0);
  });

  it('says what it did with each form, once, located', async () => {
    const r = await sasaeai(['validate', ward, '--format', 'json', ...TODAY]);
    const out = json<{ issues: Issue[] }>(r);
    const at = (file: string) => out.issues.filter((i) => i.file.endsWith(file)).map((i) => [i.code, i.severity, i.sheet, i.cell ?? i.row]);
    expect(at('/寒川.xlsx')).toEqual([
      ['sheet_not_a_return', 'info', '記入例', null],
      ['merged_cells_filled', 'info', '活動状況報告', 'A2'],
      ['totals_row_skipped', 'info', '活動状況報告', 5],
      ['footer_rows_skipped', 'info', '活動状況報告', 7],
    ]);
    expect(at('/松ヶ丘.xlsx')).toEqual([['hidden_rows_counted', 'info', '報告', 5]]);
    expect(at('/新宿.xlsx')).toEqual([['resubmission_superseded', 'info', '活動状況報告', null]]);
    expect(out.issues.find((i) => i.code === 'resubmission_superseded')?.message).toMatch(/新宿\.xlsx.*新宿（修正）\.xlsx/);
    expect(at('/新宿（修正）.xlsx')).toEqual([]);
    expect(at('/星久喜.xlsx')).toEqual([['totals_row_skipped', 'info', '報告', 4]]);
    for (const csv of ['/本千葉.csv', '/椿森.csv', '/都.csv']) expect(at(csv)).toEqual([]);
    expect(at('/~$寒川.xlsx')).toEqual([['lock_file_skipped', 'info', null, null]]);
    expect(r.code).toBe(0);
  });

  it('skips a lock file named explicitly, as a shell glob names it', async () => {
    const r = await sasaeai(['validate', files.lock!, files.samukawa!, '--format', 'json', ...TODAY]);
    expect(json<{ issues: Issue[] }>(r).issues.filter((i) => i.code === 'lock_file_skipped')).toHaveLength(1);
    expect(r.code).toBe(0);
  });

  it('reads the same returns saved again by LibreOffice the same way', async () => {
    // Converted in beforeAll: soffice's start-up is slow on a loaded machine.
    const lo = join(dir, 'lo');
    for (const f of ['寒川.xlsx', '松ヶ丘.xlsx', '星久喜.xlsx']) expect(existsSync(join(lo, f))).toBe(true);
    const r = await sasaeai(['rollup', lo, '--fiscal-year', '2026', '--ward', '中央区', '--format', 'json', ...TODAY]);
    const o = json(r);
    expect(o.figures['12101/*/sessions']).toBe(27 + 12 + 10);
    expect(o.figures['12101/*/participants']).toBe(480 + 126 + 100);
    const v = json<{ issues: Issue[] }>(await sasaeai(['validate', lo, '--format', 'json', ...TODAY]));
    // LibreOffice saves =IF(…,"○","") with an empty cached result: a blank cell, no warning.
    expect(v.issues.filter((i) => i.code === 'formula_no_result')).toEqual([]);
    expect(v.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });
});

describe('returns that are refused clearly', () => {
  it('an .ods file: save it as .xlsx (never "damaged")', async () => {
    const out = join(dir, 'ods');
    const r = await sasaeai(['validate', join(out, '生浜.ods'), '--format', 'json', ...TODAY]);
    const issues = json<{ issues: Issue[] }>(r).issues;
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['file_not_xlsx', 'error']]);
    expect(issues[0]!.message).toContain('.xlsx');
    expect(issues[0]!.message).not.toMatch(/壊れ|damaged/);
    expect(r.code).toBe(2);
  });

  it('a stale year, a date typed 20260615, a header like a field, a 合計 that does not add up', async () => {
    const wb = new ExcelJS.Workbook();
    const headers = [...ACTIVITY_HEADERS];
    headers[7] = '参加者の合計';
    // Dated after FY2025's grace window for late reports (until 2026-06-30, the ward council's closing).
    const july = (d: number) => new Date(Date.UTC(2026, 6, d));
    addSheet(wb, '前年度のまま', ACTIVITY_HEADERS, [
      row('生浜', '見守り・声かけ活動', 3, 30, { 年度: '令和7年度', 報告日: july(2) }),
      row('生浜', '子育てサロン', 4, 40, { 年度: '令和7年度', 報告日: july(3) }),
    ]);
    const typed = addSheet(wb, '日付', ACTIVITY_HEADERS, [row('生浜', '見守り・声かけ活動', 3, 30, { 報告日: 20260615 })]);
    typed.getCell('D2').numFmt = 'yyyy/m/d';
    addSheet(wb, '見出し', headers, [row('生浜', '見守り・声かけ活動', 3, 30, { 報告日: june(4) })]);
    const sums = addSheet(wb, '合計', ACTIVITY_HEADERS, [row('生浜', '見守り・声かけ活動', 3, 30, { 報告日: june(5) }), row('生浜', '子育てサロン', 4, 40, { 報告日: june(5) })]);
    sums.addRow(['小計', null, null, null, null, null, 6, 70]);
    sums.name = '生浜の報告';
    const file = await save(wb, dir, '生浜.xlsx');
    const r = await sasaeai(['validate', file, '--format', 'json', '--today', '2026-08-01']);
    const issues = json<{ issues: Issue[] }>(r).issues;
    const pick = (code: string) => issues.filter((i) => i.code === code).map((i) => [i.sheet, i.cell ?? i.row, i.severity]);
    expect(pick('stale_fiscal_year')).toEqual([['前年度のまま', 'A2', 'error']]);
    expect(pick('report_after_closing')).toEqual([]);
    const date = issues.find((i) => i.sheet === '日付' && i.code === 'invalid_date');
    expect(date?.message).toContain('20260615');
    expect(date?.message).toContain('2026/6/15');
    expect(date?.message).not.toContain('Invalid Date');
    expect(pick('column_not_recognised')).toEqual([['見出し', 'H1', 'error']]);
    expect(issues.find((i) => i.code === 'column_not_recognised')?.message).toContain('参加者数');
    expect(pick('totals_mismatch')).toEqual([['生浜の報告', 'G4', 'warning']]);
    expect(r.code).toBe(1);
  });

  it('names written another way: 松ヶ丘 for the roster’s 松ケ丘, and the closest names otherwise', async () => {
    const ok = await sasaeai(['template', '--district', '松ヶ丘', '-o', join(dir, 't.xlsx')]);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const bad = await sasaeai(['template', '--district', '松丘', '-o', join(dir, 't2.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('松ケ丘');
  });
});
