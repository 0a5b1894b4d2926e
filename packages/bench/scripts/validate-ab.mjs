// Old and new builds of core's validation on the bench's grids, alternating in one process, with
// their results compared as JSON first (a speed change must not change an answer).
//
//   cp -r packages/core/dist /tmp/core-before      # before the change
//   … change, then: pnpm --filter @sasaeai/core run build
//   node --expose-gc packages/bench/scripts/validate-ab.mjs /tmp/core-before [bad share 0..1] [rounds]
//
// Both builds share one heap, so each is slower than in `pnpm bench`: compare the ratio.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import * as NEW from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';

const [oldDir, badArg = '0', roundsArg = '7'] = process.argv.slice(2);
if (oldDir === undefined) {
  console.error('usage: validate-ab.mjs <old core dist folder> [bad share 0..1] [rounds]');
  process.exit(2);
}
const OLD = await import(pathToFileURL(resolve(oldDir, 'index.js')).href);
const bad = Number(badArg);
const plans = { new: NEW.requirePlan(chibaPlan), old: OLD.requirePlan(chibaPlan) };
const gen = generateReturns(plans.new, { seed: 100 + Math.round(bad * 100), rows: 100_000, badShare: bad, templateId: 'district-activity' });
const grid = gen.grids[0];
const run = (M, plan) => M.validateGrid(grid, { plan, today: gen.expected.asOf });
const json = (r) => JSON.stringify({ ...r, records: r.records });
const same = json(run(NEW, plans.new)) === json(run(OLD, plans.old));
console.log(`results identical: ${same}`);
if (!same) process.exit(1);
// Wall time, and CPU time of the process (less moved by other work on a shared machine).
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
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
const line = (what, t) => `${what}: old ${median(t.old).toFixed(0)} ms, new ${median(t.new).toFixed(0)} ms, new/old ${(median(t.new) / median(t.old)).toFixed(2)}`;
console.log(line('wall', ms));
console.log(line('CPU', cpu));
