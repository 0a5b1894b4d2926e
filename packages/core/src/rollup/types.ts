/**
 * What roll-up produces: the ward-plan progress 区計画の推進状況, the annual report to the expert
 * subcommittee 地域福祉専門分科会への報告, and completeness 提出状況 — plain data, with a figure id
 * and the source rows of every figure.
 */
import type { LocalizedText } from '../i18n/text.js';
import type { LocalDate } from '../period/index.js';
import type { FieldType, RollupKind } from '../plan/schema.js';
import type { FieldValue, RowRef } from '../returns/types.js';
import type { ChangeEntry, Meeting, ReviewState } from '../review-state/types.js';
import type { RollupNotice } from './notices.js';
import type { TableVerification, VerificationResult, VerificationStatus } from './verification.js';
import type { SubmissionUse } from './use.js';

/** A unit (ward, district area) or subject (initiative, measure) with its names. */
export interface NamedRef {
  code: string;
  name: LocalizedText;
  /** The plan marks the unit, initiative or measure as a sample (illustrative), not official. */
  sample?: true;
}

/** The value of a figure: a count or total, a date or a category code, or nothing. */
export type FigureValue = number | string | null;

/**
 * Where a figure comes from. `cells` points at combined district × subject cells of the report
 * (and `pick` says which of their rows: all rows, the latest row, rows flagged true in `field`,
 * rows with text in `field`); `rows` points at rows directly; `from` at figures of nested ward
 * reports.
 */
export type Provenance =
  | { cells: number[]; pick: 'all' | 'last' | 'flag' | 'text'; field?: string; provisional?: true }
  | { rows: number[]; provisional?: true }
  | { from: string[]; provisional?: true };

/**
 * The roll-up of a set of combined cells, by each field's roll-up kind:
 * `sum` adds (sum fields); `count` is the number of cells flagged (any fields) or of texts
 * (collect fields); `dist` counts cells per category (last values of category fields, union
 * codes, distribution fields); `latest` is the latest date (last date fields).
 */
export interface Aggregate {
  /** District × subject cells combined (at a district × subject cell: 1). */
  cells: number;
  /** Rows counted. */
  records: number;
  sum: Record<string, number>;
  count: Record<string, number>;
  dist: Record<string, Record<string, number>>;
  latest: Record<string, string | null>;
}

/** A field of the template as the report renders it. */
export interface ReportField {
  key: string;
  label: LocalizedText;
  type: FieldType;
  rollup: RollupKind;
  /** Options of the field's vocabulary, in order (category fields). */
  options?: { code: string; label: LocalizedText }[];
  numberFormat?: string;
}

/** A district × subject cell: any-time returns of one district on one initiative, combined. */
export interface CellRow {
  /** Figure prefix: `<unit>/<subject>`. */
  id: string;
  unit: NamedRef;
  subject: NamedRef;
  /** The combined values: last values from the latest row, sums, any as boolean, union codes. */
  values: Record<string, FieldValue>;
  agg: Aggregate;
  /** Indices into the report's `refs`. */
  rows: number[];
  /** Index into `refs` of the latest row (the one `last` fields come from). */
  last: number;
  /** Rows flagged true, per `any` field. */
  flags: Record<string, number[]>;
  /** Rows with text, per `collect` field. */
  texts: Record<string, number[]>;
  provisional: boolean;
}

/** A row of the by-initiative table (or its total, subject code `*`). */
export interface SubjectRow {
  /** Figure prefix: `<unit>/<subject>` (`<unit>/*` for all subjects). */
  id: string;
  subject: NamedRef;
  /** Districts whose plan expects the subject (for the total: district × subject pairs). */
  expected: number;
  /** Districts that reported on it (for the total: pairs). */
  reported: number;
  agg: Aggregate;
  provisional: boolean;
}

/** On time, late, or missing against the closing date of the flow. */
export type Timeliness = 'on-time' | 'late' | 'missing';

/** A row of the by-district table. */
export interface DistrictRow {
  /** Figure prefix: `<district>/*`. */
  id: string;
  unit: NamedRef;
  /** Whether the plan expects a return from it this fiscal year. */
  owes: boolean;
  /** Returns (files or sheets) received with rows of this district. */
  returns: number;
  firstReceived: LocalDate | null;
  lastReport: LocalDate | null;
  /** Expected subjects it reported on. */
  covered: number;
  expectedSubjects: number;
  timeliness: Timeliness;
  /** Open validation errors in its rows. */
  errors: number;
  rowsWithErrors: number;
  agg: Aggregate;
  provisional: boolean;
}

/** An entry of a list: a success case (成果事例), an outcome, an issue (課題). */
export interface ListItem {
  unit: NamedRef;
  subject: NamedRef;
  reportDate: LocalDate | null;
  /** The text (text lists); for flag lists, the texts of the row's collect fields joined. */
  text: string;
  /** For flag lists: the row's texts per collect field. */
  texts?: Record<string, string>;
  /** Index into the report's `refs`. */
  row: number;
  provisional: boolean;
}

