import { describe, expect, it } from 'vitest';
import { PLAN_NAMESPACE, planJsonFromXml, planToXml } from './plan-store.js';

describe('plan in a custom XML part', () => {
  it('round-trips any JSON text, including markup-like and control characters', () => {
    for (const json of [
      '{"id":"x"}',
      JSON.stringify({ name: { ja: '支え合い <計画> & "町"', en: "O'Neil ]]> </json>" } }),
      JSON.stringify({ note: 'tab\tnew\nline' }),
    ]) {
      const xml = planToXml(json, { id: 'p&1', version: '1<2' });
      expect(xml.startsWith(`<plan xmlns="${PLAN_NAMESPACE}"`)).toBe(true);
      expect(planJsonFromXml(xml)).toBe(json);
    }
  });
  it('finds no plan in unrelated XML', () => {
    expect(planJsonFromXml('<other/>')).toBeNull();
  });
});
