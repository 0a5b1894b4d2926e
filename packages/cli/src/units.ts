/**
 * Resolving what a user types for `--ward` and `--district` (a code, a Japanese or English name,
 * an alias) to one unit of the plan, with a clear usage error when it names none or several.
 * Nothing here names a level of the Chiba plan: a "ward" is any unit with units below it.
 */
import { closest, findUnits, nameVariantKey, type Plan, type Unit } from '@sasaeai/core';
import { lt, usage } from './messages.js';

function hasChildren(plan: Plan, code: string): boolean {
  return plan.units.some((u) => u.parent === code);
}

function depth(plan: Plan, u: Unit): number {
  return plan.levels.findIndex((l) => l.id === u.level);
}

/**
 * Units whose name or alias is the typed text written another way (松ヶ丘 / 松が丘 for 松ケ丘,
 * 髙 for 高): core's variant key, used only when the exact look-up found nothing.
 */
function byVariant(plan: Plan, text: string, keep: (u: Unit) => boolean): Unit[] {
  const key = nameVariantKey(text);
  return plan.units.filter((u) => keep(u) && [u.code, u.name.ja, u.name.en, ...(u.aliases ?? [])].some((n) => nameVariantKey(n) === key));
}

function pick(text: string, found: Unit[], what: { ja: string; en: string }, pool: Unit[] = []): Unit {
  if (found.length === 1) return found[0]!;
  if (found.length === 0) {
    const near = closest(text, pool.map((u) => u.name.ja));
    const hintJa = near.length > 0 ? `近い名前：${near.join('、')}。` : '';
    const hintEn = near.length > 0 ? ` Closest names: ${near.map((n) => `${n} (${pool.find((u) => u.name.ja === n)?.name.en ?? ''})`).join(', ')}.` : '';
    return usage(lt(`${what.ja}「${text}」は計画にありません。${hintJa}`, `No ${what.en} "${text}" in the plan.${hintEn}`));
  }
  const names = found.map((u) => `${u.name.ja}（${u.code}）`).join('、');
  const namesEn = found.map((u) => `${u.name.en} (${u.code})`).join(', ');
  return usage(
    lt(
      `${what.ja}「${text}」に当てはまるものが複数あります：${names}。コードで指定してください。`,
      `"${text}" matches several ${what.en}s: ${namesEn}. Give the code.`,
    ),
  );
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
  const isWard = (u: Unit) => u.parent !== undefined && hasChildren(plan, u.code);
  let found = findUnits(plan, text).filter(isWard);
  if (found.length === 0) found = byVariant(plan, text, isWard);
  const top = Math.min(...found.map((u) => depth(plan, u)));
  found = found.filter((u) => depth(plan, u) === top);
  return pick(text, found, { ja: '区', en: 'ward' }, plan.units.filter(isWard));
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
  const isDistrict = (u: Unit) => !hasChildren(plan, u.code) && (ward === undefined || u.parent === ward);
  let found = findUnits(plan, text, ward ? { parent: ward } : {}).filter((u) => !hasChildren(plan, u.code));
  if (found.length === 0) found = byVariant(plan, text, isDistrict);
  return pick(text, found, { ja: '地区', en: 'district' }, plan.units.filter(isDistrict));
}
