import { chibaPlan } from '@sasaeai/plan-chiba';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualReport, completeness, requirePlan, traceFigure, wardProgress, type Submission, type WardProgress } from '../index.js';
import { activityReturn, type ActivityRow } from './fixtures.test-helpers.js';

const plan = requirePlan(chibaPlan);
const DISTRICTS = ['12101-01', '12101-02', '12101-03', '12102-01', '12102-02', '12106-01'];
const DATES = ['2026-04-01', '2026-06-15', '2026-09-30', '2026-12-01', '2027-03-31', '2027-04-30', '2027-05-10', '2025-12-01'];
const PARTNERS = ['neighbourhood', 'welfare-commissioners', 'youth', 'senior-clubs'];

const row: fc.Arbitrary<ActivityRow> = fc.record({
  district: fc.constantFrom(...DISTRICTS),
  initiative: fc.constantFrom('C01', 'C02', 'C03', 'C07'),
  reportDate: fc.constantFrom(...DATES),
  status: fc.constantFrom('done', 'in_progress', 'not_started', 'stopped'),
  sessions: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
  participants: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
  partners: fc.subarray(PARTNERS),
  rating: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: null }),
  outcomes: fc.option(fc.constantFrom('成果あり', '交流が深まった'), { nil: null }),
  issues: fc.option(fc.constantFrom('担い手不足', '会場確保'), { nil: null }),
  successCase: fc.boolean(),
  nextSteps: fc.option(fc.constantFrom('expand', 'continue', 'revise', 'end'), { nil: null }),
  fiscalYear: fc.constantFrom(2026, 2026, 2026, 2025),
  errors: fc.constantFrom(0, 0, 0, 0, 1),
});

const submissions: fc.Arbitrary<Submission[]> = fc
  .array(fc.record({ rows: fc.array(row, { minLength: 1, maxLength: 8 }), receivedOn: fc.option(fc.constantFrom(...DATES), { nil: undefined }) }), { minLength: 1, maxLength: 6 })
  .map((subs) => subs.map((s, i) => activityReturn(`r${i}.xlsx`, s.rows, s.receivedOn === undefined ? {} : { receivedOn: s.receivedOn })));

const numeric = (figs: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(
    Object.entries(figs)
      .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'number' && !/\/(expected|reported|reportedRate)$/.test(k))
      .map(([k, v]) => [k.slice(prefix.length), v as number]),
  );

/** Sums the figures of several prefixes, for the metrics the total has. */
function sumOver(reports: { figures: Record<string, unknown> }[], prefixes: string[], like: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(Object.keys(like).map((k) => [k, 0]));
  reports.forEach((r, i) => {
    for (const [k, v] of Object.entries(numeric(r.figures, prefixes[i]!))) if (k in out) out[k] = out[k]! + v;
  });
  return out;
}

describe('roll-up properties', { timeout: 120_000 }, () => {
  it('the order of returns does not change any result', () => {
    fc.assert(
      fc.property(submissions, fc.infiniteStream(fc.nat()), (subs, rnd) => {
        const shuffled = [...subs];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = rnd.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        expect(wardProgress(plan, shuffled, { fiscalYear: 2026, ward: '12101' })).toEqual(wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' }));
        expect(annualReport(plan, shuffled, { fiscalYear: 2026 })).toEqual(annualReport(plan, subs, { fiscalYear: 2026 }));
        expect(completeness(plan, shuffled, { fiscalYear: 2026 })).toEqual(completeness(plan, subs, { fiscalYear: 2026 }));
      }),
      { numRuns: 30 },
    );
  });

  it("a ward's totals equal the sum over its districts, and the city's the sum over its wards", () => {
    fc.assert(
      fc.property(submissions, (subs) => {
        const r = annualReport(plan, subs, { fiscalYear: 2026 });
        for (const w of r.wards) {
          const total = numeric(w.figures, `${w.ward.code}/*/`);
          const byDistrict = sumOver(
            w.districts.map(() => w),
            w.districts.map((d) => `${d.id}/`),
            total,
          );
          expect(byDistrict).toEqual(total);
          const bySubject = sumOver(
            w.subjects.map(() => w),
            w.subjects.map((s) => `${s.id}/`),
            total,
          );
          expect(bySubject).toEqual(total);
        }
        const city = numeric(r.figures, `${r.city.code}/*/`);
        expect(Object.keys(city).length).toBeGreaterThan(10);
        expect(sumOver(r.wards, r.wards.map((w) => `${w.ward.code}/*/`), city)).toEqual(city);
        const c = r.completeness;
        expect(c.byScope.reduce((a, x) => a + x.received, 0)).toBe(c.total.received);
        expect(c.byScope.reduce((a, x) => a + x.onTime, 0)).toBe(c.total.onTime);
      }),
      { numRuns: 60 },
    );
  });

  it('rolling up twice gives the same result and leaves the returns untouched', () => {
    fc.assert(
      fc.property(submissions, (subs) => {
        const before = structuredClone(subs);
        const a = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
        const b = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
        expect(b).toEqual(a);
        expect(subs).toEqual(before);
        const annual = annualReport(plan, subs, { fiscalYear: 2026 });
        // The notices of a whole roll-up sit on the annual report, not on each of its wards.
        expect({ ...annual.wards[0]!, notices: a.notices }).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });

  it('splitting one return into two any-time returns with the same counts gives the same totals', () => {
    const totals = (p: WardProgress) =>
      Object.fromEntries(
        Object.entries(p.figures).filter(([k]) => /\/(sessions|participants|successCase|outcomes|issues|cells|reported)$/.test(k) || /\/partners=/.test(k)),
      );
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 10 }), fc.nat(), (rows, cut) => {
        const k = 1 + (cut % (rows.length - 1));
        const whole = activityReturn('whole.xlsx', rows);
        const first = activityReturn('part1.xlsx', rows.slice(0, k));
        const second = activityReturn('part2.xlsx', rows.slice(k));
        for (const ward of ['12101', '12102']) {
          const a = wardProgress(plan, [whole], { fiscalYear: 2026, ward });
          const b = wardProgress(plan, [first, second], { fiscalYear: 2026, ward });
          expect(totals(b)).toEqual(totals(a));
        }
      }),
      { numRuns: 80 },
    );
  });

  it('every figure traces only to rows of the report', () => {
    fc.assert(
      fc.property(submissions, (subs) => {
        const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' });
        const known = new Set(p.refs.map((r) => `${r.source}#${r.row}`));
        for (const id of Object.keys(p.figures)) {
          expect(p.provenance[id], id).toBeDefined();
          for (const r of traceFigure(p, id)) expect(known.has(`${r.source}#${r.row}`)).toBe(true);
        }
        const sessions = p.figures['12101/*/sessions'];
        if (typeof sessions === 'number' && sessions > 0) expect(traceFigure(p, '12101/*/sessions').length).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
