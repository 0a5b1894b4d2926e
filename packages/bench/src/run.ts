/**
 * `pnpm bench`: Sasaeai side by side with what a user or engineer would otherwise pick, on the
 * same data in the same run. `--json` prints one JSON object `{ cases: [...] }` on stdout (all
 * progress goes to stderr). `--only=validate,rollup,excel,cli,addin,bundle,period` runs some cases; `--quick`
 * runs smaller sizes for a smoke test (not for the record).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { requirePlan } from '@sasaeai/core';
import { log } from './lib/timing.js';
import type { CaseResult, Skipped } from './lib/types.js';
import type { BundleSize } from './cases/bundle.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const BENCH = path.resolve(here, '..');
const ROOT = path.resolve(BENCH, '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (name: string) => !only || only.includes(name);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds with pnpm when an output is missing or older than its sources; returns a skip reason on failure. */
function ensureBuilt(what: string, outputs: string[], sources: string[], filters: string[]): string | null {
  const built = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : 0)));
  const src = Math.max(...sources.map(newest));
  if (built > 0 && built >= src) return null;
  log(`${what}: ${built === 0 ? 'not built' : 'sources changed'}; building (${filters.join(' ')})`);
  try {
    execFileSync('pnpm', [...filters.flatMap((f) => ['--filter', f]), '--workspace-concurrency=1', '--reporter', 'append-only', 'run', 'build'], {
      cwd: ROOT,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    return null;
  } catch (e) {
    return `${what} could not be built: ${(e as Error).message.split('\n')[0] ?? ''}`;
  }
}

const plan = requirePlan(chibaPlan);
const cases: CaseResult[] = [];
const skipped: Skipped[] = [];
const sizes: BundleSize[] = [];

/** Runs one group of cases; a failure is reported as skipped with its reason, and the rest go on. */
async function group(name: string, fn: () => Promise<CaseResult[]>): Promise<void> {
  try {
    cases.push(...(await fn()));
  } catch (e) {
    log(`${name}: failed — ${(e as Error).stack ?? String(e)}`);
    skipped.push({ name, skipped: `failed: ${(e as Error).message.split('\n')[0] ?? ''}` });
  }
}
const started = performance.now();
// Past fiscal years keep every report date before "today" for the parts that cannot be told
// what today is (the add-in validates with the real date).
const PAST_FY = 2025;

if (want('validate')) {
  const { validationCases } = await import('./cases/validate.js');
  await group('validate', () => validationCases(plan, { rows: quick ? 10_000 : 100_000, runs: quick ? 3 : 5, tableschemaRows: quick ? 2_000 : 10_000 }));
}
if (want('rollup')) {
  const { rollupCases } = await import('./cases/rollup.js');
  // 15 rounds: a round takes well under a second, and the reducer's samples alone spread 25–55 ms
  // from round to round on this kind of machine, which a median of 5 followed.
  await group('rollup', () => rollupCases(plan, { rows: quick ? 10_000 : 100_000, runs: quick ? 3 : 15, fiscalYear: 2026 }));
}
if (want('excel')) {
  const { excelCases } = await import('./cases/excel.js');
  await group('excel', () => excelCases(plan, { sizes: quick ? [1_000, 5_000] : [1_000, 10_000, 50_000], fiscalYear: PAST_FY, runs: 3 }));
}
if (want('cli')) {
  const bin = path.join(ROOT, 'packages/cli/dist/bin.js');
  const why = ensureBuilt(
    'CLI',
    [bin, path.join(ROOT, 'packages/core/dist/index.js'), path.join(ROOT, 'packages/plan-chiba/dist/index.js')],
    ['packages/cli/src', 'packages/core/src', 'packages/plan-chiba/src'].map((p) => path.join(ROOT, p)),
    ['@sasaeai/core', '@sasaeai/plan-chiba', '@sasaeai/cli'],
  );
  if (why) skipped.push({ name: 'cli', skipped: why });
  else {
    const { cliCases } = await import('./cases/cli.js');
    await group('cli', () =>
      cliCases(plan, {
        bin,
        probe: path.join(here, 'cli-probe.js'),
        readProbe: path.join(here, 'read-probe.js'),
        folderReturns: quick ? 20 : 200,
        folderRows: 30,
        bigRows: quick ? 10_000 : 100_000,
        runs: quick ? 1 : 3,
        fiscalYear: PAST_FY,
        today: `${PAST_FY + 1}-04-30`,
      }),
    );
  }
}
if (want('addin')) {
  const addin = path.join(ROOT, 'addin');
  const why = !existsSync(CHROMIUM)
    ? `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`
    : ensureBuilt('add-in', [path.join(addin, 'dist/taskpane.js')], [path.join(addin, 'src'), path.join(ROOT, 'packages/core/src')], ['addin']);
  if (why) skipped.push({ name: 'addin', skipped: why });
  else {
    const { addinCases } = await import('./cases/addin.js');
    await group('addin', () => addinCases({ addin, chromium: CHROMIUM, runs: quick ? 2 : 5 }));
  }
}

if (want('period')) {
  const { periodCases } = await import('./cases/period.js');
  await group('period', () => periodCases({ n: quick ? 20_000 : 200_000, runs: quick ? 3 : 7 }));
}
if (want('bundle')) {
  // Sizes are taken from what npm users get: the built package, not the sources.
  const why = ensureBuilt('core', [path.join(ROOT, 'packages/core/dist/index.js')], [path.join(ROOT, 'packages/core/src')], ['@sasaeai/core']);
  if (why) skipped.push({ name: 'bundle', skipped: why });
  else {
    const { bundleSizes } = await import('./cases/bundle.js');
    try {
      sizes.push(...(await bundleSizes(BENCH)));
    } catch (e) {
      log(`bundle: failed — ${(e as Error).stack ?? String(e)}`);
      skipped.push({ name: 'bundle', skipped: `failed: ${(e as Error).message.split('\n')[0] ?? ''}` });
    }
  }
}

const result = {
  command: `pnpm bench${args.length > 0 ? ` ${args.join(' ')}` : ''}`,
  date: new Date().toISOString(),
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
  },
  totalSeconds: Math.round((performance.now() - started) / 1000),
  cases,
  sizes,
  skipped,
};
mkdirSync(path.join(BENCH, 'dist'), { recursive: true });
writeFileSync(path.join(BENCH, 'dist/results.json'), JSON.stringify(result, null, 2) + '\n');

