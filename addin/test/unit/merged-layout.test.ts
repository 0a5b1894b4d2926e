/**
 * Merged cells and hidden rows read from Office.js (issue 12), against the fake office.js that
 * keeps a merged area's value in its top-left cell only, as Excel does: the add-in passes core the
 * merged areas (ExcelApi 1.13) and hidden rows (1.9), and says so when this Excel cannot.
 * Two differently shaped plans: Chiba's and the custom town plan of examples/.
 */
import { describe, expect, it } from 'vitest';
import { fake, typeGrid } from '../fake-office/install.js';
import { validateInPlace } from '../../src/app/operations.js';
import { layoutUnavailable, mergedAreasOf } from '../../src/excel/read.js';
import { chiba, freshWorkbookEachTest, readActive, rollUpSheets, town, TOWN_RETURN } from './fake-workbook.js';

freshWorkbookEachTest();

/**
 * A return as staff make it: 年度・区・地区部会・報告日 merged down over the three rows of 椿森,
 * then a row of 新宿 that someone hid. 実施回数 by hand: 椿森 12 + 7 + 5 = 24, 新宿 9.
 */
function mergedReturn(): string {
  const id = fake.addSheet('椿森');
  fake.activate('椿森');
  fake.type('椿森', 'A1', [
    ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '参加者数', '実施回数'],
    ['令和7年度', '中央区', '椿森', '2025/9/30', '見守り・声かけ活動', '実施中', 40, 12],
    ['', '', '', '', '子育てサロン', '実施済み', 25, 7],
    ['', '', '', '', '地域の居場所づくり', '実施中', 18, 5],
    ['令和7年度', '中央区', '新宿', '2025/9/30', '見守り・声かけ活動', '実施中', 30, 9],
  ]);
  for (const c of ['A', 'B', 'C', 'D']) fake.merge('椿森', `${c}2:${c}4`);
  fake.hideRows('椿森', '5:5');
  return id;
}

/** 実施回数 of a district in the roll-up's by-district sheet (地区別), found by its header. */
function sessionsOf(names: readonly string[], district: string): number {
  const sheet = names.find((n) => fake.values(n).some((r) => r.includes('地区部会') && r.includes('受け付けた報告')))!;
  const rows = fake.values(sheet);
  const header = rows.find((r) => r.includes('地区部会') && r.includes('実施回数'))!;
  const row = rows.find((r) => r[header.indexOf('地区部会')] === district)!;
  return row[header.indexOf('実施回数')] as number;
}

