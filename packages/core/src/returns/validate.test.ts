import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import { requirePlan, validateGrid, detectTemplate, type SheetGrid } from '../index.js';

const plan = requirePlan(chibaPlan);
const today = '2026-06-01';

/** A realistic return from 寒川地区部会 of 中央区, typed the way staff type. */
export function chuoReturn(): SheetGrid {
  return {
    sheet: '活動状況報告',
    source: 'samukawa.xlsx',
    cells: [
      ['令和8年度 地区部会 活動状況報告（中央区 寒川地区部会）'],
      ['※ 1行に1つの取組みを記入してください。'],
      [],
      ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施\n回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'],
      ['令和8年度', '中央区', '寒川', 'R8.5.1', '見守り・声かけ活動', '実施済', '１２回', '1,200人', '民生委員・児童委員、町内会', 'B 概ね計画どおり', '高齢者世帯の見守り訪問を毎月実施した。', null, '○', '継続'],
      ['令和8年度', '中央区', '寒川', 46143, 'C02', '実施中', 4, 86, '老人クラブ・ボランティア', 'Ｂ', '参加者の皆さんから好評だった。', null, null, '拡充'],
      [null, null, null],
      [2026, '中央区', '寒川地区部会', new Date(Date.UTC(2026, 4, 20)), '子育てサロン', '未着手', 0, null, null, null, null, '会場の確保ができていない。', '×', '見直し'],
      ['2026年度', '中央', '寒川', '2026-05-25', '福祉の情報発信（広報紙）', 'done', '2', '１，２００', '学校・PTA', 'A', '広報紙を2回発行し、全戸に配布した。', null, 'はい', 'expand'],
      ['R8', 'Chuo', 'Samukawa', '令和8年5月26日', 'C06', '実施中', 1, 12, 'その他', 'C', '講座を1回開催。', '参加者が少ない。', 'FALSE', '継続'],
    ],
  };
}

describe('validateGrid', () => {
  it('reads a realistic Chiba return without issues', () => {
    const r = validateGrid(chuoReturn(), { plan, today });
    expect(r.issues).toEqual([]);
    expect(r.templateId).toBe('district-activity');
    expect(r.headerRow).toBe(4);
    expect(r.summary).toMatchObject({ rowsRead: 5, blankRows: 1, rowsValid: 5, rowsWithErrors: 0, errors: 0 });
    expect(r.records.map((x) => x.values)).toMatchInlineSnapshot(`
      [
        {
          "district": "12101-01",
          "fiscalYear": 2026,
          "initiative": "C01",
          "issues": null,
          "nextSteps": "continue",
          "outcomes": "高齢者世帯の見守り訪問を毎月実施した。",
          "participants": 1200,
          "partners": [
            "welfare-commissioners",
            "neighbourhood",
          ],
          "rating": "B",
          "reportDate": "2026-05-01",
          "sessions": 12,
          "status": "done",
          "successCase": true,
          "ward": "12101",
        },
        {
          "district": "12101-01",
          "fiscalYear": 2026,
          "initiative": "C02",
          "issues": null,
          "nextSteps": "expand",
          "outcomes": "参加者の皆さんから好評だった。",
          "participants": 86,
          "partners": [
            "senior-clubs",
            "volunteers-npo",
          ],
          "rating": "B",
          "reportDate": "2026-05-01",
          "sessions": 4,
          "status": "in_progress",
          "successCase": null,
          "ward": "12101",
        },
        {
          "district": "12101-01",
          "fiscalYear": 2026,
          "initiative": "C03",
          "issues": "会場の確保ができていない。",
          "nextSteps": "revise",
          "outcomes": null,
          "participants": null,
          "partners": null,
          "rating": null,
          "reportDate": "2026-05-20",
          "sessions": 0,
          "status": "not_started",
          "successCase": false,
          "ward": "12101",
        },
        {
          "district": "12101-01",
          "fiscalYear": 2026,
          "initiative": "C05",
          "issues": null,
          "nextSteps": "expand",
          "outcomes": "広報紙を2回発行し、全戸に配布した。",
          "participants": 1200,
          "partners": [
            "schools-pta",
          ],
          "rating": "A",
          "reportDate": "2026-05-25",
          "sessions": 2,
          "status": "done",
          "successCase": true,
          "ward": "12101",
        },
        {
          "district": "12101-01",
          "fiscalYear": 2026,
          "initiative": "C06",
          "issues": "参加者が少ない。",
          "nextSteps": "continue",
          "outcomes": "講座を1回開催。",
          "participants": 12,
          "partners": [
            "other",
          ],
          "rating": "C",
          "reportDate": "2026-05-26",
          "sessions": 1,
          "status": "in_progress",
          "successCase": false,
          "ward": "12101",
        },
      ]
    `);
  });

  it('runs the example of its TSDoc', () => {
    const result = validateGrid(
      {
        sheet: '活動状況報告',
        cells: [
          ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '自己評価', '成果'],
          ['令和8年度', '中央区', '寒川', 'R8.5.1', '見守り・声かけ活動', '実施済', '１２回', '1,200人', 'B', '見守り訪問を継続'],
        ],
      },
      { plan, today: '2026-06-01' },
    );
    expect(result.records[0]?.values.sessions).toBe(12);
    expect(result.summary.errors).toBe(0);
    expect(result.issues.map((i) => `${i.severity} ${i.code} ${i.field}`)).toEqual([
      'info missing_optional_column partners',
      'info missing_optional_column issues',
      'info missing_optional_column successCase',
      'info missing_optional_column nextSteps',
    ]);
  });

  it('detects the template', () => {
    expect(detectTemplate(chuoReturn(), plan)).toEqual({ templateId: 'district-activity', headerRow: 4 });
    expect(detectTemplate({ sheet: 'x', cells: [['a', 'b']] }, plan)).toBeNull();
  });
});
