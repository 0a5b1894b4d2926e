/**
 * Before the tests: build the CLI (the tests run dist/bin.js as a child process) and make sure the
 * packages it loads at run time are built, with a clear message when they are not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/**
 * Every workbook the tests read with the lean reader — in the test processes and in the CLI they
 * run — is read with exceljs's whole-workbook reader too and compared cell by cell
 * (src/xlsx/read-check.ts); a difference fails the test that read the file, and this teardown
 * fails the run if any was logged.
 */
function checkReaders(): () => void {
  const log = join(mkdtempSync(join(tmpdir(), 'sasaeai-read-check-')), 'read-check.log');
  writeFileSync(log, '');
  process.env['SASAEAI_READ_CHECK'] = log;
  return () => {
    const lines = readFileSync(log, 'utf8').split('\n').filter((l) => l !== '');
    const same = lines.filter((l) => l.startsWith('same\t')).length;
    const different = lines.filter((l) => !/^(same|exceljs-failed|too-big)\t/.test(l));
    process.stderr.write(`read check: ${same} workbooks read alike by the lean reader and exceljs (${log})\n`);
    if (different.length > 0) throw new Error(`the lean reader and exceljs read workbooks differently:\n${different.join('\n')}`);
  };
}

export default function setup(): () => void {
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
  return checkReaders();
}
