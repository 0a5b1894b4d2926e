/**
 * The operations against the fake workbook in Node: what they write, that marks come and go
 * without a trace, and that the number of round trips does not grow with the rows.
 */
import { blankReturnSheet, dataValidationOf, headerRowIndex, requirePlan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { fake, typeGrid } from '../fake-office/install.js';
import { clearMarks, completenessOf, createReturnSheet, listWorkbook, rollUp, selectCell, validateInPlace, writeIssuesSheet } from '../../src/app/operations.js';
import { validationRule } from '../../src/excel/write.js';
import { Batch } from '../../src/excel/batch.js';
import { queueUsedRange, readGrids } from '../../src/excel/read.js';
import { run } from '../../src/excel/run.js';
import { rollUpSheets } from './fake-workbook.js';

const plan = requirePlan(chibaPlan);
const FIVE_MB = 5 * 1024 * 1024;

function returnSheets(rows: number, perSheet: number, seed = 3) {
  const gen = generateReturns(plan, { seed, rows, badShare: 0.1, fiscalYear: 2025, wards: ['12101'], rowsPerSheet: perSheet });
  const ids = gen.grids.map((g, i) => {
    const name = `R${i + 1}`;
    const id = fake.addSheet(name);
    typeGrid(name, g.cells);
    return id;
  });
  return { gen, ids };
}

beforeEach(() => fake.reset());

describe('validate in place', () => {
  it('lists issues, marks cells and clears the marks leaving values and formats exactly as they were', async () => {
    const gen = generateReturns(plan, { seed: 7, rows: 60, badShare: 0.2, fiscalYear: 2025, wards: ['12101'] });
    typeGrid('Sheet1', gen.grids[0]!.cells);
    fake.fill('Sheet1', 'B3', '#FFFF00');
    fake.addUserConditionalFormat('Sheet1', 'A2:A10', '=A2>0', '#00FF00');
    const before = fake.snapshot('Sheet1');

    const v = await validateInPlace(plan, {});
    expect(v.result.templateId).toBe('district-activity');
    expect(v.result.summary.rowsWithErrors).toBe(gen.expected.badRows);
    expect(new Set(v.result.issues.filter((i) => i.severity === 'error').map((i) => i.row))).toEqual(new Set(gen.expected.bad.map((b) => b.row)));
    const marked = fake.snapshot('Sheet1');
    expect(marked.cells).toEqual(before.cells);
    expect(marked.cfs.slice(0, 1)).toEqual(before.cfs);
    expect(marked.cfs).toHaveLength(1 + v.marks);
    const markedCells = marked.cfs.slice(1).flatMap((cf) => cf.areas);
    for (const i of v.result.issues.filter((x) => x.severity === 'error' && x.cell))
      expect(markedCells.some((a) => a === i.cell || a.split(':')[0]![0] === i.cell![0])).toBe(true);

    // A second validation replaces the marks instead of piling them up.
    const again = await validateInPlace(plan, {});
    expect(again.removedMarks).toBe(v.marks);
    expect(fake.snapshot('Sheet1').cfs).toHaveLength(1 + again.marks);

    expect(await clearMarks(v.sheetId)).toBe(again.marks);
    expect(fake.snapshot('Sheet1')).toEqual(before);
  });

  it('selects the cell of an issue', async () => {
    fake.addSheet('報告');
    await selectCell('報告', 'F12');
    expect(fake.selection()).toEqual({ sheet: '報告', address: 'F12' });
    expect(fake.activeSheet()).toBe('報告');
  });

  it('writes an issues sheet with links to the cells, and replaces it on the next run', async () => {
    const gen = generateReturns(plan, { seed: 11, rows: 30, badShare: 0.3, fiscalYear: 2025, wards: ['12101'] });
    typeGrid('Sheet1', gen.grids[0]!.cells);
    const v = await validateInPlace(plan, {});
    const name = await writeIssuesSheet(plan, 'ja', v);
    const snap = fake.snapshot(name);
    const links = Object.values(snap.cells).filter((c) => c.formula?.startsWith('=HYPERLINK('));
    expect(links.length).toBe(v.result.issues.filter((i) => i.cell).length);
    expect(links[0]!.hyperlink).toMatch(/^#'?Sheet1'?!/);
    expect(Object.values(snap.cells).filter((c) => c.formula && !c.formula.startsWith('=HYPERLINK('))).toEqual([]);
    const again = await writeIssuesSheet(plan, 'ja', v);
    expect(again).toBe(name);
    expect(fake.sheetNames()).toEqual(['Sheet1', name]);
  });

  it('takes the same number of round trips for 100 and for 10,000 rows, none over 5 MB', async () => {
    const counts: number[] = [];
    for (const rows of [100, 10_000]) {
      fake.reset();
      const gen = generateReturns(plan, { seed: 5, rows, badShare: 0.05, fiscalYear: 2025 });
      typeGrid('Sheet1', gen.grids[0]!.cells);
      fake.resetStats();
      const v = await validateInPlace(plan, {});
      expect(v.result.summary.rowsRead).toBeGreaterThanOrEqual(rows);
      counts.push(fake.stats.syncs);
      for (const r of fake.stats.requests) {
        expect(r.error).toBeUndefined();
        expect(r.requestBytes).toBeLessThan(FIVE_MB);
        expect(r.responseBytes).toBeLessThan(FIVE_MB);
      }
      fake.resetStats();
      await clearMarks(v.sheetId);
      counts.push(fake.stats.syncs);
    }
    // Sizes; merged areas, hidden rows, formulas and the date system with the values; marks.
    expect(counts[0]).toBe(3);
    expect(counts[2]).toBe(counts[0]);
    expect(counts[3]).toBe(counts[1]);
  });
});

describe('checking a sheet too large for one response, with conditional formats', () => {
  // A return of 3,000 rows, some of them wrong, with a long narrative in every row: about 6 MB of
  // JSON, so Excel refuses the first read.
  const bigSheet = () => {
    const gen = generateReturns(plan, { seed: 9, rows: 3000, badShare: 0.05, fiscalYear: 2025, wards: ['12101'] });
    typeGrid('Sheet1', gen.grids[0]!.cells);
    const cells = gen.grids[0]!.cells;
    // A note beside each data row (the last 3,000 rows), in a column of its own.
    fake.type('Sheet1', `Z${cells.length - 2999}`, Array.from({ length: 3000 }, (_, r) => [`${r}:${'あ'.repeat(600)}`]));
  };

  it('finds and replaces the marks of an earlier check, keeping the user\'s rule (Excel answers an over-size request with no loads filled)', async () => {
    bigSheet();
    fake.addUserConditionalFormat('Sheet1', 'A1:A10', '=A1<>""', '#00FF00');
    // Marks from an earlier check: a formula-type conditional format of ours.
    const first = await validateInPlace(plan, {});
    expect(first.marks).toBeGreaterThan(0);
    fake.resetStats();
    const again = await validateInPlace(plan, {});
    expect(fake.stats.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(again.removedMarks).toBe(first.marks);
    const cfs = fake.snapshot('Sheet1').cfs;
    expect(cfs.filter((cf) => cf.formula === '=A1<>""')).toHaveLength(1);
    expect(cfs).toHaveLength(1 + again.marks);
  });

  it('tolerates a user-made rule that Excel cannot read (office-js #6827, #6835) and still removes its own marks', async () => {
    fake.type('Sheet1', 'A1', [['x'], ['y']]);
    const gen = generateReturns(plan, { seed: 7, rows: 30, badShare: 0.3, fiscalYear: 2025, wards: ['12101'] });
    typeGrid('Sheet1', gen.grids[0]!.cells);
    fake.addUserConditionalFormat('Sheet1', 'A2:A5', '=A2>0', '#00FF00', { unreadable: true });
    fake.addUserConditionalFormat('Sheet1', 'B2:B5', '=B2>0', '#0000FF');
    const first = await validateInPlace(plan, {});
    expect(first.marks).toBeGreaterThan(0);
    const again = await validateInPlace(plan, {});
    expect(again.removedMarks).toBe(first.marks);
    expect(again.unreadableRules).toBe(1);
    expect(await clearMarks(again.sheetId)).toBe(again.marks);
    expect(fake.snapshot('Sheet1').cfs.map((cf) => cf.formula)).toEqual(['=A2>0', '=B2>0']);
  });
});

describe('reading large sheets', () => {
  it('splits a read that Excel refuses as too large and still returns every row', async () => {
    // 3,000 rows × 10 columns of 200 characters: about 6 MB of JSON, over the 5 MB limit.
    const long = 'あ'.repeat(200);
    fake.type('Sheet1', 'A1', Array.from({ length: 3000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}:${long}`)));
    fake.resetStats();
    const grid = await run(async (context) => {
      const batch = new Batch(context);
      const t = queueUsedRange(context.workbook.worksheets.getActiveWorksheet());
      await batch.sync();
      return (await readGrids(context, batch, [t]))[0]!;
    });
    expect(grid.cells).toHaveLength(3000);
    expect(grid.cells[2999]![9]).toBe(`2999:9:${long}`);
    const ok = fake.stats.requests.filter((r) => !r.error);
    expect(fake.stats.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    for (const r of ok) expect(r.responseBytes).toBeLessThan(FIVE_MB);
  });

  it('reads in several round trips only above the budget', async () => {
    fake.type('Sheet1', 'A1', Array.from({ length: 500 }, (_, r) => [r, `x${r}`]));
    fake.resetStats();
    const grid = await run(async (context) => {
      const batch = new Batch(context, 2000);
      const t = queueUsedRange(context.workbook.worksheets.getActiveWorksheet());
      await batch.sync();
      return (await readGrids(context, batch, [t]))[0]!;
    });
    expect(grid.cells.map((r) => r[0])).toEqual(Array.from({ length: 500 }, (_, r) => r));
    expect(fake.stats.syncs).toBeGreaterThan(5);
  });
});

describe('roll-up', () => {
  it('writes the ward progress with text as text and a chart, and a second run replaces only its own sheets', async () => {
    const { ids } = returnSheets(80, 20);
    // A narrative that would be a formula if written as a plain value.
    fake.type('R1', 'K2', "'=1+1 と書いた成果");
    fake.type('R1', 'L2', "'@課題 -要確認");
    fake.addSheet('メモ');
    const names = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(names.length).toBeGreaterThanOrEqual(3);
    const cells = names.flatMap((n) => Object.values(fake.snapshot(n).cells));
    expect(cells.filter((c) => c.value === '=1+1 と書いた成果' || c.value === '@課題 -要確認').length).toBeGreaterThan(0);
    expect(cells.filter((c) => c.formula !== null && !c.formula.startsWith('=HYPERLINK('))).toEqual([]);
    for (const c of cells) if (typeof c.value === 'string' && c.value !== '' && !c.formula) expect(c.numberFormat).toBe('@');
    const charts = names.flatMap((n) => fake.snapshot(n).charts);
    expect(charts.length).toBeGreaterThanOrEqual(1);
    expect(charts[0]!.title).toBeTruthy();
    expect(charts[0]!.series.every((s) => s.values && s.xValues && s.name)).toBe(true);
    // Each sheet carries its own tag; nothing is kept in settings.
    for (const n of names) expect(JSON.parse(fake.sheetCustomProperties(n)['SasaeaiSheet']!)).toMatchObject({ group: 'ward-progress:12101:2025', state: 'live' });
    expect(fake.settings()['sasaeai.sheets']).toBeUndefined();

    // The user renames one result sheet and makes a sheet with the name of another.
    const sheetsBefore = fake.sheetNames();
    const again = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(again).toEqual(names);
    expect(fake.sheetNames().sort()).toEqual(sheetsBefore.sort());
    expect(fake.sheetNames()).toContain('メモ');
    const listing = await listWorkbook();
    expect(listing.sheets.filter((s) => s.ours).map((s) => s.name).sort()).toEqual([...names].sort());
  });

  it('writes the annual report', async () => {
    const { ids } = returnSheets(40, 20, 9);
    const names = await rollUpSheets(plan, 'en', { sheetIds: ids, fiscalYear: 2025, kind: 'annual' });
    expect(names.length).toBeGreaterThan(0);
  });

  it('takes the same number of round trips for 100 and for 10,000 rows, none over 5 MB', async () => {
    const counts: number[] = [];
    for (const rows of [100, 10_000]) {
      fake.reset();
      const { ids } = returnSheets(rows, Math.ceil(rows / 4), 21);
      fake.resetStats();
      await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
      counts.push(fake.stats.syncs);
      for (const r of fake.stats.requests) {
        expect(r.error).toBeUndefined();
        expect(r.requestBytes).toBeLessThan(FIVE_MB);
        expect(r.responseBytes).toBeLessThan(FIVE_MB);
      }
    }
    expect(counts[0]).toBe(5);
    expect(counts[1]).toBe(counts[0]);
  });

  it('finds its sheets by the tag in each sheet after a reopen that changed every worksheet id and lost the settings', async () => {
    const { ids } = returnSheets(40, 20, 13);
    const names = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    const before = fake.sheetNames();
    fake.reopen({ loseSettings: true });
    const listing = await listWorkbook();
    expect(listing.sheets.filter((s) => s.ours).map((s) => s.name).sort()).toEqual([...names].sort());
    const returns = listing.sheets.filter((s) => !s.ours).map((s) => s.id);
    const again = await rollUpSheets(plan, 'ja', { sheetIds: returns.filter((id) => listing.sheets.find((s) => s.id === id)!.name.startsWith('R')), fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(again).toEqual(names);
    expect(fake.sheetNames().sort()).toEqual([...before].sort());
  });

  it('tags its sheets with a worksheet-scoped name where ExcelApi 1.12 (custom properties) is missing', async () => {
    fake.setExcelApi('1.9');
    const { ids } = returnSheets(40, 20, 13);
    const names = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(fake.sheetNamesDefined(names[0]!)['SasaeaiSheet']).toMatch(/^="\{""model"":/);
    fake.reopen({ loseSettings: true });
    const before = fake.sheetNames();
    const listing = await listWorkbook();
    expect(listing.sheets.filter((s) => s.ours).map((s) => s.name).sort()).toEqual([...names].sort());
    expect(await rollUpSheets(plan, 'ja', { sheetIds: listing.sheets.filter((s) => !s.ours && s.name.startsWith('R')).map((s) => s.id), fiscalYear: 2025, kind: 'ward', ward: '12101' })).toEqual(names);
    expect(fake.sheetNames().sort()).toEqual([...before].sort());
  });

  it('leaves the previous report as it was when writing the new one fails half-way', async () => {
    const { ids } = returnSheets(40, 20, 17);
    const names = await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    const sheets = fake.sheetNames();
    const snaps = names.map((n) => fake.snapshot(n));
    fake.failNext('charts.add');
    await expect(rollUp(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' })).rejects.toMatchObject({ code: 'GeneralException' });
    expect(fake.sheetNames()).toEqual(sheets);
    expect(names.map((n) => fake.snapshot(n))).toEqual(snaps);
    // And the next run goes through as usual.
    expect(await rollUpSheets(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, kind: 'ward', ward: '12101' })).toEqual(names);
    expect(fake.sheetNames().sort()).toEqual([...sheets].sort());
  });
});

describe('completeness', () => {
  it('tells who has reported, and writes the sheet when asked', async () => {
    const { ids } = returnSheets(40, 10, 4);
    const r = await completenessOf(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, within: '12101', write: false });
    expect(r.model.rows.length).toBeGreaterThan(0);
    expect(r.sheets).toEqual([]);
    const w = await completenessOf(plan, 'ja', { sheetIds: ids, fiscalYear: 2025, within: '12101', write: true });
    expect(w.sheets).toHaveLength(1);
    expect(fake.sheetNames()).toContain(w.sheets[0]);
  });
});

describe('create a return sheet', () => {
  it('writes the blank return as a table with lists, prompts, formats and the header frozen; a second one gets its own names', async () => {
    const model = blankReturnSheet(plan, 'district-activity', { ward: '12101', district: '12101-01', fiscalYear: 2026, lang: 'ja', rows: 10 });
    const first = await createReturnSheet(plan, 'ja', { templateId: 'district-activity', ward: '12101', district: '12101-01', fiscalYear: 2026, rows: 10 });
    const snap = fake.snapshot(first.sheet);
    expect(fake.activeSheet()).toBe(first.sheet);
    expect(snap.tables).toHaveLength(1);
    expect(snap.tables[0]!.name).toBe(first.table);
    expect(snap.frozenRows).toBe(headerRowIndex(model) + 1);
    // Every column with a rule in the model has it in the sheet, over the prepared rows.
    const withRules = model.columns.filter((c) => { const rule = dataValidationOf(c, 'ja')?.rule; return rule && validationRule(rule); });
    expect(snap.validations.filter((v) => v.rule).length).toBe(withRules.length);
    expect(snap.validations.filter((v) => (v.prompt as { message?: string } | undefined)?.message).length).toBe(model.columns.filter((c) => c.prompt).length);
    // Text columns are text in the empty rows too, so that what staff type stays as typed.
    const h = headerRowIndex(model);
    model.columns.forEach((c, i) => {
      if (c.kind === 'text') expect(fake.cell(first.sheet, `${String.fromCharCode(65 + i)}${h + 3}`).numberFormat).toBe('@');
    });
    const header = model.columns.map((_, i) => fake.cell(first.sheet, `${String.fromCharCode(65 + i)}${h + 1}`).value);
    expect(header).toEqual(model.columns.map((c) => c.header.ja));

    const second = await createReturnSheet(plan, 'ja', { templateId: 'district-activity', ward: '12101', district: '12101-01', fiscalYear: 2026, rows: 10 });
    expect(second.sheet).not.toBe(first.sheet);
    expect(second.table).not.toBe(first.table);
  });
});
