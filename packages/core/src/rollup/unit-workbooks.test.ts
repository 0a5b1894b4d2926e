import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { generateReturns } from '../samples/generate.js';
import { requirePlan, type ActionContext, type Actor, type Plan, type ReviewState, type SheetGrid, type Submission, type Transition } from '../index.js';
import { validateGrids } from '../returns/validate.js';
import { accept, confirmWard, emptyReview, receive, recordMeeting, sendBack, validateReturn } from '../workflow/review.js';
import { wardProgress } from './progress.js';
import { submissionFromValidation } from './submission.js';
import { compileUnitWorkbooks } from './unit-workbooks.js';
import { verificationSheet } from './verification.js';

const chiba = requirePlan(chibaPlan);
const city = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')));

let tick = 0;
const ctx = (actor: Actor): ActionContext => ({ actor, now: () => new Date(Date.UTC(2026, 4, 20, 0, tick++)) });

function ok(t: Transition): ReviewState {
  if (!t.ok) throw new Error(t.issues[0]?.reason.en);
  return t.value;
}

/** A unit's year as the add-in leaves it: returns taken in (sheets named by sender), reviewed. */
function unitYear(plan: Plan, opts: { wards?: string[]; actor: Actor; sendBackLast?: boolean }) {
  const g = generateReturns(plan, { seed: 3, rows: 9, rowsPerSheet: 3, fiscalYear: 2025, ...(opts.wards ? { wards: opts.wards } : {}) });
  const grids: SheetGrid[] = g.grids.map((x, i) => ({ ...x, sheet: `R${i + 1}`, source: `district-${i + 1}.xlsx` }));
  const subs: Submission[] = validateGrids(grids, { plan, today: g.expected.asOf }).results.map((r) => submissionFromValidation(r));
  let s = emptyReview(plan);
  for (const sub of subs) s = ok(validateReturn(plan, ok(receive(plan, s, sub, ctx(opts.actor))), sub, ctx(opts.actor)));
  subs.forEach((sub, i) => {
    s = i === subs.length - 1 && opts.sendBackLast ? ok(sendBack(plan, s, sub.id, '記入漏れ', ctx(opts.actor))) : ok(accept(plan, s, sub.id, ctx(opts.actor), { acceptWithErrors: true }));
  });
  return { grids: grids.map(({ source: _s, ...rest }) => rest as SheetGrid), subs, state: s };
}

describe('the annual report from the wards\' own workbooks', () => {
  const secretariat: Actor = { id: 'sato', body: 'ward-secretariat', unit: '12101' };

  it('counts the accepted returns of each confirmed ward, carries its verification, and says what did not count', () => {
    const y = unitYear(chiba, { wards: ['12101'], actor: secretariat, sendBackLast: true });
    let s = ok(recordMeeting(chiba, y.state, { ward: '12101', fiscalYear: 2025, date: '2026-05-20', agenda: ['確認'] }, ctx(secretariat)));
    const missing = wardProgress(chiba, y.subs, { fiscalYear: 2025, ward: '12101', review: s }).obligations.filter((o) => o.status === 'missing').map((o) => o.id);
    s = ok(confirmWard(chiba, s, y.subs, { ward: '12101', fiscalYear: 2025, meetingId: s.meetings[0]!.id, acknowledgeMissing: missing }, ctx(secretariat)));
    // The council's verification sheet, as written from core's model and filled in.
    const progress = wardProgress(chiba, y.subs, { fiscalYear: 2025, ward: '12101', review: s });
    const model = verificationSheet(chiba, progress, 'ja');
    const text = model.columns.findIndex((c) => c.key === chiba.bodies.find((b) => b.verification)!.verification!.fields.find((f) => f.type === 'text')!.key);
    const rows = model.rows.map((r) => r.map((v) => (typeof v === 'object' && v !== null ? null : v)));
    rows[0]![text] = '見守りの担い手が増えた';
    const verification: SheetGrid = { sheet: model.name.ja, cells: [[model.preamble!.title.ja], model.columns.map((c) => c.header.ja), ...rows] };

    const other = unitYear(chiba, { wards: ['12102'], actor: { id: 'kato', body: 'ward-secretariat', unit: '12102' } });
    const { report, workbooks } = compileUnitWorkbooks(
      chiba,
      [
        { source: '中央区.xlsx', review: s, grids: [...y.grids, verification, { sheet: '集約', cells: [['表題']] }] },
        { source: '花見川区.xlsx', review: null, grids: other.grids },
      ],
      { fiscalYear: 2025 },
    );
    expect(workbooks.map((w) => ({ unit: w.unit, confirmed: w.confirmed, returns: w.returns, reviewed: w.reviewed }))).toEqual([
      { unit: '12101', confirmed: true, returns: 3, reviewed: 3 },
      { unit: null, confirmed: false, returns: 3, reviewed: 0 },
    ]);
    expect(workbooks[0]!.notes).toEqual([]);
    expect(workbooks[1]!.notes.map((n) => n.en)).toContain('"花見川区.xlsx" carries no review record: none of its returns is accepted, so none is counted.');
    expect(workbooks[0]!.verification!.records.some((r) => Object.values(r.values).includes('見守りの担い手が増えた'))).toBe(true);
    const counted = report.submissions.filter((u) => u.use !== 'left-out');
    expect(counted.map((u) => u.id).sort()).toEqual(y.subs.slice(0, 2).map((x) => `中央区.xlsx!${x.id}`).sort());
    const ward = report.wards.find((w) => w.ward.code === '12101')!;
    expect(ward.confirmation).toBeDefined();
    expect(ward.confirmation!.changes).toEqual([]);
    expect(report.verification.find((v) => v.unit.code === '12101')).toMatchObject({ confirmed: true, issues: workbooks[0]!.verification!.issues.length });
    // Same figures as rolling the accepted returns up directly.
    const direct = wardProgress(chiba, y.subs, { fiscalYear: 2025, ward: '12101', review: s });
    expect(ward.total).toEqual(direct.total);
  });

  it('works for a designated city whose wards report to one city committee', () => {
    const office: Actor = { id: 'ito', body: 'city-office' };
    const y = unitYear(city, { actor: office, sendBackLast: true });
    const { report, workbooks } = compileUnitWorkbooks(city, [{ source: 'city.xlsx', review: y.state, grids: y.grids }], { fiscalYear: 2025 });
    expect(workbooks[0]).toMatchObject({ returns: 3, reviewed: 3, confirmed: false });
    expect(workbooks[0]!.notes.map((n) => n.en)).toEqual(['"city.xlsx" is not confirmed for FY2025: its accepted returns count, but not as confirmed figures.']);
    expect(report.submissions.filter((u) => u.use !== 'left-out').map((u) => u.id).sort()).toEqual(y.subs.slice(0, 2).map((x) => `city.xlsx!${x.id}`).sort());
  });
});
