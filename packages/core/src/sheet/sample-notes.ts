/**
 * The words that mark a plan's sample (illustrative) entries — districts, initiatives, measures,
 * options the plan flags `sample` — wherever staff see them: blank returns, verification sheets
 * and the roll-up workbooks. Written once here so that every sheet says it the same way; the
 * names themselves (and the list's label) come from the plan.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';

/** The mark after a sample entry's name in a table cell: 第1地区（サンプル）. */
export const SAMPLE_MARK: LocalizedText = { ja: '（サンプル）', en: ' (sample)' };

/** A name with the sample mark when the entry is a sample. */
export function sampleName(name: LocalizedText, sample: boolean | undefined, lang: Lang): string {
  return sample === true ? `${name[lang]}${SAMPLE_MARK[lang]}` : name[lang];
}

/**
 * The note above a sheet naming the sample entries of one list (its label from the plan), the
 * first five by name; null when the list has none.
 *
 * @example
 * ```ts
 * sampleNote({ ja: '地区', en: 'District' }, [{ ja: '第1地区', en: 'District 1' }])?.ja;
 * // '※ 地区の一覧の1件はサンプル（例示）で、正式な一覧ではありません：第1地区'
 * ```
 */
export function sampleNote(label: LocalizedText, names: readonly LocalizedText[]): LocalizedText | null {
  if (names.length === 0) return null;
  const shown = (lang: Lang) =>
    names
      .slice(0, 5)
      .map((n) => n[lang])
      .join(lang === 'ja' ? '・' : ', ') + (names.length > 5 ? (lang === 'ja' ? ` ほか${names.length - 5}件` : ` and ${names.length - 5} more`) : '');
  return {
    ja: `※ ${label.ja}の一覧の${names.length}件はサンプル（例示）で、正式な一覧ではありません：${shown('ja')}`,
    en: `* ${names.length} entries of the ${label.en.toLowerCase()} list are samples (illustrative), not the official list: ${shown('en')}`,
  };
}
