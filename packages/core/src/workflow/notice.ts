/**
 * What the secretariat 事務局 sends out: the text of a send-back (差戻し) ready to paste into an
 * e-mail, and the reminders — who has not reported or was sent back, with the deadline and the
 * receiving body — as a sheet ready for a mail merge. Both adapters use these, so the CLI's CSV and
 * the add-in's sheet say the same thing. Names of bodies and units come from the plan.
 */
import { lt, type Lang, type LocalizedText } from '../i18n/text.js';
import { formatDate, todayIn } from '../period/index.js';
import { bodyInstance, getTemplate } from '../plan/queries.js';
import type { Plan } from '../plan/schema.js';
import type { Completeness } from '../rollup/types.js';
import type { SheetModel, SheetValue } from '../sheet/model.js';
import { sheetColumn } from '../sheet/columns.js';
import { printSettings } from '../sheet/print.js';
import type { ReturnEntry, ReviewState } from '../review-state/types.js';

/** A message to send, in one language. */
export interface Notice {
  /** The sending body (or bodies) the message goes to, e.g. the district chapter. */
  to: string;
  subject: string;
  body: string;
}

/**
 * The e-mail text of a return sent back: to its sender, naming the return and the reason.
 *
 * @throws RangeError when the return is not sent back (a programmer error: check its status first).
 * @example
 * ```ts
 * const n = sendBackNotice(plan, review.returns[id]!, 'ja');
 * n.subject; // '報告の差戻し：活動状況報告（寒川.xlsx）'
 * ```
 */
export function sendBackNotice(plan: Plan, entry: ReturnEntry, lang: Lang): Notice {
  if (entry.status !== 'sent-back' || entry.sentBackReason === undefined) throw new RangeError(`Return "${entry.submissionId}" is not sent back`);
  const flow = plan.flows.find((f) => f.template === entry.templateId);
  const template = getTemplate(plan, entry.templateId);
  const senders = flow ? (entry.units.length > 0 ? entry.units : [undefined]).map((u) => bodyInstance(plan, flow.from, u).name[lang]) : [];
  const receiver = flow ? bodyInstance(plan, flow.to, entry.scopes[0]).name[lang] : '';
  const what = `${template?.name[lang] ?? entry.templateId}（${entry.source ?? ''}${entry.source ? ' / ' : ''}${entry.sheet}）`;
  const sent = entry.history.at(-1);
  // The day in the plan's time zone, not UTC: a send-back at 08:00 in Tokyo is that day there.
  const when = sent ? formatDate(todayIn(plan.timeZone, new Date(sent.at)), lang) : '';
  const to = senders.join(lang === 'ja' ? '、' : ', ');
  const text =
    lang === 'ja'
      ? {
          subject: `報告の差戻し：${what}`,
          body: [
            `${to} ご担当者様`,
            '',
            `${receiver}あてにご提出いただいた報告「${what}」について、次の理由により差し戻します（${when}）。`,
            '',
            `差戻しの理由：${entry.sentBackReason}`,
            '',
            'お手数ですが、修正のうえ再度ご提出ください。',
          ],
        }
      : {
          subject: `Return sent back: ${what}`,
          body: [
            `To ${to},`,
            '',
            `The return "${what}" you sent to ${receiver} is sent back (${when}) for this reason:`,
            '',
            `Reason: ${entry.sentBackReason}`,
            '',
            'Please correct it and send it again.',
          ],
        };
  return { to, subject: text.subject, body: text.body.join('\n') };
}

const STATUS = {
  missing: lt('未提出', 'not reported'),
  sentBack: lt('差戻し中', 'sent back'),
} as const;

/**
 * The reminders 督促 of a fiscal year: one row per sender that has not reported (an obligation
 * still missing) or whose return was sent back, with the deadline, the receiving body and the
 * send-back reason. A sheet model, so the add-in writes it as a sheet and the CLI as CSV.
 *
 * @example
 * ```ts
 * const sheet = remindersSheet(plan, completeness(plan, subs, { fiscalYear: 2026, review }), review, 'ja');
 * sheet.rows.length; // senders to remind
 * ```
 */
export function remindersSheet(plan: Plan, c: Completeness, review: ReviewState | undefined, lang: Lang): SheetModel {
  const rows: SheetValue[][] = [];
  for (const o of c.obligations) {
    const sentBack = Object.values(review?.returns ?? {}).filter(
      (e) => e.status === 'sent-back' && e.templateId === o.templateId && e.fiscalYear === c.fiscalYear && (o.unit === null || e.units.includes(o.unit.code)),
    );
    if (o.status !== 'missing' && sentBack.length === 0) continue;
    rows.push([
      o.unit?.code ?? '',
      o.from[lang],
      o.to[lang],
      { date: o.due },
      (sentBack.length > 0 ? STATUS.sentBack : STATUS.missing)[lang],
      sentBack.map((e) => e.sentBackReason ?? '').join(' / '),
      sentBack.map((e) => `${e.source ?? ''}${e.source ? ' / ' : ''}${e.sheet}`).join(' / '),
    ]);
  }
  const title: LocalizedText = lt(`${c.fiscalYearLabel.ja} 提出の督促`, `Reminders, ${c.fiscalYearLabel.en}`);
  const col = sheetColumn;
  const sheet: SheetModel = {
    id: 'reminders',
    name: lt('督促', 'Reminders'),
    preamble: { title, lines: [lt('未提出または差戻し中の報告の一覧（差し込み印刷用）', 'Reports not received or sent back (for a mail merge)')] },
    columns: [
      col('code', 'コード', 'Code', 'text', 10),
      col('from', '報告する組織', 'From', 'text', 28),
      col('to', '報告先', 'To', 'text', 28),
      col('due', '締切', 'Due', 'date', 12),
      col('status', '状況', 'Status', 'text', 10),
      col('reason', '差戻しの理由', 'Reason sent back', 'text', 36),
      col('return', '報告（ファイル / シート）', 'Return (file / sheet)', 'text', 30),
    ],
    rows,
    freezeHeader: true,
  };
  sheet.print = printSettings(sheet, { title, fiscalYear: c.fiscalYearLabel });
  return sheet;
}
