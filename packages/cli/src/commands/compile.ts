/**
 * `sasaeai compile <units' workbooks…> --fiscal-year 2025 -o annual.xlsx`: the city compiles the
 * annual report from the receiving units' own confirmed workbooks (each ward's progress workbook
 * with its returns, review record and verification sheet). What counts is core's decision
 * (compileUnitWorkbooks); this command reads the files and prints what became of each.
 */
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import { annualReportWorkbook, compileUnitWorkbooks, getUnit, type Lang, type LocalizedText, type Plan, type UnitWorkbook } from '@sasaeai/core';
import { globals, parseFiscalYearOption, requirePlanOption } from '../context.js';
import { checkOutput, collectInputs } from '../files.js';
import { reportJson } from '../output/report.js';
import { readUnitReview } from '../unit-review.js';
import { GENERATOR } from '../version.js';
import { readWorkbook } from '../xlsx/read.js';
import { writeWorkbookFile } from '../xlsx/write.js';
import { rollupExitCode } from './rollup.js';
import type { Cli } from '../main.js';

interface CompileOptions {
  fiscalYear: number;
  output?: string;
  force?: boolean;
  format: 'text' | 'json';
}

/**
 * Registers `compile`.
 *
 * @example
 * ```ts
 * registerCompile(program, cli);
 * ```
 */
export function registerCompile(program: Command, cli: Cli): void {
  program
    .command('compile')
    .summary("compile the annual report from the units' confirmed workbooks / 各単位の確定したブックから年次報告を作成する")
    .description(
      "Compile the plan's annual report from the receiving units' own workbooks (returns taken in, review record,\n" +
        "verification sheet). Only returns the unit accepted count; each unit's confirmation and verification come along.\n" +
        '各単位の確定したブック（取り込んだ報告・審査記録・検証シート）から年次報告を作成します。\n' +
        '受理された報告だけを数え、確定と検証を引き継ぎます。\n\n' +
        'Exit code: 0 compiled from confirmed units, 1 written but something did not count (a unit not confirmed,\n' +
        'no review record, returns not accepted), 2 usage error or unreadable file.',
    )
    .argument('<paths...>', "units' workbooks or folders / 各単位のブックまたはフォルダ")
    .requiredOption('--fiscal-year <year>', 'fiscal year, e.g. 2025 or 令和7年度 / 年度', parseFiscalYearOption)
    .option('-o, --output <file>', 'the report workbook to write (.xlsx) / 書き出すブック')
    .option('--force', 'overwrite the output file / 出力ファイルを上書きする')
    .addOption(new Option('--format <format>', 'output format / 出力形式').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], opts: CompileOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const inputs = await collectInputs(paths);
      if (opts.output) await checkOutput(opts.output, { force: opts.force === true, inputs: [...inputs.files, ...inputs.missing] });
      const workbooks: UnitWorkbook[] = [];
      const unreadable: { file: string; why: LocalizedText }[] = inputs.missing.map((f) => ({ file: f, why: { ja: 'ファイルがありません', en: 'no such file' } }));
      for (const file of inputs.files) {
        const source = basename(file);
        const read = await readWorkbook(file, { source });
        if (!read.ok) {
          unreadable.push({ file, why: read.issues[0]?.message ?? { ja: '読めません', en: 'unreadable' } });
          continue;
        }
        const review = await readUnitReview(file);
        if (review && !review.ok) for (const i of review.issues) unreadable.push({ file, why: i.reason });
        workbooks.push({ source, review: review && review.ok ? review.value : null, grids: read.sheets.map((s) => s.grid) });
      }
      const { report, workbooks: uses } = compileUnitWorkbooks(plan, workbooks, { fiscalYear: opts.fiscalYear });
      if (opts.output) await writeWorkbookFile(annualReportWorkbook(report, lang), opts.output, { lang, generator: GENERATOR });
      const counted = report.submissions.filter((u) => u.use !== 'left-out').length;
      if (opts.format === 'json') {
        cli.io.stdout.write(
          reportJson(report, lang, {
            output: opts.output,
            counted,
            workbooks: uses.map((w) => ({ source: w.source, unit: w.unit, confirmed: w.confirmed, returns: w.returns, reviewed: w.reviewed, verificationIssues: w.verification?.issues.length ?? null, notes: w.notes.map((n) => n[lang]) })),
            unreadable: unreadable.map((u) => ({ file: u.file, why: u.why[lang] })),
          }),
        );
      } else cli.io.stdout.write(compileText(plan, lang, report.title[lang], counted, uses, unreadable, report.notices.map((n) => n.message[lang]), opts.output));
      const base = unreadable.length > 0 ? 2 : uses.some((w) => w.notes.length > 0) ? 1 : 0;
      cli.exit(rollupExitCode(base, report.notices));
    });
}

function compileText(
  plan: Plan,
  lang: Lang,
  title: string,
  counted: number,
  uses: ReturnType<typeof compileUnitWorkbooks>['workbooks'],
  unreadable: { file: string; why: LocalizedText }[],
  notices: string[],
  output: string | undefined,
): string {
  const ja = lang === 'ja';
  const out = [title, ja ? `  集計した報告：${counted} 件` : `  Returns counted: ${counted}`];
  for (const w of uses) {
    const unit = w.unit === null ? null : `${getUnit(plan, w.unit)?.name[lang] ?? w.unit}（${w.unit}）`;
    const head = ja
      ? `  ${w.source}：単位 ${unit ?? '（不明）'}・${w.confirmed ? '確定済み' : '未確定'}・報告 ${w.returns} 件（審査記録あり ${w.reviewed} 件）${w.verification ? `・検証の問題 ${w.verification.issues.length} 件` : ''}`
      : `  ${w.source}: unit ${unit ?? '(unknown)'}, ${w.confirmed ? 'confirmed' : 'not confirmed'}, ${w.returns} returns (${w.reviewed} in the review record)${w.verification ? `, ${w.verification.issues.length} verification issues` : ''}`;
    out.push(head);
    for (const n of w.notes) out.push(`    ! ${n[lang]}`);
  }
  for (const u of unreadable) out.push(`  ✖ ${u.file}: ${u.why[lang]}`);
  for (const n of notices) out.push(`  ! ${n}`);
  out.push(output ? (ja ? `書き出したブック：${output}` : `Workbook written: ${output}`) : ja ? '（ブックに書き出すには -o report.xlsx を付けてください）' : '(add -o report.xlsx to write the workbook)');
  return out.join('\n') + '\n';
}
