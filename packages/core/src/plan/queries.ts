/**
 * Questions users ask of a plan: the units and bodies of a ward, who reports to whom, what is
 * owed in a fiscal year and by when, what a body was called in a given term.
 */
import type { LocalizedText } from '../i18n/text.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { fiscalYearRange, type LocalDate } from '../period/index.js';
import { PERIODS_PER_YEAR, periodDue, periodRange } from './periods.js';
import { normalizeLabel } from '../text/index.js';
import type { Body, Flow, Plan, Template, Term, Unit } from './schema.js';

interface PlanIndex {
  units: Map<string, Unit>;
  children: Map<string, Unit[]>;
  bodies: Map<string, Body>;
  templates: Map<string, Template>;
  flows: Map<string, Flow>;
  levelIndex: Map<string, number>;
  unitKeys: Map<string, Unit[]>;
}

// Plans stay plain data; indexes are built once per plan object and forgotten with it.
const cache = new WeakMap<Plan, PlanIndex>();

function index(plan: Plan): PlanIndex {
  let idx = cache.get(plan);
  if (idx) return idx;
  const units = new Map(plan.units.map((u) => [u.code, u]));
  const children = new Map<string, Unit[]>();
  const unitKeys = new Map<string, Unit[]>();
  for (const u of plan.units) {
    if (u.parent !== undefined) {
      const list = children.get(u.parent) ?? [];
      list.push(u);
      children.set(u.parent, list);
    }
    for (const k of new Set([u.code, u.name.ja, u.name.en, ...(u.aliases ?? [])].map(normalizeLabel))) {
      const list = unitKeys.get(k) ?? [];
      list.push(u);
      unitKeys.set(k, list);
    }
  }
  idx = {
    units,
    children,
    bodies: new Map(plan.bodies.map((b) => [b.id, b])),
    templates: new Map(plan.templates.map((t) => [t.id, t])),
    flows: new Map(plan.flows.map((f) => [f.id, f])),
    levelIndex: new Map(plan.levels.map((l, i) => [l.id, i])),
    unitKeys,
  };
  cache.set(plan, idx);
  return idx;
}

/**
 * Whether a unit exists on a date, or at some time in a period (validity dates inclusive).
 *
 * @example
 * ```ts
 * unitValidOn(unit, '2026-05-01'); // true for a district with no end date
 * ```
 */
export function unitValidOn(unit: Unit, on: LocalDate, until: LocalDate = on): boolean {
  return (unit.validFrom === undefined || unit.validFrom <= until) && (unit.validTo === undefined || unit.validTo >= on);
}

/**
 * Looks up a unit by code.
 *
 * @example
 * ```ts
 * getUnit(plan, '12101')?.name.ja; // '中央区'
 * ```
 */
export function getUnit(plan: Plan, code: string): Unit | undefined {
  return index(plan).units.get(code);
}

/**
 * Finds the units a typed text may mean (code, Japanese or English name, or alias; width, case
 * and spaces ignored), optionally only at a level or under a parent.
 *
 * @example
 * ```ts
 * findUnits(plan, '中央', { level: 'ward' }); // [中央区]
 * findUnits(plan, '寒川地区部会', { parent: '12101' }); // [寒川]
 * ```
 */
export function findUnits(plan: Plan, text: string, opts: { level?: string; parent?: string } = {}): Unit[] {
  const found = index(plan).unitKeys.get(normalizeLabel(text)) ?? [];
  return found.filter(
    (u) => (opts.level === undefined || u.level === opts.level) && (opts.parent === undefined || u.parent === opts.parent),
  );
}

/**
 * The one unit a caller names by code, name or alias (width, case and spaces ignored),
 * optionally required to sit at one of `levels`.
 *
 * @throws SasaeaiError `invalid_argument` when the text names no unit, several units, or a unit
 * at another level — a wrong argument is never answered with an empty report.
 * @example
 * ```ts
 * resolveUnit(plan, '中央区').code;   // '12101'
 * resolveUnit(plan, '12101').code;    // '12101'
 * resolveUnit(plan, 'Chuo-ku', { levels: ['ward'] }).code; // '12101'
 * ```
 */
