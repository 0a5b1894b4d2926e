/**
 * Preloaded into a measured child (`node --import cli-probe.js …`): writes the process's peak
 * memory and CPU time to the file named by SASAEAI_BENCH_PROBE when it exits, so the CLI itself
 * needs no change to be measured.
 */
import { writeFileSync } from 'node:fs';

const out = process.env['SASAEAI_BENCH_PROBE'];
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ maxRssKb: u.maxRSS, userMs: u.userCPUTime / 1000, systemMs: u.systemCPUTime / 1000 }));
  });
}
