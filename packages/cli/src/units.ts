/**
 * Resolving what a user types for `--ward` and `--district` (a code, a Japanese or English name,
 * an alias) to one unit of the plan, with a clear usage error when it names none or several.
 * Which units qualify is core's decision (`receivingLevels`, `returnUnitLevels`), the same the
 * add-in's pickers offer; this file only turns core's answer into the CLI's usage errors.
 */
import { lookupUnit, receivingLevels, returnUnitLevels, type LocalizedText, type ReturnUnitLevel, type Plan, type Unit, type UnitLookupOptions } from '@sasaeai/core';
import { lt, usage } from './messages.js';

function resolve(plan: Plan, text: string, opts: UnitLookupOptions, what: LocalizedText, wrongLevel: 'not_a_receiver' | 'unit_wrong_level'): Unit {
  const r = lookupUnit(plan, text, opts);
  if (r.ok) return r.unit;
  switch (r.reason) {
    case 'unknown':
      return usage('unknown_unit', { what, text, near: r.near });
    case 'ambiguous':
      return usage('ambiguous_unit', { what, text, matches: r.matches });
    case 'wrong-level':
      return wrongLevel === 'not_a_receiver'
        ? usage('not_a_receiver', { text, levels: r.levels.map((l) => l.name) })
        : usage('unit_wrong_level', { text, levels: r.levels.map((l) => l.name), found: r.matches });
  }
}

/** Looks a unit up at a unit field's level (any level when the template has no such field), named by the field. */
function atLevel(plan: Plan, text: string, field: ReturnUnitLevel | undefined, parent: string | undefined): Unit {
  const opts: UnitLookupOptions = { ...(field ? { levels: [field.level.id] } : {}), ...(parent !== undefined ? { parent } : {}) };
  return resolve(plan, text, opts, field?.label ?? lt('単位', 'unit'), 'unit_wrong_level');
}

/**
 * The receiving unit a text names (code, name or alias): a unit whose level receives a flow's
 * returns and compiles them (a ward for ward councils, the top unit for a single body) — what
 * `rollup --ward` and the `review` commands' `--ward` mean. A usage error when it names none,
 * several, or a unit that receives nothing.
 *
 * @example
 * ```ts
 * resolveReceiver(plan, '中央区').code; // '12101'
 * ```
 */
export function resolveReceiver(plan: Plan, text: string): Unit {
  return resolve(plan, text, { levels: receivingLevels(plan) }, lt('単位', 'unit'), 'not_a_receiver');
}

/**
 * The units a blank return of a template is made out for: its parent unit (`--ward`) and its
 * reporting unit (`--district`, within the ward when given), at the levels of the template's unit
 * fields. When only the district is given, its parent fills the ward.
 *
 * @example
 * ```ts
 * returnUnits(plan, 'district-activity', { district: '寒川' }); // { ward: 中央区, district: 寒川 }
 * ```
 */
export function returnUnits(plan: Plan, templateId: string, typed: { ward?: string | undefined; district?: string | undefined }): { ward?: Unit; district?: Unit } {
  const levels = returnUnitLevels(plan, templateId);
  let ward = typed.ward !== undefined ? atLevel(plan, typed.ward, levels.parent, undefined) : undefined;
  const district = typed.district !== undefined ? atLevel(plan, typed.district, levels.unit, ward?.code) : undefined;
  if (district && !ward && district.parent) ward = plan.units.find((u) => u.code === district.parent);
  return { ...(ward ? { ward } : {}), ...(district ? { district } : {}) };
}
