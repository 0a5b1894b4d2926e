/**
 * The `sasaeai` program: commands, global options and exit codes.
 *
 * Exit codes (the same for every command):
 * - 0 — done, no errors (warnings allowed);
 * - 1 — errors in the returns (or in the plan file `plan check` was given);
 * - 2 — a usage error (unknown option, missing argument, an output that exists without --force, an
 *   output that is an input) or a file that could not be read. 2 beats 1: when a file could not be
 *   read the check is incomplete, which matters more than the errors found in the others.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerCompile } from './commands/compile.js';
import { registerDemo } from './commands/demo.js';
import { registerPlan } from './commands/plan.js';
import { registerReview } from './commands/review.js';
import { registerRollup } from './commands/rollup.js';
import { registerTemplate } from './commands/template.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify } from './commands/verify.js';
import type { Io } from './context.js';
import { UsageError } from './messages.js';
import { VERSION } from './version.js';

/** What commands receive: the streams and a way to set the exit code. */
export interface Cli {
  io: Io;
  exit(code: number): void;
}

/**
 * Runs the CLI on arguments (without `node` and the script) and returns the exit code. Never
 * throws for a user's mistake: usage errors and unreadable files are printed, with exit code 2.
 *
 * @example
 * ```ts
 * const code = await main(['validate', 'returns/'], { stdout: process.stdout, stderr: process.stderr });
 * ```
 */
export async function main(argv: string[], io: Io): Promise<number> {
  let code = 0;
  // Known before commander has parsed anything, for messages of errors found while parsing.
  let lang: 'ja' | 'en' = argv.some((a, i) => a === '--lang=en' || (a === '--lang' && argv[i + 1] === 'en')) ? 'en' : 'ja';
  const cli: Cli = { io, exit: (c) => (code = Math.max(code, c)) };
  const program = new Command('sasaeai')
    .description(
      'Create, validate and roll up community-welfare plan returns in .xlsx workbooks.\n' +
        '地域福祉計画の報告様式（.xlsx）の作成・検証・集約を行います。',
    )
    .version(VERSION, '-V, --version')
    .addOption(new Option('--plan <plan>', 'plan: a preset (chiba) or a plan file (.json) / 計画').default('chiba'))
    .addOption(new Option('--lang <lang>', 'language of messages and headings / 表示言語').choices(['ja', 'en']).default('ja'))
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .configureHelp({ showGlobalOptions: true })
    .showSuggestionAfterError(true);
  registerTemplate(program, cli);
  registerValidate(program, cli);
  registerRollup(program, cli);
  registerVerify(program, cli);
  registerReview(program, cli);
  registerCompile(program, cli);
  registerDemo(program, cli);
  registerPlan(program, cli);
  program.hook('preAction', (_this, action) => {
    lang = (action.optsWithGlobals() as { lang?: 'ja' | 'en' }).lang ?? lang;
  });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // 'commander.help': help shown because no command was given — a usage error.
      if (e.code === 'commander.executeSubCommandAsync') return code;
      // Commander has printed the message already.
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr.write(`${lang === 'ja' ? 'エラー' : 'error'}: ${e.text[lang]}\n`);
      return 2;
    }
    // A fault, not a user's mistake: say so plainly, without a stack trace unless asked for.
    const message = e instanceof Error ? e.message : String(e);
    io.stderr.write(
      lang === 'ja'
        ? `内部エラー：${message}\n（SASAEAI_DEBUG=1 を付けて実行すると詳細を表示します）\n`
        : `internal error: ${message}\n(run with SASAEAI_DEBUG=1 for details)\n`,
    );
    if (process.env['SASAEAI_DEBUG'] && e instanceof Error && e.stack) io.stderr.write(e.stack + '\n');
    return 3;
  }
}
