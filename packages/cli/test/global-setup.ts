/**
 * Before the tests: build the CLI (the tests run dist/bin.js as a child process) and make sure the
 * packages it loads at run time are built, with a clear message when they are not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..');
const packages = resolve(cli, '..');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export default function setup(): void {
  for (const [pkg, name] of [
    ['core', '@sasaeai/core'],
    ['plan-chiba', '@sasaeai/plan-chiba'],
  ] as const) {
    const dist = join(packages, pkg, 'dist', 'index.js');
    if (!existsSync(dist))
      throw new Error(
        `${name} is not built (${dist} is missing). The CLI tests run the built CLI, which loads ${name} from dist.\n` +
          `Build it first:  cd ${resolve(packages, '..')} && pnpm --filter ${name} build`,
      );
    if (newest(join(packages, pkg, 'src')) > statSync(dist).mtimeMs)
      process.stderr.write(`warning: ${name} dist is older than its src; rebuild with pnpm --filter ${name} build\n`);
  }
  execFileSync('npx', ['--no-install', 'tsup', '--silent'], { cwd: cli, stdio: 'pipe' });
}
