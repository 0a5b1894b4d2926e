/**
 * `sasaeai rollup <files or folders…> --fiscal-year 2026 [--ward 中央区] -o report.xlsx`: the
 * compiled report of one receiving unit (in the Chiba preset, a ward's 区計画の推進状況), or without
 * `--ward` the plan's annual report, as a formatted workbook. Labels come from the plan.
 */
import { Option, type Command } from 'commander';
import {
  buildReport,
  returnSubmissions,
  type AnnualReport,
  type Lang,
  type LocalDate,
  type Plan,
  type ReviewState,
  type RollupNotice,
  type Submission,
  type VerificationResult,
  type WardProgress,
  type WorkbookModel,
} from '@sasaeai/core';
import { checkFiles, exitCodeOf, type CheckRun } from '../check.js';
import { globals, parseFiscalYearOption, parseToday, requirePlanOption } from '../context.js';
import { checkOutput, collectInputs } from '../files.js';
import { ledgerSubmissions, readLedger } from '../ledger.js';
import { usage } from '../messages.js';
import { resolveReceiver } from '../units.js';
import { reportJson } from '../output/report.js';
import { jsonIssue } from '../output/validate.js';
import { progress } from '../progress.js';
import { GENERATOR } from '../version.js';
import { writeWorkbookFile } from '../xlsx/write.js';
import type { Cli } from '../main.js';

interface RollupOptions {
  fiscalYear: number;
  ward?: string;
  output?: string;
  format: 'text' | 'json';
  includeInvalid?: boolean;
  ledger?: string;
  includeUnaccepted?: boolean;
  force?: boolean;
  today?: LocalDate;
}

/** A roll-up and the workbook that renders it. */
export interface RolledUp {
  report: WardProgress | AnnualReport;
  workbook: WorkbookModel;
  submissions: Submission[];
}

/**
 * Rolls up the returns of a check run: the ward progress when `ward` (a unit code) is given,
 * else the annual report.
 *
 * @example
 * ```ts
 * const { report, workbook } = rollUp(plan, run, { fiscalYear: 2026, ward: '12101', lang: 'ja' });
 * ```
 */
export function rollUp(
  plan: Plan,
  run: CheckRun,
  opts: { fiscalYear: number; ward?: string; includeInvalid?: boolean; lang: Lang; review?: { ledger: string; state: ReviewState; includeUnaccepted: boolean }; verifications?: VerificationResult[] },
): RolledUp {
  // With a review ledger, returns go by the ids the ledger knows them by, and only accepted ones count.
  const submissions = opts.review ? ledgerSubmissions(run, opts.review.ledger) : returnSubmissions(run.files.flatMap((f) => f.returns.map((r) => r.result))).submissions;
  const { report, workbook } = buildReport(plan, submissions, {
    fiscalYear: opts.fiscalYear,
    includeInvalid: opts.includeInvalid === true,
    lang: opts.lang,
    ...(opts.ward ? { receiver: opts.ward } : {}),
    ...(opts.review ? { review: opts.review.state, includeProvisional: opts.review.includeUnaccepted } : {}),
    ...(opts.verifications ? { verifications: opts.verifications } : {}),
  });
  return { report, workbook, submissions };
}

/**
 * The exit code of a roll-up: at least 1 when it counted nothing, or left out returns or rows
 * that validation recognised (another flow's template, another fiscal year).
 *
 * @example
 * ```ts
 * rollupExitCode(0, report.notices); // 1 when nothing was counted
 * ```
 */
export function rollupExitCode(base: 0 | 1 | 2, notices: readonly RollupNotice[]): 0 | 1 | 2 {
  const leftOut = notices.some((n) => n.code !== 'rollup_duplicate_submission');
  return base === 0 && leftOut ? 1 : base;
}

/**
 * Registers `rollup`.
 *
 * @example
 * ```ts
 * registerRollup(program, cli);
 * ```
 */
