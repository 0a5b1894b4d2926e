/**
 * The catalogue of the CLI's own codes, shaped like core's `ISSUE_CODES`: one `as const` object
 * from which the code unions, the exit codes and the table in docs/cli.md (pinned by
 * `test/codes.test.ts`) all derive. Each code writes its words once: one Japanese and one English
 * function of typed parameters, so a raise site passes `code + location + parameters` only.
 *
 * Two kinds: issues about a file or sheet (returned in the results, like core's issues) and usage
 * errors (a wrong option or argument: the command stops with exit code 2).
 */
import type { LocalizedText, Severity } from '@sasaeai/core';

interface IssueEntry<P> {
  severity: Severity;
  /** True when the file could not be read at all (exit code 2). */
  fileLevel: boolean;
  /** When the code is raised, as docs/cli.md lists it. */
  when: string;
  ja: (p: P) => string;
  en: (p: P) => string;
}

/** Why a file could not be read, for `file_unreadable`. */
export type UnreadableReason =
  | { kind: 'not-a-file'; file: string }
  | { kind: 'no-access'; file: string }
  | { kind: 'truncated' }
  | { kind: 'damaged'; detail: string }
  | { kind: 'csv-open'; detail: string }
  | { kind: 'csv-syntax'; detail: string };

/** What a file that is not an `.xlsx` workbook is, for `file_not_xlsx`. */
export type NotXlsxKind = 'xls' | 'ods' | 'other' | 'no-worksheet';

