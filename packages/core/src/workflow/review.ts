/**
 * The review workflow 審査: a return is received → validated → accepted (受理), or sent back
 * (差戻し) with a reason and received again. The receiving body (a ward council, a town council)
 * records its verification of the compiled report at a meeting its secretariat holds, and confirms
 * (確定) the unit's progress there: figures and verification are locked together, and later
 * changes to either need a reason and are logged.
 *
 * Every transition is a pure function: state in, a {@link Transition} out — the new state as `value`,
 * or `{ ok: false, issues: [refusal] }` with the refusal's code and reason.
 * Who may do what comes from the plan's flows and bodies, not from code.
 */
import { lt, type LocalizedText } from '../i18n/text.js';
import type { Result } from '../result.js';
import { todayIn, type LocalDate } from '../period/index.js';
import { bodyInstance, getBody, getUnit, unitAtLevel } from '../plan/queries.js';
import type { Body, Flow, Plan } from '../plan/schema.js';
import { flowReceivedBy } from '../rollup/flows.js';
import { wardProgress } from '../rollup/progress.js';
import { STATUS_LABEL } from '../review-state/labels.js';
import { submissionFingerprint, type Submission } from '../rollup/submission.js';
import type {
  ActionContext,
  Actor,
  ChangeEntry,
  Confirmation,
  Meeting,
  Refusal,
  RefusalCode,
  ReturnEntry,
  ReturnEvent,
  ReturnStatus,
  ReviewState,
  Transition,
  VerificationEntry,
} from '../review-state/types.js';
import { fieldViews, type VerificationRecord, type VerificationResult } from '../rollup/verification.js';
import { ReviewStateSchema } from '../review-state/types.js';

/**
 * A new, empty review state for a plan.
 *
 * @example
 * ```ts
 * let review = emptyReview(plan);
 * ```
 */
export function emptyReview(plan: Plan): ReviewState {
  return { kind: 'sasaeai-review', version: 1, planId: plan.id, returns: {}, meetings: [], confirmations: [], changes: [] };
}

/** Errors open in a return: its error issues, or the errors counted on its rows if more. */
function openErrors(sub: Submission): number {
  let issues = 0;
  for (const i of sub.issues) if (i.severity === 'error') issues++;
  let rows = 0;
  for (const r of sub.records) rows += r.errors;
  return Math.max(issues, rows);
}

function refuse(code: RefusalCode, reason: LocalizedText): Transition {
  return { ok: false, issues: [{ code, reason }] };
}

/** A transition done: the new state, with nothing to note. */
function done(value: ReviewState): Transition {
  return { ok: true, value, issues: [] };
}

function nameOf(plan: Plan, bodyId: string): LocalizedText {
  return getBody(plan, bodyId)?.name ?? { ja: bodyId, en: bodyId };
}

function unitName(plan: Plan, code: string): LocalizedText {
  return getUnit(plan, code)?.name ?? { ja: code, en: code };
}

function flowOf(plan: Plan, templateId: string): Flow | undefined {
  return plan.flows.find((f) => f.template === templateId);
}

/** Bodies that act for a receiving body: itself and whoever holds its meetings (its secretariat). */
function receiverSide(plan: Plan, receiver: string): Set<string> {
  const ids = new Set([receiver]);
  for (const b of plan.bodies) if (b.holdsMeetingsOf?.includes(receiver)) ids.add(b.id);
  return ids;
}

function stampOf(ctx: ActionContext): { at: string; by: Actor } {
  return { at: ctx.now().toISOString(), by: ctx.actor };
}

/**
 * The body whose meetings confirm a receiving unit's progress: the receiver of the flow the unit's
 * compiled report rolls up (a ward's council, the town's single council).
 */
function receiverOf(plan: Plan, unitCode: string): { body: Body; flow: Flow } | undefined {
  const unit = getUnit(plan, unitCode);
  if (!unit) return undefined;
  try {
    const flow = flowReceivedBy(plan, unit);
    const body = getBody(plan, flow.to);
    return body ? { body, flow } : undefined;
  } catch {
    // A unit at a level no flow is received at has no meetings to hold.
    return undefined;
  }
}

