/**
 * The decisions both adapters take from core, on two differently shaped plans: Chiba's (city →
 * ward → district, a district return received per ward, a measures table received by the city)
 * and the town's (town → area, one council receiving every area's return).
 */
import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  blankReturnSheet,
  buildReport,
  completenessReport,
  lookupUnit,
  parsePlanText,
  receivingLevels,
  receivingUnits,
  requirePlan,
  returnSheet,
  returnSubmissions,
  returnUnitLevels,
  SasaeaiError,
  validateGrids,
  validateReturns,
  type SheetGrid,
} from '../index.js';
import { generateReturns } from '../samples/index.js';

const townText = readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8');
const chiba = requirePlan(chibaPlan);
const town = requirePlan(JSON.parse(townText) as unknown);

describe('units people mean', () => {
  it('receiving units: the wards and the city in Chiba, the town in the town plan', () => {
    expect(receivingLevels(chiba)).toEqual(['city', 'ward']);
    expect(receivingLevels(town)).toEqual(['town']);
    const units = receivingUnits(chiba, { fiscalYear: 2026 });
    expect(units.slice(0, 6).map((u) => u.level)).toEqual(Array(6).fill('ward'));
    expect(units.at(-1)?.parent).toBeUndefined();
    expect(receivingUnits(town).map((u) => u.code)).toEqual(['T']);
  });
  it('looks a unit up by code, name or a variant, and says why when it cannot', () => {
    const levels = receivingLevels(chiba);
    expect(lookupUnit(chiba, '中央区', { levels })).toMatchObject({ ok: true, unit: { code: '12101' } });
    expect(lookupUnit(chiba, '12101', { levels })).toMatchObject({ ok: true, unit: { code: '12101' } });
    // 花見川 is a ward and a district: at the receiving levels, the ward
    expect(lookupUnit(chiba, '花見川', { levels })).toMatchObject({ ok: true, unit: { level: 'ward' } });
    expect(lookupUnit(chiba, '中区', { levels })).toMatchObject({ ok: false, reason: 'unknown' });
    const typo = lookupUnit(chiba, '中央く', { levels });
    expect(typo.ok ? [] : typo.near.map((u) => u.code)).toContain('12101');
    expect(lookupUnit(chiba, '寒川', { levels })).toMatchObject({ ok: false, reason: 'wrong-level' });
    expect(lookupUnit(chiba, '寒川', { levels: ['district'], parent: '12101' })).toMatchObject({ ok: true, unit: { code: '12101-01' } });
    expect(lookupUnit(town, '北地区', { levels: receivingLevels(town) })).toMatchObject({ ok: false, reason: 'wrong-level' });
    expect(lookupUnit(town, 'さくら町', { levels: receivingLevels(town) })).toMatchObject({ ok: true, unit: { code: 'T' } });
  });
  it('return unit levels come from the template, not from the depth of the plan', () => {
    expect(returnUnitLevels(chiba, 'district-activity')).toMatchObject({
      unit: { level: { id: 'district' }, label: { ja: '地区部会' } },
      parent: { level: { id: 'ward' }, label: { ja: '区' } },
    });
    expect(returnUnitLevels(chiba, 'city-measure')).toEqual({});
    expect(returnUnitLevels(town, 'area-report')).toMatchObject({ unit: { level: { id: 'area' }, label: { ja: '地区' } } });
    expect(returnUnitLevels(town, 'area-report').parent).toBeUndefined();
    expect(() => returnUnitLevels(town, 'nope')).toThrow(SasaeaiError);
  });
});

describe('plan text', () => {
  it('reads a plan saved with a byte-order mark as the same plan', () => {
    const r = parsePlanText('\uFEFF' + townText);
    expect(r.ok && r.value.id).toBe(town.id);
  });
  it('says why text that is not JSON is no plan, in both languages', () => {
    const r = parsePlanText('{ "id": ');
    expect(r.ok).toBe(false);
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ code: 'plan_not_json', severity: 'error', path: '' });
    expect(r.issues[0]!.message.ja).toContain('JSON');
    expect(r.issues[0]!.message.en).toContain('JSON');
    expect(parsePlanText('[]').issues[0]?.code).toBe('plan_not_object');
  });
});

