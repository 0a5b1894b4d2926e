// Packs the published packages exactly as npm would get them, installs the tarballs into a fresh
// project outside the workspace, and runs the same program under ESM and CJS. Fails if either
// import path is broken or if the two disagree. Needs the packages built first (pnpm build).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'sasaeai-consumer-'));
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  for (const pkg of ['core', 'plan-chiba']) {
    if (!existsSync(join(root, 'packages', pkg, 'dist'))) throw new Error(`packages/${pkg}/dist is missing: run "pnpm build" first`);
    run('pnpm', ['pack', '--pack-destination', work], join(root, 'packages', pkg));
  }
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  const core = tarballs.find((f) => f.startsWith('sasaeai-core-'));
  const chiba = tarballs.find((f) => f.startsWith('sasaeai-plan-chiba-'));
  if (!core || !chiba) throw new Error(`tarballs not found in ${work}: ${tarballs.join(', ')}`);
  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, dependencies: { '@sasaeai/core': `file:../${core}`, '@sasaeai/plan-chiba': `file:../${chiba}` } }, null, 2),
  );
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], app);
  copyFileSync(join(here, 'esm.mjs'), join(app, 'esm.mjs'));
  copyFileSync(join(here, 'cjs.cjs'), join(app, 'cjs.cjs'));
  const esm = run('node', ['esm.mjs'], app);
  const cjs = run('node', ['cjs.cjs'], app);
  if (esm !== cjs) throw new Error(`ESM and CJS outputs differ:\n--- ESM\n${esm}\n--- CJS\n${cjs}`);
  // Lines the output must hold, one per line of expected.txt (the preset's names are its data).
  const expected = readFileSync(join(here, 'expected.txt'), 'utf8').split('\n').filter((l) => l !== '');
  if (expected.length < 4) throw new Error(`expected.txt holds ${expected.length} lines, not the 4 the check needs`);
  for (const line of expected) if (!esm.includes(line)) throw new Error(`missing from output: ${line}\n${esm}`);
  process.stdout.write(esm);
  process.stdout.write('npm consumer: ESM and CJS imports of the packed tarballs agree — 1 passed, 0 failed\n');
} finally {
  rmSync(work, { recursive: true, force: true });
}
