/**
 * The review in the add-in against the fake workbook: core's transitions, the state in a custom
 * XML part that survives closing and reopening, refusals that write nothing, changes after a
 * confirmation with who, when and why, and the verification sheet read back into the report.
 */
import { readFileSync } from 'node:fs';
import { requirePlan, sendBackNotice, type Actor } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { returnFile } from '../fixtures/return-files.js';
import { importReturns } from '../../src/app/import-returns.js';
import { createVerificationSheet, missingReports, openReview, readVerificationSheet, reviewAct, writeUnitReport } from '../../src/app/review.js';
import { REVIEW_NAMESPACE } from '../../src/app/review-store.js';
import { ctx, ok, resetClock, takeIn } from './review-kit.js';

const chiba = requirePlan(chibaPlan);
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));

const secretariat: Actor = { id: 'sato', name: '佐藤', body: 'ward-secretariat', unit: '12101' };

beforeEach(() => {
  fake.reset();
  resetClock();
});

describe('the review in the workbook', () => {
  it('checks, accepts, sends back with a reason ready for an e-mail, and keeps it all across a reopen', async () => {
    const ids = await takeIn(chiba, 3, { wards: ['12101'] });
    expect(ok(await openReview(chiba)).state.returns).toEqual({});
    for (const id of ids) ok(await reviewAct(chiba, { kind: 'check', id }, ctx(secretariat)));
    ok(await reviewAct(chiba, { kind: 'accept', id: ids[0]!, withErrors: true }, ctx(secretariat)));
    ok(await reviewAct(chiba, { kind: 'accept', id: ids[1]!, withErrors: true }, ctx(secretariat)));
    const sent = ok(await reviewAct(chiba, { kind: 'send-back', id: ids[2]!, reason: '参加者数の記入漏れ' }, ctx(secretariat)));
    const notice = sendBackNotice(chiba, sent.state.returns[ids[2]!]!, 'ja');
    expect(notice.body).toContain('差戻しの理由：参加者数の記入漏れ');
    expect(fake.customXmlParts().filter((p) => p.namespaceUri === REVIEW_NAMESPACE)).toHaveLength(1);

    // Core refuses accepting a return sent back: the refusal is shown and nothing is written.
    const xml = fake.customXmlParts().find((p) => p.namespaceUri === REVIEW_NAMESPACE)!.xml;
    const refused = await reviewAct(chiba, { kind: 'accept', id: ids[2]!, withErrors: true }, ctx(secretariat));
    expect(refused).toMatchObject({ ok: false, code: 'bad_status' });
    expect(fake.customXmlParts().find((p) => p.namespaceUri === REVIEW_NAMESPACE)!.xml).toBe(xml);

    fake.reopen();
    const after = ok(await openReview(chiba));
    expect(Object.fromEntries(Object.entries(after.state.returns).map(([id, e]) => [id, e.status]))).toEqual({ [ids[0]!]: 'accepted', [ids[1]!]: 'accepted', [ids[2]!]: 'sent-back' });
    expect(after.state.returns[ids[2]!]!.history.map((e) => [e.action, e.by.id])).toEqual([
      ['receive', 'sato'],
      ['validate', 'sato'],
      ['send-back', 'sato'],
    ]);
  });

  it('records a meeting, confirms the unit, and a later change shows who, when and why', async () => {
    const ids = await takeIn(chiba, 2, { wards: ['12101'] });
    for (const id of ids) ok(await reviewAct(chiba, { kind: 'check', id }, ctx(secretariat)));
    for (const id of ids) ok(await reviewAct(chiba, { kind: 'accept', id, withErrors: true }, ctx(secretariat)));
    const met = ok(await reviewAct(chiba, { kind: 'meeting', ward: '12101', fiscalYear: 2025, date: '2026-05-20', agenda: ['推進状況の確認'] }, ctx(secretariat)));
    const meetingId = met.state.meetings[0]!.id;
    const missing = missingReports(chiba, met, '12101', 2025);
    expect(missing.length).toBeGreaterThan(0);
    const noAck = await reviewAct(chiba, { kind: 'confirm', ward: '12101', fiscalYear: 2025, meetingId, acknowledgeMissing: [] }, ctx(secretariat));
    expect(noAck).toMatchObject({ ok: false, code: 'missing_reports' });
    ok(await reviewAct(chiba, { kind: 'confirm', ward: '12101', fiscalYear: 2025, meetingId, acknowledgeMissing: missing.map((m) => m.id) }, ctx(secretariat)));

    const locked = await reviewAct(chiba, { kind: 'send-back', id: ids[0]!, reason: '数値の誤り' }, ctx(secretariat));
    // A reason for the send-back is also the reason for changing a confirmed unit: core logs it.
    const changed = ok(locked);
    fake.reopen();
    const view = ok(await openReview(chiba));
    expect(view.state.confirmations).toHaveLength(1);
    expect(view.state.changes.map((c) => ({ by: c.by.id, reason: c.reason, from: c.from, to: c.to, at: typeof c.at }))).toEqual([
      { by: 'sato', reason: '数値の誤り', from: 'accepted', to: 'sent-back', at: 'string' },
    ]);
    expect(changed.state.changes).toEqual(view.state.changes);
  });

  it('never overwrites a stored state it cannot read', async () => {
    const ids = await takeIn(chiba, 1, { wards: ['12101'] });
    await import('../../src/excel/run.js').then(({ run }) => run(async (c) => { c.workbook.customXmlParts.add(`<review xmlns="${REVIEW_NAMESPACE}"><json>{"kind":"other"}</json></review>`); await c.sync(); }));
    const r = await reviewAct(chiba, { kind: 'check', id: ids[0]! }, ctx(secretariat));
    expect(r).toMatchObject({ ok: false, code: 'unreadable_state' });
    expect(fake.customXmlParts().filter((p) => p.namespaceUri === REVIEW_NAMESPACE).map((p) => p.xml)).toEqual([`<review xmlns="${REVIEW_NAMESPACE}"><json>{"kind":"other"}</json></review>`]);
  });

  it('creates the verification sheet from core\'s model, reads it back, never replaces it, and the report carries it', async () => {
    const ids = await takeIn(chiba, 2, { wards: ['12101'] });
    for (const id of ids) ok(await reviewAct(chiba, { kind: 'check', id }, ctx(secretariat)));
    for (const id of ids) ok(await reviewAct(chiba, { kind: 'accept', id, withErrors: true }, ctx(secretariat)));
    const made = await createVerificationSheet(chiba, 'ja', { ward: '12101', fiscalYear: 2025 });
    expect(made).toMatchObject({ existed: false });
    const sheet = (made as { sheet: string }).sheet;
    const values = fake.values(sheet);
    const header = values.findIndex((r) => r[0] === 'コード');
    expect(header).toBeGreaterThanOrEqual(0);
    const body = chiba.bodies.find((b) => b.verification)!.verification!;
    const text = body.fields.find((f) => f.type === 'text')!;
    const col = (values[header] as unknown[]).indexOf(text.label.ja);
    fake.type(sheet, `${String.fromCharCode(65 + col)}${header + 2}`, '見守りの担い手が増えた');
    expect(await createVerificationSheet(chiba, 'ja', { ward: '12101', fiscalYear: 2025 })).toEqual({ sheet, existed: true });
    expect(fake.values(sheet)[header + 1]![col]).toBe('見守りの担い手が増えた');

    const read = await readVerificationSheet(chiba, { ward: '12101', fiscalYear: 2025 });
    expect(read!.result.records.find((r) => r.values[text.key] === '見守りの担い手が増えた')).toBeDefined();
    const report = await writeUnitReport(chiba, 'ja', { ward: '12101', fiscalYear: 2025 });
    if (!report.ok) throw new Error(report.reason.en);
    expect(report.progress.verification?.records.some((r) => r.values[text.key] === '見守りの担い手が増えた')).toBe(true);
    expect(report.sheets.length).toBeGreaterThan(0);
    for (const s of report.sheets) expect(fake.sheetNames()).toContain(s);
  });

  it('works for a designated city whose wards report to a city committee (its office reviews)', async () => {
    const ids = await takeIn(city, 2);
    const office: Actor = { id: 'ito', body: 'city-office' };
    for (const id of ids) ok(await reviewAct(city, { kind: 'check', id }, ctx(office)));
    ok(await reviewAct(city, { kind: 'accept', id: ids[0]!, withErrors: true }, ctx(office)));
    const v = ok(await reviewAct(city, { kind: 'send-back', id: ids[1]!, reason: '評価の記入漏れ' }, ctx(office)));
    expect(sendBackNotice(city, v.state.returns[ids[1]!]!, 'en').body).toContain('Reason: 評価の記入漏れ');
    // A ward council cannot accept what it sent.
    const own = await reviewAct(city, { kind: 'accept', id: ids[0]!, withErrors: true }, ctx({ id: 'x', body: 'ward-council', unit: v.state.returns[ids[0]!]!.units[0]! }));
    expect(own.ok).toBe(false);
  });
});

