/**
 * Excel round trips with the add-in's fake office.js (addin/test/fake-office): how many
 * `context.sync` calls validate and roll-up make, and how big each request and response is, at
 * several sizes. The count must not grow with the rows beyond the payload chunking, and no
 * request may pass Excel on the web's 5 MB.
 */
import { annualReport, annualReportWorkbook, submissionFromValidation, validateGrid, validateGrids, type Plan, type RawCell } from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { log, single, timeOnce } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';
// The add-in is plain TypeScript driving the global `Excel`; the fake installs that global.
import '../../../../addin/src/jitless.js';
import { fake, typeGrid } from '../../../../addin/test/fake-office/install.js';
import { rollUp, validateInPlace } from '../../../../addin/src/app/operations.js';

const FIVE_MB = 5 * 1024 * 1024;
const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`);

function requestStats() {
  const reqs = fake.stats.requests;
  return {
    syncs: fake.stats.syncs,
    maxRequestBytes: Math.max(0, ...reqs.map((r) => r.requestBytes)),
    maxResponseBytes: Math.max(0, ...reqs.map((r) => r.responseBytes)),
    totalBytes: reqs.reduce((a, r) => a + r.requestBytes + r.responseBytes, 0),
    refused: reqs.filter((r) => r.error !== undefined).length,
  };
}

export async function excelCases(plan: Plan, opts: { sizes: number[]; fiscalYear: number; runs: number }): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const seen: { op: string; rows: number; syncs: number }[] = [];
  for (const rows of opts.sizes) {
    // One sheet for validate; returns of 500 rows for roll-up (a ward's worth of sheets).
    log(`excel round trips: ${rows} rows`);
    const one = generateReturns(plan, { seed: 400, rows, badShare: 0.1, fiscalYear: opts.fiscalYear });
    fake.reset();
    typeGrid('Sheet1', one.grids[0]?.cells ?? []);
    fake.resetStats();
    // Round trips are counted on the first run; times are medians of the runs after it.
    let result: Awaited<ReturnType<typeof validateInPlace>> | undefined;
    const cold = await timeOnce(async () => (result = await validateInPlace(plan, {})));
    const v = requestStats();
    const ms = (await single(() => validateInPlace(plan, {}), { warmup: 0, runs: opts.runs })).ms;
    const values = fake.values('Sheet1') as RawCell[][];
    const core = (await single(() => validateGrid({ sheet: 'Sheet1', cells: values }, { plan }), { warmup: 1, runs: opts.runs })).ms;
    seen.push({ op: 'validate', rows, syncs: v.syncs });
    out.push({
      name: `excel validate in place, ${rows} rows (fake office.js)`,
      rows,
      ms,
      peer: { name: 'core validateGrid alone on the same values', ms: core },
      ratio: ms / core,
      floor: 'syncs constant across sizes; every request and response < 5 MB',
      holds: v.maxRequestBytes < FIVE_MB && v.maxResponseBytes < FIVE_MB && v.refused === 0,
      metrics: { ...v, coldMs: Math.round(cold), rowsWithErrors: result?.result.summary.rowsWithErrors, marks: result?.marks },
    });
    out[out.length - 1]!.detail = `${v.syncs} syncs, largest request ${kb(v.maxRequestBytes)}, largest response ${kb(v.maxResponseBytes)}`;

    const many = generateReturns(plan, { seed: 401, rows, fiscalYear: opts.fiscalYear, rowsPerSheet: 500 });
    fake.reset();
    const names = many.grids.map((_, i) => `R${i + 1}`);
    const sheetIds = many.grids.map((g, i) => {
      const id = fake.addSheet(names[i] as string);
      typeGrid(names[i] as string, g.cells);
      return id;
    });
    fake.resetStats();
    const rollOnce = () => rollUp(plan, 'ja', { sheetIds, fiscalYear: opts.fiscalYear, kind: 'annual' });
    const rcold = await timeOnce(rollOnce);
    const r = requestStats();
    const rms = (await single(rollOnce, { warmup: 0, runs: opts.runs })).ms;
    // The same work in core alone: validate the sheets' values, roll up, build the sheet models.
    const grids = names.map((n) => ({ sheet: n, cells: fake.values(n) as RawCell[][] }));
    const coreRollup = (
      await single(
        () => {
          const subs = validateGrids(grids, { plan }).results.map((x) => submissionFromValidation(x));
          return annualReportWorkbook(annualReport(plan, subs, { fiscalYear: opts.fiscalYear }), 'ja');
        },
        { warmup: 1, runs: opts.runs },
      )
    ).ms;
    seen.push({ op: 'rollup', rows, syncs: r.syncs });
    out.push({
      name: `excel roll-up to annual report, ${rows} rows in ${sheetIds.length} sheets (fake office.js)`,
      rows,
      ms: rms,
      peer: { name: 'core alone: validateGrids + annualReport + annualReportWorkbook on the same values', ms: coreRollup },
      ratio: rms / coreRollup,
      floor: 'syncs constant across sizes; every request and response < 5 MB',
      holds: r.maxRequestBytes < FIVE_MB && r.maxResponseBytes < FIVE_MB && r.refused === 0,
      metrics: { ...r, coldMs: Math.round(rcold), sheets: sheetIds.length },
    });
    out[out.length - 1]!.detail = `${r.syncs} syncs, largest request ${kb(r.maxRequestBytes)}, largest response ${kb(r.maxResponseBytes)}`;
  }
  // Round trips may only grow by the payload chunks: at most one extra sync per 4 MB read.
  for (const op of ['validate', 'rollup']) {
    const xs = seen.filter((s) => s.op === op);
    const base = xs[0];
    for (const c of out.filter((o) => o.name.startsWith(op === 'validate' ? 'excel validate' : 'excel roll-up'))) {
      const s = xs.find((x) => x.rows === c.rows);
      const bytes = (c.metrics?.totalBytes as number | undefined) ?? 0;
      const chunks = Math.ceil(bytes / 4_000_000);
      const grew = s && base ? s.syncs - base.syncs : 0;
      c.metrics = { ...c.metrics, syncGrowthOverSmallest: grew, payloadChunks: chunks };
      if (grew > chunks) c.holds = false;
    }
  }
  fake.reset();
  return out;
}
