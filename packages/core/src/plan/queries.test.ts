import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { chibaPlan } from '@sasaeai/plan-chiba';
import {
  bodiesOf,
  bodyNameInTerm,
  findUnits,
  initiativesOf,
  obligations,
  planDiagram,
  planJsonSchema,
  reportingLines,
  requirePlan,
  termOfFiscalYear,
  unitAtLevel,
  unitsAt,
} from '../index.js';

const plan = requirePlan(chibaPlan);

describe('units and bodies', () => {
  it('finds units by code, name, alias, width and spacing', () => {
    expect(findUnits(plan, '中央区').map((u) => u.code)).toEqual(['12101']);
    expect(findUnits(plan, ' 中央 ', { level: 'ward' }).map((u) => u.code)).toEqual(['12101']);
    expect(findUnits(plan, 'Chuo', { level: 'ward' }).map((u) => u.code)).toEqual(['12101']);
    expect(findUnits(plan, '寒川地区部会', { parent: '12101' }).map((u) => u.code)).toEqual(['12101-01']);
    expect(findUnits(plan, '１２１０１').map((u) => u.code)).toEqual(['12101']);
    expect(findUnits(plan, '寒川', { parent: '12106' })).toEqual([]);
  });

  it('lists the bodies and units of a ward', () => {
    const names = bodiesOf(plan, '12101', { on: '2026-04-01' }).map((b) => b.name.ja);
    expect(names.slice(0, 3)).toEqual([
      '中央区支え合いのまち推進協議会',
      '中央区役所（保健福祉センター）・市社協中央区事務所',
      '寒川地区部会',
    ]);
    expect(names).toHaveLength(2 + 8);
    expect(unitAtLevel(plan, '12106-01', 'ward')?.name.ja).toBe('美浜区');
  });

  it('keeps the history of a district that split', () => {
    const before = unitsAt(plan, 'district', { within: '12105', on: '2024-04-01', until: '2025-03-31' });
    const after = unitsAt(plan, 'district', { within: '12105', on: '2025-04-01', until: '2026-03-31' });
    expect(before.map((u) => u.name.ja)).toContain('おゆみ野');
    expect(before.map((u) => u.name.ja)).not.toContain('おゆみ野北');
    expect(after.map((u) => u.name.ja)).toEqual(expect.arrayContaining(['おゆみ野北', 'おゆみ野南']));
    expect(after.map((u) => u.name.ja)).not.toContain('おゆみ野');
  });

  it('gives the name a body had in a term', () => {
    expect(bodyNameInTerm(plan, 'ward-council', 1).ja).toBe('区地域福祉計画推進協議会');
    expect(bodyNameInTerm(plan, 'ward-council', 2).ja).toBe('区地域福祉計画推進協議会');
    expect(bodyNameInTerm(plan, 'ward-council', 3).ja).toBe('区支え合いのまち推進協議会');
    expect(bodyNameInTerm(plan, 'ward-council', 5).en).toBe('Ward mutual-support town promotion council');
    expect(termOfFiscalYear(plan, 2026)?.number).toBe(5);
    expect(termOfFiscalYear(plan, 1999)).toBeUndefined();
  });

  it('lists the initiatives of a ward plan', () => {
    expect(initiativesOf(plan, '12101').map((i) => i.code)).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07']);
    expect(initiativesOf(plan, '12103').map((i) => i.code)).toContain('C08');
  });
});

describe('who reports to whom', () => {
  it('resolves every flow', () => {
    expect(reportingLines(plan).map((l) => `${l.from.id} → ${l.to.id} (${l.flow.cadence})`)).toEqual([
      'district-chapter → ward-council (any-time)',
      'ward-council → city (fiscal-year)',
      'city → expert-subcommittee (fiscal-year)',
      'city → expert-subcommittee (fiscal-year)',
    ]);
    expect(reportingLines(plan)[1]!.compiles.map((f) => f.id)).toEqual(['district-activity']);
  });

  it('derives the obligations of a fiscal year', () => {
    const owed = obligations(plan, 2026, { within: '12101' });
    expect(owed.map((o) => [o.id, o.from.name.ja, o.to.name.ja, o.due])).toEqual([
      ['district-activity/2026/12101-01', '寒川地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-02', '松ケ丘地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-03', '新宿地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-04', '本千葉地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-05', '椿森地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-06', '都地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-07', '星久喜地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['district-activity/2026/12101-08', '生浜地区部会', '中央区支え合いのまち推進協議会', '2027-04-30'],
      ['ward-progress/2026/12101', '中央区支え合いのまち推進協議会', '千葉市', '2027-06-30'],
    ]);
    expect(owed[0]!.expectedSubjects).toEqual(['C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07']);
    expect(owed[0]!.period).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(owed[0]!.presetDeadline).toBe(true);
  });

  it('owes city-wide reports to the expert subcommittee', () => {
    const owed = obligations(plan, 2026);
    const city = owed.filter((o) => o.to.body.id === 'expert-subcommittee');
    expect(city.map((o) => [o.flowId, o.due, o.expectedSubjects.length])).toEqual([
      ['city-ward-progress', '2027-09-30', 0],
      ['city-measures', '2027-09-30', plan.measures.length],
    ]);
    // 8 sample districts in each of 6 wards, with 緑区's おゆみ野 split into two since FY2025.
    expect(owed.filter((o) => o.flowId === 'district-activity')).toHaveLength(49);
    expect(owed.filter((o) => o.flowId === 'ward-progress')).toHaveLength(6);
  });

  it('follows a split district: its successors owe from the year they start', () => {
    const fy2024 = obligations(plan, 2024, { within: '12105', flowId: 'district-activity' }).map((o) => o.from.name.ja);
    const fy2025 = obligations(plan, 2025, { within: '12105', flowId: 'district-activity' }).map((o) => o.from.name.ja);
    expect(fy2024).toContain('おゆみ野地区部会');
    expect(fy2024).not.toContain('おゆみ野北地区部会');
    expect(fy2025).toEqual(expect.arrayContaining(['おゆみ野北地区部会', 'おゆみ野南地区部会']));
    expect(fy2025).not.toContain('おゆみ野地区部会');
  });
});

describe('pictures and schemas', () => {
  it('draws the governance structure as a Mermaid flowchart', () => {
    const en = planDiagram(plan, { lang: 'en' });
    expect(en).toMatch(/^flowchart BT\n/);
    expect(en).toContain('b_district_chapter -- "any time: Chapter-5 activity status (mutual help)" --> b_ward_council');
    expect(en).toContain('b_ward_secretariat -. "holds meetings" .-> b_ward_council');
    const ja = planDiagram(plan);
    expect(ja).toContain('b_city -- "年度ごと：第4章 市の取組み（公助）の実施状況" --> b_expert_subcommittee');
    expect(ja).not.toMatch(/[^#]"[^"\n]*<(?!br\/>)/);
  });

  it('publishes a JSON Schema that accepts the preset and rejects a broken plan', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(planJsonSchema());
    expect(validate(chibaPlan)).toBe(true);
    const broken = structuredClone(chibaPlan) as { flows: { cadence: string }[] };
    broken.flows[0]!.cadence = 'weekly';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/flows/0/cadence')).toBe(true);
  });
});
