/**
 * The Japanese wording of each issue code validation raises, from its typed parameters.
 */
import { formatFiscalYear, type PeriodParseFailure } from '../../period/index.js';
import { displayValue } from '../cells.js';
import { ISSUE_CODES } from '../codes.js';
import type { Messages } from './params.js';
import { rowList } from './row-list.js';

const q = (v: unknown): string => `「${displayValue(v)}」`;
const FY_HINT = '2026、2026年度、令和8年度、R8 のように入力してください。';
const DATE_HINT = '2026/5/1、令和8年5月1日、R8.5.1 のように入力してください。';

/** 令和8年度; a year outside the eras as 2026年度. */
export function fyLabel(fy: number): string {
  try {
    return formatFiscalYear(fy);
  } catch {
    return `${fy}年度`;
  }
}

function expect(p: { integer: boolean; nonNegative: boolean }): string {
  return p.integer ? (p.nonNegative ? '0以上の整数' : '整数') : p.nonNegative ? '0以上の数値' : '数値';
}

function fyFailure(reason: PeriodParseFailure, raw: unknown): string {
  switch (reason) {
    case 'era_mismatch':
      return '和暦と西暦の年が一致しません。';
    case 'invalid_era_year':
      return '元号の0年はありません。';
    case 'not_integer':
      return '整数ではありません。';
    case 'out_of_range':
      return typeof raw === 'number' && raw > 10000 ? '年度として大きすぎます（日付のシリアル値の可能性があります）。' : '年度として範囲外です（1900〜2200）。';
    default:
      return '年度として読み取れません。';
  }
}

function dateFailure(reason: PeriodParseFailure, raw: unknown): string {
  switch (reason) {
    case 'invalid_date':
      return raw instanceof Date ? '無効な日付です。' : '存在しない日付です。';
    case 'era_mismatch':
      return '和暦と西暦の年が一致しません。';
    case 'invalid_era_year':
      return '元号の0年はありません。';
    case 'weekday_mismatch':
      return '曜日が日付と合っていません。';
    case 'serial_1900_02_29':
      return 'Excelの架空の日付（1900年2月29日）です。';
    case 'out_of_range':
      return '日付として範囲外です。';
    default:
      return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)
        ? '数字だけでは日付として読み取れません。'
        : typeof raw === 'boolean'
          ? 'TRUE/FALSE は日付ではありません。'
          : '日付として読み取れません。';
  }
}

const PII = {
  pii_phone: '電話番号のような記載',
  pii_my_number: '12桁の番号（マイナンバーの可能性）',
  pii_email: 'メールアドレスのような記載',
  pii_person_name: '個人名のような記載',
};
const pii = (kind: keyof typeof PII) => (p: { field: { ja: string }; match: string }) => `${p.field.ja}に${PII[kind]}「${p.match}」があります。個人情報は書かないでください。`;

/** Why a sheet is no return (`sheet_not_a_return`). */
const NOT_A_RETURN = {
  name: 'シート名から記入例・表紙・集計のシートと判断しました',
  title: '表の上の見出しに「記入例」とあります',
  examples: 'どの行も様式の記入例と同じです',
  sums: 'ほかのシートを集計する数式のシートです',
};

/** The periods of a template, each by what its flow reports: `中間報告：2026-04-01〜2026-10-31、…`. */
const windows = (ws: readonly { content: { ja: string }; start: string; due: string }[]): string => ws.map((w) => `${w.content.ja}：${w.start}〜${w.due}`).join('、');

