import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { annualReport, completeness, isProvisional, requirePlan, traceFigure, wardProgress, wardProgressWorkbook, annualReportWorkbook, completenessSheet } from '../index.js';
import { activityReturn, measureReturn } from './fixtures.test-helpers.js';

const plan = requirePlan(chibaPlan);

const subs = [
  activityReturn('samukawa.xlsx', [
    { district: '12101-01', initiative: 'C01', reportDate: '2026-07-01', status: 'in_progress', sessions: 3, participants: 40, rating: 'B', partners: ['neighbourhood'] },
    { district: '12101-01', initiative: 'C01', reportDate: '2026-12-01', status: 'done', sessions: 2, participants: 30, rating: 'A', successCase: true, outcomes: '見守り体制ができた', partners: ['welfare-commissioners'] },
    { district: '12101-01', initiative: 'C02', reportDate: '2026-12-01', status: 'in_progress', sessions: 4, participants: 15, rating: 'C', issues: '会場が足りない' },
  ]),
  activityReturn('matsugaoka.xlsx', [
    { district: '12101-02', initiative: 'C02', reportDate: '2027-05-10', status: 'done', sessions: 10, participants: 120, rating: 'C', issues: '担い手不足' },
  ]),
  activityReturn('matsugaoka-2.xlsx', [
    { district: '12101-02', initiative: 'C03', reportDate: '2027-01-10', status: 'done', sessions: 1, participants: 9, rating: 'B', errors: 1 },
  ]),
  activityReturn('makuhari.xlsx', [{ district: '12102-01', initiative: 'C01', reportDate: '2026-09-01', status: 'done', sessions: 6, participants: 50, rating: 'B' }]),
  measureReturn('city.xlsx', [
    { measure: '4-1-1', department: '地域福祉推進課', indicator: '広報紙発行回数', target: 12, actual: 10, rating: 'B' },
    { measure: '4-1-2', department: '教育指導課', indicator: '福祉教育の実施校数', target: 20, actual: 22, rating: 'A' },
  ]),
];

describe('wardProgress', () => {
  const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });

  it('combines any-time returns of a district and initiative: sums add, last takes the latest report', () => {
    expect(p.figures['12101-01/C01/sessions']).toBe(5);
    expect(p.figures['12101-01/C01/status']).toBe('done');
    expect(p.figures['12101-01/C01/rating']).toBe('A');
    expect(p.cells.find((c) => c.id === '12101-01/C01')?.values.partners).toEqual(['neighbourhood', 'welfare-commissioners']);
  });

  it('rolls cells up by initiative and for the ward, leaving out rows with open errors', () => {
    expect(p.title.ja).toBe('令和8年度 中央区 区計画の推進状況');
    expect(p.figures['12101/C02/sessions']).toBe(14);
    expect(p.figures['12101/C02/reported']).toBe(2);
    expect(p.figures['12101/C02/rating=C']).toBe(2);
    expect(p.figures['12101/C03/reported']).toBe(0);
    expect(p.figures['12101/*/sessions']).toBe(19);
    expect(p.figures['12101/*/successCase']).toBe(1);
    expect(p.districts.find((d) => d.unit.code === '12101-02')?.errors).toBe(1);
  });

  it('reports timeliness against the closing date', () => {
    const byCode = Object.fromEntries(p.districts.map((d) => [d.unit.code, d.timeliness]));
    expect(byCode['12101-01']).toBe('on-time');
    expect(byCode['12101-02']).toBe('late');
    expect(byCode['12101-03']).toBe('missing');
    expect(p.completeness).toMatchObject({ expected: 8, received: 2, onTime: 1, late: 1, missing: 6 });
  });

  it('traces figures to their rows', () => {
    expect(traceFigure(p, '12101/C01/sessions')).toEqual([
      { source: 'samukawa.xlsx', sheet: '活動状況報告', row: 2 },
      { source: 'samukawa.xlsx', sheet: '活動状況報告', row: 3 },
    ]);
    expect(traceFigure(p, '12101/C01/status=done')).toEqual([{ source: 'samukawa.xlsx', sheet: '活動状況報告', row: 3 }]);
    expect(traceFigure(p, '12101-02/*/errors')).toEqual([{ source: 'matsugaoka-2.xlsx', sheet: '活動状況報告', row: 2 }]);
    expect(p.obligations.find((o) => o.unit?.code === '12101-02')).toMatchObject({ status: 'late', returns: 1, invalidReturns: 1 });
    expect(traceFigure(p, 'no/such/figure')).toEqual([]);
  });

  it('lists success cases and issues with district and initiative', () => {
    const issues = p.lists.find((l) => l.id === 'text:issues')!;
    expect(issues.items.map((i) => [i.unit.name.ja, i.subject.code, i.text])).toEqual([
      ['寒川', 'C02', '会場が足りない'],
      ['松ケ丘', 'C02', '担い手不足'],
    ]);
    expect(p.lists.find((l) => l.id === 'flag:successCase')!.items.map((i) => i.text)).toEqual(['見守り体制ができた']);
  });

  it('every figure has provenance', () => {
    for (const id of Object.keys(p.figures)) expect(p.provenance[id], id).toBeDefined();
  });

  it('renders a workbook with a stacked status chart and a sources sheet', () => {
    const wb = wardProgressWorkbook(p, 'ja');
    expect(wb.sheets.map((s) => s.id)).toEqual(['summary', 'by-subject', 'by-district', 'cells', 'list-successCase', 'list-outcomes', 'list-issues', 'completeness', 'sources']);
    const bySubject = wb.sheets[1]!;
    expect(bySubject.chart?.type).toBe('barStacked');
    for (const s of bySubject.chart!.seriesColumns) expect(bySubject.columns.some((c) => c.key === s)).toBe(true);
    for (const s of wb.sheets) for (const r of s.rows) expect(r.length).toBe(s.columns.length);
    expect(wb.sheets[0]!.preamble!.title.ja).toBe('令和8年度 中央区 区計画の推進状況');
    expect(wardProgressWorkbook(p, 'en').sheets[2]!.rows[1]![8]).toBe('Late');
  });
});

