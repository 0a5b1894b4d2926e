import { describe, expect, it } from 'vitest';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { loadPlan, requirePlan, SasaeaiError, type PlanInput } from '../index.js';

/** A fresh, mutable copy of the Chiba plan file for each test to break. */
function chiba(): PlanInput {
  return structuredClone(chibaPlan) as PlanInput;
}

function problems(input: unknown) {
  const r = loadPlan(input);
  return r.issues.map((i) => ({ code: i.code, path: i.path, en: i.message.en, ja: i.message.ja }));
}

describe('loadPlan', () => {
  it('loads the Chiba preset without problems', () => {
    const r = loadPlan(chibaPlan);
    expect(r.ok).toBe(true);
    expect(r.issues).toEqual([]);
    if (!r.ok) return;
    expect(r.value.units.filter((u) => u.level === 'ward')).toHaveLength(6);
    expect(r.value.fiscalYear.startMonth).toBe(4);
  });

  it('rejects what is not a JSON object', () => {
    expect(problems(null)).toMatchInlineSnapshot(`
      [
        {
          "code": "plan_not_object",
          "en": "A plan file must be a JSON object.",
          "ja": "計画ファイルはJSONのオブジェクトである必要があります。",
          "path": "",
        },
      ]
    `);
    expect(loadPlan([]).ok).toBe(false);
    expect(loadPlan('plan').ok).toBe(false);
  });

  it('reports schema problems at their JSON path in Japanese and English, never as a zod dump', () => {
    const p = chiba() as Record<string, unknown> & PlanInput;
    (p.flows[0] as Record<string, unknown>)['cadence'] = 'weekly';
    (p.units[1] as Record<string, unknown>)['colour'] = 'red';
    delete (p as Record<string, unknown>)['version'];
    const got = problems(p);
    expect(got).toContainEqual(
      expect.objectContaining({ code: 'plan_schema', path: '/flows/0/cadence', en: 'Must be one of: any-time, fiscal-year, half-year, quarter, month' }),
    );
    expect(got).toContainEqual(expect.objectContaining({ path: '/units/1', en: 'Unknown property: colour' }));
    expect(got).toContainEqual(expect.objectContaining({ path: '/version', en: 'This required property is missing.' }));
    for (const g of got) expect(g.ja).toMatch(/[ぁ-んァ-ン一-龯]/);
  });

  it('reports a flow naming an unknown body', () => {
    const p = chiba();
    p.flows[0]!.to = 'ward-counsel';
    expect(problems(p)).toEqual([
      {
        code: 'unknown_body',
        path: '/flows/0/to',
        en: 'Flow "district-activity" names an unknown body "ward-counsel".',
        ja: '報告の流れ「district-activity」の組織「ward-counsel」が見つかりません。',
      },
    ]);
  });

  it('reports a unit whose parent is missing', () => {
    const p = chiba();
    const i = p.units.findIndex((u) => u.code === '12101-01');
    p.units[i]!.parent = '12199';
    expect(problems(p)).toEqual([
      expect.objectContaining({ code: 'unknown_parent', path: `/units/${i}/parent` }),
    ]);
  });

  it('reports a unit without a parent below the top level', () => {
    const p = chiba();
    const i = p.units.findIndex((u) => u.code === '12102');
    delete p.units[i]!.parent;
    expect(problems(p)).toEqual([expect.objectContaining({ code: 'missing_parent', path: `/units/${i}` })]);
  });

  it('reports a parent on the wrong level', () => {
    const p = chiba();
    const i = p.units.findIndex((u) => u.code === '12101-01');
    p.units[i]!.parent = '12100';
    expect(problems(p)).toEqual([expect.objectContaining({ code: 'parent_wrong_level', path: `/units/${i}/parent` })]);
  });

  it('reports duplicate codes', () => {
    const p = chiba();
    p.units.push({ ...p.units[3]! });
    p.initiatives!.push({ ...p.initiatives![0]! });
    const got = problems(p);
    expect(got).toContainEqual(
      expect.objectContaining({ code: 'duplicate_code', path: `/units/${p.units.length - 1}/code` }),
    );
    expect(got).toContainEqual(
      expect.objectContaining({ code: 'duplicate_code', path: `/initiatives/${p.initiatives!.length - 1}/code` }),
    );
  });

  it('reports a cycle in the hierarchy', () => {
    const p = chiba();
    // Two wards that name each other as parent, on a plan whose levels allow it.
    const a = p.units.findIndex((u) => u.code === '12101');
    const b = p.units.findIndex((u) => u.code === '12102');
    p.units[a]!.parent = '12102';
    p.units[b]!.parent = '12101';
    const cycles = problems(p).filter((x) => x.code === 'hierarchy_cycle');
    expect(cycles.map((c) => c.path).sort()).toEqual([`/units/${a}/parent`, `/units/${b}/parent`].sort());
    expect(cycles[0]!.en).toMatch(/loops back/);
  });

  it('reports an initiative in no ward', () => {
    const p = chiba();
    p.initiatives![2]!.units = [];
    expect(problems(p)).toEqual([
      {
        code: 'initiative_in_no_unit',
        path: '/initiatives/2/units',
        en: `Initiative "Parenting salons" belongs to no unit's plan (no ward lists it).`,
        ja: '取組み「子育てサロン」がどの組織単位（区など）の計画にも属していません。',
      },
    ]);
  });

  it('checks each field by its type: the settings of its type and no others, wrong ones named', () => {
    const broken = (mutate: (fields: Record<string, unknown>[]) => void) => {
      const p = chiba();
      mutate(p.templates[0]!.fields as unknown as Record<string, unknown>[]);
      return problems(p).map((x) => [x.path, x.en, x.ja]);
    };
    const at = (fields: Record<string, unknown>[], type: string) => fields.find((f) => f.type === type)!;
    const types = 'fiscalYear, date, integer, number, text, enum, multiEnum, boolean, unit, initiative, measure';
    expect(broken((f) => void (f[5]!.type = 'enumm'))).toEqual([
      ['/templates/0/fields/5/type', `Must be one of: ${types}`, `次のいずれかである必要があります: ${types}`],
    ]);
    expect(broken((f) => void delete f[5]!.type)).toEqual([
      ['/templates/0/fields/5/type', 'This required property is missing.', '必須の項目がありません。'],
    ]);
    expect(broken((f) => void delete at(f, 'enum').vocabulary)).toEqual([
      ['/templates/0/fields/5/vocabulary', 'This required property is missing.', '必須の項目がありません。'],
    ]);
    expect(broken((f) => void delete at(f, 'unit').level)).toEqual([
      ['/templates/0/fields/1/level', 'This required property is missing.', '必須の項目がありません。'],
    ]);
    expect(broken((f) => void (at(f, 'text').min = 1))).toEqual([
      ['/templates/0/fields/10', 'Unknown property: min', '知らない項目があります: min'],
    ]);
    expect(broken((f) => void (at(f, 'enum').vocabulary = 3))).toEqual([
      ['/templates/0/fields/5/vocabulary', 'Expected a string.', '文字列である必要があります。'],
    ]);
    expect(broken((f) => void (at(f, 'integer').min = 'a'))).toEqual([
      ['/templates/0/fields/6/min', 'Expected a number.', '数値である必要があります。'],
    ]);
  });

  it('narrows a field on its type', () => {
    const r = loadPlan(chibaPlan);
    if (!r.ok) throw new Error('the preset loads');
    const settings = r.value.templates[0]!.fields.map((f) => {
      switch (f.type) {
        case 'enum':
        case 'multiEnum':
          return f.vocabulary;
        case 'unit':
          return f.level;
        case 'integer':
        case 'number':
          return f.min;
        default:
          return undefined;
      }
    });
    expect(settings.filter((x) => x !== undefined)).toEqual(['ward', 'district', 'status', 0, 0, 'partnerGroups', 'rating', 'nextSteps']);
  });

  it('reports templates whose settings point nowhere', () => {
    const p = chiba();
    const t = p.templates[0]!;
    const status = t.fields[5]!;
    if (status.type !== 'enum') throw new Error('the preset\'s sixth field is its status enum');
    status.vocabulary = 'statuses';
    t.rules![0]!.when = { field: 'state', op: 'present' };
    t.tableRules = { unique: ['district', 'initiativeCode'] };
    p.flows[0]!.template = 'district-return';
    expect(problems(p).map((x) => [x.code, x.path])).toEqual([
      ['unknown_vocabulary', '/templates/0/fields/5/vocabulary'],
      ['unknown_field', '/templates/0/tableRules/unique/1'],
      ['unknown_field', '/templates/0/rules/0/when/field'],
      ['unknown_template', '/flows/0/template'],
    ]);
  });

  it('reports terms that overlap and a current term that does not exist', () => {
    const p = chiba();
    p.terms[4]!.startFiscalYear = 2023;
    p.currentTerm = 6;
    expect(problems(p).map((x) => x.code)).toEqual(['invalid_term', 'unknown_current_term']);
  });

  it('reports every problem at once', () => {
    const p = chiba();
    p.flows[1]!.from = 'nobody';
    p.initiatives![0]!.units = [];
    p.bodies[0]!.level = 'prefecture';
    expect(problems(p).map((x) => x.code).sort()).toEqual(['initiative_in_no_unit', 'unknown_body', 'unknown_level']);
  });

  it('refuses a time zone the runtime does not know, since "today" is taken in it', () => {
    const p = chiba();
    p.timeZone = 'Asia/Tokio';
    expect(problems(p)).toEqual([
      {
        code: 'invalid_time_zone',
        path: '/timeZone',
        en: 'Unknown time zone "Asia/Tokio"; give an IANA name such as Asia/Tokyo.',
        ja: 'タイムゾーン「Asia/Tokio」は不明です。Asia/Tokyo のようにIANAの名前で指定してください。',
      },
    ]);
    p.timeZone = 'America/New_York';
    expect(loadPlan(p).ok).toBe(true);
  });

  it('requirePlan throws a SasaeaiError listing the problems', () => {
    const p = chiba();
    p.flows[0]!.from = 'nobody';
    expect(() => requirePlan(p)).toThrow(SasaeaiError);
    expect(() => requirePlan(p)).toThrow(/\/flows\/0\/from: Flow "district-activity" names an unknown body "nobody"/);
  });
});

