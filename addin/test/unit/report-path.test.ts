/**
 * One report path (note 3, "two panels of state"): the roll-up tab (集計) builds its report through
 * the same core decision as the review panel (審査) — `buildReport` with the review state the
 * workbook carries — so a return sent back is not counted in the tab's report, and the tab's
 * figures are those the CLI's `compile` takes from the same workbook and state
 * (`compileUnitWorkbooks` over the workbook's sheets and its review part, as `sasaeai compile`
 * reads them). Two differently shaped plans: Chiba's (ward councils) and the designated city's.
 */
import { readFileSync } from 'node:fs';
import { compileUnitWorkbooks, requirePlan, reviewFromXml, type Actor, type Plan, type RawCell } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { listImported } from '../../src/app/import-returns.js';
import { completenessOf, rollUp } from '../../src/app/operations.js';
import { reviewAct, writeUnitReport } from '../../src/app/review.js';
import { REVIEW_NAMESPACE } from '../../src/app/review-store.js';
import { run } from '../../src/excel/run.js';
import { ctx, ok, resetClock, takeIn } from './review-kit.js';

const chiba = requirePlan(chibaPlan);
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));

beforeEach(() => {
  fake.reset();
  resetClock();
});

/** Three returns of one ward taken in; the first two accepted, the third sent back. */
async function reviewedYear(plan: Plan, actor: Actor) {
  const ids = await takeIn(plan, 3, { seed: 7, wards: [plan.units.find((u) => u.level === plan.levels[1]!.id)!.code] });
  for (const id of ids) ok(await reviewAct(plan, { kind: 'check', id }, ctx(actor)));
  ok(await reviewAct(plan, { kind: 'accept', id: ids[0]!, withErrors: true }, ctx(actor)));
  ok(await reviewAct(plan, { kind: 'accept', id: ids[1]!, withErrors: true }, ctx(actor)));
  ok(await reviewAct(plan, { kind: 'send-back', id: ids[2]!, reason: '参加者数の記入漏れ' }, ctx(actor)));
  const returns = await listImported(plan);
  return { ids, returns, sheetIds: returns.map((r) => r.sheetId) };
}

/** What `sasaeai compile` reads from the saved workbook: every sheet's values and the review part. */
function asTheCliReadsIt(plan: Plan) {
  const part = fake.customXmlParts().find((p) => p.namespaceUri === REVIEW_NAMESPACE)!;
  const review = reviewFromXml(part.xml);
  if (!review.ok) throw new Error(review.issues[0]?.reason.en);
  const grids = fake.sheetNames().map((sheet) => ({ sheet, cells: fake.values(sheet) as RawCell[][] }));
  return compileUnitWorkbooks(plan, [{ source: 'ward.xlsx', review: review.value, grids }], { fiscalYear: 2025 }).report;
}

const PLANS: { name: string; plan: Plan; actor: Actor }[] = [
  { name: 'Chiba', plan: chiba, actor: { id: 'sato', name: '佐藤', body: 'ward-secretariat', unit: '12101' } },
  { name: 'designated city', plan: city, actor: { id: 'ito', body: 'city-office' } },
];

