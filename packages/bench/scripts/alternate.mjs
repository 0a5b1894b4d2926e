// The timing half of the A/B scripts (validate-ab.mjs, rollup-ab.mjs): old and new builds called
// alternately, `rounds` times each, the order swapping every round, a full GC before each call
// when `--expose-gc` is on; prints wall and CPU medians and their ratio new/old.
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/** `call('old')` and `call('new')` run the same work on each build. */
export function alternate(rounds, call, digits = 0) {
  // Wall time, and CPU time of the process (less moved by other work on a shared machine).
  const ms = { new: [], old: [] };
  const cpu = { new: [], old: [] };
  for (let i = 0; i < rounds; i++) {
    for (const k of i % 2 === 0 ? ['new', 'old'] : ['old', 'new']) {
      globalThis.gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      call(k);
      ms[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  const line = (what, t) =>
    `${what}: old ${median(t.old).toFixed(digits)} ms, new ${median(t.new).toFixed(digits)} ms, new/old ${(median(t.new) / median(t.old)).toFixed(digits > 0 ? 3 : 2)}`;
  console.log(line('wall', ms));
  console.log(line('CPU', cpu));
}
