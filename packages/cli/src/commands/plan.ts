/**
 * `sasaeai plan check|schema|diagram`: the plan model (計画のモデル) from the command line.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { planDiagram, planJsonSchema } from '@sasaeai/core';
import { formatPlanIssues, globals, requirePlanOption } from '../context.js';
import { checkOutput } from '../files.js';
import { usage } from '../messages.js';
import { loadPlanSource } from '../plan-source.js';
import type { Cli } from '../main.js';

/**
 * Registers `plan` and its subcommands.
 *
 * @example
 * ```ts
 * registerPlan(program, cli);
 * ```
 */
export function registerPlan(program: Command, cli: Cli): void {
  const plan = program
    .command('plan')
    .summary('check a plan file, print its JSON Schema or diagram / 計画ファイルの確認・スキーマ・図');

  plan
    .command('check')
    .summary('check a plan file / 計画ファイルを確認する')
    .description(
      'Load a plan file and list its problems with their JSON paths.\n' +
        '計画ファイルを読み込み、問題を JSON パス付きで表示します。\n\n' +
        'Exit code: 0 valid (warnings allowed), 1 errors in the plan, 2 file missing or not JSON.',
    )
    .argument('[plan.json]', 'plan file (default: the --plan option) / 計画ファイル')
    .option('--format <format>', 'text or json', 'text')
    .action(async (file: string | undefined, opts: { format: string }, cmd: Command) => {
      const { lang, plan: planOption } = globals(cmd);
      const name = file ?? planOption;
      const src = await loadPlanSource(name);
      const issues = src.issues;
      if (opts.format === 'json') {
        cli.io.stdout.write(
          JSON.stringify(
            {
              valid: src.ok,
              plan: src.ok ? { id: src.plan.id, version: src.plan.version } : null,
              readable: src.ok || src.kind === 'invalid',
              issues: issues.map((i) => ({ code: i.code, severity: i.severity, path: i.path, message: i.message[lang] })),
              ...(src.ok ? {} : { message: src.message[lang] }),
            },
            null,
            2,
          ) + '\n',
        );
      } else if (src.ok) {
        const p = src.plan;
        cli.io.stdout.write(
          lang === 'ja'
            ? `計画「${p.name.ja}」（${p.id} ${p.version}）に誤りはありません。組織単位 ${p.units.length}・組織 ${p.bodies.length}・様式 ${p.templates.length}・報告の流れ ${p.flows.length}。\n`
            : `The plan "${p.name.en}" (${p.id} ${p.version}) is valid: ${p.units.length} units, ${p.bodies.length} bodies, ${p.templates.length} templates, ${p.flows.length} flows.\n`,
        );
        if (issues.length > 0) cli.io.stdout.write(formatPlanIssues(issues, lang));
      } else {
        cli.io.stdout.write(src.message[lang] + '\n' + formatPlanIssues(issues, lang));
      }
      cli.exit(src.ok ? 0 : src.kind === 'invalid' ? 1 : 2);
    });

  plan
    .command('schema')
    .summary('print the JSON Schema of plan files / 計画ファイルの JSON Schema を出力する')
    .option('-o, --output <file>', 'write to a file instead of stdout / ファイルに書き出す')
    .option('--force', 'overwrite the output file / 出力ファイルを上書きする')
    .action(async (opts: { output?: string; force?: boolean }) => {
      const text = JSON.stringify(planJsonSchema(), null, 2) + '\n';
      await emit(cli, text, opts, []);
    });

  plan
    .command('diagram')
    .summary('draw the bodies and reporting flows as a Mermaid chart / 推進体制の図（Mermaid）を出力する')
    .option('--no-support', 'leave out support and meeting arrows / 支援・会議の矢印を省く')
    .option('-o, --output <file>', 'write to a file instead of stdout / ファイルに書き出す')
    .option('--force', 'overwrite the output file / 出力ファイルを上書きする')
    .action(async (opts: { output?: string; force?: boolean; support: boolean }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const p = await requirePlanOption(planName, lang, cli.io);
      await emit(cli, planDiagram(p, { lang, support: opts.support }), opts, [planName]);
    });
}

async function emit(cli: Cli, text: string, opts: { output?: string; force?: boolean }, inputs: string[]): Promise<void> {
  if (!opts.output) {
    cli.io.stdout.write(text);
    return;
  }
  if (opts.output === '-') return usage('output_needs_file', {});
  await checkOutput(opts.output, { force: opts.force === true, inputs });
  await writeFile(opts.output, text, 'utf8');
}
