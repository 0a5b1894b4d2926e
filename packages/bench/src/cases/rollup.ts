/**
 * Roll-up of validated records into all wards' progress (区計画の推進状況) and the annual report
 * (地域福祉専門分科会への報告) — one `annualReport` call, whose `wards` are every ward's full
 * progress (checked equal to `wardProgress` per ward before timing) — against a hand-written single-pass reducer that computes the same
 * totals with none of the provenance, lists, completeness or labels. Both must agree.
 */
import { annualReport, submissionFromValidation, unitsAt, validateGrids, wardProgress, type LocatedRecord, type Plan, type Submission } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { isDeepStrictEqual } from 'node:util';
import { log, rotate } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';

interface Cell {
  ward: string;
  subject: string;
  records: number;
  sessions: number;
  participants: number;
  lastDate: string;
  status: string | null;
  rating: string | null;
  nextSteps: string | null;
  success: boolean;
  outcomes: number;
  issues: number;
  partners: Set<string>;
}

/**
 * The reducer a programmer would write for these totals: one pass, district × initiative cells
 * (latest row wins for status, rating and next steps), then per ward × initiative and per city.
 */
export function reduce(subs: readonly Submission[], fiscalYear: number): Map<string, number> {
  const cells = new Map<string, Cell>();
  for (let s = 0; s < subs.length; s++) {
    const recs = (subs[s] as Submission).records;
    for (let i = 0; i < recs.length; i++) {
      const r = recs[i] as LocatedRecord;
      if (r.errors > 0) continue;
      const v = r.values;
      if (v.fiscalYear !== fiscalYear) continue;
      const key = `${v.district as string}|${v.initiative as string}`;
      let c = cells.get(key);
      if (c === undefined) {
        c = { ward: v.ward as string, subject: v.initiative as string, records: 0, sessions: 0, participants: 0, lastDate: '', status: null, rating: null, nextSteps: null, success: false, outcomes: 0, issues: 0, partners: new Set() };
        cells.set(key, c);
      }
      c.records++;
      c.sessions += (v.sessions as number | null) ?? 0;
      c.participants += (v.participants as number | null) ?? 0;
      const d = v.reportDate as string;
      if (d >= c.lastDate) {
        c.lastDate = d;
        c.status = v.status as string | null;
        c.rating = v.rating as string | null;
        c.nextSteps = v.nextSteps as string | null;
      }
      if (v.successCase === true) c.success = true;
      if (v.outcomes !== null) c.outcomes++;
      if (v.issues !== null) c.issues++;
      const p = v.partners as string[] | null;
      if (p !== null) for (let k = 0; k < p.length; k++) c.partners.add(p[k] as string);
    }
  }
  const totals = new Map<string, number>();
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  for (const c of cells.values()) {
    for (const scope of [`${c.ward}/${c.subject}`, `${c.ward}/*`, `city/${c.subject}`, 'city/*']) {
      add(`${scope}/cells`, 1);
      add(`${scope}/records`, c.records);
      add(`${scope}/sessions`, c.sessions);
      add(`${scope}/participants`, c.participants);
      add(`${scope}/successCase`, c.success ? 1 : 0);
      add(`${scope}/outcomes`, c.outcomes);
      add(`${scope}/issues`, c.issues);
      if (c.status !== null) add(`${scope}/status=${c.status}`, 1);
      if (c.rating !== null) add(`${scope}/rating=${c.rating}`, 1);
      if (c.nextSteps !== null) add(`${scope}/nextSteps=${c.nextSteps}`, 1);
      for (const p of c.partners) add(`${scope}/partners=${p}`, 1);
    }
  }
  return totals;
}

export async function rollupCases(plan: Plan, opts: { rows: number; runs: number; fiscalYear: number }): Promise<CaseResult[]> {
  log(`roll-up: generating and validating ${opts.rows} rows`);
  const gen = generateReturns(plan, { seed: 300, rows: opts.rows, rowsPerSheet: 50, fiscalYear: opts.fiscalYear });
  const { results } = validateGrids(gen.grids, { plan, today: gen.expected.asOf });
  const subs = results.map((r) => submissionFromValidation(r));
  const records = subs.reduce((a, s) => a + s.records.length, 0);
  const top = plan.units.find((u) => u.parent === undefined)?.code ?? 'city';
  const wards = unitsAt(plan, 'ward').map((u) => u.code);
  const fy = opts.fiscalYear;
  // What a user calls for all wards' progress and the annual report: one call.
  const ours = () => annualReport(plan, subs, { fiscalYear: fy });

  const report = ours();
  // The report's wards are the six ward progresses a user would otherwise ask for one by one.
  const codes = report.wards.map((w) => w.ward.code);
  if (!isDeepStrictEqual(codes, wards)) throw new Error(`annual report wards ${codes.join(',')}, plan wards ${wards.join(',')}`);
  for (const w of report.wards) {
    if (!isDeepStrictEqual(w, wardProgress(plan, subs, { fiscalYear: fy, ward: w.ward.code })))
      throw new Error(`annual report's ward ${w.ward.code} differs from wardProgress for that ward`);
  }
  log(`roll-up: the annual report's ${wards.length} wards equal wardProgress per ward`);
  // The two must agree on every total the reducer computes.
  const totals = reduce(subs, fy);
  const mismatches: string[] = [];
  const wardFigures = new Map(report.wards.map((w) => [w.ward.code, w.figures]));
  for (const [k, n] of totals) {
    const city = k.startsWith('city/');
    const id = city ? `${top}/${k.slice(5)}` : k;
    const got = city ? report.figures[id] : wardFigures.get(k.split('/')[0] ?? '')?.[id];
    if ((got ?? 0) !== n) mismatches.push(`${id}: roll-up ${String(got)}, reducer ${n}`);
  }
  if (mismatches.length > 0) throw new Error(`roll-up and reducer disagree on ${mismatches.length} totals:\n${mismatches.slice(0, 20).join('\n')}`);
  log(`roll-up: ${totals.size} totals agree (${records} records, ${subs.length} returns)`);

  const t = await rotate(
    {
      ours,
      sixWards: () => wards.map((ward) => wardProgress(plan, subs, { fiscalYear: fy, ward })),
      reducer: () => reduce(subs, fy),
    },
    { runs: opts.runs },
  );
  const ratio = t.ours.ms / t.reducer.ms;
  return [
    {
      name: 'roll-up: annual report with all six ward progresses vs reducer',
      rows: records,
      ms: t.ours.ms,
      peer: { name: 'hand-written single-pass reducer (same totals)', ms: t.reducer.ms },
      ratio,
      floor: 'ratio <= 2',
      holds: ratio <= 2,
      rowsPerSecond: Math.round((records / t.ours.ms) * 1000),
      peerRowsPerSecond: Math.round((records / t.reducer.ms) * 1000),
      detail: `${totals.size} totals checked equal; wards equal wardProgress; six separate wardProgress calls ${Math.round(t.sixWards.ms)} ms (${(t.sixWards.ms / t.reducer.ms).toFixed(1)}×)`,
      metrics: {
        returns: subs.length,
        totalsCompared: totals.size,
        sixWardProgressCallsMs: t.sixWards.ms,
        sixWardProgressCallsRatio: t.sixWards.ms / t.reducer.ms,
        figures: Object.keys(report.figures).length,
        samples: t.ours.samples.map(Math.round),
        pageFaults: t.ours.pageFaults,
        peerSamples: t.reducer.samples.map((x) => Math.round(x * 10) / 10),
      },
    },
  ];
}