export function resolveUnit(plan: Plan, text: string, opts: { levels?: readonly string[]; what?: string } = {}): Unit {
  const what = opts.what ?? 'unit';
  if (typeof text !== 'string' || text.trim() === '')
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `${what}: expected a unit code or name, got ${JSON.stringify(text)}`);
  const byCode = getUnit(plan, text.trim());
  let found = byCode ? [byCode] : findUnits(plan, text);
  if (found.length === 0)
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `${what}: no unit "${text}" in plan ${plan.id} (give a code or a name of the plan's units)`);
  if (opts.levels !== undefined && opts.levels.length > 0) {
    const atLevel = found.filter((u) => opts.levels!.includes(u.level));
    if (atLevel.length === 0)
      throw new SasaeaiError(
        SasaeaiErrorCode.InvalidArgument,
        `${what}: "${text}" is ${found.map((u) => `${u.code} at level "${u.level}"`).join(', ')}; expected a unit at level ${opts.levels.map((l) => `"${l}"`).join(' or ')}`,
      );
    found = atLevel;
  }
  if (found.length > 1)
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `${what}: "${text}" names several units (${found.map((u) => u.code).join(', ')}); give the code`);
  return found[0]!;
}

/**
 * The units at a level, optionally under an ancestor and valid during a period.
 *
 * @example
 * ```ts
 * unitsAt(plan, 'ward'); // the six wards
 * unitsAt(plan, 'district', { within: '12101', on: '2026-04-01', until: '2027-03-31' });
 * ```
 */
export function unitsAt(
  plan: Plan,
  level: string,
  opts: { within?: string; on?: LocalDate; until?: LocalDate } = {},
): Unit[] {
  return plan.units.filter(
    (u) =>
      u.level === level &&
      (opts.within === undefined || u.code === opts.within || ancestors(plan, u.code).some((a) => a.code === opts.within)) &&
      (opts.on === undefined || unitValidOn(u, opts.on, opts.until ?? opts.on)),
  );
}

/**
 * The chain of ancestors of a unit, nearest first.
 *
 * @example
 * ```ts
 * ancestors(plan, '12101-01').map((u) => u.code); // ['12101', '12100']
 * ```
 */
export function ancestors(plan: Plan, code: string): Unit[] {
  const { units } = index(plan);
  const out: Unit[] = [];
  const seen = new Set<string>([code]);
  let cur = units.get(code)?.parent;
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    const u = units.get(cur);
    if (!u) break;
    out.push(u);
    cur = u.parent;
  }
  return out;
}

/**
 * The ancestor (or the unit itself) at a level.
 *
 * @example
 * ```ts
 * unitAtLevel(plan, '12101-01', 'ward')?.code; // '12101'
 * ```
 */
export function unitAtLevel(plan: Plan, code: string, level: string): Unit | undefined {
  const u = getUnit(plan, code);
  if (!u) return undefined;
  if (u.level === level) return u;
  return ancestors(plan, code).find((a) => a.level === level);
}

/**
 * Looks up a template by id.
 *
 * @example
 * ```ts
 * getTemplate(plan, 'district-activity')?.fields.length; // 14
 * ```
 */
export function getTemplate(plan: Plan, id: string): Template | undefined {
  return index(plan).templates.get(id);
}

/**
 * Looks up a body by id.
 *
 * @example
 * ```ts
 * getBody(plan, 'ward-council')?.name.ja; // '区支え合いのまち推進協議会'
 * ```
 */
export function getBody(plan: Plan, id: string): Body | undefined {
  return index(plan).bodies.get(id);
}

/** One body as it exists for a unit: the 中央区 ward council, the 寒川 district chapter. */
export interface BodyInstance {
  body: Body;
  /** The unit it serves; absent for single bodies. */
  unit?: Unit;
  name: LocalizedText;
}

function instanceName(body: Body, unit: Unit | undefined): LocalizedText {
  if (!unit || !body.instanceName) return body.name;
  return {
    ja: body.instanceName.ja.replaceAll('{unit}', unit.name.ja),
    en: body.instanceName.en.replaceAll('{unit}', unit.name.en),
  };
}

/**
 * A body as it exists for a unit.
 *
 * @example
 * ```ts
 * bodyInstance(plan, 'ward-council', '12101').name.ja; // '中央区支え合いのまち推進協議会'
 * ```
 */
export function bodyInstance(plan: Plan, bodyId: string, unitCode?: string): BodyInstance {
  const body = getBody(plan, bodyId);
  if (!body) throw new RangeError(`Unknown body "${bodyId}"`);
  const unit = unitCode === undefined ? undefined : getUnit(plan, unitCode);
  return unit && body.perUnit ? { body, unit, name: instanceName(body, unit) } : { body, name: body.name };
}

