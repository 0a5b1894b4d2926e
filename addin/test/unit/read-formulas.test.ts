/**
 * What the add-in passes core besides the values, as the CLI does (issue 12): the formulas of
 * formula cells (a =SUM totals row is left out, with its check against the rows above) and the
 * workbook's 1904 date system — and that reading them costs no round trip per row (issue 16).
 * Against the fake office.js; two differently shaped plans (Chiba's and the custom town plan).
 */
import type { Plan } from '@sasaeai/core';
import { describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { validateInPlace } from '../../src/app/operations.js';
import { layoutUnavailable } from '../../src/excel/read.js';
import { chiba, CHIBA_RETURN, freshWorkbookEachTest, readActive, town, TOWN_RETURN } from './fake-workbook.js';

freshWorkbookEachTest();

/** A return of three rows in each plan's shape; `sum` is the column letters of its summed counts. */
const RETURNS: { name: string; plan: Plan; rows: (string | number)[][]; sums: string[]; dateCol: string | null }[] = [
  {
    name: 'Chiba',
    plan: chiba,
    rows: CHIBA_RETURN,
    sums: ['G', 'H'],
    dateCol: 'D',
  },
  {
    name: 'town',
    plan: town,
    rows: TOWN_RETURN,
    sums: ['D', 'E'],
    dateCol: null,
  },
];

describe('a totals row made with =SUM', () => {
  for (const r of RETURNS) {
    it(`is left out with one info issue, and checked against the rows above (${r.name} plan)`, async () => {
      fake.type('Sheet1', 'A1', r.rows);
      // The person typing summed only the first two rows in the first column: 合計 disagrees.
      fake.type('Sheet1', `${r.sums[0]}5`, `=SUM(${r.sums[0]}2:${r.sums[0]}3)`);
      fake.type('Sheet1', `${r.sums[1]}5`, `=SUM(${r.sums[1]}2:${r.sums[1]}4)`);
      const grid = await readActive();
      expect(grid.formulas).toEqual({ [`${r.sums[0]}5`]: `SUM(${r.sums[0]}2:${r.sums[0]}3)`, [`${r.sums[1]}5`]: `SUM(${r.sums[1]}2:${r.sums[1]}4)` });
      const v = await validateInPlace(r.plan, {});
      expect(v.result.records).toHaveLength(3);
      expect(v.result.leftOut).toEqual([5]);
      expect(v.result.issues.filter((i) => i.code === 'totals_row_skipped')).toHaveLength(1);
      expect(v.result.issues.filter((i) => i.code === 'totals_mismatch').map((i) => i.row)).toEqual([5]);
      expect(v.result.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(layoutUnavailable.size).toBe(0);
    });
  }

  it('is a row of errors on an Excel without getSpecialCells (ExcelApi 1.9), and the pane is told why', async () => {
    const r = RETURNS[0]!;
    fake.type('Sheet1', 'A1', r.rows);
    fake.type('Sheet1', 'G5', '=SUM(G2:G3)');
    fake.type('Sheet1', 'H5', '=SUM(H2:H4)');
    fake.setExcelApi('1.8');
    const v = await validateInPlace(r.plan, {});
    expect(layoutUnavailable.has('formulas')).toBe(true);
    expect(v.result.leftOut).toEqual([]);
    expect(v.result.issues.some((i) => i.severity === 'error' && i.row === 5)).toBe(true);
  });
});

describe('a workbook with the 1904 date system', () => {
  it('reads its dates as typed (Chiba plan, dates in the 報告日 column)', async () => {
    fake.setDate1904(true);
    const r = RETURNS[0]!;
    fake.type('Sheet1', 'A1', r.rows);
    // The cell holds the 1904 serial: 1,462 days below the same date in a 1900 workbook.
    expect(fake.cell('Sheet1', 'D2').value).toBe(45930 - 1462);
    const grid = await readActive();
    expect(grid.date1904).toBe(true);
    const v = await validateInPlace(r.plan, {});
    expect(v.result.issues.filter((i) => i.severity !== 'info')).toEqual([]);
    expect(v.result.records.map((x) => x.values.reportDate)).toEqual(['2025-09-30', '2025-09-30', '2025-09-30']);
  });

  it('is read as 1900 in a 1900 workbook (town plan: no date column, no flag either way)', async () => {
    fake.type('Sheet1', 'A1', RETURNS[1]!.rows);
    const grid = await readActive();
    expect(grid.date1904).toBeUndefined();
    expect(layoutUnavailable.has('dateSystem')).toBe(false);
    const v = await validateInPlace(town, {});
    expect(v.result.records).toHaveLength(3);
  });

  it('cannot be told on an Excel without worksheet functions (ExcelApi 1.2): the pane is told', async () => {
    fake.setDate1904(true);
    fake.type('Sheet1', 'A1', RETURNS[0]!.rows);
    fake.setExcelApi('1.1');
    const grid = await readActive();
    expect(grid.date1904).toBeUndefined();
    expect(layoutUnavailable.has('dateSystem')).toBe(true);
  });
});

describe('round trips of a read (issue 16)', () => {
  it('is two syncs for 200 and for 10,000 rows with merged cells, hidden rows and formulas: the layout rides on the values', async () => {
    const counts: number[] = [];
    for (const rows of [200, 10_000]) {
      fake.reset();
      const body = Array.from({ length: rows }, (_, i) => ['令和7年度', '中央区', i % 3 === 0 ? '椿森' : '', '2025/9/30', `取組み${i}`, '実施中', i % 50, 1]);
      fake.type('Sheet1', 'A1', [RETURNS[0]!.rows[0]!, ...body]);
      // Ten merged districts at the top (a sheet with over 512 merged areas costs one more sync).
      for (let i = 0; i < 30; i += 3) fake.merge('Sheet1', `C${i + 2}:C${i + 4}`);
      fake.hideRows('Sheet1', `${rows}:${rows}`);
      fake.type('Sheet1', `G${rows + 2}`, `=SUM(G2:G${rows + 1})`);
      fake.resetStats();
      const grid = await readActive();
      counts.push(fake.stats.syncs);
      expect(grid.cells).toHaveLength(rows + 2);
      expect(grid.merges).toHaveLength(10);
      expect(grid.hiddenRows).toEqual([rows]);
      expect(Object.keys(grid.formulas ?? {})).toEqual([`G${rows + 2}`]);
      for (const q of fake.stats.requests) expect(q.error).toBeUndefined();
    }
    expect(counts).toEqual([2, 2]);
  });
});
