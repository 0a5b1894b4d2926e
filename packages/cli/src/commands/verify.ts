/**
 * `sasaeai verify <returns…> --fiscal-year 2026 --ward <unit> --write sheet.xlsx | --read sheet.xlsx`:
 * the receiving body's verification of its compiled report (確認・評価, 成果と課題の検証). `--write`
 * writes the sheet it fills in (the compiled figures and the senders' narratives beside empty
 * columns of the body's own fields and scale); `--read` reads the filled sheet back with located
 * issues and, with `-o`, writes the unit's report carrying the verification beside its figures.
 * What is recorded, and every label, comes from the plan.
 */
import { Option, type Command } from 'commander';
import { readVerification, verificationOf, verificationSheet, wardProgressWorkbook, type Lang, type LocalDate, type VerificationResult, type WardProgress } from '@sasaeai/core';
import { checkFiles, exitCodeOf } from '../check.js';
import { globals, parseFiscalYearOption, parseToday, requirePlanOption } from '../context.js';
import { checkOutput, collectInputs } from '../files.js';
import { jsonIssue } from '../output/validate.js';
import { progress } from '../progress.js';
import { GENERATOR } from '../version.js';
import { readWorkbook } from '../xlsx/read.js';
import { writeWorkbookFile } from '../xlsx/write.js';
import type { Cli } from '../main.js';
import { resolveReceiver } from '../units.js';
import { rollUp, rollupExitCode } from './rollup.js';

interface VerifyOptions {
  fiscalYear: number;
  ward: string;
  write?: string;
  read?: string;
  output?: string;
  force?: boolean;
  format: 'text' | 'json';
  today?: LocalDate;
}

/**
 * Registers `verify`.
 *
 * @example
 * ```ts
 * registerVerify(program, cli);
 * ```
 */
