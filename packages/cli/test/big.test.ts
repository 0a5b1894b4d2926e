/**
 * 100 000 rows: the size a city-wide batch can reach. The workbook is generated once per run
 * with core's deterministic sample generator and written with exceljs's streaming writer; the CLI
 * must read it with the lean reader (which streams each sheet), count every row and find exactly
 * the bad ones.
 */
import { join } from 'node:path';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { requirePlan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const ROWS = 100_000;
let file: string;
let expected: ReturnType<typeof generateReturns>['expected'];

beforeAll(async () => {
  const plan = requirePlan(chibaPlan);
  const gen = generateReturns(plan, { seed: 'cli-100k', rows: ROWS, badShare: 0.01 });
  expected = gen.expected;
  // SASAEAI_BIG_FILE keeps the workbook somewhere known, for measuring by hand (docs/cli.md).
  file = process.env['SASAEAI_BIG_FILE'] ?? join(tempDir(), 'city-wide-100k.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  for (const grid of gen.grids) {
    const ws = wb.addWorksheet(grid.sheet);
    for (const cells of grid.cells) {
      const row = ws.addRow(cells.map((c) => (c === undefined ? null : c)));
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy/m/d';
      });
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}, 300_000);

describe('a 100 000-row workbook', () => {
  it('is read by the lean reader, every row is checked, and exactly the bad rows have errors', async () => {
    const r = await sasaeai(['validate', file, '--format', 'json', '--max-issues', '20', '--timings', '--today', expected.asOf]);
    expect(r.code).toBe(1);
    const out = json(r);
    expect(out.files[0]).toMatchObject({ readable: true, reader: 'lean' });
    expect(out.summary).toMatchObject({ rowsRead: expected.rows, rowsWithErrors: expected.badRows, filesUnreadable: 0 });
    expect(out.issues).toHaveLength(20);
    expect(out.omittedIssues).toBeGreaterThan(0);
    // --timings reports on stderr, the only thing there in JSON mode.
    expect(r.stderr).toMatch(
      /^timings: total \d+ ms · start-up \d+ ms \(\d+%\) · read \d+ ms \(\d+%\) · validate \d+ ms \(\d+%\) · resubmissions \d+ ms \(\d+%\) · output \d+ ms \(\d+%\) · rows 100000 · readers lean\n$/,
    );
  }, 300_000);
});
