/**
 * Which units a person means, for the two places both adapters ask: the units a compiled report is
 * built for (in the Chiba preset, a ward: the receiver of the district chapters' returns; for a
 * town with one council, the town), and the units a blank return is filed by (the levels of its
 * template's unit fields). One definition each, read from the plan's flows and templates, so that
 * the CLI's `--ward` and the add-in's pickers offer the same units.
 */
import { fiscalYearRange } from '../period/index.js';
import { findUnits, getTemplate, getUnit, unitsAt } from '../plan/queries.js';
import type { LocalizedText } from '../i18n/text.js';
import type { Field, Level, Plan, Unit } from '../plan/schema.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { receiverLevel, templatedFlows } from '../rollup/flows.js';
import { closest, nameVariantKey } from '../text/index.js';

/** The outcome of {@link lookupUnit}: the one unit meant, or why there is none. */
export type UnitLookup =
  | { ok: true; unit: Unit }
  | {
      ok: false;
      /** `unknown`: no unit has that code or name; `ambiguous`: several at the levels asked; `wrong-level`: units exist, none at the levels asked. */
      reason: 'unknown' | 'ambiguous' | 'wrong-level';
      text: string;
      /** For `ambiguous` the candidates, for `wrong-level` the units the text names. */
      matches: Unit[];
      /** For `unknown`: the nearest names among the units that would have been accepted. */
      near: Unit[];
      /** The levels asked for. */
      levels: Level[];
    };

/** Options of {@link lookupUnit}. */
export interface UnitLookupOptions {
  /** Accept only units at these levels (all levels when absent or empty). */
  levels?: readonly string[];
  /** Accept only units directly under this unit code. */
  parent?: string;
}

/**
 * The one unit a typed text means — a code, a Japanese or English name or an alias (width, case
 * and spaces ignored), then the same name written another way (松ヶ丘 / 松ケ丘, 髙 / 高) — among
 * the units at `levels` (under `parent`). Never throws for what a person typed: the reason comes
 * back, with the nearest names for a typo.
 *
 * @example
 * ```ts
 * lookupUnit(plan, '中央区', { levels: receivingLevels(plan) }); // { ok: true, unit: 中央区 }
 * lookupUnit(plan, '中区');   // { ok: false, reason: 'unknown', near: [中央区 …] … }
 * ```
 */
export function lookupUnit(plan: Plan, text: string, opts: UnitLookupOptions = {}): UnitLookup {
  const levels = opts.levels !== undefined && opts.levels.length > 0 ? new Set(opts.levels) : null;
  const accepts = (u: Unit) => (levels === null || levels.has(u.level)) && (opts.parent === undefined || u.parent === opts.parent);
  const under = (u: Unit) => opts.parent === undefined || u.parent === opts.parent;
  const byCode = getUnit(plan, text.trim());
  let found = byCode && under(byCode) ? [byCode] : findUnits(plan, text, opts.parent !== undefined ? { parent: opts.parent } : {});
  if (found.length === 0 || !found.some(accepts)) {
    const key = nameVariantKey(text);
    const variants = plan.units.filter((u) => under(u) && [u.code, u.name.ja, u.name.en, ...(u.aliases ?? [])].some((n) => nameVariantKey(n) === key));
    if (variants.some(accepts) || found.length === 0) found = variants;
  }
  const accepted = found.filter(accepts);
  if (accepted.length === 1) return { ok: true, unit: accepted[0]! };
  const levelList = plan.levels.filter((l) => levels === null || levels.has(l.id));
  if (found.length === 0) {
    const pool = plan.units.filter(accepts);
    const near = closest(text, pool.map((u) => u.name.ja)).flatMap((n) => pool.find((u) => u.name.ja === n) ?? []);
    return { ok: false, reason: 'unknown', text, matches: [], near, levels: levelList };
  }
  if (accepted.length === 0) return { ok: false, reason: 'wrong-level', text, matches: found, near: [], levels: levelList };
  return { ok: false, reason: 'ambiguous', text, matches: accepted, near: [], levels: levelList };
}

/**
 * The levels whose units receive a compiled report: for every flow that carries a template, the
 * receiver's level when it exists once per unit, else the top unit's level. Plan order.
 *
 * @example
 * ```ts
 * receivingLevels(chiba); // ['city', 'ward']
 * receivingLevels(town);  // ['town']
 * ```
 */
export function receivingLevels(plan: Plan): string[] {
  const found = new Set(templatedFlows(plan).flatMap((f) => receiverLevel(plan, f) ?? []));
  return plan.levels.filter((l) => found.has(l.id)).map((l) => l.id);
}

/**
 * The units a compiled report can be built for (the "ward" of a ward progress), in plan order;
 * with a fiscal year, only those that exist at some time in it. Deepest level first, so that a
 * picker offers the wards before the city.
 *
 * @example
 * ```ts
 * receivingUnits(chiba, { fiscalYear: 2026 }).map((u) => u.name.ja); // ['中央区', '花見川区', … '千葉市']
 * ```
 */
export function receivingUnits(plan: Plan, opts: { fiscalYear?: number } = {}): Unit[] {
  const range = opts.fiscalYear === undefined ? undefined : fiscalYearRange(opts.fiscalYear, plan.fiscalYear);
  return receivingLevels(plan)
    .reverse()
    .flatMap((level) => unitsAt(plan, level, range ? { on: range.start, until: range.end } : {}));
}

/** A unit field of a template: the level its units are at, and the field's label (its column header). */
export interface ReturnUnitLevel {
  level: Level;
  label: LocalizedText;
}

/** The levels a blank return of a template is filed by. */
export interface ReturnUnitLevels {
  /** The unit a return comes from (its template's `unitField`), e.g. the district chapter's area. */
  unit?: ReturnUnitLevel;
  /** That unit's parent, named on the return too, e.g. the ward. */
  parent?: ReturnUnitLevel;
}

/**
 * The levels of the units a return of a template names: the unit it comes from (its `unitField`)
 * and the parent unit field beside it. A template without unit fields names none.
 *
 * @throws SasaeaiError `unknown_template` for a template id the plan does not have.
 * @example
 * ```ts
 * returnUnitLevels(chiba, 'district-activity');
 * // { unit: { level: { id: 'district', … }, label: { ja: '地区部会', … } }, parent: { level: { id: 'ward', … }, label: { ja: '区', … } } }
 * ```
 */
export function returnUnitLevels(plan: Plan, templateId: string): ReturnUnitLevels {
  const template = getTemplate(plan, templateId);
  if (!template) throw new SasaeaiError(SasaeaiErrorCode.UnknownTemplate, `No template "${templateId}" in plan ${plan.id}`);
  const unitFields = template.fields.filter((f) => f.type === 'unit');
  const of = (f: Field | undefined): ReturnUnitLevel | undefined => {
    const level = f?.type === 'unit' ? plan.levels.find((l) => l.id === f.level) : undefined;
    return f && level ? { level, label: f.label } : undefined;
  };
  const unit = of(unitFields.find((f) => f.key === template.unitField));
  const parent = of(unitFields.find((f) => f.key !== template.unitField));
  return { ...(unit ? { unit } : {}), ...(parent ? { parent } : {}) };
}
