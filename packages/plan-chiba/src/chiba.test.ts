import { describe, expect, it } from 'vitest';
import { chibaPlan, CHIBA_PLAN_ID } from './index.js';

interface RawUnit {
  code: string;
  level: string;
  name: { ja: string; en: string };
  sample?: boolean;
  population?: number;
  households?: number;
}
const plan = chibaPlan as { id: string; units: RawUnit[]; notes: { path: string; kind: string }[] };

describe('the Chiba preset', () => {
  it('has the six wards with their local-government codes and 2024-09-01 populations (fact)', () => {
    const wards = plan.units.filter((u) => u.level === 'ward');
    expect(wards.map((w) => [w.code, w.name.ja, w.population, w.households])).toEqual([
      ['12101', '中央区', 218125, 117737],
      ['12102', '花見川区', 177234, 85484],
      ['12103', '稲毛区', 160319, 78398],
      ['12104', '若葉区', 144683, 67012],
      ['12105', '緑区', 128905, 53232],
      ['12106', '美浜区', 155019, 72732],
    ]);
    const sum = (k: 'population' | 'households') => wards.reduce((s, w) => s + (w[k] ?? 0), 0);
    const city = plan.units.find((u) => u.level === 'city')!;
    expect([sum('population'), sum('households')]).toEqual([city.population, city.households]);
  });

  it('marks every district chapter as a sample except the three confirmed ones', () => {
    const districts = plan.units.filter((u) => u.level === 'district');
    const confirmed = districts.filter((u) => !u.sample).map((u) => u.name.ja);
    expect(confirmed.sort()).toEqual(['寒川', '幕張西', '松ケ丘'].sort());
    expect(plan.notes.some((n) => n.kind === 'sample' && n.path.startsWith('/units'))).toBe(true);
  });

  it('says which parts are preset defaults', () => {
    expect(plan.notes.filter((n) => n.kind === 'preset-default').map((n) => n.path)).toEqual(
      expect.arrayContaining(['/flows/*/closing', '/terms']),
    );
    expect(plan.id).toBe(CHIBA_PLAN_ID);
  });
});

describe('fidelity to the seed (review of #11)', () => {
  const text = JSON.stringify(chibaPlan);
  const full = chibaPlan as unknown as {
    bodies: { id: string; roles?: { ja: string }[]; description?: { ja: string } }[];
    flows: { id: string; content: { ja: string } }[];
    notes: { path: string; kind: string; source?: { en: string } }[];
  };

  it('says 就労 (never 雇用), names the ward plan 区支え合いのまち推進計画 with its rename, and labels chapters 4 and 5 公助 / 共助', () => {
    expect(text).toContain('就労');
    expect(text).not.toContain('雇用');
    expect(text).toContain('区支え合いのまち推進計画');
    expect(text).toContain('「区地域福祉計画」から「区支え合いのまち推進計画」に改められ');
    expect(full.flows.find((f) => f.id === 'city-measures')!.content.ja).toBe('第4章 市の取組み（公助）の実施状況');
    expect(full.flows.find((f) => f.id === 'district-activity')!.content.ja).toBe('第5章 地域の取組み（共助）の実施状況');
  });

  it('the council shares local life problems (生活課題の共有); the chapter coordinates its partner groups (連携・調整)', () => {
    expect(text).toMatch(/生活課題[^"]*の共有/);
    expect(text).toContain('地区部会が連携・調整する団体');
  });

  it('marks the ward → city compilation flow as the preset’s reading of the seed', () => {
    const note = full.notes.find((n) => n.path === '/flows/1');
    expect(note?.kind).toBe('preset-default');
    expect(note?.source?.en).toContain("preset's reading");
  });
});