/**
 * The bodies and units of a unit (a ward): its own bodies, and those of every unit below it that
 * is valid on the given date (or at any time, without a date).
 *
 * @example
 * ```ts
 * const chuo = bodiesOf(plan, '12101', { on: '2026-04-01' });
 * chuo.map((b) => b.name.ja); // ['中央区支え合いのまち推進協議会', …, '寒川地区部会', …]
 * ```
 */
export function bodiesOf(plan: Plan, unitCode: string, opts: { on?: LocalDate; until?: LocalDate } = {}): BodyInstance[] {
  const { children } = index(plan);
  const root = getUnit(plan, unitCode);
  if (!root) return [];
  const out: BodyInstance[] = [];
  const visit = (u: Unit) => {
    if (opts.on !== undefined && !unitValidOn(u, opts.on, opts.until ?? opts.on)) return;
    for (const b of plan.bodies) if (b.perUnit && b.level === u.level) out.push({ body: b, unit: u, name: instanceName(b, u) });
    for (const c of children.get(u.code) ?? []) visit(c);
  };
  visit(root);
  return out;
}

/**
 * The term (期) that holds a fiscal year.
 *
 * @example
 * ```ts
 * termOfFiscalYear(plan, 2026)?.number; // 5
 * ```
 */
export function termOfFiscalYear(plan: Plan, fy: number): Term | undefined {
  return plan.terms.find((t) => t.startFiscalYear <= fy && fy <= t.endFiscalYear);
}

/**
 * The name a body had in a term: the former name in use then, or its current name.
 *
 * @example
 * ```ts
 * bodyNameInTerm(plan, 'ward-council', 2).ja; // '区地域福祉計画推進協議会'
 * bodyNameInTerm(plan, 'ward-council', 3).ja; // '区支え合いのまち推進協議会'
 * ```
 */
export function bodyNameInTerm(plan: Plan, bodyId: string, term: number): LocalizedText {
  const body = getBody(plan, bodyId);
  if (!body) throw new RangeError(`Unknown body "${bodyId}"`);
  const former = (body.formerNames ?? [])
    .filter((f) => term <= f.untilTerm)
    .sort((a, b) => a.untilTerm - b.untilTerm)[0];
  return former ? former.name : body.name;
}

/** A reporting line: a flow with its bodies resolved. */
export interface ReportingLine {
  flow: Flow;
  from: Body;
  to: Body;
  template?: Template;
  compiles: Flow[];
}

/**
 * Who reports to whom: every flow with its bodies and template.
 *
 * @example
 * ```ts
 * reportingLines(plan).map((l) => `${l.from.name.ja} → ${l.to.name.ja}`);
 * ```
 */
export function reportingLines(plan: Plan): ReportingLine[] {
  const idx = index(plan);
  const out: ReportingLine[] = [];
  for (const flow of plan.flows) {
    const from = idx.bodies.get(flow.from);
    const to = idx.bodies.get(flow.to);
    if (!from || !to) continue;
    const template = flow.template === undefined ? undefined : idx.templates.get(flow.template);
    const compiles = (flow.compiles ?? []).flatMap((c) => idx.flows.get(c) ?? []);
    out.push(template ? { flow, from, to, template, compiles } : { flow, from, to, compiles });
  }
  return out;
}

/** A report owed in a fiscal year: from whom, to whom, what, by when. */
export interface Obligation {
  /**
   * Stable id: `<flow>/<fiscal year>/<sender unit or body>`, with the period for cadences of
   * several periods a year: `<flow>/<fiscal year>-<period>/<sender>`.
   */
  id: string;
  flowId: string;
  fiscalYear: number;
  cadence: Flow['cadence'];
  from: BodyInstance;
  to: BodyInstance;
  templateId?: string;
  content: LocalizedText;
  /** Closing date: the last day a report for the year counts as on time. */
  due: LocalDate;
  /** The period the reports cover. */
  period: { start: LocalDate; end: LocalDate };
  /** The period of the cadence (from 1); 1 for any-time and fiscal-year flows. */
  periodIndex: number;
  /** What the report is expected to cover: initiative codes of the ward, or measure codes. */
  expectedSubjects: string[];
  /** The closing date is a preset default, not a fact of the plan. */
  presetDeadline: boolean;
}

/**
 * Every report owed for a fiscal year: who owes which report to whom by when. Units that do not
 * exist during the year owe nothing; a district that splits mid-plan is replaced by its
 * successors from the day they start.
 *
 * @example
 * ```ts
 * const owed = obligations(plan, 2026, { within: '12101' });
 * owed.filter((o) => o.flowId === 'district-activity').length; // one per district of 中央区
 * ```
 */