describe('merged cells and hidden rows on an Excel with ExcelApi 1.13', () => {
  it('validating in place applies a merged value to every covered row (one info issue) and notes the hidden row', async () => {
    mergedReturn();
    // Excel holds the merged values in the top-left cells only.
    expect(fake.values('椿森').map((r) => r[2])).toEqual(['地区部会', '椿森', '', '', '新宿']);
    const before = fake.snapshot('椿森');
    const v = await validateInPlace(chiba, {});
    // Checking never changes what the user made: merges, hidden rows and values stay.
    const after = fake.snapshot('椿森');
    expect([after.cells, after.merges, after.hiddenRows]).toEqual([before.cells, before.merges, before.hiddenRows]);
    expect(after.merges).toEqual(['A2:A4', 'B2:B4', 'C2:C4', 'D2:D4']);
    expect(layoutUnavailable.size).toBe(0);
    expect(v.result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(v.result.issues.filter((i) => i.code === 'required_missing')).toEqual([]);
    expect(v.result.issues.filter((i) => i.code === 'merged_cells_filled').map((i) => [i.severity, i.row, i.cell])).toEqual([['info', 2, 'A2']]);
    expect(v.result.issues.filter((i) => i.code === 'hidden_rows_counted').map((i) => [i.severity, i.row])).toEqual([['info', 5]]);
  });

  it('rolling up counts all three merged rows and the hidden row', async () => {
    const id = mergedReturn();
    const names = await rollUpSheets(chiba, 'ja', { sheetIds: [id], fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(sessionsOf(names, '椿森')).toBe(12 + 7 + 5);
    expect(sessionsOf(names, '新宿')).toBe(9);
  });

  it('reads more than 512 merged areas, which Excel refuses in one call, each once', async () => {
    // 700 rows, each with its own across-merge: more than one getMergedAreasOrNullObject may return.
    fake.type('Sheet1', 'A1', Array.from({ length: 700 }, (_, r) => [`r${r + 1}`, '', 'x']));
    for (let r = 1; r <= 700; r++) fake.merge('Sheet1', `A${r}:B${r}`);
    const grid = await readActive();
    expect(layoutUnavailable.size).toBe(0);
    expect(grid.merges).toHaveLength(700);
    expect(new Set(grid.merges).size).toBe(700);
    expect(grid.merges![699]).toBe('A700:B700');
  });

  it('still gets the merged areas and hidden rows when Excel refuses the values read for size', async () => {
    // 3,000 rows × 10 columns of 200 characters: about 6 MB of JSON, over the 5 MB limit.
    const long = 'あ'.repeat(200);
    fake.type('Sheet1', 'A1', Array.from({ length: 3000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}:${long}`)));
    fake.merge('Sheet1', 'A2:A3');
    fake.hideRows('Sheet1', '2999:2999');
    fake.resetStats();
    const grid = await readActive();
    expect(fake.stats.requests.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(grid.cells).toHaveLength(3000);
    expect(grid.cells[2]![0]).toBe('');
    expect(grid.merges).toEqual(['A2:A3']);
    expect(grid.hiddenRows).toEqual([2999]);
    expect(layoutUnavailable.size).toBe(0);
  });

  it('asks again in blocks when Excel fails the whole-range merged-area read, and reads every merged area', async () => {
    mergedReturn();
    fake.failNext('getMergedAreas');
    const grid = await readActive();
    expect(grid.cells).toHaveLength(5);
    expect(grid.merges).toEqual(['A2:A4', 'B2:B4', 'C2:C4', 'D2:D4']);
    expect(grid.hiddenRows).toEqual([5]);
    expect(layoutUnavailable.size).toBe(0);
  });

  it('reads the values and says so when Excel fails every merged-area read', async () => {
    mergedReturn();
    fake.failNext('getMergedAreas', 10);
    const grid = await readActive();
    expect(grid.cells).toHaveLength(5);
    expect(grid.merges).toBeUndefined();
    expect([...layoutUnavailable].sort()).toEqual(['dateSystem', 'formulas', 'hiddenRows', 'merges']);
  });

  it('works with a second plan shape (the custom town plan): the same issues as the sheet typed out in full, plus the merge note', async () => {
    // 年度 and 地区 merged down over the three rows of 北地区.
    const full = TOWN_RETURN;
    typeGrid('Sheet1', full);
    const typedOut = await validateInPlace(town, {});
    fake.reset();
    typeGrid('Sheet1', [full[0]!, full[1]!, ...full.slice(2).map((r) => ['', '', ...r.slice(2)])]);
    fake.merge('Sheet1', 'A2:A4');
    fake.merge('Sheet1', 'B2:B4');
    const merged = await validateInPlace(town, {});
    const codes = (v: typeof merged) => v.result.issues.map((i) => `${i.code}@${i.row}`);
    expect(codes(merged).filter((c) => !c.startsWith('merged_cells_filled'))).toEqual(codes(typedOut));
    expect(merged.result.issues.filter((i) => i.code === 'merged_cells_filled')).toHaveLength(1);
    expect(merged.result.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('an Excel without ExcelApi 1.13', () => {
  it('says merged cells could not be read, and the next read on a newer Excel clears the note', async () => {
    mergedReturn();
    fake.setExcelApi('1.12');
    const old = await validateInPlace(chiba, {});
    expect([...layoutUnavailable]).toEqual(['merges']);
    // Without the merged areas the covered rows lack 年度・区・地区部会・報告日: the note explains the errors.
    expect(old.result.issues.filter((i) => i.code === 'required_missing' && i.row === 3).map((i) => i.field)).toEqual(['fiscalYear', 'ward', 'district', 'reportDate']);
    expect(old.result.issues.some((i) => i.code === 'hidden_rows_counted')).toBe(true);
    fake.setExcelApi('1.8');
    await validateInPlace(chiba, {});
    expect([...layoutUnavailable].sort()).toEqual(['formulas', 'hiddenRows', 'merges']);
    fake.setExcelApi('1.17');
    await validateInPlace(chiba, {});
    expect(layoutUnavailable.size).toBe(0);
  });
});

describe('merged-area addresses', () => {
  it('takes each area after its sheet name, quoted or not, with or without spaces after commas', () => {
    expect(mergedAreasOf('Sheet1!A2:A4,Sheet1!C2:D3')).toEqual(['A2:A4', 'C2:D3']);
    expect(mergedAreasOf("'報告, 第1'!$A$2:$A$4, '報告, 第1'!C2:C4")).toEqual(['A2:A4', 'C2:C4']);
    expect(mergedAreasOf("'a!B1'!A2:B2")).toEqual(['A2:B2']);
  });
});
