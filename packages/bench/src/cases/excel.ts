/**
 * Excel round trips with the add-in's fake office.js (addin/test/fake-office): how many
 * `context.sync` calls validate and roll-up make, and how big each request and response is, at
 * several sizes. The count must not grow with the rows beyond the payload chunking, and no
 * request may pass Excel on the web's 5 MB.
 */
import { generateReturns, validateGrid, type Plan, type RawCell } from '@sasaeai/core';
import { log, timeOnce } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';
// The add-in is plain TypeScript driving the global `Excel`; the fake installs that global.
import '../../../../addin/src/jitless.js';
import { fake } from '../../../../addin/test/fake-office/install.js';
import { rollUp, validateInPlace } from '../../../../addin/src/app/operations.js';

const FIVE_MB = 5 * 1024 * 1024;

/** Types a grid as a user would: dates and error values as text, formula-like text quoted. */
function typeGrid(sheet: string, cells: readonly (readonly RawCell[])[]): void {
  fake.type(
    sheet,
    'A1',
    cells.map((r) =>
      r.map((c) => {
        if (c === null || c === undefined) return '';
        if (c instanceof Date) return c.toISOString().slice(0, 10);
        if (typeof c === 'object') return c.error;
        return typeof c === 'string' && /^[=+\-@]/.test(c) && c.length > 1 ? `'${c}` : c;
      }),
    ),
  );
}

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

export async function excelCases(plan: Plan, opts: { sizes: number[]; fiscalYear: number }): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  const seen: { op: string; rows: number; syncs: number }[] = [];
  for (const rows of opts.sizes) {
    // One sheet for validate; returns of 500 rows for roll-up (a ward's worth of sheets).
    log(`excel round trips: ${rows} rows`);
    const one = generateReturns(plan, { seed: 400, rows, badShare: 0.1, fiscalYear: opts.fiscalYear });
    fake.reset();
    typeGrid('Sheet1', one.grids[0]?.cells ?? []);
    fake.resetStats();
    let result: Awaited<ReturnType<typeof validateInPlace>> | undefined;
    const ms = await timeOnce(async () => (result = await validateInPlace(plan, {})));
    const v = requestStats();
    const core = await timeOnce(() => validateGrid({ sheet: 'Sheet1', cells: fake.values('Sheet1') as RawCell[][] }, { plan }));
    seen.push({ op: 'validate', rows, syncs: v.syncs });
    out.push({
      name: `excel validate in place, ${rows} rows (fake office.js)`,
      rows,
      ms,
      peer: { name: 'core validateGrid alone on the same values', ms: core },
      ratio: ms / core,
      floor: 'syncs constant across sizes; every request and response < 5 MB',
      holds: v.maxRequestBytes < FIVE_MB && v.maxResponseBytes < FIVE_MB && v.refused === 0,
      metrics: { ...v, rowsWithErrors: result?.result.summary.rowsWithErrors, marks: result?.marks },
    });

    const many = generateReturns(plan, { seed: 401, rows, fiscalYear: opts.fiscalYear, rowsPerSheet: 500 });
    fake.reset();
    const sheetIds = many.grids.map((g, i) => {
      const name = `R${i + 1}`;
      const id = fake.addSheet(name);
      typeGrid(name, g.cells);
      return id;
    });
    fake.resetStats();
    const rms = await timeOnce(() => rollUp(plan, 'ja', { sheetIds, fiscalYear: opts.fiscalYear, kind: 'annual' }));
    const r = requestStats();
    seen.push({ op: 'rollup', rows, syncs: r.syncs });
    out.push({
      name: `excel roll-up to annual report, ${rows} rows in ${sheetIds.length} sheets (fake office.js)`,
      rows,
      ms: rms,
      peer: { name: 'the same operation at the smallest size, per row', ms: rms },
      ratio: 1,
      floor: 'syncs constant across sizes; every request and response < 5 MB',
      holds: r.maxRequestBytes < FIVE_MB && r.maxResponseBytes < FIVE_MB && r.refused === 0,
      metrics: { ...r, sheets: sheetIds.length },
    });
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
      if (op === 'rollup' && base) {
        const first = out.find((o) => o.name.startsWith('excel roll-up'));
        if (first) {
          c.peer = { name: `roll-up at ${base.rows} rows, scaled per row`, ms: (first.ms / base.rows) * c.rows };
          c.ratio = c.ms / c.peer.ms;
        }
      }
    }
  }
  fake.reset();
  return out;
}
