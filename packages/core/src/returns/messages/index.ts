/**
 * The message of an issue from its code and parameters: the words are written once per code and
 * language, in `ja.ts` and `en.ts`.
 */
import type { LocalizedText } from '../../i18n/text.js';
import { en } from './en.js';
import { ja } from './ja.js';
import type { IssueParams, MessageCode } from './params.js';

export type { IssueParams, MessageCode } from './params.js';

/** The Japanese and English message of `code` with `params`. */
export function issueText<C extends MessageCode>(code: C, params: IssueParams[C]): LocalizedText {
  return { ja: ja[code](params), en: en[code](params) };
}
