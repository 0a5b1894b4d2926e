import { describe, expect, it } from 'vitest';
import { closest, nameVariantKey, similarity } from '../index.js';

describe('name variants', () => {
  it('folds the small ke and common variant kanji', () => {
    for (const v of ['松ヶ丘', '松が丘', '松ケ丘', '松ｹ丘', '松ヵ丘']) expect(nameVariantKey(v)).toBe(nameVariantKey('松ケ丘'));
    expect(nameVariantKey('髙田')).toBe(nameVariantKey('高田'));
    expect(nameVariantKey('中央區')).toBe(nameVariantKey('中央区'));
    expect(nameVariantKey('山﨑')).toBe(nameVariantKey('山崎'));
    // が between kana is a word, not a place-name particle.
    expect(nameVariantKey('みなみがおか')).not.toBe(nameVariantKey('みなみケおか'));
  });
  it('ranks the closest names', () => {
    expect(similarity('松ヶ丘', '松ケ丘')).toBe(1);
    expect(closest('松丘', ['寒川', '松ケ丘', '新宿'])).toEqual(['松ケ丘']);
    expect(closest('まったく別', ['寒川', '松ケ丘'])).toEqual([]);
  });
});
