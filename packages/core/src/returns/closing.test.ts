import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTemplate, requirePlan, validateGrid, type PlanInput, type SheetGrid } from '../index.js';
import { reportWindow } from './closing.js';
import { plan, rowCells } from './test-fixtures.js';

const townInput = JSON.parse(readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as PlanInput;
const town = requirePlan(townInput);
/** The town's plan with its flow changed. */
function townWith(flow: Record<string, unknown>) {
  return requirePlan({ ...townInput, flows: townInput.flows.map((f) => ({ ...f, ...flow })) });
}
const codes = (g: SheetGrid, p = plan, today = '2027-09-30') => validateGrid(g, { plan: p, today }).issues.map((i) => i.code);
const chibaLone = (date: string, fy = '令和8年度'): SheetGrid => ({
  sheet: '報告',
  cells: [
    ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'],
    rowCells({ fiscalYear: fy, district: '新宿', reportDate: date, initiative: 'C03', status: '実施中' }),
  ],
});

describe('the window of a year’s reports and the grace window for late ones', () => {
  it('Chiba: closing 4/30, late reports until the ward council’s own report is due (6/30)', () => {
    expect(reportWindow(plan, getTemplate(plan, 'district-activity')!, 2026)).toEqual({ start: '2026-04-01', end: '2027-04-30', fyEnd: '2027-03-31', lateUntil: '2027-06-30' });
  });

  it('the town: closing two months after the year, no flow compiles it, so no grace', () => {
    expect(reportWindow(town, getTemplate(town, 'area-report')!, 2026)).toEqual({ start: '2026-04-01', end: '2027-05-31', fyEnd: '2027-03-31', lateUntil: '2027-05-31' });
  });

  it('the latest closing of every covered period counts: a half-year flow whose year-end report is due 5/31', () => {
    const p = townWith({ cadence: 'half-year', closing: { kind: 'after-end', months: 1 }, closings: [{ kind: 'after-end', months: 1 }, { kind: 'date', month: 5, day: 31, yearOffset: 1 }] });
    expect(reportWindow(p, getTemplate(p, 'area-report')!, 2026)).toMatchObject({ end: '2027-05-31', lateUntil: '2027-05-31' });
  });

  it('a plan’s own lateUntil', () => {
    const p = townWith({ lateUntil: { kind: 'date', month: 7, day: 31, yearOffset: 1 } });
    expect(reportWindow(p, getTemplate(p, 'area-report')!, 2026)).toMatchObject({ end: '2027-05-31', lateUntil: '2027-07-31' });
  });

  it('a lone return dated in the grace window is a late report, not a stale file', () => {
    // 新宿's late return of docs/rollup.md: after the 4/30 closing, before 6/30.
    expect(codes(chibaLone('2027-05-12'))).toEqual(['report_after_closing']);
    expect(codes(chibaLone('2027-06-30'))).toEqual(['report_after_closing']);
    // After the grace window: last year's file with this year's dates.
    expect(codes(chibaLone('2027-07-01'))).toEqual(['stale_fiscal_year']);
    // Before the closing: an ordinary report of the year.
    expect(codes(chibaLone('2027-04-20'))).toEqual([]);
    // A plan that gives its own, shorter grace window.
    const short = requirePlan({
      ...chibaPlanInput(),
      flows: chibaPlanInput().flows.map((f) => (f.id === 'district-activity' ? { ...f, lateUntil: { kind: 'date', month: 5, day: 10, yearOffset: 1 } } : f)),
    });
    expect(codes(chibaLone('2027-05-12'), short)).toEqual(['stale_fiscal_year']);
    expect(codes(chibaLone('2027-05-08'), short)).toEqual(['report_after_closing']);
  });

  it('a return dated before a closing that only a later period’s closing gives is on time', () => {
    // Chiba's district return as a half-year flow whose year-end report is due 5/31.
    const p = requirePlan({
      ...chibaPlanInput(),
      flows: chibaPlanInput().flows.map((f) =>
        f.id === 'district-activity' ? { ...f, cadence: 'half-year', closing: { kind: 'after-end', months: 1 }, closings: [{ kind: 'after-end', months: 1 }, { kind: 'date', month: 5, day: 31, yearOffset: 1 }] } : f,
      ),
    });
    expect(codes(chibaLone('2027-05-20'), p)).toEqual([]);
  });
});

function chibaPlanInput(): PlanInput {
  return JSON.parse(JSON.stringify(plan)) as PlanInput;
}

describe('docs/rollup.md’s worked example agrees with validation', () => {
  it('each file of the returns table has the errors the table says', () => {
    const doc = readFileSync(new URL('../../../../docs/rollup.md', import.meta.url), 'utf8');
    const block = doc.split('<!-- example:returns -->')[1]!.split('<!-- /example:returns -->')[0]!;
    const lines = block.split('\n').filter((l) => l.startsWith('|')).slice(2);
    expect(lines.length).toBeGreaterThan(3);
    const byFile = new Map<string, { rows: unknown[][]; errors: number }>();
    for (const l of lines) {
      const [file, , district, initiative, date, status, sessions, participants, partners, rating, success, outcomes, issues, errors] = l.split('|').slice(1, -1).map((c) => c.trim());
      const e = byFile.get(file!) ?? { rows: [], errors: 0 };
      const n = (s: string | undefined) => (s === undefined || s === '' ? null : Number(s));
      e.rows.push(['令和8年度', '中央区', district!.split(' ')[1], date, initiative, status, n(sessions), n(participants), partners || null, rating || null, outcomes || null, issues || null, success || null, null]);
      e.errors += Number(errors);
      byFile.set(file!, e);
    }
    const header = getTemplate(plan, 'district-activity')!.fields.map((f) => f.label.ja);
    const got = [...byFile].map(([file, e]) => {
      const r = validateGrid({ source: file, sheet: '活動状況報告', cells: [header, ...e.rows] as SheetGrid['cells'] }, { plan, today: '2027-06-30' });
      return [file, r.summary.errors, r.issues.filter((i) => i.code === 'stale_fiscal_year').length];
    });
    expect(got).toEqual([...byFile].map(([file, e]) => [file, e.errors, 0]));
  });
});
