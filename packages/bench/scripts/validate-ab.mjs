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
import { alternate } from './alternate.mjs';

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
alternate(Number(roundsArg), (k) => run(k === 'new' ? NEW : OLD, plans[k]));
