import { chibaPlan } from '@sasaeai/plan-chiba';
import { afterAll, describe, expect, it } from 'vitest';
import { issueCatalogue, notAReturn, notAReturnIssue, requirePlan, resolveResubmissions, validateGrid, validateGrids, type Issue, type SheetGrid, type ValidateOptions } from '../index.js';
import { brief, grid, HEADER, one, plan, rowCells, today } from './test-fixtures.js';

// Every code raised in this file, to check the catalogue is covered.
const raised = new Set<string>();
function list(issues: Issue[]): string[] {
  for (const i of issues) raised.add(i.code.startsWith('rule_') ? 'rule_*' : i.code);
  return issues.map(brief);
}
function run(g: SheetGrid, opts: Partial<ValidateOptions> = {}): string[] {
  return list(validateGrid(g, { plan, today, ...opts }).issues);
}
function row(over: Parameters<typeof one>[0], opts: Partial<ValidateOptions> = {}): string[] {
  return list(one(over, opts).issues);
}

const MEASURE_HEADER = ['年度', '施策番号', '担当課', '指標', '単位', '基準値', '目標値', '実績値', '評価', '成果', '課題', '今後の方向性'];
function measureGrid(rows: unknown[][]): SheetGrid {
  return { sheet: '施策', cells: [MEASURE_HEADER, ...rows] as SheetGrid['cells'] };
}
const measureRow = (over: Record<number, unknown> = {}): unknown[] => {
  const r: unknown[] = [2026, '4-1-1', '地域福祉推進課', '広報紙の発行回数', '回', 4, 6, 6, 'B', '予定どおり発行した。', null, '継続'];
  for (const [i, v] of Object.entries(over)) r[Number(i)] = v;
  return r;
};

describe('the sheet as a whole', () => {
  it('unknown_template', () => {
    expect(run(grid([rowCells()]), { template: 'activity' })).toMatchInlineSnapshot(`
      [
        "- error unknown_template: 様式「activity」はこの計画にありません（district-activity, city-measure）。 | Template "activity" is not in this plan (district-activity, city-measure).",
      ]
    `);
  });
  it('no_header', () => {
    expect(run({ sheet: 'メモ', cells: [['会議メモ'], ['来週までに集計']] })).toMatchInlineSnapshot(`
      [
        "- error no_header: シート「メモ」に見出し行（年度…）が見つかりません。様式の見出しをそのまま使ってください。 | No header row (Fiscal year…) was found on sheet "メモ"; keep the template's headers.",
      ]
    `);
    expect(run({ sheet: 'メモ', cells: [] }, { template: 'district-activity' })).toMatchInlineSnapshot(`
      [
        "- error no_header: シート「メモ」に「地区部会 活動状況報告」の見出し行（年度…）が見つかりません。様式の見出しをそのまま使ってください。 | No header row of "District chapter activity return" (Fiscal year…) was found on sheet "メモ"; keep the template's headers.",
      ]
    `);
  });
  it('missing_column and missing_optional_column', () => {
    const header = HEADER.filter((h) => h !== '報告日' && h !== '課題');
    const cells = rowCells();
    cells.splice(11, 1);
    cells.splice(3, 1);
    expect(run(grid([cells], header))).toMatchInlineSnapshot(`
      [
        "row 1 error missing_column [reportDate]: 必須の列「報告日」がありません。見出し行に「報告日」の列を追加してください。 | The required column "Report date" (報告日) is missing; add it to the header row.",
        "row 1 info missing_optional_column [issues]: 列「課題」がありません。この列を使う確認は行いません。 | Column "Issues" (課題) is missing; checks that use it are skipped.",
      ]
    `);
  });
  it('unknown_column, duplicate_column, value_without_header', () => {
    const header = [...HEADER, '備考', '回数', null];
    expect(run(grid([[...rowCells(), 'メモ', 3, '欄外のメモ'], [...rowCells({ initiative: 'C02' }), null, null, 'もう1つ']], header))).toMatchInlineSnapshot(`
      [
        "O1 warning unknown_column: 列「備考」は様式「地区部会 活動状況報告」にないため、取り込まれません。 | Column "備考" is not in the template "District chapter activity return"; it is not read.",
        "P1 error duplicate_column [sessions]: 列「回数」はG列と同じ「実施回数」の列です。最初の列だけを読み取ります。どちらかを削除してください。 | Column "回数" holds the same field as column G (Sessions); only the first is read. Remove one.",
        "Q2 warning value_without_header: 見出しのないQ列に値が入っています（2件）。取り込まれません。見出しを付けるか、削除してください。 | Column Q has no header but holds 2 values; they are not read. Add a header or remove them.",
      ]
    `);
  });
  it('no_data_rows', () => {
    expect(run(grid([[], [null, '  ']]))).toMatchInlineSnapshot(`
      [
        "row 1 warning no_data_rows: シート「報告」の見出し行（1行目）の下にデータがありません。 | Sheet "報告" has no data rows below the header (row 1).",
      ]
    `);
  });
  it('prefilled_only_rows', () => {
    const prefilled = ['2026', '中央区', '寒川', null, null];
    expect(run(grid([rowCells(), prefilled, [], prefilled]))).toMatchInlineSnapshot(`
      [
        "A3 info prefilled_only_rows: 3〜5行目に、年度・区・地区部会だけが入った行が2行あります。記入されていない行として読み飛ばしました。 | 2 rows between rows 3 and 5 hold only the fiscal year, ward, district chapter; they are treated as not filled in and skipped.",
      ]
    `);
  });
  it('header variants: line breaks, spaces, width, English, marks, rows above', () => {
    const header = ['年 度', 'Ward', '地区部会名', '報告日※', 'Initiative', '実施状況', '実施\n回数', '参加者数（人）', '連携団体', 'ＲＡＴＩＮＧ', '成果', '課題', '成果事例', '今後の方向性'];
    const r = validateGrid({ sheet: 'S', origin: 'B3', cells: [['タイトル'], ['注意書き'], header, rowCells()] }, { plan, today });
    expect(r.issues).toEqual([]);
    expect(r.headerRow).toBe(5);
    expect(r.columns.slice(0, 3)).toEqual([
      { field: 'fiscalYear', column: 2, cell: 'B5' },
      { field: 'ward', column: 3, cell: 'C5' },
      { field: 'district', column: 4, cell: 'D5' },
    ]);
    expect(r.records[0]?.ref).toEqual({ sheet: 'S', row: 6 });
  });
});