const quotedJa = (names: readonly string[]) => names.map((n) => `「${n}」`).join('');
const quotedEn = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** Every issue the CLI raises about a file or sheet, beside core's validation issues. */
export const CLI_ISSUE_CODES = {
  file_not_found: {
    severity: 'error',
    fileLevel: true,
    when: 'the path does not exist',
    ja: (p: { file: string }) => `ファイルが見つかりません：${p.file}`,
    en: (p: { file: string }) => `File not found: ${p.file}`,
  },
  file_empty: {
    severity: 'error',
    fileLevel: true,
    when: '0 bytes',
    ja: () => 'ファイルが空です（0 バイト）。',
    en: () => 'The file is empty (0 bytes).',
  },
  file_encrypted: {
    severity: 'error',
    fileLevel: true,
    when: 'a password-protected workbook (an OLE container with `EncryptedPackage`)',
    ja: () => 'パスワードで保護（暗号化）されたブックは読めません。Excel でパスワードを解除して保存し直してください。',
    en: () => 'The workbook is password-protected (encrypted) and cannot be read. Remove the password in Excel and save it again.',
  },
  file_not_xlsx: {
    severity: 'error',
    fileLevel: true,
    when: 'text, a legacy `.xls`, an OpenDocument `.ods` (the message says to save it as `.xlsx`), or a zip with no worksheet',
    ja: (p: { kind: NotXlsxKind }) =>
      p.kind === 'xls'
        ? '古い Excel 形式（.xls）のファイルです。Excel で「Excel ブック（*.xlsx）」として保存し直してください。'
        : p.kind === 'ods'
          ? 'OpenDocument 形式（.ods）のファイルです。LibreOffice などで「名前を付けて保存」から「Excel 2007-365 (.xlsx)」形式で保存し直してください。'
          : p.kind === 'other'
          ? 'Excel ブック（.xlsx）ではありません（テキストや CSV など別の形式のファイルです）。'
          : 'ワークシートが一つもありません。Excel ブック（.xlsx）ではないか、壊れています。',
    en: (p: { kind: NotXlsxKind }) =>
      p.kind === 'xls'
        ? 'This is an old Excel (.xls) file. Save it as "Excel Workbook (*.xlsx)" in Excel.'
        : p.kind === 'ods'
          ? 'This is an OpenDocument spreadsheet (.ods). Save it as "Excel 2007-365 (.xlsx)" with "Save As" in LibreOffice or Excel.'
          : p.kind === 'other'
          ? 'Not an Excel workbook (.xlsx): the file is in another format (text, CSV…).'
          : 'The file holds no worksheet: it is not an Excel workbook (.xlsx), or it is damaged.',
  },
  file_unreadable: {
    severity: 'error',
    fileLevel: true,
    when: 'a damaged or truncated workbook, a folder, no permission',
    ja: (p: UnreadableReason) => {
      switch (p.kind) {
        case 'not-a-file':
          return `ファイルではありません：${p.file}`;
        case 'no-access':
          return `ファイルを開けません（権限がありません）：${p.file}`;
        case 'truncated':
          return 'ブックが途中で切れています（コピーやダウンロードが最後まで終わっていない可能性があります）。元のファイルをもう一度コピーしてください。';
        case 'damaged':
          return `ブックを読み取れません（ファイルが壊れているか、途中までしか保存されていません）。詳細：${p.detail}`;
        case 'csv-open':
          return `CSV ファイルを開けません：${p.detail}`;
        case 'csv-syntax':
          return `CSV として読み取れません（引用符 " の閉じ忘れなど）。詳細：${p.detail}`;
      }
    },
    en: (p: UnreadableReason) => {
      switch (p.kind) {
        case 'not-a-file':
          return `Not a file: ${p.file}`;
        case 'no-access':
          return `Cannot open the file (permission denied): ${p.file}`;
        case 'truncated':
          return 'The workbook is cut short (a copy or download may not have finished). Copy the original file again.';
        case 'damaged':
          return `The workbook cannot be read (the file is damaged or incomplete). Detail: ${p.detail}`;
        case 'csv-open':
          return `Cannot open the CSV file: ${p.detail}`;
        case 'csv-syntax':
          return `The file cannot be read as CSV (an unclosed quote "?). Detail: ${p.detail}`;
      }
    },
  },
  no_return_sheet: {
    severity: 'error',
    fileLevel: false,
    when: "a readable workbook in which no sheet has a template's header row",
    ja: (p: { sheets: readonly string[] }) =>
      `報告のシートがありません：どのシート${p.sheets.length > 0 ? `（${quotedJa(p.sheets)}）` : ''}にも様式の見出し行（年度…）が見つかりません。`,
    en: (p: { sheets: readonly string[] }) =>
      `No return sheet: no sheet${p.sheets.length > 0 ? ` (${quotedEn(p.sheets)})` : ''} has the header row of a template (Fiscal year…).`,
  },
  nothing_checked: {
    severity: 'error',
    fileLevel: false,
    when: 'a run in which no file held a return sheet, or whose return sheets hold no data row: nothing was checked (each file says why)',
    ja: (p: { files: number; returns: number }) =>
      p.returns === 0
        ? `${p.files} 件のファイルのどれにも報告のシートがないため、何も検証していません。各ファイルの注記を確認してください。`
        : `報告のシート ${p.returns} 枚のどれにもデータの行がないため、何も検証していません。記入済みの報告を指定してください。`,
    en: (p: { files: number; returns: number }) =>
      p.returns === 0
        ? `None of the ${p.files} file${p.files === 1 ? '' : 's'} holds a return sheet, so nothing was checked. See the notes on each file.`
        : `None of the ${p.returns} return sheet${p.returns === 1 ? '' : 's'} holds a data row, so nothing was checked. Give the filled-in returns.`,
  },
  report_workbook: {
    severity: 'info',
    fileLevel: false,
    when: 'a report Sasaeai wrote, sitting among the returns: skipped',
    ja: () => 'Sasaeai が書き出した集約結果のブックです。報告ではないため検証していません。',
    en: () => 'A report workbook written by Sasaeai, not a return: not checked.',
  },
  sheet_hidden: {
    severity: 'info',
    fileLevel: false,
    when: 'a hidden sheet that holds a return: checked like the others',
    ja: (p: { sheet: string }) => `非表示のシート「${p.sheet}」も報告として検証しました。`,
    en: (p: { sheet: string }) => `The hidden sheet "${p.sheet}" was checked as a return too.`,
  },
  sheet_skipped: {
    severity: 'info',
    fileLevel: false,
    when: 'a sheet that is not a return, in a workbook that has one',
    ja: (p: { sheet: string }) => `シート「${p.sheet}」は報告の様式ではないため、検証していません。`,
    en: (p: { sheet: string }) => `Sheet "${p.sheet}" is not a return (no template header), so it was not checked.`,
  },
  lock_file_skipped: {
    severity: 'info',
    fileLevel: false,
    when: 'an Excel lock file `~$name.xlsx` (a shell glob names it too): not read',
    ja: (p: { file: string }) => `「${p.file}」は Excel が開いているブックの一時ファイル（ロックファイル）のため、読み飛ばしました。`,
    en: (p: { file: string }) => `"${p.file}" is Excel's lock file for an open workbook; skipped.`,
  },
  formula_no_result: {
    severity: 'warning',
    fileLevel: false,
    when: 'a formula with no saved result in a workbook where no formula has one (a file from a program that does not calculate): read as blank. Where other formulas have results, an empty one (`=IF(K5="","","○")`) is simply a blank cell',
    // The streaming reader drops a cached error value of a formula, so there the two cases look alike.
    ja: (p: { cell: string; streamed: boolean }) =>
      p.streamed
        ? `セル ${p.cell} の数式の計算結果が読み取れないため（保存されていないか、エラー値です）、空欄として読みました。`
        : `セル ${p.cell} の数式に計算結果が保存されていないため、空欄として読みました。Excel で開いて保存し直してください。`,
    en: (p: { cell: string; streamed: boolean }) =>
      p.streamed
        ? `The result of the formula in ${p.cell} could not be read (not saved, or an error value), so it was read as blank.`
        : `The formula in ${p.cell} has no saved result, so it was read as blank. Open the file in Excel and save it again.`,
  },
  plan_mismatch: {
    severity: 'warning',
    fileLevel: false,
    when: 'the sheet was made from a template of another plan',
    ja: (p: { sheetPlan: string; plan: string }) => `このシートは別の計画「${p.sheetPlan}」の様式から作られています（検証に使った計画：「${p.plan}」）。`,
    en: (p: { sheetPlan: string; plan: string }) => `This sheet was made from a template of another plan, "${p.sheetPlan}" (checked against "${p.plan}").`,
  },
} as const satisfies { [code: string]: IssueEntry<never> };

