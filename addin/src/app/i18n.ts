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
  layoutNoFormulas: {
    ja: 'この Excel では数式のセルを読み取れません（ExcelApi 1.9 が必要）。=SUM の合計行は、合計の語がない限りデータの行として扱われます。',
    en: 'This Excel cannot report formula cells to the add-in (ExcelApi 1.9 is needed); a =SUM totals row without a totals word is read as a data row.',
  },
  layoutNoDateSystem: {
    ja: 'この Excel ではブックの日付システムを読み取れません（ExcelApi 1.2 が必要）。1904 年の日付システムのブックでは日付が4年ずれます。',
    en: "This Excel cannot report the workbook's date system (ExcelApi 1.2 is needed); in a workbook using the 1904 date system, dates are four years off.",
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
  rollupCounted: { ja: '集計した報告 {0} 件、集計しなかった報告 {1} 件。', en: 'Returns counted: {0}; not counted: {1}.' },
  rollupReviewed: { ja: '審査記録を適用しました（受理した報告だけを集計）。', en: 'The review record was applied (accepted returns only).' },
  rollupLeftOut: { ja: '集計しなかった報告', en: 'Returns not counted' },
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

  // issue 14: taking returned files in (取り込み).
  tabImport: { ja: '取り込み', en: 'Take in' },
  importHelp: {
    ja: '返送された報告ファイル（.xlsx）を選ぶと、報告のシートをこのブックに取り込みます。シート名は報告した単位の名前になり、元のファイル名はシートに記録されます。',
    en: 'Pick the returned files (.xlsx): their return sheets are inserted into this workbook, named after the unit that sent them, with the file name kept in the sheet.',
  },
  importFiles: { ja: '報告ファイル（複数選択可）', en: 'Returned files (several allowed)' },
  importRun: { ja: '選んだファイルを取り込む', en: 'Take the files in' },
  importChoose: { ja: '取り込むファイルを選んでください。', en: 'Choose the files to take in.' },
  importProgress: { ja: '取り込み中 {0}/{1}：{2}', en: 'Taking in {0}/{1}: {2}' },
  importDone: { ja: '{0} 件のファイルのうち {1} 件を取り込みました。', en: 'Took in {1} of {0} file(s).' },
  importNeedsApi: {
    ja: 'この Excel ではファイルからシートを取り込めません。取り込みには ExcelApi 1.13 に対応した Excel（Microsoft 365 の Excel：Windows 版・Mac 版・Web 版）が必要です。',
    en: 'This Excel cannot insert sheets from a file. Taking returns in needs an Excel with ExcelApi 1.13 (Excel for Microsoft 365 on Windows, Mac or the web).',
  },
  importTaken: { ja: '「{0}」を取り込みました：シート「{1}」（{2}）', en: 'Took in "{0}": sheet "{1}" ({2})' },
  importNoSender: { ja: '報告した単位が行に書かれていないため、元のシート名のままです', en: 'no row names the sending unit, so the sheet keeps its own name' },
  importReplaced: { ja: '　新しい版として、以前のシート「{0}」と置き換えました。', en: '  A newer version: it replaced the earlier sheet "{0}".' },
  importPartly: {
    ja: '　シート「{0}」と一部の行が重なります。集計では保存日時の新しい行を数えます。',
    en: '  Some rows are also in sheet "{0}"; the roll-up counts the rows saved later.',
  },
  importRowsOlder: { ja: '　うち {0} 行は、すでに取り込んだ新しい版の行が数えられます。', en: '  {0} of its rows are counted from a newer version already in.' },
  importOlder: {
    ja: '「{0}」のシート「{1}」は取り込みませんでした：シート「{2}」の方が新しい版です。',
    en: 'Did not take in sheet "{1}" of "{0}": sheet "{2}" is a newer version.',
  },
  importSkipped: { ja: '　報告ではないシートは取り込みませんでした：{0}', en: '  Sheets that are not returns were left out: {0}' },
  importNoReturn: { ja: '「{0}」には報告のシートがありません（どの様式とも判定できません）。', en: '"{0}" holds no return sheet (no template was recognised).' },
  importFailed: { ja: '「{0}」を取り込めませんでした：{1}', en: 'Could not take in "{0}": {1}' },
  importUnsupportedFeature: {
    ja: '「{0}」を取り込めませんでした。Excel on the web はグラフ・コメント・ピボットテーブル・スライサーを含むシートを取り込めません。デスクトップ版の Excel で取り込むか、それらを除いて保存し直してください（{1}）。',
    en: 'Could not take in "{0}": Excel on the web cannot insert sheets with a chart, comment, PivotTable or slicer. Take it in with desktop Excel, or save it again without them ({1}).',
  },

  // issue 14: the review (審査) and the receiving body's verification.
  tabReview: { ja: '審査', en: 'Review' },
  reviewHelp: {
    ja: '取り込んだ報告の受付・受理・差戻し、会議の記録、年度の確定を行います。記録はこのブックの中に保存されます。',
    en: 'Receive, accept or send back the returns taken in, record meetings and confirm the year. The record is kept inside this workbook.',
  },
  reviewWho: { ja: '担当者（ID・メールなど）', en: 'Who acts (id or e-mail)' },
  reviewBody: { ja: '組織', en: 'Acting for' },
  reviewUnit: { ja: '単位', en: 'Unit' },
  reviewNoUnit: { ja: '（なし）', en: '(none)' },
  reviewWhy: { ja: '確定後に変更する理由', en: 'Why (to change after confirmation)' },
  reviewLoad: { ja: '審査記録を読み込む', en: 'Load the review' },
  reviewReturns: { ja: '取り込んだ報告', en: 'Returns taken in' },
  reviewNoReturns: { ja: '取り込んだ報告はまだありません。「取り込み」タブから取り込んでください。', en: 'No returns taken in yet: use the Take in tab.' },
  reviewStatusNone: { ja: '未受付', en: 'Not received' },
  reviewErrors: { ja: 'エラー {0} 件', en: '{0} error(s)' },
  reviewCheck: { ja: '受付・点検', en: 'Receive and check' },
  reviewAccept: { ja: '受理', en: 'Accept' },
  reviewAcceptErrors: { ja: 'エラーのある行を除いて受理する', en: 'Accept without the rows with errors' },
  reviewSendBack: { ja: '差戻し', en: 'Send back' },
  reviewReason: { ja: '差戻しの理由', en: 'Reason for sending back' },
  reviewNotice: { ja: '差戻しの連絡文（メールに貼り付けられます）', en: 'Send-back message (ready to paste into an e-mail)' },
  reviewCopy: { ja: 'コピー', en: 'Copy' },
  reviewCopied: { ja: '連絡文をコピーしました。', en: 'Message copied.' },
  reviewHistory: { ja: '履歴', en: 'History' },
  reviewMeeting: { ja: '会議の記録', en: 'Meeting' },
  reviewMeetingDate: { ja: '開催日', en: 'Date' },
  reviewAgenda: { ja: '議題', en: 'Agenda' },
  reviewRecordMeeting: { ja: '会議を記録', en: 'Record the meeting' },
  reviewConfirmTitle: { ja: '年度の確定', en: 'Confirm the year' },
  reviewMeetingPick: { ja: '確定した会議', en: 'Meeting that confirmed' },
  reviewNoMeeting: { ja: '（会議を先に記録してください）', en: '(record a meeting first)' },
  reviewAckMissing: { ja: '未提出の報告を確認済みとして確定する：{0}', en: 'Confirm with these reports acknowledged as missing: {0}' },
  reviewConfirm: { ja: 'この単位の年度を確定', en: 'Confirm this unit for the year' },
  reviewDone: { ja: '{0}：記録しました。', en: '{0}: recorded.' },
  reviewRefused: { ja: '{0}：記録できません。{1}', en: '{0}: not recorded. {1}' },
  reviewLog: { ja: '確定と変更の記録', en: 'Confirmations and changes' },
  reviewConfirmed: { ja: '{0} の会議で確定（{1}、{2}）', en: 'Confirmed at the meeting of {0} ({1}, {2})' },
  reviewChange: { ja: '{0} {1}：{2} → {3}（理由：{4}）', en: '{0} {1}: {2} → {3} (why: {4})' },
  reviewNoLog: { ja: '確定・変更の記録はまだありません。', en: 'Nothing confirmed or changed yet.' },
  verificationTitle: { ja: '検証', en: 'Verification' },
  verificationCreate: { ja: '検証シートを作成', en: 'Create the verification sheet' },
  verificationCreated: { ja: '検証シート「{0}」を作成しました。', en: 'Created the verification sheet "{0}".' },
  verificationExists: { ja: '検証シート「{0}」はすでにあります（記入内容はそのままです）。', en: 'The verification sheet "{0}" already exists (what was typed is kept).' },
  verificationRead: { ja: '検証シートを読み取る', en: 'Read the verification sheet' },
  verificationNone: { ja: '検証シートがありません。先に作成してください。', en: 'There is no verification sheet: create it first.' },
  verificationResult: { ja: '{0} 件の対象に検証を記録。問題 {1} 件。', en: 'Verification recorded for {0} subject(s); {1} issue(s).' },
  unitReport: { ja: '受理した報告から集約を出力', en: 'Write the report from accepted returns' },
  unitReportWritten: { ja: '{0} 枚のシートを出力しました（検証の問題 {1} 件）：{2}', en: 'Wrote {0} sheet(s) ({1} verification issue(s)): {2}' },

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
