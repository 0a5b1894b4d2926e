/**
 * The CLI's own issues and usage errors, raised as `code + location + parameters`: the words
 * come from the catalogue (`codes.ts`), in Japanese and English, like the issues core returns.
 */
import { lt, type Issue, type Lang, type LocalizedText } from '@sasaeai/core';
import { CLI_ISSUE_CODES, CLI_USAGE_CODES, type CliIssueCode, type CliUsageCode, type IssueParams, type UsageParams } from './codes.js';

export { lt };
export { FILE_LEVEL_CODES, type CliIssueCode, type CliUsageCode } from './codes.js';

/**
 * Makes an issue of the CLI: severity and message come from the catalogue.
 *
 * @example
 * ```ts
 * cliIssue('file_not_found', { file: 'a.xlsx' }, { source: 'a.xlsx' });
 * ```
 */
export function cliIssue<C extends CliIssueCode>(code: C, params: IssueParams<C>, where: Omit<Issue, 'code' | 'severity' | 'message'> = {}): Issue {
  const entry = CLI_ISSUE_CODES[code];
  const say = (f: unknown) => (f as (p: IssueParams<C>) => string)(params);
  return { code, severity: entry.severity, ...where, message: { ja: say(entry.ja), en: say(entry.en) } };
}

/** A usage error: a wrong option or argument. Reported in the chosen language, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  readonly code: CliUsageCode;
  readonly text: LocalizedText;
  constructor(code: CliUsageCode, text: LocalizedText) {
    super(text.en);
    this.code = code;
    this.text = text;
  }
}

/**
 * Throws the {@link UsageError} of a catalogue code.
 *
 * @example
 * ```ts
 * usage('output_is_folder', { output: 'reports' });
 * ```
 */
export function usage<C extends CliUsageCode>(code: C, params: UsageParams<C>): never {
  const entry = CLI_USAGE_CODES[code];
  const say = (f: unknown) => (f as (p: UsageParams<C>) => string)(params);
  throw new UsageError(code, { ja: say(entry.ja), en: say(entry.en) });
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
