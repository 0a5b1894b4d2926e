// Property tests over random plans: a small grammar of levels, bodies and flows (senders at any
// level below their receiver, receivers per unit or a single body at the top). Whatever the
// shape, every obligation is counted once, each receiver's totals are the sum of its senders',
// and no clean return is left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeness, obligations, requirePlan, wardProgress, type Plan, type PlanInput, type ReturnRecord, type Submission } from '../index.js';

interface Shape {
  /** Children per unit at each level below the top (2..3 levels below). */
  fanout: number[];
  /** Flows: sender level index (≥ 1) and receiver level index (< sender), or -1 for a single body at the top. */
  flows: { from: number; to: number }[];
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
  const bodies: PlanInput['bodies'] = [
    { id: 'single', kind: 'other', level: 'l0', perUnit: false, name: t('single body') },
    ...levels.map((l) => ({ id: `b-${l}`, kind: 'other' as const, level: l, perUnit: true, name: t(`body ${l}`) })),
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
    vocabularies: {},
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
