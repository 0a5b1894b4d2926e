import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as XL from 'exceljs';
import { ExcelJS } from './exceljs.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_HEADERS, addSheet, badFiles, goodRow, save, tempDir } from '../../test/fixtures.js';
import { readWorkbook, type ReaderMode } from './read.js';

const dir = tempDir();

async function mixedWorkbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  ws.getCell('A1').value = '文字';
  ws.getCell('B1').value = 12;
  ws.getCell('C1').value = true;
  ws.getCell('D1').value = new Date(Date.UTC(2026, 4, 1));
  ws.getCell('D1').numFmt = 'yyyy/m/d';
  ws.getCell('E1').value = { error: '#N/A' } as XL.CellErrorValue;
  ws.getCell('A2').value = { richText: [{ text: '見守り' }, { text: '・声かけ', font: { bold: true } }] };
  ws.getCell('B2').value = { text: '市のページ', hyperlink: 'https://www.city.chiba.jp/' };
  ws.getCell('C2').value = { formula: 'B1*2', result: 24 };
  ws.getCell('D2').value = { formula: 'B1*3' } as XL.CellFormulaValue;
  ws.getCell('E2').value = { formula: 'NA()', result: { error: '#N/A' } } as XL.CellFormulaValue;
  ws.getCell('A3').value = { formula: 'B1+1', result: 13 };
  ws.getCell('A4').value = { sharedFormula: 'A3', result: 14 } as unknown as XL.CellValue;
  ws.getCell('C3').value = '=SUM(A1)';
  // Row 5 left blank; a value in row 6 keeps row numbers.
  ws.getCell('B6').value = '寒川';
  ws.mergeCells('B6:B8');
  ws.mergeCells('A10:E10');
  ws.getCell('A10').value = 'タイトル';
  const hidden = wb.addWorksheet('隠し');
  hidden.state = 'hidden';
  hidden.getCell('A1').value = 'x';
  return save(wb, dir, 'mixed.xlsx');
}