describe('closing and opening the saved workbook', () => {
  // Excel refuses a custom XML part that is not well-formed: what staff type must be escaped.
  const REASON = '再提出をお願いします <別紙> & "参加者数"';

  it('keeps the returns taken in, their tags and the review state', async () => {
    const ids = await takeIn(chiba, 2, { wards: ['12101'] });
    ok(await reviewAct(chiba, { kind: 'check', id: ids[0]! }, ctx(secretariat)));
    ok(await reviewAct(chiba, { kind: 'send-back', id: ids[0]!, reason: REASON }, ctx(secretariat)));
    const saved = fake.save();
    const names = fake.sheetNames();
    fake.reset();
    expect(fake.sheetNames()).toEqual(['Sheet1']);
    fake.open(saved);
    expect(fake.sheetNames()).toEqual(names);
    const view = ok(await openReview(chiba));
    expect(view.returns.map((r) => r.submissionId)).toEqual(ids);
    expect(view.state.returns[ids[0]!]!.sentBackReason).toBe(REASON);
  });
});

describe('a newer version holding only some of the rows', () => {
  it('stays beside the earlier return and the report counts each row once, from the later file', async () => {
    const g = generateReturns(chiba, { seed: 5, rows: 3, rowsPerSheet: 3, fiscalYear: 2025, wards: ['12101'] });
    const cells = g.grids[0]!.cells;
    const first = await returnFile({ sheets: [{ name: '報告', cells }], modified: new Date('2026-05-10T00:00:00Z') });
    const partial = await returnFile({ sheets: [{ name: '報告', cells: cells.slice(0, 2) }], modified: new Date('2026-05-12T00:00:00Z') });
    await importReturns(chiba, 'ja', [{ name: 'a.xlsx', bytes: first }]);
    const [o] = await importReturns(chiba, 'ja', [{ name: 'a_修正.xlsx', bytes: partial }]);
    expect(o).toMatchObject({ kind: 'taken', sheets: [{ replaced: [], partlyOverlaps: [expect.any(String)] }] });
    const view = ok(await openReview(chiba));
    expect(view.submissions.map((s) => s.records.length).sort()).toEqual([1, 2]);
  });
});
