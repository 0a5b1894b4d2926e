/**
 * The fake-workbook set-up the unit tests of reading share: the two differently shaped plans
 * (Chiba's preset and the custom town plan of examples/), a three-row return typed in each shape,
 * a fresh workbook before each test, and the active sheet read as the add-in reads it for core.
 */
import { readFileSync } from 'node:fs';
import { requirePlan, type Plan, type SheetGrid } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach } from 'vitest';
import { fake } from '../fake-office/install.js';
import { rollUp } from '../../src/app/operations.js';
import { Batch } from '../../src/excel/batch.js';
import { queueUsedRange, readGrids } from '../../src/excel/read.js';
import { run } from '../../src/excel/run.js';

export const chiba = requirePlan(chibaPlan);
export const town: Plan = requirePlan(JSON.parse(readFileSync(new URL('../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')));

/** A return of three rows in the Chiba plan's shape (header first): 実施回数 12 + 7 + 5. */
export const CHIBA_RETURN: (string | number)[][] = [
  ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '参加者数', '実施回数'],
  ['令和7年度', '中央区', '椿森', '2025/9/30', '見守り・声かけ活動', '実施中', 40, 12],
  ['令和7年度', '中央区', '椿森', '2025/9/30', '子育てサロン', '実施済み', 25, 7],
  ['令和7年度', '中央区', '椿森', '2025/9/30', '地域の居場所づくり', '実施中', 18, 5],
];

/** A return of three rows in the town plan's shape (header first): 開催回数 4 + 2 + 6. */
export const TOWN_RETURN: (string | number)[][] = [
  ['年度', '地区', '取組み', '開催回数', '協力者数', '進み具合', 'ひとこと'],
  [2026, '北地区', '見守りネットワーク', 4, 10, '順調', ''],
  [2026, '北地区', 'ごみ出し支援', 2, 5, '一部遅れ', ''],
  [2026, '北地区', '買い物バス', 6, 3, '順調', ''],
];

/** A fresh fake workbook (one empty Sheet1, the newest API set) before each test of the file. */
export function freshWorkbookEachTest(): void {
  beforeEach(() => fake.reset());
}

/**
 * The active sheet read as the add-in reads it for core (values, merged areas, hidden rows,
 * formulas, date system).
 *
 * @example
 * ```ts
 * const grid = await readActive();
 * ```
 */
export function readActive(): Promise<SheetGrid> {
  return run(async (context) => {
    const batch = new Batch(context);
    const t = queueUsedRange(context.workbook.worksheets.getActiveWorksheet());
    await batch.sync();
    return (await readGrids(context, batch, [t]))[0]!;
  });
}

/**
 * The sheets a roll-up wrote (a refusal — an unreadable review state — fails the test).
 *
 * @example
 * ```ts
 * const names = await rollUpSheets(chiba, 'ja', { sheetIds, fiscalYear: 2025, kind: 'annual' });
 * ```
 */
export async function rollUpSheets(...args: Parameters<typeof rollUp>): Promise<string[]> {
  const r = await rollUp(...args);
  if (!r.ok) throw new Error(r.reason.en);
  return r.sheets;
}
