/**
 * What reading a cell came to — its value, whether it failed, and the issues it raised — kept per
 * field and distinct raw value from then on, so each distinct text of a column is triaged,
 * parsed and put into words once. A return's columns repeat few values (the same year,
 * ward, district, initiative, status; a year's dates; a pool of counts and phrases), so almost
 * every cell after the first rows is one map look-up and, when it raised issues, a replay of
 * them at its own cell.
 *
 * Only readings that depend on the cell alone are kept: a blank cell's issue depends on the cell
 * above (a merged cell?), so blank cells are never kept; a field read against its parent (a
 * district within its ward) keeps one table per parent value. The tables live with the compiled
 * template (what a text of a field means depends only on the plan), within a budget.
 *
 * Speed: with the column-at-a-time reading (validate.ts) this took validating 100k clean rows to
 * about 0.45 of session 4's time, output byte-identical (old and new builds alternating in one
 * process; figures in docs/benchmarks.md, issue #16). `validate/tricks.test.ts` checks that a
 * warm table gives the answers of a fresh read, issues included.
 */
import type { IssueSeverity } from '../types.js';
import type { LocalizedText } from '../../i18n/text.js';
import type { FieldValue } from '../types.js';
import { TextTable } from './text-table.js';

/** An issue a reading raised, without its place: raised again at every cell with the same value. */
export interface Said {
  code: string;
  severity: IssueSeverity;
  message: LocalizedText;
}

/** What reading one raw value of a field came to. */
export interface Outcome {
  value: FieldValue;
  /** 1 when the cell could not be read (its issue is in `said`). */
  failed: number;
  /** The issues it raised, in order; null for none. */
  said: Said[] | null;
  /** The unique-key index (its serial) where `pid` was given, or -1. */
  stamp: number;
  /** The value's part id in that index (validate/unique.ts). */
  pid: number;
  /** The value column (its id) where `code` was given, or -1. */
  cstamp: number;
  /** The value's code in that column (validate/records.ts). */
  code: number;
}

/** Distinct values remembered per field (and parent value); beyond this, new values are read each time. */
export const OUTCOME_LIMIT = 65536;

// What a compiled template keeps in all (it lives as long as the plan): a long-running add-in or
// a CLI reading thousands of files of unique narratives stops remembering at about 16 MB of text.
const KEPT_ENTRIES = 262_144;
const KEPT_CHARS = 1 << 23;

/** The outcome tables of a compiled template: one per field, or per field and parent value. */
export class Outcomes {
  private readonly own: (TextTable<Outcome> | undefined)[];
  private readonly nums: (Map<number, Outcome> | undefined)[];
  private readonly dates: (Map<number, Outcome> | undefined)[];
  private readonly byParent: (Map<unknown, TextTable<Outcome>> | undefined)[];
  private readonly lastParent: unknown[];
  private readonly lastTable: (TextTable<Outcome> | undefined)[];

  private entries = 0;
  private chars = 0;

  constructor(n: number) {
    this.own = new Array<TextTable<Outcome> | undefined>(n).fill(undefined);
    this.nums = new Array<Map<number, Outcome> | undefined>(n).fill(undefined);
    this.dates = new Array<Map<number, Outcome> | undefined>(n).fill(undefined);
    this.byParent = new Array<Map<unknown, TextTable<Outcome>> | undefined>(n).fill(undefined);
    this.lastParent = new Array<unknown>(n).fill(undefined);
    this.lastTable = new Array<TextTable<Outcome> | undefined>(n).fill(undefined);
  }

  /**
   * Whether one more outcome, of a text `length` characters long, may be kept in `table`; counts
   * it when so.
   */
  keep(table: { readonly size: number }, length: number): boolean {
    if (table.size >= OUTCOME_LIMIT || this.entries >= KEPT_ENTRIES || this.chars + length > KEPT_CHARS) return false;
    this.entries++;
    this.chars += length;
    return true;
  }

  /** The texts of field `i`. */
  table(i: number): TextTable<Outcome> {
    let t = this.own[i];
    if (t === undefined) this.own[i] = t = new TextTable();
    return t;
  }

  /**
   * The numbers of field `i` whose reading raised issues (a count below its minimum, a serial
   * that is no date): a clean number is read in place, faster than a look-up — except in a date
   * field, which keeps every serial (its reading builds a text).
   */
  numbers(i: number): Map<number, Outcome> {
    let t = this.nums[i];
    if (t === undefined) this.nums[i] = t = new Map();
    return t;
  }

  /** The Date cells of field `i`, by their time value (a date field keeps them all). */
  times(i: number): Map<number, Outcome> {
    let t = this.dates[i];
    if (t === undefined) this.dates[i] = t = new Map();
    return t;
  }

  /** The texts of field `i` read under the parent value `parent`. */
  tableUnder(i: number, parent: FieldValue | undefined): TextTable<Outcome> {
    const p = parent === undefined ? null : parent;
    const last = this.lastTable[i];
    if (last !== undefined && this.lastParent[i] === p) return last;
    let all = this.byParent[i];
    if (all === undefined) this.byParent[i] = all = new Map();
    let t = all.get(p);
    if (t === undefined) all.set(p, (t = new TextTable()));
    this.lastParent[i] = p;
    this.lastTable[i] = t;
    return t;
  }
}

/** Distinct texts the layout remembers per template and question; beyond this, new texts are worked out each time. */
export const LAYOUT_MEMO_LIMIT = 65_536;

/**
 * What the layout (returns/layout.ts) worked out about the texts of a template's data rows, kept
 * with the compiled template like the outcomes: the field a text would name as a header (a
 * repeated header row), and whether it names a totals row. Both depend on the text and the
 * template alone. Each keeps its first texts rather than starting over at the limit: clearing
 * made a year of dates (more distinct short texts than the limit) normalise every text again on
 * every call.
 */
export class LayoutMemo {
  /** A text → the field whose header it names (-1 for none), or a mark for a units text. */
  readonly headerField = new TextTable<number>();
  /** A text → the field it names as a header (`headerField` in header.ts), for finding the header. */
  readonly header = new TextTable<number>();
  /** A text → whether it names a totals row (合計, 小計, Total…). */
  readonly totalWord = new TextTable<boolean>();
}