describe('one cell', () => {
  it('excel_error and unreadable_value', () => {
    expect(row({ status: { error: '#N/A' }, sessions: '#VALUE!', outcomes: Symbol('x') as never })).toMatchInlineSnapshot(`
      [
        "F2 error excel_error [status]: 実施状況がExcelのエラー値「#N/A」になっています。数式や参照元を確認し、値を入力してください。 | Status holds the Excel error #N/A; check the formula or what it refers to, and enter a value.",
        "G2 error excel_error [sessions]: 実施回数がExcelのエラー値「#VALUE!」になっています。数式や参照元を確認し、値を入力してください。 | Sessions holds the Excel error #VALUE!; check the formula or what it refers to, and enter a value.",
        "K2 error unreadable_value [outcomes]: 成果のセルの値を読み取れません。 | The value of Outcomes cannot be read.",
      ]
    `);
  });
  it('required_missing, with the merged-cell hint below a filled cell', () => {
    expect(run(grid([rowCells(), rowCells({ district: null, initiative: 'C02' }), rowCells({ ward: '  ', initiative: 'C03' })]))).toMatchInlineSnapshot(`
      [
        "C3 error required_missing [district]: 地区部会が空欄です。入力してください。（結合セルの場合は、結合を解除して各行に入力してください。） | District chapter is blank; please fill it in. (If this is part of a merged cell, unmerge it and fill every row.)",
        "B4 error required_missing [ward]: 区が空欄です。入力してください。（結合セルの場合は、結合を解除して各行に入力してください。） | Ward is blank; please fill it in. (If this is part of a merged cell, unmerge it and fill every row.)",
      ]
    `);
  });
  it('ditto_mark and dash_as_blank', () => {
    expect(row({ district: '〃', participants: '－' })).toMatchInlineSnapshot(`
      [
        "C2 error ditto_mark [district]: 地区部会の「〃」（同上）は読み取れません。各行に値を入力してください。 | District chapter "〃" (ditto) cannot be read; type the value in every row.",
        "H2 info dash_as_blank [participants]: 参加者数の「－」は空欄として扱いました。 | The dash in Participants was read as blank.",
      ]
    `);
  });
  it('numbers', () => {
    expect(row({ sessions: '3回半', participants: 2.5 })).toMatchInlineSnapshot(`
      [
        "G2 error not_a_number [sessions]: 実施回数の「3回半」は数値として読み取れません。0以上の整数を入力してください。 | Sessions "3回半" is not a number. Enter a whole number, 0 or more.",
        "H2 error not_integer [participants]: 参加者数の「2.5」は整数ではありません。0以上の整数を入力してください。 | Participants "2.5" is not a whole number; enter a whole number, 0 or more.",
      ]
    `);
    expect(row({ sessions: -1, participants: 2000000 })).toMatchInlineSnapshot(`
      [
        "G2 error below_min [sessions]: 実施回数の「-1」は0より小さい値です。0以上の整数を入力してください。 | Sessions "-1" is below 0; enter a whole number, 0 or more.",
        "H2 error above_max [participants]: 参加者数の「2000000」は上限の1000000を超えています。入力を確認してください。 | Participants "2000000" is above the maximum of 1000000; please check.",
      ]
    `);
  });
  it('number_as_text and text_too_long', () => {
    expect(row({ outcomes: 46143, issues: 'あ'.repeat(401), rating: 'C' })).toMatchInlineSnapshot(`
      [
        "K2 info number_as_text [outcomes]: 成果に数値「46143」が入っています。文字として取り込みました（日付のシリアル値の可能性があります）。 | Outcomes holds the number "46143"; read as text (possibly a date serial number).",
        "L2 error text_too_long [issues]: 課題が401文字あり、上限の400文字を超えています。400文字以内にまとめてください。 | Issues has 401 characters, more than the limit of 400; please shorten it.",
      ]
    `);
  });
  it('fiscal years and dates', () => {
    expect(row({ fiscalYear: '令和8(2025)年度', reportDate: '2026/2/30' })).toMatchInlineSnapshot(`
      [
        "A2 error invalid_fiscal_year [fiscalYear]: 年度の「令和8(2025)年度」は和暦と西暦の年が一致しません。2026、2026年度、令和8年度、R8 のように入力してください。 | Fiscal year "令和8(2025)年度" has era and Gregorian years that disagree. Type it like 2026, 2026年度, 令和8年度 or R8.",
        "D2 error invalid_date [reportDate]: 報告日の「2026/2/30」は存在しない日付です。2026/5/1、令和8年5月1日、R8.5.1 のように入力してください。 | Report date "2026/2/30" is a day that does not exist. Type it like 2026/5/1, 令和8年5月1日 or R8.5.1.",
      ]
    `);
    expect(row({ fiscalYear: '平成31年度', reportDate: 'H31.5.1' }, { today: '2019-06-01' })).toMatchInlineSnapshot(`
      [
        "A2 warning fiscal_year_not_current_term [fiscalYear]: 年度「平成31年度」（2019年度）は現在の計画期間（第5期 2024〜2029年度）の外です。 | Fiscal year "平成31年度" (FY2019) is outside the current term (term 5, FY2024–FY2029).",
        "D2 info era_date_after_era_end [reportDate]: 報告日の「H31.5.1」は元号が終わった後の日付のため、2019-05-01として読み取りました。 | Report date "H31.5.1" is an era date after the era ended; read as 2019-05-01.",
      ]
    `);
    expect(row({ fiscalYear: '平成32年度', reportDate: '令和元年4月1日' }, { today: '2020-06-01' })).toMatchInlineSnapshot(`
      [
        "A2 info era_year_beyond_end [fiscalYear]: 年度の「平成32年度」は元号が終わった後の年度のため、2020年度（令和2年度）として読み取りました。 | Fiscal year "平成32年度" names a year after its era ended; read as FY2020.",
        "A2 warning fiscal_year_not_current_term [fiscalYear]: 年度「平成32年度」（2020年度）は現在の計画期間（第5期 2024〜2029年度）の外です。 | Fiscal year "平成32年度" (FY2020) is outside the current term (term 5, FY2024–FY2029).",
        "D2 info era_date_before_era_start [reportDate]: 報告日の「令和元年4月1日」は元号が始まる前の日付のため、2019-04-01として読み取りました。 | Report date "令和元年4月1日" is an era date before the era began; read as 2019-04-01.",
        "D2 error date_outside_fiscal_year [reportDate]: 報告日2019-04-01は令和2年度（2020-04-01〜2021-03-31、締切2021-04-30）に入っていません。報告日か年度を確認してください。 | Report date 2019-04-01 is outside FY2020 (2020-04-01 to 2021-03-31, closing 2021-04-30); check the date or the fiscal year.",
      ]
    `);
    expect(row({ reportDate: 46143.75 })).toMatchInlineSnapshot(`
      [
        "D2 info time_of_day_ignored [reportDate]: 報告日に時刻が含まれていたため、日付 2026-05-01 として読み取りました。 | Report date carried a time of day; read as the date 2026-05-01.",
      ]
    `);
  });
  it('enumerations and yes/no', () => {
    expect(row({ status: '実施予定', partners: '町内会、商店街・PTA', successCase: 'たぶん' })).toMatchInlineSnapshot(`
      [
        "F2 error invalid_option [status]: 実施状況の「実施予定」は選択肢にありません。「実施済み」「実施中」「未着手」「中止」から選んでください。 | Status "実施予定" is not an option; choose one of: Done, In progress, Not started, Stopped.",
        "I2 error invalid_option [partners]: 連携団体の「商店街」は選択肢にありません。「町内自治会」「民生委員・児童委員」「青少年育成委員会」「老人クラブ」「赤十字奉仕団」「ボランティア・NPO」「学校・PTA」「福祉施設」「その他」から選び、複数あるときは「、」で区切ってください。 | Partner groups: "商店街" is not an option; choose from Neighbourhood associations, Welfare and child commissioners, Youth development committees, Senior citizens' clubs, Red Cross volunteer corps, Volunteers and NPOs, Schools and PTAs, Welfare facilities, Others, separated by 、 or commas.",
        "M2 error invalid_boolean [successCase]: 成果事例の「たぶん」は「はい」「いいえ」として読み取れません。○（はい）か ×（いいえ）を入力するか、空欄にしてください。 | Success case "たぶん" is not a yes/no value; type ○ (yes) or × (no), or leave it blank.",
      ]
    `);
  });
  it('units, initiatives, measures', () => {
    expect(row({ ward: '千葉区', district: '寒川町', initiative: 'C99' })).toMatchInlineSnapshot(`
      [
        "B2 error unknown_unit [ward]: 「千葉区」という区は名簿にありません。名簿の近い名前：若葉区。区の名前（例：中央区）かコードを入力してください。 | Ward "千葉区" is not in the roster of wards; closest names in the roster: 若葉区 (Wakaba); type its name or code.",
        "C2 error unknown_unit [district]: 「寒川町」という地区部会は名簿にありません。名簿の近い名前：寒川。地区部会の名前（例：寒川）かコードを入力してください。 | District chapter "寒川町" is not in the roster of district areas; closest names in the roster: 寒川 (Samukawa); type its name or code.",
        "E2 error unknown_initiative [initiative]: 取組みの「C99」は計画の取組みにありません。取組みの名前か番号（C01 など）を入力してください。 | Initiative "C99" is not an initiative of the plan; type its name or code (e.g. C01).",
      ]
    `);
    expect(run(measureGrid([measureRow({ 1: '9-9-9' }), measureRow({ 1: new Date(Date.UTC(2004, 0, 1)) })]))).toMatchInlineSnapshot(`
      [
        "B2 error unknown_measure [measure]: 施策番号の「9-9-9」は計画の施策番号にありません。施策番号（4-1-1 など）を入力してください。 | Measure "9-9-9" is not a measure of the plan; type its number (e.g. 4-1-1).",
        "B3 error unknown_measure [measure]: 施策番号が日付「2004-01-01」に変わっています（Excelが「4-1-1」を日付に変換した可能性があります）。セルを文字列にして入力し直してください。 | Measure became the date "2004-01-01" (Excel may have turned "4-1-1" into a date); format the cell as text and retype it.",
      ]
    `);
  });
  it('ambiguous_unit: a district name used in two wards, resolved by the ward when given', () => {
    const json = structuredClone(chibaPlan) as { units: { code: string; level: string; parent?: string; name: { ja: string; en: string } }[] };
    json.units.push({ code: '12102-99', level: 'district', parent: '12102', name: { ja: '寒川', en: 'Samukawa' } });
    const p = requirePlan(json);
    const ok = validateGrid(grid([rowCells()]), { plan: p, today });
    expect(ok.records[0]?.values.district).toBe('12101-01');
    expect(list(validateGrid(grid([rowCells({ ward: '千葉区' })]), { plan: p, today }).issues)).toMatchInlineSnapshot(`
      [
        "B2 error unknown_unit [ward]: 「千葉区」という区は名簿にありません。名簿の近い名前：若葉区。区の名前（例：中央区）かコードを入力してください。 | Ward "千葉区" is not in the roster of wards; closest names in the roster: 若葉区 (Wakaba); type its name or code.",
        "C2 error ambiguous_unit [district]: 「寒川」に当たる地区部会が複数あります（12101-01 寒川、12102-99 寒川）。区を正しく入力するか、コードで入力してください。 | District chapter "寒川" matches several district area units (12101-01 Samukawa, 12102-99 Samukawa); fill in the ward or use the code.",
      ]
    `);
  });
});

