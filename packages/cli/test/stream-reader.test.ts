/**
 * The lean reader (the CLI's) and exceljs's streaming reader give core the same grids as exceljs's
 * whole-workbook reader: merged areas down over rows, hidden rows, the 1904 date system, the saved
 * time.
 */
import { describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { readWorkbook } from '../src/xlsx/read.js';
import { ACTIVITY_HEADERS, addSheet, goodRow, save, tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const dir = tempDir();
const TODAY = ['--today', '2026-07-01'];

/** 年度・区・地区部会・報告日 merged down over a district's rows, a hidden row, a title merged across. */
async function mergedReturn(name: string, date1904: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.modified = new Date(Date.UTC(2026, 5, 20, 9, 30));
  if (date1904) wb.properties.date1904 = true;
  const report = new Date(Date.UTC(2026, 5, 15));
  const ws = addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [
    goodRow({ 地区部会: '寒川', 取組み: '見守り・声かけ活動', 実施回数: 12, 参加者数: 240, 報告日: report }),
    goodRow({ 地区部会: '寒川', 取組み: 'ふれあい・いきいきサロン', 実施回数: 10, 参加者数: 180, 報告日: report }),
    goodRow({ 地区部会: '寒川', 取組み: '子育てサロン', 実施回数: 5, 参加者数: 60, 報告日: report }),
    goodRow({ 地区部会: '稲毛', 区: '稲毛区', 取組み: '多世代交流', 実施回数: 3, 参加者数: 30, 報告日: report }),
  ]);
  for (const col of ['A', 'B', 'C', 'D']) ws.mergeCells(`${col}2:${col}4`);
  ws.getRow(5).hidden = true;
  // A second sheet: a merge down whose covered rows hold nothing else, a hidden row inside it.
  const other = wb.addWorksheet('メモ');
  other.getCell('B3').value = 'まとめ';
  other.mergeCells('B3:C6');
  other.getRow(4).hidden = true;
  other.mergeCells('A1:E1');
  other.getCell('A1').value = 'タイトル';
  return save(wb, dir, name);
}

describe('the streaming reader', () => {
  for (const date1904 of [false, true])
    it(`passes merges, hidden rows${date1904 ? ' and the 1904 date system' : ''} as the whole reader does`, async () => {
      const file = await mergedReturn(`merged${date1904 ? '-1904' : ''}.xlsx`, date1904);
      const full = await readWorkbook(file, { mode: 'full', source: 'r.xlsx' });
      const stream = await readWorkbook(file, { mode: 'stream', source: 'r.xlsx' });
      expect([full.reader, stream.reader]).toEqual(['full', 'stream']);
      expect(stream.sheets).toEqual(full.sheets);
      expect(stream.savedAt).toBe(full.savedAt);
      const lean = await readWorkbook(file, { source: 'r.xlsx' });
      expect(lean.reader).toBe('lean');
      expect(lean.sheets).toEqual(full.sheets);
      expect(lean.savedAt).toBe(full.savedAt);
      expect(lean.savedAt).toBe('2026-06-20T09:30:00.000Z');
      const grid = stream.sheets[0]!.grid;
      expect(grid.merges).toEqual(['A2:A4', 'B2:B4', 'C2:C4', 'D2:D4']);
      expect(grid.hiddenRows).toEqual([5]);
      expect(grid.date1904).toBe(date1904 ? true : undefined);
      expect(grid.cells[1]?.[3]).toEqual(new Date(Date.UTC(2026, 5, 15)));
      expect(stream.sheets[1]!.grid.merges).toEqual(['B3:C6']);
      expect(stream.sheets[1]!.grid.hiddenRows).toEqual([4]);
    });

  it('gives the same issues and totals in `validate --reader stream` as with the whole reader', async () => {
    const file = await mergedReturn('merged-validate.xlsx', false);
    const [full, stream, lean] = await Promise.all(
      ['full', 'stream', 'lean'].map(async (reader) => json(await sasaeai(['validate', file, '--format', 'json', '--reader', reader, ...TODAY]))),
    );
    const codes = (out: { issues: { code: string; cell: string | null; severity: string }[] }) =>
      out.issues.map((i) => [i.code, i.cell, i.severity]);
    expect(codes(stream)).toEqual(codes(full));
    expect(codes(stream)).toContainEqual(['merged_cells_filled', 'A2', 'info']);
    expect(codes(stream).map((c) => c[0])).toContain('hidden_rows_counted');
    expect(codes(stream).filter((c) => c[2] === 'error')).toEqual([]);
    expect(stream.issues).toEqual(full.issues);
    expect(lean.issues).toEqual(full.issues);
  });
});
