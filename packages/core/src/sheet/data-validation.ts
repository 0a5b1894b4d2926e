/**
 * What Excel's data validation of a column is: the rule with explicit bounds, whether a wrong
 * value stops or warns, and the texts of the alert and the prompt cut to Excel's limits. One
 * decision for both writers; each only expresses it in its own API.
 */
import type { Lang } from '../i18n/text.js';
import type { ColumnValidation, SheetColumn } from './model.js';

/** Excel's limits on data-validation texts. */
export const VALIDATION_TEXT_MAX = { title: 32, prompt: 255, error: 225, inlineList: 255 } as const;

/** Bounds Excel needs when the plan sets none (a rule always has an operator). */
const NUMBER_RANGE = { min: -1e15, max: 1e15 } as const;
const DATE_RANGE = { min: '1900-01-01', max: '9999-12-31' } as const;

/** A comparison with its operands, as Excel's rules state it. */
export type ValidationOperator = 'between' | 'greaterThanOrEqual' | 'lessThanOrEqual';

/** Excel's rule for a column, bounds made explicit. */
export type DataValidationRule =
  | {
      type: 'list';
      values: string[];
      /** The inline source (`a,b,c`), or null when Excel cannot hold the list inline (over 255 characters, an item with a comma or a quote, a blank item). */
      inline: string | null;
    }
  | { type: 'whole' | 'decimal'; operator: ValidationOperator; formulae: [number] | [number, number] }
  | { type: 'date'; operator: 'between'; formulae: [string, string] }
  | { type: 'textLength'; operator: 'lessThanOrEqual'; formulae: [number] };

/** The data validation of a column, decided once for both writers. */
export interface DataValidationSpec {
  /** Null for a column that only prompts (any value allowed, the prompt explains the form). */
  rule: DataValidationRule | null;
  /**
   * Always `warning`: staff may type a variant core understands (全角 digits, 和暦 dates, a label
   * with its 送り仮名), which a `stop` alert would refuse; validation reports what is wrong.
   */
  style: 'warning';
  allowBlank: true;
  /** The alert when a value breaks the rule; absent when there is no rule. */
  error?: { title: string; message: string };
  /** The input prompt shown when a cell of the column is selected. */
  prompt?: { title: string; message: string };
}

/**
 * The inline source of a dropdown list, or null when Excel cannot hold it inline: longer than
 * 255 characters with its quotes, or an item holding a comma or a quote, or a blank item.
 *
 * @example
 * ```ts
 * inlineListSource(['実施済み', '実施中']); // '実施済み,実施中'
 * inlineListSource(['a,b']);                // null
 * ```
 */
export function inlineListSource(values: readonly string[]): string | null {
  if (values.length === 0 || values.some((v) => /[,"]/.test(v) || v.trim() === '')) return null;
  const source = values.join(',');
  return source.length + 2 <= VALIDATION_TEXT_MAX.inlineList ? source : null;
}

function numberRule(v: Extract<ColumnValidation, { type: 'whole' | 'decimal' }>): DataValidationRule {
  if (v.min !== undefined && v.max !== undefined) return { type: v.type, operator: 'between', formulae: [v.min, v.max] };
  if (v.min !== undefined) return { type: v.type, operator: 'greaterThanOrEqual', formulae: [v.min] };
  if (v.max !== undefined) return { type: v.type, operator: 'lessThanOrEqual', formulae: [v.max] };
  return { type: v.type, operator: 'between', formulae: [NUMBER_RANGE.min, NUMBER_RANGE.max] };
}

function ruleOf(v: ColumnValidation): DataValidationRule {
  switch (v.type) {
    case 'list':
      return { type: 'list', values: [...v.values], inline: inlineListSource(v.values) };
    case 'whole':
    case 'decimal':
      return numberRule(v);
    case 'date':
      return { type: 'date', operator: 'between', formulae: [v.min ?? DATE_RANGE.min, v.max ?? DATE_RANGE.max] };
    case 'textLength':
      return { type: 'textLength', operator: 'lessThanOrEqual', formulae: [v.max] };
  }
}

/** The alert of a rule the plan gives no text for. */
function defaultAlert(v: ColumnValidation, lang: Lang): string {
  const ja = lang === 'ja';
  switch (v.type) {
    case 'list':
      return ja ? '一覧から選んでください。' : 'Choose a value from the list.';
    case 'whole':
      return ja ? '整数を入力してください。' : 'Enter a whole number.';
    case 'decimal':
      return ja ? '数値を入力してください。' : 'Enter a number.';
    case 'date':
      return ja ? '日付を入力してください（例：2026/5/1）。' : 'Enter a date (e.g. 2026/5/1).';
    case 'textLength':
      return ja ? `${v.max}文字以内で入力してください。` : `Enter at most ${v.max} characters.`;
  }
}

/**
 * The data validation of a column in a language — its rule, or only its input prompt — or null
 * when the column has neither. Titles are the column's header on one line; every text is cut to
 * Excel's limits.
 *
 * @example
 * ```ts
 * dataValidationOf({ key: 'n', header: lt('回数', 'Count'), kind: 'integer', validation: { type: 'whole', min: 0 } }, 'ja');
 * // { rule: { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] }, style: 'warning', allowBlank: true,
 * //   error: { title: '回数', message: '整数を入力してください。' } }
 * ```
 */
export function dataValidationOf(column: SheetColumn, lang: Lang): DataValidationSpec | null {
  const v = column.validation;
  if (!v && !column.prompt) return null;
  const title = column.header[lang].replace(/\s+/g, ' ').trim().slice(0, VALIDATION_TEXT_MAX.title);
  const spec: DataValidationSpec = { rule: v ? ruleOf(v) : null, style: 'warning', allowBlank: true };
  if (v) spec.error = { title, message: (column.errorAlert?.[lang] ?? defaultAlert(v, lang)).slice(0, VALIDATION_TEXT_MAX.error) };
  if (column.prompt) spec.prompt = { title, message: column.prompt[lang].slice(0, VALIDATION_TEXT_MAX.prompt) };
  return spec;
}