describe('a row against the plan', () => {
  it('unit_not_in_parent and initiative_not_in_ward', () => {
    expect(row({ district: '幕張西', initiative: 'C08' })).toMatchInlineSnapshot(`
      [
        "C2 error unit_not_in_parent [district]: 地区部会「幕張西」は中央区ではなく美浜区の地区部会です。区または地区部会を確認してください。 | District chapter "Makuhari-nishi" belongs to Mihama, not Chuo; check the ward or the district chapter.",
        "E2 error initiative_not_in_ward [initiative]: 取組み「多世代交流」（C08）は中央区の計画にありません。区の計画の取組みから選んでください。 | Initiative "Exchange between generations" (C08) is not in the plan of Chuo; choose one of the ward's initiatives.",
      ]
    `);
  });
  it('unit_not_valid_on_date: おゆみ野 after its split', () => {
    expect(row({ ward: '緑区', district: 'おゆみ野' })).toMatchInlineSnapshot(`
      [
        "C2 error unit_not_valid_on_date [district]: 地区部会「おゆみ野」は2025-03-31で終了しており、報告日2026-05-01には存在しません。おゆみ野北、おゆみ野南のいずれかを入力してください。 | District chapter "Oyumino" ended on 2025-03-31 and did not exist on the report date 2026-05-01. Use one of: Oyumino-kita, Oyumino-minami.",
      ]
    `);
    expect(row({ ward: '緑区', district: 'おゆみ野北', fiscalYear: 2024, reportDate: '2024-06-01' })).toMatchInlineSnapshot(`
      [
        "C2 error unit_not_valid_on_date [district]: 地区部会「おゆみ野北」は2025-04-01からのため、報告日2024-06-01にはまだ存在しません。 | District chapter "Oyumino-kita" starts on 2025-04-01, after the report date 2024-06-01.",
      ]
    `);
  });
  it('fiscal years outside the plan or the current term', () => {
    expect(row({ fiscalYear: 2035, reportDate: '2035-05-01' }, { today: '2035-06-01' })).toMatchInlineSnapshot(`
      [
        "A2 error fiscal_year_outside_plan [fiscalYear]: 年度「2035」（2035年度）は計画期間（2006〜2029年度）の外です。 | Fiscal year "2035" (FY2035) is outside the plan terms (FY2006–FY2029).",
      ]
    `);
    expect(row({ fiscalYear: 2020, reportDate: '2020-05-01' })).toMatchInlineSnapshot(`
      [
        "A2 warning fiscal_year_not_current_term [fiscalYear]: 年度「2020」（2020年度）は現在の計画期間（第5期 2024〜2029年度）の外です。 | Fiscal year "2020" (FY2020) is outside the current term (term 5, FY2024–FY2029).",
      ]
    `);
  });
  it('date_outside_fiscal_year, report_after_closing (grace to the closing date) and date_in_future', () => {
    expect(row({ reportDate: '2026-03-31' })).toMatchInlineSnapshot(`
      [
        "D2 error date_outside_fiscal_year [reportDate]: 報告日2026-03-31は令和8年度（2026-04-01〜2027-03-31、締切2027-04-30）に入っていません。報告日か年度を確認してください。 | Report date 2026-03-31 is outside FY2026 (2026-04-01 to 2027-03-31, closing 2027-04-30); check the date or the fiscal year.",
      ]
    `);
    expect(row({ reportDate: '2027-04-30' }, { today: '2027-05-10' })).toEqual([]);
    // After the closing date: the year's report all the same, but late (other rows of the return are in the year;
    // a return whose every date is in the next year is a stale year, below).
    expect(run(grid([rowCells({ reportDate: '2027-03-01', initiative: 'C02' }), rowCells({ reportDate: '2027-05-01' })]), { today: '2027-05-10' })).toMatchInlineSnapshot(`
      [
        "D3 warning report_after_closing [reportDate]: 報告日2027-05-01は令和8年度の締切（2027-04-30）を過ぎています。期限後の報告として扱います。 | Report date 2027-05-01 is after the closing date of FY2026 (2027-04-30); the report counts as late.",
      ]
    `);
    // A date in the future stays an error, whatever the closing date.
    expect(row({ reportDate: '2027-05-11' }, { today: '2027-05-10' })).toMatchInlineSnapshot(`
      [
        "D2 error date_in_future [reportDate]: 報告日2027-05-11は未来の日付です（今日は2027-05-10）。 | Report date 2027-05-11 is in the future (today is 2027-05-10).",
      ]
    `);
    expect(row({ reportDate: '2026-06-02' })).toMatchInlineSnapshot(`
      [
        "D2 error date_in_future [reportDate]: 報告日2026-06-02は未来の日付です（今日は2026-06-01）。 | Report date 2026-06-02 is in the future (today is 2026-06-01).",
      ]
    `);
  });
});

