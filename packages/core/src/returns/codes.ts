/**
 * The catalogue of issue codes of return validation (報告の検証): one `as const` object from which
 * the code union, the public catalogue and the generated page `docs/issue-codes.md` all derive,
 * so a code is never written twice.
 *
 * Messages here are the generic wording of each code. Issues themselves carry a specific
 * message that names the value typed and what was expected.
 */
import type { LocalizedText } from '../i18n/text.js';
import type { IssueSeverity } from './types.js';

interface CatalogueEntry {
  severity: IssueSeverity;
  ja: string;
  en: string;
  /** A typical input that raises the issue. */
  example: string;
}

/** Every issue code validation can raise, apart from `rule_<id>` codes of the plan's row rules. */
export const ISSUE_CODES = {
  // --- the sheet as a whole -------------------------------------------------------------------
  unknown_template: {
    severity: 'error',
    ja: '指定された様式がこの計画にありません。',
    en: 'The requested template is not in this plan.',
    example: 'template: "activity" (the plan has "district-activity")',
  },
  no_header: {
    severity: 'error',
    ja: '見出し行（年度・報告する単位…）が見つからず、様式を判定できません。',
    en: 'No header row (Fiscal year, Ward, District…) was found, so the template is unknown.',
    example: 'a sheet whose first 50 rows hold no known column headers',
  },
  missing_column: {
    severity: 'error',
    ja: '必須の列がありません。',
    en: 'A required column is missing.',
    example: 'no 報告日 column in a district activity return',
  },
  missing_optional_column: {
    severity: 'info',
    ja: '様式の列がありません（この列を使う確認は行いません）。',
    en: 'A column of the template is missing (checks that use it are skipped).',
    example: 'no 課題 column',
  },
  unknown_column: {
    severity: 'warning',
    ja: '様式にない列です。この列の内容は取り込まれません。',
    en: 'The column is not in the template; its contents are not read.',
    example: '備考',
  },
  duplicate_column: {
    severity: 'error',
    ja: '同じ項目の列が2つあります。最初の列だけを読み取ります。',
    en: 'Two columns hold the same field; only the first is read.',
    example: '実施回数 and 回数 side by side',
  },
  value_without_header: {
    severity: 'warning',
    ja: '見出しのない列に値が入っています。この値は取り込まれません。',
    en: 'Cells below a blank header hold values; they are not read.',
    example: 'notes typed in column P, right of the table',
  },
  prefilled_only_rows: {
    severity: 'info',
    ja: '年度・単位など、あらかじめ入っている項目だけの行は、記入されていない行として読み飛ばします。',
    en: 'Rows holding only the prefilled fields (fiscal year, ward, district) are treated as not filled in and skipped.',
    example: 'the untouched rows of a blank return made by "sasaeai template"',
  },
  no_data_rows: {
    severity: 'warning',
    ja: '見出し行の下にデータがありません。',
    en: 'There are no data rows below the header.',
    example: 'a blank return sent back unfilled',
  },
  // --- layout of the sheet as staff make it ---------------------------------------------------
  column_not_recognised: {
    severity: 'error',
    ja: '見出しが様式の項目に似ていますが、どの項目とも一致しません。この列は読み取られません。',
    en: 'A header resembles a field of the template but matches none; the column is not read.',
    example: '参加者の合計 (probably 参加者数)',
  },
  merged_cells_filled: {
    severity: 'info',
    ja: '縦に結合されたセルの値を、結合された各行に当てはめました。',
    en: 'The value of cells merged down over rows was applied to every row they cover.',
    example: 'the fiscal-year and unit cells merged down over one unit\'s rows (A2:A9)',
  },
  merge_across_header: {
    severity: 'error',
    ja: '見出し行とデータ行にまたがって結合されたセルがあります。結合を解除してください。',
    en: 'Cells are merged across the header row and data rows; unmerge them.',
    example: 'A1:A5 merged, A1 being the header 年度',
  },
  totals_row_skipped: {
    severity: 'info',
    ja: '合計・小計の行は報告の行ではないため、読み飛ばしました。',
    en: 'Totals and subtotal rows are not report rows; they were left out.',
    example: '合計 | | | =SUM(G2:G9)',
  },
  totals_mismatch: {
    severity: 'warning',
    ja: '合計行の値が、その上の行の合計と一致しません（入力漏れの行がないか確認してください）。',
    en: 'A totals row does not equal the sum of the rows above it (check for rows left out).',
    example: '合計 37 where the rows above add up to 34',
  },
  footer_rows_skipped: {
    severity: 'info',
    ja: '表の下の記入者・提出日・注記（※）の行は、報告の行ではないため読み飛ばしました。',
    en: 'Footer rows under the table (filled in by, date submitted, ※ notes) were left out.',
    example: '記入者：山田 / ※ 実施回数は延べ回数',
  },
  hidden_rows_counted: {
    severity: 'info',
    ja: '非表示の行も報告の行として読み取りました。',
    en: 'Hidden rows were read as report rows too.',
    example: 'rows 5–6 hidden with Excel\'s "Hide"',
  },
  stale_fiscal_year: {
    severity: 'error',
    ja: '年度の欄と報告日の年度が食い違っています（前年度のファイルを使い回していませんか）。',
    en: 'The fiscal year cells disagree with the fiscal year of every report date (a last-year file reused?).',
    example: '令和7年度 with every 報告日 in 2026-06',
  },
  sheet_not_a_return: {
    severity: 'info',
    ja: '記入例・表紙・集計のシートは報告ではないため、検証していません。',
    en: 'Example, cover and summary sheets are not returns; they were not checked.',
    example: 'a sheet named 記入例, or one that sums the other sheets',
  },
  resubmission_superseded: {
    severity: 'info',
    ja: '同じ報告の修正版があるため、古い版の行は数えず、新しい版の行を使いました。',
    en: 'A corrected version of the same report was found: the older rows are not counted, the newer ones are.',
    example: '寒川.xlsx and 寒川（修正）.xlsx with the same district, initiative and dates',
  },
  // --- one cell -------------------------------------------------------------------------------
  excel_error: {
    severity: 'error',
    ja: 'セルがExcelのエラー値になっています。',
    en: 'The cell holds an Excel error value.',
    example: '#N/A',
  },
  unreadable_value: {
    severity: 'error',
    ja: 'セルの値を読み取れません。',
    en: 'The cell value cannot be read.',
    example: 'an object or a function from a faulty reader',
  },
  required_missing: {
    severity: 'error',
    ja: '必須の項目が空欄です。',
    en: 'A required field is blank.',
    example: 'a blank unit cell (often the lower part of a merged cell)',
  },
  ditto_mark: {
    severity: 'error',
    ja: '「〃」「同上」は読み取れません。各行に値を入力してください。',
    en: 'Ditto marks (〃, 同上) cannot be read; type the value in every row.',
    example: '〃',
  },
  not_a_number: {
    severity: 'error',
    ja: '数値として読み取れません。',
    en: 'Not a number.',
    example: '3回半',
  },
  not_integer: {
    severity: 'error',
    ja: '整数ではありません。',
    en: 'Not a whole number.',
    example: '2.5',
  },
  below_min: {
    severity: 'error',
    ja: '下限より小さい値です。',
    en: 'The value is below the minimum.',
    example: '-3',
  },
  above_max: {
    severity: 'error',
    ja: '上限より大きい値です。',
    en: 'The value is above the maximum.',
    example: '99999',
  },
  dash_as_blank: {
    severity: 'info',
    ja: '「－」は空欄として扱いました。',
    en: 'A dash was read as blank.',
    example: '－',
  },
  number_as_text: {
    severity: 'info',
    ja: '文字の列に数値や日付が入っています。文字として取り込みました。',
    en: 'A number or date in a text column was read as text.',
    example: '46143 in 担当課',
  },
  text_too_long: {
    severity: 'error',
    ja: '文字数が上限を超えています。',
    en: 'The text is longer than allowed.',
    example: 'a 成果 of 450 characters (limit 400)',
  },
  invalid_fiscal_year: {
    severity: 'error',
    ja: '年度として読み取れません。',
    en: 'Not a fiscal year.',
    example: '令和8年4月',
  },
  invalid_date: {
    severity: 'error',
    ja: '日付として読み取れません。',
    en: 'Not a date.',
    example: '2026/2/30',
  },
  era_date_after_era_end: {
    severity: 'info',
    ja: '元号が終わった後の和暦の日付です。西暦に直して読み取りました。',
    en: 'An era date after the era ended; read as the Gregorian date.',
    example: 'H31.5.1 (= 2019-05-01)',
  },
  era_date_before_era_start: {
    severity: 'info',
    ja: '元号が始まる前の和暦の日付です。西暦に直して読み取りました。',
    en: 'An era date before the era began; read as the Gregorian date.',
    example: '令和元年4月1日 (= 2019-04-01)',
  },
  era_year_beyond_end: {
    severity: 'info',
    ja: '元号が終わった後の年度です。西暦に直して読み取りました。',
    en: 'A fiscal year in an era that had already ended; read as the Gregorian year.',
    example: '平成32年度 (= FY2020)',
  },
  time_of_day_ignored: {
    severity: 'info',
    ja: '日付に時刻が含まれていたため、時刻を除いて読み取りました。',
    en: 'The date carried a time of day, which was dropped.',
    example: '46143.5',
  },
  invalid_option: {
    severity: 'error',
    ja: '選択肢にない値です。',
    en: 'Not one of the options.',
    example: '実施予定 in 実施状況',
  },
  invalid_boolean: {
    severity: 'error',
    ja: 'はい・いいえとして読み取れません。',
    en: 'Not a yes/no value.',
    example: 'たぶん',
  },
  unknown_unit: {
    severity: 'error',
    ja: '計画の単位の名簿にありません。',
    en: 'Not in the roster of wards and districts.',
    example: '寒川町',
  },
  ambiguous_unit: {
    severity: 'error',
    ja: '同じ名前の単位が複数あり、特定できません。',
    en: 'Several wards or districts have this name.',
    example: 'a district name used in two wards, with the ward blank',
  },
  unknown_initiative: {
    severity: 'error',
    ja: '計画の取組みにありません。',
    en: 'Not an initiative of the plan.',
    example: 'C99',
  },
  unknown_measure: {
    severity: 'error',
    ja: '計画の施策番号にありません。',
    en: 'Not a measure number of the plan.',
    example: '9-9-9',
  },
  // --- a row against the plan -----------------------------------------------------------------
  unit_not_in_parent: {
    severity: 'error',
    ja: '報告した単位が、記入された上位の単位に属していません。',
    en: 'The district does not belong to that ward.',
    example: 'a parent unit with a unit that belongs to another parent',
  },
  unit_not_valid_on_date: {
    severity: 'error',
    ja: '報告日の時点で存在しない単位です（分割・統合）。',
    en: 'The district did not exist on the report date (split or merged).',
    example: 'おゆみ野 reported on 2026-05-01 (split on 2025-03-31)',
  },
  initiative_not_in_ward: {
    severity: 'error',
    ja: '記入された単位の計画にない項目です。',
    en: 'Not in the plan of the unit given in the row.',
    example: 'an initiative reported by a unit whose plan does not list it',
  },
  fiscal_year_outside_plan: {
    severity: 'error',
    ja: '計画期間外の年度です。',
    en: 'The fiscal year is outside the plan terms.',
    example: '2035年度',
  },
  fiscal_year_not_current_term: {
    severity: 'warning',
    ja: '現在の計画期間外の年度です。',
    en: 'The fiscal year is outside the current term.',
    example: '2020年度 (4th term) while the 5th term runs',
  },
  date_outside_fiscal_year: {
    severity: 'error',
    ja: '報告日がその年度より前の日付です。',
    en: 'The date is before the fiscal year begins.',
    example: '2026/3/31 in a 令和8年度 return',
  },
  report_after_closing: {
    severity: 'warning',
    ja: '報告日が年度の締切日を過ぎています（期限後の報告）。',
    en: 'The report date is after the closing date of the fiscal year (a late report).',
    example: '2027/5/10 in a 令和8年度 return that closes on 2027/4/30',
  },
  date_in_future: {
    severity: 'error',
    ja: '報告日が未来の日付です。',
    en: 'The date is in the future.',
    example: 'next month',
  },
  // --- the table ------------------------------------------------------------------------------
  duplicate_row: {
    severity: 'error',
    ja: '同じ内容（単位・対象・報告日）の行が重複しています。',
    en: 'The same (district, initiative, report date) appears twice.',
    example: 'two rows for 寒川 / C01 / 2026-05-01',
  },
  mixed_fiscal_years: {
    severity: 'error',
    ja: '1つの報告に複数の年度が混ざっています。',
    en: 'The return mixes fiscal years.',
    example: '令和8年度 rows and one 令和7年度 row',
  },
  // --- personal information guard (個人情報) ---------------------------------------------------
  pii_phone: {
    severity: 'warning',
    ja: '電話番号のような記載があります。個人情報は書かないでください。',
    en: 'Looks like a phone number; do not include personal data.',
    example: '090-1234-5678',
  },
  pii_my_number: {
    severity: 'warning',
    ja: '12桁の番号（マイナンバーの可能性）があります。個人情報は書かないでください。',
    en: 'A 12-digit number (possibly a My Number); do not include personal data.',
    example: '1234 5678 9012',
  },
  pii_email: {
    severity: 'warning',
    ja: 'メールアドレスのような記載があります。個人情報は書かないでください。',
    en: 'Looks like an e-mail address; do not include personal data.',
    example: 'taro@example.jp',
  },
  pii_person_name: {
    severity: 'warning',
    ja: '個人名（〜様・〜さん）のような記載があります。個人情報は書かないでください。',
    en: "Looks like a person's name (…様, …さん); do not include personal data.",
    example: '山田様に協力いただいた',
  },
  // --- roll-up (集計): why returns were not counted ---------------------------------------------
  rollup_nothing_counted: {
    severity: 'error',
    ja: 'この集計で数えた報告がありません。',
    en: 'This roll-up counted no return.',
    example: 'returns of FY2025 rolled up for FY2026',
  },
  rollup_template_not_used: {
    severity: 'warning',
    ja: '様式は判定できましたが、この集計の報告の流れはその様式を読みません。',
    en: 'The template was recognised, but no reporting flow of this roll-up reads it.',
    example: 'a city-measure return given to a ward roll-up',
  },
  rollup_template_unknown: {
    severity: 'warning',
    ja: '様式が判定できなかった報告は集計していません。',
    en: 'A return whose template was not recognised is not counted.',
    example: 'a sheet with no known header row',
  },
  rollup_other_fiscal_year: {
    severity: 'warning',
    ja: '集計する年度と違う年度の行は数えていません。',
    en: 'Rows of another fiscal year than the one rolled up are not counted.',
    example: 'a 令和7年度 row in a 令和8年度 roll-up',
  },
  rollup_duplicate_submission: {
    severity: 'warning',
    ja: '同じ報告が2回以上渡されました。1回だけ数えます。',
    en: 'The same return was given more than once; it is counted once.',
    example: 'a file given both by name and inside its folder',
  },
  rollup_verification_unknown_subject: {
    severity: 'error',
    ja: '検証シートの行が、集約した報告のどの対象（取組み・施策）にも当たりません。',
    en: 'A row of the verification sheet names no subject of the compiled report.',
    example: 'a row whose code cell says C99',
  },
  rollup_verification_invalid_value: {
    severity: 'error',
    ja: '検証の値が、計画で決めた選択肢・長さに合いません。',
    en: 'A verification value is not one of the plan’s options, or is too long.',
    example: '評価 "とても良い" where the scale is 5–1',
  },
  rollup_verification_required: {
    severity: 'error',
    ja: '検証の必須の項目が空欄です。',
    en: 'A required verification field is blank.',
    example: 'an initiative with no evaluation',
  },
  rollup_verification_no_header: {
    severity: 'error',
    ja: '検証シートの見出し行が見つかりません。',
    en: 'The header row of the verification sheet was not found.',
    example: 'a sheet that is not a verification sheet',
  },
  date_outside_period: {
    severity: 'error',
    ja: '報告日がその期（中間報告・年度末報告など）の報告期間に入っていません。',
    en: 'The report date is outside the window of its reporting period (interim, year-end…).',
    example: '2026/9/15 in a year-end return of a half-year flow (its window opens 2026/10/1)',
  },
  report_after_period_closing: {
    severity: 'warning',
    ja: '報告日がその期の締切日を過ぎています（期限後の報告）。',
    en: 'The report date is after the closing date of its period (a late report).',
    example: '2026/11/10 in an interim return due 2026/10/31',
  },
  // --- safety net -----------------------------------------------------------------------------
  internal_error: {
    severity: 'error',
    ja: '検証中に想定外の問題が起きました。この結果は不完全です。',
    en: 'An unexpected problem occurred during validation; the result is incomplete.',
    example: '(a bug: please report it)',
  },
  repeated_header_skipped: {
    severity: 'info',
    ja: '表の途中でくり返された見出し行（とその上の小見出し）は、報告の行としては読み取っていません。',
    en: 'A header repeated within the table (and the heading just above it) is not a report row; left out.',
    example: '【下半期】 and the header row again above the second half-year\'s rows',
  },
} as const satisfies Record<string, CatalogueEntry>;

