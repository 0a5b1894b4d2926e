/**
 * The specific wording of the issues about a sheet's layout (merged cells, totals rows, footers,
 * two-row and unrecognised headers, stale years, resubmissions): written once per code and
 * language, raised with typed parameters.
 */
import type { LocalizedText } from '../i18n/text.js';

/** Worksheet rows as a short list: `5, 7–9`. */
export function rowList(rows: readonly number[]): string {
  const out: string[] = [];
  const sorted = [...rows].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** The wording of each layout code. */
export const LAYOUT_MESSAGES = {
  column_not_recognised: (p: { header: string; field: LocalizedText }): LocalizedText => ({
    ja: `列「${p.header}」は様式のどの項目とも一致しないため、読み取れません。「${p.field.ja}」の列であれば、見出しを「${p.field.ja}」にしてください。`,
    en: `Column "${p.header}" matches no field of the template and is not read; it is probably "${p.field.en}" (${p.field.ja}) — if so, rename the header to ${p.field.ja}.`,
  }),
  merged_cells_filled: (p: { ranges: string[]; cells: number }): LocalizedText => ({
    ja: `結合セル ${p.ranges.join('、')} の値を、結合された各行に当てはめて読み取りました（${p.cells}セル）。`,
    en: `Merged cells ${p.ranges.join(', ')}: the value was applied to every row they cover (${p.cells} cell${p.cells === 1 ? '' : 's'}).`,
  }),
  merge_across_header: (p: { range: string }): LocalizedText => ({
    ja: `結合セル ${p.range} が見出し行とデータ行にまたがっています。結合を解除し、見出しとデータを別のセルに入力してください。`,
    en: `Merged cells ${p.range} span the header row and data rows; unmerge them and keep headers and data in separate cells.`,
  }),
  totals_row_skipped: (p: { rows: number[] }): LocalizedText => ({
    ja: `${rowList(p.rows)}行目は合計・小計の行のため、報告の行としては数えていません。`,
    en: `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} ${p.rows.length === 1 ? 'is a totals row, not a report row' : 'are totals rows, not report rows'}; left out.`,
  }),
  totals_mismatch: (p: { field: LocalizedText; total: number; sum: number; from: number; to: number }): LocalizedText => ({
    ja: `合計行の${p.field.ja}（${p.total}）が、${p.from}〜${p.to}行目の合計（${p.sum}）と一致しません。入力漏れの行や計算範囲を確認してください。`,
    en: `The totals row's ${p.field.en.toLowerCase()} (${p.total}) does not equal the sum of rows ${p.from}–${p.to} (${p.sum}); check for rows left out or the formula's range.`,
  }),
  footer_rows_skipped: (p: { rows: number[] }): LocalizedText => ({
    ja: `${rowList(p.rows)}行目は表の下の記入欄・注記のため、報告の行としては読み取っていません。`,
    en: `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} under the table ${p.rows.length === 1 ? 'is a footer' : 'are footers'} (filled in by, date, notes), not report rows; left out.`,
  }),
  repeated_header_skipped: (p: { rows: number[] }): LocalizedText => ({
    ja: `${rowList(p.rows)}行目は表の途中でくり返された見出し（小見出し）のため、報告の行としては読み取っていません。`,
    en: `Row${p.rows.length === 1 ? '' : 's'} ${rowList(p.rows)} ${p.rows.length === 1 ? 'repeats' : 'repeat'} the header (or a heading above it) within the table, not report rows; left out.`,
  }),
  hidden_rows_counted: (p: { rows: number[] }): LocalizedText => ({
    ja: `${rowList(p.rows)}行目は非表示ですが、報告の行として読み取りました。数えない行であれば削除してください。`,
    en:
      p.rows.length === 1
        ? `Row ${rowList(p.rows)} is hidden but was read as a report row; delete it if it does not count.`
        : `Rows ${rowList(p.rows)} are hidden but were read as report rows; delete them if they do not count.`,
  }),
  stale_fiscal_year: (p: { fyLabel: LocalizedText; typed: string; typedFy: number; datesFy: number; first: string; last: string }): LocalizedText => ({
    ja: `${p.fyLabel.ja}の欄は「${p.typed}」（${p.typedFy}年度）ですが、報告日はすべて${p.datesFy}年度（${p.first}〜${p.last}）です。前年度のファイルを使った場合は、${p.fyLabel.ja}を${p.datesFy}年度に直してください。`,
    en: `The ${p.fyLabel.en.toLowerCase()} cells say "${p.typed}" (FY${p.typedFy}) but every report date is in FY${p.datesFy} (${p.first} to ${p.last}); if last year's file was reused, change the ${p.fyLabel.en.toLowerCase()} to FY${p.datesFy}.`,
  }),
  sheet_not_a_return: (p: { sheet: string; why: 'name' | 'title' | 'examples' | 'sums' }): LocalizedText => {
    const ja = {
      name: 'シート名から記入例・表紙・集計のシートと判断しました',
      title: '表の上の見出しに「記入例」とあります',
      examples: 'どの行も様式の記入例と同じです',
      sums: 'ほかのシートを集計する数式のシートです',
    }[p.why];
    const en = {
      name: 'its name marks it as an example, cover or summary',
      title: 'a title above its table calls it an example',
      examples: 'every row repeats the template\'s example rows',
      sums: 'its formulas sum other sheets',
    }[p.why];
    return {
      ja: `シート「${p.sheet}」は報告として検証していません（${ja}）。報告であれば、シート名や内容を確認してください。`,
      en: `Sheet "${p.sheet}" was not checked as a return (${en}). If it is a return, check its name and contents.`,
    };
  },
  resubmission_superseded: (p: { older: string; newer: string; rows: number; olderTime: string; newerTime: string }): LocalizedText => ({
    ja: `「${p.older}」（${p.olderTime}）の${p.rows}行は、後から保存された「${p.newer}」（${p.newerTime}）の同じ報告で置き換えました。古い版の行は数えていません。`,
    en: `${p.rows} row${p.rows === 1 ? '' : 's'} of "${p.older}" (${p.olderTime}) ${p.rows === 1 ? 'was' : 'were'} replaced by the same report in "${p.newer}", saved later (${p.newerTime}); the older rows are not counted.`,
  }),
} as const;