/** What a return is about: its fiscal year, reporting units and receiving units. */
function describe(plan: Plan, sub: Submission): Pick<ReturnEntry, 'fiscalYear' | 'units' | 'scopes'> {
  const t = plan.templates.find((x) => x.id === sub.templateId);
  const flow = flowOf(plan, sub.templateId);
  const to = flow ? getBody(plan, flow.to) : undefined;
  const from = flow ? getBody(plan, flow.from) : undefined;
  const years = new Map<number, number>();
  const units = new Set<string>();
  for (const r of sub.records) {
    const fy = t ? r.values[t.fiscalYearField] : undefined;
    if (typeof fy === 'number') years.set(fy, (years.get(fy) ?? 0) + 1);
    const u = t && from?.perUnit ? r.values[t.unitField] : undefined;
    if (typeof u === 'string' && getUnit(plan, u)) units.add(u);
  }
  let fiscalYear: number | null = null;
  let best = 0;
  for (const [fy, n] of years) if (n > best || (n === best && fiscalYear !== null && fy < fiscalYear)) [fiscalYear, best] = [fy, n];
  const scopes = new Set<string>();
  if (to?.perUnit) for (const u of units) {
    const s = unitAtLevel(plan, u, to.level)?.code;
    if (s !== undefined) scopes.add(s);
  }
  else if (to) {
    // A single receiving body compiles the whole plan area: its scope is the top unit.
    const top = plan.units.find((u) => u.parent === undefined);
    if (top) scopes.add(top.code);
  }
  return { fiscalYear, units: [...units].sort(), scopes: [...scopes].sort() };
}

/** Checks that the actor acts for the receiving side of the return's flow, for its ward. */
function mayDecide(plan: Plan, entry: Pick<ReturnEntry, 'templateId' | 'scopes' | 'units'>, actor: Actor, verb: LocalizedText): Transition | null {
  const flow = flowOf(plan, entry.templateId);
  if (!flow) return refuse('bad_input', lt(`様式「${entry.templateId}」の報告の流れが計画にありません`, `The plan has no flow for template "${entry.templateId}"`));
  const toBody = getBody(plan, flow.to);
  const receiver = toBody?.perUnit && entry.scopes.length === 1 ? bodyInstance(plan, flow.to, entry.scopes[0]).name : nameOf(plan, flow.to);
  if (actor.body === flow.from && !receiverSide(plan, flow.to).has(actor.body)) {
    const sender = bodyInstance(plan, flow.from, actor.unit).name;
    return refuse(
      'own_return',
      lt(
        `${sender.ja}は自らの報告を${verb.ja}できません。${verb.ja}は報告先の${receiver.ja}（またはその事務局）が行います。`,
        `The ${sender.en} cannot ${verb.en} its own return: the receiving ${receiver.en} (or its secretariat) does.`,
      ),
    );
  }
  if (!receiverSide(plan, flow.to).has(actor.body)) {
    return refuse(
      'not_allowed',
      lt(`${nameOf(plan, actor.body).ja}はこの報告を${verb.ja}できません。${verb.ja}は${receiver.ja}（またはその事務局）が行います。`, `${nameOf(plan, actor.body).en} cannot ${verb.en} this return: the ${receiver.en} (or its secretariat) does.`),
    );
  }
  const to = getBody(plan, flow.to);
  if (to?.perUnit) {
    const foreign = entry.scopes.filter((s) => s !== actor.unit);
    if (actor.unit === undefined || foreign.length > 0 || entry.scopes.length === 0) {
      const where = (foreign.length > 0 ? foreign : entry.scopes).map((s) => unitName(plan, s));
      return refuse(
        'wrong_unit',
        lt(
          `この報告は${where.map((w) => w.ja).join('・') || '（受け手の単位が特定できない報告）'}宛てです。${actor.unit ? unitName(plan, actor.unit).ja : '担当の単位が指定されていない'}の担当者は${verb.ja}できません。`,
          `This return is for ${where.map((w) => w.en).join(', ') || '(no receiving unit identified)'}; someone acting for ${actor.unit ? unitName(plan, actor.unit).en : 'no unit'} cannot ${verb.en} it.`,
        ),
      );
    }
  }
  return null;
}