export function registerVerify(program: Command, cli: Cli): void {
  program
    .command('verify')
    .summary("the receiving body's verification of its compiled report / 受け手の組織による確認・評価")
    .description(
      'Write (--write) the sheet on which the body receiving the returns of a unit (--ward: a ward, or the\n' +
        'town or city when one body receives) records its verification, prefilled with the compiled figures;\n' +
        'or read (--read) the filled sheet back with located issues, and with -o write the unit\'s report\n' +
        'carrying the verification beside its figures.\n' +
        '受け手の組織が記入する検証シートを書き出し（--write）、記入済みのシートを読み込んで検査します（--read）。\n' +
        '-o で検証を数値の横に載せた集約のブックを書き出します。\n\n' +
        'Exit code: 0 written or read without issues, 1 the sheet has issues or returns were not counted, 2 usage error.',
    )
    .argument('<paths...>', 'the returns: files or folders / 報告のファイルまたはフォルダ')
    .requiredOption('--fiscal-year <year>', 'fiscal year, e.g. 2026 or 令和8年度 / 年度', parseFiscalYearOption)
    .requiredOption('--ward <unit>', 'the receiving unit: name or code / 受け手の単位（名前またはコード）')
    .option('--write <file>', 'write the verification sheet to fill in (.xlsx) / 検証シートを書き出す')
    .option('--read <file>', 'read a filled verification sheet (.xlsx) / 記入済みの検証シートを読み込む')
    .option('-o, --output <file>', "with --read: the unit's report with the verification (.xlsx) / 検証を載せた集約のブック")
    .option('--force', 'overwrite output files / 出力ファイルを上書きする')
    .addOption(new Option('--format <format>', 'output format / 出力形式').choices(['text', 'json']).default('text'))
    .option('--today <date>', 'the date "today" for checks of future dates, YYYY-MM-DD / 基準日', parseToday)
    .action(async (paths: string[], opts: VerifyOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const unit = resolveReceiver(plan, opts.ward);
      if ((opts.write === undefined) === (opts.read === undefined)) {
        cli.io.stderr.write(lang === 'ja' ? '--write か --read のどちらか一方を指定してください。\n' : 'Give exactly one of --write and --read.\n');
        return cli.exit(2);
      }
      const inputs = await collectInputs(paths);
      const outputs = [opts.write, opts.output].filter((x): x is string => x !== undefined);
      for (const out of outputs) await checkOutput(out, { force: opts.force === true, inputs: [...inputs.files, ...inputs.missing, ...(opts.read ? [opts.read] : [])] });
      const run = await checkFiles(inputs.files, inputs.missing, {
        plan,
        lang,
        ...(opts.today ? { today: opts.today } : {}),
        progress: progress(cli.io.stderr, opts.format !== 'json'),
      });
      const { report } = rollUp(plan, run, { fiscalYear: opts.fiscalYear, ward: unit.code, lang });
      const p = report as WardProgress;
      const v = verificationOf(plan, p);
      if (!v) {
        cli.io.stderr.write(
          lang === 'ja'
            ? `${p.council.ja}が検証で記録する項目は計画にありません（組織の verification）。\n`
            : `The plan declares nothing the ${p.council.en} records when it verifies (the body's verification).\n`,
        );
        return cli.exit(2);
      }
      // A sheet or report over returns that counted nothing still gets written (the body may fill it
      // in by hand), but the run says why and does not end 0.
      const base = rollupExitCode(exitCodeOf(run.summary), p.notices);
      const notices = p.notices.map((n) => ({ code: n.code, severity: n.severity, message: n.message[lang] }));
      const noticeLines = notices.map((n) => `  ${n.severity === 'error' ? '✖' : '!'} ${n.message}\n`).join('');
      if (opts.write !== undefined) {
        await writeWorkbookFile({ sheets: [verificationSheet(plan, p, lang)] }, opts.write, { lang, generator: GENERATOR });
        const text =
          lang === 'ja'
            ? `${p.title.ja}\n  ${p.council.ja}の${v.name.ja}：${p.subjects.length} 件の欄を用意しました。\n${noticeLines}書き出したブック：${opts.write}\n`
            : `${p.title.en}\n  ${v.name.en} by the ${p.council.en}: ${p.subjects.length} rows to fill in.\n${noticeLines}Workbook written: ${opts.write}\n`;
        cli.io.stdout.write(
          opts.format === 'json' ? JSON.stringify({ kind: 'verification-sheet', unit: unit.code, subjects: p.subjects.length, output: opts.write, notices }, null, 2) + '\n' : text,
        );
        return cli.exit(base);
      }
      const wb = await readWorkbook(opts.read!);
      const grid = wb.sheets[0]?.grid;
      const result: VerificationResult = grid
        ? readVerification(plan, p, grid)
        : { kind: 'verification', unit: unit.code, flowId: p.flowId ?? '', fiscalYear: p.fiscalYear, bodyId: '', fields: [], records: [], issues: wb.issues };
      if (opts.output !== undefined) {
        const withV = rollUp(plan, run, { fiscalYear: opts.fiscalYear, ward: unit.code, lang, verifications: [result] });
        await writeWorkbookFile(wardProgressWorkbook(withV.report as WardProgress, lang), opts.output, { lang, generator: GENERATOR });
      }
      if (opts.format === 'json') {
        cli.io.stdout.write(
          JSON.stringify(
            {
              kind: 'verification',
              unit: unit.code,
              fiscalYear: p.fiscalYear,
              // Each subject's compiled totals beside what the body recorded for it.
              subjects: p.subjects.map((s) => ({
                code: s.subject.code,
                totals: Object.fromEntries(p.fields.filter((f) => f.rollup === 'sum' || f.rollup === 'stock').map((f) => [f.key, s.agg.sum[f.key] ?? 0])),
                verification: result.records.find((x) => x.subject === s.subject.code)?.values ?? null,
              })),
              issues: result.issues.map((i) => jsonIssue(i, lang)),
              notices,
              output: opts.output ?? null,
            },
            null,
            2,
          ) + '\n',
        );
      } else cli.io.stdout.write(verifyText(p, result, v.name, { lang, output: opts.output }) + noticeLines);
      cli.exit(base === 0 && result.issues.length > 0 ? 1 : base);
    });
}

function verifyText(p: WardProgress, r: VerificationResult, name: { ja: string; en: string }, o: { lang: Lang; output: string | undefined }): string {
  const ja = o.lang === 'ja';
  const out = [`${p.title[o.lang]} — ${name[o.lang]}`];
  const recorded = new Set(r.records.map((x) => x.subject)).size;
  out.push(ja ? `  ${p.council.ja}：記入 ${recorded}/${p.subjects.length} 件（問題 ${r.issues.length} 件）` : `  ${p.council.en}: recorded ${recorded}/${p.subjects.length} (${r.issues.length} issues)`);
  for (const rec of r.records) {
    const subject = p.subjects.find((s) => s.subject.code === rec.subject)?.subject.name[o.lang] ?? rec.subject;
    const parts = r.fields
      .filter((f) => f.options !== undefined)
      .map((f) => {
        const v = rec.values[f.key];
        return `${f.label[o.lang]} ${typeof v === 'string' ? (f.options?.find((x) => x.code === v)?.label[o.lang] ?? v) : '—'}`;
      });
    out.push(`    ${rec.subject} ${subject}：${parts.join(ja ? '・' : ', ')}`);
  }
  for (const i of r.issues) out.push(`  ${i.severity === 'error' ? '✖' : '!'} ${i.cell ?? ''} ${i.message[o.lang]}`);
  if (o.output) out.push(ja ? `書き出したブック：${o.output}` : `Workbook written: ${o.output}`);
  return out.join('\n') + '\n';
}
