/**
 * A ward secretariat's 事務局 year in the built task pane (headless Chromium, fake office.js):
 * take three returned files in → validate → check them, accept two and send one back with the
 * e-mail text → record the council's meeting → the council's verification sheet → confirm the
 * year → the report; then close the workbook, open the saved copy in a new pane, and find the
 * review intact. Writes the screenshots of docs/staff.md's secretariat section.
 */
import path from 'node:path';
import { requirePlan } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { returnFile } from '../fixtures/return-files.js';
import { ADDIN, axe, fakeCall, launch, openPane, settle, type Pane } from './harness.js';

const plan = requirePlan(chibaPlan);
const IMAGES = path.resolve(ADDIN, '../docs/images');
const WARD = plan.units.find((u) => u.code === '12101')!;

const panel = (page: Page) => page.locator('[role="tabpanel"]:not([hidden])');
const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name }).click();
const item = (page: Page, i: number) => page.locator('.review-return').nth(i);

async function openReviewTab(page: Page): Promise<void> {
  await tab(page, /審査/);
  await page.locator('#review-who').fill('sato');
  await page.locator('#review-unit').selectOption({ label: WARD.name.ja });
  await page.locator('#review-fy').selectOption('2025');
  await panel(page).getByRole('button', { name: '審査記録を読み込む' }).click();
  await settle(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe("a ward secretariat's year", () => {
  let pane: Pane;
  let saved: unknown;
  let returnSheets: string[] = [];
  afterAll(async () => {
    await pane?.context.close();
  });

  it('takes three returned files in, each named after its district, with one line per file', async () => {
    pane = await openPane(browser, 'ja-JP');
    const { page } = pane;
    const gen = generateReturns(plan, { seed: 21, rows: 9, rowsPerSheet: 3, fiscalYear: 2025, wards: ['12101'] });
    const files = await Promise.all(
      gen.grids.map(async (g, i) => ({
        name: `返送_${i + 1}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await returnFile({ sheets: [{ name: '活動状況報告', cells: g.cells }], modified: new Date('2026-05-10T00:00:00Z') })),
      })),
    );
    await tab(page, /取り込み/);
    await page.locator('#import-files').setInputFiles(files);
    await panel(page).getByRole('button', { name: '選んだファイルを取り込む' }).click();
    expect(await settle(page)).toBe('3 件のファイルのうち 3 件を取り込みました。');
    expect(await page.locator('#import-log li[data-state="taken"]').count()).toBe(3);
    const sheets = await fakeCall<string[]>(page, 'sheetNames');
    expect(sheets).toHaveLength(4);
    for (const name of sheets.slice(1)) expect(plan.units.some((u) => u.parent === '12101' && u.name.ja === name)).toBe(true);
    returnSheets = sheets.slice(1);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-import.png') });
  });

  it('validates a return taken in', async () => {
    const { page } = pane;
    const sheets = await fakeCall<string[]>(page, 'sheetNames');
    await fakeCall(page, 'activate', sheets[1]);
    await tab(page, /検証/);
    await panel(page).getByRole('button', { name: '検証する', exact: true }).click();
    expect(await settle(page)).toMatch(/件の問題/);
  });

  it('checks the returns, accepts two and sends one back with the e-mail text', async () => {
    const { page } = pane;
    await openReviewTab(page);
    expect(await page.locator('.review-return').count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      await item(page, i).getByRole('button', { name: '受付・点検' }).click();
      expect(await settle(page)).toMatch(/記録しました/);
    }
    for (let i = 0; i < 2; i++) {
      await item(page, i).getByRole('checkbox').check();
      await item(page, i).getByRole('button', { name: '受理' }).click();
      expect(await settle(page)).toMatch(/記録しました/);
    }
    await item(page, 2).locator('.send-back-reason').fill('参加者数の記入漏れがあります');
    await item(page, 2).getByRole('button', { name: '差戻し' }).click();
    expect(await settle(page)).toMatch(/記録しました/);
    expect(await page.locator('.review-return').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(['accepted', 'accepted', 'sent-back']);
    const notice = await page.locator('#review-notice').inputValue();
    expect(notice).toContain('差戻しの理由：参加者数の記入漏れがあります');
    // Core refuses to accept a return sent back; the pane shows its reason and writes nothing.
    await item(page, 2).getByRole('button', { name: '受理' }).click();
    expect(await settle(page)).toMatch(/記録できません/);
    await page.locator('#review-notice').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-review.png') });
    expect(await axe(page)).toEqual([]);
  });

  it("records the council's meeting and its verification, confirms the year and writes the report", async () => {
    const { page } = pane;
    await page.locator('#meeting-date').fill('2026-05-20');
    await page.locator('#meeting-agenda').fill('令和7年度の報告の確認');
    await panel(page).getByRole('button', { name: '会議を記録' }).click();
    expect(await settle(page)).toMatch(/記録しました/);

    await panel(page).getByRole('button', { name: '検証シートを作成' }).click();
    const made = await settle(page);
    const sheet = /「(.+)」/.exec(made)![1]!;
    const values = await fakeCall<unknown[][]>(page, 'values', sheet);
    const header = values.findIndex((r) => r[0] === 'コード');
    const text = plan.bodies.find((b) => b.verification)!.verification!.fields.find((f) => f.type === 'text')!;
    const col = (values[header] as unknown[]).indexOf(text.label.ja);
    await fakeCall(page, 'type', sheet, `${String.fromCharCode(65 + col)}${header + 2}`, [['見守りの担い手が増えた']]);
    await panel(page).getByRole('button', { name: '検証シートを読み取る' }).click();
    expect(await settle(page)).toMatch(/件の対象に検証を記録/);
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-verification.png') });

    await panel(page).getByLabel(/未提出の報告を確認済みとして確定する/).check();
    await panel(page).getByRole('button', { name: 'この単位の年度を確定' }).click();
    expect(await settle(page)).toMatch(/記録しました/);
    expect(await page.locator('#review-log .confirmation').count()).toBe(1);

    await panel(page).getByRole('button', { name: '受理した報告から集約を出力' }).click();
    expect(await settle(page)).toMatch(/枚のシートを出力しました/);
    await page.locator('#review-log').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(IMAGES, 'addin-ja-confirm.png') });
    expect(pane.errors).toEqual([]);
    saved = await fakeCall(page, 'save');
  });

  it('rolls up in the 集計 tab from what the review accepted: the return sent back is not counted', async () => {
    const { page } = pane;
    const unitReport = (await fakeCall<string[]>(page, 'sheetNames')).length;
    await tab(page, /集計/);
    await page.getByRole('button', { name: '一覧を更新' }).click();
    await settle(page);
    for (const name of returnSheets) await panel(page).getByLabel(name, { exact: true }).check();
    await panel(page).getByLabel('年度', { exact: true }).selectOption('2025');
    await page.getByRole('radio', { name: '受け手ごとの集約' }).check();
    await panel(page).getByLabel('区', { exact: true }).selectOption({ label: WARD.name.ja });
    await page.getByRole('button', { name: '集計してシートに出力' }).click();
    const status = await settle(page);
    expect(status).toMatch(/集計した報告 2 件、集計しなかった報告 1 件。/);
    expect(status).toMatch(/審査記録を適用しました/);
    expect(await page.locator('#rollup-left-out li').allInnerTexts()).toEqual([expect.stringContaining(returnSheets[2]!)]);
    // The same report as the review panel's: its sheets were replaced, none added.
    expect(await fakeCall<string[]>(page, 'sheetNames')).toHaveLength(unitReport);
    expect(pane.errors).toEqual([]);
    saved = await fakeCall(page, 'save');
  });

  it('finds the review intact after the workbook is closed and opened again', async () => {
    const reopened = await openPane(browser, 'ja-JP', { workbook: saved });
    try {
      const { page } = reopened;
      await openReviewTab(page);
      expect(await page.locator('.review-return').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.status))).toEqual(['accepted', 'accepted', 'sent-back']);
      expect(await page.locator('#review-log .confirmation').count()).toBe(1);
      await panel(page).getByRole('button', { name: '受理した報告から集約を出力' }).click();
      expect(await settle(page)).toMatch(/枚のシートを出力しました/);
      expect(reopened.errors).toEqual([]);
      expect(reopened.refused).toEqual([]);
    } finally {
      await reopened.context.close();
    }
  });
});
