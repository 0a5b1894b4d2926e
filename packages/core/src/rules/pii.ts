/**
 * The personal-information guard (個人情報のチェック): welfare returns are shared up to the city
 * and published in part, so narrative cells must not carry phone numbers, My Numbers (個人番号),
 * e-mail addresses or people's names. Findings are warnings: the text is kept as typed.
 *
 * The name check is a heuristic tuned for few false alarms: a run of kanji right before 様/さん
 * counts as a name unless it is a known word (皆さん, お客様, 利用者さん, 同様, 会長さん…).
 */
import { normalizeDashes, toHalfWidth } from '../text/index.js';

/** Kinds of personal data the guard looks for. */
export type PiiKind = 'pii_phone' | 'pii_my_number' | 'pii_email' | 'pii_person_name';

/** One finding: what kind, and the text that triggered it. */
export interface PiiFinding {
  kind: PiiKind;
  match: string;
}

// Cheap gate: no digit, no @ and no honorific means nothing to look at (most cells).
const GATE = /[0-9０-９@＠様]|さ[んま]/;
// No lookbehind anywhere (Safari before 16.4, in older Excel for Mac, rejects the whole script): a
// leading `(?:^|[^…])` stands for it, and group 1 is the candidate itself.
const PHONE_CANDIDATE = /(?:^|[^0-9])((?:\+81[\s-]?|0)[0-9][0-9\s\-()]{6,14}[0-9])(?![0-9])/g;
const MY_NUMBER = /(?:^|[^0-9])([0-9]{4}[\s-]?[0-9]{4}[\s-]?[0-9]{4})(?![0-9])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
const KANJI = '\\u4E00-\\u9FFF\\u3400-\\u4DBF\\u3005\\uF900-\\uFAFF';
const NAME = new RegExp(
  `(^|[^${KANJI}])([${KANJI}]{1,8})(?:[ \\u3000]([${KANJI}\\u3041-\\u3096\\u30A1-\\u30FA]{1,6}))?(様|さん|さま)`,
  'g',
);

// Last character of a kanji run that makes it a role, a relation or an organisation, not a name
// (a set of single characters, in no order that spells a word).
const NOT_NAME_LAST = new Set(
  Array.from('者員民客皆方族達供婦長師士父母兄姉弟妹奥嫁婆爺孫家屋店社会協所局課館署園校院部団庁省組連神仏様々宅主人衆側'),
);
// Words (whole kanji runs) that take 様/さん without being a name.
const NOT_NAME_WORDS = new Set([
  '同', '多', '仕', '模', '異', '一', '各', '今', '王', '殿', '有', '態', '両', '文', '紋', '神', '仏', '皆', '客', '奥',
  '先生', '子', '息子', '娘', '赤', '坊', '旦那', '女将', '大将', '親方', '親', '兄', '姉', '嫁', '婿', '孫', '上', '冥', '御',
  '疲', '苦労', '世話', '馳走', '待', '互', '逆', '左', '右', '外', '内',
]);
// 様 starting a word (様々, 様子, 様式, 様相) is not an honorific.
const NOT_HONORIFIC_NEXT = new Set(Array.from('々子式相態'));

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function findNames(text: string, out: PiiFinding[]): void {
  NAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME.exec(text)) !== null) {
    // Group 1 is the character before the kanji run (the lookbehind's job); the next search
    // starts at the match's last character, which may be the one before the next name.
    NAME.lastIndex = m.index + m[0].length - 1;
    const before = m[1] ?? '';
    const surname = m[2] ?? '';
    const given = m[3];
    const honorific = m[4] ?? '';
    const after = text.charAt(m.index + m[0].length);
    const word = given ?? surname;
    if (honorific === '様' && NOT_HONORIFIC_NEXT.has(after)) continue;
    // お客様, ご家族様, お子さん, お父さん: a prefix お/ご marks a common noun.
    if (given === undefined && (before === 'お' || before === 'ご' || before === '御')) continue;
    if (NOT_NAME_WORDS.has(word) || NOT_NAME_LAST.has(word.charAt(word.length - 1))) continue;
    out.push({ kind: 'pii_person_name', match: m[0].slice(before.length) });
    return;
  }
}

/**
 * Looks for personal data in a narrative text. At most one finding per kind.
 *
 * @example
 * ```ts
 * findPersonalData('連絡先 090-1234-5678').map((f) => f.kind); // ['pii_phone']
 * findPersonalData('参加者の皆さんに好評');                   // []
 * ```
 */
export function findPersonalData(text: string): PiiFinding[] {
  if (!GATE.test(text)) return [];
  const out: PiiFinding[] = [];
  const half = normalizeDashes(toHalfWidth(text));
  const digits = /[0-9]/.test(half);
  if (digits) {
    let phone: string | null = null;
    PHONE_CANDIDATE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PHONE_CANDIDATE.exec(half)) !== null) {
      const candidate = m[1]!;
      const n = digitCount(candidate) - (candidate.startsWith('+81') ? 2 : 0);
      if (n === 10 || n === 11 || (candidate.startsWith('+81') && (n === 9 || n === 10))) {
        phone = candidate;
        break;
      }
    }
    if (phone !== null) out.push({ kind: 'pii_phone', match: phone.trim() });
    MY_NUMBER.lastIndex = 0;
    while ((m = MY_NUMBER.exec(half)) !== null) {
      if (phone !== null && phone.includes(m[1]!)) continue;
      out.push({ kind: 'pii_my_number', match: m[1]! });
      break;
    }
  }
  if (half.includes('@')) {
    const e = EMAIL.exec(half);
    if (e) out.push({ kind: 'pii_email', match: e[0] });
  }
  if (text.includes('様') || text.includes('さん') || text.includes('さま')) findNames(text, out);
  return out;
}
