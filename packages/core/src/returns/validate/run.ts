/**
 * The issues of one grid as validation raises them: code + location + typed parameters, the
 * severity from the catalogue (`codes.ts`) and the words from `messages/`.
 */
import type { LocalizedText } from '../../i18n/text.js';
import { columnLetters } from '../cells.js';
import { ISSUE_CODES, type CatalogueCode } from '../codes.js';
import type { Emitter } from '../compile.js';
import { issueText, type IssueParams, type MessageCode } from '../messages/index.js';
import type { Issue, IssueSeverity } from '../types.js';
import { scratchInt32 } from './scratch.js';

/** Where an issue is: grid row and column (0-based, -1 for none), the field and the value typed. */
export interface At {
  r: number;
  c: number;
  field?: string | undefined;
  value?: unknown;
}

/** The issues of one grid, and the counts of the row being read. */
export class Run implements Emitter {
  readonly issues: Issue[] = [];
  // Each issue's sort keys, by its index in `issues`: grid row + 1 (0 for a table-level issue,
  // which comes first) and column + 1 (0 for none, before the row's cells). Typed arrays, grown by
  // doubling: a JS array of 100k keys past the small-integer range grew and converted as it went.
  private rowKey: Int32Array = new Int32Array(256);
  private colKey: Int32Array = new Int32Array(256);
  // The cell being parsed, where emit raises: plain fields, since they are set for every cell.
  private r = -1;
  private c = -1;
  private field: string | undefined = undefined;
  private raw: unknown = undefined;
  // Errors and warnings raised at each grid row while its cells and checks run (countRows).
  private errs: Int32Array = new Int32Array(0);
  private warns: Int32Array = new Int32Array(0);
  private readonly letters: string[] = [];

  constructor(
    readonly sheet: string,
    readonly source: string | undefined,
    readonly originRow: number,
    readonly originCol: number,
  ) {}

  /**
   * Counts the errors and warnings raised at each of `rows` grid rows from now on (0: stop
   * counting): a record's counts are those raised while its cells and row checks ran.
   */
  countRows(rows: number): void {
    this.errs = scratchInt32(rows);
    this.warns = scratchInt32(rows);
  }

  /** Errors counted at grid row `r`. */
  errorsAt(r: number): number {
    return this.errs[r] ?? 0;
  }

  /** Warnings counted at grid row `r`. */
  warningsAt(r: number): number {
    return this.warns[r] ?? 0;
  }

  /** Sets the cell the parsers raise at. */
  at(r: number, c: number, field: string | undefined, value: unknown): void {
    this.r = r;
    this.c = c;
    this.field = field;
    this.raw = value;
  }

  /** Raises at the cell being parsed (the parsers' side). */
  emit<C extends MessageCode>(code: C, params: IssueParams[C]): void {
    this.raise(code, { r: this.r, c: this.c, field: this.field, value: this.raw }, params);
  }

  /** Raises `code` at `at` with its parameters; the severity is the catalogue's. */
  raise<C extends MessageCode & CatalogueCode>(code: C, at: At, params: IssueParams[C]): Issue {
    return this.add(code, ISSUE_CODES[code].severity, at, issueText(code, params), undefined);
  }

  /** Raises a code whose words were written elsewhere (the layout module's, a plan rule's). */
  raiseText(code: Issue['code'], severity: IssueSeverity, at: At, message: LocalizedText, rule?: string): Issue {
    return this.add(code, severity, at, message, rule);
  }

  cellRef(r: number, c: number): string {
    // A grid has few columns and many issues: each column's letters are written once.
    let letters = this.letters[c];
    if (letters === undefined) this.letters[c] = letters = columnLetters(this.originCol + c);
    return letters + String(this.originRow + r);
  }

  private add(code: Issue['code'], severity: IssueSeverity, at: At, message: LocalizedText, rule: string | undefined): Issue {
    const { r, c } = at;
    if (r >= 0 && c >= 0 && at.field !== undefined && at.value !== undefined) {
      // Most issues are at a cell, with its field and value (and a plan rule's, its id). Speed:
      // one literal with every key, in the order the general path below adds them, is one
      // allocation; adding keys one by one to a small literal grows a property store per issue.
      const cell = this.cellRef(r, c);
      const row = this.originRow + r;
      let issue: Issue;
      if (rule === undefined)
        issue = (
          this.source === undefined
            ? { code, severity, sheet: this.sheet, cell, row, field: at.field, value: at.value, message }
            : { code, severity, source: this.source, sheet: this.sheet, cell, row, field: at.field, value: at.value, message }
        ) as Issue;
      else
        issue = (
          this.source === undefined
            ? { code, severity, sheet: this.sheet, cell, row, field: at.field, value: at.value, message, rule }
            : { code, severity, source: this.source, sheet: this.sheet, cell, row, field: at.field, value: at.value, message, rule }
        ) as Issue;
      this.keep(issue, r, c, severity);
      return issue;
    }
    const issue: Issue = { code, severity } as Issue;
    if (this.source !== undefined) issue.source = this.source;
    issue.sheet = this.sheet;
    if (r >= 0) {
      if (c >= 0) issue.cell = this.cellRef(r, c);
      issue.row = this.originRow + r;
    }
    if (at.field !== undefined) issue.field = at.field;
    if (at.value !== undefined) issue.value = at.value;
    issue.message = message;
    if (rule !== undefined) issue.rule = rule;
    this.keep(issue, r, c, severity);
    return issue;
  }