/** The confirmation locking a return, if any of its wards is confirmed for its fiscal year. */
function lockOf(state: ReviewState, entry: Pick<ReturnEntry, 'fiscalYear' | 'scopes'>): Confirmation | undefined {
  if (entry.fiscalYear === null) return undefined;
  let found: Confirmation | undefined;
  for (const c of state.confirmations) if (c.fiscalYear === entry.fiscalYear && entry.scopes.includes(c.ward)) found = c;
  return found;
}

function lockedRefusal(plan: Plan, conf: Confirmation): Transition {
  const ward = unitName(plan, conf.ward);
  return refuse(
    'locked',
    lt(
      `${ward.ja}の数値は${conf.meetingDate}の会議で確定済みです。変更するには理由を記入してください（変更は記録されます）。`,
      `${ward.en}'s progress was confirmed at the meeting of ${conf.meetingDate}. Give a reason to change it (the change is recorded).`,
    ),
  );
}

/** Applies a transition to a return, with the lock check and the change log. */
function apply(
  plan: Plan,
  state: ReviewState,
  prev: ReturnEntry | undefined,
  next: ReturnEntry,
  event: ReturnEvent,
  ctx: ActionContext,
  reason: string | undefined,
): Transition {
  const conf = lockOf(state, next) ?? (prev ? lockOf(state, prev) : undefined);
  const changes = [...state.changes];
  if (conf) {
    const why = (reason ?? ctx.reason ?? '').trim();
    if (why === '') return lockedRefusal(plan, conf);
    const change: ChangeEntry = {
      at: event.at,
      by: event.by,
      submissionId: next.submissionId,
      ward: conf.ward,
      fiscalYear: conf.fiscalYear,
      confirmationId: conf.id,
      action: event.action,
      from: event.from,
      to: event.to,
      reason: why,
      fingerprintBefore: prev?.fingerprint ?? null,
      fingerprintAfter: next.fingerprint,
    };
    changes.push(change);
    if (event.reason === undefined) event.reason = why;
  }
  next.history = [...(prev?.history ?? []), event];
  return done({ ...state, returns: { ...state.returns, [next.submissionId]: next }, changes });
}

function checkPlan(plan: Plan, state: ReviewState): Transition | null {
  return state.planId === plan.id
    ? null
    : refuse('wrong_plan', lt(`審査記録は計画「${state.planId}」のものです（現在の計画は「${plan.id}」）`, `The review state belongs to plan "${state.planId}", not "${plan.id}"`));
}

/**
 * Registers a return as received (受付). A return sent back can be received again; a return whose
 * content changed is received again as a new version (and must be accepted again). The sender
 * may register its own return; otherwise the receiving body or its secretariat does.
 *
 * @example
 * ```ts
 * const r = receive(plan, review, sub, { actor: { id: 'sato', body: 'ward-secretariat', unit: '12101' }, now: () => new Date() });
 * if (r.ok) review = r.value; else console.log(r.issues[0]?.reason.ja);
 * ```
 */
