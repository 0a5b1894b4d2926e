/**
 * `sasaeai validate <files or folders…>`: checks every sheet that holds a return.
 */
import { Option, type Command } from 'commander';
import type { LocalDate } from '@sasaeai/core';
import { checkFiles, exitCodeOf, type CheckRun } from '../check.js';
import { globals, parseCount, parseToday, requirePlanOption } from '../context.js';
import { collectInputs } from '../files.js';
import { style, validateJson, validateText } from '../output/validate.js';
import { progress } from '../progress.js';
import type { ReaderMode } from '../xlsx/read.js';
import type { Cli } from '../main.js';

interface ValidateOptions {
  format: 'text' | 'json';
  maxIssues?: number;
  today?: LocalDate;
  reader: ReaderMode;
  timings?: boolean;
}

/** Text output shows this many issues unless `--max-issues` says otherwise (JSON shows all). */
export const DEFAULT_TEXT_MAX_ISSUES = 200;

/**
 * Registers `validate`.
 *
 * @example
 * ```ts
 * registerValidate(program, cli);
 * ```
 */
export function registerValidate(program: Command, cli: Cli): void {
  program
    .command('validate')
    .summary('check returns in .xlsx files / 報告（.xlsx）を検証する')
    .description(
      'Check every sheet that holds a return in the given files and folders (folders are searched for .xlsx).\n' +
        '指定したファイルとフォルダ内の .xlsx の、報告のシートをすべて検証します。\n\n' +
        'Exit code: 0 no errors (warnings allowed), 1 errors in returns, 2 usage error or unreadable file.\n' +
        '終了コード：0 エラーなし（警告は可）、1 報告にエラー、2 使い方の誤りまたは読めないファイル。',
    )
    .argument('<paths...>', 'files or folders / ファイルまたはフォルダ')
    .addOption(new Option('--format <format>', 'output format / 出力形式').choices(['text', 'json']).default('text'))
    .option('--max-issues <n>', `issues to list, 0 = all (text default ${DEFAULT_TEXT_MAX_ISSUES}, json all) / 表示する件数`, parseCount)
    .option('--today <date>', 'the date "today" for checks of future dates, YYYY-MM-DD / 基準日', parseToday)
    .option('--timings', 'print time spent reading and validating to stderr / 読み込みと検証の時間を表示')
    .addOption(new Option('--reader <mode>', 'xlsx reader: auto, lean, full or stream').choices(['auto', 'lean', 'full', 'stream']).default('auto').hideHelp())
    .action(async (paths: string[], opts: ValidateOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const inputs = await collectInputs(paths);
      const t0 = performance.now();
      const run = await checkFiles(inputs.files, inputs.missing, {
        plan,
        lang,
        reader: opts.reader,
        ...(opts.today ? { today: opts.today } : {}),
        progress: progress(cli.io.stderr, opts.format !== 'json'),
      });
      const t1 = performance.now();
      if (opts.format === 'json') {
        const json = validateJson(run, plan, { lang, maxIssues: opts.maxIssues ?? 0 });
        cli.io.stdout.write(JSON.stringify(json, null, 2) + '\n');
      } else {
        const color = cli.io.stdout.isTTY === true && !process.env['NO_COLOR'];
        cli.io.stdout.write(validateText(run, plan, { lang, maxIssues: opts.maxIssues ?? DEFAULT_TEXT_MAX_ISSUES, style: style(color) }));
      }
      if (opts.timings) cli.io.stderr.write(timingsLine(run, { startMs: t0, outputMs: performance.now() - t1 }));
      cli.exit(exitCodeOf(run.summary));
    });
}

/**
 * The `--timings` line: the whole process's time since it started, and each part's share of it.
 * `start-up` is loading the program and the plan; `validate` is core's validation (which sheets are
 * returns, and their checks); the rest is the CLI's own work.
 */
function timingsLine(run: CheckRun, parts: { startMs: number; outputMs: number }): string {
  const total = performance.now();
  const { readMs, validateMs, resubmissionsMs } = run.timings;
  const part = (name: string, ms: number) => `${name} ${Math.round(ms)} ms (${total > 0 ? Math.round((100 * ms) / total) : 0}%)`;
  const readers = [...new Set(run.files.map((f) => f.read.reader ?? '-'))].join(',');
  return (
    `timings: total ${Math.round(total)} ms · ${part('start-up', parts.startMs)} · ${part('read', readMs)} · ${part('validate', validateMs)} · ` +
    `${part('resubmissions', resubmissionsMs)} · ${part('output', parts.outputMs)} · rows ${run.summary.rowsRead} · readers ${readers}\n`
  );
}
