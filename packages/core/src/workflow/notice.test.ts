import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { completeness, emptyReview, receive, remindersSheet, requirePlan, sendBack, sendBackNotice, type ActionContext, type ReviewState, type Transition } from '../index.js';
import { activityReturn } from '../rollup/fixtures.test-helpers.js';

const plan = requirePlan(chibaPlan);
const town = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as unknown);
// 09:00 in Tokyo on 1 May 2027 is still 30 April in UTC.
const ctx: ActionContext = { actor: { id: 'sato', name: '佐藤', body: 'ward-secretariat', unit: '12101' }, now: () => new Date('2027-05-01T00:00:00+09:00') };
const ok = (t: Transition): ReviewState => {
  if (!t.ok) throw new Error(t.issues[0]?.reason.en);
  return t.value;
};
const shinjuku = activityReturn('新宿.xlsx', [{ district: '12101-03', initiative: 'C01', reportDate: '2026-07-01', status: 'done', sessions: 3, participants: 40, rating: 'B' }], {
  receivedOn: '2027-04-20',
});

describe('sendBackNotice', () => {
  const state = ok(sendBack(plan, ok(receive(plan, emptyReview(plan), shinjuku, ctx)), shinjuku.id, '参加者数の内訳を記入してください', ctx));

  it('writes the e-mail to the sender, with the return, the receiving body, the day in the plan time zone and the reason', () => {
    const ja = sendBackNotice(plan, state.returns[shinjuku.id]!, 'ja');
    expect(ja.to).toBe('新宿地区部会');
    expect(ja.subject).toBe('報告の差戻し：地区部会 活動状況報告（新宿.xlsx / 活動状況報告）');
    expect(ja.body).toContain('中央区支え合いのまち推進協議会あてにご提出いただいた報告');
    expect(ja.body).toContain('2027年5月1日');
    expect(ja.body).toContain('差戻しの理由：参加者数の内訳を記入してください');
    const en = sendBackNotice(plan, state.returns[shinjuku.id]!, 'en');
    expect(en.subject).toMatch(/^Return sent back: /);
    expect(en.body).toContain('Reason: 参加者数の内訳を記入してください');
  });

  it('is a programmer error for a return that is not sent back', () => {
    const received = ok(receive(plan, emptyReview(plan), shinjuku, ctx));
    expect(() => sendBackNotice(plan, received.returns[shinjuku.id]!, 'ja')).toThrow(RangeError);
  });

  it('reminders list the sent-back district with its reason, and those that have not reported', () => {
    const sheet = remindersSheet(plan, completeness(plan, [shinjuku], { fiscalYear: 2026, review: state, within: '12101' }), state, 'ja');
    expect(sheet.columns.map((c) => c.key)).toEqual(['code', 'from', 'to', 'due', 'status', 'reason', 'return']);
    const byCode = Object.fromEntries(sheet.rows.map((r) => [r[0], r]));
    expect(byCode['12101-03']).toEqual(['12101-03', '新宿地区部会', '中央区支え合いのまち推進協議会', { date: '2027-04-30' }, '差戻し中', '参加者数の内訳を記入してください', '新宿.xlsx / 活動状況報告']);
    expect(byCode['12101-01']?.[4]).toBe('未提出');
    expect(sheet.print?.paper).toBe('A4');
  });
});

describe('remindersSheet with another plan (a town with no wards)', () => {
  it('lists every area that has not reported, with the names and deadline from that plan', () => {
    const c = completeness(town, [], { fiscalYear: 2026 });
    const sheet = remindersSheet(town, c, undefined, 'en');
    expect(sheet.rows.length).toBe(c.obligations.length);
    expect(sheet.rows.every((r) => r[4] === 'not reported')).toBe(true);
    expect(new Set(sheet.rows.map((r) => r[2]))).toEqual(new Set(c.obligations.map((o) => o.to.en)));
  });
});
