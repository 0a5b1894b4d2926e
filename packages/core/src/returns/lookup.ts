/**
 * Label look-up for enumerations, units, initiatives and measures: what staff type (a code, a
 * Japanese or English label, an alias, with or without 送り仮名, in full or half width) mapped to
 * the stable code. Built once per template; every miss is remembered too, so a column of the same
 * wrong value costs one map look-up per cell.
 */
import { nameVariantKey, normalizeDashes, normalizeLabel } from '../text/index.js';

/** The comparison key of a label: width, case, spaces and dash look-alikes ignored. */
export function labelKey(s: string): string {
  return normalizeLabel(normalizeDashes(s));
}

// 送り仮名: one or two hiragana written right after a kanji, at the end of a word (実施済み /
// 実施済, 見直し / 見直). Only those are dropped: hiragana that stand alone are part of the name
// (みなみ台 is not みつわ台), and a longer tail is a different word (済んだかも is not 済).
// Only used when the loose key is unambiguous.
const OKURIGANA = /([\u4E00-\u9FFF\u3005])[\u3041-\u3096]{1,2}(?![\u3041-\u3096])/g;
const HAS_KANJI = /[\u4E00-\u9FFF]/;
function looseKey(key: string): string | null {
  if (!HAS_KANJI.test(key)) return null;
  const k = key.replace(OKURIGANA, '$1');
  return k.length === 0 ? null : k;
}

const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|「[^「」]*」/g;
const LEADING_CODE = /^([a-z0-9][a-z0-9_-]*)(?=[^a-z0-9_-]|$)/;

/** A label table: text → items (several when a label is ambiguous). */
export class Lookup<T> {
  private readonly norm = new Map<string, T[]>();
  private readonly loose = new Map<string, T[] | null>();
  private readonly codes = new Map<string, T>();
  // Spelling variants (松ヶ丘 for 松ケ丘, 髙 for 高): used only when they name one item.
  private readonly variants = new Map<string, T[] | null>();
  private readonly memo = new Map<string, T[]>();

  /** Adds a text under which `item` is found; `isCode` marks the stable code. */
  add(text: string, item: T, isCode = false): void {
    push(this.memo, text, item);
    const key = labelKey(text);
    if (key === '') return;
    push(this.norm, key, item);
    if (isCode) this.codes.set(key, item);
    const vk = nameVariantKey(text);
    const pv = this.variants.get(vk);
    if (pv === undefined) this.variants.set(vk, [item]);
    else if (pv !== null && !pv.includes(item)) this.variants.set(vk, null);
    const lk = looseKey(key);
    if (lk !== null) {
      const prev = this.loose.get(lk);
      // Ambiguous loose keys are dropped for good: やや遅れ and 遅れ must not meet at 遅.
      if (prev === undefined) this.loose.set(lk, [item]);
      else if (prev !== null && !prev.includes(item)) this.loose.set(lk, null);
    }
  }

  /** The items a typed text may mean; empty when none. */
  find(text: string): T[] {
    // One look-up for the common case: the labels as written and every text seen before.
    const cached = this.memo.get(text);
    if (cached !== undefined) return cached;
    const found = this.resolve(text);
    if (this.memo.size < 65536) this.memo.set(text, found);
    return found;
  }

  private resolve(text: string): T[] {
    const key = labelKey(text);
    if (key === '') return [];
    const byKey = this.norm.get(key);
    if (byKey !== undefined) return byKey;
    const stripped = key.replace(BRACKETED, '').replace(/[。．.、，,]+$/, '');
    if (stripped !== key && stripped !== '') {
      const s = this.norm.get(stripped);
      if (s !== undefined) return s;
    }
    const lk = looseKey(stripped || key);
    if (lk !== null) {
      const l = this.loose.get(lk);
      if (l) return l;
    }
    const v = this.variants.get(nameVariantKey(text));
    if (v) return v;
    // A code followed by its label, as picked from a drop-down list: "C01 見守り・声かけ活動", "A：計画以上".
    const m = LEADING_CODE.exec(key);
    if (m?.[1] !== undefined && m[1] !== key) {
      const c = this.codes.get(m[1]);
      if (c !== undefined) return [c];
    }
    return [];
  }
}

function push<T>(map: Map<string, T[]>, k: string, item: T): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [item]);
  else if (!list.includes(item)) list.push(item);
}
