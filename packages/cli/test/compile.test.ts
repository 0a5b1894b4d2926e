/**
 * The city compiles the annual report from the wards' own confirmed workbooks: a ward workbook as
 * the add-in leaves it (district returns taken in and named after their district, the review state
 * in a custom XML part, the ward council's verification sheet), read by `sasaeai compile`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import {
  accept,
  confirmWard,
  emptyReview,
  receive,
  recordMeeting,
  requirePlan,
  reviewToXml,
  sendBack,
  submissionFromValidation,
  validateGrids,
  validateReturn,
  verificationSheet,
  wardProgress,
  type ActionContext,
  type ReviewState,
  type Transition,
} from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { readWorkbook } from '../src/xlsx/read.js';
import { ACTIVITY_HEADERS, addSheet, goodRow, save, tempDir } from './fixtures.js';
import { json, sasaeai } from './run.js';

const plan = requirePlan(chibaPlan);
const actor = { id: 'sato', body: 'ward-secretariat', unit: '12101' };
let tick = 0;
const ctx = (): ActionContext => ({ actor, now: () => new Date(Date.UTC(2027, 4, 20, 0, tick++)) });
const ok = (t: Transition) => {
  if (!t.ok) throw new Error(t.issues[0]?.reason.en);
  return t.value;
};

/** Puts the review state into the workbook as the add-in's custom XML part. */
function withReview(file: string, state: ReviewState): void {
  const parts = unzipSync(new Uint8Array(readFileSync(file)));
  parts['customXml/item1.xml'] = strToU8(reviewToXml(state));
  writeFileSync(file, zipSync(parts));
}

describe('sasaeai compile: the annual report from the wards\' confirmed workbooks', () => {
  const dir = tempDir('sasaeai-compile-');
  let ward = '';
  let unreviewed = '';

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    addSheet(wb, '寒川', ACTIVITY_HEADERS, [goodRow({ 年度: 2026 }), goodRow({ 取組み: 'ふれあい・いきいきサロン', 実施回数: 10, 参加者数: 180 })]);
    addSheet(wb, '松ケ丘', ACTIVITY_HEADERS, [goodRow({ 地区部会: '松ケ丘', 実施回数: 5, 参加者数: 60 })]);
    addSheet(wb, '新宿', ACTIVITY_HEADERS, [goodRow({ 地区部会: '新宿', 実施回数: 7, 参加者数: 70 })]);
    const draft = await save(wb, dir, 'draft.xlsx');
    // The review as the add-in made it: each return known by the file it came in.
    const read = await readWorkbook(draft);
    const grids = read.sheets.map((s) => ({ ...s.grid, source: `${s.grid.sheet}.xlsx` }));
    const subs = validateGrids(grids, { plan }).results.map((r) => submissionFromValidation(r, { id: `${r.source}#活動状況報告` }));
    let state = emptyReview(plan);
    for (const s of subs) state = ok(validateReturn(plan, ok(receive(plan, state, s, ctx())), s, ctx()));
    state = ok(accept(plan, state, subs[0]!.id, ctx()));
    state = ok(accept(plan, state, subs[1]!.id, ctx()));
    state = ok(sendBack(plan, state, subs[2]!.id, '参加者数の内訳を記入してください', ctx()));
    state = ok(recordMeeting(plan, state, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['確認'] }, ctx()));
    const missing = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', review: state }).obligations.filter((o) => o.status === 'missing').map((o) => o.id);
    state = ok(confirmWard(plan, state, subs, { ward: '12101', fiscalYear: 2026, meetingId: state.meetings[0]!.id, acknowledgeMissing: missing }, ctx()));
    // The ward council's verification sheet, from core's model.
    const model = verificationSheet(plan, wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', review: state }), 'ja');
    const text = model.columns.findIndex((c) => c.key === plan.bodies.find((b) => b.verification)!.verification!.fields.find((f) => f.type === 'text')!.key);
    const rows = model.rows.map((r) => r.map((v) => (typeof v === 'object' && v !== null ? null : v)));
    rows[0]![text] = '見守りの担い手が増えた';
    addSheet(wb, model.name.ja, model.columns.map((c) => c.header.ja), rows);
    ward = await save(wb, dir, '中央区.xlsx');
    withReview(ward, state);
    const other = new ExcelJS.Workbook();
    addSheet(other, '検見川', ACTIVITY_HEADERS, [goodRow({ 区: '花見川区', 地区部会: '検見川' })]);
    unreviewed = await save(other, dir, '花見川区.xlsx');
  });

  it('counts the accepted returns of a confirmed ward and carries its verification', async () => {
    const out = join(dir, 'annual.xlsx');
    const r = await sasaeai(['compile', ward, '--fiscal-year', '2026', '-o', out, '--format', 'json']);
    expect(r.stderr).toBe('');
    const j = json(r);
    expect(j.counted).toBe(2);
    expect(j.workbooks).toEqual([{ source: '中央区.xlsx', unit: '12101', confirmed: true, returns: 3, reviewed: 3, verificationIssues: expect.any(Number), notes: [] }]);
    expect((await readWorkbook(out)).ok).toBe(true);
  });

  it('says what did not count and exits 1: a workbook without a review record', async () => {
    const r = await sasaeai(['compile', ward, unreviewed, '--fiscal-year', '2026']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('中央区.xlsx：単位 中央区（12101）・確定済み・報告 3 件（審査記録あり 3 件）');
    expect(r.stdout).toContain('「花見川区.xlsx」には審査記録がありません。受理された報告がないため、この報告は数えません。');
    const en = await sasaeai(['--lang', 'en', 'compile', ward, unreviewed, '--fiscal-year', '2026']);
    expect(en.stdout).toContain('"花見川区.xlsx" carries no review record: none of its returns is accepted, so none is counted.');
  });
});
