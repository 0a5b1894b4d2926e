/**
 * Completeness and timeliness 提出状況: which reports the plan expects in a fiscal year, which
 * arrived, which are missing or late — per district, per ward, city-wide — with the rates of
 * expected reports received and received on time, as DHIS2 reports them.
 */
import { lt } from '../i18n/text.js';
import { formatFiscalYear, type LocalDate } from '../period/index.js';
import { bodyInstance, getBody, getTemplate, obligations as planObligations, resolveUnit, type Obligation } from '../plan/queries.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { dedupeSubmissions, receiverLevel, receiverUnits, templatedFlows } from './flows.js';
import { PERIODS_PER_YEAR } from '../plan/periods.js';
import { periodWindows, reportPeriod } from '../plan/period-window.js';
import type { Plan } from '../plan/schema.js';
import type { ReviewState } from '../review-state/types.js';
import { SINGLE, newSink, rowList, scan, scopeRefs, shapeOf, sortSubmissions, unitRef, type Scan, type ScopeScan, type Sink } from './engine.js';
import { lazyProperty } from './lazy.js';
import { figureId, rowId } from './figure-id.js';
import type { Submission } from './submission.js';
import type { CompiledStepStatus, Completeness, CompletenessRow, NamedRef, ObligationStatus, VerificationStep } from './types.js';

/** @internal A scope of a scan, as completeness reads it. */
export interface ScopePart {
  scan: Scan;
  ss: ScopeScan | undefined;
  scope: string;
}

/**
 * @internal Status of each obligation of the parts. With `joined`, rows are numbered as the
 * parts' rows one after the other (as in the completeness `refs`); without, each part's rows
 * are numbered as in its scope.
 * @example
 * ```ts
 * obligationStatuses(plan, parts, owed, false, true, sink);
 * ```
 */
export function obligationStatuses(
  plan: Plan,
  parts: ScopePart[],
  owed: Obligation[],
  countInvalid: boolean,
  joined: boolean,
  sink: Sink,
): ObligationStatus[] {
  const top = plan.units.find((u) => u.parent === undefined)?.code ?? SINGLE;
  const out: ObligationStatus[] = [];
  let next = 0;
  for (const part of parts) {
    const offset = joined ? next : 0;
    next += part.ss?.n ?? 0;
    const flowIds = part.scan.shape.flowIds;
    const cadenceOf = new Map(plan.flows.map((f) => [f.id, f.cadence]));
    for (const o of owed) {
      if (!flowIds.includes(o.flowId)) continue;
      const cadence = cadenceOf.get(o.flowId) ?? 'fiscal-year';
      const perPeriod = PERIODS_PER_YEAR[cadence] > 1;
      const windows = perPeriod && o.templateId !== undefined ? periodWindows(plan, o.templateId, o.fiscalYear) : [];
      const scope = o.to.unit?.code ?? top;
      if (scope !== part.scope) continue;
      const unitCode = o.from.unit?.code ?? SINGLE;
      const ua = part.ss?.units.get(unitCode);
      let returns = 0;
      let invalidReturns = 0;
      let first: LocalDate | null = null;
      let last: LocalDate | null = null;
      let onTime = false;
      const counted = new Set<number>();
      if (ua) {
        for (const ret of ua.returns.values()) {
          // A return answers the obligation of its period: its period field, else the period whose
          // window (start to closing date) holds its report date — a year-end report dated in May
          // of the next year is the year-end's, an interim written in October the interim's.
          if (perPeriod) {
            const p = ret.period ?? (ret.maxDate === null ? null : (reportPeriod(windows, ret.maxDate)?.period ?? null));
            if (p !== o.periodIndex) continue;
          }
          if (ret.errors > 0 && !countInvalid) {
            invalidReturns++;
            continue;
          }
          returns++;
          counted.add(ret.sub);
          const date = part.scan.uses[ret.sub]?.receivedOn ?? ret.maxDate;
          // A return with no date at all cannot be shown to be late.
          if (date === null || date <= o.due) onTime = true;
          if (date !== null) {
            if (first === null || date < first) first = date;
            if (last === null || date > last) last = date;
          }
        }
      }
      const subjects = ua ? (countInvalid ? ua.subjectsAll : ua.subjectsValid) : new Set<string>();
      const rows = ua ? arrivedRowsOf(ua.arrivedRows, part.ss!.subOf, counted, ua.returns.size, offset) : [];
      const st: ObligationStatus = {
        id: o.id,
        flowId: o.flowId,
        templateId: o.templateId ?? '',
        unit: o.from.unit ? unitRef(plan, o.from.unit.code) : null,
        scope,
        from: o.from.name,
        to: o.to.name,
        due: o.due,
        presetDeadline: o.presetDeadline,
        status: returns === 0 ? 'missing' : onTime ? 'on-time' : 'late',
        returns,
        invalidReturns,
        firstReceived: first,
        lastReceived: last,
        expectedSubjects: o.expectedSubjects,
        coveredSubjects: o.expectedSubjects.filter((s) => subjects.has(s)),
        rows,
      };
      out.push(st);
      sink.figures[figureId(o.id, 'status')] = st.status;
      sink.provenance[figureId(o.id, 'status')] = { rows };
      sink.figures[figureId(o.id, 'returns')] = returns;
      sink.provenance[figureId(o.id, 'returns')] = { rows };
      sink.figures[figureId(o.id, 'firstReceived')] = first;
      sink.provenance[figureId(o.id, 'firstReceived')] = { rows };
    }
  }
  return out;
}

