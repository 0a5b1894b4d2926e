// Property tests over random plans: a small grammar of levels, bodies and flows (senders at any
// level below their receiver, receivers per unit or a single body at the top). Whatever the
// shape, every obligation is counted once, each receiver's totals are the sum of its senders',
// and no clean return is left out. Receiving bodies may declare a verification (random fields):
// its sheet is generated, filled, read back, carried into the report, and completeness's
// verification step agrees with what was filled.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completeness,
  emptyReview,
  obligations,
  readVerification,
  recordMeeting,
  recordVerification,
  requirePlan,
  verificationSheet,
  wardProgress,
  wardProgressWorkbook,
  type ActionContext,
  type Plan,
  type PlanInput,
  type ReturnRecord,
  type ReviewState,
  type Submission,
  type Transition,
} from '../index.js';

interface Shape {
  /** Children per unit at each level below the top (2..3 levels below). */
  fanout: number[];
  /** Flows: sender level index (≥ 1) and receiver level index (< sender), or -1 for a single body at the top. */
  flows: { from: number; to: number }[];
  /**
   * Verification declared per receiving body (index: level, or -1 for the single body): which of
   * the three kinds of field it records (a rating on its own scale, a text, a yes/no), when any.
   */
  verification: { body: number; rating: boolean; text: boolean; flag: boolean; required: boolean }[];
}

const t = (s: string) => ({ ja: s, en: s });

function buildPlan(shape: Shape): Plan {
  const levels = ['l0', ...shape.fanout.map((_, i) => `l${i + 1}`)];
  const units: PlanInput['units'] = [{ code: 'U', level: 'l0', name: t('Top') }];
  let parents = ['U'];
  shape.fanout.forEach((n, i) => {
    const next: string[] = [];
    for (const p of parents)
      for (let k = 0; k < n; k++) {
        const code = `${p}-${k}`;
        units.push({ code, level: `l${i + 1}`, parent: p, name: t(code) });
        next.push(code);
      }
    parents = next;
  });
  const verificationOf = (index: number): NonNullable<PlanInput['bodies'][number]['verification']> | undefined => {
    const v = shape.verification.find((x) => x.body === index);
    if (!v) return undefined;
    const fields: NonNullable<PlanInput['bodies'][number]['verification']>['fields'] = [];
    if (v.rating) fields.push({ key: 'rating', label: t(`評価${index}`), type: 'enum', vocabulary: 'scale', ...(v.required ? { required: true } : {}) });
    if (v.text || fields.length === 0) fields.push({ key: 'view', label: t(`所見${index}`), type: 'text' });
    if (v.flag) fields.push({ key: 'share', label: t(`共有${index}`), type: 'boolean' });
    return { name: t(`verification ${index}`), fields };
  };
  const withV = <B extends PlanInput['bodies'][number]>(b: B, index: number): B => {
    const v = verificationOf(index);
    return v ? { ...b, verification: v } : b;
  };
  const bodies: PlanInput['bodies'] = [
    withV({ id: 'single', kind: 'other', level: 'l0', perUnit: false, name: t('single body') }, -1),
    ...levels.map((l, i) => withV({ id: `b-${l}`, kind: 'other' as const, level: l, perUnit: true, name: t(`body ${l}`) }, i)),
  ];
  const templates: PlanInput['templates'] = shape.flows.map((f, i) => ({
    id: `t${i}`,
    name: t(`template ${i}`),
    fiscalYearField: 'fiscalYear',
    unitField: 'unit',
    fields: [
      { key: 'fiscalYear', label: t(`年度${i}`), type: 'fiscalYear', rollup: 'key' },
      { key: 'unit', label: t(`単位${i}`), type: 'unit', level: `l${f.from}`, rollup: 'key' },
      { key: 'n', label: t(`回数${i}`), type: 'integer', rollup: 'sum' },
      { key: 'stock', label: t(`累計${i}`), type: 'integer', rollup: 'stock' },
    ],
  }));
  const flows: PlanInput['flows'] = shape.flows.map((f, i) => ({
    id: `f${i}`,
    from: `b-l${f.from}`,
    to: f.to < 0 ? 'single' : `b-l${f.to}`,
    template: `t${i}`,
    content: t(`flow ${i}`),
    cadence: 'fiscal-year',
    closing: { kind: 'after-end', months: 2 },
  }));
  return requirePlan({
    id: 'random',
    version: '1',
    name: t('random plan'),
    municipality: { code: '0', name: t('somewhere') },
    terms: [{ number: 1, startFiscalYear: 2020, endFiscalYear: 2030 }],
    currentTerm: 1,
    levels: levels.map((l) => ({ id: l, name: t(l) })),
    units,
    bodies,
    vocabularies: { scale: { name: t('scale'), options: [{ code: 'hi', label: t('高い') }, { code: 'mid', label: t('ふつう') }, { code: 'lo', label: t('低い') }] } },
    templates,
    flows,
  });
}