export function obligations(plan: Plan, fiscalYear: number, opts: { within?: string; flowId?: string } = {}): Obligation[] {
  const idx = index(plan);
  if (!Number.isInteger(fiscalYear)) throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `fiscalYear: expected an integer year, got ${String(fiscalYear)}`);
  if (opts.within !== undefined) opts = { ...opts, within: resolveUnit(plan, opts.within, { what: 'within' }).code };
  if (opts.flowId !== undefined && !idx.flows.has(opts.flowId))
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `flowId: no flow "${opts.flowId}" in plan ${plan.id}`);
  const period = fiscalYearRange(fiscalYear, plan.fiscalYear);
  const top = plan.units.find((u) => u.parent === undefined);
  const out: Obligation[] = [];
  for (const flow of plan.flows) {
    if (opts.flowId !== undefined && flow.id !== opts.flowId) continue;
    const from = idx.bodies.get(flow.from);
    const to = idx.bodies.get(flow.to);
    if (!from || !to) continue;
    const template = flow.template === undefined ? undefined : idx.templates.get(flow.template);
    const senders: (Unit | undefined)[] = from.perUnit
      ? unitsAt(plan, from.level, { on: period.start, until: period.end })
      : [top];
    const count = PERIODS_PER_YEAR[flow.cadence];
    const covered = count === 1 ? [1] : (flow.periods ?? Array.from({ length: count }, (_, i) => i + 1)).filter((n) => n <= count);
    for (const [k, periodIndex] of covered.entries()) {
    const rule = flow.closings?.[k] ?? flow.closing;
    const due = periodDue(rule, fiscalYear, flow.cadence, periodIndex, plan.fiscalYear.startMonth);
    const window = count === 1 ? period : periodRange(fiscalYear, flow.cadence, periodIndex, plan.fiscalYear.startMonth);
    const idYear = count === 1 ? String(fiscalYear) : `${fiscalYear}-${periodIndex}`;
    for (const unit of senders) {
      if (opts.within !== undefined && unit) {
        const inside = unit.code === opts.within || ancestors(plan, unit.code).some((a) => a.code === opts.within);
        // Single city-level senders stay in the answer for a ward only when they report to it.
        if (!inside) continue;
      } else if (opts.within !== undefined && !unit) continue;
      const receiverUnit = to.perUnit && unit ? unitAtLevel(plan, unit.code, to.level) : undefined;
      if (to.perUnit && flow.sameUnit && !receiverUnit) continue;
      const fromInst: BodyInstance = unit && from.perUnit ? { body: from, unit, name: instanceName(from, unit) } : { body: from, name: from.name };
      const toInst: BodyInstance = receiverUnit ? { body: to, unit: receiverUnit, name: instanceName(to, receiverUnit) } : { body: to, name: to.name };
      const o: Obligation = {
        id: `${flow.id}/${idYear}/${unit && from.perUnit ? unit.code : from.id}`,
        flowId: flow.id,
        fiscalYear,
        cadence: flow.cadence,
        from: fromInst,
        to: toInst,
        content: flow.content,
        due,
        period: window,
        periodIndex,
        expectedSubjects: expectedSubjects(plan, template, unit),
        presetDeadline: flow.preset === true,
      };
      if (template) o.templateId = template.id;
      out.push(o);
    }
    }
  }
  return out;
}

function expectedSubjects(plan: Plan, template: Template | undefined, sender: Unit | undefined): string[] {
  if (!template?.subjectField) return [];
  const field = template.fields.find((f) => f.key === template.subjectField);
  if (field?.type === 'measure') return plan.measures.map((m) => m.code);
  if (field?.type === 'initiative' && sender) {
    const lineage = new Set([sender.code, ...ancestors(plan, sender.code).map((a) => a.code)]);
    return plan.initiatives.filter((i) => i.units.some((u) => lineage.has(u))).map((i) => i.code);
  }
  return [];
}

/**
 * The initiatives in a unit's plan (a ward's chapter-5 initiatives), including those its
 * ancestors hold.
 *
 * @example
 * ```ts
 * initiativesOf(plan, '12101').map((i) => i.code);
 * ```
 */
export function initiativesOf(plan: Plan, unitCode: string) {
  const lineage = new Set([unitCode, ...ancestors(plan, unitCode).map((a) => a.code)]);
  return plan.initiatives.filter((i) => i.units.some((u) => lineage.has(u)));
}