  /** Adds an issue at grid row `r`, column `c` to the list, its sort keys and its row's counts. */
  private keep(issue: Issue, r: number, c: number, severity: IssueSeverity): void {
    const k = this.issues.length;
    if (k === this.rowKey.length) this.grow();
    this.issues.push(issue);
    this.rowKey[k] = r < 0 ? 0 : r + 1;
    this.colKey[k] = r < 0 || c < 0 ? 0 : c + 1;
    if (r >= 0 && r < this.errs.length) {
      if (severity === 'error') this.errs[r] = (this.errs[r] as number) + 1;
      else if (severity === 'warning') this.warns[r] = (this.warns[r] as number) + 1;
    }
  }

  private grow(): void {
    const rowKey = scratchInt32(this.rowKey.length * 2);
    const colKey = scratchInt32(this.colKey.length * 2);
    rowKey.set(this.rowKey);
    colKey.set(this.colKey);
    this.rowKey = rowKey;
    this.colKey = colKey;
  }

  /** Drops every issue of code `code` (with its sort keys); the rows' counts are the caller's. */
  drop(code: Issue['code']): void {
    const { issues, rowKey, colKey } = this;
    let to = 0;
    for (let k = 0; k < issues.length; k++) {
      const issue = issues[k] as Issue;
      if (issue.code === code) continue;
      issues[to] = issue;
      rowKey[to] = rowKey[k] as number;
      colKey[to] = colKey[k] as number;
      to++;
    }
    issues.length = to;
  }

  /** The issues ordered by row, then column (stable). */
  sorted(): Issue[] {
    const { issues, rowKey, colKey } = this;
    const n = issues.length;
    let inOrder = true;
    let maxRow = 0;
    for (let k = 0; k < n; k++) {
      const row = rowKey[k] as number;
      if (row > maxRow) maxRow = row;
      if (k > 0 && inOrder) {
        const prev = rowKey[k - 1] as number;
        if (row < prev || (row === prev && (colKey[k] as number) < (colKey[k - 1] as number))) inOrder = false;
      }
    }
    if (inOrder) return issues;
    // Cells are read a column at a time, so issues come out of row order. Speed: a counting sort
    // by row, then each row's few issues by column (a number sort of 107k keys, and then the
    // look-ups in its order, took 25 ms of an all-bad call).
    const end = scratchInt32(maxRow + 2);
    for (let k = 0; k < n; k++) {
      const b = (rowKey[k] as number) + 1;
      end[b] = (end[b] as number) + 1;
    }
    for (let b = 1; b < end.length; b++) end[b] = (end[b] as number) + (end[b - 1] as number);
    const idx = scratchInt32(n);
    for (let k = 0; k < n; k++) {
      const b = rowKey[k] as number;
      const at = end[b] as number;
      idx[at] = k;
      end[b] = at + 1;
    }
    // end[b] is now where row bucket b ends; within it, issues are still in raise order.
    let from = 0;
    for (let b = 0; b <= maxRow; b++) {
      const to = end[b] as number;
      if (to - from > 1) byColumn(idx, from, to, colKey);
      from = to;
    }
    // A copy overwritten in order, not presized (an array presized past 100k elements is a slow
    // dictionary in V8) nor pushed (which regrows it several times).
    const out = issues.slice();
    for (let k = 0; k < n; k++) out[k] = issues[idx[k] as number] as Issue;
    return out;
  }
}

/**
 * Sorts `idx[from..to)` (issue indexes in raise order) by column, stably: an insertion sort for
 * the few issues of a row, a comparator sort for a row with many.
 */
function byColumn(idx: Int32Array, from: number, to: number, colKey: Int32Array): void {
  if (to - from > 32) {
    const part = Array.from(idx.subarray(from, to));
    part.sort((a, b) => (colKey[a] as number) - (colKey[b] as number)); // stable: raise order kept
    idx.set(part, from);
    return;
  }
  for (let k = from + 1; k < to; k++) {
    const v = idx[k] as number;
    const key = colKey[v] as number;
    let j = k - 1;
    while (j >= from && (colKey[idx[j] as number] as number) > key) {
      idx[j + 1] = idx[j] as number;
      j--;
    }
    idx[j + 1] = v;
  }
}