export function receive(plan: Plan, state: ReviewState, sub: Submission, ctx: ActionContext): Transition {
  const bad = checkPlan(plan, state);
  if (bad) return bad;
  const prev = state.returns[sub.id];
  const about = describe(plan, sub);
  const flow = flowOf(plan, sub.templateId);
  if (!flow) return refuse('bad_input', lt('様式が特定できない報告は受け付けできません', 'A return whose template is unknown cannot be received'));
  const own = ctx.actor.body === flow.from && (about.units.length === 0 || about.units.every((u) => u === ctx.actor.unit));
  if (!own) {
    const no = mayDecide(plan, { templateId: sub.templateId, ...about }, ctx.actor, lt('受付', 'receive'));
    if (no) return no;
  }
  const fingerprint = submissionFingerprint(sub);
  if (prev && prev.status !== 'sent-back' && prev.fingerprint === fingerprint) {
    return refuse('bad_status', lt('同じ内容の報告は受付済みです', 'This return has already been received with the same content'));
  }
  const stamp = stampOf(ctx);
  const receivedOn: LocalDate = sub.receivedOn ?? todayIn(plan.timeZone, ctx.now());
  const next: ReturnEntry = {
    submissionId: sub.id,
    templateId: sub.templateId,
    sheet: sub.sheet,
    ...about,
    status: 'received',
    fingerprint,
    receivedOn,
    openErrors: openErrors(sub),
    history: [],
  };
  if (sub.source !== undefined) next.source = sub.source;
  const event: ReturnEvent = { ...stamp, action: 'receive', from: prev?.status ?? null, to: 'received', fingerprint };
  return apply(plan, state, prev, next, event, ctx, undefined);
}

function transition(
  plan: Plan,
  state: ReviewState,
  id: string,
  ctx: ActionContext,
  action: ReturnEvent['action'],
  allowed: ReturnStatus[],
  to: ReturnStatus,
  verb: LocalizedText,
  patch: (e: ReturnEntry) => Transition | null,
  reason?: string,
): Transition {
  const bad = checkPlan(plan, state);
  if (bad) return bad;
  const prev = state.returns[id];
  if (!prev) return refuse('unknown_return', lt(`報告「${id}」は受付されていません`, `Return "${id}" has not been received`));
  const no = mayDecide(plan, prev, ctx.actor, verb);
  if (no) return no;
  if (!allowed.includes(prev.status)) {
    return refuse(
      'bad_status',
      lt(`報告の状態が「${STATUS_LABEL[prev.status].ja}」のため${verb.ja}できません`, `Cannot ${verb.en} a return that is ${STATUS_LABEL[prev.status].en.toLowerCase()}`),
    );
  }
  const next: ReturnEntry = { ...prev, status: to };
  const stop = patch(next);
  if (stop) return stop;
  const event: ReturnEvent = { ...stampOf(ctx), action, from: prev.status, to, fingerprint: next.fingerprint };
  if (reason !== undefined) event.reason = reason;
  return apply(plan, state, prev, next, event, ctx, reason);
}


/**
 * Records that a received return was checked (点検): its open errors are counted from the
 * submission's issues. The content must be the one received.
 *
 * @example
 * ```ts
 * const r = validateReturn(plan, review, sub, ctx);
 * ```
 */
export function validateReturn(plan: Plan, state: ReviewState, sub: Submission, ctx: ActionContext): Transition {
  return transition(plan, state, sub.id, ctx, 'validate', ['received', 'validated'], 'validated', lt('点検', 'validate'), (e) => {
    if (submissionFingerprint(sub) !== e.fingerprint) {
      return refuse('bad_status', lt('受付後に内容が変わっています。もう一度受付してください', 'The content changed since it was received; receive it again'));
    }
    e.openErrors = openErrors(sub);
    return null;
  });
}

/**
 * Accepts (受理) a validated return: from now on it counts in the ward's progress. Only the
 * receiving body of the flow (the ward council) or its secretariat may accept, never the sender.
 * A return with open errors is refused unless `acceptWithErrors` (its bad rows still do not count).
 *
 * @example
 * ```ts
 * const r = accept(plan, review, sub.id, { actor: secretariat, now: () => new Date() });
 * r.ok || r.reason.ja; // e.g. '寒川地区部会は自らの報告を受理できません。…'
 * ```
 */
export function accept(plan: Plan, state: ReviewState, submissionId: string, ctx: ActionContext, opts: { acceptWithErrors?: boolean } = {}): Transition {
  return transition(plan, state, submissionId, ctx, 'accept', ['validated'], 'accepted', lt('受理', 'accept'), (e) => {
    if (e.openErrors > 0 && opts.acceptWithErrors !== true) {
      return refuse(
        'open_errors',
        lt(`エラーが${e.openErrors}件残っています。差し戻すか、エラーのある行を除いて受理することを明示してください`, `${e.openErrors} errors are open: send the return back, or accept it explicitly without its bad rows`),
      );
    }
    delete e.sentBackReason;
    return null;
  });
}

