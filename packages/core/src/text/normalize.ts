/**
 * Text normalisation shared by period parsing and cell validation.
 *
 * Staff type into spreadsheets with a Japanese IME switched on or off at random, so the same
 * value arrives as `１２`, `12` or `１2`; these helpers make such variants comparable without
 * touching kana or kanji that carry meaning.
 *
 * @packageDocumentation
 */

// U+FF01..U+FF5E mirror ASCII 0x21..0x7E at a fixed offset, so one subtraction converts them.
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;

// Horizontal white space only: line breaks in narrative cells are content and must survive.
const HORIZONTAL_SPACE_RUN = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

// `\s` misses the zero-width characters that copy-paste from Word and web pages leaves behind.
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/**
 * Converts full-width ASCII (letters, digits, punctuation) and the ideographic space to their
 * half-width forms. Kana, kanji and Japanese punctuation such as `、` `・` `〜` are left as they are,
 * and half-width katakana is not widened (use {@link normalizeLabel} for that).
 *
 * @example
 * ```ts
 * toHalfWidth('ＡＢ１２（３）／４．５'); // 'AB12(3)/4.5'
 * toHalfWidth('見守り・声かけ\u3000活動'); // '見守り・声かけ 活動'
 * ```
 */
export function toHalfWidth(s: string): string {
  return s
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

/**
 * Trims and collapses every run of half-/full-width spaces, tabs, NBSP and other horizontal
 * spaces to a single ASCII space. Line breaks inside the text are kept (runs of spaces next to
 * them are still collapsed); line breaks at either end are trimmed.
 *
 * @example
 * ```ts
 * normalizeSpaces('\u3000 見守り\t\u00A0活動 '); // '見守り 活動'
 * ```
 */
export function normalizeSpaces(s: string): string {
  return s.replace(HORIZONTAL_SPACE_RUN, ' ').trim();
}

/**
 * Builds a comparison key for headers and labels: half-width, NFKC (which also widens
 * half-width katakana and expands ligatures such as `㈱` `㍻`), every kind of white space
 * removed including line breaks, wave dash unified with tilde, ASCII lower-cased.
 * The result is for matching only — never show it to users.
 *
 * @example
 * ```ts
 * normalizeLabel('実施\n回数') === normalizeLabel(' 実施回数 '); // true
 * normalizeLabel('SESSIONS'); // 'sessions'
 * normalizeLabel('ｼﾞｯｼ'); // 'ジッシ'
 * ```
 */
export function normalizeLabel(s: string): string {
  return toHalfWidth(s)
    .normalize('NFKC')
    .replace(ALL_SPACE, '')
    // NFKC maps full-width tilde to '~' but keeps the wave dash; the IME produces either for 〜.
    .replace(/\u301C/g, '~')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Normalises a narrative (free-text) cell: CRLF and lone CR become LF, the literal `_x000D_`
 * escape some xlsx readers leave behind for a carriage return is treated as one, and the text is
 * trimmed. Inner line breaks and spacing are kept because they are part of what staff wrote.
 *
 * @example
 * ```ts
 * normalizeText('  成果あり\r\n次年度も継続\r\n'); // '成果あり\n次年度も継続'
 * ```
 */
export function normalizeText(s: string): string {
  return s
    .replace(/_x000D_/gi, '\r')
    .replace(/\r\n?/g, '\n')
    .trim();
}

/**
 * Replaces the dash and minus look-alikes an IME or another application may produce
 * (hyphen, non-breaking hyphen, figure dash, en/em dash, horizontal bar, minus sign,
 * full-width and small hyphen-minus) with ASCII `-`. The long-vowel mark `ー` is not touched
 * because in kana it is a letter; callers that know they hold a number or a date may map it.
 *
 * @example
 * ```ts
 * normalizeDashes('2026\u22125\u22121'); // '2026-5-1'
 * ```
 */
export function normalizeDashes(s: string): string {
  return s.replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/g, '-');
}
