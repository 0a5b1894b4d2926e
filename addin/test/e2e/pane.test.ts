/**
 * The built task pane in headless Chromium against the fake workbook: the whole job as staff do
 * it, in Japanese and in English, with screenshots for docs/ and an accessibility check.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { requirePlan, type RawCell } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADDIN, axe, fakeCall, launch, openPane, settle, stats, type Pane } from './harness.js';

const plan = requirePlan(chibaPlan);
const IMAGES = path.resolve(ADDIN, '../docs/images');
const FIVE_MB = 5 * 1024 * 1024;

type FakeSnapshot = {
  cells: Record<string, { value: unknown; formula: string | null; numberFormat: string; fill: string | null }>;
  cfs: { formula: string | null; areas: string[] }[];
  validations: { address: string; rule?: Record<string, unknown>; prompt?: { message: string } }[];
  tables: { name: string; address: string }[];
  frozenRows: number;
  charts: { title: string | null }[];
};

/** What a user types, as Excel reads it (dates as typed text, formula-like text with an apostrophe). */
function typed(cells: readonly (readonly RawCell[])[]): unknown[][] {
  return cells.map((r) =>
    r.map((c) => {
      if (c === null || c === undefined) return '';
      if (c instanceof Date) return c.toISOString().slice(0, 10);
      if (typeof c === 'object') return c.error;
      return typeof c === 'string' && /^[=+\-@]/.test(c) && c.length > 1 ? `'${c}` : c;
    }),
  );
}

async function tab(page: Page, name: RegExp) {
  await page.getByRole('tab', { name }).click();
}

