// Old and new builds of core's roll-up (one annual report on the bench's 100k rows), alternating
// in one process, with their reports compared as JSON first (a speed change must not change an
// answer). Also times the bench's hand reducer for a ratio.
//
//   cp -r packages/core/dist /tmp/core-before      # before the change
//   … change, then: pnpm --filter @sasaeai/core run build
//   node --expose-gc packages/bench/scripts/rollup-ab.mjs /tmp/core-before [rounds]
//
// Both builds share one heap, so each is slower than in `pnpm bench`: compare the ratio.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import * as NEW from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';

const [oldDir, roundsArg = '15'] = process.argv.slice(2);
if (oldDir === undefined) {
  console.error('usage: rollup-ab.mjs <old core dist folder> [rounds]');
  process.exit(2);
}
const OLD = await import(pathToFileURL(resolve(oldDir, 'index.js')).href);
const fy = 2026;
const plan = NEW.requirePlan(chibaPlan);
const gen = generateReturns(plan, { seed: 300, rows: 100_000, rowsPerSheet: 50, fiscalYear: fy });
const { results } = NEW.validateGrids(gen.grids, { plan, today: gen.expected.asOf });
const subs = results.map((r) => NEW.submissionFromValidation(r));
const plans = { new: plan, old: OLD.requirePlan(chibaPlan) };
const run = (M, p) => M.annualReport(p, subs, { fiscalYear: fy });
const json = (r) => JSON.stringify(r, (k, v) => (v instanceof Set ? [...v] : v));
const a = run(NEW, plans.new);
const b = run(OLD, plans.old);
const same = json(a) === json(b);
console.log(`reports identical: ${same}`);
if (!same) process.exit(1);
const ms = { new: [], old: [] };
const cpu = { new: [], old: [] };
for (let i = 0; i < Number(roundsArg); i++) {
  for (const [k, M] of i % 2 === 0 ? [['new', NEW], ['old', OLD]] : [['old', OLD], ['new', NEW]]) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run(M, plans[k]);
    ms[k].push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu[k].push((c.user + c.system) / 1000);
  }
}
const median = (xs) => xs.slice().sort((x, y) => x - y)[xs.length >> 1];
const line = (what, t) => `${what}: old ${median(t.old).toFixed(1)} ms, new ${median(t.new).toFixed(1)} ms, new/old ${(median(t.new) / median(t.old)).toFixed(3)}`;
console.log(line('wall', ms));
console.log(line('CPU', cpu));
