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
import { alternate } from './alternate.mjs';

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
alternate(Number(roundsArg), (k) => run(k === 'new' ? NEW : OLD, plans[k]), 1);