describe('readWorkbook', () => {
  it('reads a return whose formatting runs to row 1,048,576 as the same return', async () => {
    const lean = await mixedWorkbook();
    const files = unzipSync(readFileSync(lean));
    const rows: string[] = [];
    for (let r = 40; r <= 1_048_576; r++) rows.push(`<row r="${r}" s="1" customFormat="1"/>`);
    // A styled, value-less cell inside a row is dropped with its row; a row with a value stays.
    rows.push('<row r="1048577"><c r="A1048577" s="1"/></row>');
    const sheet = 'xl/worksheets/sheet1.xml';
    files[sheet] = strToU8(strFromU8(files[sheet]!).replace('</sheetData>', rows.join('') + '</sheetData>'));
    const bloated = join(dir, 'bloated.xlsx');
    writeFileSync(bloated, zipSync(files, { level: 6 }));
    for (const mode of ['full', 'lean'] as ReaderMode[]) {
      const a = await readWorkbook(lean, { mode, source: 'x' });
      const b = await readWorkbook(bloated, { mode, source: 'x' });
      expect(b.reader).toBe(mode);
      expect(b.sheets.map((s) => s.grid)).toEqual(a.sheets.map((s) => s.grid));
      expect(b.issues).toEqual(a.issues);
    }
  });

  it('keeps rows with values among empty ones wherever the inflated chunks of a bloated sheet are cut', async () => {
    const files = unzipSync(readFileSync(await mixedWorkbook()));
    const rows: string[] = [];
    for (let r = 40; r <= 60_000; r++) {
      // Every 997th row holds a value and long text, so rows fall across the chunks' ends.
      if (r % 997 === 0)
        rows.push(`<row r="${r}"><c r="A${r}" s="1"/><c r="B${r}"><v>${r}</v></c><c r="C${r}" t="inlineStr"><is><t>${'見守り'.repeat(r % 50)}</t></is></c></row>`);
      // Runs of rows with no cell at all, then rows with a styled value-less cell.
      else if (r % 997 < 500) rows.push(`<row r="${r}" spans="1:14" s="1" customFormat="1" ht="18" customHeight="1"/>`);
      else rows.push(`<row r="${r}" spans="1:14" s="1" customFormat="1" ht="18" customHeight="1"><c r="A${r}" s="1"/></row>`);
    }
    const sheet = 'xl/worksheets/sheet1.xml';
    files[sheet] = strToU8(strFromU8(files[sheet]!).replace('</sheetData>', rows.join('') + '</sheetData>'));
    expect(files[sheet]!.length).toBeGreaterThan(3 * 1024 * 1024);
    const bloated = join(dir, 'bloated-values.xlsx');
    writeFileSync(bloated, zipSync(files, { level: 6 }));
    // The streaming reader reads the sheet as it is, with no row dropped.
    const whole = await readWorkbook(bloated, { mode: 'full', source: 'x' });
    const streamed = await readWorkbook(bloated, { mode: 'stream', source: 'x' });
    // (It loses a formula's cached error in row 2: compared from the rows added on.)
    expect(whole.sheets[0]!.grid.cells.slice(39)).toEqual(streamed.sheets[0]!.grid.cells.slice(39));
    // The lean reader reads it all alike, streamed in chunks too (the sheet is over 3 MB).
    expect((await readWorkbook(bloated, { source: 'x' })).sheets).toEqual(whole.sheets);
    const lean = await readWorkbook(await mixedWorkbook(), { mode: 'full', source: 'x' });
    const top = lean.sheets[0]!.grid.cells;
    expect(whole.sheets[0]!.grid.cells.slice(0, top.length)).toEqual(top);
    expect(whole.sheets[0]!.grid.cells.slice(top.length, 39).flat()).toEqual([]);
    expect(whole.sheets[0]!.grid.cells[59_820 - 1]?.[1]).toBe(59_820);
    expect(whole.sheets[0]!.grid.cells.filter((r) => r.length > 0)).toHaveLength(6 + 60);
  });

  it('notes formulas without a saved result when no formula of the workbook has one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('報告');
    ws.getCell('A1').value = 1;
    ws.getCell('B1').value = { formula: 'A1*2' } as XL.CellFormulaValue;
    ws.getRow(3).hidden = true;
    ws.getCell('A3').value = 'x';
    const read = await readWorkbook(await save(wb, dir, 'uncalculated.xlsx'), { mode: 'full' });
    expect(read.issues.map((i) => [i.code, i.cell])).toEqual([['formula_no_result', 'B1']]);
    expect(read.sheets[0]!.grid.hiddenRows).toEqual([3]);
    expect(read.sheets[0]!.grid.date1904).toBeUndefined();
    const mac = new ExcelJS.Workbook();
    mac.properties.date1904 = true;
    mac.addWorksheet('報告').getCell('A1').value = 44681;
    expect((await readWorkbook(await save(mac, dir, 'mac.xlsx'), { mode: 'full' })).sheets[0]!.grid.date1904).toBe(true);
    expect(read.savedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(read.fileTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  for (const mode of ['full', 'stream', 'lean'] as ReaderMode[]) {
    it(`turns workbook values into raw cells (${mode} reader)`, async () => {
      const file = await mixedWorkbook();
      const wb = await readWorkbook(file, { mode, source: 'mixed.xlsx' });
      expect(wb.ok).toBe(true);
      expect(wb.reader).toBe(mode);
      expect(wb.sheets.map((s) => [s.grid.sheet, s.state])).toEqual([
        ['報告', 'visible'],
        ['隠し', 'hidden'],
      ]);
      const cells = wb.sheets[0]!.grid.cells;
      expect(wb.sheets[0]!.grid.source).toBe('mixed.xlsx');
      expect(cells[0]).toEqual(['文字', 12, true, new Date(Date.UTC(2026, 4, 1)), { error: '#N/A' }]);
      expect(cells[1]?.slice(0, 3)).toEqual(['見守り・声かけ', '市のページ', 24]);
      expect(cells[1]?.[3] ?? null).toBeNull();
      // The streaming reader loses a formula's cached error value: the cell is blank, with a note.
      expect(cells[1]?.[4] ?? null).toEqual(mode === 'stream' ? null : { error: '#N/A' });
      expect(cells[2]?.[0]).toBe(13);
      expect(cells[2]?.[2]).toBe('=SUM(A1)');
      expect(cells[3]?.[0]).toBe(14);
      expect(cells[4]).toEqual([]);
      expect(cells[5]).toEqual([null, '寒川']);
      expect(cells[6] ?? []).toEqual([]);
      expect(cells[9]).toEqual(['タイトル']);
      const notes = wb.issues.map((i) => [i.code, i.severity, i.sheet, i.cell]);
      // Other formulas of the workbook have saved results, so the full reader reads D2's missing
      // one as an empty result; the streaming reader, which loses cached errors too, notes it.
      if (mode === 'stream') {
        expect(notes).toContainEqual(['formula_no_result', 'warning', '報告', 'D2']);
        expect(notes).toContainEqual(['formula_no_result', 'warning', '報告', 'E2']);
      } else expect(notes).toEqual([]);
      // Merged areas across rows are passed to core, which applies them; a title merged across
      // columns is not a merge down over rows.
      expect(wb.sheets[0]!.grid.merges).toEqual(['B6:B8']);
      expect(wb.sheets[0]!.grid.formulas?.['C2']).toBe('B1*2');
    });
  }

  it('reads back the metadata of a workbook and keeps the adapter sheets out of the grids', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [goodRow()]);
    const meta = wb.addWorksheet('_sasaeai');
    meta.state = 'hidden';
    meta.addRows([
      ['sheet', 'key', 'value'],
      ['', 'sasaeai.plan', 'chiba-sasaeai'],
      ['活動状況報告', 'sasaeai.template', 'district-activity'],
    ]);
    wb.addWorksheet('_sasaeai_lists').state = 'hidden';
    const read = await readWorkbook(await save(wb, dir, 'meta.xlsx'));
    expect(read.sheets.map((s) => s.grid.sheet)).toEqual(['活動状況報告']);
    expect(read.metadata).toEqual({
      workbook: { 'sasaeai.plan': 'chiba-sasaeai' },
      sheets: { 活動状況報告: { 'sasaeai.template': 'district-activity' } },
    });
  });

  it('gives one clear file-level issue for files that are not readable workbooks', async () => {
    const bad = badFiles(dir);
    writeFileSync(join(dir, 'word.xlsx'), Buffer.from('PK\u0005\u0006' + '\0'.repeat(18), 'latin1'));
    // A workbook whose copy stopped half way: a zip without its central directory.
    const whole = readFileSync(await mixedWorkbook());
    writeFileSync(join(dir, 'half.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    const cases: [string, string][] = [
      [bad.empty, 'file_empty'],
      [bad.text, 'file_not_xlsx'],
      [bad.corrupt, 'file_unreadable'],
      [bad.encrypted, 'file_encrypted'],
      [bad.xls, 'file_not_xlsx'],
      [join(dir, 'word.xlsx'), 'file_not_xlsx'],
      [join(dir, 'half.xlsx'), 'file_unreadable'],
      [join(dir, 'missing.xlsx'), 'file_not_found'],
      [dir, 'file_unreadable'],
    ];
    for (const mode of ['full', 'stream', 'lean'] as ReaderMode[])
      for (const [file, code] of cases) {
        const read = await readWorkbook(file, { mode });
        expect({ file, ok: read.ok, codes: read.issues.map((i) => i.code) }).toEqual({ file, ok: false, codes: [code] });
        expect(read.issues[0]?.message.ja).toMatch(/[ぁ-んァ-ン一-龥]/);
        expect(read.issues[0]?.message.en).not.toMatch(/at .*\.js:\d+/);
      }
  });

  it('reads date cells as UTC-midnight Dates in every reader', async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, 'S', ['報告日'], [[new Date(Date.UTC(2027, 2, 31))]]);
    const file = await save(wb, dir, 'dates.xlsx');
    for (const mode of ['full', 'stream', 'lean'] as ReaderMode[]) {
      const read = await readWorkbook(file, { mode });
      expect(read.sheets[0]?.grid.cells[1]?.[0]).toEqual(new Date(Date.UTC(2027, 2, 31)));
    }
  });

  it('keeps Japanese text intact across the chunks of the streaming reader (exceljs#2084)', async () => {
    const wb = new ExcelJS.Workbook();
    const words = ['ボランティア・NPO', '民生委員・児童委員', '見守り・声かけ活動', 'ふれあい・いきいきサロン', '地域の居場所づくり'];
    const texts = Array.from({ length: 6000 }, (_, i) => `${words[i % 5]}、${i}件目の成果：高齢者世帯を訪問した。`);
    addSheet(wb, '長い報告', ['成果'], texts.map((t) => [t]));
    const file = await save(wb, dir, 'long-japanese.xlsx');
    const read = await readWorkbook(file, { mode: 'stream' });
    const cells = read.sheets[0]!.grid.cells.slice(1).map((r) => r[0]);
    expect(cells.filter((c) => typeof c === 'string' && c.includes('\uFFFD'))).toEqual([]);
    expect(cells).toEqual(texts);
  });
});
