import { lt, type LocalizedText } from './text.js';

/**
 * Labels of issue severities, the one wording the CLI, the add-in's task pane and its issues sheet
 * show. Info is 情報, the word staff read in the add-in today (docs/staff.md).
 *
 * @example
 * ```ts
 * SEVERITY_LABEL.warning.ja; // '警告'
 * ```
 */
export const SEVERITY_LABEL: Readonly<Record<'error' | 'warning' | 'info', LocalizedText>> = {
  error: lt('エラー', 'error'),
  warning: lt('警告', 'warning'),
  info: lt('情報', 'info'),
};
