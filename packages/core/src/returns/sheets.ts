/**
 * Sheets that hold a return's header but are not returns: a filled-in example (記入例), a cover
 * (表紙), a summary that adds up the other sheets (集計). Counting them would count an example's
 * figures or every figure twice, so they are left out with a note.
 */
import type { Plan } from '../plan/schema.js';
import { repeatsExamples } from './examples.js';
import { labelKey } from './lookup.js';
import { issueText } from './messages/index.js';
import { ISSUE_CODES } from './codes.js';
import type { Issue, SheetGrid } from './types.js';

// Words that mark a sheet, by its name or a title above its table, as not a return.
/** A note line above a table: ※, ＊, * or 注 first. */
const NOTE_LINE = /^\s*(?:※|＊|\*|注[：:\s])/;
const EXAMPLE_WORDS = /記入例|入力例|記載例|作成例|見本|サンプル|sample|example|^例$|^\(例\)|^例[:：]|^【例】/;
const COVER_SUMMARY_NAME = /表紙|cover|集計|まとめ|総括|summary|^合計$|^total$|目次|記入方法|記入要領|使い方|説明/;
// A reference to another sheet inside a formula: 寒川!G2, '松ケ丘'!G2, SUM(寒川:新宿!G2).
const OTHER_SHEET_REF = /(?:'[^']+'|[^\s!():,=+*/-]+)!\$?[A-Z]{1,3}\$?\d/i;

/**
 * Why a sheet is not a return: its name, a title above its table ('title'), rows that repeat
 * the template's example rows ('examples'), formulas that sum other sheets ('sums').
 */
export type NotAReturn = 'name' | 'title' | 'examples' | 'sums';

/**
 * Whether a sheet is an example, cover or summary sheet rather than a return: by its name, by a
 * title above the table that calls it an example, by formulas that take their values from other
 * sheets (at least half of its formulas, and at least two), or — given the plan and the sheet's
 * template — by rows that all repeat the template's example rows (`examples` in the plan).
 *
 * @example
 * ```ts
 * notAReturn({ sheet: '記入例', cells: [] }); // 'name'
 * notAReturn(grid, 0, plan, 'district-activity'); // 'examples' when its rows are the plan's examples
 * ```
 */
export function notAReturn(grid: SheetGrid, headerRow = 0, plan?: Plan, templateId?: string): NotAReturn | null {
  const name = labelKey(typeof grid.sheet === 'string' ? grid.sheet : '');
  if (EXAMPLE_WORDS.test(name) || COVER_SUMMARY_NAME.test(name)) return 'name';
  const cells = Array.isArray(grid.cells) ? grid.cells : [];
  for (let r = 0; r < Math.min(headerRow, cells.length, 20); r++) {
    // A note above the table (※…, 注…) is not a title: a blank return's own notes name the plan's
    // sample entries (サンプル), and staff notes may mention an example sheet.
    for (const v of cells[r] ?? []) if (typeof v === 'string' && !NOTE_LINE.test(v) && EXAMPLE_WORDS.test(labelKey(v))) return 'title';
  }
  const formulas = Object.values(grid.formulas ?? {});
  const refs = formulas.filter((f) => typeof f === 'string' && OTHER_SHEET_REF.test(f)).length;
  if (refs >= 2 && refs * 2 >= formulas.length) return 'sums';
  if (plan !== undefined && templateId !== undefined && repeatsExamples(plan, templateId, grid)) return 'examples';
  return null;
}

/**
 * The note for a sheet left out by {@link notAReturn}.
 *
 * @example
 * ```ts
 * notAReturnIssue({ sheet: '記入例', cells: [], source: 'a.xlsx' }, 'name').code; // 'sheet_not_a_return'
 * ```
 */
export function notAReturnIssue(grid: SheetGrid, why: NotAReturn): Issue {
  const issue: Issue = { code: 'sheet_not_a_return', severity: ISSUE_CODES.sheet_not_a_return.severity, sheet: grid.sheet, message: issueText('sheet_not_a_return', { sheet: grid.sheet, why }) };
  if (grid.source !== undefined) issue.source = grid.source;
  return issue;
}
