/**
 * When the reports of a fiscal year are due, and until when a late one is still that year's.
 *
 * The window of a year's returns runs from the first day of the year to the **latest closing**
 * of the flows that carry the template — every covered period, with its own closing where the
 * flow gives `closings` (an interim due 10/31 and a year-end report due 5/31 of the next year) —
 * the same due dates completeness measures returns against, so validation and the roll-up never
 * disagree on whether a report is on time.
 *
 * After the closing comes the **grace window** for late reports (期限後): a report of the year
 * dated then is still that year's, counted as late — even when it is the district's only return
 * and every date on it falls in the next fiscal year. It ends at the flow's `lateUntil` when the
 * plan gives one, else at the closing of the flow that compiles these reports (the ward council's
 * own report: until then a late return can still be compiled), else at the closing itself. A
 * return of the year whose dates all fall after the grace window, in one other fiscal year, is
 * last year's file reused: `stale_fiscal_year`.
 */
import { dueDate, type ClosingRule, type FiscalYearConfig, type LocalDate } from '../period/index.js';
import { templateYearWindow } from '../plan/period-window.js';
import { periodDue, PERIODS_PER_YEAR } from '../plan/periods.js';
import type { Flow, Plan, Template } from '../plan/schema.js';

/** The dates of a fiscal year's reports of one template. */
export interface ReportWindow {
  /** First day of the fiscal year. */
  start: LocalDate;
  /** The latest closing date of the year's reports (at least the last day of the year). */
  end: LocalDate;
  /** Last day of the fiscal year. */
  fyEnd: LocalDate;
  /** Last day of the grace window for late reports (at least `end`). */
  lateUntil: LocalDate;
}

/** The latest due date of a flow's covered periods in a fiscal year. */
function lastDue(flow: Flow, fy: number, cfg: FiscalYearConfig): LocalDate {
  const count = PERIODS_PER_YEAR[flow.cadence];
  const covered = count === 1 ? [1] : (flow.periods ?? Array.from({ length: count }, (_, i) => i + 1)).filter((n) => n <= count);
  let last = '';
  covered.forEach((n, k) => {
    const rule: ClosingRule = flow.closings?.[k] ?? flow.closing;
    const due = periodDue(rule, fy, flow.cadence, n, cfg.startMonth);
    if (due > last) last = due;
  });
  return last === '' ? dueDate(flow.closing, fy, cfg) : last;
}

/**
 * The window of fiscal year `fy`'s reports of a template: its dates, its latest closing and the
 * end of the grace window for late reports (see the module's comment for the rule).
 *
 * @throws RangeError for a fiscal year or a closing rule out of range.
 * @example
 * ```ts
 * const w = reportWindow(plan, getTemplate(plan, 'district-activity')!, 2026);
 * // Chiba: { start: '2026-04-01', end: '2027-04-30', fyEnd: '2027-03-31', lateUntil: '2027-06-30' }
 * ```
 */
export function reportWindow(plan: Plan, template: Template, fy: number): ReportWindow {
  const cfg = plan.fiscalYear;
  // The year's dates and latest closing are the period windows' (one computation for both).
  const { start, end, fyEnd } = templateYearWindow(plan, template.id, fy);
  const flows = plan.flows.filter((f) => f.template === template.id);
  let lateUntil = end;
  for (const f of flows) {
    let until: LocalDate;
    if (f.lateUntil !== undefined) until = dueDate(f.lateUntil, fy, cfg);
    else {
      const compilers = plan.flows.filter((c) => c.compiles?.includes(f.id) === true);
      if (compilers.length === 0) continue;
      until = compilers.map((c) => lastDue(c, fy, cfg)).reduce((a, b) => (a > b ? a : b));
    }
    if (until > lateUntil) lateUntil = until;
  }
  return { start, end, fyEnd, lateUntil };
}