/** A list of rows flagged by an `any` field (success cases) or of texts of a `collect` field. */
export interface ReportList {
  /** `flag:<field>` or `text:<field>`. */
  id: string;
  field: string;
  label: LocalizedText;
  kind: 'flag' | 'text';
  items: ListItem[];
}

/** The status of one obligation (a report owed) for completeness. */
export interface ObligationStatus {
  /** The obligation id: `<flow>/<fiscal year>/<sender>`. */
  id: string;
  flowId: string;
  templateId: string;
  /** Sending unit (district) or null for a single body. */
  unit: NamedRef | null;
  /** Receiving scope: the ward, or the top unit for single bodies. */
  scope: string;
  from: LocalizedText;
  to: LocalizedText;
  due: LocalDate;
  presetDeadline: boolean;
  status: Timeliness;
  /** Returns counted as received. */
  returns: number;
  /** Returns received with open errors (not counted unless countInvalid). */
  invalidReturns: number;
  firstReceived: LocalDate | null;
  lastReceived: LocalDate | null;
  expectedSubjects: string[];
  coveredSubjects: string[];
  /** Rows of the counted returns (indices into the completeness `refs`). */
  rows: number[];
}

/**
 * A compiling step of the chain (a ward council's compiled progress owed to the city): it counts as
 * received when the sender's progress was confirmed at a meeting, on time when by the closing date.
 */
export interface CompiledStepStatus {
  /** The obligation id: `<flow>/<fiscal year>/<sender unit>`. */
  id: string;
  flowId: string;
  /** The unit whose compiled progress is owed (a ward). */
  unit: NamedRef | null;
  from: LocalizedText;
  to: LocalizedText;
  due: LocalDate;
  presetDeadline: boolean;
  status: Timeliness;
  /** Date of the meeting that confirmed the unit's progress, if any. */
  confirmedOn: LocalDate | null;
}

/** How far a receiving unit's body has verified its compiled report, and whether it is confirmed. */
export interface VerificationStep {
  /** Figure prefix `<unit>/verification`. */
  id: string;
  unit: NamedRef;
  /** The receiving body, by its name for that unit. */
  body: LocalizedText;
  flowId: string;
  /** Date of the meeting at which its verification was last recorded, if any. */
  verifiedOn: LocalDate | null;
  /** Subjects it recorded a verification for. */
  recorded: number;
  /** Date of the meeting that confirmed its progress, if any. */
  confirmedOn: LocalDate | null;
  /** The verification last recorded is the one its confirmation locked. */
  locked: boolean;
}

/** Completeness figures of a group of obligations (DHIS2 style rates). */
export interface CompletenessRow {
  /** Figure prefix `<unit>/completeness` or `<flow>/completeness`. */
  id: string;
  unit: NamedRef;
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  /** received / expected (null when nothing is expected). */
  rate: number | null;
  /** received on time / expected. */
  onTimeRate: number | null;
}

/** Completeness and timeliness of the returns of a fiscal year. */
export interface Completeness {
  kind: 'completeness';
  planId: string;
  fiscalYear: number;
  fiscalYearLabel: LocalizedText;
  within: NamedRef | null;
  countInvalid: boolean;
  obligations: ObligationStatus[];
  /** One row per receiving scope (ward), then the single bodies' scope. */
  byScope: CompletenessRow[];
  /** One row per flow. */
  byFlow: (CompletenessRow & { flowId: string; content: LocalizedText; due: LocalDate })[];
  total: CompletenessRow;
  /**
   * The compiling steps of the chain (a ward council's compiled progress owed to the city), from
   * the review state's confirmations; empty without a review state or without such flows.
   */
  compiled: CompiledStepStatus[];
  /**
   * Per receiving unit whose body the plan asks to verify: whether it verified and confirmed,
   * from the review state; empty without a review state.
   */
  verification: VerificationStep[];
  /**
   * Rows of the arrived returns, the scopes' rows one after the other (what provenance numbers).
   * Made on first read; until then the report keeps the submissions it was made from.
   */
  refs: RowRef[];
  figures: Record<string, FigureValue>;
  provenance: Record<string, Provenance>;
}

/** A confirmed ward progress and what changed since. */
export interface ConfirmationView {
  id: string;
  meetingId: string;
  meetingDate: LocalDate;
  at: string;
  by: string;
  acknowledgedMissing: string[];
  /** Figures that differ from the confirmed ones (never silent). */
  changes: FigureChange[];
  /** Changes recorded in the review log since the confirmation. */
  log: ChangeEntry[];
}

/** A figure that differs from the confirmed value. */
export interface FigureChange {
  figureId: string;
  before: FigureValue | undefined;
  after: FigureValue | undefined;
}