/**
 * Sends a return back (差戻し) with a reason; it stops counting until received again.
 *
 * @example
 * ```ts
 * sendBack(plan, review, sub.id, '参加者数の記入漏れ', ctx);
 * ```
 */
export function sendBack(plan: Plan, state: ReviewState, submissionId: string, reason: string, ctx: ActionContext): Transition {
  if (reason.trim() === '') return refuse('reason_required', lt('差戻しには理由が必要です', 'A return can only be sent back with a reason'));
  return transition(
    plan,
    state,
    submissionId,
    ctx,
    'send-back',
    ['received', 'validated', 'accepted'],
    'sent-back',
    lt('差戻し', 'send back'),
    (e) => {
      e.sentBackReason = reason.trim();
      return null;
    },
    reason.trim(),
  );
}

function mayHoldMeeting(plan: Plan, actor: Actor, ward: string, verb: LocalizedText, allowCouncil: boolean): Transition | null {
  const council = receiverOf(plan, ward)?.body;
  if (!council)
    return refuse(
      'bad_input',
      lt(`${unitName(plan, ward).ja}の報告を受けて会議を開く組織が計画にありません`, `The plan has no body that receives reports for ${unitName(plan, ward).en} and holds meetings`),
    );
  const holders = plan.bodies.filter((b) => b.holdsMeetingsOf?.includes(council.id)).map((b) => b.id);
  const allowed = new Set(holders.length > 0 ? holders : [council.id]);
  if (allowCouncil) allowed.add(council.id);
  const names = [...allowed].map((id) => nameOf(plan, id));
  if (!allowed.has(actor.body)) {
    return refuse(
      'not_allowed',
      lt(`${verb.ja}は${names.map((n) => n.ja).join('または')}が行います`, `Only the ${names.map((n) => n.en).join(' or the ')} can ${verb.en}`),
    );
  }
  if (getBody(plan, actor.body)?.perUnit && actor.unit !== ward) {
    return refuse(
      'wrong_unit',
      lt(`${unitName(plan, ward).ja}の${verb.ja}は${unitName(plan, ward).ja}の担当者が行います`, `Only someone acting for ${unitName(plan, ward).en} can ${verb.en} for it`),
    );
  }
  return null;
}

/**
 * Records a meeting of a ward council in the register 開催記録 (date, agenda, returns reviewed).
 * The secretariat that holds the council's meetings records it.
 *
 * @example
 * ```ts
 * recordMeeting(plan, review, { ward: '12101', fiscalYear: 2026, date: '2027-05-20', agenda: ['令和8年度 区計画の推進状況の確認'] }, ctx);
 * ```
 */
export function recordMeeting(
  plan: Plan,
  state: ReviewState,
  meeting: { id?: string; ward: string; fiscalYear: number; date: LocalDate; agenda: string[]; reviewed?: string[]; note?: string },
  ctx: ActionContext,
): Transition {
  const bad = checkPlan(plan, state);
  if (bad) return bad;
  if (!getUnit(plan, meeting.ward)) return refuse('bad_input', lt(`「${meeting.ward}」は計画のどの単位でもありません`, `"${meeting.ward}" is not a unit of the plan`));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(meeting.date)) return refuse('bad_input', lt('開催日はYYYY-MM-DDで指定してください', 'Give the meeting date as YYYY-MM-DD'));
  const no = mayHoldMeeting(plan, ctx.actor, meeting.ward, lt('会議の記録', 'record a meeting'), false);
  if (no) return no;
  const base = meeting.id ?? `${meeting.ward}/${meeting.fiscalYear}/${meeting.date}`;
  let id = base;
  for (let n = 2; state.meetings.some((m) => m.id === id); n++) id = `${base}-${n}`;
  if (meeting.id !== undefined && id !== meeting.id) return refuse('bad_input', lt(`会議ID「${meeting.id}」は使用済みです`, `Meeting id "${meeting.id}" is taken`));
  const m: Meeting = {
    id,
    ward: meeting.ward,
    fiscalYear: meeting.fiscalYear,
    date: meeting.date,
    agenda: [...meeting.agenda],
    reviewed: [...(meeting.reviewed ?? [])],
    recorded: stampOf(ctx),
  };
  if (meeting.note !== undefined) m.note = meeting.note;
  return done({ ...state, meetings: [...state.meetings, m] });
}

