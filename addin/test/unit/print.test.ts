/**
 * The add-in writes the same print settings as the CLI (A4, one page wide, print titles, print area
 * without the figure ids, header and footer), through worksheet.pageLayout (ExcelApi 1.9) — checked
 * against the fake office.js, which enforces Excel's limits.
 */
import { blankReturnSheet, headerRowIndex, requirePlan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { fake, typeGrid } from '../fake-office/install.js';
import { createReturnSheet } from '../../src/app/operations.js';
import { run } from '../../src/excel/run.js';
import { rollUpSheets } from './fake-workbook.js';

const plan = requirePlan(chibaPlan);

const pageLayout = (sheet: string) => fake.pageLayout(sheet);

beforeEach(() => fake.reset());

describe('print settings in the add-in', () => {
  it('the ward progress: A4, one page wide, header row repeated, figure ids outside the print area', async () => {
    const gen = generateReturns(plan, { seed: 5, rows: 40, badShare: 0, fiscalYear: 2025, wards: ['12101'], rowsPerSheet: 20 });
    const ids = gen.grids.map((g, i) => {
      const id = fake.addSheet(`R${i + 1}`);
      typeGrid(`R${i + 1}`, g.cells);
      return id;
    });
    const names = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    const summary = pageLayout(names[0]!);
    expect(summary).toMatchObject({ paperSize: 'A4', orientation: 'Portrait', zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
    expect(summary.headersFooters).toMatchObject({ leftHeader: '令和7年度 中央区 区計画の推進状況', centerHeader: '&A', rightHeader: '令和7年度', centerFooter: '&P / &N' });
    // 概要: item, value, share print; the figure id column (D) does not
    const header = fake.values(names[0]!)[summary.printTitleRows ? Number(/\d+/.exec(summary.printTitleRows)![0]) - 1 : 0]!;
    expect(header).toEqual(['項目', '件数・合計', '割合', '図表ID']);
    expect(summary.printArea).toMatch(/^A1:C\d+$/);
    expect(summary.margins.left).toBeCloseTo(28.8);
    // a note too long for the printed width spans the printed columns (and only such a note)
    expect(summary.merges.length).toBeGreaterThan(0);
    for (const m of summary.merges) expect(m).toMatch(/^A(\d+):C\1$/);
    const wide = names.map(pageLayout).filter((p) => p.orientation === 'Landscape');
    expect(wide.length).toBeGreaterThan(0);
  });

  it('the blank return: one page, rows tall enough to write in', async () => {
    const model = blankReturnSheet(plan, 'district-activity', { ward: '12101', fiscalYear: 2026, lang: 'ja', rows: 30 });
    const made = await createReturnSheet(plan, 'ja', { templateId: 'district-activity', ward: '12101', fiscalYear: 2026, rows: 30 });
    const p = pageLayout(made.sheet);
    const h = headerRowIndex(model);
    expect(p).toMatchObject({ paperSize: 'A4', orientation: 'Landscape', zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, printTitleRows: `$${h + 1}:$${h + 1}` });
    expect(p.printArea).toBe(`A1:${String.fromCharCode(64 + model.columns.length)}${h + 1 + 30}`);
    expect(p.rowHeights[String(h + 1)]).toBeGreaterThanOrEqual(30);
    // its notes fit on a line: nothing merged that the reader would report when it comes back
    expect(p.merges).toEqual([]);
  });

  it('the fake refuses what Excel refuses: a header over 255 characters, a print title that is not whole rows', async () => {
    fake.addSheet('S');
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem('S').pageLayout.headersFooters.defaultForAllPages.leftHeader = 'x'.repeat(254);
        await context.sync();
      }),
    ).rejects.toThrow(/255/);
    await expect(
      run(async (context) => {
        context.workbook.worksheets.getItem('S').pageLayout.setPrintTitleRows('A1:B1');
        await context.sync();
      }),
    ).rejects.toThrow(/whole rows/);
  });
});