export function registerRollup(program: Command, cli: Cli): void {
  program
    .command('rollup')
    .summary('roll returns up into the ward progress or the annual report / 報告を集約する')
    .description(
      'Roll the returns in the given files and folders up into the compiled report of one receiving unit\n' +
        '(--ward: a ward, or the town or city when one body receives), or without --ward into the annual report\n' +
        'of the plan, written as a workbook with -o. Rows with errors are left out and listed, unless\n' +
        '--include-invalid counts them (marked provisional). Returns not counted are listed with the reason.\n' +
        '報告を集約し、受け手の単位（--ward）ごとの集約、または計画の年次報告を -o のブックに書き出します。\n' +
        'エラーのある行は除外して一覧にします（--include-invalid で暫定として含めます）。数えなかった報告は理由とともに表示します。\n\n' +
        'Exit code: 0 written from clean returns, 1 written but some rows had errors or returns were not counted\n' +
        '(nothing counted, another flow\'s template, another fiscal year), 2 usage error or unreadable file.',
    )
    .argument('<paths...>', 'files or folders / ファイルまたはフォルダ')
    .requiredOption('--fiscal-year <year>', 'fiscal year, e.g. 2026 or 令和8年度 / 年度', parseFiscalYearOption)
    .option('--ward <unit>', "a receiving unit, name or code: that unit's compiled report / 受け手の単位（名前またはコード）の集約")
    .option('-o, --output <file>', 'the report workbook to write (.xlsx) / 書き出すブック')
    .option('--force', 'overwrite the output file / 出力ファイルを上書きする')
    .option('--include-invalid', 'count rows with errors too, marked provisional / エラーのある行も暫定として含める')
    .option('--ledger <file>', 'the review ledger: only accepted returns count, confirmed figures are checked / 審査記録（受理済みの報告のみ集計）')
    .option('--include-unaccepted', 'with --ledger, count returns not yet accepted too, marked provisional / 未受理の報告も暫定として含める')
    .addOption(new Option('--format <format>', 'output format / 出力形式').choices(['text', 'json']).default('text'))
    .option('--today <date>', 'the date "today" for checks of future dates, YYYY-MM-DD / 基準日', parseToday)
    .action(async (paths: string[], opts: RollupOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const ward = opts.ward ? resolveReceiver(plan, opts.ward) : undefined;
      if (opts.includeUnaccepted && !opts.ledger) usage('include_unaccepted_needs_ledger', {});
      const state = opts.ledger ? await readLedger(opts.ledger, plan, { create: false }) : undefined;
      const inputs = await collectInputs(paths);
      if (opts.output) await checkOutput(opts.output, { force: opts.force === true, inputs: [...inputs.files, ...inputs.missing] });
      const run = await checkFiles(inputs.files, inputs.missing, {
        plan,
        lang,
        ...(opts.today ? { today: opts.today } : {}),
        progress: progress(cli.io.stderr, opts.format !== 'json'),
      });
      const { report, workbook } = rollUp(plan, run, {
        fiscalYear: opts.fiscalYear,
        ...(ward ? { ward: ward.code } : {}),
        includeInvalid: opts.includeInvalid === true,
        lang,
        ...(state && opts.ledger ? { review: { ledger: opts.ledger, state, includeUnaccepted: opts.includeUnaccepted === true } } : {}),
      });
      if (opts.output) await writeWorkbookFile(workbook, opts.output, { lang, generator: GENERATOR });

      const uses = report.submissions;
      const unreadable = run.files.filter((f) => !f.read.ok).map((f) => f.file);
      if (opts.format === 'json') {
        cli.io.stdout.write(
          reportJson(report, lang, {
            output: opts.output,
            provisional: report.provisional,
            inputs: { ...run.summary, unreadable },
            submissions: uses.map((u) => ({ ...u, reason: u.reason?.[lang] ?? null })),
            issues: [...run.files.flatMap((f) => f.issues), ...run.issues].filter((i) => i.severity === 'error').map((i) => jsonIssue(i, lang)),
          }),
        );
      } else {
        cli.io.stdout.write(rollupText(report, run, { lang, output: opts.output, unreadable, includeInvalid: opts.includeInvalid === true }));
      }
      cli.exit(rollupExitCode(exitCodeOf(run.summary), report.notices));
    });
}