interface UsageEntry<P> {
  /** When the code is raised. */
  when: string;
  ja: (p: P) => string;
  en: (p: P) => string;
}

const list = (items: readonly string[], more: boolean, sep: string, tail: string) => `${items.join(sep)}${more ? tail : ''}`;

/** Every usage error of the CLI: a wrong option or argument (exit code 2, nothing written). */
export const CLI_USAGE_CODES = {
  unknown_unit: {
    when: '`--ward`/`--district` names no unit of the plan',
    ja: (p: { what: LocalizedText; text: string; near: readonly { name: LocalizedText }[] }) =>
      `${p.what.ja}「${p.text}」は計画にありません。${p.near.length > 0 ? `近い名前：${p.near.map((u) => u.name.ja).join('、')}。` : ''}`,
    en: (p: { what: LocalizedText; text: string; near: readonly { name: LocalizedText }[] }) =>
      `No ${p.what.en} "${p.text}" in the plan.${p.near.length > 0 ? ` Closest names: ${p.near.map((u) => `${u.name.ja} (${u.name.en})`).join(', ')}.` : ''}`,
  },
  ambiguous_unit: {
    when: 'a unit name that matches several units',
    ja: (p: { what: LocalizedText; text: string; matches: readonly { name: LocalizedText; code: string }[] }) =>
      `${p.what.ja}「${p.text}」に当てはまるものが複数あります：${p.matches.map((u) => `${u.name.ja}（${u.code}）`).join('、')}。コードで指定してください。`,
    en: (p: { what: LocalizedText; text: string; matches: readonly { name: LocalizedText; code: string }[] }) =>
      `"${p.text}" matches several ${p.what.en}s: ${p.matches.map((u) => `${u.name.en} (${u.code})`).join(', ')}. Give the code.`,
  },
  unit_wrong_level: {
    when: '`--ward`/`--district` names a unit at another level than the option asks for',
    ja: (p: { text: string; levels: readonly LocalizedText[]; found: readonly { name: LocalizedText; code: string }[] }) =>
      `「${p.text}」は${p.found.map((u) => `${u.name.ja}（${u.code}）`).join('、')}で、${p.levels.map((l) => l.ja).join('・')}ではありません。`,
    en: (p: { text: string; levels: readonly LocalizedText[]; found: readonly { name: LocalizedText; code: string }[] }) =>
      `"${p.text}" is ${p.found.map((u) => `${u.name.en} (${u.code})`).join(', ')}, not a ${p.levels.map((l) => l.en).join(' or ')}.`,
  },
  plan_unusable: {
    when: 'the plan given by `--plan` cannot be read or is not valid',
    ja: (p: { message: LocalizedText }) => p.message.ja,
    en: (p: { message: LocalizedText }) => p.message.en,
  },
  unknown_template: {
    when: '`template --template` names no template of the plan',
    ja: (p: { template: string; known: readonly string[] }) => `様式「${p.template}」はこの計画にありません（${p.known.join(', ')}）。`,
    en: (p: { template: string; known: readonly string[] }) => `Template "${p.template}" is not in this plan (${p.known.join(', ')}).`,
  },
  period_needs_fiscal_year: {
    when: '`template --period` without `--fiscal-year`: a period has no dates outside a fiscal year',
    ja: () => '--period には --fiscal-year（年度）も指定してください。期間の日付は年度で決まります。',
    en: () => '--period needs --fiscal-year: the dates of a period depend on the fiscal year.',
  },
  unknown_period: {
    when: '`template --period` names no period of the template\'s flows in that fiscal year',
    ja: (p: { text: string; template: LocalizedText; periods: readonly { period: number; flowId: string; content: LocalizedText; start: string; due: string }[] }) =>
      p.periods.length === 0
        ? `様式「${p.template.ja}」は年1回または随時の報告で、期間（--period「${p.text}」）はありません。--period を外してください。`
        : `期間「${p.text}」は様式「${p.template.ja}」の期間ではありません。指定できる期間：${p.periods.map((w) => `${w.period}＝${w.content.ja}（${w.flowId}、${w.start}〜${w.due}）`).join('、')}`,
    en: (p: { text: string; template: LocalizedText; periods: readonly { period: number; flowId: string; content: LocalizedText; start: string; due: string }[] }) =>
      p.periods.length === 0
        ? `Template "${p.template.en}" is reported once a year or at any time: it has no periods (--period "${p.text}"). Leave --period out.`
        : `"${p.text}" is not a period of template "${p.template.en}". Periods: ${p.periods.map((w) => `${w.period} = ${w.content.en} (${w.flowId}, ${w.start} to ${w.due})`).join('; ')}`,
  },
  blank_return_failed: {
    when: 'core refused to build the blank return (a programmer error, reported with its message)',
    ja: (p: { detail: string }) => `報告様式を作れません：${p.detail}`,
    en: (p: { detail: string }) => `Cannot make the blank return: ${p.detail}`,
  },
  no_workbooks: {
    when: 'a folder given as input holds no `.xlsx`',
    ja: (p: { folder: string }) => `フォルダ「${p.folder}」に Excel ブック（.xlsx）がありません。`,
    en: (p: { folder: string }) => `The folder "${p.folder}" holds no Excel workbook (.xlsx).`,
  },
  output_is_input: {
    when: '`-o` names one of the input files',
    ja: (p: { output: string }) => `出力先「${p.output}」は入力ファイルです。入力ファイルは上書きしません（--force でも同じです）。別の名前を指定してください。`,
    en: (p: { output: string }) => `The output "${p.output}" is one of the input files. Input files are never overwritten (not even with --force); choose another name.`,
  },
  output_is_folder: {
    when: '`-o` names a folder where a file is expected',
    ja: (p: { output: string }) => `出力先「${p.output}」はフォルダです。ファイル名を指定してください。`,
    en: (p: { output: string }) => `The output "${p.output}" is a folder; give a file name.`,
  },
  output_exists: {
    when: '`-o` names an existing file and `--force` is not given',
    ja: (p: { output: string }) => `出力先「${p.output}」はすでにあります。上書きするには --force を付けてください。`,
    en: (p: { output: string }) => `The output "${p.output}" already exists. Add --force to overwrite it.`,
  },
  output_needs_file: {
    when: '`-o -` where only a file can be written',
    ja: () => '-o にはファイル名を指定してください。',
    en: () => 'Give a file name to -o.',
  },
  demo_needs_preset: {
    when: '`demo` with a plan other than the preset its sample returns were written for',
    ja: (p: { preset: string; municipality: LocalizedText }) =>
      `デモは${p.municipality.ja}のプリセット（--plan ${p.preset}）のサンプルです。自分の計画では sasaeai template と validate を使ってください。`,
    en: (p: { preset: string; municipality: LocalizedText }) =>
      `The demo holds samples of the ${p.municipality.en} preset (--plan ${p.preset}). With your own plan, use sasaeai template and validate.`,
  },
  demo_folder_in_use: {
    when: "`demo -o` names a folder that holds files the demo did not write",
    ja: (p: { folder: string; files: readonly string[]; more: boolean }) =>
      `フォルダ「${p.folder}」にはデモ以外のファイルがあります（${list(p.files, p.more, ', ', ' ほか')}）。別のフォルダを -o で指定するか、--force を付けてください。`,
    en: (p: { folder: string; files: readonly string[]; more: boolean }) =>
      `The folder "${p.folder}" holds files the demo did not write (${list(p.files, p.more, ', ', ', …')}). Choose another folder with -o, or add --force.`,
  },
  demo_folder_is_file: {
    when: '`demo -o` names a file',
    ja: (p: { folder: string }) => `「${p.folder}」はファイルです。フォルダを指定してください。`,
    en: (p: { folder: string }) => `"${p.folder}" is a file; give a folder.`,
  },
  not_a_receiver: {
    when: '`rollup --ward` names a unit that compiles no returns',
    ja: (p: { text: string; levels: readonly LocalizedText[] }) =>
      `「${p.text}」は報告を集約する単位ではありません（集約するのは ${p.levels.map((n) => n.ja).join('・')} です）。`,
    en: (p: { text: string; levels: readonly LocalizedText[] }) =>
      `"${p.text}" does not compile returns (units that do: ${p.levels.map((n) => n.en).join(', ')}).`,
  },
  review_unit_unknown: {
    when: '`review` names a unit that matches no unit, or several',
    ja: (p: { text: string; several: boolean }) => `「${p.text}」に当てはまる単位が${p.several ? '複数あります' : 'ありません'}。コードで指定してください。`,
    en: (p: { text: string; several: boolean }) => `"${p.text}" names ${p.several ? 'several units' : 'no unit'}; give the code.`,
  },
  unknown_body: {
    when: '`review --body` names no body of the plan',
    ja: (p: { body: string; known: readonly string[] }) => `組織「${p.body}」は計画にありません（${p.known.join(', ')}）。`,
    en: (p: { body: string; known: readonly string[] }) => `No body "${p.body}" in the plan (${p.known.join(', ')}).`,
  },
  review_files_missing: {
    when: '`review` names files that do not exist',
    ja: (p: { files: readonly string[] }) => `見つかりません: ${p.files.join(', ')}`,
    en: (p: { files: readonly string[] }) => `Not found: ${p.files.join(', ')}`,
  },
  review_files_unreadable: {
    when: '`review` names files that cannot be read',
    ja: (p: { files: readonly string[] }) => `読めないファイル: ${p.files.join(', ')}`,
    en: (p: { files: readonly string[] }) => `Unreadable files: ${p.files.join(', ')}`,
  },
  review_no_return: {
    when: '`review` names a file or sheet that holds no return',
    ja: (p: { file: string; sheet?: string }) => `「${p.file}」${p.sheet ? `のシート「${p.sheet}」` : ''}に報告がありません。`,
    en: (p: { file: string; sheet?: string }) => `No return in "${p.file}"${p.sheet ? `, sheet "${p.sheet}"` : ''}.`,
  },
  send_back_needs_reason: {
    when: '`review send-back` without `--reason`',
    ja: () => '差戻しの理由を --reason で指定してください（送り先に伝わります）。',
    en: () => 'Give the reason with --reason (it is sent to the sender).',
  },
  meeting_date_invalid: {
    when: '`review meeting --date` not written YYYY-MM-DD',
    ja: (p: { date: string }) => `開催日「${p.date}」は YYYY-MM-DD で指定してください。`,
    en: (p: { date: string }) => `Give the meeting date "${p.date}" as YYYY-MM-DD.`,
  },
  not_in_ledger: {
    when: '`review history` names a file the ledger does not hold',
    ja: (p: { file: string }) => `「${p.file}」は審査記録にありません。`,
    en: (p: { file: string }) => `"${p.file}" is not in the review ledger.`,
  },
  ledger_unreadable: {
    when: 'the review ledger cannot be read',
    ja: (p: { file: string; detail: string }) => `審査記録「${p.file}」を読めません（${p.detail}）。最初に sasaeai review receive で作成します。`,
    en: (p: { file: string; detail: string }) => `Cannot read the review ledger "${p.file}" (${p.detail}). sasaeai review receive creates it.`,
  },
  ledger_not_json: {
    when: 'the review ledger is not JSON',
    ja: (p: { file: string }) => `審査記録「${p.file}」は JSON ではありません。`,
    en: (p: { file: string }) => `The review ledger "${p.file}" is not JSON.`,
  },
  ledger_invalid: {
    when: 'the review ledger is JSON but not a review state of this plan',
    ja: (p: { file: string; reason: LocalizedText }) => `「${p.file}」: ${p.reason.ja}`,
    en: (p: { file: string; reason: LocalizedText }) => `"${p.file}": ${p.reason.en}`,
  },
  include_unaccepted_needs_ledger: {
    when: '`rollup --include-unaccepted` without `--ledger`',
    ja: () => '--include-unaccepted は --ledger と一緒に指定します。',
    en: () => '--include-unaccepted goes with --ledger.',
  },
} as const satisfies { [code: string]: UsageEntry<never> };