describe('row rules from the plan', () => {
  it('district-activity rules', () => {
    expect(row({ status: '実施中', sessions: null })).toMatchInlineSnapshot(`
      [
        "G2 error rule_sessions_required [sessions]: 実施済み・実施中のときは実施回数を入力してください。 | Sessions are required when the status is done or in progress.",
      ]
    `);
    expect(row({ sessions: 0, participants: 5 })).toMatchInlineSnapshot(`
      [
        "H2 error rule_participants_without_sessions [participants]: 実施回数が0のときは参加者数を0または空欄にしてください。 | Participants must be 0 or blank when sessions is 0.",
      ]
    `);
    expect(row({ sessions: 10, participants: 3 })).toMatchInlineSnapshot(`
      [
        "H2 warning rule_participants_below_sessions [participants]: 参加者数が実施回数より少なくなっています。入力を確認してください。 | Participants are fewer than sessions; please check.",
      ]
    `);
    expect(row({ rating: null })).toMatchInlineSnapshot(`
      [
        "J2 error rule_rating_required [rating]: 未着手以外のときは自己評価（A〜D）を入力してください。 | A self-rating (A–D) is required unless the status is not started.",
      ]
    `);
    expect(row({ outcomes: null })).toMatchInlineSnapshot(`
      [
        "K2 error rule_outcomes_required [outcomes]: 実施済みのときは成果を入力してください。 | Outcomes are required when the status is done.",
      ]
    `);
    expect(row({ rating: 'D' })).toMatchInlineSnapshot(`
      [
        "L2 error rule_issues_required [issues]: 評価がC・D、または未着手・中止のときは課題を入力してください。 | Issues are required when the rating is C or D, or the status is not started or stopped.",
      ]
    `);
    expect(row({ status: '中止', rating: 'A', issues: '担い手不足のため中止。' })).toMatchInlineSnapshot(`
      [
        "J2 warning rule_rating_contradicts_status [rating]: 未着手・中止なのに自己評価がA・Bになっています。評価を確認してください。 | The rating is A or B although the status is not started or stopped; please check.",
      ]
    `);
    expect(row({ status: '実施中', successCase: '○', outcomes: null })).toMatchInlineSnapshot(`
      [
        "M2 warning rule_success_case_without_outcomes [successCase]: 成果事例とするときは成果の内容を書いてください。 | Describe the outcomes when marking a success case.",
      ]
    `);
  });
  it('a rule whose input failed to parse stays quiet', () => {
    expect(row({ status: '実施予定', sessions: null, rating: null })).toMatchInlineSnapshot(`
      [
        "F2 error invalid_option [status]: 実施状況の「実施予定」は選択肢にありません。「実施済み」「実施中」「未着手」「中止」から選んでください。 | Status "実施予定" is not an option; choose one of: Done, In progress, Not started, Stopped.",
      ]
    `);
    expect(row({ sessions: '三回', participants: 1 })).toMatchInlineSnapshot(`
      [
        "G2 error not_a_number [sessions]: 実施回数の「三回」は数値として読み取れません。0以上の整数を入力してください。 | Sessions "三回" is not a number. Enter a whole number, 0 or more.",
      ]
    `);
  });
  it('city-measure rules use the derived achievement rate', () => {
    const r = validateGrid(measureGrid([measureRow({ 7: 6, 8: 'D', 10: '要改善' }), measureRow({ 1: '4-1-2', 7: 2, 8: 'A' }), measureRow({ 1: '4-2-1', 7: null, 8: 'C' })]), { plan, today });
    expect(r.records.map((x) => x.values.achievementRate)).toEqual([1, 2 / 6, null]);
    expect(list(r.issues)).toMatchInlineSnapshot(`
      [
        "I2 warning rule_rating_d_but_achieved [rating]: 達成率が100%以上なのに評価がDになっています。 | The rating is D although the achievement rate is 100% or more.",
        "I3 warning rule_rating_a_but_low [rating]: 達成率が50%未満なのに評価がAになっています。 | The rating is A although the achievement rate is below 50%.",
        "H4 warning rule_actual_required [actual]: 実績値が空欄です。 | The actual value is blank.",
        "K4 error rule_issues_required_when_behind [issues]: 評価がC・Dのときは課題を入力してください。 | Issues are required when the rating is C or D.",
      ]
    `);
  });
  it('a rule on the derived rate stays quiet where the rate could not be computed', () => {
    // A rule that reads the rate with an operator true on a blank: the rate of a row whose actual
    // failed to parse is no blank to it, but a failure, and the rule is skipped.
    const rateKnown = {
      id: 'rate_known',
      severity: 'warning' as const,
      field: 'rating',
      when: { field: 'target', op: 'present' as const },
      assert: { field: 'achievementRate', op: 'present' as const },
      message: { ja: '達成率が出ません。', en: 'No achievement rate.' },
    };
    const withRule = requirePlan({ ...plan, templates: plan.templates.map((t) => (t.id === 'city-measure' ? { ...t, rules: [...(t.rules ?? []), rateKnown] } : t)) });
    const r = validateGrid(measureGrid([measureRow({ 7: '六回分' }), measureRow({ 1: '4-1-2', 7: null }), measureRow({ 1: '4-2-1' })]), { plan: withRule, today });
    expect(r.issues.filter((i) => i.code === 'rule_rate_known').map((i) => i.cell)).toEqual(['I3']);
    expect(r.issues.some((i) => i.cell === 'H2')).toBe(true);
  });
});

