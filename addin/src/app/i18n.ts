/**
 * Strings of the task pane, in Japanese (default) and English. Domain texts (headers, issue
 * messages, plan names) come from core and the plan; these are only the pane's own words.
 */
import type { Lang } from '@sasaeai/core';

const STRINGS = {
  appTitle: { ja: '支え合い 報告ツール', en: 'Sasaeai returns' },
  appSubtitle: { ja: '活動報告を作成・検証・集計します', en: 'Create, check and roll up returns' },
  tabCreate: { ja: '作成', en: 'Create' },
  tabValidate: { ja: '検証', en: 'Check' },
  tabRollup: { ja: '集計', en: 'Roll up' },
  tabPlan: { ja: '計画', en: 'Plan' },
  tabsLabel: { ja: '機能', en: 'Features' },

  template: { ja: '様式', en: 'Template' },
  ward: { ja: '区', en: 'Ward' },
  district: { ja: '報告する単位', en: 'Reporting unit' },
  allUnits: { ja: '（指定しない）', en: '(any)' },
  fiscalYear: { ja: '年度', en: 'Fiscal year' },
  blankRows: { ja: '入力行数', en: 'Rows to prepare' },
  createSheet: { ja: '報告シートを作成', en: 'Create return sheet' },
  createHelp: {
    ja: '見出し・入力規則（リスト）・入力時メッセージ付きのテーブルを新しいシートに作成します。',
    en: 'Creates a new sheet with a table: headers, drop-down lists and input prompts.',
  },
  created: { ja: 'シート「{0}」を作成しました。', en: 'Created sheet "{0}".' },

  validateTarget: { ja: '検証する範囲', en: 'What to check' },
  activeSheet: { ja: '作業中のシート（使用範囲）', en: 'Active sheet (used range)' },
  tablePrefix: { ja: 'テーブル：', en: 'Table: ' },
  validate: { ja: '検証する', en: 'Check' },
  clearMarks: { ja: '印を消す', en: 'Clear marks' },
  issuesSheet: { ja: '問題一覧シートを作成', en: 'Write issues sheet' },
  refresh: { ja: '一覧を更新', en: 'Refresh lists' },
  summary: { ja: '結果', en: 'Result' },
  rowsRead: { ja: '読み込んだ行', en: 'Rows read' },
  rowsValid: { ja: '問題のない行', en: 'Valid rows' },
  rowsWithErrors: { ja: 'エラーのある行', en: 'Rows with errors' },
  errors: { ja: 'エラー', en: 'Errors' },
  warnings: { ja: '警告', en: 'Warnings' },
  template_: { ja: '判定した様式', en: 'Template found' },
  noTemplate: { ja: '（判定できません）', en: '(not recognised)' },
  issuesByRow: { ja: '問題（行ごと）', en: 'Issues by row' },
  row: { ja: '{0}行目', en: 'Row {0}' },
  tableLevel: { ja: '表全体', en: 'Whole table' },
  noIssues: { ja: '問題は見つかりませんでした。', en: 'No issues found.' },
  moreIssues: { ja: 'ほか {0} 件は問題一覧シートで確認できます。', en: '{0} more: see the issues sheet.' },
  marked: { ja: '{0} 件の問題。{1} セルに印を付けました。', en: '{0} issues. Marked {1} cell(s).' },
  unreadableRules: {
    ja: '{0} 件の条件付き書式は Excel から読み取れないため、そのままにしました（アドインの印ではありません）。',
    en: '{0} conditional format(s) could not be read from Excel and were left as they are (they are not marks of the add-in).',
  },
  // issue 12: what this Excel could not tell the add-in about the sheet's layout.
  layoutNoMerges: {
    ja: 'この Excel では結合セルを読み取れません（ExcelApi 1.13 が必要）。縦に結合したセルは各行に値を入力してください。',
    en: 'This Excel cannot report merged cells to the add-in (ExcelApi 1.13 is needed); type the value of cells merged down in every row.',
  },
  layoutNoHiddenRows: {
    ja: 'この Excel では非表示の行を読み取れません（ExcelApi 1.9 が必要）。非表示の行も集計に含まれます。',
    en: 'This Excel cannot report hidden rows to the add-in (ExcelApi 1.9 is needed); hidden rows are counted too.',
  },
  cleared: { ja: '印を消しました。シートの値と書式は元のままです。', en: 'Marks cleared. Values and formats are as they were.' },
  nothingToClear: { ja: '消す印はありませんでした。', en: 'There were no marks to clear.' },
  issuesWritten: { ja: '問題一覧をシート「{0}」に書き出しました。', en: 'Wrote the issues to sheet "{0}".' },
  selectCellLabel: { ja: '{0} を選択：{1}', en: 'Select {0}: {1}' },

  returnSheets: { ja: '集計する報告シート', en: 'Return sheets to roll up' },
  noSheets: { ja: 'シートがありません。', en: 'No sheets.' },
  reportKind: { ja: '出力する報告', en: 'Report' },
  kindWard: { ja: '受け手ごとの集約', en: 'Compiled report of a unit' },
  kindAnnual: { ja: '年次報告', en: 'Annual report' },
  rollUp: { ja: '集計してシートに出力', en: 'Roll up to sheets' },
  completeness: { ja: '提出状況を確認', en: 'Check who has reported' },
  writeCompleteness: { ja: '提出状況をシートに出力', en: 'Write completeness sheet' },
  rolledUp: { ja: '{0} 枚のシートを出力しました：{1}', en: 'Wrote {0} sheet(s): {1}' },
  chooseSheets: { ja: '報告シートを1つ以上選んでください。', en: 'Choose at least one return sheet.' },
  chooseWard: { ja: '区を選んでください。', en: 'Choose a ward.' },
  completenessTitle: { ja: '提出状況', en: 'Completeness' },
  completenessShown: { ja: '提出状況を表示しました。', en: 'Completeness is shown below.' },

  planTitle: { ja: '使用中の計画', en: 'Active plan' },
  planSourcePreset: { ja: '既定（組み込みのプリセット）', en: 'Built-in preset' },
  planSourceWorkbook: { ja: 'このブックに保存された計画', en: 'Plan stored in this workbook' },
  governance: { ja: '推進体制', en: 'Governance' },
  reportsTo: { ja: '{0} → {1}', en: '{0} → {1}' },
  calendar: { ja: '報告の予定', en: 'Reporting calendar' },
  due: { ja: '締切', en: 'Due' },
  senders: { ja: '提出元の数', en: 'Senders' },
  loadPlan: { ja: '計画ファイル（JSON）を読み込む', en: 'Load a plan file (JSON)' },
  planLoaded: { ja: '計画「{0}」を読み込み、ブックに保存しました。', en: 'Loaded plan "{0}" and stored it in the workbook.' },
  planInvalid: { ja: '計画ファイルに {0} 件の問題があります。', en: 'The plan file has {0} problem(s).' },
  planNotJson: { ja: 'JSONとして読めません：{0}', en: 'Not readable as JSON: {0}' },
  resetPlan: { ja: '既定の計画に戻す', en: 'Use the built-in plan' },
  planReset: { ja: '既定の計画に戻しました。', en: 'Now using the built-in plan.' },

  working: { ja: '処理中…', en: 'Working…' },
  step_reading: { ja: 'シートを読み込んでいます…', en: 'Reading the sheet…' },
  step_validating: { ja: '検証しています…', en: 'Checking…' },
  step_marking: { ja: '印を付けています…', en: 'Marking cells…' },
  step_rolling: { ja: '集計しています…', en: 'Rolling up…' },
  step_writing: { ja: 'シートに書き込んでいます…', en: 'Writing sheets…' },
  failed: { ja: 'エラーが発生しました：{0}', en: 'Something went wrong: {0}' },
  ready: { ja: '準備ができました。', en: 'Ready.' },
  noExcel: { ja: 'Excel の中で開いてください。', en: 'Open this pane inside Excel.' },
} as const satisfies Record<string, { ja: string; en: string }>;

export type StringKey = keyof typeof STRINGS;

/**
 * A pane string in a language, with `{0}`, `{1}`… filled in.
 *
 * @example
 * ```ts
 * t('en', 'row', 12); // 'Row 12'
 * ```
 */
export function t(lang: Lang, key: StringKey, ...args: (string | number)[]): string {
  return STRINGS[key][lang].replace(/\{(\d)\}/g, (_m, i: string) => String(args[Number(i)] ?? ''));
}

/** Every key, for tests that check both languages are complete. */
export const STRING_KEYS = Object.keys(STRINGS) as StringKey[];
export { STRINGS };
