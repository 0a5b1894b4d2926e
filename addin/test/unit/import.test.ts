/**
 * 取り込み against the fake workbook: real .xlsx files (exceljs) inserted through the fake's
 * insertWorksheetsFromBase64, which reads the zip as Excel would and enforces the API set and the
 * documented options.
 */
import { readFileSync } from 'node:fs';
import { requirePlan, validateGrid, type Plan, type RawCell } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { returnFile } from '../fixtures/return-files.js';
import { IMPORT_KEY, importMessages, importReturns, listImported, type PickedFile } from '../../src/app/import-returns.js';
import { toBase64 } from '../../src/app/saved-time.js';
import { run } from '../../src/excel/run.js';

const chiba = requirePlan(chibaPlan);
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));

function returns(plan: Plan, n: number, opts: { wards?: string[] } = {}) {
  return generateReturns(plan, { seed: 11, rows: n * 3, rowsPerSheet: 3, fiscalYear: 2025, ...(opts.wards ? { wards: opts.wards } : {}) });
}

async function file(name: string, cells: Parameters<typeof returnFile>[0]['sheets'][0]['cells'], modified: string, extra: { name: string; cells: string[][] }[] = []): Promise<PickedFile> {
  const bytes = await returnFile({ sheets: [{ name: '報告', cells }, ...extra], modified: new Date(modified) });
  return { name, bytes, fileTime: modified };
}

/** The sending unit's name: the unit core reads from the return's first row (the rows may name it by alias). */
function unitName(plan: Plan, cells: readonly (readonly RawCell[])[], lang: 'ja' | 'en' = 'ja'): string {
  const r = validateGrid({ sheet: 'x', cells }, { plan });
  const t = plan.templates.find((x) => x.id === r.templateId)!;
  const code = r.records[0]!.values[t.unitField] as string;
  return plan.units.find((u) => u.code === code)!.name[lang];
}

beforeEach(() => fake.reset());

describe('taking returns in', () => {
  it('inserts each file\'s return sheet named after its sender, keeps the file name, reports each file, and a bad file does not stop the others', async () => {
    const g = returns(chiba, 3, { wards: ['12101'] });
    const files = [
      await file('a.xlsx', g.grids[0]!.cells, '2026-06-01T00:00:00Z'),
      { name: 'broken.xlsx', bytes: new TextEncoder().encode('not a workbook') },
      await file('b.xlsx', g.grids[1]!.cells, '2026-06-01T00:00:00Z', [{ name: 'メモ', cells: [['連絡事項'], ['特になし']] }]),
      await file('c.xlsx', g.grids[2]!.cells, '2026-06-01T00:00:00Z'),
    ];
    const seen: string[] = [];
    const out = await importReturns(chiba, 'ja', files, (i, n, name, o) => seen.push(`${i}/${n} ${name} ${o ? o.kind : '…'}`));
    expect(seen).toEqual(['1/4 a.xlsx …', '1/4 a.xlsx taken', '2/4 broken.xlsx …', '2/4 broken.xlsx failed', '3/4 b.xlsx …', '3/4 b.xlsx taken', '4/4 c.xlsx …', '4/4 c.xlsx taken']);
    const names = g.grids.map((x) => unitName(chiba, x.cells));
    expect(fake.sheetNames()).toEqual(['Sheet1', ...names]);
    expect(JSON.parse(fake.sheetCustomProperties(names[1]!)[IMPORT_KEY]!)).toEqual({ source: 'b.xlsx', sheet: '報告', savedAt: '2026-06-01T00:00:00.000Z', fileTime: '2026-06-01T00:00:00Z' });
    // The values came across as they were in the file.
    expect(fake.values(names[0]!)[0]).toEqual(g.grids[0]!.cells[0]);
    const failed = out[1]!;
    expect(failed.kind).toBe('failed');
    expect(importMessages(failed, 'ja')[0]).toMatch(/^「broken\.xlsx」を取り込めませんでした：/);
    expect(importMessages(failed, 'en')[0]).toMatch(/^Could not take in "broken\.xlsx": /);
    expect(importMessages(out[2]!, 'ja')).toContain('　報告ではないシートは取り込みませんでした：メモ');
    const listed = await listImported(chiba);
    expect(listed.map((r) => r.submissionId)).toEqual(['a.xlsx#報告', 'b.xlsx#報告', 'c.xlsx#報告']);
    expect(listed.every((r) => r.result.templateId !== null)).toBe(true);
  });

  it('a newer version replaces the earlier sheet (never beside it); an older one is not taken in; the same file again replaces its copy', async () => {
    const g = returns(chiba, 2, { wards: ['12101'] });
    await importReturns(chiba, 'ja', [await file('寒川.xlsx', g.grids[0]!.cells, '2026-06-01T00:00:00Z'), await file('other.xlsx', g.grids[1]!.cells, '2026-06-01T00:00:00Z')]);
    const name = unitName(chiba, g.grids[0]!.cells);
    const [newer] = await importReturns(chiba, 'ja', [await file('寒川_修正.xlsx', g.grids[0]!.cells, '2026-06-03T00:00:00Z')]);
    expect(newer).toMatchObject({ kind: 'taken', sheets: [{ name, replaced: [name] }] });
    expect(importMessages(newer!, 'en')).toContain(`  A newer version: it replaced the earlier sheet "${name}".`);
    expect(importMessages(newer!, 'ja')).toContain(`　新しい版として、以前のシート「${name}」と置き換えました。`);
    expect(fake.sheetNames().filter((n) => n.startsWith(name))).toEqual([name]);
    expect(JSON.parse(fake.sheetCustomProperties(name)[IMPORT_KEY]!).source).toBe('寒川_修正.xlsx');

    const [older] = await importReturns(chiba, 'ja', [await file('寒川_古い.xlsx', g.grids[0]!.cells, '2026-05-01T00:00:00Z')]);
    expect(older).toEqual({ file: '寒川_古い.xlsx', kind: 'older', older: [{ sheet: '報告', newer: name }] });
    expect(importMessages(older!, 'ja')).toEqual([`「寒川_古い.xlsx」のシート「報告」は取り込みませんでした：シート「${name}」の方が新しい版です。`]);

    const again = await importReturns(chiba, 'ja', [await file('other.xlsx', g.grids[1]!.cells, '2026-05-01T00:00:00Z')]);
    expect(again[0]).toMatchObject({ kind: 'taken', sheets: [{ replaced: [unitName(chiba, g.grids[1]!.cells)] }] });
    expect(fake.sheetNames()).toHaveLength(3);
  });

  it('works the same for a designated city whose wards report to a city committee', async () => {
    const g = returns(city, 2);
    const out = await importReturns(city, 'en', [await file('x.xlsx', g.grids[0]!.cells, '2026-06-01T00:00:00Z'), await file('y.xlsx', g.grids[1]!.cells, '2026-06-01T00:00:00Z')]);
    expect(out.map((o) => o.kind)).toEqual(['taken', 'taken']);
    const en = g.grids.map((x) => unitName(city, x.cells, 'en'));
    expect(fake.sheetNames()).toEqual(['Sheet1', ...en]);
  });

  it('on an Excel without ExcelApi 1.13 says which Excel is needed and inserts nothing', async () => {
    fake.setExcelApi('1.12');
    const g = returns(chiba, 1, { wards: ['12101'] });
    await expect(importReturns(chiba, 'ja', [await file('a.xlsx', g.grids[0]!.cells, '2026-06-01T00:00:00Z')])).rejects.toThrow(/ExcelApi 1\.13/);
    await expect(importReturns(chiba, 'en', [])).rejects.toThrow(/needs an Excel with ExcelApi 1\.13/);
    expect(fake.sheetNames()).toEqual(['Sheet1']);
  });
});