/**
 * The arrived rows of the counted returns, numbered from `offset`: the unit's own list when
 * every return counts and the numbering is its scope's (shared, not copied).
 */
function arrivedRowsOf(arrived: number[], subOf: ArrayLike<number>, counted: Set<number>, returns: number, offset: number): number[] {
  // Usually every return of the unit counts: then no row needs its return looked up.
  if (counted.size === returns) return offset === 0 ? arrived : rowList(arrived, offset);
  const out: number[] = [];
  for (let i = 0; i < arrived.length; i++) {
    const r = arrived[i]!;
    if (counted.has(subOf[r]!)) out.push(r + offset);
  }
  return out;
}

/**
 * @internal Completeness figures of a group of obligations, emitted under `id`.
 * @example
 * ```ts
 * completenessRow('12101/completeness', ward, statuses, sink);
 * ```
 */
export function completenessRow(id: string, unit: NamedRef, sts: ObligationStatus[], sink: Sink): CompletenessRow {
  const expected = sts.length;
  const rec = sts.filter((s) => s.status !== 'missing');
  const onTime = sts.filter((s) => s.status === 'on-time');
  const late = sts.filter((s) => s.status === 'late');
  const row: CompletenessRow = {
    id,
    unit,
    expected,
    received: rec.length,
    onTime: onTime.length,
    late: late.length,
    missing: expected - rec.length,
    rate: expected === 0 ? null : rec.length / expected,
    onTimeRate: expected === 0 ? null : onTime.length / expected,
  };
  const from = (l: ObligationStatus[]) => ({ from: l.map((s) => figureId(s.id, 'returns')) });
  const put = (k: string, v: number | null, p: { from: string[] }) => {
    sink.figures[figureId(id, k)] = v;
    sink.provenance[figureId(id, k)] = p;
  };
  put('expected', row.expected, from([]));
  put('received', row.received, from(rec));
  put('onTime', row.onTime, from(onTime));
  put('late', row.late, from(late));
  put('missing', row.missing, from([]));
  put('rate', row.rate, from(rec));
  put('onTimeRate', row.onTimeRate, from(onTime));
  return row;
}

/**
 * @internal Builds the completeness of the given scans.
 * @example
 * ```ts
 * buildCompleteness(plan, 2026, scans, { countInvalid: false });
 * ```
 */
