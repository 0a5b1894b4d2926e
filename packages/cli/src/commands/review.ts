/**
 * `sasaeai review …`: the secretariat's 事務局 review of the returns, kept in a JSON ledger beside
 * them — receive, accept, send back with a reason, record a council meeting, confirm a ward for the
 * year, show status and history, and write reminders for a mail merge. Every change is one of
 * core's workflow transitions; when core refuses one, its reason is printed and the ledger is left
 * as it was.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  accept,
  completeness,
  confirmWard,
  findUnits,
  getUnit,
  isLocalDate,
  looksLikeFormula,
  receive,
  recordMeeting,
  remindersSheet,
  sendBack,
  sendBackNotice,
  STATUS_LABEL,
  validateReturn,
  type ActionContext,
  type Actor,
  type Lang,
  type Plan,
  type ReviewState,
  type SheetModel,
  type Submission,
  type Transition,
} from '@sasaeai/core';
import { checkFiles } from '../check.js';
import { globals, parseFiscalYearOption, requirePlanOption } from '../context.js';
import { checkOutput, collectInputs } from '../files.js';
import { ledgerId, ledgerSubmissions, readLedger, writeLedger } from '../ledger.js';
import { lt, usage } from '../messages.js';
import { progress } from '../progress.js';
import { resolveReceiver } from '../units.js';
import type { Cli } from '../main.js';

interface ActorOptions {
  ledger: string;
  by: string;
  name?: string;
  body: string;
  unit?: string;
  reason?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

function unitCode(plan: Plan, text: string): string {
  if (getUnit(plan, text)) return text;
  const found = findUnits(plan, text);
  if (found.length === 1) return found[0]!.code;
  return usage('review_unit_unknown', { text, several: found.length > 0 });
}

function context(plan: Plan, o: ActorOptions): ActionContext {
  if (!plan.bodies.some((b) => b.id === o.body))
    usage('unknown_body', { body: o.body, known: plan.bodies.map((b) => b.id) });
  const actor: Actor = { id: o.by, body: o.body };
  if (o.name !== undefined) actor.name = o.name;
  if (o.unit !== undefined) actor.unit = unitCode(plan, o.unit);
  const ctx: ActionContext = { actor, now: () => new Date() };
  if (o.reason !== undefined) ctx.reason = o.reason;
  return ctx;
}

/** The options every changing subcommand takes: the ledger and who acts. */
function actorOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--ledger <file>', 'the review ledger (JSON) beside the returns / 審査記録ファイル')
    .requiredOption('--by <id>', 'who acts: an e-mail or staff id / 担当者')
    .option('--name <name>', 'their name / 担当者名')
    .requiredOption('--body <body>', 'the body of the plan they act for, e.g. ward-secretariat / 組織')
    .option('--unit <unit>', 'the unit (ward) the body serves / 区')
    .option('--reason <text>', 'why: needed to change a return once its ward is confirmed / 理由（確定後の変更に必要）');
}

async function readReturns(plan: Plan, lang: Lang, paths: string[], ledger: string, cli: Cli): Promise<Submission[]> {
  const inputs = await collectInputs(paths);
  if (inputs.missing.length > 0) usage('review_files_missing', { files: inputs.missing });
  const run = await checkFiles(inputs.files, [], { plan, lang, progress: progress(cli.io.stderr, false) });
  const unreadable = run.files.filter((f) => !f.read.ok).map((f) => f.file);
  if (unreadable.length > 0) usage('review_files_unreadable', { files: unreadable });
  return ledgerSubmissions(run, ledger);
}

/** The returns of one file (one sheet of it with --sheet), as the ledger knows them. */
async function returnsOf(plan: Plan, lang: Lang, file: string, sheet: string | undefined, ledger: string, cli: Cli): Promise<Submission[]> {
  const subs = (await readReturns(plan, lang, [file], ledger, cli)).filter((s) => sheet === undefined || s.sheet === sheet);
  if (subs.length === 0) usage('review_no_return', { file, ...(sheet ? { sheet } : {}) });
  return subs;
}

function label(state: ReviewState, id: string, lang: Lang): string {
  const e = state.returns[id];
  return e ? `${id}  ${STATUS_LABEL[e.status][lang]}` : id;
}

/**
 * Applies transitions one after the other; prints what each did or why core refused it. The
 * ledger is written once, with every transition that was accepted.
 */
async function run(
  cli: Cli,
  lang: Lang,
  ledger: string,
  state: ReviewState,
  steps: { what: string; go: (s: ReviewState) => Transition; after?: (s: ReviewState) => void }[],
): Promise<ReviewState> {
  let s = state;
  let refused = 0;
  for (const step of steps) {
    const t = step.go(s);
    if (t.ok) {
      s = t.value;
      step.after?.(s);
    } else {
      refused++;
      for (const i of t.issues) cli.io.stderr.write(`${lang === 'ja' ? '受け付けられません' : 'refused'} [${i.code}] ${step.what}: ${i.reason[lang]}\n`);
    }
  }
  if (s !== state) await writeLedger(ledger, s);
  if (refused > 0) cli.exit(1);
  return s;
}