const shapes: fc.Arbitrary<Shape> = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 })
  .chain((fanout) =>
    fc.record({
      fanout: fc.constant(fanout),
      flows: fc.array(
        fc.integer({ min: 1, max: fanout.length }).chain((from) => fc.record({ from: fc.constant(from), to: fc.integer({ min: -1, max: from - 1 }) })),
        { minLength: 1, maxLength: 3 },
      ),
      verification: fc.uniqueArray(
        fc.record({ body: fc.integer({ min: -1, max: fanout.length }), rating: fc.boolean(), text: fc.boolean(), flag: fc.boolean(), required: fc.boolean() }),
        { selector: (v) => v.body, maxLength: 3 },
      ),
    }),
  );

interface Row {
  flow: number;
  unit: number;
  n: number;
  stock: number;
  fy: number;
  errors: number;
}

const rowsArb = fc.array(
  fc.record({
    flow: fc.nat(),
    unit: fc.nat(),
    n: fc.integer({ min: 0, max: 20 }),
    stock: fc.integer({ min: 0, max: 100 }),
    fy: fc.constantFrom(2026, 2026, 2026, 2025),
    errors: fc.constantFrom(0, 0, 0, 1),
  }),
  { minLength: 0, maxLength: 25 },
);

/** Returns of 1–3 consecutive rows of one template, named r00, r01… so that their order is known. */
function submissions(plan: Plan, rows: Row[]): { subs: Submission[]; placed: (Row & { flowId: string; unitCode: string; sub: number })[] } {
  const placed: (Row & { flowId: string; unitCode: string; sub: number })[] = [];
  const subs: Submission[] = [];
  rows.forEach((r, i) => {
    const flow = plan.flows[r.flow % plan.flows.length]!;
    const level = plan.bodies.find((b) => b.id === flow.from)!.level;
    const senders = plan.units.filter((u) => u.level === level);
    const unit = senders[r.unit % senders.length]!;
    // Consecutive rows of one template share a return; a new template starts a new one.
    let sub = subs[subs.length - 1];
    if (!sub || sub.templateId !== flow.template || sub.records.length >= 3) {
      sub = { id: `r${String(i).padStart(2, '0')}#s`, source: `r${String(i).padStart(2, '0')}`, sheet: 's', templateId: flow.template!, records: [], issues: [] };
      subs.push(sub);
    }
    const values: ReturnRecord = { fiscalYear: r.fy, unit: unit.code, n: r.n, stock: r.stock };
    sub.records.push({ ref: { source: sub.source!, sheet: 's', row: sub.records.length + 2 }, values, errors: r.errors, warnings: 0 });
    placed.push({ ...r, flowId: flow.id, unitCode: unit.code, sub: subs.length - 1 });
  });
  return { subs, placed };
}

function receiversOf(plan: Plan, flowIdx: number): string[] {
  const flow = plan.flows[flowIdx]!;
  const to = plan.bodies.find((b) => b.id === flow.to)!;
  return to.perUnit ? plan.units.filter((u) => u.level === to.level).map((u) => u.code) : ['U'];
}

function under(plan: Plan, code: string, root: string): boolean {
  for (let c: string | undefined = code; c !== undefined; c = plan.units.find((u) => u.code === c)?.parent) if (c === root) return true;
  return false;
}