/** The visible tab panel (locators inside it do not see the hidden panels' fields). */
function panel(page: Page) {
  return page.locator('[role="tabpanel"]:not([hidden])');
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(IMAGES, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

function expectClean(pane: Pane) {
  expect(pane.refused).toEqual([]);
  expect(pane.errors).toEqual([]);
  for (const u of pane.requests) expect(u.startsWith('https://localhost:3000/') || u.startsWith('https://appsforoffice.microsoft.com/lib/1/hosted/office.js')).toBe(true);
}

describe('task pane in Japanese', () => {
  let pane: Pane;
  beforeAll(async () => {
    pane = await openPane(browser, 'ja-JP');
  });
  afterAll(async () => {
    await pane?.context.close();
  });

  it('opens in Japanese with no network but office.js, under a CSP without eval', async () => {
    const { page } = pane;
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    await expect(page.getByRole('tab', { name: '作成' }).isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
    expectClean(pane);
  });

  it('creates a return sheet: table, lists, prompts, formats, frozen header, district and year filled in', async () => {
    const { page } = pane;
    await tab(page, /作成/);
    await panel(page).getByLabel('区', { exact: true }).selectOption({ label: '中央区' });
    const district = panel(page).getByLabel('地区部会', { exact: true });
    const firstDistrict = (await district.locator('option').nth(1).textContent())!;
    await district.selectOption({ index: 1 });
    await panel(page).getByLabel('年度', { exact: true }).selectOption('2025');
    await panel(page).getByLabel('入力行数').fill('20');
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-create.png') });
    await page.getByRole('button', { name: '報告シートを作成' }).click();
    const status = await settle(page);
    expect(status).toMatch(/作成しました/);
    const sheet = await fakeCall<string>(page, 'activeSheet');
    const snap = await fakeCall<FakeSnapshot>(page, 'snapshot', sheet);
    expect(snap.tables).toHaveLength(1);
    expect(snap.frozenRows).toBeGreaterThan(0);
    expect(snap.validations.some((v) => v.rule && 'list' in v.rule)).toBe(true);
    expect(snap.validations.some((v) => v.prompt?.message)).toBe(true);
    const values = Object.values(snap.cells).map((c) => c.value);
    expect(values).toContain('年度');
    expect(values.some((v) => String(v).includes(firstDistrict.trim()))).toBe(true);
    expectClean(pane);
  });

  it('validates typed values (full-width digits, 和暦 dates, bad codes), lists issues by row, selects cells, clears marks without a trace', async () => {
    const { page } = pane;
    const gen = generateReturns(plan, { seed: 42, rows: 40, badShare: 0.25, fiscalYear: 2025, wards: ['12101'] });
    const grid = typed(gen.grids[0]!.cells);
    await fakeCall(page, 'addSheet', '地区報告');
    await fakeCall(page, 'activate', '地区報告');
    await fakeCall(page, 'type', '地区報告', 'A1', grid);
    // Rows typed by hand: full-width digits and era dates are fine; a bad status and a bad count are not.
    await fakeCall(page, 'type', '地区報告', 'D3', [['令和7年6月1日']]);
    await fakeCall(page, 'type', '地区報告', 'G3', [['１２']]);
    await fakeCall(page, 'type', '地区報告', 'F4', [['たぶん']]);
    await fakeCall(page, 'type', '地区報告', 'G5', [['多数']]);
    await fakeCall(page, 'fill', '地区報告', 'A2', '#FFFF00');
    const before = await fakeCall<FakeSnapshot>(page, 'snapshot', '地区報告');

    await tab(page, /検証/);
    await page.getByRole('button', { name: '検証する', exact: true }).click();
    const status = await settle(page);
    expect(status).toMatch(/件の問題/);
    const groups = page.locator('.issue-groups > li');
    expect(await groups.count()).toBeGreaterThan(3);
    await expect(page.locator('.issue-groups h3').first().textContent()).resolves.toMatch(/行目/);
    expect(await page.locator('.issue[data-cell="F4"]').count()).toBe(1);
    expect(await page.locator('.issue[data-cell="G5"]').count()).toBe(1);
    expect(await page.locator('.issue[data-cell="G3"]').count()).toBe(0);
    expect(await page.locator('.issue[data-cell="D3"]').count()).toBe(0);

    // The marks: conditional formats only; every value and cell format is as typed.
    const marked = await fakeCall<FakeSnapshot>(page, 'snapshot', '地区報告');
    expect(marked.cells).toEqual(before.cells);
    expect(marked.cfs.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-validate.png') });

    await page.locator('.issue[data-cell="F4"]').click();
    await expect.poll(() => fakeCall(page, 'selection')).toEqual({ sheet: '地区報告', address: 'F4' });

    await page.getByRole('button', { name: '問題一覧シートを作成' }).click();
    expect(await settle(page)).toMatch(/書き出しました/);
    const names = await fakeCall<string[]>(page, 'sheetNames');
    const issuesSheet = names.find((n) => n.startsWith('問題一覧'))!;
    const issues = await fakeCall<FakeSnapshot>(page, 'snapshot', issuesSheet);
    expect(Object.values(issues.cells).some((c) => c.formula?.startsWith('=HYPERLINK("#'))).toBe(true);

    await page.getByRole('button', { name: '印を消す' }).click();
    expect(await settle(page)).toMatch(/元のまま/);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-cleared.png') });
    expect(await fakeCall<FakeSnapshot>(page, 'snapshot', '地区報告')).toEqual(before);
    expectClean(pane);
  });

  it('rolls up return sheets into the ward progress, text kept as text, with a chart', async () => {
    const { page } = pane;
    const gen = generateReturns(plan, { seed: 8, rows: 60, badShare: 0.1, fiscalYear: 2025, wards: ['12101'], rowsPerSheet: 20 });
    for (const [i, g] of gen.grids.entries()) {
      await fakeCall(page, 'addSheet', `報告${i + 1}`);
      await fakeCall(page, 'type', `報告${i + 1}`, 'A1', typed(g.cells));
    }
    await fakeCall(page, 'type', '報告1', 'K2', [["'=HYPERLINK(\"http://example.com\") 成果"]]);
    await tab(page, /集計/);
    await page.getByRole('button', { name: '一覧を更新' }).click();
    await settle(page);
    for (const i of [1, 2, 3]) await panel(page).getByLabel(`報告${i}`, { exact: true }).check();
    await panel(page).getByLabel('年度', { exact: true }).selectOption('2025');
    await page.getByRole('radio', { name: '受け手ごとの集約' }).check();
    await panel(page).getByLabel('区', { exact: true }).selectOption({ label: '中央区' });
    await fakeCall(page, 'resetStats');
    await page.getByRole('button', { name: '集計してシートに出力' }).click();
    expect(await settle(page)).toMatch(/枚のシートを出力しました/);
    const names = await fakeCall<string[]>(page, 'sheetNames');
    expect(names).toContain('取組み別');
    const byInitiative = await fakeCall<FakeSnapshot>(page, 'snapshot', '取組み別');
    expect(byInitiative.charts.length).toBe(1);
    const all = await Promise.all(['概要', '取組み別', '成果'].map((n) => fakeCall<FakeSnapshot>(page, 'snapshot', n)));
    const cells = all.flatMap((s) => Object.values(s.cells));
    expect(cells.filter((c) => c.formula && !c.formula.startsWith('=HYPERLINK("#'))).toEqual([]);
    expect(cells.some((c) => c.value === '=HYPERLINK("http://example.com") 成果' && c.numberFormat === '@')).toBe(true);

    await page.getByRole('button', { name: '提出状況を確認' }).click();
    await settle(page);
    expect(await page.locator('#rollup-results table').count()).toBe(1);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-rollup.png') });
    // For the staff guide: the completeness table in a widened pane (staff can drag the pane wider).
    await page.setViewportSize({ width: 900, height: 1400 });
    await page.locator('#rollup-results').screenshot({ path: path.join(IMAGES, 'addin-ja-completeness.png') });
    await page.setViewportSize({ width: 380, height: 900 });
    expectClean(pane);
  });

  it('shows the plan: governance, reporting calendar; loads a plan file into the workbook and reports a bad one', async () => {
    const { page } = pane;
    await tab(page, /計画/);
    expect(await page.locator('.governance > li').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.governance').textContent()).toContain('区支え合いのまち推進協議会');
    expect(await page.locator('table caption', { hasText: '報告の予定' }).count()).toBe(1);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-plan.png') });

    const file = panel(page).getByLabel('計画ファイル（JSON）を読み込む', { exact: true });
    await file.setInputFiles({ name: 'bad.plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ id: 'x', flows: [] })) });
    expect(await settle(page)).toMatch(/問題があります/);
    expect(await page.locator('#plan-issues li').count()).toBeGreaterThan(0);
    await page.locator('#plan-issues').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-plan-invalid.png') });
    expect(await fakeCall<unknown[]>(page, 'customXmlParts')).toEqual([]);

    const mine = { ...(chibaPlan as Record<string, unknown>), id: 'my-town', version: '2026.1' };
    await panel(page).getByLabel('計画ファイル（JSON）を読み込む', { exact: true }).setInputFiles({ name: 'town.plan.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(mine)) });
    expect(await settle(page)).toMatch(/ブックに保存しました/);
    const parts = await fakeCall<{ namespaceUri: string; xml: string }[]>(page, 'customXmlParts');
    expect(parts).toHaveLength(1);
    expect(parts[0]!.namespaceUri).toBe('urn:sasaeai:plan:1');
    expect(parts[0]!.xml).toContain('my-town');
    // Cells using the custom functions follow the new plan: the workbook is recalculated in full.
    expect(await fakeCall<string[]>(page, 'calculations')).toEqual(['Full']);
    expect(await panel(page).locator('.summary').first().textContent()).toMatch(/このブックに保存された計画/);

    // A workbook that carries its plan opens with it.
    const reopened = await openPane(browser, 'ja-JP', { customXmlParts: [parts[0]!.xml] });
    await tab(reopened.page, /計画/);
    expect(await panel(reopened.page).locator('.summary').first().textContent()).toMatch(/このブックに保存された計画/);
    expectClean(reopened);
    await reopened.context.close();
    expectClean(pane);
  });

  it('checks what Japanese Excel stores for typed 和暦 and full-width digits, and says when a user rule cannot be read', async () => {
    const { page } = pane;
    const gen = generateReturns(plan, { seed: 5, rows: 4, badShare: 0, fiscalYear: 2025, wards: ['12101'] });
    await fakeCall(page, 'addSheet', '和暦入力');
    await fakeCall(page, 'activate', '和暦入力');
    await fakeCall(page, 'type', '和暦入力', 'A1', typed(gen.grids[0]!.cells));
    await fakeCall(page, 'setTypingLocale', 'ja-JP');
    await fakeCall(page, 'type', '和暦入力', 'D3', [['令和7年6月1日']]);
    await fakeCall(page, 'type', '和暦入力', 'G3', [['１２']]);
    await fakeCall(page, 'setTypingLocale', null);
    // Excel stored a date serial and a number, not the text typed.
    expect(typeof (await fakeCall<{ value: unknown }>(page, 'cell', '和暦入力', 'D3')).value).toBe('number');
    expect((await fakeCall<{ value: unknown }>(page, 'cell', '和暦入力', 'G3')).value).toBe(12);
    await fakeCall(page, 'addUserConditionalFormat', '和暦入力', 'A2:A4', '=A2<>""', '#00FF00', { unreadable: true });
    await tab(page, /検証/);
    await page.getByRole('button', { name: '検証する', exact: true }).click();
    const status = await settle(page);
    expect(status).toMatch(/1 件の条件付き書式は Excel から読み取れない/);
    expect(await page.locator('.issue[data-cell="D3"]').count()).toBe(0);
    expect(await page.locator('.issue[data-cell="G3"]').count()).toBe(0);
    expectClean(pane);
  });

  it('says when this Excel cannot read merged cells, and drops the note once it can', async () => {
    const { page } = pane;
    // 年度・区・地区部会・報告日 merged down over the three rows of one district; Excel holds them in row 2 only.
    await fakeCall(page, 'addSheet', '結合報告');
    await fakeCall(page, 'activate', '結合報告');
    await fakeCall(page, 'type', '結合報告', 'A1', [
      ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '参加者数', '実施回数'],
      ['令和7年度', '中央区', '椿森', '2025/9/30', '見守り・声かけ活動', '実施中', 40, 12],
      ['', '', '', '', '子育てサロン', '実施済み', 25, 7],
      ['', '', '', '', '地域の居場所づくり', '実施中', 18, 5],
    ]);
    for (const c of ['A', 'B', 'C', 'D']) await fakeCall(page, 'merge', '結合報告', `${c}2:${c}4`);
    await tab(page, /検証/);
    await fakeCall(page, 'setExcelApi', '1.12');
    await page.getByRole('button', { name: '検証する', exact: true }).click();
    expect(await settle(page)).toMatch(/この Excel では結合セルを読み取れません/);
    expect(await page.locator('.issue[data-cell="A3"]').count()).toBeGreaterThan(0);
    await fakeCall(page, 'setExcelApi', '1.17');
    await page.getByRole('button', { name: '検証する', exact: true }).click();
    const status = await settle(page);
    expect(status).toMatch(/件の問題/);
    expect(status).not.toMatch(/結合セルを読み取れません/);
    expect(await page.locator('.issue[data-cell="A3"]').count()).toBe(0);
    expectClean(pane);
  });

  it('registers the custom functions, sharing core', async () => {
    const { page } = pane;
    await expect(fakeCall(page, 'callFunction', 'ERALABEL', [2026])).resolves.toEqual({ value: '令和8年度' });
    await expect(fakeCall(page, 'callFunction', 'FISCALYEAR', ['R8.5.1'])).resolves.toEqual({ value: 2026 });
    await expect(fakeCall(page, 'callFunction', 'DUEDATE', ['district-activity', 2026])).resolves.toEqual({ value: 46507 });
    const bad = await fakeCall<{ error?: string; message?: string }>(page, 'callFunction', 'DUEDATE', ['nope', 2026]);
    expect(bad.error).toBe('#VALUE!');
    expect(bad.message).toContain('報告の流れ');
  });

  it('has no accessibility violations (axe-core)', async () => {
    const { page } = pane;
    for (const t of [/作成/, /検証/, /集計/, /計画/]) {
      await tab(page, t);
      expect(await axe(page)).toEqual([]);
    }
  });

  it('can be driven with the keyboard alone', async () => {
    const { page } = pane;
    await tab(page, /作成/);
    await page.getByRole('tab', { name: '作成' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('検証');
    expect(await page.getByRole('tab', { name: '検証' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('審査');
  });
});

describe('task pane in English', () => {
  let pane: Pane;
  beforeAll(async () => {
    pane = await openPane(browser, 'en-US');
  });
  afterAll(async () => {
    await pane?.context.close();
  });

  it('speaks English when Office does, with no accessibility violations', async () => {
    const { page } = pane;
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('tab', { name: 'Create' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(IMAGES, 'addin-en-create.png') });
    const gen = generateReturns(plan, { seed: 42, rows: 30, badShare: 0.3, fiscalYear: 2025, wards: ['12101'] });
    await fakeCall(page, 'type', 'Sheet1', 'A1', typed(gen.grids[0]!.cells));
    await tab(page, /Check/);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    expect(await settle(page)).toMatch(/issues\. Marked/);
    expect(await page.locator('.issue-groups h3').first().textContent()).toMatch(/^Row \d+|Whole table/);
    await page.screenshot({ path: path.join(IMAGES, 'addin-en-validate.png') });
    for (const t of [/Create/, /Check/, /Roll up/, /Plan/]) {
      await tab(page, t);
      expect(await axe(page), String(t)).toEqual([]);
    }
    await tab(page, /Plan/);
    await page.screenshot({ path: path.join(IMAGES, 'addin-en-plan.png') });
    expectClean(pane);
  });
});

describe('round trips do not grow with rows', () => {
  it('validate and roll up take the same number of syncs at 100 and at 10,000 rows, none over 5 MB', async () => {
    const counts: Record<string, number[]> = { validate: [], rollup: [] };
    for (const rows of [100, 10_000]) {
      const pane = await openPane(browser, 'ja-JP');
      const { page } = pane;
      // One city-wide table, split in two return sheets (header on each).
      const cells = generateReturns(plan, { seed: 99, rows, badShare: 0.05, fiscalYear: 2025 }).grids[0]!.cells;
      const half = Math.ceil((cells.length - 1) / 2);
      const parts = [cells.slice(0, 1 + half), [cells[0]!, ...cells.slice(1 + half)]];
      for (const [i, part] of parts.entries()) {
        await fakeCall(page, 'addSheet', `R${i + 1}`);
        await fakeCall(page, 'type', `R${i + 1}`, 'A1', typed(part));
      }
      await fakeCall(page, 'activate', 'R1');
      await tab(page, /検証/);
      await fakeCall(page, 'resetStats');
      await page.getByRole('button', { name: '検証する', exact: true }).click();
      expect(await settle(page)).toMatch(/件の問題/);
      const v = await stats(page);
      counts.validate!.push(v.syncs);

      await tab(page, /集計/);
      await page.getByRole('button', { name: '一覧を更新' }).click();
      await settle(page);
      await panel(page).getByLabel('R1', { exact: true }).check();
      await panel(page).getByLabel('R2', { exact: true }).check();
      await panel(page).getByLabel('年度', { exact: true }).selectOption('2025');
      await panel(page).getByLabel('区', { exact: true }).selectOption({ label: '中央区' });
      await fakeCall(page, 'resetStats');
      await page.getByRole('button', { name: '集計してシートに出力' }).click();
      expect(await settle(page)).toMatch(/出力しました/);
      const r = await stats(page);
      counts.rollup!.push(r.syncs);
      for (const req of [...v.requests, ...r.requests]) {
        expect(req.error).toBeUndefined();
        expect(req.requestBytes).toBeLessThan(FIVE_MB);
        expect(req.responseBytes).toBeLessThan(FIVE_MB);
      }
      console.log(`rows=${rows} validate: ${v.syncs} syncs, max response ${Math.max(...v.requests.map((x) => x.responseBytes))} B; roll-up: ${r.syncs} syncs, max request ${Math.max(...r.requests.map((x) => x.requestBytes))} B, max response ${Math.max(...r.requests.map((x) => x.responseBytes))} B`);
      expectClean(pane);
      await pane.context.close();
    }
    expect(counts.validate![1]).toBe(counts.validate![0]);
    expect(counts.rollup![1]).toBe(counts.rollup![0]);
  });
});
