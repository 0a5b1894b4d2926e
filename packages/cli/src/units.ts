/**
 * Resolving what a user types for `--ward` and `--district` (a code, a Japanese or English name,
 * an alias) to one unit of the plan, with a clear usage error when it names none or several.
 * Nothing here names a level of the Chiba plan: a "ward" is any unit with units below it.
 */
import { findUnits, type Plan, type Unit } from '@sasaeai/core';
import { usage } from './messages.js';

function hasChildren(plan: Plan, code: string): boolean {
  return plan.units.some((u) => u.parent === code);
}

function depth(plan: Plan, u: Unit): number {
  return plan.levels.findIndex((l) => l.id === u.level);
}

function pick(text: string, found: Unit[], what: { ja: string; en: string }): Unit {
  if (found.length === 1) return found[0]!;
  if (found.length === 0) return usage('unknown_unit', { what, text });
  return usage('ambiguous_unit', { what, text, matches: found });
}

/**
 * The ward (a unit that has units below it, not the top one) that a text names. When a name is
 * both a ward and a district (花見川), the ward wins.
 *
 * @example
 * ```ts
 * resolveWard(plan, '中央区').code; // '12101'
 * ```
 */
export function resolveWard(plan: Plan, text: string): Unit {
  let found = findUnits(plan, text).filter((u) => u.parent !== undefined && hasChildren(plan, u.code));
  const top = Math.min(...found.map((u) => depth(plan, u)));
  found = found.filter((u) => depth(plan, u) === top);
  return pick(text, found, { ja: '区', en: 'ward' });
}

/**
 * The district (a unit with no units below it) that a text names, within a ward when given.
 *
 * @example
 * ```ts
 * resolveDistrict(plan, '寒川', '12101').code; // '12101-01'
 * ```
 */
export function resolveDistrict(plan: Plan, text: string, ward?: string): Unit {
  const found = findUnits(plan, text, ward ? { parent: ward } : {}).filter((u) => !hasChildren(plan, u.code));
  return pick(text, found, { ja: '地区', en: 'district' });
}