describe('the fake insertWorksheetsFromBase64', () => {
  const insert = (b64: string, options?: Excel.InsertWorksheetOptions) =>
    run(async (context) => {
      const r = context.workbook.insertWorksheetsFromBase64(b64, options);
      await context.sync();
      return r.value;
    });

  it('inserts at the position asked, renames a taken name "(2)", and returns the new ids', async () => {
    const b64 = toBase64(await returnFile({ sheets: [{ name: 'Sheet1', cells: [['a']] }, { name: 'B', cells: [['b']] }] }));
    fake.addSheet('Z');
    const ids = await insert(b64, { positionType: 'Before', relativeTo: 'Z' });
    expect(ids).toHaveLength(2);
    expect(fake.sheetNames()).toEqual(['Sheet1', 'Sheet1 (2)', 'B', 'Z']);
    await insert(b64, { sheetNamesToInsert: ['B'], positionType: 'Beginning' });
    expect(fake.sheetNames()).toEqual(['B (2)', 'Sheet1', 'Sheet1 (2)', 'B', 'Z']);
  });

  it('enforces the API set and the documented options and limits', async () => {
    const b64 = toBase64(await returnFile({ sheets: [{ name: 'A', cells: [['a']] }] }));
    await expect(insert(b64, { positionType: 'After' })).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(insert(b64, { positionType: 'After', relativeTo: 'Nope' })).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(insert(b64, { sheetNamesToInsert: ['Nope'] })).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(insert('bm90IGEgemlw')).rejects.toMatchObject({ code: 'InvalidArgument' });
    const noted = toBase64(await returnFile({ sheets: [{ name: 'A', cells: [['a']], note: 'コメント' }] }));
    await expect(insert(noted)).rejects.toMatchObject({ code: 'UnsupportedFeature' });
    fake.setExcelApi('1.12');
    await expect(insert(b64)).rejects.toMatchObject({ code: 'ApiNotFound' });
    expect(fake.sheetNames()).toEqual(['Sheet1']);
  });
});