describe('the roll-up tab applies the review state', () => {
  for (const { name, plan, actor } of PLANS) {
    it(`does not count a return sent back, and its figures are the CLI compile's (${name} plan)`, async () => {
      const { ids, sheetIds, returns } = await reviewedYear(plan, actor);
      const r = await rollUp(plan, 'ja', { sheetIds, fiscalYear: 2025, kind: 'annual' });
      if (!r.ok) throw new Error(r.reason.en);
      expect(r.reviewed).toBe(true);
      const uses = Object.fromEntries(r.report.submissions.map((s) => [s.id, [s.use, s.status]]));
      expect(uses).toEqual({ [ids[0]!]: ['counted', 'accepted'], [ids[1]!]: ['counted', 'accepted'], [ids[2]!]: ['left-out', 'sent-back'] });
      const sentBack = r.report.submissions.find((s) => s.id === ids[2]!)!;
      expect(sentBack.sheet).toBe(returns[2]!.name);
      expect(sentBack.reason?.ja).toBeTruthy();

      const cli = asTheCliReadsIt(plan);
      expect(cli.submissions.map((s) => s.use)).toEqual(r.report.submissions.map((s) => s.use));
      expect(r.report.figures).toEqual(cli.figures);
      // Something was counted: equal figures of an empty report would prove nothing.
      expect(r.report.submissions.filter((s) => s.use === 'counted').reduce((n, s) => n + s.records, 0)).toBeGreaterThan(0);
      expect(Object.keys(r.report.figures).length).toBeGreaterThan(0);
    });
  }

  it("gives the review panel's report for a unit: the same figures, the same sheets replaced", async () => {
    const { sheetIds } = await reviewedYear(chiba, PLANS[0]!.actor);
    const panel = await writeUnitReport(chiba, 'ja', { ward: '12101', fiscalYear: 2025 });
    if (!panel.ok) throw new Error(panel.reason.en);
    const sheetsBefore = fake.sheetNames();
    const tab = await rollUp(chiba, 'ja', { sheetIds, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    if (!tab.ok) throw new Error(tab.reason.en);
    expect(tab.report.figures).toEqual(panel.progress.figures);
    expect(tab.report.submissions.filter((s) => s.use === 'left-out').map((s) => s.status)).toEqual(['sent-back']);
    // One report, one group: the tab replaced the panel's sheets instead of adding a second set.
    expect(tab.sheets).toEqual(panel.sheets);
    expect(fake.sheetNames().sort()).toEqual(sheetsBefore.sort());
  });

  it('checks who has reported with the review state too: a return sent back has not arrived', async () => {
    const { sheetIds } = await reviewedYear(chiba, PLANS[0]!.actor);
    const c = await completenessOf(chiba, 'ja', { sheetIds, fiscalYear: 2025, write: false });
    const cli = asTheCliReadsIt(chiba).completeness;
    expect(c.completeness.total).toEqual(cli.total);
    // Without the review all three would have arrived; with it, the one sent back has not.
    await run(async (context) => {
      const parts = context.workbook.customXmlParts.getByNamespace(REVIEW_NAMESPACE);
      parts.load('items/id');
      await context.sync();
      for (const p of parts.items) p.delete();
      await context.sync();
    });
    const all = await completenessOf(chiba, 'ja', { sheetIds, fiscalYear: 2025, write: false });
    expect(all.completeness.total.received).toBeGreaterThan(c.completeness.total.received);
  });

  it('counts every return when the workbook carries no review, as the CLI rollup without a ledger', async () => {
    const g = generateReturns(chiba, { seed: 7, rows: 6, rowsPerSheet: 3, fiscalYear: 2025, wards: ['12101'] });
    const sheetIds = g.grids.map((grid, i) => {
      const id = fake.addSheet(`R${i + 1}`);
      fake.type(`R${i + 1}`, 'A1', grid.cells.map((row) => row.map((c) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : typeof c === 'object' ? c.error : c))));
      return id;
    });
    const r = await rollUp(chiba, 'ja', { sheetIds, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.reviewed).toBe(false);
    expect(r.report.submissions.map((s) => [s.use, s.status])).toEqual([
      ['counted', 'unreviewed'],
      ['counted', 'unreviewed'],
    ]);
  });

  it('stops, writing nothing, when the stored review cannot be read', async () => {
    const { sheetIds } = await reviewedYear(chiba, PLANS[0]!.actor);
    await run(async (c) => {
      const parts = c.workbook.customXmlParts.getByNamespace(REVIEW_NAMESPACE);
      parts.load('items/id');
      await c.sync();
      for (const p of parts.items) p.delete();
      c.workbook.customXmlParts.add(`<review xmlns="${REVIEW_NAMESPACE}"><json>{"kind":"other"}</json></review>`);
      await c.sync();
    });
    const before = fake.sheetNames();
    const r = await rollUp(chiba, 'ja', { sheetIds, fiscalYear: 2025, kind: 'ward', ward: '12101' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.ja).toBeTruthy();
    expect(fake.sheetNames()).toEqual(before);
  });
});