describe('the table', () => {
  it('duplicate_row and mixed_fiscal_years', () => {
    expect(
      run(grid([rowCells(), rowCells({ district: '寒川地区部会', reportDate: 'R8.5.1' }), rowCells({ initiative: 'C02' }), rowCells({ initiative: 'C03', fiscalYear: 'R7', reportDate: '2025-05-01' })])),
    ).toMatchInlineSnapshot(`
      [
        "C3 error duplicate_row [district]: この行は2行目と地区部会・取組み・報告日（寒川地区部会・C01・R8.5.1）が同じです。重複した行を削除するか、内容を確認してください。 | This row has the same district chapter, initiative, report date (寒川地区部会・C01・R8.5.1) as row 2; remove the duplicate or check it.",
        "A5 error mixed_fiscal_years [fiscalYear]: この行の年度（令和7年度）が、この報告の他の行（令和8年度）と異なります。1つの報告には1つの年度だけを入れてください。 | This row's fiscal year (FY2025) differs from the rest of the return (FY2026); keep one fiscal year per return.",
      ]
    `);
  });
  it('duplicates across grids', () => {
    const r = validateGrids([{ ...grid([rowCells()]), source: 'a.xlsx' }, { ...grid([rowCells()]), source: 'b.xlsx', sheet: '報告2' }], { plan, today });
    expect(list(r.issues)).toMatchInlineSnapshot(`
      [
        "C2 error duplicate_row [district]: この行は「a.xlsx」のシート「報告」の2行目と地区部会・取組み・報告日（寒川・C01・2026-05-01）が同じです。重複した行を削除するか、内容を確認してください。 | This row has the same district chapter, initiative, report date (寒川・C01・2026-05-01) as row 2 of sheet "報告" in "a.xlsx"; remove the duplicate or check it.",
      ]
    `);
    expect(r.summary).toMatchObject({ rowsRead: 2, rowsValid: 1, rowsWithErrors: 1, errors: 1 });
  });
});

