import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  ALL_SUBJECTS,
  accept,
  confirmWard,
  parseReviewState,
  emptyReview,
  figureId,
  receive,
  recordMeeting,
  requirePlan,
  rowId,
  sendBack,
  validateReturn,
  wardProgress,
  wardProgressWorkbook,
  type Actor,
  type ReviewState,
} from '../index.js';
import { activityReturn } from '../rollup/fixtures.test-helpers.js';
import { acceptAll, ctx, ok } from './review.test-helpers.js';

const plan = requirePlan(chibaPlan);
/** The ward's figure over every initiative. */
const wardSessions = figureId(rowId('12101', ALL_SUBJECTS), 'sessions');
const secretariat: Actor = { id: 'sato', name: '佐藤', body: 'ward-secretariat', unit: '12101' };
const otherWard: Actor = { id: 'kato', body: 'ward-secretariat', unit: '12102' };
const samukawaChapter: Actor = { id: 'chapter-01', body: 'district-chapter', unit: '12101-01' };


const samukawa = activityReturn(
  'samukawa.xlsx',
  [
    { district: '12101-01', initiative: 'C01', reportDate: '2026-07-01', status: 'done', sessions: 3, participants: 40, rating: 'B' },
    { district: '12101-01', initiative: 'C02', reportDate: '2026-08-01', status: 'in_progress', sessions: 2, participants: 20, rating: 'B' },
  ],
  { receivedOn: '2027-04-20' },
);
const matsugaoka = activityReturn('matsugaoka.xlsx', [{ district: '12101-02', initiative: 'C01', reportDate: '2026-09-01', status: 'done', sessions: 5, participants: 60, rating: 'A' }], {
  receivedOn: '2027-04-25',
});
const subs = [samukawa, matsugaoka];

const acceptedBoth = (): ReviewState => acceptAll(plan, subs, secretariat);

