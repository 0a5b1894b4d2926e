import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankReturnSheet, completeness, requirePlan, validateGrid, type Plan, type PlanInput, type RawCell, type Submission } from '../index.js';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { periodWindowIssue, periodWindows, reportPeriod, templateYearWindow } from './period-window.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as PlanInput;
const cityInput = read('../../../../examples/designated-city/minato.plan.json');
const city = requirePlan(cityInput);
const town = requirePlan(read('../../../../examples/custom-plan/town.plan.json'));

/** The designated city's template with an explicit period column (1 = interim, 2 = year-end). */
function withPeriodField(): Plan {
  const p = structuredClone(cityInput) as { templates: { fields: unknown[]; periodField?: string }[] };
  const t = p.templates[0]!;
  t.fields.push({ key: 'half', label: { ja: '期', en: 'Half' }, type: 'integer', min: 1, max: 2, rollup: 'key' });
  t.periodField = 'half';
  return requirePlan(p);
}

const header = ['年度', '区', '取組み', '報告日', '実施回数', '見守り世帯数（累計）', '評価', '成果', '課題'];
const row = (date: string, extra: RawCell[] = []): RawCell[] => ['令和8年度', '港区', '見守り活動', date, 1, 10, '5', '', '', ...extra];

describe('period windows', () => {
  it('gives each half its own window and closing date, and the year its latest closing date', () => {
    expect(periodWindows(city, 'ward-report', 2026).map((w) => [w.flowId, w.period, w.start, w.end, w.due])).toEqual([
      ['ward-interim', 1, '2026-04-01', '2026-09-30', '2026-10-31'],
      ['ward-year-end', 2, '2026-10-01', '2027-03-31', '2027-05-31'],
    ]);
    // The year-end flow is listed second; the year still runs to its closing date.
    expect(templateYearWindow(city, 'ward-report', 2026)).toEqual({ start: '2026-04-01', end: '2027-05-31', fyEnd: '2027-03-31' });
    // A plan reporting once a year has no periods; its window is the year to the flow's closing date.
    expect(periodWindows(town, 'area-report', 2026)).toEqual([]);
    expect(templateYearWindow(town, 'area-report', 2026).start).toBe('2026-04-01');
  });

  it('matches a report date to the period whose window holds it', () => {
    const ws = periodWindows(city, 'ward-report', 2026);
    expect(reportPeriod(ws, '2026-06-01')?.period).toBe(1);
    expect(reportPeriod(ws, '2026-10-15')?.period).toBe(1); // written after the half, before its closing date
    expect(reportPeriod(ws, '2026-11-02')?.period).toBe(2);
    expect(reportPeriod(ws, '2027-04-20')?.period).toBe(2); // year-end written after the year ends
    expect(reportPeriod(ws, '2027-06-01')).toBeUndefined();
  });

  it('checks a date against an explicit period, and a date no period holds', () => {
    const p = withPeriodField();
    const t = p.templates[0]!;
    expect(periodWindowIssue(p, t, 2026, '2026-06-01', 1)).toBeNull();
    expect(periodWindowIssue(p, t, 2026, '2026-11-02', 1)?.code).toBe('report_after_period_closing');
    expect(periodWindowIssue(p, t, 2026, '2026-06-01', 2)?.code).toBe('date_outside_period');
    expect(periodWindowIssue(p, t, 2026, '2026-06-01', 3)?.code).toBe('date_outside_period');
    // Only the year-end is owed: a date in the first half answers nothing.
    const only2 = structuredClone(cityInput) as { flows: unknown[] };
    only2.flows = only2.flows.slice(1);
    const p2 = requirePlan(only2);
    expect(periodWindowIssue(p2, p2.templates[0]!, 2026, '2026-06-01', undefined)?.code).toBe('date_outside_period');
    expect(periodWindowIssue(p2, p2.templates[0]!, 2026, '2026-10-02', undefined)).toBeNull();
    // Town: no periods, nothing to check.
    expect(periodWindowIssue(town, town.templates[0]!, 2026, '2026-06-01', 2)).toBeNull();
  });

  it('validation reports a date outside its period as a located issue, in Japanese and English', () => {
    const p = withPeriodField();
    const r = validateGrid({ sheet: 'S', cells: [[...header, '期'], row('2026-06-01', [2]), row('2026-11-02', [1]), row('2026-06-02', [1])] }, { plan: p, today: '2027-06-30' });
    const period = r.issues.filter((i) => i.code === 'date_outside_period' || i.code === 'report_after_period_closing');
    expect(period.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ['date_outside_period', 'error', 'D2'],
      ['report_after_period_closing', 'warning', 'D3'],
    ]);
    expect(period[0]!.message.ja).toContain('区の推進状況（年度末報告）の期間（2026-10-01〜2027-05-31）');
    expect(period[0]!.message.en).toContain('Ward progress (year-end) period (2026-10-01 to 2027-05-31)');
  });

  it('validation no longer calls a year-end report in May late because the interim flow is listed first', () => {
    const r = validateGrid({ sheet: 'S', cells: [header, row('2027-05-20')] }, { plan: city, today: '2027-06-30' });
    expect(r.issues.map((i) => i.code)).not.toContain('report_after_closing');
    const late = validateGrid({ sheet: 'S', cells: [header, row('2027-03-01'), row('2027-06-10')] }, { plan: city, today: '2027-06-30' });
    expect(late.issues.map((i) => i.code)).toContain('report_after_closing');
  });

  it('the blank return bounds its date column by the period asked for, and titles it by the period', () => {
    const interim = blankReturnSheet(city, 'ward-report', { fiscalYear: 2026, ward: '港区', period: 1 });
    expect(interim.columns.find((c) => c.key === 'reportDate')?.validation).toEqual({ type: 'date', min: '2026-04-01', max: '2026-10-31' });
    expect(interim.preamble?.title.ja).toBe('令和8年度 区の推進状況（中間報告）（港区）');
    const yearEnd = blankReturnSheet(city, 'ward-report', { fiscalYear: 2026, period: 2 });
    expect(yearEnd.columns.find((c) => c.key === 'reportDate')?.validation).toEqual({ type: 'date', min: '2026-10-01', max: '2027-05-31' });
    const whole = blankReturnSheet(city, 'ward-report', { fiscalYear: 2026 });
    expect(whole.columns.find((c) => c.key === 'reportDate')?.validation).toEqual({ type: 'date', min: '2026-04-01', max: '2027-05-31' });
    expect(() => blankReturnSheet(city, 'ward-report', { fiscalYear: 2026, period: 3 })).toThrow(/not a period/);
    expect(() => blankReturnSheet(town, 'area-report', { fiscalYear: 2026, period: 1 })).toThrow(/no periods/);
    // The period column is filled in when the template has one.
    const p = withPeriodField();
    const sheet = blankReturnSheet(p, 'ward-report', { fiscalYear: 2026, ward: '港区', period: 2 });
    const half = sheet.columns.findIndex((c) => c.key === 'half');
    expect(sheet.rows[0]?.[half]).toBe(2);
  });

  it('completeness counts a year-end report dated after the year ends for the year-end, not the interim', () => {
    const rec = (date: string) => ({ fiscalYear: 2026, ward: 'M01', initiative: 'K1', reportDate: date, sessions: 1, households: 10, evaluation: '5', outcomes: null, issues: null });
    const sub = (id: string, date: string): Submission => ({
      id,
      source: id,
      sheet: 'S',
      templateId: 'ward-report',
      records: [{ ref: { source: id, sheet: 'S', row: 2 }, values: rec(date), errors: 0, warnings: 0 }],
      issues: [],
    });
    const c = completeness(city, [sub('interim', '2026-10-15'), sub('year-end', '2027-04-20')], { fiscalYear: 2026 });
    const of = (flow: string) => c.obligations.find((o) => o.flowId === flow && o.unit?.code === 'M01')?.status;
    expect(of('ward-interim')).toBe('on-time');
    expect(of('ward-year-end')).toBe('on-time');
  });

  it('a blank return names the sample entries of its lists (districts, initiatives) in its notes', () => {
    const chiba = requirePlan(chibaPlan);
    const lines = blankReturnSheet(chiba, 'district-activity', { ward: '中央区', fiscalYear: 2026 }).preamble?.lines ?? [];
    const notes = lines.filter((l) => l.ja.includes('サンプル（例示）'));
    expect(notes.length).toBe(2);
    expect(notes.every((l) => l.en.includes('samples (illustrative), not the official list'))).toBe(true);
    const official = structuredClone(chiba);
    for (const u of official.units) delete u.sample;
    for (const i of official.initiatives) delete i.sample;
    expect((blankReturnSheet(official, 'district-activity', { ward: '中央区', fiscalYear: 2026 }).preamble?.lines ?? []).some((l) => l.ja.includes('サンプル'))).toBe(false);
  });
});