describe('personal information guard', () => {
  it('flags phone numbers, My Numbers, e-mail addresses and names on narrative cells', () => {
    expect(row({ outcomes: '山田様（０９０－１２３４－５６７８）に協力いただいた。', issues: '連絡は taro@example.jp、番号 1234 5678 9012', rating: 'C' })).toMatchInlineSnapshot(`
      [
        "K2 warning pii_phone [outcomes]: 成果に電話番号のような記載「090-1234-5678」があります。個人情報は書かないでください。 | Outcomes contains what looks like a phone number "090-1234-5678"; do not include personal data.",
        "K2 warning pii_person_name [outcomes]: 成果に個人名のような記載「山田様」があります。個人情報は書かないでください。 | Outcomes contains what looks like a person's name "山田様"; do not include personal data.",
        "L2 warning pii_my_number [issues]: 課題に12桁の番号（マイナンバーの可能性）「1234 5678 9012」があります。個人情報は書かないでください。 | Issues contains a 12-digit number (possibly a My Number) "1234 5678 9012"; do not include personal data.",
        "L2 warning pii_email [issues]: 課題にメールアドレスのような記載「taro@example.jp」があります。個人情報は書かないでください。 | Issues contains what looks like an e-mail address "taro@example.jp"; do not include personal data.",
      ]
    `);
  });
});

