/**
 * The demo's sample returns for the Chiba preset, written by hand: what district chapters
 * (社協地区部会) of four wards and a city department might really send for 令和8年度 (FY2026), in
 * the forms staff type (docs/staff.md §3: full-width digits, 12人, 和暦 dates, labels without
 * 送り仮名, aliases of names) and with a few real mistakes, each marked below.
 *
 * The initiatives and district rosters are the preset's samples, not Chiba's official lists.
 * Nothing here is random: the demo gives the same files every time.
 */
import type { SheetValue } from '@sasaeai/core';

/** One return file of the demo. */
export interface DemoReturn {
  /** File name inside the demo's `returns/` folder. */
  file: string;
  templateId: 'district-activity' | 'city-measure';
  sheet: string;
  /** Headers as staff typed them (the template's labels, sometimes an alias or a line break). */
  headers: string[];
  rows: SheetValue[][];
  /** What is wrong in it on purpose, for the demo's own record. */
  mistakes: string[];
}

/** The date the demo runs "as of": after the closing date of FY2026 district returns (2027-04-30). */
export const DEMO_TODAY = '2027-05-10';
/** The fiscal year of the demo. */
export const DEMO_FISCAL_YEAR = 2026;
/** The ward whose progress the demo compiles. */
export const DEMO_WARD = '12101';
/** The district chapter (in that ward) whose blank return the demo writes. */
export const DEMO_DISTRICT = '12101-01';

/** The preset (`--plan`) the demo's returns were written for. */
export const DEMO_PRESET = 'chiba';

const H = [
  '年度',
  '区',
  '地区部会',
  '報告日',
  '取組み',
  '実施状況',
  '実施回数',
  '参加者数',
  '連携団体',
  '自己評価',
  '成果',
  '課題',
  '成果事例',
  '今後の方向性',
];
const d = (date: string): SheetValue => ({ date });

