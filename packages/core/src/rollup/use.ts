/**
 * Which returns count in a roll-up: with a review state, only accepted returns whose content has
 * not changed since; others are provisional (暫定) when the caller asks for them, or left out.
 */
import { lt, type LocalizedText } from '../i18n/text.js';
import type { ReturnStatus, ReviewState } from '../review-state/types.js';
import { submissionFingerprint, type Submission } from './submission.js';

/** How a return was used: counted, counted but provisional, or left out (with the reason). */
export type UseKind = 'counted' | 'provisional' | 'left-out';

/** How one return was used by a roll-up, for the report's notes. */
export interface SubmissionUse {
  id: string;
  source?: string;
  sheet: string;
  templateId: string;
  use: UseKind;
  /** Review status; `unreviewed` when no review state was given, `unregistered` when it does not know the return. */
  status: ReturnStatus | 'unreviewed' | 'unregistered';
  /** Whether the return counts as received for completeness (not sent back, known to the review). */
  arrived: boolean;
  reason?: LocalizedText;
  /** When it was received: the review's date of receipt, else the submission's `receivedOn`. */
  receivedOn?: string;
  /** Rows of the return in the fiscal year and scope of the roll-up. */
  records: number;
  /** Of those, rows with open validation errors (left out unless includeInvalid). */
  rowsWithErrors: number;
  /** Rows of the return in the scope of the roll-up but of another fiscal year (not counted). */
  otherYear: number;
}

/**
 * @internal Decides how a submission is used.
 * @example
 * ```ts
 * useOf(sub, undefined, false).use; // 'counted'
 * ```
 */
export function useOf(sub: Submission, review: ReviewState | undefined, includeProvisional: boolean): SubmissionUse {
  const u = (use: UseKind, status: SubmissionUse['status'], arrived: boolean, reason?: LocalizedText): SubmissionUse => {
    const out: SubmissionUse = { id: sub.id, sheet: sub.sheet, templateId: sub.templateId, records: 0, rowsWithErrors: 0, otherYear: 0, use, status, arrived };
    if (sub.source !== undefined) out.source = sub.source;
    if (reason) out.reason = reason;
    const on = review?.returns[sub.id]?.receivedOn ?? sub.receivedOn;
    if (on !== undefined && on !== null) out.receivedOn = on;
    return out;
  };
  const maybe = (status: SubmissionUse['status'], arrived: boolean, reason: LocalizedText) =>
    u(includeProvisional ? 'provisional' : 'left-out', status, arrived, reason);
  if (!review) return u('counted', 'unreviewed', true);
  const entry = review.returns[sub.id];
  if (!entry) return maybe('unregistered', false, lt('審査記録に受付がありません', 'not registered as received in the review'));
  switch (entry.status) {
    case 'sent-back':
      return u(
        'left-out',
        'sent-back',
        false,
        lt(`差戻し中（${entry.sentBackReason ?? ''}）`, `sent back (${entry.sentBackReason ?? ''})`),
      );
    case 'accepted':
      if (submissionFingerprint(sub) === entry.fingerprint) return u('counted', 'accepted', true);
      return maybe('accepted', true, lt('受理後に内容が変わっています', 'content changed after acceptance'));
    default:
      return maybe(entry.status, true, lt('未受理（審査中）', 'not yet accepted (under review)'));
  }
}
