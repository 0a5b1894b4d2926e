/**
 * The tolerant comparison of column headers: the wordings staff give a column differ from the
 * template's label in ways that do not change what the column holds — a note in brackets
 * (参加者（延べ人数）), 延べ, 年月日 for 日, a trailing 名／名称／内容／数 (区名, 取組内容), 送り仮名
 * (取り組み). A header and a label that reduce to the same stem name the same field.
 */
import { labelKey } from './lookup.js';

const MARKS = /[※*＊◎●★☆]|必須|任意/g;
// A numbered note reference at the end (報告日※1, 参加者数 注3).
const NOTE_REF = /(?:[※*＊]\d*|注\d+)$/;
const BRACKETED = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|<[^<>]*>|「[^「」]*」|〔[^〔〕]*〕/g;
// Order matters: 人数 before 数, 年月日 before 日.
const SUFFIXES: readonly [RegExp, string][] = [
  [/年月日$/, '日'],
  [/日付$/, '日'],
  [/月日$/, '日'],
  [/人数$/, '者'],
  [/(?:の)?(?:名称|名前|名|内容|数|等|欄|欄記入|記入欄|の状況|状況)$/, ''],
];
const OKURIGANA = /([\u4E00-\u9FFF\u3005])[\u3041-\u3096]{1,2}(?=[\u4E00-\u9FFF\u3005]|$)/g;

/**
 * The stem of a header or label: its label key without marks, bracketed notes, 延べ, a trailing
 * 名／名称／内容／数 and 送り仮名 between kanji. Empty when nothing is left.
 *
 * @example
 * ```ts
 * headerStem('参加者（延べ人数）') === headerStem('参加者数'); // true
 * headerStem('区名') === headerStem('区');                   // true
 * headerStem('報告年月日') === headerStem('報告日');         // true
 * ```
 */
export function headerStem(text: string): string {
  let k = labelKey(text).replace(NOTE_REF, '').replace(MARKS, '').replace(BRACKETED, '').replace(/延べ|延/g, '');
  for (const [re, to] of SUFFIXES) k = k.replace(re, to);
  return k.replace(OKURIGANA, '$1');
}

/**
 * The parts of a header that joins two wordings with a separator (成果・効果, 課題／問題点,
 * 成果及び効果): each may name the field.
 *
 * @example
 * ```ts
 * headerParts('成果・効果'); // ['成果', '効果']
 * ```
 */
export function headerParts(text: string): string[] {
  const k = labelKey(text).replace(BRACKETED, '');
  const parts = k.split(/[・/、,&＆]|及び|および|又は|または/).filter((p) => p !== '');
  return parts.length > 1 ? parts : [];
}