/**
 * Confirms (確定) a ward's progress for a fiscal year at a recorded meeting: the figures of the
 * accepted returns are stored, and later changes to the ward's returns need a reason and show up
 * as changes against them. Refused while returns await a decision, and — unless each is listed in
 * `acknowledgeMissing` (obligation ids or district codes) — while reports are missing.
 *
 * @example
 * ```ts
 * const r = confirmWard(plan, review, submissions, { ward: '12101', fiscalYear: 2026, meetingId: m.id, acknowledgeMissing: ['12101-03'] }, ctx);
 * r.ok || r.issues[0]?.reason.ja; // '未提出の報告があります: 新宿地区部会 …'
 * ```
 */
export function confirmWard(
  plan: Plan,
  state: ReviewState,
  submissions: readonly Submission[],
  opts: { ward: string; fiscalYear: number; meetingId: string; acknowledgeMissing?: string[] },
  ctx: ActionContext,
): Transition {
  const bad = checkPlan(plan, state);
  if (bad) return bad;
  const no = mayHoldMeeting(plan, ctx.actor, opts.ward, lt('確定', 'confirm the figures'), true);
  if (no) return no;
  const meeting = state.meetings.find((m) => m.id === opts.meetingId);
  if (!meeting || meeting.ward !== opts.ward || meeting.fiscalYear !== opts.fiscalYear) {
    return refuse(
      'unknown_meeting',
      lt(
        `${unitName(plan, opts.ward).ja}の${opts.fiscalYear}年度を扱う会議「${opts.meetingId}」の記録がありません。先に会議を記録してください`,
        `No recorded meeting "${opts.meetingId}" of ${unitName(plan, opts.ward).en} for FY${opts.fiscalYear}; record the meeting first`,
      ),
    );
  }
  const pending = Object.values(state.returns).filter(
    (e) => e.fiscalYear === opts.fiscalYear && e.scopes.includes(opts.ward) && (e.status === 'received' || e.status === 'validated'),
  );
  if (pending.length > 0) {
    const names = pending.map((e) => `${e.source ? `${e.source} ` : ''}[${e.sheet}]`).join(', ');
    return refuse('pending_returns', lt(`受理か差戻しが決まっていない報告があります: ${names}`, `Returns still await acceptance or sending back: ${names}`));
  }
  const progress = wardProgress(plan, submissions, { fiscalYear: opts.fiscalYear, ward: opts.ward, review: state });
  const missing = progress.obligations.filter((o) => o.status === 'missing');
  const ack = new Set(opts.acknowledgeMissing ?? []);
  const unacknowledged = missing.filter((o) => !ack.has(o.id) && !(o.unit && ack.has(o.unit.code)));
  if (unacknowledged.length > 0) {
    return refuse(
      'missing_reports',
      lt(
        `未提出の報告があります: ${unacknowledged.map((o) => o.from.ja).join('、')}。未提出のまま確定するには、これらを確認済みとして指定してください`,
        `Reports are missing: ${unacknowledged.map((o) => o.from.en).join(', ')}. To confirm without them, acknowledge each of them`,
      ),
    );
  }
  const stamp = stampOf(ctx);
  const n = state.confirmations.filter((c) => c.ward === opts.ward && c.fiscalYear === opts.fiscalYear).length + 1;
  const conf: Confirmation = {
    ...stamp,
    id: `${opts.ward}/${opts.fiscalYear}/${n}`,
    ward: opts.ward,
    fiscalYear: opts.fiscalYear,
    meetingId: meeting.id,
    meetingDate: meeting.date,
    acknowledgedMissing: missing.map((o) => o.id),
    returns: Object.values(state.returns)
      .filter((e) => e.fiscalYear === opts.fiscalYear && e.scopes.includes(opts.ward) && e.status === 'accepted')
      .map((e) => ({ id: e.submissionId, fingerprint: e.fingerprint }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    figures: progress.figures,
    // The verification recorded so far is locked with the figures (null: confirmed without one).
    verification: ((v) => (v ? { id: v.id, fingerprint: v.fingerprint } : null))(latestVerification(state, opts.ward, opts.fiscalYear)),
  };
  const meetings = state.meetings.map((m) => (m.id === meeting.id ? { ...m, confirmed: conf.id } : m));
  return done({ ...state, meetings, confirmations: [...state.confirmations, conf] });
}

/** The verification last recorded for a receiving unit and fiscal year, if any. */
export function latestVerification(state: ReviewState, ward: string, fiscalYear: number): VerificationEntry | undefined {
  let found: VerificationEntry | undefined;
  for (const v of state.verifications ?? []) if (v.ward === ward && v.fiscalYear === fiscalYear) found = v;
  return found;
}

/** A stable fingerprint of verification records (subject order and key order do not matter). */
function verificationFingerprint(records: readonly VerificationRecord[]): string {
  const sorted = [...records]
    .sort((a, b) => (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0))
    .map((r) => [r.subject, Object.keys(r.values).sort().map((k) => [k, r.values[k] ?? null])]);
  let h = 0x811c9dc5;
  const text = JSON.stringify(sorted);
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `v1:${text.length}:${h.toString(16).padStart(8, '0')}`;
}

/**
 * Records the receiving body's verification of a compiled report (確認・評価, 成果と課題の検証) at
 * one of its recorded meetings: what it recorded per subject, as read back from its verification
 * sheet (`readVerification`). Refused while the sheet has errors, and when the actor does not act
 * for the receiving body (or its secretariat) of that unit. Once the unit's progress is confirmed,
 * the verification is locked with the figures: recording it again needs a reason and is logged.
 *
 * @example
 * ```ts
 * const v = readVerification(plan, progress, grid);
 * const r = recordVerification(plan, review, v, { meetingId: m.id }, ctx);
 * ```
 */
export function recordVerification(plan: Plan, state: ReviewState, verification: VerificationResult, opts: { meetingId: string }, ctx: ActionContext): Transition {
  const bad = checkPlan(plan, state);
  if (bad) return bad;
  const ward = verification.unit;
  const receiver = receiverOf(plan, ward);
  if (!receiver || receiver.body.id !== verification.bodyId)
    return refuse(
      'bad_input',
      lt(`この検証は${unitName(plan, ward).ja}の報告を受ける組織のものではありません`, `This verification is not by the body that receives ${unitName(plan, ward).en}'s reports`),
    );
  const verb = lt('検証の記録', 'record the verification');
  const no = mayHoldMeeting(plan, ctx.actor, ward, verb, true);
  if (no) return no;
  const meeting = state.meetings.find((m) => m.id === opts.meetingId);
  if (!meeting || meeting.ward !== ward || meeting.fiscalYear !== verification.fiscalYear)
    return refuse(
      'unknown_meeting',
      lt(
        `${unitName(plan, ward).ja}の${verification.fiscalYear}年度を扱う会議「${opts.meetingId}」の記録がありません。検証は会議で行います。先に会議を記録してください`,
        `No recorded meeting "${opts.meetingId}" of ${unitName(plan, ward).en} for FY${verification.fiscalYear}; a verification is made at a meeting, record it first`,
      ),
    );
  const errors = verification.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0)
    return refuse(
      'verification_errors',
      lt(`検証シートにエラーが${errors.length}件あります（${errors[0]!.message.ja}）`, `The verification sheet has ${errors.length} errors (${errors[0]!.message.en})`),
    );
  const stamp = stampOf(ctx);
  const records = verification.records.map((r) => ({ subject: r.subject, values: { ...r.values }, row: r.row }));
  const fingerprint = verificationFingerprint(records);
  const prev = latestVerification(state, ward, verification.fiscalYear);
  const n = (state.verifications ?? []).filter((v) => v.ward === ward && v.fiscalYear === verification.fiscalYear).length + 1;
  const entry: VerificationEntry = {
    ...stamp,
    id: `${ward}/${verification.fiscalYear}/verification/${n}`,
    ward,
    fiscalYear: verification.fiscalYear,
    flowId: verification.flowId,
    bodyId: verification.bodyId,
    meetingId: meeting.id,
    meetingDate: meeting.date,
    records,
    fingerprint,
  };
  const conf = [...state.confirmations].reverse().find((c) => c.ward === ward && c.fiscalYear === verification.fiscalYear);
  const changes = [...state.changes];
  if (conf) {
    const why = (ctx.reason ?? '').trim();
    if (why === '')
      return refuse(
        'locked',
        lt(
          `${unitName(plan, ward).ja}の数値と検証は${conf.meetingDate}の会議で確定済みです。検証を記録し直すには理由を記入してください（変更は記録されます）。`,
          `${unitName(plan, ward).en}'s figures and verification were confirmed at the meeting of ${conf.meetingDate}. Give a reason to record the verification again (the change is recorded).`,
        ),
      );
    changes.push({
      ...stamp,
      submissionId: `verification:${entry.id}`,
      ward,
      fiscalYear: verification.fiscalYear,
      confirmationId: conf.id,
      action: 'verify',
      // The verification as recorded now is what counts: `to` is accepted.
      from: null,
      to: 'accepted',
      reason: why,
      fingerprintBefore: prev?.fingerprint ?? null,
      fingerprintAfter: fingerprint,
    });
  }
  return done({ ...state, changes, verifications: [...(state.verifications ?? []), entry] });
}

/**
 * The verifications recorded in a review state for a fiscal year (the latest of each receiving
 * unit), in the shape the roll-up carries (`verifications` of its options).
 *
 * @example
 * ```ts
 * annualReport(plan, subs, { fiscalYear: 2026, review, verifications: recordedVerifications(plan, review, 2026) });
 * ```
 */
export function recordedVerifications(plan: Plan, state: ReviewState, fiscalYear: number): VerificationResult[] {
  const last = new Map<string, VerificationEntry>();
  for (const v of state.verifications ?? []) if (v.fiscalYear === fiscalYear) last.set(v.ward, v);
  return [...last.values()].map((v) => ({
    kind: 'verification',
    unit: v.ward,
    flowId: v.flowId,
    fiscalYear: v.fiscalYear,
    bodyId: v.bodyId,
    fields: fieldViews(plan, getBody(plan, v.bodyId)?.verification),
    records: v.records.map((r) => ({ subject: r.subject, values: { ...r.values }, row: r.row })),
    issues: [],
  }));
}

/**
 * The review status of a return, or undefined when the review does not know it.
 *
 * @example
 * ```ts
 * reviewStatus(review, sub.id); // 'accepted'
 * ```
 */
export function reviewStatus(state: ReviewState, submissionId: string): ReturnStatus | undefined {
  return state.returns[submissionId]?.status;
}

/**
 * Reads a review state kept in a file or a workbook, checking its shape. Problems are returned,
 * not thrown: a state that is not valid is refused with code `bad_input`, in the same
 * {@link Result} shape as a transition.
 *
 * @example
 * ```ts
 * const r = parseReviewState(JSON.parse(text));
 * const review = r.ok ? r.value : emptyReview(plan);
 * ```
 */
export function parseReviewState(json: unknown): Result<ReviewState, never, Refusal> {
  const r = ReviewStateSchema.safeParse(json);
  if (r.success) return done(r.data);
  const first = r.error.issues[0];
  const at = first ? first.path.map(String).join('.') : '';
  return refuse(
    'bad_input',
    lt(`審査記録の形式が正しくありません（${at || '全体'}: ${first?.message ?? ''}）`, `The review state is not valid (at ${at || 'top level'}: ${first?.message ?? ''})`),
  );
}
