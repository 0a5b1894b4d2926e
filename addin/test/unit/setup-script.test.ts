/**
 * The repository's set-up script (scripts/setup.sh), which installs the browser these tests drive,
 * in --dry-run mode on a PATH of stand-ins: a ready machine never calls apt; a machine missing
 * one package gets exactly that one from apt; a machine without apt falls back to Playwright's
 * Chromium and says so.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const SCRIPT = path.join(ROOT, 'scripts/setup.sh');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function which(cmd: string): string {
  const r = spawnSync('bash', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} is not on PATH`);
  return r.stdout.trim();
}

/** A PATH holding the real tools the script needs and stand-ins for the checked packages. */
function machine(opts: { has: string[]; apt: boolean }): { bin: string; env: NodeJS.ProcessEnv } {
  const bin = mkdtempSync(path.join(tmpdir(), 'sasaeai-setup-'));
  dirs.push(bin);
  for (const tool of ['bash', 'node', 'npm', 'pnpm', 'grep', 'id', 'dirname']) symlinkSync(which(tool), path.join(bin, tool));
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  if (opts.has.includes('fonts-noto-cjk')) stub('fc-list', 'echo "Noto Sans CJK JP"');
  else stub('fc-list', 'echo "DejaVu Sans"');
  if (opts.has.includes('libreoffice-calc-nogui')) stub('soffice', 'exit 0');
  if (opts.has.includes('poppler-utils')) {
    stub('pdftoppm', 'exit 0');
    stub('pdfinfo', 'exit 0');
  }
  if (opts.has.includes('chromium')) stub('chromium', 'exit 0');
  if (opts.apt) stub('apt-get', 'echo "apt-get was called" >&2; exit 1');
  return { bin, env: { PATH: bin, HOME: process.env.HOME, CHROMIUM_PATH: path.join(bin, 'chromium') } };
}

function dryRun(m: { env: NodeJS.ProcessEnv }): { status: number | null; out: string } {
  const r = spawnSync(path.join(m.env.PATH!, 'bash'), [SCRIPT, '--dry-run'], { env: m.env, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

const ALL = ['chromium', 'fonts-noto-cjk', 'libreoffice-calc-nogui', 'poppler-utils'];

describe('scripts/setup.sh', () => {
  it.skipIf(process.getuid?.() !== 0)('skips apt entirely on a ready machine', () => {
    const r = dryRun(machine({ has: ALL, apt: true }));
    expect(r.status).toBe(0);
    expect(r.out).toContain('system packages: all present, apt not needed');
    expect(r.out).not.toMatch(/apt-get (update|install)/);
    expect(r.out).toContain('would run: pnpm install --frozen-lockfile');
  });

  it.skipIf(process.getuid?.() !== 0)('asks apt for exactly what is missing', () => {
    const r = dryRun(machine({ has: ['chromium', 'fonts-noto-cjk'], apt: true }));
    expect(r.status).toBe(0);
    expect(r.out).toContain('would run: apt-get update');
    expect(r.out).toMatch(/apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils\n/);
    expect(r.out).not.toContain('playwright-core install');
  });

  it('falls back to the Chromium Playwright installs when there is no apt, and says so', () => {
    const r = dryRun(machine({ has: ['fonts-noto-cjk', 'libreoffice-calc-nogui', 'poppler-utils'], apt: false }));
    expect(r.status).toBe(0);
    expect(r.out).toContain('cannot install with apt');
    expect(r.out).toContain("will use the Chromium that Playwright downloads");
    expect(r.out).toContain('would run: pnpm --filter addin exec playwright-core install chromium');
    expect(r.out).not.toContain('apt-get update');
  });
});
