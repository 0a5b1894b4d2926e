/**
 * Looser comparisons of names and labels: the spelling variants staff type for the same place
 * name, and how close two labels are, for suggestions ("did you mean …").
 */
import { normalizeLabel } from './normalize.js';

// The small ke in place names is written ケ, ヶ, ｹ (NFKC makes it ケ), ヵ, or as the particle が
// (松ケ丘, 松ヶ丘, 松が丘 are one place). Only between two kanji is it the place-name particle.
const SMALL_KE = /([\u4E00-\u9FFF\u3005])[ヶケヵがガ]([\u4E00-\u9FFF\u3005])/g;

// Common 異体字 (variant kanji) in Japanese names, mapped to the form most rosters use. Only
// one-to-one variants: a character that is a different word elsewhere is not listed.
const VARIANTS: Record<string, string> = {
  髙: '高',
  﨑: '崎',
  嵜: '崎',
  區: '区',
  國: '国',
  邊: '辺',
  邉: '辺',
  澤: '沢',
  濱: '浜',
  濵: '浜',
  嶋: '島',
  嶌: '島',
  櫻: '桜',
  會: '会',
  廣: '広',
  檜: '桧',
  瀨: '瀬',
  德: '徳',
  惠: '恵',
  眞: '真',
  條: '条',
  齋: '斎',
  齊: '斉',
  藪: '薮',
  龍: '竜',
  靑: '青',
  淸: '清',
  增: '増',
  驛: '駅',
  舊: '旧',
  與: '与',
  豐: '豊',
  實: '実',
  圓: '円',
  榮: '栄',
  縣: '県',
  關: '関',
  壽: '寿',
};
const VARIANT_CHARS = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');

/**
 * A comparison key for place and unit names that also folds spelling variants: the label key
 * ({@link normalizeLabel}), the small ke (ケ ヶ ヵ が between kanji) as ケ, and common variant
 * kanji (髙→高, 區→区, 﨑→崎 …). For matching only; a hit should be accepted only when it is
 * unique.
 *
 * @example
 * ```ts
 * nameVariantKey('松ヶ丘') === nameVariantKey('松ケ丘'); // true
 * nameVariantKey('松が丘') === nameVariantKey('松ケ丘'); // true
 * nameVariantKey('髙田') === nameVariantKey('高田');     // true
 * ```
 */
export function nameVariantKey(s: string): string {
  return normalizeLabel(s)
    .replace(VARIANT_CHARS, (c) => VARIANTS[c] ?? c)
    .replace(SMALL_KE, '$1ケ$2')
    .replace(SMALL_KE, '$1ケ$2');
}

/**
 * How alike two texts are, from 0 to 1: one minus their edit distance over the longer length,
 * after {@link nameVariantKey}. Japanese names and labels are a few characters long, so one
 * character typed differently (松丘 for 松ケ丘) still leaves them close.
 *
 * @example
 * ```ts
 * similarity('松丘', '松ケ丘');   // 0.67
 * similarity('松ヶ丘', '松ケ丘'); // 1
 * ```
 */
export function similarity(a: string, b: string): number {
  const x = [...nameVariantKey(a)];
  const y = [...nameVariantKey(b)];
  const n = Math.max(x.length, y.length);
  if (n === 0) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return 1 - (prev[y.length] as number) / n;
}

/**
 * The candidates most like `text` (at least `min` alike, best first, at most `limit`), for a
 * "did you mean" hint.
 *
 * @example
 * ```ts
 * closest('松丘', ['松ケ丘', '寒川', '新宿']); // ['松ケ丘']
 * ```
 */
export function closest(text: string, candidates: readonly string[], limit = 3, min = 0.5): string[] {
  const scored: { c: string; s: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c)) continue;
    seen.add(c);
    const s = similarity(text, c);
    if (s >= min) scored.push({ c, s });
  }
  scored.sort((a, b) => b.s - a.s);
  return scored.slice(0, limit).map((x) => x.c);
}