describe('plan check: flows a roll-up cannot use', () => {
  const warnings = (input: unknown) =>
    loadPlan(input)
      .issues.filter((i) => i.severity === 'warning')
      .map((i) => [i.code, i.path]);

  it('the preset, the town and the designated city have none', async () => {
    const { readFileSync } = await import('node:fs');
    for (const path of ['../../../../examples/custom-plan/town.plan.json', '../../../../examples/designated-city/minato.plan.json'])
      expect(warnings(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')))).toEqual([]);
    expect(warnings(chibaPlan)).toEqual([]);
  });

  it('warns about a template no flow reads, a flow whose template names other units, and two indistinct flows', () => {
    const p = chiba();
    p.flows = p.flows.filter((f) => f.id !== 'city-measures');
    expect(warnings(p)).toEqual([['template_unread', '/templates/1']]);

    const q = chiba();
    const activity = q.flows.find((f) => f.id === 'district-activity')!;
    q.flows.push({ ...activity, id: 'district-activity-2' });
    q.flows.push({ ...activity, id: 'ward-sends-district-template', from: 'ward-council', to: 'city', sameUnit: false });
    expect(warnings(q)).toEqual([
      ['flows_indistinct', '/flows/4'],
      ['flow_unusable', '/flows/5/template'],
    ]);
    expect(loadPlan(q).ok).toBe(true);
  });
});

describe('verification records in the plan', () => {
  it('a verification field names a vocabulary of the plan', () => {
    const p = chiba();
    const council = p.bodies.find((b) => b.id === 'ward-council')!;
    council.verification!.fields[0]!.vocabulary = 'nope';
    expect(problems(p).map((x) => [x.code, x.path])).toEqual([['unknown_vocabulary', '/bodies/2/verification/fields/0/vocabulary']]);
  });
});