describe('layout of the sheet as staff make it', () => {
  const G = (rows: unknown[][], extra: Partial<SheetGrid> = {}): SheetGrid => ({ ...grid(rows as never), ...extra });
  it('merged_cells_filled: 年度・区・地区部会 merged down over a district’s rows count on every row', () => {
    const rows = [rowCells(), rowCells({ fiscalYear: null, ward: null, district: null, initiative: 'C02', sessions: 3, participants: 30 }), rowCells({ fiscalYear: null, ward: null, district: null, initiative: 'C03', sessions: 4, participants: 40 })];
    const r = validateGrid(G(rows, { merges: ['A2:A4', 'B2:B4', 'C2:C4'] }), { plan, today });
    expect(list(r.issues)).toMatchInlineSnapshot(`
      [
        "A2 info merged_cells_filled: 結合セル A2:A4、B2:B4、C2:C4 の値を、結合された各行に当てはめて読み取りました（6セル）。 | Merged cells A2:A4, B2:B4, C2:C4: the value was applied to every row they cover (6 cells).",
      ]
    `);
    expect(r.records.map((x) => [x.values.district, x.values.sessions])).toEqual([['12101-01', 12], ['12101-01', 3], ['12101-01', 4]]);
  });
  it('merge_across_header', () => {
    expect(run(G([rowCells(), rowCells({ initiative: 'C02' })], { merges: ['A1:A3'] }))).toMatchInlineSnapshot(`
      [
        "A1 error merge_across_header: 結合セル A1:A3 が見出し行とデータ行にまたがっています。結合を解除し、見出しとデータを別のセルに入力してください。 | Merged cells A1:A3 span the header row and data rows; unmerge them and keep headers and data in separate cells.",
      ]
    `);
  });
  it('totals_row_skipped and totals_mismatch: 合計 by word, by SUM formula, by the sums alone', () => {
    const rows = [rowCells(), rowCells({ initiative: 'C02', sessions: 3, participants: 30 })];
    const word = [...rows, [null, null, '合 計', null, null, null, 15, 270]];
    const r = validateGrid(G(word), { plan, today });
    expect(list(r.issues)).toMatchInlineSnapshot(`
      [
        "row 4 info totals_row_skipped: 4行目は合計・小計の行のため、報告の行としては数えていません。 | Row 4 is a totals row, not a report row; left out.",
      ]
    `);
    expect(r.records).toHaveLength(2);
    const wrong = [...rows, ['合計', null, null, null, null, null, 14, 270]];
    expect(run(G(wrong))).toMatchInlineSnapshot(`
      [
        "row 4 info totals_row_skipped: 4行目は合計・小計の行のため、報告の行としては数えていません。 | Row 4 is a totals row, not a report row; left out.",
        "G4 warning totals_mismatch [sessions]: 合計行の実施回数（14）が、2〜3行目の合計（15）と一致しません。入力漏れの行や計算範囲を確認してください。 | The totals row's sessions (14) does not equal the sum of rows 2–3 (15); check for rows left out or the formula's range.",
      ]
    `);
    const bySum = [...rows, [null, null, null, null, null, null, 15, 270]];
    expect(validateGrid(G(bySum), { plan, today }).records).toHaveLength(2);
    const formula = [...rows, [null, null, null, null, null, null, 16, 270]];
    const f = validateGrid(G(formula, { formulas: { G4: 'SUBTOTAL(109,G2:G3)' } }), { plan, today });
    expect(f.records).toHaveLength(2);
    expect(f.issues.map((i) => i.code)).toContain('totals_mismatch');
  });
  it('footer_rows_skipped: 記入者／提出日／※ under the table', () => {
    expect(run(G([rowCells(), [], ['記入者：山田'], ['提出日', '2026/6/30'], ['※実施回数は延べ回数です。']]))).toMatchInlineSnapshot(`
      [
        "row 4 info footer_rows_skipped: 4–6行目は表の下の記入欄・注記のため、報告の行としては読み取っていません。 | Rows 4–6 under the table are footers (filled in by, date, notes), not report rows; left out.",
      ]
    `);
  });
  it('more forms of the same kinds: 寒川計, Grand Total, (注), a sentence under the table, 参加延人数, 報告日付', () => {
    const rows = [rowCells(), rowCells({ initiative: 'C02', sessions: 3, participants: 30 })];
    for (const label of ['寒川計', 'Grand Total', '【合計】', '総 計']) {
      const r = validateGrid(G([...rows, [null, null, label, null, null, null, 15, 270]]), { plan, today });
      expect([label, r.records.length, r.issues.map((i) => i.code)]).toEqual([label, 2, ['totals_row_skipped']]);
    }
    const notes = validateGrid(G([...rows, ['(注) 延べ人数で記入'], ['提出期限は4月30日です。遅れる場合はご連絡ください。'], ['問い合わせ先', '043-000-0000']]), { plan, today });
    expect([notes.records.length, notes.issues.map((i) => i.code)]).toEqual([2, ['footer_rows_skipped']]);
    const header: string[] = [...HEADER];
    header[3] = '報告日付';
    header[7] = '参加延人数';
    expect(validateGrid(grid([rowCells()], header), { plan, today }).columns.map((c) => c.field)).toContain('participants');
    expect(validateGrid(grid([rowCells()], header), { plan, today }).issues).toEqual([]);
  });
  it('a workbook of the 1904 date system: serial numbers read in it', () => {
    const serial1904 = 46143 - 1462; // 2026-05-01
    const r = validateGrid(G([rowCells({ reportDate: serial1904 })], { date1904: true }), { plan, today });
    expect(r.records[0]?.values.reportDate).toBe('2026-05-01');
    expect(r.issues).toEqual([]);
  });
  it('repeated_header_skipped: a second block under its own header and heading, with its own subtotal', () => {
    const H = [...HEADER];
    const r = validateGrid(
      G([
        rowCells(),
        rowCells({ initiative: 'C02', sessions: 3, participants: 30 }),
        [null, null, null, null, '小計', null, 15, 270],
        [],
        ['【下半期】'],
        H,
        rowCells({ reportDate: '2026-05-20', sessions: 1, participants: 10 }),
        rowCells({ initiative: 'C03', reportDate: '2026-05-20', sessions: 2, participants: 20 }),
        [null, null, null, null, '小計', null, 3, 30],
      ]),
      { plan, today },
    );
    expect(list(r.issues)).toMatchInlineSnapshot(`
      [
        "row 4 info totals_row_skipped: 4, 10行目は合計・小計の行のため、報告の行としては数えていません。 | Rows 4, 10 are totals rows, not report rows; left out.",
        "row 6 info repeated_header_skipped: 6–7行目は表の途中でくり返された見出し（小見出し）のため、報告の行としては読み取っていません。 | Rows 6–7 repeat the header (or a heading above it) within the table, not report rows; left out.",
      ]
    `);
    expect(r.records.map((x) => x.values.sessions)).toEqual([12, 3, 1, 2]);
  });
  it('hidden_rows_counted', () => {
    expect(run(G([rowCells(), rowCells({ initiative: 'C02' })], { hiddenRows: [3] }))).toMatchInlineSnapshot(`
      [
        "row 3 info hidden_rows_counted: 3行目は非表示ですが、報告の行として読み取りました。数えない行であれば削除してください。 | Row 3 is hidden but was read as a report row; delete it if it does not count.",
      ]
    `);
  });
  it('two-row header: 実績 merged over 実施回数／参加者数', () => {
    const top = ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実績', null, '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];
    const sub = [null, null, null, null, null, null, '実施回数', '参加者数', null, null, null, null, null, null];
    const r = validateGrid({ sheet: '報告', cells: [top, sub, rowCells()] as SheetGrid['cells'], merges: ['A1:A2', 'G1:H1'] }, { plan, today });
    expect(list(r.issues)).toEqual([]);
    expect(r.records[0]?.values.participants).toBe(240);
  });
  it('tolerant headers, and column_not_recognised for a header like a field', () => {
    const header = ['年度', '区名', '地区名', '報告年月日', '取組内容', '実施状況', '実施回数', '参加者（延べ人数）', '連携団体', '自己評価', '成果・効果', '課題・問題点', '成果事例', '今後の方向性'];
    const r = validateGrid(grid([rowCells()], header), { plan, today });
    expect(list(r.issues)).toEqual([]);
    expect(r.columns.map((c) => c.field)).toHaveLength(14);
    const odd: string[] = [...HEADER];
    odd[7] = '参加者の合計';
    expect(run(grid([rowCells()], odd))).toMatchInlineSnapshot(`
      [
        "row 1 info missing_optional_column [participants]: 列「参加者数」がありません。この列を使う確認は行いません。 | Column "Participants" (参加者数) is missing; checks that use it are skipped.",
        "H1 error column_not_recognised [participants]: 列「参加者の合計」は様式のどの項目とも一致しないため、読み取れません。「参加者数」の列であれば、見出しを「参加者数」にしてください。 | Column "参加者の合計" matches no field of the template and is not read; it is probably "Participants" (参加者数) — if so, rename the header to 参加者数.",
      ]
    `);
  });
  it('stale_fiscal_year: last year’s file with this year’s dates', () => {
    // Dated after the grace window for FY2025's late reports (2026-06-30, returns/closing.ts).
    const rows = [rowCells({ fiscalYear: '令和7年度', reportDate: '2026-07-20' }), rowCells({ fiscalYear: '令和7年度', reportDate: '2026-07-21', initiative: 'C02' })];
    expect(run(grid(rows), { today: '2026-08-01' })).toMatchInlineSnapshot(`
      [
        "A2 error stale_fiscal_year [fiscalYear]: 年度の欄は「令和7年度」（2025年度）ですが、報告日はすべて2026年度（2026-07-20〜2026-07-21）です。前年度のファイルを使った場合は、年度を2026年度に直してください。 | The fiscal year cells say "令和7年度" (FY2025) but every report date is in FY2026 (2026-07-20 to 2026-07-21); if last year's file was reused, change the fiscal year to FY2026.",
      ]
    `);
    // A report on last year written within the closing window is an ordinary one.
    expect(run(grid([rowCells({ fiscalYear: '令和7年度', reportDate: '2026-04-20' })]), { today: '2026-06-01' })).toEqual([]);
  });
  it('names: ヶ/が and 異体字 accepted when one roster name matches; otherwise the closest names', () => {
    for (const d of ['松ヶ丘', '松が丘', '松ケ丘']) expect(one({ district: d }).values?.district).toBe('12101-02');
    expect(row({ district: '松丘' })).toMatchInlineSnapshot(`
      [
        "C2 error unknown_unit [district]: 「松丘」という地区部会は名簿にありません。名簿の近い名前：松ケ丘。地区部会の名前（例：寒川）かコードを入力してください。 | District chapter "松丘" is not in the roster of district areas; closest names in the roster: 松ケ丘 (Matsugaoka); type its name or code.",
      ]
    `);
  });
  it('a date typed as 20260615 is quoted as typed, with the form to use', () => {
    expect(row({ reportDate: 20260615 })).toMatchInlineSnapshot(`
      [
        "D2 error invalid_date [reportDate]: 報告日の「20260615」は区切りのない数字のため、日付として読み取れません。2026/6/15 のように「/」で区切って入力してください。 | Report date "20260615" is digits without separators, not a date; type it as 2026/6/15.",
      ]
    `);
    expect(row({ reportDate: new Date(Date.UTC(1899, 11, 30) + 20260615 * 86400000) })).toMatchInlineSnapshot(`
      [
        "D2 error invalid_date [reportDate]: 報告日の「20260615」は区切りのない数字のため、日付として読み取れません。2026/6/15 のように「/」で区切って入力してください。 | Report date "20260615" is digits without separators, not a date; type it as 2026/6/15.",
      ]
    `);
  });
  it('sheet_not_a_return: example, cover and summary sheets', () => {
    expect(notAReturn({ sheet: '記入例', cells: [] })).toBe('name');
    expect(notAReturn({ sheet: 'Sheet2', cells: [['（記入例）'], [...HEADER]] }, 1)).toBe('title');
    expect(notAReturn({ sheet: '中央区', cells: [], formulas: { G2: "SUM('寒川'!G2:G9)", G3: '松ケ丘!G2+新宿!G2' } })).toBe('sums');
    expect(notAReturn({ sheet: '寒川', cells: [] })).toBeNull();
    // A blank return's own notes name the plan's sample entries: a note is not a title.
    expect(notAReturn({ sheet: '活動状況報告', cells: [['※ 地区部会の一覧の6件はサンプル（例示）です'], ['注：記入例は別シート'], [...HEADER]] }, 2)).toBeNull();
    list([notAReturnIssue({ sheet: '記入例', cells: [], source: 'a.xlsx' }, 'name')]);
  });
  it('resubmission_superseded: the later version of the same rows counts, once', () => {
    const a = { ...grid([rowCells({ sessions: 12 }), rowCells({ initiative: 'C02' })]), source: '寒川.xlsx' };
    const b = { ...grid([rowCells({ sessions: 14 })]), source: '寒川（修正）.xlsx' };
    const { results } = validateGrids([a, b], { plan, today });
    const out = resolveResubmissions(plan, [
      { result: results[0]!, fileTime: '2026-05-02T09:00:00.000Z' },
      { result: results[1]!, savedAt: '2026-05-03T09:00:00.000Z' },
    ]);
    expect(out.flatMap((r) => list(r.issues))).toMatchInlineSnapshot(`
      [
        "- info resubmission_superseded: 「寒川.xlsx」（2026-05-02T09:00:00.000Z）の1行は、後から保存された「寒川（修正）.xlsx」（2026-05-03T09:00:00.000Z）の同じ報告で置き換えました。古い版の行は数えていません。 | 1 row of "寒川.xlsx" (2026-05-02T09:00:00.000Z) was replaced by the same report in "寒川（修正）.xlsx", saved later (2026-05-03T09:00:00.000Z); the older rows are not counted.",
      ]
    `);
    expect(out.flatMap((r) => r.records.map((x) => [x.ref.source, x.values.initiative, x.values.sessions, x.errors]))).toEqual([
      ['寒川.xlsx', 'C02', 12, 0],
      ['寒川（修正）.xlsx', 'C01', 14, 0],
    ]);
    expect(out.reduce((n, r) => n + r.summary.errors, 0)).toBe(0);
  });
});