/** A code from the catalogue. */
export type CatalogueCode = keyof typeof ISSUE_CODES;

/**
 * Issue codes an adapter raises from its own catalogue (the CLI's file issues: `file_not_found`…),
 * registered by declaration merging so that {@link IssueCode} stays a closed union everywhere:
 *
 * ```ts
 * declare module '@sasaeai/core' {
 *   interface AdapterIssueCodes { file_not_found: true }
 * }
 * ```
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface AdapterIssueCodes {}

/**
 * Every issue code an `Issue` can carry: a catalogue code, `rule_<id>` of a plan row rule, or
 * a code an adapter registered in {@link AdapterIssueCodes}.
 */
export type IssueCode = CatalogueCode | `rule_${string}` | (keyof AdapterIssueCodes & string);

/** One entry of {@link issueCatalogue}. */
export interface IssueCatalogueEntry {
  code: CatalogueCode;
  severity: IssueSeverity;
  message: LocalizedText;
  example: string;
}

/**
 * The issue codes validation can raise, with their severity, generic message and an example.
 * Row rules add `rule_<id>` codes from the plan; those are listed by the plan, not here.
 *
 * @example
 * ```ts
 * issueCatalogue().find((e) => e.code === 'excel_error')?.severity; // 'error'
 * ```
 */
export function issueCatalogue(): IssueCatalogueEntry[] {
  return (Object.keys(ISSUE_CODES) as CatalogueCode[]).map((code) => {
    const e: CatalogueEntry = ISSUE_CODES[code];
    return { code, severity: e.severity, message: { ja: e.ja, en: e.en }, example: e.example };
  });
}
