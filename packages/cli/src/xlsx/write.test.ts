import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as XL from 'exceljs';
import { ExcelJS } from './exceljs.js';
import { lt, type SheetModel, type WorkbookModel } from '@sasaeai/core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/fixtures.js';
import { sheetXml, zipPart } from '../../test/zip.js';
import { readWorkbook } from './read.js';
import { writeWorkbookFile } from './write.js';

const dir = tempDir();

const longList = Array.from({ length: 60 }, (_, i) => `地区部会その${i + 1}`);

const returnSheet: SheetModel = {
  id: 'return',
  name: lt('活動状況報告', 'Activity return'),
  preamble: { title: lt('地区部会 活動状況報告', 'District activity return'), lines: [lt('令和8年度', 'FY2026')] },
  columns: [
    { key: 'district', header: lt('地区部会', 'District'), kind: 'enum', width: 14, validation: { type: 'list', values: longList } },
    {
      key: 'status',
      header: lt('実施状況', 'Status'),
      kind: 'enum',
      validation: { type: 'list', values: ['実施済み', '実施中', '未着手', '中止'] },
      prompt: lt('一覧から選んでください', 'Choose from the list'),
      errorAlert: lt('実施状況は一覧から選んでください。', 'Choose a status from the list.'),
    },
    {
      key: 'sessions',
      header: lt('実施\n回数', 'Sessions'),
      kind: 'integer',
      validation: { type: 'whole', min: 0 },
      prompt: lt('0以上の整数', 'A whole number, 0 or more'),
    },
    { key: 'reportDate', header: lt('報告日', 'Report date'), kind: 'date', validation: { type: 'date', min: '2026-04-01', max: '2027-04-30' } },
    { key: 'outcomes', header: lt('成果', 'Outcomes'), kind: 'text', validation: { type: 'textLength', max: 400 } },
    { key: 'rate', header: lt('達成率', 'Rate'), kind: 'percent' },
    { key: 'ok', header: lt('成果事例', 'Success case'), kind: 'boolean' },
  ],
  rows: [
    ['寒川', '実施済み', 12, { date: '2026-06-15' }, '=HYPERLINK("http://evil")', 0.85, true],
    ['松ケ丘', '実施中', 3, { date: '2026-07-01' }, '+81 43 245 5111 へ連絡', 1.2, false],
    ['新宿', '未着手', null, null, '-', null, null],
    ['本千葉', '中止', 0, null, '@mention\n二行目', null, null],
  ],
  blankRows: 20,
  freezeHeader: true,
  tableName: 'Return 2026',
  metadata: { 'sasaeai.template': 'district-activity' },
};

const sourcesSheet: SheetModel = {
  id: 'sources',
  name: lt('出典', 'Sources'),
  columns: [
    { key: 'row', header: lt('行', 'Row'), kind: 'link' },
    { key: 'note', header: lt('メモ', 'Note'), kind: 'text' },
  ],
  rows: [
    [{ link: { text: '活動状況報告 A5', sheet: 'return', cell: 'A5' } }, '=1+1'],
    [{ link: { text: 'by name', sheet: '活動状況報告', cell: 'B6' } }, null],
  ],
};

const model: WorkbookModel = { sheets: [returnSheet, sourcesSheet], metadata: { 'sasaeai.plan': 'chiba-sasaeai' } };

