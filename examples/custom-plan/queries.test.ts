import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodiesOf, bodyNameInTerm, formatFiscalYear, loadPlan, obligations, planDiagram, unitsAt } from '@sasaeai/core';

const json: unknown = JSON.parse(readFileSync(new URL('./town.plan.json', import.meta.url), 'utf8'));

describe('a town with no wards', () => {
  const r = loadPlan(json);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message.en}`).join('\n'));
  const plan = r.value;

  it('has two levels and labels fiscal years FY2026', () => {
    expect(plan.levels.map((l) => l.id)).toEqual(['town', 'area']);
    expect(unitsAt(plan, 'area')).toHaveLength(5);
    expect(formatFiscalYear(2026, plan.fiscalYear.labelStyle)).toBe('FY2026');
  });

  it('answers the same queries as the Chiba preset', () => {
    expect(bodiesOf(plan, 'T').map((b) => b.name.ja)).toEqual([
      '北地区福祉委員会',
      '南地区福祉委員会',
      '東地区福祉委員会',
      '西地区福祉委員会',
      '中央地区福祉委員会',
    ]);
    expect(bodyNameInTerm(plan, 'town-council', 1).ja).toBe('町地域福祉計画策定委員会');
    const owed = obligations(plan, 2026);
    expect(owed.map((o) => [o.from.name.en, o.to.name.en, o.due])).toEqual(
      ['Kita', 'Minami', 'Higashi', 'Nishi', 'Chuo'].map((a) => [`${a} area welfare committee`, 'Town community welfare council', '2027-05-31']),
    );
    // Areas report straight to the town council; the shopping bus runs only in two areas.
    expect(owed.map((o) => o.expectedSubjects.length)).toEqual([3, 2, 3, 2, 2]);
    expect(planDiagram(plan, { lang: 'en' })).toContain('b_area_committee -- "each fiscal year: Report on the area’s initiatives" --> b_town_council');
  });
});