/** The ward-plan progress 区計画の推進状況 of one ward for one fiscal year. */
export interface WardProgress {
  kind: 'ward-progress';
  planId: string;
  fiscalYear: number;
  fiscalYearLabel: LocalizedText;
  /** E.g. 令和8年度 中央区 区計画の推進状況: fiscal year, unit and the flow's report title. */
  title: LocalizedText;
  /** The title of what the receiver compiles, from the plan (the flow's `report`, else its content). */
  report: LocalizedText;
  /** The flow rolled up. */
  flowId: string | null;
  /** The receiving unit (a ward, or the top unit when a single body receives). */
  ward: NamedRef;
  /** The name of the receiving unit's level, from the plan (区, 町). */
  levelName: LocalizedText;
  /** The receiving body, e.g. 中央区支え合いのまち推進協議会. */
  council: LocalizedText;
  templateId: string | null;
  /** Closing date of the district returns. */
  due: LocalDate | null;
  fields: ReportField[];
  subjectLabel: LocalizedText;
  unitLabel: LocalizedText;
  /** The sending body's general name (from the plan), e.g. 社協地区部会. */
  senderLabel: LocalizedText;
  subjects: SubjectRow[];
  total: SubjectRow;
  districts: DistrictRow[];
  cells: CellRow[];
  lists: ReportList[];
  completeness: CompletenessRow;
  obligations: ObligationStatus[];
  submissions: SubmissionUse[];
  /** Why returns were not counted, and whether nothing was (never silent). */
  notices: RollupNotice[];
  /** Whether a review state was applied. */
  reviewed: boolean;
  /** Whether any figure rests on provisional returns. */
  provisional: boolean;
  confirmation?: ConfirmationView;
  /** The receiving body's verification of this report, when given (`verifications`). */
  verification?: VerificationResult;
  /**
   * Rows of the ward (what provenance and list items number). Made on first read; until then the
   * report keeps the submissions it was made from.
   */
  refs: RowRef[];
  figures: Record<string, FigureValue>;
  provenance: Record<string, Provenance>;
}

/** A row of the chapter-4 measures table 第4章 市の取組み. */
export interface MeasureRow {
  /** Figure prefix: `<subjectField>/<measure>/<n>` (n counts the rows of the measure from 1). */
  id: string;
  subject: NamedRef;
  /** Key values (department, indicator). */
  keys: Record<string, FieldValue>;
  /** Last values of the latest row (unit, baseline, target, actual, rating, next steps). */
  values: Record<string, FieldValue>;
  /** Derived values (achievement rate = actual / target). */
  derived: Record<string, number | null>;
  /** Collected texts per collect field. */
  texts: Record<string, string[]>;
  rows: number[];
  reported: boolean;
  provisional: boolean;
}

/** The chapter-4 measures table. */
export interface MeasuresTable {
  templateId: string | null;
  /** What the table reports, from the plan: its flow's `report`, else its `content`. */
  title: LocalizedText;
  subjectField: string;
  fields: ReportField[];
  /** Values derived from two fields of a row (a ratio), with the keys they divide. */
  derived: { key: string; label: LocalizedText; numberFormat?: string; numerator?: string; denominator?: string }[];
  rows: MeasureRow[];
  /** Measures of the plan, and how many of them have a row. */
  expected: number;
  reported: number;
  /** Distribution of each category field over the rows (the rating distribution). */
  dist: Record<string, Record<string, number>>;
  /** The receiving body's verification per measure (the subcommittee's opinion), when given. */
  verification?: TableVerification;
}

/** A ward council meeting in the register 開催記録. */
export interface MeetingRow extends Pick<Meeting, 'id' | 'date' | 'agenda' | 'reviewed' | 'note'> {
  ward: NamedRef;
  fiscalYear: number;
  confirmed: boolean;
}

/** The annual report to the expert subcommittee 地域福祉専門分科会への報告. */
export interface AnnualReport {
  kind: 'annual-report';
  planId: string;
  fiscalYear: number;
  fiscalYearLabel: LocalizedText;
  title: LocalizedText;
  recipient: LocalizedText;
  /** The body whose meetings are registered (the ward council), by its general name. */
  councilBody: LocalizedText;
  city: NamedRef;
  /** Every ward's progress, in plan order. */
  wards: WardProgress[];
  /** City-wide by-subject rows (prefix `<city>/<subject>`) and total (`<city>/*`). */
  subjects: SubjectRow[];
  total: SubjectRow;
  measures: MeasuresTable;
  meetings: MeetingRow[];
  completeness: Completeness;
  submissions: SubmissionUse[];
  /** Why returns were not counted, and whether nothing was (never silent). */
  notices: RollupNotice[];
  /**
   * Per receiving unit, how far its body verified its compiled report — present when the plan
   * declares a verification for the receiving body.
   */
  verification: VerificationStatus[];
  reviewed: boolean;
  provisional: boolean;
  /**
   * Rows of the measure returns. Made on first read; until then the report keeps the submissions
   * it was made from.
   */
  refs: RowRef[];
  figures: Record<string, FigureValue>;
  provenance: Record<string, Provenance>;
}

/** Options shared by ward progress and the annual report. */
export interface RollupOptions {
  fiscalYear: number;
  /** A review state: only accepted returns count unless includeProvisional. */
  review?: ReviewState;
  /** Count returns not (yet) accepted too, marked provisional. */
  includeProvisional?: boolean;
  /** Count rows with open validation errors too, marked provisional 暫定 (like returns not yet accepted). */
  includeInvalid?: boolean;
  /** Verification sheets read back (`readVerification`): each is carried by its unit's report. */
  verifications?: readonly VerificationResult[];
}