/**
 * One review step (accept, send back) on each return of a file, or of one sheet of it: loads the
 * plan, lets `step` check its own options and say what to do, then applies it return by return
 * through {@link run}.
 */
async function onEachReturn(
  cli: Cli,
  cmd: Command,
  file: string,
  o: ActorOptions & { sheet?: string },
  step: (plan: Plan, lang: Lang) => { go: (s: ReviewState, id: string, ctx: ActionContext) => Transition; after: (s: ReviewState, id: string) => void },
): Promise<void> {
  const { lang, plan: planName } = globals(cmd);
  const plan = await requirePlanOption(planName, lang, cli.io);
  const { go, after } = step(plan, lang);
  const state = await readLedger(o.ledger, plan, { create: false });
  const ctx = context(plan, o);
  const subs = await returnsOf(plan, lang, file, o.sheet, o.ledger, cli);
  await run(
    cli,
    lang,
    o.ledger,
    state,
    subs.map((sub) => ({ what: sub.id, go: (s: ReviewState) => go(s, sub.id, ctx), after: (s: ReviewState) => after(s, sub.id) })),
  );
}

/**
 * Registers `review` and its subcommands.
 *
 * @example
 * ```ts
 * registerReview(program, cli);
 * ```
 */
export function registerReview(program: Command, cli: Cli): void {
  const review = program
    .command('review')
    .summary('review returns: receive, accept, send back, meetings, confirm / 報告の審査')
    .description(
      'The review of the returns, kept in a JSON ledger beside them (--ledger). Each change is a step of the\n' +
        "plan's review workflow; a step the workflow refuses is printed with its reason (exit code 1).\n" +
        '報告の審査（受付・受理・差戻し・会議の記録・確定）を、報告と同じフォルダの審査記録（JSON）に記録します。',
    );

  actorOptions(review.command('receive').summary('receive and check returns / 報告を受け付けて点検する'))
    .argument('<paths...>', 'return files or folders / 報告ファイルまたはフォルダ')
    .action(async (paths: string[], o: ActorOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const state = await readLedger(o.ledger, plan, { create: true });
      const ctx = context(plan, o);
      const subs = await readReturns(plan, lang, paths, o.ledger, cli);
      const say = (s: ReviewState, id: string) => {
        const e = s.returns[id]!;
        cli.io.stdout.write(`${label(s, id, lang)}${e.openErrors > 0 ? (lang === 'ja' ? `  エラー ${e.openErrors}件` : `  ${e.openErrors} errors`) : ''}\n`);
      };
      await run(
        cli,
        lang,
        o.ledger,
        state,
        subs.flatMap((sub) => [
          { what: sub.id, go: (s: ReviewState) => receive(plan, s, sub, ctx) },
          { what: sub.id, go: (s: ReviewState) => validateReturn(plan, s, sub, ctx), after: (s: ReviewState) => say(s, sub.id) },
        ]),
      );
    });

  actorOptions(review.command('accept').summary('accept a return / 受理する'))
    .argument('<file>', 'the return file / 報告ファイル')
    .option('--sheet <sheet>', 'only this sheet of the file / シート')
    .option('--with-errors', 'accept although errors are open (their rows still do not count) / エラーが残っていても受理する')
    .action((file: string, o: ActorOptions & { sheet?: string; withErrors?: boolean }, cmd: Command) =>
      onEachReturn(cli, cmd, file, o, (plan, lang) => ({
        go: (s, id, ctx) => accept(plan, s, id, ctx, { acceptWithErrors: o.withErrors === true }),
        after: (s, id) => cli.io.stdout.write(label(s, id, lang) + '\n'),
      })),
    );

  actorOptions(review.command('send-back').summary('send a return back with a reason / 差し戻す'))
    .argument('<file>', 'the return file / 報告ファイル')
    .option('--sheet <sheet>', 'only this sheet of the file / シート')
    .action((file: string, o: ActorOptions & { sheet?: string }, cmd: Command) =>
      onEachReturn(cli, cmd, file, o, (plan, lang) => {
        const why = o.reason?.trim() ?? '';
        if (why === '') usage('send_back_needs_reason', {});
        return {
          go: (s, id, ctx) => sendBack(plan, s, id, why, ctx),
          after: (s, id) => {
            // The text to paste into an e-mail to the sender.
            const n = sendBackNotice(plan, s.returns[id]!, lang);
            cli.io.stdout.write(`${lang === 'ja' ? '宛先' : 'To'}: ${n.to}\n${lang === 'ja' ? '件名' : 'Subject'}: ${n.subject}\n\n${n.body}\n`);
          },
        };
      }),
    );

  actorOptions(review.command('meeting').summary('record a council meeting / 会議を記録する'))
    .requiredOption('--ward <ward>', 'the ward whose council met / 区')
    .requiredOption('--fiscal-year <year>', 'the fiscal year dealt with / 年度', parseFiscalYearOption)
    .requiredOption('--date <date>', 'the date of the meeting, YYYY-MM-DD / 開催日')
    .option('--agenda <item>', 'an item of the agenda (repeat for more) / 議題', collect)
    .option('--reviewed <file>', 'a return reviewed at the meeting (repeat for more) / 確認した報告', collect)
    .option('--note <text>', 'a note / 備考')
    .action(async (o: ActorOptions & { ward: string; fiscalYear: number; date: string; agenda?: string[]; reviewed?: string[]; note?: string }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      if (!isLocalDate(o.date)) usage('meeting_date_invalid', { date: o.date });
      const state = await readLedger(o.ledger, plan, { create: false });
      const ctx = context(plan, o);
      const ward = resolveReceiver(plan, o.ward).code;
      const reviewed: string[] = [];
      for (const f of o.reviewed ?? []) reviewed.push(...(await returnsOf(plan, lang, f, undefined, o.ledger, cli)).map((s) => s.id));
      const meeting = { ward, fiscalYear: o.fiscalYear, date: o.date, agenda: o.agenda ?? [], reviewed, ...(o.note !== undefined ? { note: o.note } : {}) };
      await run(cli, lang, o.ledger, state, [
        {
          what: `${ward} ${o.date}`,
          go: (s) => recordMeeting(plan, s, meeting, ctx),
          after: (s) => cli.io.stdout.write(`${lang === 'ja' ? '会議を記録しました' : 'Meeting recorded'}: ${s.meetings.at(-1)!.id}\n`),
        },
      ]);
    });

  actorOptions(review.command('confirm').summary("confirm a unit's figures for the year / 年度の数値を確定する"))
    .argument('<paths...>', 'the return files or folders / 報告ファイルまたはフォルダ')
    .requiredOption('--ward <ward>', 'the ward / 区')
    .requiredOption('--fiscal-year <year>', 'the fiscal year / 年度', parseFiscalYearOption)
    .requiredOption('--meeting <id>', 'the recorded meeting that confirmed it / 確定した会議のID')
    .option('--acknowledge-missing <code>', 'a district (or obligation id) missing, confirmed without it (repeat for more) / 未提出を確認済みとする地区', collect)
    .action(async (paths: string[], o: ActorOptions & { ward: string; fiscalYear: number; meeting: string; acknowledgeMissing?: string[] }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const state = await readLedger(o.ledger, plan, { create: false });
      const ctx = context(plan, o);
      const ward = resolveReceiver(plan, o.ward).code;
      const subs = await readReturns(plan, lang, paths, o.ledger, cli);
      const ack = (o.acknowledgeMissing ?? []).map((a) => (a.includes('/') ? a : unitCode(plan, a)));
      await run(cli, lang, o.ledger, state, [
        {
          what: `${ward} ${o.fiscalYear}`,
          go: (s) => confirmWard(plan, s, subs, { ward, fiscalYear: o.fiscalYear, meetingId: o.meeting, acknowledgeMissing: ack }, ctx),
          after: (s) => {
            const c = s.confirmations.at(-1)!;
            cli.io.stdout.write(
              lang === 'ja'
                ? `確定しました: ${c.id}（会議 ${c.meetingDate}、受理済みの報告 ${c.returns.length}件）\n`
                : `Confirmed: ${c.id} (meeting of ${c.meetingDate}, ${c.returns.length} accepted returns)\n`,
            );
          },
        },
      ]);
    });

  review
    .command('status')
    .summary('show the review: returns, meetings, confirmations, changes / 審査状況を表示する')
    .requiredOption('--ledger <file>', 'the review ledger / 審査記録ファイル')
    .addOption(new Option('--format <format>', 'output format / 出力形式').choices(['text', 'json']).default('text'))
    .action(async (o: { ledger: string; format: 'text' | 'json' }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const s = await readLedger(o.ledger, plan, { create: false });
      if (o.format === 'json') {
        cli.io.stdout.write(JSON.stringify(s, null, 2) + '\n');
        return;
      }
      const ja = lang === 'ja';
      const out: string[] = [ja ? '報告:' : 'Returns:'];
      for (const e of Object.values(s.returns)) {
        const last = e.history.at(-1);
        out.push(
          `  ${e.submissionId}  ${STATUS_LABEL[e.status][lang]}` +
            (e.openErrors > 0 ? (ja ? `  エラー ${e.openErrors}件` : `  ${e.openErrors} errors`) : '') +
            (e.sentBackReason ? (ja ? `  理由: ${e.sentBackReason}` : `  reason: ${e.sentBackReason}`) : '') +
            (last ? `  (${last.at} ${last.by.name ?? last.by.id})` : ''),
        );
      }
      out.push(ja ? '会議:' : 'Meetings:');
      for (const m of s.meetings) out.push(`  ${m.id}  ${m.date}  ${m.agenda.join(' / ')}${m.confirmed ? (ja ? `  確定 ${m.confirmed}` : `  confirmed ${m.confirmed}`) : ''}`);
      out.push(ja ? '確定:' : 'Confirmations:');
      for (const c of s.confirmations) out.push(`  ${c.id}  ${c.meetingDate}  ${c.by.name ?? c.by.id}  ${c.at}`);
      out.push(ja ? '確定後の変更:' : 'Changes after confirmation:');
      for (const c of s.changes)
        out.push(`  ${c.at}  ${c.by.name ?? c.by.id}  ${c.submissionId}  ${c.from ? STATUS_LABEL[c.from][lang] : '-'} → ${STATUS_LABEL[c.to][lang]}  ${ja ? '理由' : 'why'}: ${c.reason}`);
      cli.io.stdout.write(out.join('\n') + '\n');
    });

  review
    .command('history')
    .summary('the history of a return / 報告の履歴')
    .argument('<file>', 'the return file / 報告ファイル')
    .option('--sheet <sheet>', 'only this sheet of the file / シート')
    .requiredOption('--ledger <file>', 'the review ledger / 審査記録ファイル')
    .action(async (file: string, o: { ledger: string; sheet?: string }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const s = await readLedger(o.ledger, plan, { create: false });
      const ids = Object.keys(s.returns).filter((id) => id.startsWith(ledgerId(o.ledger, file, '')) && (o.sheet === undefined || id.endsWith(`#${o.sheet}`)));
      if (ids.length === 0) usage('not_in_ledger', { file });
      const ACTION = { receive: lt('受付', 'received'), validate: lt('点検', 'checked'), accept: lt('受理', 'accepted'), 'send-back': lt('差戻し', 'sent back') };
      for (const id of ids) {
        cli.io.stdout.write(`${id}\n`);
        for (const ev of s.returns[id]!.history)
          cli.io.stdout.write(`  ${ev.at}  ${ev.by.name ?? ev.by.id} (${ev.by.body}${ev.by.unit ? ` ${ev.by.unit}` : ''})  ${ACTION[ev.action][lang]}${ev.reason ? `  ${lang === 'ja' ? '理由' : 'why'}: ${ev.reason}` : ''}\n`);
      }
    });

  review
    .command('reminders')
    .summary('who has not reported or was sent back, as CSV for a mail merge / 督促の一覧（CSV）')
    .argument('<paths...>', 'the return files or folders / 報告ファイルまたはフォルダ')
    .requiredOption('--ledger <file>', 'the review ledger / 審査記録ファイル')
    .requiredOption('--fiscal-year <year>', 'the fiscal year / 年度', parseFiscalYearOption)
    .option('--ward <ward>', 'only this ward / 区')
    .requiredOption('-o, --output <file>', 'the CSV file to write (UTF-8 with BOM, for Excel) / 書き出す CSV')
    .option('--force', 'overwrite the output file / 上書きする')
    .action(async (paths: string[], o: { ledger: string; fiscalYear: number; ward?: string; output: string; force?: boolean }, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const state = await readLedger(o.ledger, plan, { create: false });
      await checkOutput(o.output, { force: o.force === true, inputs: [o.ledger] });
      const subs = await readReturns(plan, lang, paths, o.ledger, cli);
      const within = o.ward ? resolveReceiver(plan, o.ward).code : undefined;
      const c = completeness(plan, subs, { fiscalYear: o.fiscalYear, review: state, ...(within ? { within } : {}) });
      const sheet = remindersSheet(plan, c, state, lang);
      await writeFile(o.output, csv(sheet, lang), 'utf8');
      cli.io.stdout.write(lang === 'ja' ? `督促の一覧 ${sheet.rows.length}件: ${o.output}\n` : `${sheet.rows.length} reminders: ${o.output}\n`);
    });
}

/**
 * A sheet model as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Japanese as
 * mojibake), CRLF line ends, every field quoted when needed, and text that Excel would read as a
 * formula kept as text with a leading apostrophe.
 */
function csv(sheet: SheetModel, lang: Lang): string {
  const field = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : typeof v === 'object' && 'date' in v ? String((v as { date: string }).date) : String(v);
    if (looksLikeFormula(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [sheet.columns.map((c) => field(c.header[lang])), ...sheet.rows.map((r) => r.map(field))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}
