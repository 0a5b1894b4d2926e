// One build of core's validation alone in its process, on the bench's grid: the first (cold) call
// and the minimum and median of the warm calls after the fifth.
//
//   node --expose-gc packages/bench/scripts/solo.mjs <core dist folder | new> [bad share 0..1] [calls]
//
// Run it for the old and the new build in turn, several times. Use it instead of the in-process
// A/B scripts when a change alters how the grid's own strings are stored: both builds read the same
// grid there, so the first build's look-ups change what the second one reads (a text table turns
// each cell's string into a pointer to its shared copy).
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';

const [dir = 'new', badArg = '0', callsArg = '25'] = process.argv.slice(2);
const M = dir === 'new' ? await import('@sasaeai/core') : await import(pathToFileURL(resolve(dir, 'index.js')).href);
const plan = M.requirePlan(chibaPlan);
const bad = Number(badArg);
const gen = generateReturns(plan, { seed: 100 + Math.round(bad * 100), rows: 100_000, badShare: bad, templateId: 'district-activity' });
const grid = gen.grids[0];
const ms = [];
for (let i = 0; i < Math.max(6, Number(callsArg)); i++) {
  globalThis.gc?.();
  const t0 = performance.now();
  M.validateGrid(grid, { plan, today: gen.expected.asOf });
  ms.push(performance.now() - t0);
}
const warm = ms.slice(5).sort((a, b) => a - b);
console.log(`${dir} first ${ms[0].toFixed(0)} ms, warm min ${warm[0].toFixed(0)} ms, median ${warm[warm.length >> 1].toFixed(0)} ms`);
