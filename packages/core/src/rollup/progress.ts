/**
 * Ward-plan progress 区計画の推進状況 (what a ward council 区支え合いのまち推進協議会 compiles from its
 * district chapters' returns) and the annual report to the expert subcommittee
 * 地域福祉専門分科会への報告 (every ward side by side, city totals, the chapter-4 measures table).
 */
import { lt, type LocalizedText } from '../i18n/text.js';
import { formatFiscalYear } from '../period/index.js';
import { bodyInstance, getBody, getTemplate, getUnit, obligations as planObligations, resolveUnit, type Obligation } from '../plan/queries.js';
import type { Flow, Plan } from '../plan/schema.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { chainFlow, dedupeSubmissions, flowReceivedBy, receiverUnits, tableFlow } from './flows.js';
import { NOTICE, type NothingCountedReason, type RollupNotice } from './notices.js';
import { tableVerificationOf, verificationStatus } from './verification.js';
import type { FieldValue, RowRef } from '../returns/types.js';
import type { ReviewState } from '../review-state/types.js';
import { buildCompleteness, completenessRow, obligationStatuses } from './completeness.js';
import {
  SINGLE,
  buildCells,
  emitAggregate,
  mergeAggregates,
  scan,
  scopeRefs,
  shapeOf,
  sortSubmissions,
  subjectRef,
  unitRef,
  type BuiltCell,
  type Scan,
  type ScopeScan,
  type Sink,
  newSink,
  rowDate,
  type TemplateShape,
} from './engine.js';
import { ALL_SUBJECTS, figureId, parseFigureId, rowId } from './figure-id.js';
import { lazyProperty } from './lazy.js';
import type { Submission } from './submission.js';
import type {
  Aggregate,
  AnnualReport,
  ConfirmationView,
  DistrictRow,
  FigureChange,
  FigureValue,
  ListItem,
  MeasuresTable,
  MeetingRow,
  ObligationStatus,
  RollupOptions,
  ReportList,
  SubjectRow,
  WardProgress,
} from './types.js';
import type { SubmissionUse } from './use.js';

function flowShape(plan: Plan, flow: Flow | undefined): TemplateShape | undefined {
  const t = flow?.template === undefined ? undefined : getTemplate(plan, flow.template);
  return t ? shapeOf(plan, t, flow) : undefined;
}

function fyLabel(plan: Plan, fy: number): LocalizedText {
  return { ja: formatFiscalYear(fy, plan.fiscalYear.labelStyle, 'ja'), en: formatFiscalYear(fy, plan.fiscalYear.labelStyle, 'en') };
}

function topCode(plan: Plan): string {
  return plan.units.find((u) => u.parent === undefined)?.code ?? SINGLE;
}

function unitOrder(plan: Plan): Map<string, number> {
  return new Map(plan.units.map((u, i) => [u.code, i]));
}

function subjectOrder(plan: Plan): Map<string, number> {
  const m = new Map<string, number>();
  plan.initiatives.forEach((x, i) => m.set(x.code, i));
  plan.measures.forEach((x, i) => m.set(x.code, 10_000 + i));
  return m;
}

const byOrder =
  (order: Map<string, number>) =>
  (a: string, b: string): number =>
    (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || (a < b ? -1 : a > b ? 1 : 0);

/** Uses of the returns with rows in one scope, their row counts recounted for it. */
function usesForScope(sc: Scan, ss: ScopeScan | undefined, scope: string): SubmissionUse[] {
  const other = sc.otherYear.get(scope);
  if (!ss && !other) return [];
  const records = new Int32Array(sc.uses.length);
  const errors = new Int32Array(sc.uses.length);
  if (ss) {
    for (let i = 0; i < ss.subOf.length; i++) records[ss.subOf[i]!]!++;
    for (const ua of ss.units.values()) for (const i of ua.errorRows) errors[ss.subOf[i]!]!++;
  }
  const out: SubmissionUse[] = [];
  for (let si = 0; si < sc.uses.length; si++) {
    const otherYear = other?.get(si) ?? 0;
    if (records[si]! > 0 || otherYear > 0) out.push({ ...sc.uses[si]!, records: records[si]!, rowsWithErrors: errors[si]!, otherYear });
  }
  return out;
}

function diffFigures(before: Record<string, FigureValue>, after: Record<string, FigureValue>): FigureChange[] {
  const out: FigureChange[] = [];
  for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[id];
    const a = after[id];
    if (b !== a) out.push({ figureId: id, before: b, after: a });
  }
  return out.sort((x, y) => (x.figureId < y.figureId ? -1 : 1));
}