function rollupText(
  report: WardProgress | AnnualReport,
  run: CheckRun,
  o: { lang: Lang; output: string | undefined; unreadable: string[]; includeInvalid: boolean },
): string {
  const ja = o.lang === 'ja';
  const out: string[] = [report.title[o.lang]];
  const counted = report.submissions.filter((u) => u.use !== 'left-out').length;
  const s = run.summary;
  out.push(
    ja
      ? `  入力：ファイル ${s.files}・報告シート ${s.returns}・データ ${s.rowsRead} 行（エラーのある行 ${s.rowsWithErrors}）。対象の報告 ${report.submissions.length} 件のうち ${counted} 件を集計しました。`
      : `  Input: ${s.files} files, ${s.returns} return sheets, ${s.rowsRead} data rows (${s.rowsWithErrors} with errors); ${counted} of the ${report.submissions.length} returns in scope were counted.`,
  );
  if (report.kind === 'ward-progress') {
    const c = report.completeness;
    const who = report.senderLabel;
    out.push(
      ja
        ? `  提出状況：${c.received}/${c.expected} ${who.ja}（期限内 ${c.onTime}、未提出 ${c.missing}）`
        : `  Completeness: ${c.received}/${c.expected} ${who.en} (${c.onTime} on time, ${c.missing} missing)`,
    );
  } else {
    for (const w of report.wards) {
      const c = w.completeness;
      out.push(ja ? `  ${w.ward.name.ja}：${c.received}/${c.expected} ${w.senderLabel.ja}` : `  ${w.ward.name.en}: ${c.received}/${c.expected} ${w.senderLabel.en}`);
    }
  }
  // A figure that moved after its ward was confirmed is a change, never silently counted.
  for (const w of report.kind === 'ward-progress' ? [report] : report.wards) {
    const c = w.confirmation;
    if (!c) continue;
    out.push(
      ja
        ? `  ${w.ward.name.ja}：${c.meetingDate}に確定済み。確定後に変わった数値 ${c.changes.length}件、変更記録 ${c.log.length}件`
        : `  ${w.ward.name.en}: confirmed on ${c.meetingDate}; ${c.changes.length} figures changed since, ${c.log.length} recorded changes`,
    );
    for (const x of c.changes) out.push(`    ${x.figureId}: ${String(x.before ?? '-')} → ${String(x.after ?? '-')}`);
    for (const e of c.log) out.push(`    ${e.at} ${e.by.name ?? e.by.id}: ${e.submissionId} (${ja ? '理由' : 'why'}: ${e.reason})`);
  }
  for (const n of report.notices) out.push(`  ${n.severity === 'error' ? '✖' : '!'} ${n.message[o.lang]}`);
  const withErrors = report.submissions.filter((u) => u.rowsWithErrors > 0 || u.use === 'left-out');
  if (withErrors.length > 0) {
    out.push(
      ja
        ? o.includeInvalid
          ? '  エラーのある行を暫定として含めた報告：'
          : '  エラーのある行を除外した報告（修正して再提出を依頼してください）：'
        : o.includeInvalid
          ? '  Returns whose rows with errors were counted as provisional:'
          : '  Returns with rows left out because of errors (ask for a corrected return):',
    );
    for (const u of withErrors)
      out.push(
        `    ${u.source ?? ''} ${ja ? `シート「${u.sheet}」` : `sheet "${u.sheet}"`}: ${ja ? `エラーのある行 ${u.rowsWithErrors}` : `${u.rowsWithErrors} rows with errors`}${u.reason ? ` (${u.reason[o.lang]})` : ''}`,
      );
  }
  if (o.unreadable.length > 0)
    out.push((ja ? '  読めなかったファイル：' : '  Files that could not be read: ') + o.unreadable.join(', '));
  out.push(
    o.output
      ? ja
        ? `書き出したブック：${o.output}`
        : `Workbook written: ${o.output}`
      : ja
        ? '（ブックに書き出すには -o report.xlsx を付けてください）'
        : '(add -o report.xlsx to write the workbook)',
  );
  return out.join('\n') + '\n';
}
