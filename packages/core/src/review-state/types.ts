/**
 * Review workflow (審査) data: what the ward council 区支え合いのまち推進協議会 and its secretariat
 * decided about each return, the meetings they held, the confirmations of a ward's progress and the
 * log of changes made after a confirmation. Everything here is plain JSON-serialisable data, so the
 * add-in can keep it in the workbook and the CLI in a file.
 *
 * Its own folder, below both the roll-up and the workflow: the roll-up reads the state (which returns
 * are accepted, the meetings and changes it reports), the workflow changes it and snapshots the
 * roll-up's ward progress — so the data sits beneath both and the dependency runs one way,
 * workflow → rollup.
 */
import * as z from 'zod';
import type { LocalizedText } from '../i18n/text.js';
import type { Result } from '../result.js';
import { LocalDateSchema } from '../period/local-date-schema.js';

const localDate = LocalDateSchema;

/** Where a return is in its life: received → validated → accepted, or sent back (差戻し). */
const ReturnStatusSchema = z.enum(['received', 'validated', 'accepted', 'sent-back']);
export type ReturnStatus = z.infer<typeof ReturnStatusSchema>;

/** Who acts: a person acting for a body of the plan (for a unit, when the body exists per unit). */
const ActorSchema = z.object({
  /** Stable id of the person or account, e.g. an e-mail or staff number. */
  id: z.string().min(1),
  name: z.string().optional(),
  /** Id of the body of the plan the person acts for, e.g. `ward-secretariat`. */
  body: z.string().min(1),
  /** Code of the unit the body serves, e.g. `12101`; absent for single bodies. */
  unit: z.string().optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** Who and when, for every entry of the workflow data (`at`: ISO 8601 instant from the injected clock). */
const stamp = { at: z.string().min(1), by: ActorSchema };
const StampSchema = z.object(stamp);
export type Stamp = z.infer<typeof StampSchema>;

/** One transition of a return, as recorded in its history. */
const ReturnEventSchema = z.object({
  ...stamp,
  action: z.enum(['receive', 'validate', 'accept', 'send-back']),
  from: ReturnStatusSchema.nullable(),
  to: ReturnStatusSchema,
  reason: z.string().optional(),
  /** Fingerprint of the return's content at the time. */
  fingerprint: z.string(),
});
export type ReturnEvent = z.infer<typeof ReturnEventSchema>;

/** A return as the review knows it. */
const ReturnEntrySchema = z.object({
  submissionId: z.string().min(1),
  templateId: z.string(),
  source: z.string().optional(),
  sheet: z.string(),
  fiscalYear: z.number().int().nullable(),
  /** Codes of the reporting units in the return (district areas). */
  units: z.array(z.string()),
  /** Codes of the receiving units (the wards whose council receives it); empty for single bodies. */
  scopes: z.array(z.string()),
  status: ReturnStatusSchema,
  /** Fingerprint of the content last received; a changed file no longer counts as accepted. */
  fingerprint: z.string(),
  receivedOn: localDate.nullable(),
  openErrors: z.number().int().nonnegative(),
  sentBackReason: z.string().optional(),
  history: z.array(ReturnEventSchema),
});
export type ReturnEntry = z.infer<typeof ReturnEntrySchema>;

/** A meeting of a ward council, held by its secretariat (事務局). */
const MeetingSchema = z.object({
  id: z.string().min(1),
  /** Code of the ward whose council met. */
  ward: z.string().min(1),
  /** Fiscal year whose progress the meeting dealt with. */
  fiscalYear: z.number().int(),
  date: localDate,
  agenda: z.array(z.string()),
  /** Ids of the returns reviewed at the meeting. */
  reviewed: z.array(z.string()),
  /** Set when the meeting confirmed the ward's progress: the confirmation id. */
  confirmed: z.string().optional(),
  note: z.string().optional(),
  recorded: StampSchema,
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** The figures of a ward's progress as confirmed at a meeting: the lock. */
const ConfirmationSchema = z.object({
  ...stamp,
  id: z.string().min(1),
  ward: z.string().min(1),
  fiscalYear: z.number().int(),
  meetingId: z.string().min(1),
  meetingDate: localDate,
  /** Obligation ids of the reports still missing, acknowledged by whoever confirmed. */
  acknowledgedMissing: z.array(z.string()),
  /** The returns counted, with their fingerprints. */
  returns: z.array(z.object({ id: z.string(), fingerprint: z.string() })),
  /** Every figure of the ward progress at confirmation, by figure id. */
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  /** The receiving body's verification locked with the figures (null: confirmed without one). */
  verification: z.object({ id: z.string(), fingerprint: z.string() }).nullable().optional(),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

/**
 * The receiving body's verification of a compiled report (確認・評価, 成果と課題の検証), recorded
 * at one of its meetings: what it recorded per subject, as read back from its verification sheet.
 */
const VerificationEntrySchema = z.object({
  ...stamp,
  id: z.string().min(1),
  /** Code of the receiving unit (a ward, or the top unit for a single body). */
  ward: z.string().min(1),
  fiscalYear: z.number().int(),
  flowId: z.string().min(1),
  /** Id of the receiving body that verified. */
  bodyId: z.string().min(1),
  meetingId: z.string().min(1),
  meetingDate: localDate,
  records: z.array(
    z.object({
      subject: z.string(),
      values: z.record(z.string(), z.union([z.string(), z.boolean(), z.null()])),
      row: z.number().int(),
    }),
  ),
  /** Fingerprint of the records: a changed verification after a confirmation shows up as a change. */
  fingerprint: z.string(),
});
export type VerificationEntry = z.infer<typeof VerificationEntrySchema>;

/** A change to a return of a confirmed ward and fiscal year: who, when, what, why. */
const ChangeEntrySchema = z.object({
  ...stamp,
  submissionId: z.string(),
  ward: z.string(),
  fiscalYear: z.number().int(),
  confirmationId: z.string(),
  /** What changed: a return (its transition), or the verification (`verify`, submissionId `verification:<id>`). */
  action: z.enum([...ReturnEventSchema.shape.action.options, 'verify']),
  from: ReturnStatusSchema.nullable(),
  to: ReturnStatusSchema,
  reason: z.string().min(1),
  fingerprintBefore: z.string().nullable(),
  fingerprintAfter: z.string(),
});
export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;

/** The whole review state: keep it with the returns (a workbook, a JSON file). */
export const ReviewStateSchema = z.object({
  kind: z.literal('sasaeai-review'),
  version: z.literal(1),
  planId: z.string().min(1),
  returns: z.record(z.string(), ReturnEntrySchema),
  meetings: z.array(MeetingSchema),
  confirmations: z.array(ConfirmationSchema),
  changes: z.array(ChangeEntrySchema),
  /** The receiving bodies' verifications, each recorded at a meeting (absent in older states). */
  verifications: z.array(VerificationEntrySchema).optional(),
});
export type ReviewState = z.infer<typeof ReviewStateSchema>;

/**
 * Why a transition was refused, or a stored review state could not be read: a stable code and the
 * reason in Japanese and English. The one issue of a refused {@link Transition}.
 */
export interface Refusal {
  code: RefusalCode;
  reason: LocalizedText;
}

/**
 * The answer of a transition, in the library's one {@link Result} shape: the new state as `value`
 * (no notes: `issues` is empty), or the refusal as `issues[0]`.
 *
 * @example
 * ```ts
 * const r = accept(plan, review, id, ctx);
 * if (r.ok) review = r.value; else console.log(r.issues[0]?.code, r.issues[0]?.reason.ja);
 * ```
 */
export type Transition = Result<ReviewState, never, Refusal>;

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
  | 'verification_errors'
  | 'bad_input';

/** What every transition needs: the plan-independent context of who acts and when. */
export interface ActionContext {
  actor: Actor;
  /** The clock; core never reads the system time itself. */
  now: () => Date;
  /** Why: required to change a return once its ward's progress is confirmed. */
  reason?: string;
}
