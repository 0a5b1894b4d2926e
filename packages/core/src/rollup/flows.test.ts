import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  SasaeaiError,
  annualReport,
  annualReportWorkbook,
  completeness,
  issueCatalogue,
  readVerification,
  verificationSheet,
  obligations,
  periodDue,
  periodOfDate,
  periodRange,
  requirePlan,
  traceFigure,
  validateGrid,
  wardProgress,
  wardProgressWorkbook,
  type ReturnRecord,
  type Submission,
} from '../index.js';
import { activityReturn } from './fixtures.test-helpers.js';

const load = (path: string) => requirePlan(JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')));
const town = load('../../../../examples/custom-plan/town.plan.json');
const city = load('../../../../examples/designated-city/minato.plan.json');
const chiba = requirePlan(chibaPlan);

function sub(source: string, templateId: string, rows: ReturnRecord[], receivedOn?: string): Submission {
  const s: Submission = {
    id: `${source}#sheet`,
    source,
    sheet: 'sheet',
    templateId,
    records: rows.map((values, i) => ({ ref: { source, sheet: 'sheet', row: i + 2 }, values, errors: 0, warnings: 0 })),
    issues: [],
  };
  if (receivedOn !== undefined) s.receivedOn = receivedOn;
  return s;
}

const area = (a: string, i: string, meetings: number, volunteers: number, progress: string, comment: string | null = null, fiscalYear = 2026): ReturnRecord => ({
  fiscalYear,
  area: a,
  initiative: i,
  meetings,
  volunteers,
  progress,
  comment,
});

// Areas report straight to the single town council.
const townSubs = [
  sub('kita.xlsx', 'area-report', [area('A1', 'W1', 4, 10, 'good'), area('A1', 'W3', 2, 5, 'behind', '運転手が足りない')], '2027-04-20'),
  sub('minami.xlsx', 'area-report', [area('A2', 'W1', 3, 8, 'some'), area('A2', 'W2', 1, 2, 'good')], '2027-06-10'),
];

describe('a town whose areas report straight to one council', () => {
  it('rolls a clean return up into the town council’s compiled report (by code or name)', () => {
    const p = wardProgress(town, townSubs, { fiscalYear: 2026, ward: 'T' });
    expect(wardProgress(town, townSubs, { fiscalYear: 2026, ward: 'さくら町' })).toEqual(p);
    expect(p.council.ja).toBe('町地域福祉推進委員会');
    expect(p.title.ja).toBe('FY2026 さくら町 地区の取組みの報告');
    // Hand totals: 4 + 2 + 3 + 1 meetings, 10 + 5 + 8 + 2 volunteers.
    expect(p.figures['T/*/meetings']).toBe(10);
    expect(p.figures['T/*/volunteers']).toBe(25);
    expect(p.figures['T/W1/meetings']).toBe(7);
    expect(p.figures['T/W1/reported']).toBe(2);
    expect(p.figures['T/W1/expected']).toBe(5);
    expect(p.figures['T/W3/expected']).toBe(2);
    expect(p.figures['T/*/progress=good']).toBe(2);
    expect(p.completeness).toMatchObject({ expected: 5, received: 2, onTime: 1, late: 1, missing: 3 });
    expect(p.notices).toEqual([]);
    expect(p.submissions.map((u) => u.use)).toEqual(['counted', 'counted']);
    expect(traceFigure(p, 'T/W1/meetings')).toEqual([
      { source: 'kita.xlsx', sheet: 'sheet', row: 2 },
      { source: 'minami.xlsx', sheet: 'sheet', row: 2 },
    ]);
    expect(p.lists.find((l) => l.id === 'text:comment')!.items.map((i) => i.text)).toEqual(['運転手が足りない']);
  });

  it('the annual view of the town is the council’s report, not an empty one', () => {
    const r = annualReport(town, townSubs, { fiscalYear: 2026 });
    expect(r.wards.map((w) => w.ward.code)).toEqual(['T']);
    expect(r.figures['T/*/meetings']).toBe(10);
    expect(r.total.agg.sum.meetings).toBe(10);
    expect(r.recipient.ja).toBe('町地域福祉推進委員会');
    expect(r.submissions.every((u) => u.use === 'counted')).toBe(true);
    expect(r.notices).toEqual([]);
    expect(traceFigure(r, 'T/*/meetings')).toHaveLength(4);
    for (const s of annualReportWorkbook(r, 'ja').sheets) for (const row of s.rows) expect(row.length, s.id).toBe(s.columns.length);
  });

  it('validated returns of the town’s template are counted (template, validate, roll up)', () => {
    const grid = {
      sheet: '地区活動報告',
      cells: [
        ['年度', '地区', '取組み', '開催回数', '協力者数', '進み具合', 'ひとこと'],
        ['FY2026', '北', '見守りネットワーク', '3回', '7人', '順調', ''],
        ['FY2026', '東', '買い物バス', 2, 4, '△', '車が足りない'],
      ],
    };
    const v = validateGrid(grid, { plan: town, today: '2026-12-01' });
    expect(v.templateId).toBe('area-report');
    expect(v.summary.errors).toBe(0);
    const p = wardProgress(town, [{ id: 'x#1', sheet: v.sheet, templateId: v.templateId!, records: v.records, issues: v.issues }], { fiscalYear: 2026, ward: 'T' });
    expect(p.figures['T/*/meetings']).toBe(5);
    expect(p.figures['T/*/volunteers']).toBe(11);
  });
});

const wardRow = (ward: string, initiative: string, reportDate: string, sessions: number, households: number, evaluation: string, issues: string | null = null): ReturnRecord => ({
  fiscalYear: 2026,
  ward,
  initiative,
  reportDate,
  sessions,
  households,
  evaluation,
  outcomes: null,
  issues,
});

// Ward councils report twice a year (interim and year-end) to one city committee.
const citySubs = [
  sub('minato-interim.xlsx', 'ward-report', [wardRow('M01', 'K1', '2026-09-30', 5, 100, '4')]),
  sub('minato-year-end.xlsx', 'ward-report', [wardRow('M01', 'K1', '2027-03-31', 7, 120, '5'), wardRow('M01', 'K3', '2027-03-31', 1, 6, '3')]),
  sub('yamate-interim.xlsx', 'ward-report', [wardRow('M02', 'K1', '2026-09-30', 2, 40, '3')]),
  sub('yamate-year-end.xlsx', 'ward-report', [wardRow('M02', 'K2', '2027-03-31', 3, 0, '2', '担い手不足')]),
];

describe('a designated city whose ward councils report to one city committee', () => {
  it('counts every return (was 0 of 4)', () => {
    const p = wardProgress(city, citySubs, { fiscalYear: 2026, ward: 'みなと市' });
    expect(p.submissions.map((u) => u.use)).toEqual(['counted', 'counted', 'counted', 'counted']);
    expect(p.notices).toEqual([]);
    expect(p.council.ja).toBe('市地域福祉推進委員会');
    expect(p.title.ja).toBe('令和8年度 みなと市 市の推進状況');
  });

  it('adds flows over the year, and takes a stock as of the latest report before adding across wards', () => {
    const p = wardProgress(city, citySubs, { fiscalYear: 2026, ward: 'M' });
    // Sessions add: 5 + 7 (港区) + 2 (山手区) on K1.
    expect(p.figures['M/K1/sessions']).toBe(14);
    // Households covered is a level: 港区's latest 120 (not 100 + 120) + 山手区's 40.
    expect(p.figures['M01/K1/households']).toBe(120);
    expect(p.figures['M/K1/households']).toBe(160);
    expect(p.figures['M/*/households']).toBe(166);
    expect(p.figures['M/*/sessions']).toBe(18);
    expect(p.figures['M/K1/evaluation=5']).toBe(1);
    expect(p.figures['M/K1/evaluation=3']).toBe(1);
    expect(p.figures['M/K1/reported']).toBe(2);
    expect(p.figures['M/K1/expected']).toBe(3); // per ward, not per report owed
    // Two reports owed per ward (interim due 10/31, year-end due 5/31 of the next year): 港区 and
    // 山手区 sent both (each return matched to its period by its report date), 浜辺区 neither.
    expect(p.completeness).toMatchObject({ expected: 6, received: 4, onTime: 4, missing: 2 });
    expect(p.obligations.map((o) => [o.id, o.due, o.status])).toEqual([
      ['ward-interim/2026-1/M01', '2026-10-31', 'on-time'],
      ['ward-interim/2026-1/M02', '2026-10-31', 'on-time'],
      ['ward-interim/2026-1/M03', '2026-10-31', 'missing'],
      ['ward-year-end/2026-2/M01', '2027-05-31', 'on-time'],
      ['ward-year-end/2026-2/M02', '2027-05-31', 'on-time'],
      ['ward-year-end/2026-2/M03', '2027-05-31', 'missing'],
    ]);
    expect(p.due).toBe('2027-05-31');
    const wb = wardProgressWorkbook(p, 'en');
    for (const s of wb.sheets) for (const row of s.rows) expect(row.length, s.id).toBe(s.columns.length);
    const r = annualReport(city, citySubs, { fiscalYear: 2026 });
    expect(r.figures['M/*/households']).toBe(166);
    expect(r.recipient.ja).toBe('市地域福祉推進委員会');
  });
});

describe('units are named by code or name, and a wrong one throws', () => {
  it('accepts a ward by code, Japanese or English name', () => {
    const subs = [activityReturn('a.xlsx', [{ district: '12101-01', initiative: 'C01', reportDate: '2026-07-01', status: 'done', sessions: 3, participants: 4 }])];
    const byCode = wardProgress(chiba, subs, { fiscalYear: 2026, ward: '12101' });
    expect(wardProgress(chiba, subs, { fiscalYear: 2026, ward: '中央区' })).toEqual(byCode);
    expect(byCode.figures['12101/*/sessions']).toBe(3);
  });

  it.each([
    ['a typo', 'Chou-ku'],
    ['a district code (wrong level)', '12101-01'],
    ['an empty string', ''],
  ])('throws invalid_argument for %s', (_, ward) => {
    expect(() => wardProgress(chiba, [], { fiscalYear: 2026, ward })).toThrow(SasaeaiError);
    try {
      wardProgress(chiba, [], { fiscalYear: 2026, ward });
    } catch (e) {
      expect((e as SasaeaiError).code).toBe('invalid_argument');
    }
  });

  it('completeness and obligations check their unit too', () => {
    expect(() => completeness(chiba, [], { fiscalYear: 2026, within: 'nowhere' })).toThrow(SasaeaiError);
    expect(() => completeness(chiba, [], { fiscalYear: 2026, within: '12101-01' })).toThrow(/level/);
    expect(completeness(chiba, [], { fiscalYear: 2026, within: '中央区' }).within?.code).toBe('12101');
    expect(() => obligations(chiba, 2026, { within: 'nowhere' })).toThrow(SasaeaiError);
    expect(obligations(town, 2026, { within: '北地区' })).toHaveLength(1);
  });

  it('a ward of the designated city receives nothing: asking for its compiled report throws', () => {
    expect(() => wardProgress(city, citySubs, { fiscalYear: 2026, ward: '港区' })).toThrow(/receives no flow/);
  });
});

describe('an impossible "today" throws instead of being replaced by the clock', () => {
  it.each(['2027-02-30', 'tomorrow', 'R9.3.31'])('%s', (today) => {
    const grid = { sheet: 's', cells: [['年度', '地区', '取組み', '進み具合']] };
    expect(() => validateGrid(grid, { plan: town, today })).toThrow(SasaeaiError);
  });
});

describe('nothing silent', () => {
  it('the same return given twice is counted once, and the report says so', () => {
    const p = wardProgress(town, [...townSubs, townSubs[0]!], { fiscalYear: 2026, ward: 'T' });
    expect(p.figures['T/*/meetings']).toBe(10);
    expect(p.notices.map((n) => n.code)).toEqual(['rollup_duplicate_submission']);
    expect(p.notices[0]!.submissions).toEqual(['kita.xlsx#sheet']);
  });

  it('a roll-up of the wrong year counts nothing and says why', () => {
    const old = [sub('old.xlsx', 'area-report', [area('A1', 'W1', 4, 10, 'good', null, 2025)])];
    const p = wardProgress(town, old, { fiscalYear: 2026, ward: 'T' });
    expect(p.notices.map((n) => n.code)).toEqual(['rollup_nothing_counted', 'rollup_other_fiscal_year']);
    expect(p.notices[0]!.message.en).toContain('no row is of this fiscal year');
    expect(p.submissions).toMatchObject([{ id: 'old.xlsx#sheet', records: 0, otherYear: 1 }]);
  });

  it('a return whose template was not recognised is named', () => {
    const p = wardProgress(town, [...townSubs, sub('odd.xlsx', '', [{ x: 1 }])], { fiscalYear: 2026, ward: 'T' });
    expect(p.notices.map((n) => n.code)).toEqual(['rollup_template_unknown']);
    expect(p.notices[0]!.submissions).toEqual(['odd.xlsx#sheet']);
  });

  it('every roll-up code of the catalogue is raised by a test in this file', () => {
    const codes = issueCatalogue().map((e) => e.code).filter((c) => c.startsWith('rollup_'));
    expect(codes.sort()).toEqual([
      'rollup_duplicate_submission',
      'rollup_nothing_counted',
      'rollup_other_fiscal_year',
      'rollup_template_not_used',
      'rollup_template_unknown',
      'rollup_verification_invalid_value',
      'rollup_verification_no_header',
      'rollup_verification_required',
      'rollup_verification_unknown_subject',
    ]);
  });

  it('a recognised return that no flow of the roll-up reads is named, with its template', () => {
    const measures = sub('city.xlsx', 'city-measure', [{ fiscalYear: 2026, measure: '4-1-1', department: 'x', indicator: 'y' }]);
    const p = wardProgress(chiba, [measures], { fiscalYear: 2026, ward: '12101' });
    expect(p.notices.map((n) => n.code)).toEqual(['rollup_nothing_counted', 'rollup_template_not_used']);
    expect(p.notices[1]!.message.ja).toContain('city-measure');
  });
});

describe('cadences', () => {
  it('a year-end return received late is late against its own period, not the interim', () => {
    const late = [
      { ...citySubs[0]!, receivedOn: '2026-11-15' },
      { ...citySubs[1]!, receivedOn: '2027-05-20' },
    ];
    const c = completeness(city, late, { fiscalYear: 2026 });
    expect(c.obligations.filter((o) => o.unit?.code === 'M01').map((o) => [o.id, o.status])).toEqual([
      ['ward-interim/2026-1/M01', 'late'],
      ['ward-year-end/2026-2/M01', 'on-time'],
    ]);
  });

  it('periods of each cadence, their windows and closing dates', () => {
    expect(periodRange(2026, 'half-year', 2, 4)).toEqual({ start: '2026-10-01', end: '2027-03-31' });
    expect(periodRange(2026, 'quarter', 4, 4)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(periodRange(2026, 'month', 12, 4)).toEqual({ start: '2027-03-01', end: '2027-03-31' });
    expect(periodOfDate('2026-09-30', 'half-year', 4)).toBe(1);
    expect(periodOfDate('2027-01-05', 'quarter', 4)).toBe(4);
    expect(periodOfDate('2026-04-30', 'month', 4)).toBe(1);
    expect(periodDue({ kind: 'after-end', months: 1 }, 2026, 'quarter', 1, 4)).toBe('2026-07-31');
    expect(periodDue({ kind: 'date', month: 5, day: 31, yearOffset: 1 }, 2026, 'half-year', 2, 4)).toBe('2027-05-31');
    const monthly = obligations({ ...town, flows: [{ ...town.flows[0]!, cadence: 'month' }] }, 2026);
    expect(monthly).toHaveLength(5 * 12);
    expect(monthly[0]!.id).toBe('area-report/2026-1/A1');
  });
});

describe('the receiving bodies’ verification', () => {
  const p = wardProgress(city, citySubs, { fiscalYear: 2026, ward: 'M' });

  it('gives the sheet the city committee writes on: compiled figures and the wards’ narratives beside empty verification columns', () => {
    const sheet = verificationSheet(city, p, 'ja');
    expect(sheet.columns.map((c) => c.header.ja)).toEqual([
      'コード',
      '取組み',
      '報告（区）/ 予定',
      '実施回数',
      '見守り世帯数（累計）',
      '成果（報告から）',
      '課題（報告から）',
      '委員会の評価',
      '成果（委員会の見方）',
      '課題（委員会の見方）',
      '成果事例として共有',
    ]);
    const k1 = sheet.rows.find((r) => r[0] === 'K1')!;
    expect(k1.slice(1, 5)).toEqual(['見守り活動（サンプル）', '2 / 3', 14, 160]);
    expect(sheet.rows.find((r) => r[0] === 'K2')![6]).toBe('山手区：担い手不足');
    expect(k1.slice(7)).toEqual([null, null, null, null]);
    expect(sheet.columns[7]!.validation).toEqual({ type: 'list', values: ['順調', '支援が必要', '見直しが必要'] });
    for (const r of sheet.rows) expect(r.length).toBe(sheet.columns.length);
  });

  it('reads it back with located issues, and the annual report carries it', () => {
    const sheet = verificationSheet(city, p, 'ja');
    const grid = {
      sheet: '検証',
      cells: [
        sheet.columns.map((c) => c.header.ja),
        ['K1', '', '', '', '', '', '', '順調', '見守りが定着', '', 'はい'],
        ['K2', '', '', '', '', '', '', 'とても良い', '', '担い手の確保', ''],
        ['K3', '', '', '', '', '', '', '', '', '', ''],
        ['K9', '', '', '', '', '', '', '順調', '', '', ''],
      ],
    };
    const v = readVerification(city, p, grid);
    expect(v.records.map((r) => [r.subject, r.values['view'], r.values['shareCase']])).toEqual([
      ['K1', 'on-track', true],
      ['K2', null, null],
    ]);
    expect(v.issues.map((i) => [i.code, i.cell])).toEqual([
      ['rollup_verification_invalid_value', 'H3'],
      ['rollup_verification_required', 'H4'],
      ['rollup_verification_unknown_subject', 'A5'],
    ]);
    expect(v.issues[0]!.message.ja).toContain('とても良い');
    expect(readVerification(city, p, { sheet: 'x', cells: [['a']] }).issues.map((i) => i.code)).toEqual(['rollup_verification_no_header']);

    const withV = wardProgress(city, citySubs, { fiscalYear: 2026, ward: 'M', verifications: [v] });
    expect(withV.verification?.records[0]?.values['outcomes']).toBe('見守りが定着');
    const r = annualReport(city, citySubs, { fiscalYear: 2026, verifications: [v] });
    expect(r.verification.map(({ fields, ...rest }) => [rest, fields.map((f) => f.key)])).toEqual([
      [{ unit: { code: 'M', name: { ja: 'みなと市', en: 'Minato City' } }, expected: 3, recorded: 2, issues: 3, confirmed: false }, ['view', 'outcomes', 'issues', 'shareCase']],
    ]);
    // K3 was left blank: not a verification of K3 (its required field is named above).
    expect(r.wards[0]!.verification?.records).toHaveLength(2);
  });

  it('Chiba: each ward council verifies its ward; the annual report tracks which have', () => {
    const subs = [activityReturn('a.xlsx', [{ district: '12101-01', initiative: 'C01', reportDate: '2026-07-01', status: 'in_progress', sessions: 3, participants: 4, rating: 'B' }])];
    const chuo = wardProgress(chiba, subs, { fiscalYear: 2026, ward: '12101' });
    const sheet = verificationSheet(chiba, chuo, 'ja');
    expect(sheet.columns.slice(-4).map((c) => c.header.ja)).toEqual(['協議会の評価', '成果（協議会の検証）', '課題（協議会の検証）', '共有する成果事例へのコメント']);
    const grid = { sheet: 's', cells: [sheet.columns.map((c) => c.header.ja), ...sheet.rows.map((r) => r.map((x, i) => (i === sheet.columns.length - 4 ? '○' : x)))] as never };
    const v = readVerification(chiba, chuo, grid);
    expect(v.issues).toEqual([]);
    expect(v.records.every((x) => x.values['evaluation'] === 'fair')).toBe(true);
    const r = annualReport(chiba, subs, { fiscalYear: 2026, verifications: [v] });
    expect(r.verification.map((s) => [s.unit.code, s.recorded > 0])).toEqual([
      ['12101', true],
      ['12102', false],
      ['12103', false],
      ['12104', false],
      ['12105', false],
      ['12106', false],
    ]);
    // A plan whose receiving body declares no verification has no verification sheet.
    const bare = structuredClone(town);
    for (const b of bare.bodies) delete b.verification;
    expect(() => verificationSheet(bare, wardProgress(bare, townSubs, { fiscalYear: 2026, ward: 'T' }), 'ja')).toThrow(SasaeaiError);
    const wards = annualReportWorkbook(r, 'ja').sheets.find((x) => x.id === 'annual-wards')!;
    const col = wards.columns.findIndex((c) => c.key === 'verified');
    expect(wards.columns[col]!.header.ja).toBe('区支え合いのまち推進協議会の検証（記入 / 対象）');
    expect(wards.rows.map((row) => row[col])).toEqual(['7 / 7', '0 / 7', '0 / 7', '0 / 7', '0 / 8', '0 / 8', null]);
    for (const row of wards.rows) expect(row.length).toBe(wards.columns.length);
  });
});

describe('words from the plan, and samples marked, in the roll-up workbooks', () => {
  /** The town plan with other words for its areas and initiatives, and for its town level. */
  function renamed() {
    const text = readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')
      .replaceAll('地区', 'エリア')
      .replaceAll('取組み', 'プロジェクト')
      .replaceAll('"Area', '"Zone')
      .replaceAll('Initiative', 'Project')
      .replaceAll(' area', ' zone')
      .replaceAll(' initiative', ' project');
    const raw = JSON.parse(text) as { levels: { id: string; name: { ja: string; en: string } }[] };
    for (const l of raw.levels) if (l.id === 'town') l.name = { ja: 'まち', en: 'Township' };
    return requirePlan(raw);
  }

  it('headers, tab names and notes name units and subjects with the plan’s labels, never 地区 / 取組み', () => {
    const plan = renamed();
    const r = annualReport(plan, townSubs, { fiscalYear: 2026 });
    for (const lang of ['ja', 'en'] as const) {
      const sheets = [...annualReportWorkbook(r, lang).sheets, ...wardProgressWorkbook(r.wards[0]!, lang).sheets];
      const words = sheets.flatMap((s) => [s.name.ja, s.name.en, s.preamble?.title.ja ?? '', ...(s.preamble?.lines ?? []).flatMap((l) => [l.ja, l.en]), ...s.columns.flatMap((c) => [c.header.ja, c.header.en])]);
      expect(words.filter((w) => /地区|取組|区(?!分)|district|initiative|ward|\barea/i.test(w)), lang).toEqual([]);
      const headers = (id: string) => sheets.find((s) => s.id === id)!.columns.map((c) => c.header.ja);
      expect(headers('by-district')).toEqual(expect.arrayContaining(['エリア', '報告のあったプロジェクト', '予定のプロジェクト', 'プロジェクトの網羅率']));
      expect(headers('by-subject')).toEqual(expect.arrayContaining(['プロジェクト', '報告予定のエリア', '報告のあったエリア']));
      expect(headers('annual-wards')).toEqual(expect.arrayContaining(['まち', '報告のあったエリア×プロジェクト']));
      expect(headers('annual-ward-subject')).toEqual(expect.arrayContaining(['まち', 'プロジェクト', '報告予定のエリア']));
      expect(headers('annual-sources')).toContain('まち');
      expect(sheets.find((s) => s.id === 'cells')!.name).toEqual({ ja: 'エリア×プロジェクト', en: 'Zone × project' });
    }
  });

  it('the designated city: sample wards and initiatives are marked in the notes and in a サンプル column', () => {
    const p = wardProgress(city, citySubs, { fiscalYear: 2026, ward: 'M' });
    const wb = wardProgressWorkbook(p, 'ja');
    const bySender = wb.sheets.find((s) => s.id === 'by-district')!;
    const mark = bySender.columns.findIndex((c) => c.key === 'sample');
    expect(bySender.columns[mark]!.header).toEqual({ ja: 'サンプル', en: 'Sample' });
    // Every ward of the example is a sample (M01–M03): each row names its level's label.
    expect(bySender.rows.map((r) => [r[0], r[mark]])).toEqual([
      ['M01', '区'],
      ['M02', '区'],
      ['M03', '区'],
    ]);
    const summary = wb.sheets.find((s) => s.id === 'summary')!.preamble!.lines!;
    expect(summary.map((l) => l.ja)).toEqual(
      expect.arrayContaining([
        '※ 区の一覧の3件はサンプル（例示）で、正式な一覧ではありません：港区・山手区・浜辺区',
        expect.stringMatching(/^※ 取組みの一覧の3件はサンプル（例示）で、正式な一覧ではありません：/),
      ]),
    );
    const cells = wardProgressWorkbook(p, 'en').sheets.find((s) => s.id === 'cells')!;
    const c = cells.columns.findIndex((x) => x.key === 'sample');
    expect(new Set(cells.rows.map((r) => r[c]))).toEqual(new Set(['Ward, Initiative']));
    expect(cells.preamble!.lines!.map((l) => l.en)).toEqual(expect.arrayContaining([expect.stringMatching(/^\* 2 entries of the ward list are samples \(illustrative\), not the official list: Minato-ku, Yamate-ku$/)]));
    for (const s of wb.sheets) for (const row of s.rows) expect(row.length, s.id).toBe(s.columns.length);
  });

  it('Chiba: sample districts, initiatives and measures are marked; its three named districts and its wards are not', () => {
    const subs: Submission[] = [
      activityReturn('a.xlsx', [
        { district: '12101-01', initiative: 'C01', reportDate: '2026-06-01', sessions: 2 },
        { district: '12101-02', initiative: 'C02', reportDate: '2026-06-01', sessions: 1 },
      ]),
    ];
    const p = wardProgress(chiba, subs, { fiscalYear: 2026, ward: '12101' });
    const byDistrict = wardProgressWorkbook(p, 'ja').sheets.find((s) => s.id === 'by-district')!;
    const mark = byDistrict.columns.findIndex((c) => c.key === 'sample');
    const marked = new Map(byDistrict.rows.map((r) => [String(r[1]), r[mark]]));
    const named = chiba.units.filter((u) => u.level === 'district' && u.code.startsWith('12101') && u.sample !== true).map((u) => u.name.ja);
    expect(named.length).toBeGreaterThan(0);
    for (const n of named) expect(marked.get(n), n).toBe('');
    expect([...marked.values()].filter((v) => v === '地区部会').length).toBe(byDistrict.rows.length - named.length);
    const r = annualReport(chiba, subs, { fiscalYear: 2026 });
    const sheets = annualReportWorkbook(r, 'ja').sheets;
    const wards = sheets.find((s) => s.id === 'annual-wards')!;
    // The wards are the plan's facts: no サンプル column; the notes name the sample districts and initiatives.
    expect(wards.columns.some((c) => c.key === 'sample')).toBe(false);
    expect(wards.preamble!.lines!.map((l) => l.ja)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^※ 地区部会の一覧の\d+件はサンプル/), expect.stringMatching(/^※ 取組みの一覧の8件はサンプル/)]),
    );
    const measures = sheets.find((s) => s.id === 'annual-measures')!;
    const m = measures.columns.findIndex((c) => c.key === 'sample');
    expect(measures.rows.every((row) => row[m] !== '')).toBe(true);
    expect(measures.preamble!.lines!.some((l) => /^※ .+の一覧の8件はサンプル/.test(l.ja))).toBe(true);
    const bySubject = sheets.find((s) => s.id === 'annual-by-subject')!;
    const s = bySubject.columns.findIndex((c) => c.key === 'sample');
    // Eight initiatives, all samples in the preset, and the total row, which names none.
    expect(bySubject.rows.map((row) => row[s])).toEqual([...Array(8).fill('取組み'), '']);
  });
});
