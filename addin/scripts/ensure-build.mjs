#!/usr/bin/env node
// Builds dist/ when it is missing or older than anything it is built from (the add-in's sources,
// manifest, icons, webpack config, and the core and plan-chiba sources it bundles), so that
// `pnpm test` works in a fresh clone and does not rebuild for nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs = [
  'src',
  'assets',
  'manifest.xml',
  'webpack.config.cjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/bundle-size.cjs',
  'scripts/no-eval-loader.cjs',
  '../packages/core/src',
  '../packages/plan-chiba/src',
].map((p) => path.join(root, p));

function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return /\.test\.ts$/.test(p) ? 0 : st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))));
}

const outputs = ['taskpane.html', 'taskpane.js', 'functions.js', 'functions.json', 'manifest.xml'].map((f) => path.join(root, 'dist', f));
const built = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
const source = Math.max(...inputs.map(newest));
if (built > source) {
  console.log('addin: dist/ is up to date');
} else {
  console.log(built === 0 ? 'addin: no build yet, building dist/' : 'addin: dist/ is older than its sources, rebuilding');
  execFileSync(process.execPath, [path.join(root, 'node_modules/webpack/bin/webpack.js'), '--mode', 'production'], { cwd: root, stdio: 'inherit' });
}