describe('which sheets are returns', () => {
  const blank = blankReturnSheet(chiba, 'district-activity', { ward: '12101', fiscalYear: 2026, lang: 'ja' });
  const header = blank.columns.map((c) => c.header.ja);
  const grid = (sheet: string, cells: SheetGrid['cells']): SheetGrid => ({ sheet, cells });
  it('by header, by the recorded template, example sheets and sheets that are none', () => {
    expect(returnSheet(chiba, grid('報告', [header]))).toEqual({ kind: 'return', templateId: 'district-activity', by: 'header' });
    const damaged = grid('報告', [['年度', '区', '地区', 'メモ']]);
    expect(returnSheet(chiba, damaged)).toEqual({ kind: 'none' });
    expect(returnSheet(chiba, damaged, { recordedTemplate: 'district-activity' })).toEqual({ kind: 'return', templateId: 'district-activity', by: 'recorded' });
    expect(returnSheet(chiba, damaged, { recordedTemplate: 'not-in-plan' })).toEqual({ kind: 'none' });
    expect(returnSheet(chiba, grid('記入例', [header]))).toMatchObject({ kind: 'not-a-return', issue: { code: 'sheet_not_a_return', sheet: '記入例' } });
    const townHeader = blankReturnSheet(town, 'area-report', {}).columns.map((c) => c.header.ja);
    expect(returnSheet(town, grid('報告', [townHeader]))).toMatchObject({ kind: 'return', templateId: 'area-report' });
    expect(returnSheet(town, grid('報告', [header]))).toEqual({ kind: 'none' });
  });
});

describe('which report to build', () => {
  const gen = generateReturns(chiba, { seed: 3, rows: 60, badShare: 0, fiscalYear: 2026, wards: ['12101'], rowsPerSheet: 30 });
  const note = { sheet: 'メモ', cells: [['これは報告ではありません']] };
  const { results } = validateGrids([...gen.grids, note], { plan: chiba });
  it('leaves sheets without a template out, and lists them', () => {
    const { submissions, notReturns } = returnSubmissions(results);
    expect(submissions).toHaveLength(gen.grids.length);
    expect(notReturns).toEqual([{ sheet: 'メモ' }]);
  });
  it('builds the receiver’s compiled report, or the annual report, with the id of the sheets it replaces', () => {
    const { submissions } = returnSubmissions(results);
    const ward = buildReport(chiba, submissions, { fiscalYear: 2026, receiver: '中央区', lang: 'ja' });
    expect(ward.report.kind).toBe('ward-progress');
    expect(ward.group).toBe('ward-progress:12101:2026');
    expect(ward.workbook.sheets.length).toBeGreaterThan(1);
    const annual = buildReport(chiba, submissions, { fiscalYear: 2026, lang: 'en' });
    expect(annual.report.kind).toBe('annual-report');
    expect(annual.group).toBe('annual-report:2026');
    expect(() => buildReport(chiba, submissions, { fiscalYear: 2026, receiver: '中区', lang: 'ja' })).toThrow(SasaeaiError);
    const c = completenessReport(chiba, submissions, { fiscalYear: 2026, within: '中央区', lang: 'ja' });
    expect(c.group).toBe('completeness:12101:2026');
    expect(completenessReport(chiba, submissions, { fiscalYear: 2026, lang: 'ja' }).group).toBe('completeness:*:2026');
  });
  it('builds the town council’s report from the town plan', () => {
    const r = buildReport(town, [], { fiscalYear: 2026, receiver: 'さくら町', lang: 'ja' });
    expect(r.group).toBe('ward-progress:T:2026');
    expect(r.report.kind).toBe('ward-progress');
  });
});

describe('validating the returns of a workbook', () => {
  const blank = blankReturnSheet(chiba, 'district-activity', { ward: '12101', fiscalYear: 2026, lang: 'ja' });
  const header = blank.columns.map((c) => c.header.ja);
  it('validates returns (by header together, by recorded template apart) and tells the others', () => {
    const row = ['令和8年度', '中央区', '寒川', '2026-05-01', '見守り・声かけ活動', '実施済み', 3];
    const checked = validateReturns(
      chiba,
      [
        { grid: { sheet: 'A', cells: [header, row] } },
        { grid: { sheet: 'B', cells: [header, row] } },
        { grid: { sheet: 'C', cells: [['年度', '区', '地区', 'メモ']] }, recordedTemplate: 'district-activity' },
        { grid: { sheet: '記入例', cells: [header, row] } },
        { grid: { sheet: 'メモ', cells: [['覚え書き']] } },
      ],
      { today: '2026-12-01' },
    );
    expect(checked.map((c) => c.what.kind)).toEqual(['return', 'return', 'return', 'not-a-return', 'none']);
    const [a, b, c] = checked.map((x) => ('result' in x ? x.result : null));
    // the same row in A and B: validated together, the second is a duplicate
    expect(b!.issues.some((i) => /duplicate/.test(i.code))).toBe(true);
    expect(a!.templateId).toBe('district-activity');
    expect(c!.templateId).toBe('district-activity');
    expect(c!.issues.some((i) => i.severity === 'error')).toBe(true);
  });
});