/** A code of an issue the CLI raises about a file or sheet. */
export type CliIssueCode = keyof typeof CLI_ISSUE_CODES;

declare module '@sasaeai/core' {
  /** The CLI's issue codes, so that `Issue.code` names them too (core's type stays a closed union). */
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- members come from the catalogue
  interface AdapterIssueCodes extends Record<CliIssueCode, true> {}
}
/** A code of a usage error of the CLI. */
export type CliUsageCode = keyof typeof CLI_USAGE_CODES;
type ParamsOf<F> = F extends (p: infer P) => string ? P : never;
/** The parameters of an issue code's message functions (`{}` for a code without any). */
export type IssueParams<C extends CliIssueCode> = ParamsOf<(typeof CLI_ISSUE_CODES)[C]['ja']>;
/** The parameters of a usage code's message functions (`{}` for a code without any). */
export type UsageParams<C extends CliUsageCode> = ParamsOf<(typeof CLI_USAGE_CODES)[C]['ja']>;

/** Codes that mean a file could not be read at all (exit code 2). */
export const FILE_LEVEL_CODES: ReadonlySet<string> = new Set(
  (Object.keys(CLI_ISSUE_CODES) as CliIssueCode[]).filter((c) => CLI_ISSUE_CODES[c].fileLevel),
);
