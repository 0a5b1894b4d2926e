/**
 * Runs the built CLI as a child process, the way users and CI run it.
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = resolve(CLI_DIR, 'dist', 'bin.js');
export const REPO = resolve(CLI_DIR, '..', '..');

/** What a run of the CLI gave. */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `sasaeai <args>` in `cwd`. */
export function sasaeai(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return runProcess(process.execPath, [BIN, ...args], opts);
}

/** Runs any program and collects its output. */
export function runProcess(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? CLI_DIR,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

/** Parses the JSON a run printed, with the run in the error message when it is not JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely shaped JSON output and assert on it
export function json<T = any>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${run.code}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
}
