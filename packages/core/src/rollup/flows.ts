/**
 * Which flow of the plan a roll-up reads. Every flow that carries a template is rolled up the
 * same way: its senders' returns are combined into the compiled report of each receiving unit
 * (the receiver's own unit when it exists once per unit, else the top unit). Nothing here knows
 * a body kind or a level name.
 */
import { getBody, unitsAt } from '../plan/queries.js';
import type { Flow, Plan, Unit } from '../plan/schema.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { fiscalYearRange } from '../period/index.js';
import type { Submission } from './submission.js';

/** @internal The flows that carry a template of the plan, in plan order. */
export function templatedFlows(plan: Plan): Flow[] {
  return plan.flows.filter((f) => f.template !== undefined && plan.templates.some((t) => t.id === f.template));
}

function top(plan: Plan): Unit | undefined {
  return plan.units.find((u) => u.parent === undefined);
}

/** @internal Whether the flow's senders exist once per unit (district chapters, ward councils). */
export function perUnitSenders(plan: Plan, flow: Flow): boolean {
  return getBody(plan, flow.from)?.perUnit === true;
}

/**
 * @internal The level whose units receive a flow's reports: the receiver's level when it exists
 * once per unit, else the top unit's level.
 */
export function receiverLevel(plan: Plan, flow: Flow): string | undefined {
  const to = getBody(plan, flow.to);
  if (!to) return undefined;
  return to.perUnit ? to.level : top(plan)?.level;
}

/**
 * @internal The flow a chain roll-up compiles: the given one, else the first flow with a
 * template whose senders exist per unit.
 */
export function chainFlow(plan: Plan, flowId?: string): Flow | undefined {
  if (flowId !== undefined) return requireTemplatedFlow(plan, flowId);
  return templatedFlows(plan).find((f) => perUnitSenders(plan, f));
}

/** @internal The flow of a single sender's table (the city's measures), other than `not`. */
export function tableFlow(plan: Plan, not: Flow | undefined): Flow | undefined {
  return templatedFlows(plan).find((f) => f !== not && !perUnitSenders(plan, f));
}

function requireTemplatedFlow(plan: Plan, flowId: string): Flow {
  const f = templatedFlows(plan).find((x) => x.id === flowId);
  if (!f)
    throw new SasaeaiError(
      SasaeaiErrorCode.InvalidArgument,
      `flow: no flow "${flowId}" with a template in plan ${plan.id} (flows with a template: ${templatedFlows(plan).map((x) => x.id).join(', ') || 'none'})`,
    );
  return f;
}

/**
 * @internal The units that receive a flow's reports in a fiscal year (every ward for ward
 * councils; the top unit for a single body).
 */
export function receiverUnits(plan: Plan, flow: Flow, fiscalYear: number): Unit[] {
  const to = getBody(plan, flow.to);
  if (!to) return [];
  if (!to.perUnit) {
    const t = top(plan);
    return t ? [t] : [];
  }
  const range = fiscalYearRange(fiscalYear, plan.fiscalYear);
  return unitsAt(plan, to.level, { on: range.start, until: range.end });
}

/**
 * @internal The flow whose compiled report a unit receives: the given flow (checked), else the
 * first flow with a template received at the unit's level, senders per unit first.
 *
 * @throws SasaeaiError `invalid_argument` when no flow is received at the unit's level.
 */
export function flowReceivedBy(plan: Plan, unit: Unit, flowId?: string): Flow {
  const receives = (f: Flow) => {
    const to = getBody(plan, f.to);
    if (!to) return false;
    return to.perUnit ? to.level === unit.level : unit.parent === undefined;
  };
  if (flowId !== undefined) {
    const f = requireTemplatedFlow(plan, flowId);
    if (!receives(f))
      throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `unit ${unit.code} (level "${unit.level}") does not receive flow "${flowId}"`);
    return f;
  }
  const candidates = templatedFlows(plan).filter(receives);
  const f = candidates.find((x) => perUnitSenders(plan, x)) ?? candidates[0];
  if (!f) {
    const levels = [...new Set(templatedFlows(plan).map((x) => receiverLevel(plan, x)).filter((l) => l !== undefined))];
    throw new SasaeaiError(
      SasaeaiErrorCode.InvalidArgument,
      `unit ${unit.code} (${unit.name.en}) is at level "${unit.level}", which receives no flow with a template; units of level ${levels.map((l) => `"${l}"`).join(' or ')} compile reports`,
    );
  }
  return f;
}

/**
 * @internal Submissions with each id once. A return given twice (same id) is counted once: the
 * one received last is kept (the order is that of {@link sortSubmissions}, so the later
 * `receivedOn` comes last). Returns the ids given more than once.
 */
export function dedupeSubmissions(subs: readonly Submission[]): { subs: Submission[]; duplicates: string[] } {
  const last = new Map<string, number>();
  subs.forEach((s, i) => last.set(s.id, i));
  if (last.size === subs.length) return { subs: [...subs], duplicates: [] };
  const dup = new Set<string>();
  const out: Submission[] = [];
  subs.forEach((s, i) => {
    if (last.get(s.id) === i) out.push(s);
    else dup.add(s.id);
  });
  return { subs: out, duplicates: [...dup].sort() };
}
