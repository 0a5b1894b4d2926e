/**
 * `traceFigure` and the report output against a fixture made from the roll-up as it was before
 * its representation of provenance changed (typed arrays, one row-index space): for EVERY figure
 * of the annual report, of each ward's progress and of completeness, on bench-like sample data of
 * two differently shaped plans, the rows it traces to (figures grouped by the first two parts of their ids, each group digested) and the report without
 * its provenance (digest). The fixture is written by this file, never by hand:
 * `SASAEAI_WRITE_TRACE_FIXTURE=1 pnpm --filter @sasaeai/core exec vitest run src/rollup/trace.fixture.test.ts`
 * (only ever on code whose output is known good — it was first written at 366ae77's roll-up).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  annualReport,
  completeness,
  isProvisional,
  requirePlan,
  submissionFromValidation,
  traceFigure,
  validateGrids,
  wardProgress,
  type Plan,
  type Submission,
  type Traceable,
} from '../index.js';
import { generateReturns } from '../samples/index.js';

const FIXTURE = new URL('./__fixtures__/trace-digests.json', import.meta.url);
const WRITE = process.env['SASAEAI_WRITE_TRACE_FIXTURE'] === '1';

/** FNV-1a over a string: a digest that changes when any row or any value changes. */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Every figure id of a report and of the reports inside it. */
function figureIds(r: Traceable): string[] {
  const ids = new Set(Object.keys(r.figures));
  if (r.kind === 'annual-report') {
    for (const w of r.wards) for (const id of Object.keys(w.figures)) ids.add(id);
    for (const id of Object.keys(r.completeness.figures)) ids.add(id);
  }
  return [...ids].sort();
}

/**
 * Per group of figures (the first two parts of their ids, e.g. `12101/C01`): how many figures, and
 * a digest of `<figure id>=<rows>:<digest of the rows>[:p]` (p when provisional) over the group.
 * Groups keep the fixture small and still say where a difference is.
 */
function traceDigests(r: Traceable): Record<string, string> {
  const groups = new Map<string, string[]>();
  for (const id of figureIds(r)) {
    const rows = traceFigure(r, id);
    const line = `${id}=${rows.length}:${fnv(rows.map((x) => `${x.source ?? ''}\u001f${x.sheet}\u001f${x.row}`).join('\u001e'))}${isProvisional(r, id) ? ':p' : ''}`;
    const g = id.split('/').slice(0, 2).join('/');
    (groups.get(g) ?? groups.set(g, []).get(g)!).push(line);
  }
  const out: Record<string, string> = {};
  for (const [g, lines] of groups) out[g] = `${lines.length}:${fnv(lines.join('\n'))}`;
  return out;
}

/** The report as plain data without provenance (whose representation may change), digested. */
function outputDigest(r: unknown): string {
  const seen = new WeakSet();
  return fnv(
    JSON.stringify(r, function (this: unknown, k, v: unknown) {
      if (k === 'provenance') return undefined;
      // Row indices of cells and lists point into a report's refs: compared through traceFigure.
      if (k === 'rows' || k === 'last' || k === 'flags' || k === 'texts' || k === 'row') return undefined;
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return '[seen]';
        seen.add(v);
      }
      return v;
    }),
  );
}

interface Scenario {
  name: string;
  report: () => Traceable;
}

function chibaScenarios(): Scenario[] {
  const plan = requirePlan(chibaPlan);
  // Bench-like: the bench's generator, 50-row returns, with some bad rows, and the measures.
  const gen = generateReturns(plan, { seed: 300, rows: 4000, rowsPerSheet: 50, fiscalYear: 2026, badShare: 0.03 });
  const measures = generateReturns(plan, { seed: 301, rows: 24, templateId: 'city-measure', fiscalYear: 2026 });
  const subs = validateGrids([...gen.grids, ...measures.grids], { plan, today: gen.expected.asOf }).results.map((r) => submissionFromValidation(r));
  return [
    { name: 'chiba annual report', report: () => annualReport(plan, subs, { fiscalYear: 2026 }) },
    { name: 'chiba annual report, includeInvalid', report: () => annualReport(plan, subs, { fiscalYear: 2026, includeInvalid: true }) },
    { name: 'chiba 花見川区 progress', report: () => wardProgress(plan, subs, { fiscalYear: 2026, ward: '12102' }) },
    { name: 'chiba completeness', report: () => completeness(plan, subs, { fiscalYear: 2026 }) },
  ];
}

function planScenarios(name: string, path: string, rows: number, rowsPerSheet: number): Scenario[] {
  const plan: Plan = requirePlan(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
  const gen = generateReturns(plan, { seed: 302, rows, rowsPerSheet, fiscalYear: 2026, badShare: 0.03, templateId: plan.templates[0]!.id });
  const subs: Submission[] = validateGrids(gen.grids, { plan, today: gen.expected.asOf }).results.map((r) => submissionFromValidation(r));
  return [
    { name: `${name} annual report`, report: () => annualReport(plan, subs, { fiscalYear: 2026 }) },
    { name: `${name} completeness`, report: () => completeness(plan, subs, { fiscalYear: 2026, countInvalid: true }) },
  ];
}

const scenarios = [
  ...chibaScenarios(),
  ...planScenarios('town', '../../../../examples/custom-plan/town.plan.json', 8, 2),
  ...planScenarios('designated city', '../../../../examples/designated-city/minato.plan.json', 1500, 25),
];

describe('traceFigure of every figure, and the report output, as before the roll-up was made faster', () => {
  const fixture: Record<string, { output: string; traces: Record<string, string> }> =
    !WRITE && existsSync(FIXTURE) ? (JSON.parse(readFileSync(FIXTURE, 'utf8')) as never) : {};
  const written: typeof fixture = {};

  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (name, s) => {
    const r = s.report();
    const got = { output: outputDigest(r), traces: traceDigests(r) };
    if (WRITE) {
      written[name] = got;
      writeFileSync(FIXTURE, JSON.stringify(written, null, 0).replace(/\],"/g, '],\n"') + '\n');
      return;
    }
    const want = fixture[name];
    expect(want, `no fixture for ${name}: write it with SASAEAI_WRITE_TRACE_FIXTURE=1`).toBeDefined();
    // Something is traced, so the comparison cannot pass on empty reports.
    expect(Object.keys(got.traces).length, name).toBeGreaterThan(3);
    expect(Object.keys(got.traces)).toEqual(Object.keys(want!.traces));
    const differing = Object.keys(want!.traces).filter((id) => got.traces[id] !== want!.traces[id]);
    expect(differing.slice(0, 20), `${differing.length} groups of figures trace differently`).toEqual([]);
    expect(got.output, `${name}: report output`).toBe(want!.output);
    // Tracing every figure of 4 000 rows takes seconds on a shared machine.
  }, 60_000);
});
