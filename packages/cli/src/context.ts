/**
 * What every command shares: the global options (`--plan`, `--lang`), output streams, loading the
 * plan, and small option parsers.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { isLocalDate, parseFiscalYear, SEVERITY_LABEL, type Lang, type LocalDate, type Plan, type PlanIssue } from '@sasaeai/core';
import { lt, usage } from './messages.js';
import { loadPlanSource } from './plan-source.js';

/** Options every command takes. */
export interface GlobalOptions {
  plan: string;
  lang: Lang;
}

/** Where a command writes. Tests and the process share this shape. */
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * The global options of a command, whether given before or after the command name.
 *
 * @example
 * ```ts
 * const { plan, lang } = globals(cmd);
 * ```
 */
export function globals(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Partial<GlobalOptions>;
  return { plan: o.plan ?? 'chiba', lang: o.lang === 'en' ? 'en' : 'ja' };
}

/**
 * Loads the plan of `--plan` or stops with exit code 2, after printing the plan's problems with
 * their JSON paths.
 *
 * @example
 * ```ts
 * const plan = await requirePlanOption('chiba', 'ja', io);
 * ```
 */
export async function requirePlanOption(value: string, lang: Lang, io: Io): Promise<Plan> {
  const src = await loadPlanSource(value);
  if (src.ok) return src.plan;
  io.stderr.write(formatPlanIssues(src.issues, lang));
  return usage('plan_unusable', { message: src.message });
}

/**
 * Plan issues as lines: `severity  /json/path  message`.
 *
 * @example
 * ```ts
 * formatPlanIssues([{ code: 'unknown_unit', severity: 'error', path: '/units/3/parent', message }], 'en');
 * ```
 */
export function formatPlanIssues(issues: readonly PlanIssue[], lang: Lang): string {
  return issues.map((i) => `  ${SEVERITY_LABEL[i.severity][lang]}  ${i.path || '/'}  ${i.message[lang]}  [${i.code}]\n`).join('');
}

/**
 * Parses `--max-issues` and other counts: a whole number, 0 or more.
 *
 * @example
 * ```ts
 * parseCount('20'); // 20
 * ```
 */
export function parseCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new InvalidArgumentError(`expected a whole number, 0 or more (0以上の整数を指定してください)`);
  return n;
}

/**
 * Parses `--today`: a date written YYYY-MM-DD.
 *
 * @example
 * ```ts
 * parseToday('2027-05-10'); // '2027-05-10'
 * ```
 */
export function parseToday(value: string): LocalDate {
  if (!isLocalDate(value)) throw new InvalidArgumentError('expected a date YYYY-MM-DD (日付を YYYY-MM-DD で指定してください)');
  return value;
}

/**
 * Parses `--fiscal-year`: 2026, 2026年度, 令和8年度, R8 (whatever core's parser accepts).
 *
 * @example
 * ```ts
 * parseFiscalYearOption('令和8年度'); // 2026
 * ```
 */
export function parseFiscalYearOption(value: string): number {
  // A number typed on the command line is a year, not a number cell: parse it as text.
  const r = parseFiscalYear(value);
  if (r.ok) return r.value;
  throw new InvalidArgumentError('expected a fiscal year such as 2026 (年度を 2026 のように指定してください)');
}

export { lt };
