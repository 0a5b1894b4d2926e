/** The two languages every user-facing string carries: Japanese first, English too. */
export type Lang = 'ja' | 'en';

/** The languages Sasaeai ships, in display order. */
export const LANGS: readonly Lang[] = ['ja', 'en'];

/**
 * A string in Japanese and English. Plans, issues and report headings all carry both, so that a
 * renderer only has to pick one.
 */
export interface LocalizedText {
  ja: string;
  en: string;
}

/**
 * Picks the text for a language.
 *
 * @example
 * ```ts
 * localize({ ja: '中央区', en: 'Chuo' }, 'en'); // 'Chuo'
 * ```
 */
export function localize(text: LocalizedText, lang: Lang): string {
  return text[lang];
}

/**
 * Builds a {@link LocalizedText}.
 *
 * @example
 * ```ts
 * lt('区', 'Ward'); // { ja: '区', en: 'Ward' }
 * ```
 */
export function lt(ja: string, en: string): LocalizedText {
  return { ja, en };
}

/**
 * Turns a display language tag (as Office or a browser reports it, e.g. `ja-JP`, `en-US`) into a
 * {@link Lang}. Japanese unless the tag is English.
 *
 * @example
 * ```ts
 * langFromLocale('en-GB'); // 'en'
 * langFromLocale('ja-JP'); // 'ja'
 * ```
 */
export function langFromLocale(tag: string | null | undefined): Lang {
  return typeof tag === 'string' && /^en\b/i.test(tag.trim()) ? 'en' : 'ja';
}
