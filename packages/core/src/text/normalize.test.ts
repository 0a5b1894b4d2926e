import { describe, expect, it } from 'vitest';
import { normalizeDashes, normalizeLabel, normalizeSpaces, normalizeText, toHalfWidth } from './index.js';

describe('toHalfWidth', () => {
  it.each([
    ['ＡＢ１２', 'AB12'],
    ['（）／．，－：＋', '()/.,-:+'],
    ['ａｂｃ！＃％＆＝？＠［］｛｝～', 'abc!#%&=?@[]{}~'],
    ['見守り\u3000活動', '見守り 活動'],
    ['見守り・声かけ、サロン', '見守り・声かけ、サロン'],
    ['ｼﾞｯｼ', 'ｼﾞｯｼ'], // half-width kana is not widened here
    ['〜', '〜'],
    ['１，２００人', '1,200人'],
  ])('%s → %s', (input, expected) => {
    expect(toHalfWidth(input)).toBe(expected);
  });
});

describe('normalizeSpaces', () => {
  it.each([
    ['  a  b  ', 'a b'],
    ['\u3000見守り\u3000\u3000活動\u3000', '見守り 活動'],
    ['a\t\u00A0b', 'a b'],
    ['a \u3000\t b', 'a b'],
    ['一行目\n二行目', '一行目\n二行目'],
    ['\n a \n', 'a'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeSpaces(input)).toBe(expected);
  });
});

describe('normalizeLabel', () => {
  it('makes header variants comparable', () => {
    const key = normalizeLabel('実施回数');
    for (const v of ['実施\n回数', ' 実施回数 ', '実施\u3000回数', '実施\r\n回数', '実\u200B施回数']) {
      expect(normalizeLabel(v)).toBe(key);
    }
  });
  it.each([
    ['SESSIONS', 'sessions'],
    ['Ｓｅｓｓｉｏｎｓ', 'sessions'],
    ['ｼﾞｯｼ', 'ジッシ'], // NFKC widens half-width kana and composes the voiced mark
    ['ﾌｧｲﾙ', 'ファイル'],
    ['㈱', '(株)'],
    ['㍻', '平成'],
    ['㋿', '令和'],
    ['①', '1'],
    ['福祉の情報発信（広報紙）', '福祉の情報発信(広報紙)'],
    ['A〜B', 'a~b'],
    ['A～B', 'a~b'],
    ['見守り・声かけ', '見守り・声かけ'],
    ['見守り･声かけ', '見守り・声かけ'], // half-width middle dot → full-width
    ['ΑΒΓ', 'ΑΒΓ'], // only ASCII is lower-cased
  ])('%j → %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

describe('normalizeText', () => {
  it.each([
    ['  成果あり\r\n次年度も継続\r\n', '成果あり\n次年度も継続'],
    ['a\rb', 'a\nb'],
    ['a_x000D_\nb', 'a\nb'],
    ['a\n\n  b', 'a\n\n  b'],
    ['\u3000本文\u3000', '本文'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('normalizeDashes', () => {
  it('maps dash look-alikes but keeps the long-vowel mark', () => {
    expect(normalizeDashes('a\u2010b\u2012c\u2013d\u2014e\u2015f\u2212g\uFF0Dh\uFE63i')).toBe('a-b-c-d-e-f-g-h-i');
    expect(normalizeDashes('サーバー')).toBe('サーバー');
  });
});
