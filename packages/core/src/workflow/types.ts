/**
 * Review workflow (審査) data: what the ward council 区支え合いのまち推進協議会 and its secretariat
 * decided about each return, the meetings they held, the confirmations of a ward's progress and the
 * log of changes made after a confirmation. Everything here is plain JSON-serialisable data, so the
 * add-in can keep it in the workbook and the CLI in a file.
 */
import type { LocalizedText } from '../i18n/text.js';
import type { LocalDate } from '../period/index.js';

/** Where a return is in its life: received → validated → accepted, or sent back (差戻し). */
export type ReturnStatus = 'received' | 'validated' | 'accepted' | 'sent-back';

/** Who acts: a person acting for a body of the plan (for a unit, when the body exists per unit). */
export interface Actor {
  /** Stable id of the person or account, e.g. an e-mail or staff number. */
  id: string;
  name?: string;
  /** Id of the body of the plan the person acts for, e.g. `ward-secretariat`. */
  body: string;
  /** Code of the unit the body serves, e.g. `12101`; absent for single bodies. */
  unit?: string;
}

/** Who and when, for every entry of the workflow data. */
export interface Stamp {
  /** ISO 8601 instant, from the injected clock. */
  at: string;
  by: Actor;
}

/** One transition of a return, as recorded in its history. */
export interface ReturnEvent extends Stamp {
  action: 'receive' | 'validate' | 'accept' | 'send-back';
  from: ReturnStatus | null;
  to: ReturnStatus;
  reason?: string;
  /** Fingerprint of the return's content at the time. */
  fingerprint: string;
}

/** A return as the review knows it. */
export interface ReturnEntry {
  submissionId: string;
  templateId: string;
  source?: string;
  sheet: string;
  fiscalYear: number | null;
  /** Codes of the reporting units in the return (district areas). */
  units: string[];
  /** Codes of the receiving units (the wards whose council receives it); empty for single bodies. */
  scopes: string[];
  status: ReturnStatus;
  /** Fingerprint of the content last received; a changed file no longer counts as accepted. */
  fingerprint: string;
  receivedOn: LocalDate | null;
  openErrors: number;
  sentBackReason?: string;
  history: ReturnEvent[];
}

/** A meeting of a ward council, held by its secretariat (事務局). */
export interface Meeting {
  id: string;
  /** Code of the ward whose council met. */
  ward: string;
  /** Fiscal year whose progress the meeting dealt with. */
  fiscalYear: number;
  date: LocalDate;
  agenda: string[];
  /** Ids of the returns reviewed at the meeting. */
  reviewed: string[];
  /** Set when the meeting confirmed the ward's progress: the confirmation id. */
  confirmed?: string;
  note?: string;
  recorded: Stamp;
}

/** The figures of a ward's progress as confirmed at a meeting: the lock. */
export interface Confirmation extends Stamp {
  id: string;
  ward: string;
  fiscalYear: number;
  meetingId: string;
  meetingDate: LocalDate;
  /** Obligation ids of the reports still missing, acknowledged by whoever confirmed. */
  acknowledgedMissing: string[];
  /** The returns counted, with their fingerprints. */
  returns: { id: string; fingerprint: string }[];
  /** Every figure of the ward progress at confirmation, by figure id. */
  figures: Record<string, number | string | null>;
}

/** A change to a return of a confirmed ward and fiscal year: who, when, what, why. */
export interface ChangeEntry extends Stamp {
  submissionId: string;
  ward: string;
  fiscalYear: number;
  confirmationId: string;
  action: ReturnEvent['action'];
  from: ReturnStatus | null;
  to: ReturnStatus;
  reason: string;
  fingerprintBefore: string | null;
  fingerprintAfter: string;
}

/** The whole review state: keep it with the returns (a workbook, a JSON file). */
export interface ReviewState {
  kind: 'sasaeai-review';
  version: 1;
  planId: string;
  returns: Record<string, ReturnEntry>;
  meetings: Meeting[];
  confirmations: Confirmation[];
  changes: ChangeEntry[];
}

/** The answer of a transition: the new state, or the reason it was refused (in Japanese and English). */
export type Transition = { ok: true; state: ReviewState } | { ok: false; code: RefusalCode; reason: LocalizedText };

/** Stable codes of refused transitions. */
export type RefusalCode =
  | 'unknown_return'
  | 'wrong_plan'
  | 'not_allowed'
  | 'own_return'
  | 'wrong_unit'
  | 'bad_status'
  | 'open_errors'
  | 'reason_required'
  | 'locked'
  | 'unknown_meeting'
  | 'missing_reports'
  | 'pending_returns'
  | 'bad_input';

/** What every transition needs: the plan-independent context of who acts and when. */
export interface ActionContext {
  actor: Actor;
  /** The clock; core never reads the system time itself. */
  now: () => Date;
  /** Why: required to change a return once its ward's progress is confirmed. */
  reason?: string;
}