export function buildCompleteness(
  plan: Plan,
  fiscalYear: number,
  scans: Scan[],
  opts: { countInvalid: boolean; within?: string | undefined; review?: ReviewState | undefined },
): Completeness {
  const top = plan.units.find((u) => u.parent === undefined)?.code ?? SINGLE;
  const owed = planObligations(plan, fiscalYear, opts.within === undefined || opts.within === top ? {} : { within: opts.within }).filter(
    (o) => o.templateId !== undefined && scans.some((s) => s.shape.flowIds.includes(o.flowId)),
  );
  const parts: ScopePart[] = [];
  for (const s of scans) {
    const scopesOwed = new Set(owed.filter((o) => s.shape.flowIds.includes(o.flowId)).map((o) => o.to.unit?.code ?? top));
    for (const scope of new Set([...scopesOwed, ...s.scopes.keys()])) parts.push({ scan: s, ss: s.scopes.get(scope), scope });
  }
  const order = new Map(plan.units.map((u, i) => [u.code, i]));
  parts.sort((a, b) => (order.get(a.scope) ?? 1e9) - (order.get(b.scope) ?? 1e9) || (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0));
  const sink = newSink();
  const statuses = obligationStatuses(plan, parts, owed, opts.countInvalid, true, sink);
  const scopes = [...new Set(parts.map((p) => p.scope))];
  const byScope = scopes.map((sc) => completenessRow(rowId(sc, 'completeness'), unitRef(plan, sc), statuses.filter((s) => s.scope === sc), sink));
  const byFlow = [...new Set(owed.map((o) => o.flowId))].map((flowId) => {
    const flow = plan.flows.find((f) => f.id === flowId)!;
    const first = owed.find((o) => o.flowId === flowId)!;
    const row = completenessRow(rowId(flowId, 'completeness'), { code: flowId, name: flow.content }, statuses.filter((s) => s.flowId === flowId), sink);
    return { ...row, flowId, content: flow.content, due: first.due };
  });
  const within = opts.within === undefined ? null : unitRef(plan, opts.within);
  const total = completenessRow('*/completeness', within ?? unitRef(plan, top), statuses, sink);
  const steps = opts.review ? reviewSteps(plan, fiscalYear, opts.review, opts.within, sink) : { compiled: [], verification: [] };
  const completeness: Completeness = {
    kind: 'completeness',
    planId: plan.id,
    fiscalYear,
    fiscalYearLabel: { ja: formatFiscalYear(fiscalYear, plan.fiscalYear.labelStyle, 'ja'), en: formatFiscalYear(fiscalYear, plan.fiscalYear.labelStyle, 'en') },
    within,
    countInvalid: opts.countInvalid,
    obligations: statuses,
    byScope,
    byFlow,
    total,
    compiled: steps.compiled,
    verification: steps.verification,
    // Made on first read (the placeholder keeps the key's place): the parts' rows one after the other.
    refs: [],
    figures: sink.figures,
    provenance: sink.provenance,
  };
  return lazyProperty(completeness, 'refs', () => parts.flatMap((p) => (p.ss === undefined ? [] : scopeRefs(p.scan.subs, p.ss))));
}

/**
 * Completeness and timeliness of the returns of a fiscal year (提出状況): for every report the plan
 * expects (its obligations), whether it arrived, on time or late against the flow's closing date,
 * and the rates per ward, per flow and overall. A return with open validation errors does not
 * count unless `countInvalid`; with a review state, returns sent back or not registered do not
 * count.
 *
 * @example
 * ```ts
 * const c = completeness(plan, submissions, { fiscalYear: 2026, within: '12101' });
 * c.total.rate;       // e.g. 0.875 (7 of 8 district returns received)
 * c.total.onTimeRate; // e.g. 0.75
 * ```
 */
export function completeness(
  plan: Plan,
  submissions: readonly Submission[],
  opts: { fiscalYear: number; within?: string; countInvalid?: boolean; review?: ReviewState },
): Completeness {
  if (!Number.isInteger(opts.fiscalYear))
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `fiscalYear: expected an integer year, got ${String(opts.fiscalYear)}`);
  const topUnit = plan.units.find((u) => u.parent === undefined);
  const top = topUnit?.code ?? SINGLE;
  if (opts.within !== undefined) {
    // Completeness is kept per receiving unit: `within` names one (a ward) or the top unit.
    const levels = [...new Set([...templatedFlows(plan).map((f) => receiverLevel(plan, f)), topUnit?.level])].filter((l): l is string => l !== undefined);
    opts = { ...opts, within: resolveUnit(plan, opts.within, { levels, what: 'within' }).code };
  }
  const { subs } = dedupeSubmissions(sortSubmissions(submissions));
  const scans: Scan[] = [];
  for (const flow of templatedFlows(plan)) {
    const t = getTemplate(plan, flow.template!);
    if (!t || scans.some((s) => s.shape.template.id === t.id)) continue;
    const shape = shapeOf(plan, t, flow);
    const scopes = opts.within === undefined || opts.within === top ? undefined : new Set([opts.within]);
    scans.push(
      scan(plan, subs, shape, {
        fiscalYear: opts.fiscalYear,
        ...(scopes ? { scopes } : {}),
        review: opts.review,
        includeProvisional: true,
        includeInvalid: opts.countInvalid === true,
      }),
    );
  }
  return buildCompleteness(plan, opts.fiscalYear, scans, { countInvalid: opts.countInvalid === true, within: opts.within, review: opts.review });
}

