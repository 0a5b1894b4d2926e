import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  figureId,
  rowId,
  annualReport,
  annualReportWorkbook,
  completeness,
  completenessSheet,
  confirmWard,
  printRowHeights,
  readTableVerification,
  readVerification,
  recordMeeting,
  recordVerification,
  recordedVerifications,
  requirePlan,
  tableVerificationSheet,
  verificationSheet,
  wardProgress,
  type Actor,
  type SheetModel,
  type Submission,
} from '../index.js';
import { activityReturn, measureReturn } from '../rollup/fixtures.test-helpers.js';
import { acceptAll, ctx, ok } from './review.test-helpers.js';

const chiba = requirePlan(chibaPlan);
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));


/** The verification sheet filled in as a body would: `fill(subject code)` gives the values of its empty columns. */
function filled(sheet: SheetModel, fill: (code: string) => unknown[]): { sheet: string; cells: unknown[][] } {
  const n = sheet.columns.length;
  return {
    sheet: sheet.name.ja,
    cells: [
      sheet.columns.map((c) => c.header.ja),
      ...sheet.rows.map((r) => {
        const values = fill(String(r[0]));
        return [...r.slice(0, n - values.length), ...values];
      }),
    ],
  };
}


describe('a ward council verifies at a meeting; confirming locks figures and verification (Chiba)', () => {
  const secretariat: Actor = { id: 'sato', body: 'ward-secretariat', unit: '12101' };
  const subs = [
    activityReturn('samukawa.xlsx', [
      { district: '12101-01', initiative: 'C01', reportDate: '2026-07-01', status: 'done', sessions: 3, participants: 40, rating: 'B' },
      { district: '12101-01', initiative: 'C02', reportDate: '2026-08-01', status: 'in_progress', sessions: 2, participants: 20, rating: 'B' },
    ], { receivedOn: '2027-04-20' }),
  ];

  it('records the verification at a meeting, locks it with the figures, and logs a later change', () => {
    let s = acceptAll(chiba, subs, secretariat);
    s = ok(recordMeeting(chiba, s, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['確認・評価'] }, ctx(secretariat)));
    const meetingId = s.meetings[0]!.id;
    const progress = wardProgress(chiba, subs, { fiscalYear: 2026, ward: '12101', review: s });
    const sheet = verificationSheet(chiba, progress, 'ja');
    // Printed for the meeting: A4, every column, and rows as tall as their wrapped texts (the
    // 報告（地区部会）/ 予定 header takes three lines of its column).
    expect(sheet.print).toMatchObject({ paper: 'A4', title: sheet.preamble?.title, printedColumns: sheet.columns.length });
    expect(printRowHeights(sheet, 'ja').header).toBeGreaterThan(40);
    const v = readVerification(chiba, progress, filled(sheet, (code) => [code === 'C01' ? '順調' : '課題あり', '見守りが広がった', '担い手不足', '']) as never);
    expect(v.issues).toEqual([]);

    // Not at an unrecorded meeting, not by another ward's secretariat, not with errors in the sheet.
    expect(recordVerification(chiba, s, v, { meetingId: 'nope' }, ctx(secretariat))).toMatchObject({ ok: false, issues: [{ code: 'unknown_meeting' }] });
    expect(recordVerification(chiba, s, v, { meetingId }, ctx({ id: 'kato', body: 'ward-secretariat', unit: '12102' }))).toMatchObject({ ok: false, issues: [{ code: 'wrong_unit' }] });
    const bad = readVerification(chiba, progress, filled(sheet, () => ['とても良い', '', '', '']) as never);
    expect(recordVerification(chiba, s, bad, { meetingId }, ctx(secretariat))).toMatchObject({ ok: false, issues: [{ code: 'verification_errors' }] });

    s = ok(recordVerification(chiba, s, v, { meetingId }, ctx(secretariat)));
    expect(s.verifications?.[0]).toMatchObject({ ward: '12101', fiscalYear: 2026, bodyId: 'ward-council', meetingDate: '2027-05-20' });
    expect(s.verifications?.[0]?.records.map((r) => [r.subject, r.values['evaluation']])).toEqual(
      progress.subjects.map((x) => [x.subject.code, x.subject.code === 'C01' ? 'good' : 'issues']),
    );

    // Before the confirmation: completeness shows the ward verified, not yet confirmed.
    let c = completeness(chiba, subs, { fiscalYear: 2026, review: s });
    const step = () => c.verification.find((x) => x.unit.code === '12101')!;
    expect([step().verifiedOn, step().confirmedOn, step().locked]).toEqual(['2027-05-20', null, false]);
    expect(c.verification.filter((x) => x.verifiedOn === null).map((x) => x.unit.code)).toEqual(['12102', '12103', '12104', '12105', '12106', '12100']); // the other wards, then the subcommittee (the city's measures)
    expect(c.compiled.find((x) => x.unit?.code === '12101')?.status).toBe('missing');

    s = ok(confirmWard(chiba, s, subs, { ward: '12101', fiscalYear: 2026, meetingId, acknowledgeMissing: progress.obligations.filter((o) => o.status === 'missing').map((o) => o.id) }, ctx(secretariat)));
    expect(s.confirmations[0]?.verification).toEqual({ id: s.verifications![0]!.id, fingerprint: s.verifications![0]!.fingerprint });
    c = completeness(chiba, subs, { fiscalYear: 2026, review: s });
    expect([step().verifiedOn, step().confirmedOn, step().locked]).toEqual(['2027-05-20', '2027-05-20', true]);
    // The ward → city step: the ward's compiled progress counts once confirmed, by its closing date (6/30).
    expect(c.compiled.find((x) => x.unit?.code === '12101')).toMatchObject({ flowId: 'ward-progress', status: 'on-time', confirmedOn: '2027-05-20', due: '2027-06-30' });
    expect(c.compiled.filter((x) => x.status === 'missing').length).toBe(5);
    expect(c.figures['*/verification/confirmed']).toBe(1);

    // Locked: recording it again needs a reason, and the change is logged against the confirmation.
    const v2 = readVerification(chiba, progress, filled(sheet, () => ['おおむね順調', '', '', '']) as never);
    expect(recordVerification(chiba, s, v2, { meetingId }, ctx(secretariat))).toMatchObject({ ok: false, issues: [{ code: 'locked' }] });
    s = ok(recordVerification(chiba, s, v2, { meetingId }, ctx(secretariat, '会議後に評価を修正')));
    expect(s.changes.at(-1)).toMatchObject({ action: 'verify', ward: '12101', reason: '会議後に評価を修正', confirmationId: s.confirmations[0]!.id });
    expect(s.changes.at(-1)?.fingerprintBefore).not.toBe(s.changes.at(-1)?.fingerprintAfter);
    c = completeness(chiba, subs, { fiscalYear: 2026, review: s });
    expect(step().locked).toBe(false); // what is recorded now is not what the meeting confirmed

    // The annual report shows the ward's verification next to its figures.
    const r = annualReport(chiba, subs, { fiscalYear: 2026, review: s, verifications: recordedVerifications(chiba, s, 2026) });
    const wb = annualReportWorkbook(r, 'ja');
    const uv = wb.sheets.find((x) => x.id === 'annual-unit-verification')!;
    const col = (key: string) => uv.columns.findIndex((x) => x.key === key);
    const chuo = uv.rows.filter((row) => row[0] === '中央区');
    expect(chuo.map((row) => [row[1], row[col('sessions')], row[col('verification-evaluation')]])).toEqual(
      r.wards[0]!.subjects.map((x) => [x.subject.code, x.agg.sum['sessions'] ?? 0, 'おおむね順調']),
    );
    expect(chuo.find((row) => row[1] === 'C01')?.[col('sessions')]).toBe(3);
    const sheet2 = completenessSheet(c, 'ja');
    expect(sheet2.preamble?.lines?.map((l) => l.ja).join('\n')).toContain('検証を記録: 1 / 7');
  });

  it('the subcommittee verifies the measures, and the measures table shows its column', () => {
    const measures = measureReturn('city.xlsx', [
      { measure: '4-1-1', department: '地域福祉課', indicator: '指標', target: 10, actual: 8, rating: 'B' },
      { measure: '4-1-2', department: '地域福祉課', indicator: '指標', target: 4, actual: 4, rating: 'A' },
    ]);
    const report = annualReport(chiba, [measures], { fiscalYear: 2026 });
    const sheet = tableVerificationSheet(chiba, report, 'ja');
    expect(sheet.print).toMatchObject({ paper: 'A4', title: sheet.preamble?.title, printedColumns: sheet.columns.length });
    expect(sheet.columns.slice(-2).map((c) => c.header.ja)).toEqual(['分科会の意見', '成果と課題についての意見']);
    expect(sheet.rows.map((r) => r[1])).toEqual(report.measures.rows.map((m) => `${m.subject.name.ja}（サンプル）`));
    const v = readTableVerification(chiba, report, filled(sheet, (code) => [code === '4-1-1' ? '取組みの強化が必要' : '継続して推進', '']) as never);
    expect(v.issues).toEqual([]);
    const withV = annualReport(chiba, [measures], { fiscalYear: 2026, verifications: [v] });
    const m = annualReportWorkbook(withV, 'ja').sheets.find((x) => x.id === 'annual-measures')!;
    const i = m.columns.findIndex((c) => c.key === 'verification-opinion');
    expect(m.columns[i]?.header.ja).toBe('分科会の意見');
    expect(m.rows.filter((r) => r[0] === '4-1-1' || r[0] === '4-1-2').map((r) => [r[0], r[i]])).toEqual([
      ['4-1-1', '取組みの強化が必要'],
      ['4-1-2', '継続して推進'],
    ]);
    // Without a verification the table has no such column.
    expect(annualReportWorkbook(report, 'ja').sheets.find((x) => x.id === 'annual-measures')!.columns.some((c) => c.key === 'verification-opinion')).toBe(false);
  });
});

