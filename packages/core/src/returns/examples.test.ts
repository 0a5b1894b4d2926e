import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleReturnSheet, loadPlan, notAReturn, notAReturnIssue, repeatsExamples, requirePlan, validateGrids, type PlanInput, type SheetGrid } from '../index.js';
import { HEADER, plan as chiba, rowCells, today } from './test-fixtures.js';

const townInput = JSON.parse(readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as PlanInput;
const chibaInput = JSON.parse(JSON.stringify(chiba)) as PlanInput;

/** A plan whose template `id` carries example rows. */
function withExamples(input: PlanInput, id: string, examples: Record<string, string | number>[]) {
  return requirePlan({ ...input, templates: input.templates.map((t) => (t.id === id ? { ...t, examples } : t)) });
}
const plan = withExamples(chibaInput, 'district-activity', [
  { fiscalYear: '令和8年度', ward: '中央区', district: '寒川', reportDate: '2026-05-01', initiative: '見守り・声かけ活動', status: '実施済み', sessions: 12, participants: 240, outcomes: '見守り訪問を毎月実施した。' },
  { fiscalYear: '令和8年度', ward: '中央区', district: '寒川', reportDate: '2026-05-01', initiative: 'ふれあい・いきいきサロン', status: '実施中', sessions: 4, participants: 60 },
]);
const town = withExamples(townInput, 'area-report', [{ fiscalYear: '2026年度', area: '北地区', initiative: '見守りネットワーク', meetings: 3, volunteers: 8, progress: '順調' }]);

describe('example rows of a template (記入例)', () => {
  it('the blank return’s example sheet holds them, dates as dates; none without examples', () => {
    const ex = exampleReturnSheet(plan, 'district-activity')!;
    expect([ex.name.ja, ex.rows.length, ex.rows[0]?.[3], ex.rows[0]?.[6], ex.blankRows]).toEqual(['記入例', 2, { date: '2026-05-01' }, 12, 0]);
    expect(ex.columns.map((c) => c.header.ja)).toEqual([...HEADER]);
    expect(ex.tableName).not.toBe(undefined);
    expect(exampleReturnSheet(chiba, 'district-activity')).toBeNull();
    expect(exampleReturnSheet(town, 'area-report')?.rows).toEqual([['2026年度', '北地区', '見守りネットワーク', 3, 8, '順調', null]]);
  });

  it('a sheet whose rows repeat them, typed another way, is an example; one more real row makes it a return', () => {
    // The district by code, the initiative by code, the date as an Excel serial (2026-05-01).
    const copy: SheetGrid = {
      sheet: 'Sheet2',
      cells: [
        [...HEADER],
        rowCells({ fiscalYear: 2026, district: '12101-01', reportDate: 46143, initiative: 'C01', outcomes: '見守り訪問を毎月実施した。' }),
        rowCells({ district: '寒川', reportDate: '2026/5/1', initiative: 'C02', status: '実施中', sessions: 4, participants: 60, outcomes: null }),
      ],
    };
    expect(repeatsExamples(plan, 'district-activity', copy)).toBe(true);
    expect(notAReturn(copy, 0, plan, 'district-activity')).toBe('examples');
    expect(notAReturnIssue(copy, 'examples').message.ja).toContain('記入例');
    // Without the plan's examples, or with the sheet filled in further, it is a return.
    expect(notAReturn(copy, 0, chiba, 'district-activity')).toBeNull();
    expect(notAReturn(copy, 0)).toBeNull();
    const filled = { ...copy, cells: [...copy.cells, rowCells({ initiative: 'C03', sessions: 2, participants: 20 })] };
    expect(notAReturn(filled, 0, plan, 'district-activity')).toBeNull();
    // Different figures are a real report, even on the example's initiative.
    const real = { ...copy, cells: [copy.cells[0]!, rowCells({ initiative: 'C01', sessions: 13 })] };
    expect(notAReturn(real, 0, plan, 'district-activity')).toBeNull();
    // And validation on its own counts those rows as usual.
    expect(validateGrids([copy], { plan, today }).results[0]?.records).toHaveLength(2);
  });

  it('the same in the town’s plan', () => {
    const g: SheetGrid = { sheet: 'コピー', cells: [['年度', '地区', '取組み', '開催回数', '協力者数', '進み具合', 'ひとこと'], [2026, '北', 'W1', 3, 8, '◎', null]] };
    expect(notAReturn(g, 0, town, 'area-report')).toBe('examples');
    expect(notAReturn({ ...g, cells: [g.cells[0]!, [2026, '北', 'W1', 3, 9, '◎', null]] }, 0, town, 'area-report')).toBeNull();
  });

  it('a plan whose example names no field of the template is refused, located', () => {
    const r = loadPlan({ ...townInput, templates: townInput.templates.map((t) => ({ ...t, examples: [{ meetingz: 3 }] })) });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).toContain('/templates/0/examples/0/meetingz');
  });
});
