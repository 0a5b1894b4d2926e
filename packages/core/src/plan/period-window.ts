/**
 * The date window of each reporting period of a template: which dates a return for a period may
 * carry (from the start of its period to the period's closing date), and which period a report
 * date answers. Validation, the blank return's data validation and completeness all read the
 * windows from here, so an interim report due 10/31 and a year-end report due 5/31 of the next
 * year are judged by their own period, never by whichever flow of the template comes first.
 */
import type { LocalizedText } from '../i18n/text.js';
import { fiscalYearRange, type LocalDate } from '../period/index.js';
import { PERIODS_PER_YEAR, periodDue, periodRange } from './periods.js';
import type { Plan, Template } from './schema.js';

/** One period a template's flows cover in a fiscal year, with its closing date. */
export interface PeriodWindow {
  /** The flow that owes the period's report. */
  flowId: string;
  /** What the flow reports, from the plan (e.g. 区の推進状況（中間報告）). */
  content: LocalizedText;
  /** Period of the cadence, from 1. */
  period: number;
  /** First day of the period. */
  start: LocalDate;
  /** Last day of the period. */
  end: LocalDate;
  /** Closing date of the period's report: the window runs from `start` to `due`. */
  due: LocalDate;
}

/** The whole window of a template's returns for a fiscal year. */
export interface YearWindow {
  start: LocalDate;
  /** The latest closing date of any flow carrying the template (at least the fiscal-year end). */
  end: LocalDate;
  fyEnd: LocalDate;
}

const cache = new WeakMap<Plan, Map<string, { periods: PeriodWindow[]; year: YearWindow }>>();

function windowsOf(plan: Plan, templateId: string, fiscalYear: number): { periods: PeriodWindow[]; year: YearWindow } {
  let byKey = cache.get(plan);
  if (!byKey) cache.set(plan, (byKey = new Map()));
  const key = `${templateId}\u0000${fiscalYear}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const startMonth = plan.fiscalYear.startMonth;
  const fy = fiscalYearRange(fiscalYear, { startMonth });
  const periods: PeriodWindow[] = [];
  let end = fy.end;
  for (const flow of plan.flows) {
    if (flow.template !== templateId) continue;
    const count = PERIODS_PER_YEAR[flow.cadence];
    const covered = count === 1 ? [1] : (flow.periods ?? Array.from({ length: count }, (_, i) => i + 1)).filter((n) => n <= count);
    for (const [k, period] of covered.entries()) {
      const due = periodDue(flow.closings?.[k] ?? flow.closing, fiscalYear, flow.cadence, period, startMonth);
      if (due > end) end = due;
      if (count === 1) continue;
      const r = periodRange(fiscalYear, flow.cadence, period, startMonth);
      periods.push({ flowId: flow.id, content: flow.content, period, start: r.start, end: r.end, due });
    }
  }
  periods.sort((a, b) => a.period - b.period || (a.start < b.start ? -1 : 1));
  const out = { periods, year: { start: fy.start, end, fyEnd: fy.end } };
  byKey.set(key, out);
  return out;
}

/**
 * The periods (half years, quarters, months) the flows carrying a template cover in a fiscal
 * year, each with its window and closing date; empty when every flow of the template reports once
 * a year or at any time.
 *
 * @example
 * ```ts
 * periodWindows(plan, 'ward-report', 2026).map((w) => [w.period, w.start, w.due]);
 * // [[1, '2026-04-01', '2026-10-31'], [2, '2026-10-01', '2027-05-31']]
 * ```
 */
export function periodWindows(plan: Plan, templateId: string, fiscalYear: number): readonly PeriodWindow[] {
  return windowsOf(plan, templateId, fiscalYear).periods;
}

/**
 * The window of a template's returns in a fiscal year: from the start of the year to the latest
 * closing date of any flow that carries it (a year-end report due 5/31 of the next year keeps the
 * window open until then, whichever flow the plan lists first).
 *
 * @example
 * ```ts
 * templateYearWindow(plan, 'ward-report', 2026); // { start: '2026-04-01', end: '2027-05-31', fyEnd: '2027-03-31' }
 * ```
 */
export function templateYearWindow(plan: Plan, templateId: string, fiscalYear: number): YearWindow {
  return windowsOf(plan, templateId, fiscalYear).year;
}

/**
 * The period a report date answers: the earliest covered period whose window (its start to its
 * closing date) holds the date — a report written in October after a first half due 10/31 is
 * that half's report. Undefined when no window holds it.
 *
 * @example
 * ```ts
 * reportPeriod(periodWindows(plan, 'ward-report', 2026), '2026-10-15')?.period; // 1
 * reportPeriod(periodWindows(plan, 'ward-report', 2026), '2027-04-20')?.period; // 2
 * ```
 */
export function reportPeriod(windows: readonly PeriodWindow[], date: LocalDate): PeriodWindow | undefined {
  for (const w of windows) if (date >= w.start && date <= w.due) return w;
  return undefined;
}

/** What {@link periodWindowIssue} finds wrong with a report date. */
export type PeriodWindowProblem =
  | { code: 'date_outside_period'; date: LocalDate; window: PeriodWindow }
  | { code: 'date_outside_period'; date: LocalDate; period: number; windows: readonly PeriodWindow[] }
  | { code: 'date_outside_period'; date: LocalDate; windows: readonly PeriodWindow[] }
  | { code: 'report_after_period_closing'; date: LocalDate; window: PeriodWindow };

/**
 * Checks a return row's report date against its period's window, for templates whose flows report
 * per period (interim and year-end). With an explicit period (the template's `periodField`), a
 * date before the period starts is an error and one after its closing date a late report; with
 * none, a date inside the year's window that no covered period holds is an error. Dates before
 * the fiscal year or after its last closing date are left to the fiscal-year checks. Null when
 * the date fits, or the template has no periods.
 *
 * @example
 * ```ts
 * periodWindowIssue(plan, template, 2026, '2026-11-02', 1)?.code; // 'report_after_period_closing'
 * ```
 */
export function periodWindowIssue(plan: Plan, template: Template, fiscalYear: unknown, date: unknown, period: unknown): PeriodWindowProblem | null {
  if (typeof fiscalYear !== 'number' || !Number.isInteger(fiscalYear) || typeof date !== 'string') return null;
  const { periods, year } = windowsOf(plan, template.id, fiscalYear);
  if (periods.length === 0 || date < year.start || date > year.end) return null;
  if (typeof period === 'number') {
    const w = periods.find((x) => x.period === period);
    if (!w) return { code: 'date_outside_period', date, period, windows: periods };
    if (date < w.start) return { code: 'date_outside_period', date, window: w };
    if (date > w.due) return { code: 'report_after_period_closing', date, window: w };
    return null;
  }
  return reportPeriod(periods, date) ? null : { code: 'date_outside_period', date, windows: periods };
}

const periodIndexOf = new WeakMap<Template, number>();

/**
 * @internal {@link periodWindowIssue} for a validated row (values in template field order) — the
 * one call validation makes; validation words the problem under the report date's label.
 */
export function periodWindowRowIssue(plan: Plan, template: Template, fiscalYear: unknown, date: unknown, values: readonly unknown[]): PeriodWindowProblem | null {
  let i = periodIndexOf.get(template);
  if (i === undefined) periodIndexOf.set(template, (i = template.periodField === undefined ? -1 : template.fields.findIndex((f) => f.key === template.periodField)));
  return periodWindowIssue(plan, template, fiscalYear, date, i < 0 ? undefined : values[i]);
}