describe('roll-up over random plans', { timeout: 120_000 }, () => {
  it('every obligation is counted once, totals at each receiver are the sum of its senders, and no clean return is left out', () => {
    fc.assert(
      fc.property(shapes, rowsArb, (shape, rows) => {
        const plan = buildPlan(shape);
        const { subs, placed } = submissions(plan, rows);

        // Every obligation once: unique ids, each in exactly one receiver's completeness.
        const owed = obligations(plan, 2026);
        expect(new Set(owed.map((o) => o.id)).size).toBe(owed.length);
        const c = completeness(plan, subs, { fiscalYear: 2026 });
        expect(c.total.expected).toBe(owed.length);
        expect(c.byScope.reduce((a, x) => a + x.expected, 0)).toBe(owed.length);

        plan.flows.forEach((flow, fi) => {
          for (const r of receiversOf(plan, fi)) {
            const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: r, flow: flow.id });
            const mine = placed.filter((x) => x.flowId === flow.id && x.fy === 2026 && x.errors === 0 && under(plan, x.unitCode, r));
            // Sums add every clean row; a stock is each sender's latest value, added across senders.
            expect(p.figures[`${r}/*/n`] ?? 0).toBe(mine.reduce((a, x) => a + x.n, 0));
            const latest = new Map<string, number>();
            for (const x of mine) latest.set(x.unitCode, x.stock);
            expect(p.figures[`${r}/*/stock`] ?? 0).toBe([...latest.values()].reduce((a, b) => a + b, 0));
            // The receiver's total is the sum of its senders' rows.
            expect(p.districts.reduce((a, d) => a + (d.agg.sum['n'] ?? 0), 0)).toBe(p.total.agg.sum['n'] ?? 0);
            // Every obligation of this receiver is counted once.
            expect(p.completeness.expected).toBe(owed.filter((o) => o.flowId === flow.id && (o.to.unit?.code ?? 'U') === r).length);
            // No clean return is left out: each return with a clean row here is counted, and a
            // roll-up with clean rows never says it counted nothing.
            const counted = new Set(p.submissions.filter((u) => u.use === 'counted').map((u) => u.id));
            for (const x of mine) expect(counted.has(subs[x.sub]!.id)).toBe(true);
            if (mine.length > 0) expect(p.notices.map((n) => n.code)).not.toContain('rollup_nothing_counted');
            else expect(p.notices.map((n) => n.code)).toContain('rollup_nothing_counted');
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});

/** What a body writes in one row of its verification sheet: each field blank or filled. */
const fillsArb = fc.array(
  fc.record({
    rating: fc.constantFrom(null, 'hi', 'mid', 'lo'),
    view: fc.constantFrom(null, '良好', '担い手が不足', 'ok'),
    share: fc.constantFrom(null, true, false),
  }),
  { minLength: 1, maxLength: 12 },
);
const RATING: Record<string, string> = { hi: '高い', mid: 'ふつう', lo: '低い' };
const MEETING = '2027-05-10';

describe('verification over random plans', { timeout: 120_000 }, () => {
  it('sheets are generated, filled, read back and carried into the report; completeness agrees with what was filled', () => {
    // How often each path ran, so that the property cannot pass by never reaching it.
    const ran = { recorded: 0, refused: 0, blankRows: 0 };
    fc.assert(
      fc.property(shapes, rowsArb, fillsArb, fc.constantFrom('ja' as const, 'en' as const), (shape, rows, fills, lang) => {
        const plan = buildPlan(shape);
        const { subs } = submissions(plan, rows);
        // The workflow finds a unit's receiving body by the unit: verify where exactly one body receives.
        const bodiesAt = new Map<string, Set<string>>();
        plan.flows.forEach((flow, fi) => {
          for (const r of receiversOf(plan, fi)) (bodiesAt.get(r) ?? bodiesAt.set(r, new Set()).get(r)!).add(flow.to);
        });
        let state: ReviewState = emptyReview(plan);
        const ok = (t: Transition): ReviewState => {
          if (!t.ok) throw new Error(`refused: ${t.issues.map((i) => `${i.code} ${i.reason.en}`).join('; ')}`);
          return t.value;
        };
        /** Units whose verification was recorded, with the subjects the body filled. */
        const recorded = new Map<string, string[]>();
        let k = 0;
        plan.flows.forEach((flow, fi) => {
          const body = plan.bodies.find((b) => b.id === flow.to)!;
          const v = body.verification;
          for (const r of receiversOf(plan, fi)) {
            if (!v || bodiesAt.get(r)!.size !== 1 || recorded.has(r)) continue;
            const p = wardProgress(plan, subs, { fiscalYear: 2026, ward: r, flow: flow.id });
            const sheet = verificationSheet(plan, p, lang);
            // One row per subject, prefilled with the compiled totals, beside empty verification columns.
            expect(sheet.rows.map((row) => row[0])).toEqual(p.subjects.map((s) => s.subject.code));
            const nCol = sheet.columns.findIndex((c) => c.key === 'n');
            expect(sheet.rows.map((row) => row[nCol])).toEqual(p.subjects.map((s) => s.agg.sum['n'] ?? 0));
            const first = sheet.columns.length - v.fields.length;
            expect(sheet.columns.slice(first).map((c) => c.key)).toEqual(v.fields.map((f) => f.key));
            for (const row of sheet.rows) expect(row.slice(first).every((x) => x === null)).toBe(true);

            // Filled as the body would, in the sheet's language; what it means, worked out beside.
            const filled: string[] = [];
            const want: Record<string, Record<string, string | boolean | null>> = {};
            let required = 0;
            const cells = [
              sheet.columns.map((c) => c.header[lang]),
              ...sheet.rows.map((row) => {
                const f = fills[k++ % fills.length]!;
                const values = v.fields.map((x) => (x.key === 'rating' ? f.rating : x.key === 'view' ? f.view : f.share));
                const code = String(row[0]);
                if (values.some((x) => x !== null)) {
                  filled.push(code);
                  want[code] = Object.fromEntries(v.fields.map((x, i) => [x.key, values[i]!]));
                }
                if (v.fields.some((x) => x.key === 'rating' && x.required === true) && f.rating === null) required++;
                const shown = v.fields.map((x, i) => {
                  const value = values[i];
                  if (value === null || value === undefined) return null;
                  if (x.key === 'rating') return RATING[value as string]!;
                  if (typeof value === 'boolean') return lang === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';
                  return value;
                });
                // As a reader gives the cells: the prefilled figures are numbers and texts here, never dates.
                return [...row.slice(0, first).map((x) => (typeof x === 'object' && x !== null ? null : x)), ...shown];
              }),
            ];
            const read = readVerification(plan, p, { sheet: sheet.name[lang], cells });
            expect(read.records.map((x) => x.subject)).toEqual(filled);
            for (const x of read.records) expect(x.values).toEqual(want[x.subject]);
            expect(read.issues.map((i) => i.code)).toEqual(Array(required).fill('rollup_verification_required'));

            // Carried into the unit's report and its workbook, next to its figures.
            const withV = wardProgress(plan, subs, { fiscalYear: 2026, ward: r, flow: flow.id, verifications: [read] });
            expect(withV.verification?.records).toEqual(read.records);
            const shownSheet = wardProgressWorkbook(withV, lang).sheets.find((s) => s.id === 'unit-verification')!;
            const vcols = shownSheet.columns.map((c, i) => (c.key.startsWith('verification-') ? i : -1)).filter((i) => i >= 0);
            const nonEmpty = shownSheet.rows.reduce((a, row) => a + vcols.filter((i) => row[i] !== '' && row[i] !== null).length, 0);
            expect(nonEmpty).toBe(read.records.reduce((a, x) => a + Object.values(x.values).filter((y) => y !== null).length, 0));

            // Recorded at a meeting of the receiving body; refused while the sheet has errors.
            const ctx: ActionContext = { actor: { id: `staff-${r}`, body: body.id, ...(body.perUnit ? { unit: r } : {}) }, now: () => new Date(Date.UTC(2027, 4, 10)) };
            state = ok(recordMeeting(plan, state, { ward: r, fiscalYear: 2026, date: MEETING, agenda: ['verification'] }, ctx));
            const t = recordVerification(plan, state, read, { meetingId: `${r}/2026/${MEETING}` }, ctx);
            ran.blankRows += p.subjects.length - filled.length;
            if (read.issues.length > 0) {
              expect(t.ok).toBe(false);
              ran.refused++;
            } else {
              state = ok(t);
              recorded.set(r, filled);
              ran.recorded++;
            }
          }
        });
        // Completeness's verification step: verified where recorded, with the subjects filled.
        const c = completeness(plan, subs, { fiscalYear: 2026, review: state });
        for (const step of c.verification) {
          const got = recorded.get(step.unit.code);
          expect([step.verifiedOn, step.recorded], step.unit.code).toEqual(got ? [MEETING, got.length] : [null, 0]);
        }
        for (const u of recorded.keys()) expect(c.verification.some((s) => s.unit.code === u), u).toBe(true);
      }),
      // A fixed seed: the counts below say each path ran, and must not depend on the draw.
      { numRuns: 60, seed: 20261 },
    );
    expect(ran.recorded).toBeGreaterThan(5);
    expect(ran.refused, JSON.stringify(ran)).toBeGreaterThan(0);
    expect(ran.blankRows, JSON.stringify(ran)).toBeGreaterThan(0);
  });
});