function lastOf<T extends { ward: string; fiscalYear: number }>(items: readonly T[] | undefined, ward: string, fiscalYear: number): T | undefined {
  let found: T | undefined;
  for (const x of items ?? []) if (x.ward === ward && x.fiscalYear === fiscalYear) found = x;
  return found;
}

/**
 * The steps completeness reads from the review state: each compiling flow's obligations (a ward
 * council's progress owed to the city: received when confirmed at a meeting), and per receiving
 * unit whose body the plan asks to verify, whether it verified and confirmed.
 */
function reviewSteps(plan: Plan, fiscalYear: number, review: ReviewState, within: string | undefined, sink: Sink): { compiled: CompiledStepStatus[]; verification: VerificationStep[] } {
  const top = plan.units.find((u) => u.parent === undefined)?.code;
  const scope = within === undefined || within === top ? {} : { within };
  const compiled: CompiledStepStatus[] = [];
  for (const flow of plan.flows) {
    if (flow.template !== undefined || !flow.compiles?.some((id) => plan.flows.find((f) => f.id === id)?.template !== undefined)) continue;
    for (const o of planObligations(plan, fiscalYear, { ...scope, flowId: flow.id })) {
      const unit = o.from.unit?.code ?? top;
      const conf = unit === undefined ? undefined : lastOf(review.confirmations, unit, fiscalYear);
      const confirmedOn = conf?.meetingDate ?? null;
      const st: CompiledStepStatus = {
        id: o.id,
        flowId: flow.id,
        unit: o.from.unit ? unitRef(plan, o.from.unit.code) : null,
        from: o.from.name,
        to: o.to.name,
        due: o.due,
        presetDeadline: o.presetDeadline,
        status: confirmedOn === null ? 'missing' : confirmedOn <= o.due ? 'on-time' : 'late',
        confirmedOn,
      };
      compiled.push(st);
      sink.figures[figureId(o.id, 'status')] = st.status;
      sink.provenance[figureId(o.id, 'status')] = { from: [] };
    }
  }
  const verification: VerificationStep[] = [];
  const seen = new Set<string>();
  for (const flow of templatedFlows(plan)) {
    const body = getBody(plan, flow.to);
    if (!body?.verification) continue;
    for (const u of receiverUnits(plan, flow, fiscalYear)) {
      if (seen.has(u.code)) continue;
      if (within !== undefined && within !== top && u.code !== within) continue;
      seen.add(u.code);
      const v = lastOf(review.verifications, u.code, fiscalYear);
      const conf = lastOf(review.confirmations, u.code, fiscalYear);
      const id = rowId(u.code, 'verification');
      const step: VerificationStep = {
        id,
        unit: unitRef(plan, u.code),
        body: bodyInstance(plan, body.id, body.perUnit ? u.code : undefined).name,
        flowId: flow.id,
        verifiedOn: v?.meetingDate ?? null,
        recorded: v ? new Set(v.records.map((r) => r.subject)).size : 0,
        confirmedOn: conf?.meetingDate ?? null,
        locked: v !== undefined && conf?.verification?.id === v.id,
      };
      verification.push(step);
      sink.figures[figureId(id, 'recorded')] = step.recorded;
      sink.figures[figureId(id, 'verifiedOn')] = step.verifiedOn;
      sink.figures[figureId(id, 'confirmedOn')] = step.confirmedOn;
      for (const k of ['recorded', 'verifiedOn', 'confirmedOn']) sink.provenance[figureId(id, k)] = { from: [] };
    }
  }
  const put = (k: string, v: number) => {
    // `*`: every unit of the step.
    sink.figures[figureId(rowId(SINGLE, 'verification'), k)] = v;
    sink.provenance[figureId(rowId(SINGLE, 'verification'), k)] = { from: verification.map((x) => figureId(x.id, 'recorded')) };
  };
  if (verification.length > 0) {
    put('expected', verification.length);
    put('verified', verification.filter((x) => x.verifiedOn !== null).length);
    put('confirmed', verification.filter((x) => x.confirmedOn !== null).length);
  }
  return { compiled, verification };
}

/** @internal Labels of timeliness. */
export const TIMELINESS_LABEL = {
  'on-time': lt('期限内', 'On time'),
  late: lt('期限後', 'Late'),
  missing: lt('未提出', 'Missing'),
} as const;