describe('annualReport', () => {
  const r = annualReport(plan, subs, { fiscalYear: 2026 });
  it('puts the wards side by side and adds them up for the city', () => {
    expect(r.wards.map((w) => w.ward.code)).toEqual(['12101', '12102', '12103', '12104', '12105', '12106']);
    expect(r.figures['12100/*/sessions']).toBe(25);
    expect(r.figures['12100/C01/sessions']).toBe(11);
    expect(traceFigure(r, '12100/C01/sessions')).toHaveLength(3);
    expect(traceFigure(r, '12101/C01/sessions')).toHaveLength(2);
  });
  it('builds the measures table with achievement rates and the rating distribution', () => {
    const row = r.measures.rows.find((x) => x.subject.code === '4-1-1')!;
    expect(row.derived.achievementRate).toBeCloseTo(10 / 12);
    expect(r.measures.dist.rating).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    expect(r.measures.reported).toBe(2);
    expect(traceFigure(r, 'measure/4-1-2/1/achievementRate')).toEqual([{ source: 'city.xlsx', sheet: '施策実施状況', row: 3 }]);
  });
  it('renders a workbook whose rows match their columns', () => {
    const wb = annualReportWorkbook(r, 'en');
    for (const s of wb.sheets) for (const row of s.rows) expect(row.length, s.id).toBe(s.columns.length);
    expect(wb.sheets[0]!.preamble!.title.ja).toBe('令和8年度 千葉市社会福祉審議会 地域福祉専門分科会への報告');
  });
  it('names its sheets so that they can sit beside a ward workbook in Excel', () => {
    const annual = annualReportWorkbook(r, 'ja').sheets;
    const ward = wardProgressWorkbook(r.wards[0]!, 'ja').sheets;
    for (const lang of ['ja', 'en'] as const) {
      const names = [...annual, ...ward].map((s) => s.name[lang]);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n.length <= 31 && !/[:\\/?*[\]]/.test(n), n).toBe(true);
    }
    expect(new Set([...annual, ...ward].map((s) => s.id)).size).toBe(annual.length + ward.length);
  });
});

describe('completeness', () => {
  it('counts expected, received, on time and late per ward and overall', () => {
    const c = completeness(plan, subs, { fiscalYear: 2026 });
    expect(c.byScope.find((x) => x.unit.code === '12101')).toMatchObject({ expected: 8, received: 2, onTime: 1, late: 1 });
    expect(c.byScope.find((x) => x.unit.code === '12102')).toMatchObject({ received: 1, onTime: 1 });
    expect(c.total.expected).toBe(50);
    expect(c.total.received).toBe(4);
    const sheet = completenessSheet(c, 'ja');
    expect(sheet.rows).toHaveLength(c.obligations.length);
  });
  it('counts returns with open errors only when asked', () => {
    const bad = [activityReturn('x.xlsx', [{ district: '12101-03', initiative: 'C01', reportDate: '2026-06-01', status: 'done', sessions: 1, participants: 1, rating: 'B', errors: 2 }])];
    expect(completeness(plan, bad, { fiscalYear: 2026, within: '12101' }).total.received).toBe(0);
    expect(completeness(plan, bad, { fiscalYear: 2026, within: '12101', countInvalid: true }).total.received).toBe(1);
  });
});

describe('includeInvalid', () => {
  it('counts rows with open errors, and marks the figures resting on them provisional', () => {
    const strict = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
    const all = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101', includeInvalid: true });
    expect(strict.figures['12101-02/C03/sessions']).toBeUndefined();
    expect(strict.provisional).toBe(false);
    expect(isProvisional(strict, '12101/*/sessions')).toBe(false);

    expect(all.figures['12101-02/C03/sessions']).toBe(1);
    expect(all.figures['12101/*/sessions']).toBe((strict.figures['12101/*/sessions'] as number) + 1);
    expect(all.provisional).toBe(true);
    for (const id of ['12101-02/C03/sessions', '12101-02/C03/status', '12101/C03/sessions', '12101/*/sessions', '12101-02/*/sessions'])
      expect(isProvisional(all, id), id).toBe(true);
    // Figures that do not rest on the row with errors stay final.
    for (const id of ['12101-01/C01/sessions', '12101/C01/sessions', '12101-02/C02/sessions', '12101-01/*/sessions'])
      expect(isProvisional(all, id), id).toBe(false);
    expect(all.cells.find((c) => c.id === '12101-02/C03')?.provisional).toBe(true);

    const report = annualReport(plan, subs, { fiscalYear: 2026, includeInvalid: true });
    expect(report.provisional).toBe(true);
    expect(isProvisional(report, '12100/*/sessions')).toBe(true);
    expect(isProvisional(report, '12100/C01/sessions')).toBe(false);
    expect(isProvisional(annualReport(plan, subs, { fiscalYear: 2026 }), '12100/*/sessions')).toBe(false);
  });
});