/** The demo's returns, in the order they are written. */
export const DEMO_RETURNS: DemoReturn[] = [
  {
    file: '中央区_寒川.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: [],
    rows: [
      ['令和8年度', '中央区', '寒川', d('2026-06-15'), '見守り・声かけ活動', '実施済み', 12, 240, '町内自治会、民生委員・児童委員', 'B', '見守り対象の高齢者世帯を毎月訪問し、体調の変化に早く気づけた。', '', '○', '継続'],
      ['R8', '中央', '寒川地区', 'R8.7.1', 'ふれあい・いきいきサロン', '実施済', '１２回', '３６０人', '老人クラブ・ボランティア', 'A', '参加者が昨年度より増え、男性の参加も見られた。', '', '○', '拡充'],
      [2026, '中央区', '寒川', '2026/9/3', '子育てサロン', '実施中', '6回', '84人', '学校・PTA', 'B', '', '', '', '継続'],
      [2026, '中央区', '寒川', d('2026-10-20'), '地域の居場所づくり', '実施中', 4, 52, 'NPO、福祉施設', 'C', '空き店舗を借りて月1回の居場所を開いた。', '担い手が足りず、開催回数を増やせない。', '', '見直し'],
      [2026, '中央区', '寒川', '令和8年11月5日', '福祉の情報発信（広報紙）', '実施済み', 4, null, '町内自治会', 'B', '地区の広報紙を年4回発行し、全戸に配布した。', '', '', '継続'],
      [2026, '中央区', '寒川', 'R8.12.1', '担い手の発掘・育成', '未着手', null, null, null, null, null, '講師の都合がつかず、今年度は養成講座を開けなかった。', null, '継続'],
      [2026, '中央区', '寒川', d('2027-02-14'), '災害時の支え合い体制づくり', '実施済み', 2, 150, '町内会、赤十字奉仕団', 'B', '要配慮者の名簿を町内会と共有し、避難訓練を行った。', '', '', '継続'],
    ],
  },
  {
    file: '中央区_松ケ丘.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: ['実施回数「３回半」は数ではない', '報告日「2026/2/30」は存在しない日付'],
    rows: [
      ['令和8年度', '中央区', '松ケ丘', d('2026-07-10'), '見守り・声かけ活動', '実施済み', 10, 180, '民生委員', 'B', '一人暮らしの高齢者への声かけを続けた。', '', '', '継続'],
      ['令和8年度', '中央区', '松ケ丘', d('2026-08-01'), 'ふれあい・いきいきサロン', '実施中', '３回半', '45人', 'ボランティア', 'B', '', '', '', '継続'],
      ['令和8年度', '中央区', '松ケ丘', '2026/2/30', '子育てサロン', '実施済み', 8, 96, '学校・PTA', 'A', '地域の中学生がボランティアで参加した。', '', '○', '拡充'],
    ],
  },
  {
    file: '中央区_新宿.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: ['自己評価 C なのに課題が空欄', '成果に電話番号（個人情報）'],
    rows: [
      ['令和8年度', '中央区', '新宿', d('2026-09-30'), '見守り・声かけ活動', '実施済み', 11, 198, '町内自治会', 'B', '見守り活動の連絡先（043-000-1234 担当 田中）を全戸に配布した。', '', '', '継続'],
      ['令和8年度', '中央区', '新宿', d('2026-09-30'), '地域の居場所づくり', '実施中', 3, 30, 'その他', 'C', '公民館で月1回の居場所を始めた。', '', '', '継続'],
    ],
  },
  {
    file: '中央区_本千葉.xlsx',
    templateId: 'district-activity',
    sheet: '報告',
    headers: ['年度', '区名', '地区部会名', '報告年月日', '取組名', '実施状況', '実施\n回数', '参加\n人数', '協力団体', '評価', '成果', '課題', '好事例', '今後の方向'],
    mistakes: ['取組み名を「見守り・声かけ」と略して書いた', '取組み「多世代交流」は中央区の計画にない'],
    rows: [
      ['R8年度', '中央区', '本千葉', 'R8.10.15', '見守り・声かけ', '実施済み', '８', '１６０', '町内会、民児協', 'Ｂ', '見守り協力員が5名増えた。', '', '', '継続'],
      ['R8年度', '中央区', '本千葉', 'R8.10.15', '多世代交流', '実施済み', 2, 120, '学校', 'A', '小学生と高齢者の昔遊び交流会を開いた。', '', '○', '継続'],
    ],
  },
  {
    file: '中央区_椿森.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: [],
    rows: [
      [2026, '中央区', '椿森', d('2027-03-20'), 'ふれあい・いきいきサロン', '実施済み', 24, 480, '老人クラブ、ボランティア・NPO', 'A', '- 月2回のサロンを開いた\n- 送迎ボランティアが3名加わった', '', '○', '拡充'],
      [2026, '中央区', '椿森', d('2027-03-20'), '見守り・声かけ活動', '実施中', 6, 60, '民生委員・児童委員', 'B', '=見守り対象の名簿を更新した（先頭の「=」も文字のまま残ります）', '', '', '継続'],
    ],
  },
  {
    file: '花見川区_幕張.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: ['区・地区部会に「〃」（同上）'],
    rows: [
      ['令和8年度', '花見川区', '幕張', d('2026-11-11'), '見守り・声かけ活動', '実施済み', 12, 300, '町内自治会', 'B', '見守りの担い手向けに研修を行った。', '', '', '継続'],
      ['〃', '〃', '〃', d('2026-11-11'), '子育てサロン', '実施済み', 10, 150, '学校・PTA', 'B', '子育て中の親の交流の場になった。', '', '', '継続'],
    ],
  },
  {
    file: '花見川区_検見川.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: [],
    rows: [
      [2026, '花見川区', '検見川', d('2026-12-05'), 'ふれあい・いきいきサロン', '実施済み', 20, 400, '老人クラブ', 'B', '体操と茶話会を組み合わせたサロンが定着した。', '', '', '継続'],
      [2026, '花見川区', '検見川', d('2026-12-05'), '災害時の支え合い体制づくり', '実施中', 1, 35, '町内自治会、民生委員', 'C', '防災マップづくりを始めた。', '町内会ごとに進み方の差が大きい。', '', '見直し'],
    ],
  },
  {
    file: '美浜区_幕張西.xlsx',
    templateId: 'district-activity',
    sheet: '活動状況報告',
    headers: H,
    mistakes: [],
    rows: [
      ['令和8年度', '美浜区', '幕張西', d('2026-08-20'), '多世代交流', '実施済み', 3, 210, '学校・PTA、ボランティア・NPO', 'A', '夏祭りで中高生が高齢者の見守り役を務めた。', '', '○', '拡充'],
      ['令和8年度', '美浜区', '幕張西', d('2026-08-20'), '見守り・声かけ活動', '実施済み', 12, 220, '民生委員・児童委員', 'B', '集合住宅の見守りを管理組合と始めた。', '', '', '継続'],
    ],
  },
  {
    file: '稲毛区_地区部会報告.xlsx',
    templateId: 'district-activity',
    sheet: '稲毛区',
    headers: H,
    mistakes: [],
    rows: [
      [2026, '稲毛区', '稲毛', d('2027-01-15'), '見守り・声かけ活動', '実施済み', 12, 260, '町内自治会', 'B', '見守り訪問を毎月続けた。', '', '', '継続'],
      [2026, '稲毛区', '小中台', d('2027-01-18'), 'ふれあい・いきいきサロン', '実施中', 9, 135, '老人クラブ', 'B', '', '', '', '継続'],
      [2026, '稲毛区', '小中台', d('2027-01-18'), '多世代交流', '未着手', null, null, null, null, null, '会場の確保ができなかった。', null, '見直し'],
    ],
  },
  {
    file: '市_施策実施状況.xlsx',
    templateId: 'city-measure',
    sheet: '施策実施状況',
    headers: ['年度', '施策番号', '担当課', '指標', '単位', '基準値', '目標値', '実績値', '評価', '成果', '課題', '今後の方向性'],
    mistakes: ['達成率100%以上なのに評価 D', '評価 C なのに課題が空欄'],
    rows: [
      [2026, '4-1-1', '地域福祉推進課', '市ホームページの地域福祉情報の閲覧数', '件', 12000, 15000, 16200, 'A', '特集ページの公開で閲覧が増えた。', '', '継続'],
      [2026, '4-1-2', '教育指導課', '福祉教育を実施した学校数', '校', 40, 60, 52, 'B', '中学校での実施が広がった。', '', '継続'],
      [2026, '4-2-1', '市民自治推進課', '担い手養成講座の修了者数', '人', 80, 120, 125, 'D', '修了者が目標を上回った。', '', '拡充'],
      [2026, '4-2-2', '保護課', '就労支援による就職者数', '人', 150, 200, 170, 'B', '', '', '継続'],
      [2026, '4-3-1', '高齢福祉課', '移動支援の利用回数', '回', 3000, 5000, 2100, 'C', '', '', '見直し'],
      [2026, '4-3-2', '防災対策課', '個別避難計画の作成数', '件', 500, 2000, 1400, 'B', '', '', '継続'],
      [2026, '4-4-1', '高齢福祉課', '成年後見制度の相談件数', '件', 900, 1000, 1050, 'A', '', '', '継続'],
      [2026, '4-4-2', 'こども企画課', '子育て支援拠点の利用者数', '人', 50000, 60000, 58000, 'B', '', '', '継続'],
    ],
  },
];