async function load(file: string): Promise<XL.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe('writeWorkbookFile', () => {
  it('writes every string as a string cell, never a formula', async () => {
    const file = join(dir, 'model.xlsx');
    await writeWorkbookFile(model, file, { lang: 'ja' });
    const wb = await load(file);
    const ws = wb.getWorksheet('活動状況報告')!;
    // preamble (2 lines) + blank row, header on row 4
    expect(ws.getCell('A1').value).toBe('地区部会 活動状況報告');
    expect(ws.getRow(4).values).toEqual([undefined, '地区部会', '実施状況', '実施\n回数', '報告日', '成果', '達成率', '成果事例']);
    for (const [address, text] of [
      ['E5', '=HYPERLINK("http://evil")'],
      ['E6', '+81 43 245 5111 へ連絡'],
      ['E7', '-'],
      ['E8', '@mention\n二行目'],
    ] as const) {
      const cell = ws.getCell(address);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    const xml = sheetXml(file, 1);
    expect(xml).not.toContain('<f>');
    expect(wb.getWorksheet('出典')!.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });

  it('writes dates as dates, numbers with formats, and the frozen header and table', async () => {
    const file = join(dir, 'model.xlsx');
    const wb = await load(file);
    const ws = wb.getWorksheet('活動状況報告')!;
    expect(ws.getCell('D5').value).toEqual(new Date(Date.UTC(2026, 5, 15)));
    expect(ws.getCell('D5').numFmt).toBe('yyyy/m/d');
    expect(ws.getCell('C5').value).toBe(12);
    expect(ws.getCell('C5').numFmt).toBe('#,##0');
    expect(ws.getCell('F5').numFmt).toBe('0.0%');
    expect(ws.getCell('G5').value).toBe(true);
    // blank rows are prepared with formats too
    expect(ws.getCell('E20').numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(1).width).toBe(14);
    const xml = sheetXml(file, 1);
    expect(xml).toMatch(/<tablePart /);
    const table = zipPart(file, 'xl/tables/table1.xml');
    expect(table).toMatch(/name="Return_2026"/);
    expect(table).toMatch(/ref="A4:G28"/);
  });

  it('writes data validation with prompts and error alerts, long lists on a hidden sheet', async () => {
    const file = join(dir, 'model.xlsx');
    const wb = await load(file);
    const ws = wb.getWorksheet('活動状況報告')!;
    const dv = (ws as unknown as { dataValidations: { model: Record<string, XL.DataValidation> } }).dataValidations.model;
    const at = (a: string) => dv[a] ?? Object.entries(dv).find(([k]) => k.startsWith(a + ':'))?.[1];
    expect(at('B5')).toMatchObject({
      type: 'list',
      formulae: ['"実施済み,実施中,未着手,中止"'],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '実施状況は一覧から選んでください。',
      prompt: '一覧から選んでください',
    });
    expect(at('A5')).toMatchObject({ type: 'list', formulae: ['_sasaeai_lists!$A$1:$A$60'] });
    expect(at('C28')).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(at('E5')).toMatchObject({ type: 'textLength', formulae: [400] });
    expect(at('D5')).toMatchObject({ type: 'date' });
    const lists = wb.getWorksheet('_sasaeai_lists')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell('A60').value).toBe('地区部会その60');
  });

  it('writes internal links that point into the workbook, and records metadata', async () => {
    const file = join(dir, 'model.xlsx');
    const xml = sheetXml(file, 2);
    expect(xml).toContain('<hyperlink ref="A2" location="&apos;活動状況報告&apos;!A5"/>');
    expect(xml).not.toMatch(/r:id=/);
    expect(zipPart(file, 'xl/worksheets/_rels/sheet2.xml.rels') ?? '').not.toMatch(/External/);
    const read = await readWorkbook(file);
    expect(read.metadata.workbook).toMatchObject({ 'sasaeai.plan': 'chiba-sasaeai', 'sasaeai.generator': 'sasaeai' });
    expect(read.metadata.sheets['活動状況報告']).toEqual({ 'sasaeai.sheetId': 'return', 'sasaeai.template': 'district-activity' });
    expect(read.sheets.map((s) => s.grid.sheet)).toEqual(['活動状況報告', '出典']);
    expect(read.sheets[1]?.grid.cells[1]).toEqual(['活動状況報告 A5', '=1+1']);
  });

  it('writes English headers with --lang en and leaves no temporary file behind', async () => {
    const file = join(dir, 'model-en.xlsx');
    await writeWorkbookFile(model, file, { lang: 'en' });
    const wb = await load(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Activity return', 'Sources', '_sasaeai_lists', '_sasaeai']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