function confirmationOf(review: ReviewState | undefined, ward: string, fy: number, figures: Record<string, FigureValue>): ConfirmationView | undefined {
  if (!review) return undefined;
  const confs = review.confirmations.filter((c) => c.ward === ward && c.fiscalYear === fy);
  const conf = confs[confs.length - 1];
  if (!conf) return undefined;
  return {
    id: conf.id,
    meetingId: conf.meetingId,
    meetingDate: conf.meetingDate,
    at: conf.at,
    by: conf.by.name ?? conf.by.id,
    acknowledgedMissing: conf.acknowledgedMissing,
    changes: diffFigures(conf.figures, figures),
    log: review.changes.filter((c) => c.confirmationId === conf.id),
  };
}

/**
 * Positions of a cell's rows, given their report dates in row order, ordered by date (no date
 * first); the sort is stable, so ties keep row order.
 */
function byDate(dates: readonly (string | null)[]): number[] {
  const pos = dates.map((_, i) => i);
  return pos.sort((a, b) => {
    const x = dates[a] ?? '';
    const y = dates[b] ?? '';
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Position of `x` in an ascending list, or -1. */
function indexIn(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const y = sorted[mid]!;
    if (y === x) return mid;
    if (y < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A list whose `items` are made on first read ({@link lazyProperty}). */
function lazyItems(list: Omit<ReportList, 'items'>, build: () => ListItem[]): ReportList {
  return lazyProperty(list, 'items', build);
}

/** @internal Builds one ward's progress from its scope of a scan. */
function buildWard(
  plan: Plan,
  sc: Scan | undefined,
  shape: TemplateShape | undefined,
  ward: string,
  owed: Obligation[],
  opts: RollupOptions,
): WardProgress {
  const sink = newSink();
  const ss = sc?.scopes.get(ward);
  const uOrder = unitOrder(plan);
  const sOrder = subjectOrder(plan);
  const unitCmp = byOrder(uOrder);
  const subjCmp = byOrder(sOrder);
  if (ss) ss.cells.sort((a, b) => unitCmp(a.unit, b.unit) || subjCmp(a.subject, b.subject) || (a.rows[0] ?? 0) - (b.rows[0] ?? 0));
  const cells: BuiltCell[] = ss && shape ? buildCells(plan, ss, shape, sink) : [];
  const top = topCode(plan);
  const wardOwed = owed.filter((o) => shape !== undefined && shape.flowIds.includes(o.flowId) && (o.to.unit?.code ?? top) === ward);
  const statuses = sc ? obligationStatuses(plan, [{ scan: sc, ss, scope: ward }], wardOwed, opts.includeInvalid === true, false, sink) : [];
  const wardRef = unitRef(plan, ward);
  const comp = completenessRow(rowId(ward, 'completeness'), wardRef, statuses, sink);

  // By subject (initiative): the ward's plan first, in plan order, then anything else reported.
  const cellsBySubject = new Map<string, number[]>();
  const cellsByUnit = new Map<string, number[]>();
  cells.forEach((c, i) => {
    (cellsBySubject.get(c.subjectCode) ?? cellsBySubject.set(c.subjectCode, []).get(c.subjectCode)!).push(i);
    (cellsByUnit.get(c.unitCode) ?? cellsByUnit.set(c.unitCode, []).get(c.unitCode)!).push(i);
  });
  const expectedBySubject = new Map<string, number>();
  // Per sending unit, not per report owed: two reports a year expect the same subjects once.
  const expectedOf = new Map<string, string[]>();
  for (const o of wardOwed) if (!expectedOf.has(o.from.unit?.code ?? SINGLE)) expectedOf.set(o.from.unit?.code ?? SINGLE, o.expectedSubjects);
  for (const subjects of expectedOf.values()) for (const s of subjects) expectedBySubject.set(s, (expectedBySubject.get(s) ?? 0) + 1);
  const subjectCodes = [...new Set([...expectedBySubject.keys(), ...cellsBySubject.keys()])].sort(subjCmp);
  const subjectRow = (prefix: string, code: string, idx: number[], expected: number): SubjectRow => {
    const { agg, provisional } = shape
      ? emitAggregate(sink, prefix, idx, cells, shape)
      : { agg: { cells: 0, records: 0, sum: {}, count: {}, dist: {}, latest: {} } as Aggregate, provisional: false };
    sink.figures[figureId(prefix, 'expected')] = expected;
    sink.provenance[figureId(prefix, 'expected')] = { rows: [] };
    // Units (× subjects for the total) that reported, not cells: an extra key (a department, an
    // indicator) may split one unit's report on a subject into several cells.
    const reported = new Set(idx.map((i) => `${cells[i]!.unitCode}\u001f${cells[i]!.subjectCode}`)).size;
    sink.figures[figureId(prefix, 'reported')] = reported;
    sink.provenance[figureId(prefix, 'reported')] = { cells: idx, pick: 'all' };
    sink.figures[figureId(prefix, 'reportedRate')] = expected === 0 ? null : reported / expected;
    sink.provenance[figureId(prefix, 'reportedRate')] = { cells: idx, pick: 'all' };
    return { id: prefix, subject: subjectRef(plan, code), expected, reported, agg, provisional };
  };
  const subjects = subjectCodes.map((s) => subjectRow(rowId(ward, s), s, cellsBySubject.get(s) ?? [], expectedBySubject.get(s) ?? 0));
  const total = subjectRow(
    rowId(ward, ALL_SUBJECTS),
    ALL_SUBJECTS,
    cells.map((_, i) => i),
    [...expectedBySubject.values()].reduce((a, b) => a + b, 0),
  );

  // By district.
  // A unit owing several reports (interim and year-end) shows its worst status and first receipt.
  const RANK = { 'on-time': 0, late: 1, missing: 2 } as const;
  const statusByUnit = new Map<string, ObligationStatus>();
  for (const st of statuses) {
    const k = st.unit?.code ?? SINGLE;
    const cur = statusByUnit.get(k);
    if (!cur) statusByUnit.set(k, st);
    else
      statusByUnit.set(k, {
        ...(RANK[st.status] > RANK[cur.status] ? st : cur),
        firstReceived: [cur.firstReceived, st.firstReceived].filter((d): d is string => d !== null).sort()[0] ?? null,
        rows: [...cur.rows, ...st.rows],
      });
  }
  const unitCodes = [...new Set([...wardOwed.map((o) => o.from.unit?.code ?? SINGLE), ...(ss ? ss.units.keys() : [])])].sort(unitCmp);
  const districts: DistrictRow[] = unitCodes.map((u) => {
    const prefix = rowId(u, ALL_SUBJECTS);
    const idx = cellsByUnit.get(u) ?? [];
    const { agg, provisional } = shape
      ? emitAggregate(sink, prefix, idx, cells, shape)
      : { agg: { cells: 0, records: 0, sum: {}, count: {}, dist: {}, latest: {} } as Aggregate, provisional: false };
    const ua = ss?.units.get(u);
    const st = statusByUnit.get(u);
    const expectedSubjects = st?.expectedSubjects ?? [];
    const reportedSubjects = new Set(idx.map((i) => cells[i]!.subjectCode));
    const covered = expectedSubjects.filter((s) => reportedSubjects.has(s)).length;
    const lastRow = ua?.lastReportRow ?? -1;
    const row: DistrictRow = {
      id: prefix,
      unit: unitRef(plan, u),
      owes: st !== undefined,
      returns: ua ? ua.returns.size : 0,
      firstReceived: st?.firstReceived ?? null,
      lastReport: ua?.lastReport ?? null,
      covered,
      expectedSubjects: expectedSubjects.length,
      timeliness: st?.status ?? (ua && ua.returns.size > 0 ? 'on-time' : 'missing'),
      errors: ua?.errors ?? 0,
      rowsWithErrors: ua?.errorRows.length ?? 0,
      agg,
      provisional,
    };
    const put = (k: string, v: FigureValue, p: WardProgress['provenance'][string]) => {
      sink.figures[figureId(prefix, k)] = v;
      sink.provenance[figureId(prefix, k)] = p;
    };
    put('returns', row.returns, { rows: ua ? ua.arrivedRows : [] });
    put('firstReceived', row.firstReceived, { rows: st?.rows ?? [] });
    put('lastReport', row.lastReport, { rows: lastRow >= 0 ? [lastRow] : [] });
    put('covered', row.covered, { cells: idx.filter((i) => expectedSubjects.includes(cells[i]!.subjectCode)), pick: 'all' });
    put('expectedSubjects', row.expectedSubjects, { rows: [] });
    put('coveredRate', row.expectedSubjects === 0 ? null : row.covered / row.expectedSubjects, {
      cells: idx.filter((i) => expectedSubjects.includes(cells[i]!.subjectCode)),
      pick: 'all',
    });
    put('timeliness', row.timeliness, { rows: st?.rows ?? [] });
    put('errors', row.errors, { rows: ua?.errorRows ?? [] });
    put('rowsWithErrors', row.rowsWithErrors, { rows: ua?.errorRows ?? [] });
    return row;
  });

  // Lists: rows flagged by `any` fields (success cases), texts of `collect` fields (outcomes, issues).
  // Their items are made when first read: the texts and dates were taken during the scan, so
  // the lists do not change if the returns are changed afterwards.
  const lists: ReportList[] = [];
  if (shape && ss) {
    const accs = ss.cells;
    shape.any.forEach((f) => {
      const build = (): ListItem[] => {
        const items: ListItem[] = [];
        for (let ci = 0; ci < cells.length; ci++) {
          const c = cells[ci]!;
          const rows = c.flags[f] ?? [];
          const acc = accs[ci]!;
          const dates = rows.map((r) => rowDate(ss, r));
          for (const p of byDate(dates)) {
            const row = rows[p]!;
            const texts: Record<string, string> = {};
            const parts: string[] = [];
            for (let j = 0; j < shape.collect.length; j++) {
              // The row's text of a collect field, if it has one: texts are kept in row order.
              const at = indexIn(acc.texts[j]!, row);
              if (at < 0) continue;
              const t = acc.textVals[j]![at]!;
              texts[shape.collect[j]!] = t;
              parts.push(t);
            }
            items.push({ unit: c.unit, subject: c.subject, reportDate: dates[p]!, text: parts.join('\n'), row, provisional: c.provisional, texts });
          }
        }
        return items;
      };
      lists.push(lazyItems({ id: `flag:${f}`, field: f, label: shape.fields.find((x) => x.key === f)!.label, kind: 'flag' }, build));
    });
    shape.collect.forEach((f, k) => {
      const build = (): ListItem[] => {
        const items: ListItem[] = [];
        for (let ci = 0; ci < cells.length; ci++) {
          const c = cells[ci]!;
          const rows = c.texts[f] ?? [];
          const vals = accs[ci]!.textVals[k]!;
          const dates = rows.map((r) => rowDate(ss, r));
          for (const p of byDate(dates)) {
            const row = rows[p]!;
            items.push({ unit: c.unit, subject: c.subject, reportDate: dates[p]!, text: vals[p]!, row, provisional: c.provisional });
          }
        }
        return items;
      };
      lists.push(lazyItems({ id: `text:${f}`, field: f, label: shape.fields.find((x) => x.key === f)!.label, kind: 'text' }, build));
    });
  }

  const label = fyLabel(plan, opts.fiscalYear);
  const council = shape?.flow ? bodyInstance(plan, shape.flow.to, ward).name : wardRef.name;
  const reportName = shape?.flow ? (shape.flow.report ?? shape.flow.content) : (shape?.template.name ?? plan.name);
  const senderBody = shape?.flow ? getBody(plan, shape.flow.from) : undefined;
  const subjectField = shape?.subjectField ? shape.template.fields.find((f) => f.key === shape.subjectField) : undefined;
  const unitField = shape ? shape.template.fields.find((f) => f.key === shape.unitField) : undefined;
  const progress: WardProgress = {
    kind: 'ward-progress',
    planId: plan.id,
    fiscalYear: opts.fiscalYear,
    fiscalYearLabel: label,
    title: {
      ja: `${label.ja} ${wardRef.name.ja} ${reportName.ja}`,
      en: `${reportName.en}: ${wardRef.name.en}, ${label.en}`,
    },
    report: reportName,
    flowId: shape?.flow?.id ?? null,
    ward: wardRef,
    levelName: plan.levels.find((l) => l.id === getUnit(plan, ward)?.level)?.name ?? lt('単位', 'Unit'),
    council,
    templateId: shape?.template.id ?? null,
    due: wardOwed.map((o) => o.due).sort().pop() ?? null,
    fields: shape?.fields ?? [],
    subjectLabel: subjectField?.label ?? lt('対象', 'Subject'),
    unitLabel: unitField?.label ?? lt('単位', 'Unit'),
    senderLabel: senderBody?.name ?? lt('報告元', 'Senders'),
    subjects,
    total,
    districts,
    cells: cells.map(({ unitCode: _u, subjectCode: _s, ...c }) => c),
    lists,
    completeness: comp,
    obligations: statuses,
    submissions: sc ? usesForScope(sc, ss, ward) : [],
    notices: [],
    reviewed: opts.review !== undefined,
    provisional: cells.some((c) => c.provisional),
    // Made on first read (the placeholder keeps the key's place).
    refs: [],
    figures: sink.figures,
    provenance: sink.provenance,
  };
  if (sc !== undefined && ss !== undefined) lazyProperty(progress, 'refs', () => scopeRefs(sc.subs, ss));
  const conf = confirmationOf(opts.review, ward, opts.fiscalYear, sink.figures);
  if (conf) progress.confirmation = conf;
  const verified = (opts.verifications ?? []).filter(
    (v) => v.unit === ward && v.fiscalYear === opts.fiscalYear && shape !== undefined && shape.flowIds.includes(v.flowId),
  );
  // The latest sheet read for the unit wins (a corrected sheet replaces the first).
  if (verified.length > 0) progress.verification = verified[verified.length - 1]!;
  return progress;
}

/**
 * The ward-plan progress 区計画の推進状況 of one ward for a fiscal year: by initiative (districts
 * reported / expected, districts per status, totals, rating distribution, success cases), by
 * district (returns, last report date, initiatives covered, on time or late, open errors), the
 * lists of success cases 成果事例, outcomes and issues 課題, with a figure id and source rows for
 * every figure. With a review state, only accepted returns count unless `includeProvisional`.
 *
 * @example
 * ```ts
 * const p = wardProgress(plan, submissions, { fiscalYear: 2026, ward: '12101' });
 * p.title.ja;                          // '令和8年度 中央区 区計画の推進状況'
 * p.figures['12101/C01/sessions'];     // sessions of 見守り・声かけ活動 across 中央区
 * traceFigure(p, '12101/C01/sessions'); // the rows that made it
 * ```
 */
export function wardProgress(
  plan: Plan,
  submissions: readonly Submission[],
  opts: RollupOptions & { ward: string; flow?: string },
): WardProgress {
  checkOptions(opts);
  const unit = resolveUnit(plan, opts.ward, { what: 'ward' });
  const flow = flowReceivedBy(plan, unit, opts.flow);
  const shape = flowShape(plan, flow)!;
  const { subs, duplicates } = dedupeSubmissions(sortSubmissions(submissions));
  const sc = scan(plan, subs, shape, {
    fiscalYear: opts.fiscalYear,
    scopes: new Set([unit.code]),
    review: opts.review,
    includeProvisional: opts.includeProvisional === true,
    includeInvalid: opts.includeInvalid === true,
  });
  const owed = planObligations(plan, opts.fiscalYear, { within: unit.code }).filter((o) => shape.flowIds.includes(o.flowId));
  const progress = buildWard(plan, sc, shape, unit.code, owed, opts);
  progress.notices = noticesOf(plan, subs, duplicates, [sc], progress.title, opts);
  return progress;
}

/** Checks the options every roll-up takes (programmer errors throw). */
function checkOptions(opts: RollupOptions): void {
  if (!Number.isInteger(opts.fiscalYear))
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `fiscalYear: expected an integer year, got ${String(opts.fiscalYear)}`);
}

/**
 * Why returns were not counted: duplicates, templates not recognised or not read by the flows
 * rolled up, rows of another fiscal year, and a roll-up that counted nothing.
 */
function noticesOf(
  plan: Plan,
  subs: readonly Submission[],
  duplicates: string[],
  scans: readonly Scan[],
  title: LocalizedText,
  opts: RollupOptions,
): RollupNotice[] {
  const out: RollupNotice[] = [];
  if (duplicates.length > 0) out.push(NOTICE.duplicate({ ids: duplicates }));
  const unknown = subs.filter((s) => s.templateId === '' && s.records.length > 0).map((s) => s.id);
  if (unknown.length > 0) out.push(NOTICE.templateUnknown({ ids: unknown }));
  const read = new Set(scans.map((x) => x.shape.template.id));
  const flows = scans.map((x) => x.shape.flow?.content).filter((c): c is LocalizedText => c !== undefined);
  const notRead = new Map<string, string[]>();
  for (const s of subs)
    if (s.templateId !== '' && !read.has(s.templateId) && s.records.length > 0)
      (notRead.get(s.templateId) ?? notRead.set(s.templateId, []).get(s.templateId)!).push(s.id);
  for (const [templateId, ids] of notRead)
    out.push(NOTICE.templateNotUsed({ templateId, template: getTemplate(plan, templateId)?.name ?? lt(templateId, templateId), flows, ids }));
  const uses = scans.flatMap((x) => x.uses);
  const other = uses.filter((u) => u.otherYear > 0);
  if (other.length > 0)
    out.push(
      NOTICE.otherFiscalYear({
        fiscalYear: fyLabel(plan, opts.fiscalYear),
        rows: other.reduce((a, u) => a + u.otherYear, 0),
        ids: other.map((u) => u.id),
      }),
    );
  const counted = uses.reduce((a, u) => a + (u.use === 'left-out' ? 0 : opts.includeInvalid === true ? u.records : u.records - u.rowsWithErrors), 0);
  if (counted === 0) {
    const reason: NothingCountedReason =
      subs.length === 0
        ? 'no-returns'
        : uses.length === 0
          ? 'none-of-flow'
          : uses.every((u) => u.records === 0) && other.length > 0
            ? 'none-of-year'
            : uses.every((u) => u.records === 0)
              ? 'none-in-scope'
              : 'all-left-out';
    out.unshift(NOTICE.nothingCounted({ title, reason }));
  }
  return out;
}

/** The flow at the top of a chain: the last flow found by following `compiles` upwards. */
function topOfChain(plan: Plan, flow: Flow): Flow {
  let cur = flow;
  const seen = new Set<string>([cur.id]);
  for (;;) {
    const up = plan.flows.find((f) => (f.compiles ?? []).includes(cur.id) && !seen.has(f.id));
    if (!up) return cur;
    seen.add(up.id);
    cur = up;
  }
}

/** The figures of an aggregate: measure, option (for the count of one option) and value. */
function metricsOf(agg: Aggregate, shape: TemplateShape): [string, string | undefined, FigureValue][] {
  const out: [string, string | undefined, FigureValue][] = [
    ['cells', undefined, agg.cells],
    ['records', undefined, agg.records],
  ];
  for (const f of shape.totals) out.push([f, undefined, agg.sum[f] ?? 0]);
  for (const f of shape.any) out.push([f, undefined, agg.count[f] ?? 0]);
  for (const f of shape.collect) out.push([f, undefined, agg.count[f] ?? 0]);
  for (const f of shape.catFields) {
    const d = agg.dist[f] ?? {};
    for (const code of new Set([...(shape.options.get(f) ?? []), ...Object.keys(d)])) out.push([f, code, d[code] ?? 0]);
  }
  for (const f of shape.lastDate) out.push([f, undefined, agg.latest[f] ?? null]);
  return out;
}

/** Rolls ward rows up to the city: figures trace to the wards' figures. */
function cityRow(sink: Sink, prefix: string, subject: string, parts: { row: SubjectRow }[], shape: TemplateShape, plan: Plan): SubjectRow {
  const agg = mergeAggregates(
    parts.map((p) => p.row.agg),
    shape,
  );
  const provisional = parts.some((p) => p.row.provisional);
  const put = (measure: string, v: FigureValue, option?: string) => {
    const id = figureId(prefix, measure, option);
    sink.figures[id] = v;
    sink.provenance[id] = { from: parts.map((p) => figureId(p.row.id, measure, option)), ...(provisional ? { provisional: true as const } : {}) };
  };
  for (const [m, option, v] of metricsOf(agg, shape)) put(m, v, option);
  const expected = parts.reduce((a, p) => a + p.row.expected, 0);
  const reported = parts.reduce((a, p) => a + p.row.reported, 0);
  put('expected', expected);
  put('reported', reported);
  put('reportedRate', expected === 0 ? null : reported / expected);
  return { id: prefix, subject: subjectRef(plan, subject), expected, reported, agg, provisional };
}

function buildMeasures(plan: Plan, sc: Scan | undefined, shape: TemplateShape | undefined, sink: Sink): { table: MeasuresTable; refs: () => RowRef[] } {
  const subjectField = shape?.subjectField ?? 'measure';
  const table: MeasuresTable = {
    templateId: shape?.template.id ?? null,
    title: shape?.flow ? (shape.flow.report ?? shape.flow.content) : (shape?.template.name ?? plan.name),
    subjectField,
    fields: shape?.fields ?? [],
    derived: (shape?.template.derived ?? []).map((d) => ({ key: d.key, label: d.label, ...(d.numberFormat !== undefined ? { numberFormat: d.numberFormat } : {}), numerator: d.numerator, denominator: d.denominator })),
    rows: [],
    expected: plan.measures.length,
    reported: 0,
    dist: {},
  };
  const top = topCode(plan);
  const ss = sc?.scopes.get(top);
  const refs = () => (sc !== undefined && ss !== undefined ? scopeRefs(sc.subs, ss) : []);
  if (!shape) return { table, refs };
  const sOrder = subjectOrder(plan);
  const cells = [...(ss?.cells ?? [])];
  const keyStr = (c: (typeof cells)[number]) => c.keys.map((k) => String(k ?? '')).join('\u001f');
  cells.sort((a, b) => byOrder(sOrder)(a.subject, b.subject) || keyStr(a).localeCompare(keyStr(b)));
  const n = new Map<string, number>();
  const lastOf = new Map<string, number>();
  const otherKeys = shape.keyFields.filter((k) => k !== shape.subjectField);
  for (const c of cells) {
    const k = (n.get(c.subject) ?? 0) + 1;
    n.set(c.subject, k);
    const id = rowId(subjectField, c.subject, String(k));
    const vals = c.lastVals;
    lastOf.set(id, c.last);
    const keys: Record<string, FieldValue> = {};
    shape.keyFields.forEach((f, i) => {
      if (otherKeys.includes(f)) keys[f] = c.keys[i] ?? null;
    });
    const values: Record<string, FieldValue> = {};
    for (const f of shape.last) values[f] = vals[f] ?? null;
    shape.sum.forEach((f, i) => (values[f] = c.sums[i]!));
    for (const f of shape.stock) values[f] = vals[f] ?? null;
    const derived: Record<string, number | null> = {};
    for (const d of shape.template.derived ?? []) {
      const num = values[d.numerator] ?? vals[d.numerator];
      const den = values[d.denominator] ?? vals[d.denominator];
      derived[d.key] = typeof num === 'number' && typeof den === 'number' && den !== 0 ? num / den : null;
    }
    const texts: Record<string, string[]> = {};
    shape.collect.forEach((f, i) => {
      texts[f] = [...c.textVals[i]!];
    });
    const p = c.provisional ? { provisional: true as const } : {};
    for (const f of shape.last) {
      const x = values[f];
      sink.figures[figureId(id, f)] = Array.isArray(x) ? x.join(',') : typeof x === 'boolean' ? String(x) : (x ?? null);
      sink.provenance[figureId(id, f)] = { rows: [c.last], ...p };
    }
    for (const f of shape.sum) {
      sink.figures[figureId(id, f)] = values[f] as number;
      sink.provenance[figureId(id, f)] = { rows: c.rows, ...p };
    }
    for (const [k, v] of Object.entries(derived)) {
      sink.figures[figureId(id, k)] = v;
      sink.provenance[figureId(id, k)] = { rows: [c.last], ...p };
    }
    table.rows.push({ id, subject: subjectRef(plan, c.subject), keys, values, derived, texts, rows: c.rows, reported: true, provisional: c.provisional });
  }
  for (const m of plan.measures) {
    if (n.has(m.code)) continue;
    table.rows.push({ id: rowId(subjectField, m.code, '0'), subject: subjectRef(plan, m.code), keys: {}, values: {}, derived: {}, texts: {}, rows: [], reported: false, provisional: false });
  }
  table.rows.sort((a, b) => byOrder(sOrder)(a.subject.code, b.subject.code) || a.id.localeCompare(b.id));
  table.reported = n.size;
  const reportedRows = table.rows.filter((r) => r.reported);
  const allRow = rowId(subjectField, ALL_SUBJECTS);
  sink.figures[figureId(allRow, 'expected')] = table.expected;
  sink.provenance[figureId(allRow, 'expected')] = { rows: [] };
  sink.figures[figureId(allRow, 'reported')] = table.reported;
  sink.provenance[figureId(allRow, 'reported')] = { rows: reportedRows.flatMap((r) => r.rows) };
  for (const f of shape.lastCat) {
    const field = shape.fields.find((x) => x.key === f);
    const d: Record<string, number> = {};
    const rowsBy = new Map<string, number[]>();
    for (const o of field?.options ?? []) d[o.code] = 0;
    for (const r of reportedRows) {
      const x = r.values[f];
      if (x === null || x === undefined || Array.isArray(x)) continue;
      const code = String(x);
      d[code] = (d[code] ?? 0) + 1;
      (rowsBy.get(code) ?? rowsBy.set(code, []).get(code)!).push(lastOf.get(r.id)!);
    }
    table.dist[f] = d;
    for (const code of Object.keys(d)) {
      sink.figures[figureId(allRow, f, code)] = d[code]!;
      sink.provenance[figureId(allRow, f, code)] = { rows: rowsBy.get(code) ?? [] };
    }
  }
  return { table, refs };
}

/**
 * The annual report to the expert subcommittee 地域福祉専門分科会への報告 for a fiscal year: every
 * ward's progress side by side (each a full {@link WardProgress}), city totals, the chapter-4
 * measures table with achievement rates and the rating distribution, city-wide completeness and
 * the register of ward council meetings. One pass over the rows.
 *
 * @example
 * ```ts
 * const r = annualReport(plan, submissions, { fiscalYear: 2026 });
 * r.wards.map((w) => w.ward.name.ja);      // ['中央区', '花見川区', …]
 * r.figures['12100/*\/sessions'];            // city total
 * r.measures.rows[0]?.derived.achievementRate;
 * ```
 */
export function annualReport(plan: Plan, submissions: readonly Submission[], opts: RollupOptions & { flow?: string }): AnnualReport {
  checkOptions(opts);
  const { subs, duplicates } = dedupeSubmissions(sortSubmissions(submissions));
  const chain = chainFlow(plan, opts.flow);
  const shape = flowShape(plan, chain);
  const tableF = tableFlow(plan, chain);
  const mShape = tableF && tableF.template !== chain?.template ? flowShape(plan, tableF) : undefined;
  const scanOpts = {
    fiscalYear: opts.fiscalYear,
    review: opts.review,
    includeProvisional: opts.includeProvisional === true,
    includeInvalid: opts.includeInvalid === true,
  };
  const sc = shape ? scan(plan, subs, shape, scanOpts) : undefined;
  const msc = mShape ? scan(plan, subs, mShape, scanOpts) : undefined;
  const owed = planObligations(plan, opts.fiscalYear);
  const uOrder = unitOrder(plan);
  const wardCodes = chain
    ? [...new Set([...receiverUnits(plan, chain, opts.fiscalYear).map((u) => u.code), ...(sc ? sc.scopes.keys() : [])])].sort(byOrder(uOrder))
    : [];
  const wards = wardCodes.map((w) => buildWard(plan, sc, shape, w, owed, opts));
  const sink = newSink();
  const top = topCode(plan);
  // When the only receiver is the top unit (areas reporting straight to one town council), its
  // compiled report is the total: the same figures, traced through it, not added up again.
  const selfTotal = wards.length === 1 && wards[0]!.ward.code === top;
  const subjectCodes = [...new Set(wards.flatMap((w) => w.subjects.map((s) => s.subject.code)))].sort(byOrder(subjectOrder(plan)));
  if (selfTotal) for (const [id, v] of Object.entries(wards[0]!.figures)) if (parseFigureId(id)?.row.split('/')[0] === top) sink.figures[id] = v;
  const subjects = selfTotal
    ? wards[0]!.subjects
    : shape
    ? subjectCodes.map((s) =>
        cityRow(
          sink,
          rowId(top, s),
          s,
          wards.flatMap((w) => w.subjects.filter((r) => r.subject.code === s).map((row) => ({ row }))),
          shape,
          plan,
        ),
      )
    : [];
  const total = selfTotal
    ? wards[0]!.total
    : shape
    ? cityRow(sink, rowId(top, ALL_SUBJECTS), ALL_SUBJECTS, wards.map((w) => ({ row: w.total })), shape, plan)
    : { id: rowId(top, ALL_SUBJECTS), subject: subjectRef(plan, ALL_SUBJECTS), expected: 0, reported: 0, agg: { cells: 0, records: 0, sum: {}, count: {}, dist: {}, latest: {} }, provisional: false };
  const { table, refs } = buildMeasures(plan, msc, mShape, sink);
  const tv = tableVerificationOf(plan, opts.verifications, opts.fiscalYear, top);
  if (tv) table.verification = tv;
  const comp = buildCompleteness(plan, opts.fiscalYear, [sc, msc].filter((x): x is Scan => x !== undefined), { countInvalid: opts.includeInvalid === true, review: opts.review });
  const meetings: MeetingRow[] = (opts.review?.meetings ?? [])
    .filter((m) => m.fiscalYear === opts.fiscalYear)
    .map((m) => {
      const row: MeetingRow = { id: m.id, date: m.date, agenda: m.agenda, reviewed: m.reviewed, ward: unitRef(plan, m.ward), fiscalYear: m.fiscalYear, confirmed: m.confirmed !== undefined };
      if (m.note !== undefined) row.note = m.note;
      return row;
    })
    .sort((a, b) => byOrder(uOrder)(a.ward.code, b.ward.code) || a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  const label = fyLabel(plan, opts.fiscalYear);
  const topFlow = chain ? topOfChain(plan, chain) : tableF;
  const recipient = (topFlow ? getBody(plan, topFlow.to)?.name : undefined) ?? plan.name;
  const scans = [sc, msc].filter((x): x is Scan => x !== undefined);
  const used = new Set(scans.map((x) => x.shape.template.id));
  const uses: SubmissionUse[] = [
    ...scans.flatMap((x) => x.uses),
    ...subs
      .filter((s) => !used.has(s.templateId))
      .map((s) => ({
        id: s.id,
        ...(s.source !== undefined ? { source: s.source } : {}),
        sheet: s.sheet,
        templateId: s.templateId,
        use: 'left-out' as const,
        status: 'unreviewed' as const,
        arrived: false,
        reason:
          s.templateId === ''
            ? lt('様式が判定できません', 'template not recognised')
            : lt(`この集計の報告の流れは様式「${s.templateId}」を読みません`, `no flow of this roll-up reads template "${s.templateId}"`),
        records: s.records.length,
        rowsWithErrors: s.records.filter((r) => r.errors > 0).length,
        otherYear: 0,
      })),
  ].filter((u) => u.records > 0 || u.otherYear > 0);
  const title: LocalizedText = topFlow?.report
    ? { ja: `${label.ja} ${topFlow.report.ja}`, en: `${topFlow.report.en}, ${label.en}` }
    : { ja: `${label.ja} ${recipient.ja}への報告`, en: `Report to the ${recipient.en}, ${label.en}` };
  const report: AnnualReport = {
    kind: 'annual-report',
    planId: plan.id,
    fiscalYear: opts.fiscalYear,
    fiscalYearLabel: label,
    title,
    recipient,
    notices: noticesOf(plan, subs, duplicates, scans, title, opts),
    verification: chain && getBody(plan, chain.to)?.verification ? wards.map((w) => verificationStatus(plan, w, w.verification)) : [],
    councilBody: (chain ? getBody(plan, chain.to)?.name : undefined) ?? plan.name,
    city: { code: top, name: getUnit(plan, top)?.name ?? plan.municipality.name },
    wards,
    subjects,
    total,
    measures: table,
    meetings,
    completeness: comp,
    submissions: uses,
    reviewed: opts.review !== undefined,
    provisional: wards.some((w) => w.provisional) || table.rows.some((r) => r.provisional),
    // Made on first read (the placeholder keeps the key's place).
    refs: [],
    figures: sink.figures,
    provenance: sink.provenance,
  };
  return lazyProperty(report, 'refs', refs);
}
