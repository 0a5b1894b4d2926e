import { describe, expect, it } from 'vitest';
import { STRINGS, STRING_KEYS, t } from './i18n.js';

describe('pane strings', () => {
  it('has Japanese and English for every string, with the same placeholders', () => {
    for (const key of STRING_KEYS) {
      const { ja, en } = STRINGS[key];
      expect(ja.length, key).toBeGreaterThan(0);
      expect(en.length, key).toBeGreaterThan(0);
      const ph = (s: string) => (s.match(/\{\d\}/g) ?? []).sort().join();
      expect(ph(ja), key).toBe(ph(en));
    }
  });
  it('fills placeholders', () => {
    expect(t('en', 'row', 12)).toBe('Row 12');
    expect(t('ja', 'row', 12)).toBe('12行目');
  });
});