describe('review workflow', () => {
  it('lets a district chapter submit its own return but never accept it', () => {
    let s = ok(receive(plan, emptyReview(plan), samukawa, ctx(samukawaChapter)));
    const notOwn = receive(plan, s, matsugaoka, ctx(samukawaChapter));
    expect(notOwn.ok).toBe(false);
    s = ok(validateReturn(plan, s, samukawa, ctx(secretariat)));
    const r = accept(plan, s, samukawa.id, ctx(samukawaChapter));
    expect(r.ok ? null : r.issues).toMatchInlineSnapshot(`
      [
        {
          "code": "own_return",
          "reason": {
            "en": "The Samukawa district chapter cannot accept its own return: the receiving Chuo Ward mutual-support town promotion council (or its secretariat) does.",
            "ja": "寒川地区部会は自らの報告を受理できません。受理は報告先の中央区支え合いのまち推進協議会（またはその事務局）が行います。",
          },
        },
      ]
    `);
  });

  it('refuses a secretariat of another ward and out-of-order transitions', () => {
    let s = ok(receive(plan, emptyReview(plan), samukawa, ctx(secretariat)));
    const early = accept(plan, s, samukawa.id, ctx(secretariat));
    expect(early.ok ? null : early.issues[0]?.code).toBe('bad_status');
    s = ok(validateReturn(plan, s, samukawa, ctx(secretariat)));
    const foreign = accept(plan, s, samukawa.id, ctx(otherWard));
    expect(foreign.ok ? null : foreign.issues[0]?.code).toBe('wrong_unit');
    expect(ok(accept(plan, s, samukawa.id, ctx(secretariat))).returns[samukawa.id]?.status).toBe('accepted');
  });

  it('counts only accepted returns, others as provisional on request', () => {
    let s = acceptedBoth();
    s = ok(sendBack(plan, s, matsugaoka.id, '参加者数の記入漏れ', ctx(secretariat)));
    const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', review: s });
    expect(p.figures[wardSessions]).toBe(5);
    expect(p.submissions.find((u) => u.id === matsugaoka.id)).toMatchObject({ use: 'left-out', status: 'sent-back' });
    s = ok(receive(plan, s, matsugaoka, ctx(secretariat)));
    const prov = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', review: s, includeProvisional: true });
    expect(prov.figures[wardSessions]).toBe(10);
    expect(prov.provisional).toBe(true);
    expect(prov.provenance['12101/C01/sessions']?.provisional).toBe(true);
    expect(prov.provenance['12101/C02/sessions']?.provisional).toBeUndefined();
    const lines = wardProgressWorkbook(prov, 'ja').sheets[0]!.preamble!.lines!.map((l) => l.ja);
    expect(lines.some((l) => l.includes('暫定値を含む報告（未受理）: matsugaoka.xlsx'))).toBe(true);
  });

  it('refuses to accept a return with open errors unless told to', () => {
    const bad = activityReturn('bad.xlsx', [{ district: '12101-03', initiative: 'C01', reportDate: '2026-07-01', status: 'done', sessions: 1, participants: 1, rating: 'B', errors: 1 }]);
    let s = ok(receive(plan, emptyReview(plan), bad, ctx(secretariat)));
    s = ok(validateReturn(plan, s, bad, ctx(secretariat)));
    const r = accept(plan, s, bad.id, ctx(secretariat));
    expect(r.ok ? null : r.issues[0]?.code).toBe('open_errors');
    expect(accept(plan, s, bad.id, ctx(secretariat), { acceptWithErrors: true }).ok).toBe(true);
  });

  it('records meetings by the secretariat and confirms only with missing reports acknowledged', () => {
    let s = acceptedBoth();
    expect(recordMeeting(plan, s, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['推進状況'] }, ctx(samukawaChapter)).ok).toBe(false);
    s = ok(recordMeeting(plan, s, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['令和8年度 区計画の推進状況の確認'], reviewed: subs.map((x) => x.id) }, ctx(secretariat)));
    const meetingId = s.meetings[0]!.id;
    const refused = confirmWard(plan, s, subs, { ward: '12101', fiscalYear: 2026, meetingId }, ctx(secretariat));
    expect(refused.ok ? null : refused.issues[0]?.code).toBe('missing_reports');
    expect(refused.ok ? '' : refused.issues[0]?.reason.ja).toContain('新宿地区部会');
    const missing = ['12101-03', '12101-04', '12101-05', '12101-06', '12101-07', '12101-08'];
    s = ok(confirmWard(plan, s, subs, { ward: '12101', fiscalYear: 2026, meetingId, acknowledgeMissing: missing }, ctx(secretariat)));
    expect(s.confirmations).toHaveLength(1);
    expect(s.confirmations[0]!.acknowledgedMissing).toHaveLength(6);
    expect(s.meetings[0]!.confirmed).toBe(s.confirmations[0]!.id);
    const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', review: s });
    expect(p.confirmation?.changes).toEqual([]);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });

  it('after confirmation, changes need a reason, are logged and show as changes of figures', () => {
    let s = acceptedBoth();
    s = ok(recordMeeting(plan, s, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['確認'] }, ctx(secretariat)));
    const missing = ['12101-03', '12101-04', '12101-05', '12101-06', '12101-07', '12101-08'];
    s = ok(confirmWard(plan, s, subs, { ward: '12101', fiscalYear: 2026, meetingId: s.meetings[0]!.id, acknowledgeMissing: missing }, ctx(secretariat)));
    const corrected = activityReturn('matsugaoka.xlsx', [{ district: '12101-02', initiative: 'C01', reportDate: '2026-09-01', status: 'done', sessions: 6, participants: 60, rating: 'A' }], {
      receivedOn: '2027-06-01',
    });
    const silent = receive(plan, s, corrected, ctx(secretariat));
    expect(silent.ok ? null : silent.issues[0]?.code).toBe('locked');
    s = ok(receive(plan, s, corrected, ctx(secretariat, '回数の誤記を訂正')));
    s = ok(validateReturn(plan, s, corrected, ctx(secretariat, '回数の誤記を訂正')));
    s = ok(accept(plan, s, corrected.id, ctx(secretariat, '回数の誤記を訂正')));
    expect(s.changes.map((c) => [c.action, c.reason, c.by.id])).toEqual([
      ['receive', '回数の誤記を訂正', 'sato'],
      ['validate', '回数の誤記を訂正', 'sato'],
      ['accept', '回数の誤記を訂正', 'sato'],
    ]);
    const p = wardProgress(plan, [samukawa, corrected], { fiscalYear: 2026, ward: '12101', review: s });
    expect(p.confirmation?.changes.filter((c) => c.figureId.endsWith('/sessions'))).toEqual([
      { figureId: '12101-02/*/sessions', before: 5, after: 6 },
      { figureId: '12101-02/C01/sessions', before: 5, after: 6 },
      { figureId: '12101/*/sessions', before: 10, after: 11 },
      { figureId: '12101/C01/sessions', before: 8, after: 9 },
    ]);
    expect(p.confirmation?.log).toHaveLength(3);
    const wb = wardProgressWorkbook(p, 'ja');
    expect(wb.sheets.find((x) => x.id === 'changes')?.rows).toContainEqual(['12101/*/sessions', 10, 11]);
    expect(wb.sheets.find((x) => x.id === 'change-log')?.rows[0]).toEqual([s.changes[0]!.at, '佐藤', 'matsugaoka.xlsx#活動状況報告', '受付', '受理', '受付済み', '回数の誤記を訂正']);
    const round = parseReviewState(JSON.parse(JSON.stringify(s)));
    expect(round.ok && round.value).toEqual(s);
    const broken = parseReviewState({ ...s, returns: { x: { status: 'lost' } } });
    expect(broken.ok ? null : broken.issues.map((i) => i.code)).toEqual(['bad_input']);
  });

  it('a file edited after acceptance stops counting as accepted and shows as a change', () => {
    const s = acceptedBoth();
    const edited = { ...matsugaoka, records: matsugaoka.records.map((r) => ({ ...r, values: { ...r.values, sessions: 50 } })) };
    const p = wardProgress(plan, [samukawa, edited], { fiscalYear: 2026, ward: '12101', review: s });
    expect(p.submissions.find((u) => u.id === matsugaoka.id)).toMatchObject({ use: 'left-out', status: 'accepted' });
    expect(p.figures[wardSessions]).toBe(5);
  });
});