if (json) process.stdout.write(JSON.stringify(result) + '\n');
else {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));
  const lines = [
    `| case | rows | Sasaeai ms | rows/s | peer | peer ms | ratio | floor | holds | also measured |`,
    `|---|---:|---:|---:|---|---:|---:|---|---|---|`,
    ...cases.map(
      (c) =>
        `| ${c.name} | ${c.rows.toLocaleString('en-US')} | ${fmt(c.ms)} | ${c.rowsPerSecond?.toLocaleString('en-US') ?? ''} | ${c.peer.name} | ${fmt(c.peer.ms)} | ${c.ratio.toFixed(2)} | ${c.floor ?? ''} | ${c.holds === undefined ? '' : c.holds ? 'yes' : '**no**'} | ${c.detail ?? ''} |`,
    ),
    ...skipped.map((s) => `| ${s.name} | | | | skipped: ${s.skipped} | | | | | |`),
  ];
  const kb = (n: number) => (n / 1024).toFixed(1);
  const sizeLines =
    sizes.length === 0
      ? []
      : [
          '',
          `| bundle (esbuild, minified, from dist/) | KB | gzip KB | of which zod |`,
          `|---|---:|---:|---:|`,
          ...sizes.map((s) => `| ${s.name}: \`${s.source.split('\n')[0] ?? ''}\` | ${kb(s.bytes)} | ${kb(s.gzipBytes)} | ${kb(s.zodBytes)} |`),
        ];
  lines.push(...sizeLines);
  process.stdout.write(`${lines.join('\n')}\n\n${result.command} — ${result.totalSeconds} s, Node ${result.machine.node}, ${result.machine.cpus}, load ${result.machine.loadAverage.join(' ')}\n`);
}
