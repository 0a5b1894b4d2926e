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

/** Where an issue is: grid row and column (0-based, -1 for none), the field and the value typed. */
export interface At {
  r: number;
  c: number;
  field?: string | undefined;
  value?: unknown;
}

/** Sort key: grid row, then column; table-level issues (row -1) first. */
const COLS = 1 << 15;

/** The issues of one grid, and the counts of the row being read. */
export class Run implements Emitter {
  readonly issues: Issue[] = [];
  readonly ord: number[] = [];
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
    this.errs = new Int32Array(rows);
    this.warns = new Int32Array(rows);
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
    if (r >= 0 && c >= 0 && at.field !== undefined && at.value !== undefined && rule === undefined) {
      // Most issues are at a cell, with its field and value. Speed: one literal with every key,
      // in the order the general path below adds them, is one allocation; adding keys one by one
      // to a small literal grows a property store per issue.
      const cell = this.cellRef(r, c);
      const row = this.originRow + r;
      const issue = (
        this.source === undefined
          ? { code, severity, sheet: this.sheet, cell, row, field: at.field, value: at.value, message }
          : { code, severity, source: this.source, sheet: this.sheet, cell, row, field: at.field, value: at.value, message }
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

  /** Adds an issue at grid row `r`, column `c` to the list, its sort key and its row's counts. */
  private keep(issue: Issue, r: number, c: number, severity: IssueSeverity): void {
    this.issues.push(issue);
    this.ord.push(r < 0 ? -1 : r * COLS + (c < 0 ? 0 : c + 1));
    if (r >= 0 && r < this.errs.length) {
      if (severity === 'error') this.errs[r] = (this.errs[r] as number) + 1;
      else if (severity === 'warning') this.warns[r] = (this.warns[r] as number) + 1;
    }
  }

  /** The issues ordered by row, then column (stable). */
  sorted(): Issue[] {
    const { ord, issues } = this;
    let inOrder = true;
    for (let i = 1; i < ord.length; i++) {
      if ((ord[i] ?? 0) < (ord[i - 1] ?? 0)) {
        inOrder = false;
        break;
      }
    }
    if (inOrder) return issues;
    // Cells are read a column at a time, so issues come out of row order. Speed: one key per
    // issue (its place, then its raise order) sorted as numbers, where they fit in a double
    // (a comparator sort of 100k issues took 20-45 ms).
    const n = issues.length;
    let maxOrd = 0;
    for (let i = 0; i < n; i++) if ((ord[i] as number) > maxOrd) maxOrd = ord[i] as number;
    if ((maxOrd + 2) * n < Number.MAX_SAFE_INTEGER) {
      const keys = new Float64Array(n);
      for (let i = 0; i < n; i++) keys[i] = ((ord[i] as number) + 1) * n + i;
      keys.sort();
      // Pushed, not presized: an array presized past 100k elements is a slow dictionary in V8.
      const out: Issue[] = [];
      for (let k = 0; k < n; k++) out.push(issues[(keys[k] as number) % n] as Issue);
      return out;
    }
    const idx = issues.map((_, i) => i);
    idx.sort((a, b) => (ord[a] ?? 0) - (ord[b] ?? 0) || a - b);
    return idx.map((i) => issues[i] as Issue);
  }
}