describe('period windows (a plan reporting twice a year)', () => {
  it('date_outside_period and report_after_period_closing, at the report date', async () => {
    const { readFileSync } = await import('node:fs');
    const input = JSON.parse(readFileSync(new URL('../../../../examples/designated-city/minato.plan.json', import.meta.url), 'utf8')) as {
      templates: { fields: unknown[]; periodField?: string }[];
    };
    input.templates[0]!.fields.push({ key: 'half', label: { ja: '期', en: 'Half' }, type: 'integer', min: 1, max: 2, rollup: 'key' });
    input.templates[0]!.periodField = 'half';
    const city = requirePlan(input);
    const r = (date: string, half: number) => ['令和8年度', '港区', '見守り活動', date, 1, 10, '5', '', '', half];
    const cells = [['年度', '区', '取組み', '報告日', '実施回数', '見守り世帯数（累計）', '評価', '成果', '課題', '期'], r('2026-06-01', 2), r('2026-11-02', 1)];
    expect(run({ sheet: '区推進状況', cells }, { plan: city, today: '2027-06-30' })).toMatchInlineSnapshot(`
      [
        "D2 error date_outside_period [reportDate]: 報告日2026-06-01は区の推進状況（年度末報告）の期間（2026-10-01〜2027-05-31）に入っていません。報告日か期を確認してください。 | Report date 2026-06-01 is outside the Ward progress (year-end) period (2026-10-01 to 2027-05-31); check the date or the period.",
        "D3 warning report_after_period_closing [reportDate]: 報告日2026-11-02は区の推進状況（中間報告）の締切（2026-10-31）を過ぎています。期限後の報告として扱います。 | Report date 2026-11-02 is after the closing date of the Ward progress (interim) (2026-10-31); the report counts as late.",
      ]
    `);
  });
});

describe('safety net', () => {
  it('internal_error when the plan itself is broken', () => {
    const broken = { ...plan, templates: undefined } as unknown as typeof plan;
    expect(run(grid([rowCells()]), { plan: broken })).toMatchInlineSnapshot(`
      [
        "- error internal_error: 検証中に想定外の問題が起きました。この結果は不完全です。（plan.templates is not iterable） | An unexpected problem occurred during validation; the result is incomplete. (plan.templates is not iterable)",
      ]
    `);
  });
});

afterAll(() => {
  // Every code of the catalogue is raised by a test in this file (roll-up codes: in rollup/flows.test.ts).
  const missing = issueCatalogue()
    .map((e) => e.code)
    .filter((c) => !c.startsWith('rollup_') && !raised.has(c));
  expect(missing).toEqual([]);
});