describe('a city committee verifies what its ward councils sent (designated city: one body, no per-unit receiver)', () => {
  const office: Actor = { id: 'ito', body: 'city-office' };
  const rec = (ward: string, initiative: string, date: string, sessions: number, households: number) => ({
    fiscalYear: 2026, ward, initiative, reportDate: date, sessions, households, evaluation: '4', outcomes: null, issues: null,
  });
  const sub = (id: string, rows: ReturnType<typeof rec>[]): Submission => ({
    id,
    source: id,
    sheet: 'S',
    templateId: 'ward-report',
    records: rows.map((values, i) => ({ ref: { source: id, sheet: 'S', row: i + 2 }, values, errors: 0, warnings: 0 })),
    issues: [],
    receivedOn: '2027-04-10',
  });
  const subs = [
    sub('minato-interim.xlsx', [rec('M01', 'K1', '2026-09-30', 5, 100)]),
    sub('minato-year-end.xlsx', [rec('M01', 'K1', '2027-03-31', 7, 120)]),
    sub('yamate-interim.xlsx', [rec('M02', 'K1', '2026-09-30', 2, 40)]),
  ];

  it('the city office records the committee meeting and its verification, and confirms the city', () => {
    let s = acceptAll(city, subs, office);
    expect(Object.values(s.returns).map((e) => e.scopes)).toEqual([['M'], ['M'], ['M']]);
    s = ok(recordMeeting(city, s, { ward: 'M', fiscalYear: 2026, date: '2027-06-15', agenda: ['推進状況の確認'] }, ctx(office)));
    const progress = wardProgress(city, subs, { fiscalYear: 2026, ward: 'M', review: s });
    expect(progress.figures[figureId(rowId('M', 'K1'), 'sessions')]).toBe(14);
    expect(progress.figures[figureId(rowId('M', 'K1'), 'households')]).toBe(160);
    const sheet = verificationSheet(city, progress, 'ja');
    const v = readVerification(city, progress, filled(sheet, () => ['支援が必要', '', '', 'いいえ']) as never);
    expect(v.issues).toEqual([]);
    s = ok(recordVerification(city, s, v, { meetingId: s.meetings[0]!.id }, ctx(office)));
    const missing = progress.obligations.filter((o) => o.status === 'missing').map((o) => o.id);
    expect(missing.length).toBe(3); // 山手区's year-end, 浜辺区's both halves
    s = ok(confirmWard(city, s, subs, { ward: 'M', fiscalYear: 2026, meetingId: s.meetings[0]!.id, acknowledgeMissing: missing }, ctx(office)));
    const c = completeness(city, subs, { fiscalYear: 2026, review: s });
    expect(c.verification).toEqual([
      { id: 'M/verification', unit: { code: 'M', name: { ja: 'みなと市', en: 'Minato City' } }, body: { ja: '市地域福祉推進委員会', en: 'City welfare committee' }, flowId: 'ward-interim', verifiedOn: '2027-06-15', recorded: 3, confirmedOn: '2027-06-15', locked: true },
    ]);
    // The plan has no compiling flow without a template: no ward → city step to track apart.
    expect(c.compiled).toEqual([]);
    // A ward council's own actor cannot record the committee's verification.
    expect(recordVerification(city, s, v, { meetingId: s.meetings[0]!.id }, ctx({ id: 'x', body: 'ward-council', unit: 'M01' }))).toMatchObject({ ok: false });
  });
});
