import { describe, expect, it } from 'vitest';
import { blankReturnSheet, headerRowIndex, SasaeaiError, validateGrid, type RawCell, type SheetModel } from '../index.js';
import { plan, today } from '../returns/test-fixtures.js';

/** Lays a sheet model out as a grid, the way both adapters write it. */
function asGrid(model: SheetModel, lang: 'ja' | 'en'): RawCell[][] {
  const cells: RawCell[][] = [];
  if (model.preamble) {
    cells.push([model.preamble.title[lang]]);
    for (const l of model.preamble.lines ?? []) cells.push([l[lang]]);
    cells.push([]);
  }
  expect(cells.length).toBe(headerRowIndex(model));
  cells.push(model.columns.map((c) => c.header[lang]));
  for (const r of model.rows) cells.push(r.map((v) => (v !== null && typeof v === 'object' ? null : v)));
  return cells;
}

describe('blankReturnSheet', () => {
  it('builds the district activity return of 寒川 (中央区), FY2026', () => {
    const s = blankReturnSheet(plan, 'district-activity', { ward: '12101', district: '寒川', fiscalYear: 2026, rows: 3 });
    expect(s.preamble?.title).toEqual({
      ja: '令和8年度 地区部会 活動状況報告（中央区 寒川地区部会）',
      en: 'FY2026 District chapter activity return (Chuo, Samukawa district chapter)',
    });
    expect(s.rows).toEqual([
      ['令和8年度', '中央区', '寒川', null, null, null, null, null, null, null, null, null, null, null],
      ['令和8年度', '中央区', '寒川', null, null, null, null, null, null, null, null, null, null, null],
      ['令和8年度', '中央区', '寒川', null, null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(s.blankRows).toBe(0);
    expect(s.freezeHeader).toBe(true);
    expect(s.tableName).toBe('Sasaeai_district_activity');
    expect(s.metadata).toEqual({
      'sasaeai.plan': 'chiba-sasaeai',
      'sasaeai.planVersion': plan.version,
      'sasaeai.template': 'district-activity',
      'sasaeai.fiscalYear': '2026',
      'sasaeai.ward': '12101',
      'sasaeai.district': '12101-01',
    });
    expect(s.columns.map((c) => [c.key, c.kind, c.numberFormat, c.width, c.validation, c.required ?? false])).toMatchInlineSnapshot(`
      [
        [
          "fiscalYear",
          "text",
          "@",
          12,
          undefined,
          true,
        ],
        [
          "ward",
          "enum",
          "@",
          10,
          {
            "type": "list",
            "values": [
              "中央区",
              "花見川区",
              "稲毛区",
              "若葉区",
              "緑区",
              "美浜区",
            ],
          },
          true,
        ],
        [
          "district",
          "enum",
          "@",
          18,
          {
            "type": "list",
            "values": [
              "寒川",
              "松ケ丘",
              "新宿",
              "本千葉",
              "椿森",
              "都",
              "星久喜",
              "生浜",
            ],
          },
          true,
        ],
        [
          "reportDate",
          "date",
          "yyyy/m/d",
          14,
          {
            "max": "2027-04-30",
            "min": "2026-04-01",
            "type": "date",
          },
          true,
        ],
        [
          "initiative",
          "enum",
          "@",
          28,
          {
            "type": "list",
            "values": [
              "見守り・声かけ活動",
              "ふれあい・いきいきサロン",
              "子育てサロン",
              "地域の居場所づくり",
              "福祉の情報発信（広報紙）",
              "担い手の発掘・育成",
              "災害時の支え合い体制づくり",
            ],
          },
          true,
        ],
        [
          "status",
          "enum",
          "@",
          12,
          {
            "type": "list",
            "values": [
              "実施済み",
              "実施中",
              "未着手",
              "中止",
            ],
          },
          true,
        ],
        [
          "sessions",
          "integer",
          "#,##0",
          10,
          {
            "max": 10000,
            "min": 0,
            "type": "whole",
          },
          false,
        ],
        [
          "participants",
          "integer",
          "#,##0",
          10,
          {
            "max": 1000000,
            "min": 0,
            "type": "whole",
          },
          false,
        ],
        [
          "partners",
          "text",
          "@",
          24,
          undefined,
          false,
        ],
        [
          "rating",
          "enum",
          "@",
          20,
          {
            "type": "list",
            "values": [
              "A 計画以上に進んでいる",
              "B 概ね計画どおり",
              "C やや遅れている",
              "D 遅れている",
            ],
          },
          false,
        ],
        [
          "outcomes",
          "text",
          "@",
          40,
          {
            "max": 400,
            "type": "textLength",
          },
          false,
        ],
        [
          "issues",
          "text",
          "@",
          40,
          {
            "max": 400,
            "type": "textLength",
          },
          false,
        ],
        [
          "successCase",
          "enum",
          "@",
          10,
          {
            "type": "list",
            "values": [
              "○",
              "×",
            ],
          },
          false,
        ],
        [
          "nextSteps",
          "enum",
          "@",
          14,
          {
            "type": "list",
            "values": [
              "拡充",
              "継続",
              "見直し",
              "終了",
            ],
          },
          false,
        ],
      ]
    `);
    expect(s.columns.map((c) => `${c.key}: ${c.prompt?.ja ?? '-'} / ${c.errorAlert?.ja ?? '-'}`)).toMatchInlineSnapshot(`
      [
        "fiscalYear: 2026、2026年度、令和8年度、R8 のいずれでも入力できます。 / -",
        "ward: 区を一覧から選んでください。 / 区は一覧から選んでください。",
        "district: 地区部会を一覧から選んでください。 / 地区部会は一覧から選んでください。",
        "reportDate: 2026/5/1、令和8年5月1日、R8.5.1 などの形で入力します。 / 報告日は2026-04-01〜2027-04-30の日付で入力してください。",
        "initiative: 中央区の取組みを一覧から選んでください。 / 取組みは一覧から選んでください。",
        "status: 一覧から選んでください。 / 実施状況は一覧から選んでください。",
        "sessions: 0以上の整数。実施済み・実施中のときは必須です。 / 実施回数は0〜10000の整数で入力してください。",
        "participants: 0以上の整数（延べ人数）。 / 参加者数は0〜1000000の整数で入力してください。",
        "partners: 複数あるときは「、」で区切ります。 / -",
        "rating: 一覧から選んでください。 / 自己評価は一覧から選んでください。",
        "outcomes: 400字以内。個人名・電話番号などの個人情報は書かないでください。 / 成果は400字以内で入力してください。",
        "issues: 400字以内。個人名・電話番号などの個人情報は書かないでください。 / 課題は400字以内で入力してください。",
        "successCase: 当てはまるときは ○ を選びます（空欄は「いいえ」）。 / 成果事例は一覧から選んでください。",
        "nextSteps: 一覧から選んでください。 / 今後の方向性は一覧から選んでください。",
      ]
    `);
  });

  it('lists only the districts of the ward that exist in the fiscal year', () => {
    const list = (fy: number) => {
      const v = blankReturnSheet(plan, 'district-activity', { ward: '緑区', fiscalYear: fy }).columns.find((c) => c.key === 'district')?.validation;
      return v?.type === 'list' ? v.values : [];
    };
    expect(list(2024)).toContain('おゆみ野');
    expect(list(2024)).not.toContain('おゆみ野北');
    expect(list(2026)).not.toContain('おゆみ野');
    expect(list(2026)).toContain('おゆみ野南');
  });

  it('without a unit or year: no prefilled rows, blank rows instead, English lists', () => {
    const s = blankReturnSheet(plan, 'city-measure', { lang: 'en' });
    expect(s.rows).toEqual([]);
    expect(s.blankRows).toBe(30);
    expect(s.preamble?.title.en).toBe('City measure return');
    expect(s.columns.find((c) => c.key === 'rating')?.validation).toEqual({
      type: 'list',
      values: ['A Ahead of plan', 'B Broadly on plan', 'C Slightly behind', 'D Behind'],
    });
    expect(s.columns.find((c) => c.key === 'measure')?.numberFormat).toBe('@');
  });

  it('rejects an unknown template or unit as a programmer error', () => {
    expect(() => blankReturnSheet(plan, 'nope')).toThrow(SasaeaiError);
    expect(() => blankReturnSheet(plan, 'district-activity', { ward: '千葉区' })).toThrow(SasaeaiError);
  });

  it.each(['ja', 'en'] as const)('a filled-in sheet (%s) validates clean, the template found from its headers', (lang) => {
    const s = blankReturnSheet(plan, 'district-activity', { district: '12101-01', fiscalYear: 2026, rows: 2, lang });
    const cells = asGrid(s, lang);
    const first = cells[headerRowIndex(s) + 1] as RawCell[];
    first.splice(3, 11, '2026/5/1', lang === 'ja' ? '見守り・声かけ活動' : 'Watching over and greeting neighbours', lang === 'ja' ? '実施済み' : 'Done', 12, 240, null, lang === 'ja' ? 'B 概ね計画どおり' : 'B Broadly on plan', '見守り訪問を実施。', null, lang === 'ja' ? '○' : 'Yes', lang === 'ja' ? '継続' : 'Continue');
    const r = validateGrid({ sheet: s.name[lang], cells }, { plan, today });
    // The second row still holds only the prefilled year, ward and district: skipped, and said so.
    expect(r.issues.map((i) => [i.code, i.severity, i.row])).toEqual([['prefilled_only_rows', 'info', headerRowIndex(s) + 3]]);
    expect(r.summary.errors).toBe(0);
    expect(r.records).toHaveLength(1);
    expect(r.templateId).toBe('district-activity');
    expect(r.records[0]?.values).toMatchObject({ fiscalYear: 2026, ward: '12101', district: '12101-01', status: 'done', successCase: true });
  });

  it('an untouched blank return has no errors: its prefilled rows are not filled in', () => {
    const s = blankReturnSheet(plan, 'district-activity', { district: '12101-01', fiscalYear: 2026 });
    const r = validateGrid({ sheet: s.name.ja, cells: asGrid(s, 'ja') }, { plan, today });
    expect(r.summary).toMatchObject({ rowsRead: 0, errors: 0, blankRows: 30 });
    expect(r.issues.map((i) => [i.code, i.message.ja])).toEqual([
      ['no_data_rows', expect.stringContaining('データがありません')],
      ['prefilled_only_rows', `${headerRowIndex(s) + 2}〜${headerRowIndex(s) + 31}行目に、年度・区・地区部会だけが入った行が30行あります。記入されていない行として読み飛ばしました。`],
    ]);
  });
});
