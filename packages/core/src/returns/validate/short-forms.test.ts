/**
 * The short-form scans agree with the full parsers on every text they claim, and claim the
 * common forms (a fast path that is never taken would pass the first test and speed up nothing).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDate } from '../../period/index.js';
import { parseNumberText } from '../compile.js';
import { NOT_SHORT, shortCount, shortDate } from './short-forms.js';

const FULL = (s: string): string => s.replace(/[-0-9/.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

// Pieces a staff member's date or count may be made of: digits of both widths, separators of
// every kind, era names, kanji marks, white space of every kind, dashes, suffixes, weekdays.
const PIECES = [
  ...'0123456789０１２３４５６７８９',
  '/', '-', '.', '／', '－', '．', '・', ',', '，', '、', '~', '〜', 'ー', '\u2212', '\u2010', '\uFE63',
  '年', '月', '日', '年度', '令和', '平成', 'R', 'H', 'r', '元', '㋿', '(金)', '（土）',
  ' ', '\u3000', '\u00A0', '\t', '\n', '\u200B', '\uFEFF',
  '回', '人', '名', '件', '人日', 'ｋｍ', 'km', '+', '+', 'e', 'E', '.5', '%', '％',
];
const piecewise = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((xs) => xs.join(''));

/** A date written in one of the short forms, or nearly (a wrong day, a stray character). */
const dateLike = fc
  .record({
    y: fc.integer({ min: 1890, max: 2210 }),
    m: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    pad: fc.boolean(),
    sep: fc.constantFrom('/', '-', '.', '／', '－', '．', '年', 'mixed'),
    day: fc.boolean(),
    wide: fc.boolean(),
    extra: fc.constantFrom('', '', '', ' ', '\u3000', '(金)', '日', 'x', '0'),
    at: fc.nat(12),
  })
  .map(({ y, m, d, pad, sep, day, wide, extra, at }) => {
    const two = (n: number): string => (pad && n < 10 ? `0${n}` : String(n));
    let s: string;
    if (sep === '年') s = `${y}年${two(m)}月${two(d)}${day ? '日' : ''}`;
    else if (sep === 'mixed') s = `${y}/${two(m)}-${two(d)}`;
    else s = `${y}${sep}${two(m)}${sep}${two(d)}`;
    if (wide) s = FULL(s);
    const k = Math.min(at, s.length);
    return s.slice(0, k) + extra + s.slice(k);
  });

/** A count written in one of the short forms, or nearly. */
const countLike = fc
  .record({
    n: fc.oneof(fc.nat(999), fc.nat(2_000_000_000), fc.integer({ min: -50, max: 50 })),
    group: fc.boolean(),
    wide: fc.boolean(),
    suffix: fc.constantFrom('', '', '回', '人', '名', '人日', '回 ', ' 人', 'km', 'ｋｍ', '回回', '.0', ',', '件'),
    lead: fc.constantFrom('', '', '', '0', ',', ' ', '+'),
  })
  .map(({ n, group, wide, suffix, lead }) => {
    let s = group ? n.toLocaleString('en-US') : String(n);
    if (wide) s = FULL(s);
    return lead + s + suffix;
  });

const SUFFIX_SETS: string[][] = [[], ['回'], ['人', '名'], ['人日', '人'], ['人', '人日'], ['km'], ['回', '1回']];

describe('shortDate', () => {
  const agrees = (s: string): void => {
    const fast = shortDate(s);
    if (fast === null) return;
    const full = parseDate(s);
    expect(full.ok, s).toBe(true);
    if (!full.ok) return;
    expect(fast, s).toBe(full.value);
    // A note the validator would raise an issue for must never be skipped by the fast path.
    expect(full.issues.filter((n) => n !== 'normalised_width'), s).toEqual([]);
  };

  it('agrees with parseDate on generated date-like texts', () => {
    fc.assert(fc.property(dateLike, (s) => agrees(s)), { numRuns: 5_000 });
  }, 120_000);

  it('agrees with parseDate on texts made of date pieces', () => {
    fc.assert(fc.property(piecewise, (s) => agrees(s)), { numRuns: 5_000 });
  }, 120_000);

  it('reads the common forms itself, and leaves the rest to the full parser', () => {
    expect(shortDate('2026/5/10')).toBe('2026-05-10');
    expect(shortDate('2026-5-1')).toBe('2026-05-01');
    expect(shortDate('2026.05.10')).toBe('2026-05-10');
    expect(shortDate('2026年5月10日')).toBe('2026-05-10');
    expect(shortDate('2026年12月1')).toBe('2026-12-01');
    expect(shortDate('２０２６／５／１０')).toBe('2026-05-10');
    expect(shortDate('2028/2/29')).toBe('2028-02-29');
    for (const s of ['2026/2/29', '2026/5-10', '1899/12/31', ' 2026/5/10', '2026/5/10(日)', 'R8.5.10', '令和8年5月10日', '2026\u22125\u221210', '2026ー5ー10', '20260510'])
      expect(shortDate(s), s).toBeNull();
  });
});

describe('shortCount', () => {
  const agrees = (s: string, suffixes: string[]): void => {
    const fast = shortCount(s, suffixes);
    if (fast === NOT_SHORT) return;
    expect(fast, `${s} ${JSON.stringify(suffixes)}`).toBe(parseNumberText(s, suffixes));
  };

  it('agrees with the full number parser on generated count-like texts', () => {
    fc.assert(fc.property(countLike, fc.constantFrom(...SUFFIX_SETS), (s, suf) => agrees(s, suf)), { numRuns: 5_000 });
  }, 120_000);

  it('agrees with the full number parser on texts made of count pieces', () => {
    fc.assert(fc.property(piecewise, fc.constantFrom(...SUFFIX_SETS), (s, suf) => agrees(s, suf)), { numRuns: 5_000 });
  }, 120_000);

  it('reads the common forms itself, and leaves the rest to the full parser', () => {
    expect(shortCount('12', [])).toBe(12);
    expect(shortCount('１２', [])).toBe(12);
    expect(shortCount('1,234', [])).toBe(1234);
    expect(shortCount('１，２３４', [])).toBe(1234);
    expect(shortCount('12回', ['回'])).toBe(12);
    expect(shortCount('1,200人', ['人', '名'])).toBe(1200);
    expect(shortCount('3人日', ['人日', '人'])).toBe(3);
    for (const [s, suf] of [
      ['12回', []],
      ['3人日', ['日', '人日']],
      ['1,20', []],
      ['1234,567', []],
      ['-3', []],
      ['2.5', []],
      ['12 回', ['回']],
      ['1234567890', []],
      ['12km', ['km']],
    ] as const)
      expect(shortCount(s, suf), s).toBe(NOT_SHORT);
  });
});
