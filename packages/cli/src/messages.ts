/**
 * Building blocks for the CLI's own issues and messages (file-level problems, usage errors),
 * always in Japanese and English, like the issues core returns.
 */
import { lt, type Issue, type IssueSeverity, type Lang, type LocalizedText } from '@sasaeai/core';

export { lt };

/** Issue codes the CLI itself reports (reading files), beside those of core. */
export type CliIssueCode =
  | 'file_not_found'
  | 'file_unreadable'
  | 'file_encrypted'
  | 'file_not_xlsx'
  | 'file_empty'
  | 'no_return_sheet'
  | 'report_workbook'
  | 'sheet_hidden'
  | 'sheet_skipped'
  | 'lock_file_skipped'
  | 'formula_no_result'
  | 'plan_mismatch';

/** Codes that mean a file could not be read at all (exit code 2). */
export const FILE_LEVEL_CODES: ReadonlySet<string> = new Set([
  'file_not_found',
  'file_unreadable',
  'file_encrypted',
  'file_not_xlsx',
  'file_empty',
]);

/**
 * Makes an issue of the CLI.
 *
 * @example
 * ```ts
 * cliIssue('file_empty', 'error', lt('空のファイルです。', 'The file is empty.'), { source: 'a.xlsx' });
 * ```
 */
export function cliIssue(
  code: CliIssueCode,
  severity: IssueSeverity,
  message: LocalizedText,
  where: Omit<Issue, 'code' | 'severity' | 'message'> = {},
): Issue {
  return { code, severity, ...where, message };
}

/** A usage error: a wrong option or argument. Reported in the chosen language, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly text: LocalizedText;
  constructor(text: LocalizedText) {
    super(text.en);
    this.text = text;
  }
}

/**
 * Throws a {@link UsageError}.
 *
 * @example
 * ```ts
 * usage(lt('区が見つかりません。', 'Unknown ward.'));
 * ```
 */
export function usage(text: LocalizedText): never {
  throw new UsageError(text);
}

/**
 * Picks a message in a language.
 *
 * @example
 * ```ts
 * t(lt('はい', 'yes'), 'en'); // 'yes'
 * ```
 */
export function t(text: LocalizedText, lang: Lang): string {
  return text[lang];
}