/** Japanese messages, one function per code. */
export const ja: Messages = {
  unknown_template: (p) => `様式「${p.template}」はこの計画にありません（${p.ids.join(', ')}）。`,
  no_header: (p) =>
    `シート「${p.sheet}」に${p.template ? `「${p.template.ja}」の` : ''}見出し行（年度…）が見つかりません。様式の見出しをそのまま使ってください。`,
  missing_column: (p) => `必須の列「${p.field.ja}」がありません。見出し行に「${p.field.ja}」の列を追加してください。`,
  missing_optional_column: (p) => `列「${p.field.ja}」がありません。この列を使う確認は行いません。`,
  unknown_column: (p) => `列「${p.header}」は様式「${p.template.ja}」にないため、取り込まれません。`,
  duplicate_column: (p) => `列「${p.header}」は${p.firstColumn}列と同じ「${p.field.ja}」の列です。最初の列だけを読み取ります。どちらかを削除してください。`,
  value_without_header: (p) => `見出しのない${p.column}列に値が入っています（${p.count}件）。取り込まれません。見出しを付けるか、削除してください。`,
  prefilled_only_rows: (p) =>
    `${p.count === 1 ? `${p.first}` : `${p.first}〜${p.last}`}行目に、${p.fields.map((f) => f.ja).join('・')}だけが入った行が${p.count}行あります。記入されていない行として読み飛ばしました。`,
  no_data_rows: (p) => `シート「${p.sheet}」の見出し行（${p.headerRow}行目）の下にデータがありません。`,
  column_not_recognised: (p) =>
    `列「${p.header}」は様式のどの項目とも一致しないため、読み取れません。「${p.field.ja}」の列であれば、見出しを「${p.field.ja}」にしてください。`,
  stale_fiscal_year: (p) =>
    `${p.fyLabel.ja}の欄は「${p.typed}」（${p.typedFy}年度）ですが、報告日はすべて${p.datesFy}年度（${p.first}〜${p.last}）です。前年度のファイルを使った場合は、${p.fyLabel.ja}を${p.datesFy}年度に直してください。`,
  merged_cells_filled: (p) => `結合セル ${p.ranges.join('、')} の値を、結合された各行に当てはめて読み取りました（${p.cells}セル）。`,
  merge_across_header: (p) => `結合セル ${p.range} が見出し行とデータ行にまたがっています。結合を解除し、見出しとデータを別のセルに入力してください。`,
  totals_row_skipped: (p) => `${rowList(p.rows)}行目は合計・小計の行のため、報告の行としては数えていません。`,
  totals_mismatch: (p) =>
    `合計行の${p.field.ja}（${p.total}）が、${p.from}〜${p.to}行目の合計（${p.sum}）と一致しません。入力漏れの行や計算範囲を確認してください。`,
  footer_rows_skipped: (p) => `${rowList(p.rows)}行目は表の下の記入欄・注記のため、報告の行としては読み取っていません。`,
  repeated_header_skipped: (p) => `${rowList(p.rows)}行目は表の途中でくり返された見出し（小見出し）のため、報告の行としては読み取っていません。`,
  hidden_rows_counted: (p) => `${rowList(p.rows)}行目は非表示ですが、報告の行として読み取りました。数えない行であれば削除してください。`,
  sheet_not_a_return: (p) => `シート「${p.sheet}」は報告として検証していません（${NOT_A_RETURN[p.why]}）。報告であれば、シート名や内容を確認してください。`,
  resubmission_superseded: (p) =>
    `「${p.older}」（${p.olderTime}）の${p.rows}行は、後から保存された「${p.newer}」（${p.newerTime}）の同じ報告で置き換えました。古い版の行は数えていません。`,
  excel_error: (p) => `${p.field.ja}がExcelのエラー値「${p.error}」になっています。数式や参照元を確認し、値を入力してください。`,
  unreadable_value: (p) => `${p.field.ja}のセルの値を読み取れません。`,
  required_missing: (p) =>
    p.dash !== null
      ? `${p.field.ja}が「${p.dash}」になっています。必須の項目です。値を入力してください。`
      : `${p.field.ja}が空欄です。入力してください。${p.merged ? '（結合セルの場合は、結合を解除して各行に入力してください。）' : ''}`,
  ditto_mark: (p) => `${p.field.ja}の「${p.text}」（同上）は読み取れません。各行に値を入力してください。`,
  dash_as_blank: (p) => `${p.field.ja}の「${p.dash}」は空欄として扱いました。`,
  not_a_number: (p) => {
    const what = p.value instanceof Date ? '日付が入っています。' : typeof p.value === 'boolean' ? 'TRUE/FALSE が入っています。' : '数値として読み取れません。';
    return `${p.field.ja}の${q(p.value)}は${what}${expect(p)}を入力してください。`;
  },
  not_integer: (p) => `${p.field.ja}の${q(p.value)}は整数ではありません。${expect(p)}を入力してください。`,
  below_min: (p) => `${p.field.ja}の${q(p.value)}は${p.min}より小さい値です。${expect(p)}を入力してください。`,
  above_max: (p) => `${p.field.ja}の${q(p.value)}は上限の${p.max}を超えています。入力を確認してください。`,
  number_as_text: (p) => {
    const v = p.value;
    if (typeof v === 'number') {
      const serial = Number.isInteger(v) && v > 20000 && v < 80000;
      return `${p.field.ja}に数値${q(v)}が入っています。文字として取り込みました${serial ? '（日付のシリアル値の可能性があります）' : ''}。`;
    }
    if (v instanceof Date) return `${p.field.ja}に日付${q(v)}が入っています。文字として取り込みました。`;
    return `${p.field.ja}に${v ? 'TRUE' : 'FALSE'}が入っています。文字として取り込みました。`;
  },
  text_too_long: (p) => `${p.field.ja}が${p.length}文字あり、上限の${p.max}文字を超えています。${p.max}文字以内にまとめてください。`,
  invalid_fiscal_year: (p) =>
    p.reason === 'date' ? `${p.field.ja}に日付${q(p.value)}が入っています。年度は${FY_HINT}` : `${p.field.ja}の${q(p.value)}は${fyFailure(p.reason, p.value)}${FY_HINT}`,
  invalid_date: (p) =>
    p.eight !== null
      ? `${p.field.ja}の${q(p.value)}は区切りのない数字のため、日付として読み取れません。${p.eight} のように「/」で区切って入力してください。`
      : `${p.field.ja}の${q(p.value)}は${dateFailure(p.reason, p.value)}${DATE_HINT}`,
  era_date_after_era_end: (p) => `${p.field.ja}の${q(p.value)}は元号が終わった後の日付のため、${p.date}として読み取りました。`,
  era_date_before_era_start: (p) => `${p.field.ja}の${q(p.value)}は元号が始まる前の日付のため、${p.date}として読み取りました。`,
  era_year_beyond_end: (p) => `${p.field.ja}の${q(p.value)}は元号が終わった後の年度のため、${p.fy}年度（${formatFiscalYear(p.fy)}）として読み取りました。`,
  time_of_day_ignored: (p) => `${p.field.ja}に時刻が含まれていたため、日付 ${p.date} として読み取りました。`,
  invalid_option: (p) => {
    const list = p.options.map((o) => `「${o.ja}」`).join('');
    if (p.unknown !== null) return `${p.field.ja}の${p.unknown.map((u) => `「${u}」`).join('')}は選択肢にありません。${list}から選び、複数あるときは「、」で区切ってください。`;
    return `${p.field.ja}の${q(p.value)}は選択肢にありません。${list}から選んでください。`;
  },
  invalid_boolean: (p) => `${p.field.ja}の${q(p.value)}は「はい」「いいえ」として読み取れません。○（はい）か ×（いいえ）を入力するか、空欄にしてください。`,
  unknown_unit: (p) =>
    `${q(p.value)}という${p.field.ja}は名簿にありません。${p.near.length > 0 ? `名簿の近い名前：${p.near.map((u) => u.ja).join('、')}。` : ''}${p.field.ja}の名前（例：${p.example}）かコードを入力してください。`,
  ambiguous_unit: (p) =>
    `${q(p.value)}に当たる${p.field.ja}が複数あります（${p.units.map((u) => `${u.code} ${u.name.ja}`).join('、')}）。区を正しく入力するか、コードで入力してください。`,
  unknown_initiative: (p) => `${p.field.ja}の${q(p.value)}は計画の取組みにありません。取組みの名前か番号（${p.example} など）を入力してください。`,
  unknown_measure: (p) =>
    p.asDate
      ? `${p.field.ja}が日付${q(p.value)}に変わっています（Excelが「${p.example}」を日付に変換した可能性があります）。セルを文字列にして入力し直してください。`
      : `${p.field.ja}の${q(p.value)}は計画の施策番号にありません。施策番号（${p.example} など）を入力してください。`,
  unit_not_in_parent: (p) =>
    `${p.field.ja}「${p.unit.ja}」は${p.parent.ja}ではなく${p.actual?.ja ?? '別の区'}の${p.field.ja}です。区または${p.field.ja}を確認してください。`,
  unit_not_valid_on_date: (p) =>
    p.ended
      ? `${p.field.ja}「${p.unit.ja}」は${p.bound}で終了しており、報告日${p.date}には存在しません。${p.successors.length > 0 ? `${p.successors.map((u) => u.ja).join('、')}のいずれかを入力してください。` : ''}`
      : `${p.field.ja}「${p.unit.ja}」は${p.bound}からのため、報告日${p.date}にはまだ存在しません。`,
  initiative_not_in_ward: (p) =>
    `${p.field.ja}「${p.initiative?.ja ?? p.code}」（${p.code}）は${p.ward.ja}の計画にありません。区の計画の取組みから選んでください。`,
  fiscal_year_outside_plan: (p) => `${p.field.ja}「${p.typed}」（${p.fy}年度）は計画期間（${p.first}〜${p.last}年度）の外です。`,
  fiscal_year_not_current_term: (p) => `${p.field.ja}「${p.typed}」（${p.fy}年度）は現在の計画期間（第${p.term}期 ${p.start}〜${p.end}年度）の外です。`,
  date_outside_fiscal_year: (p) =>
    `${p.field.ja}${p.date}は${fyLabel(p.fy)}（${p.start}〜${p.fyEnd}${p.closing !== p.fyEnd ? `、締切${p.closing}` : ''}）に入っていません。${p.field.ja}か年度を確認してください。`,
  report_after_closing: (p) => `${p.field.ja}${p.date}は${fyLabel(p.fy)}の締切（${p.closing}）を過ぎています。期限後の報告として扱います。`,
  date_in_future: (p) => `${p.field.ja}${p.date}は未来の日付です（今日は${p.today}）。`,
  date_outside_period: (p) =>
    p.window !== null
      ? `${p.field.ja}${p.date}は${p.window.content.ja}の期間（${p.window.start}〜${p.window.due}）に入っていません。${p.field.ja}か期を確認してください。`
      : p.period !== null
        ? `第${p.period}期の報告はこの様式の流れにありません（${windows(p.windows)}）。期を確認してください。`
        : `${p.field.ja}${p.date}はどの報告の期間にも入っていません（${windows(p.windows)}）。${p.field.ja}を確認してください。`,
  report_after_period_closing: (p) => `${p.field.ja}${p.date}は${p.window.content.ja}の締切（${p.window.due}）を過ぎています。期限後の報告として扱います。`,
  duplicate_row: (p) => {
    const where = p.sheet === null ? `${p.row}行目` : `${p.source !== null ? `「${p.source}」の` : ''}シート「${p.sheet}」の${p.row}行目`;
    return `この行は${where}と${p.fields.map((f) => f.ja).join('・')}（${p.shown}）が同じです。重複した行を削除するか、内容を確認してください。`;
  },
  mixed_fiscal_years: (p) =>
    `この行の${p.field.ja}（${fyLabel(p.fy)}）が、この報告の他の行（${fyLabel(p.main)}）と異なります。1つの報告には1つの年度だけを入れてください。`,
  pii_phone: pii('pii_phone'),
  pii_my_number: pii('pii_my_number'),
  pii_email: pii('pii_email'),
  pii_person_name: pii('pii_person_name'),
  internal_error: (p) => `${ISSUE_CODES.internal_error.ja}（${p.what}）`,
};
