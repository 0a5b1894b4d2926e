/**
 * LibreOffice for the tests: real files as another spreadsheet program writes them. Tests that
 * need it fail, not skip, when it is missing (CI installs libreoffice-calc-nogui).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Converts files with `soffice --headless --convert-to <format>` into `outDir`, in one run. A
 * private profile keeps it apart from any other LibreOffice running on the machine.
 */
export function libreOfficeConvert(files: string[], format: 'xlsx' | 'ods', outDir: string): void {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  if (which.status !== 0 || which.stdout.trim() === '')
    throw new Error('LibreOffice (soffice) is required by this test and was not found: install libreoffice-calc-nogui (CI does, in .ci/run).');
  const profile = mkdtempSync(join(tmpdir(), 'sasaeai-lo-'));
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', format, '--outdir', outDir, ...files],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr || r.stdout}`);
}
