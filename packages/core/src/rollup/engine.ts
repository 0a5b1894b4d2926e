/**
 * The roll-up engine: one pass over the rows of the returns of a template, combining any-time
 * returns of one district and subject into a cell by each field's roll-up kind, then cells up the
 * hierarchy. Generic: the template's fields say what to do; no field names are known here.
 */
import { lt } from '../i18n/text.js';
import { fiscalYearOf } from '../period/index.js';
import { getBody, getUnit, unitAtLevel } from '../plan/queries.js';
import type { Field, Flow, Plan, Template } from '../plan/schema.js';
import type { FieldValue, RowRef } from '../returns/types.js';
import type { ReviewState } from '../review-state/types.js';
import type { Submission } from './submission.js';
import type { Aggregate, CellRow, FigureValue, NamedRef, Provenance, ReportField } from './types.js';
import { figureId, rowId } from './figure-id.js';
import { useOf, type SubmissionUse } from './use.js';

/** How a template rolls up, worked out once from its fields. */
export interface TemplateShape {
  template: Template;
  flow: Flow | undefined;
  /**
   * The flows rolled up together: those carrying the template between the same bodies (an
   * interim and a year-end flow of one half-year cadence).
   */
  flowIds: string[];
  /** Key of the field naming a return's period, if the template has one. */
  periodField: string | undefined;
  fyField: string;
  dateField: string | undefined;
  unitField: string;
  subjectField: string | undefined;
  /** Key fields other than the fiscal year: they identify a cell. */
  keyFields: string[];
  /** Key fields beyond the unit, its parent units and the subject (e.g. department, indicator). */
  extraKeys: string[];
  sum: string[];
  /** Levels (`stock`): the latest report's value in a cell, added across cells. */
  stock: string[];
  /** `sum` then `stock` fields: the figures that add up across cells. */
  totals: string[];
  /** `last` fields rolled up as a distribution of categories. */
  lastCat: string[];
  /** `last` date fields rolled up as the latest date. */
  lastDate: string[];
  /** All `last` fields (values of a cell). */
  last: string[];
  any: string[];
  union: string[];
  collect: string[];
  dist: string[];
  /** Level of the sending units (district), when the sender exists per unit. */
  senderLevel: string | undefined;
  /** Level at which returns are received (ward), when the receiver exists per unit. */
  scopeLevel: string | undefined;
  fields: ReportField[];
  /** Fields rolled up as distributions: last categories, unions, distributions. */
  catFields: string[];
  /** Option codes of the fields with a vocabulary. */
  options: Map<string, string[]>;
}

const CATEGORY_TYPES = new Set(['enum', 'boolean', 'unit', 'initiative', 'measure', 'multiEnum']);

/**
 * @internal Works out how a template rolls up.
 * @example
 * ```ts
 * shapeOf(plan, getTemplate(plan, 'district-activity')!).sum; // ['sessions', 'participants']
 * ```
 */
export function shapeOf(plan: Plan, template: Template, flowOf?: Flow): TemplateShape {
  const flow = flowOf ?? plan.flows.find((f) => f.template === template.id);
  const from = flow ? getBody(plan, flow.from) : undefined;
  const to = flow ? getBody(plan, flow.to) : undefined;
  const s: TemplateShape = {
    template,
    flow,
    flowIds: flow ? plan.flows.filter((f) => f.template === template.id && f.from === flow.from && f.to === flow.to).map((f) => f.id) : [],
    periodField: template.periodField,
    fyField: template.fiscalYearField,
    dateField: template.reportDateField,
    unitField: template.unitField,
    subjectField: template.subjectField,
    keyFields: [],
    extraKeys: [],
    sum: [],
    stock: [],
    totals: [],
    lastCat: [],
    lastDate: [],
    last: [],
    any: [],
    union: [],
    collect: [],
    dist: [],
    senderLevel: from?.perUnit ? from.level : undefined,
    scopeLevel: to?.perUnit ? to.level : undefined,
    fields: template.fields.map((f) => reportField(plan, f)),
    catFields: [],
    options: new Map(),
  };
  for (const f of template.fields) {
    switch (f.rollup) {
      case 'key':
        if (f.key !== template.fiscalYearField) s.keyFields.push(f.key);
        break;
      case 'sum':
        s.sum.push(f.key);
        break;
      case 'stock':
        s.stock.push(f.key);
        break;
      case 'last':
        s.last.push(f.key);
        if (f.type === 'date') s.lastDate.push(f.key);
        else if (CATEGORY_TYPES.has(f.type)) s.lastCat.push(f.key);
        break;
      case 'any':
        s.any.push(f.key);
        break;
      case 'union':
        s.union.push(f.key);
        break;
      case 'collect':
        s.collect.push(f.key);
        break;
      case 'distribution':
        s.dist.push(f.key);
        break;
      case 'none':
        break;
    }
  }
  // The unit determines its parent units, so only the rest of the key needs spelling out.
  const implied = new Set<string>([template.unitField]);
  if (template.subjectField !== undefined) implied.add(template.subjectField);
  for (let f = template.fields.find((x) => x.key === template.unitField); f?.type === 'unit' && f.parentField !== undefined; ) {
    implied.add(f.parentField);
    const parent: string = f.parentField;
    f = template.fields.find((x) => x.key === parent);
  }
  s.extraKeys = s.keyFields.filter((k) => !implied.has(k));
  s.catFields = [...s.lastCat, ...s.union, ...s.dist];
  s.totals = [...s.sum, ...s.stock];
  for (const f of s.fields) if (f.options) s.options.set(f.key, f.options.map((o) => o.code));
  return s;
}

function reportField(plan: Plan, f: Field): ReportField {
  const out: ReportField = { key: f.key, label: f.label, type: f.type, rollup: f.rollup };
  const vocab = f.type === 'enum' || f.type === 'multiEnum' ? plan.vocabularies[f.vocabulary] : undefined;
  if (vocab) out.options = vocab.options.map((o) => ({ code: o.code, label: o.label }));
  else if (f.type === 'boolean') out.options = [{ code: 'true', label: lt('はい', 'Yes') }, { code: 'false', label: lt('いいえ', 'No') }];
  if (f.numberFormat !== undefined) out.numberFormat = f.numberFormat;
  return out;
}

/** @internal A cell being accumulated. */
export interface CellAcc {
  unit: string;
  subject: string;
  keys: FieldValue[];
  /** Rows counted in the cell, made at the end of the scan (`nRows` of them). */
  rows: number[];
  nRows: number;
  last: number;
  /** The values of the latest row. */
  lastVals: Record<string, FieldValue>;
  lastDate: string;
  /** `lastDate` packed ({@link packDate}), 0 when none or not of that form. */
  lastPacked: number;
  lastSub: number;
  lastRow: number;
  sums: number[];
  flags: number[][];
  /** Per `collect` field, the rows with a text, made at the end of the scan (`nTexts` of them). */
  texts: number[][];
  /** The trimmed texts of `texts`, read during the scan (lists are built from them later). */
  textVals: string[][];
  nTexts: number[];
  /** Codes of `union` fields, each once: a short array, since a cell sees few codes and `includes` beats hashing. */
  union: string[][];
  dist: Map<string, number>[];
  provisional: boolean;
}

/** @internal One return's rows of one sending unit. */
export interface ReturnAcc {
  sub: number;
  rows: number;
  errors: number;
  maxDate: string | null;
  /** `maxDate` packed ({@link packDate}), 0 when none or not of that form. */
  maxPacked: number;
  /** The period its period field names (first row that names one), else null. */
  period: number | null;
}

/** @internal What the scan knows of a sending unit (district). */
export interface UnitAcc {
  unit: string;
  errorRows: number[];
  errors: number;
  lastReport: string | null;
  /** `lastReport` packed ({@link packDate}), 0 when none or not of that form. */
  lastReportPacked: number;
  /** Index of the row the last report date comes from (-1 when none). */
  lastReportRow: number;
  returns: Map<number, ReturnAcc>;
  /** The return of the previous row, since rows of one return come together. */
  lastRet: ReturnAcc | undefined;
  /** Subjects of arrived rows without errors / with or without errors. */
  subjectsValid: Set<string>;
  subjectsAll: Set<string>;
  /**
   * While scanning, per subject number ({@link ScanRun}): 1 when an arrived row names it, | 2
   * when one without errors does (`subjectsAll` and `subjectsValid` are made from it at the end).
   * With the cells by subject number below, one lookup per row instead of three hashings.
   */
  seen: number[];
  /** Per subject number, 1 + the cell of this unit and subject (templates without extra keys). */
  cellBySubject: number[];
  /**
   * Rows of arrived returns, for completeness provenance (filled at the end of the scan). A
   * plain array, given as it is to the provenance of the unit's `returns` and of its
   * obligations when every return counts: 200 000 fewer copied row numbers in an annual report
   * on 100k rows.
   */
  arrivedRows: number[];
  /** How many rows of arrived returns (the length of `arrivedRows`). */
  nArrived: number;
  /** Position of the unit in its scope's `unitList`. */
  ord: number;
  /** Cells of this unit by the rest of their key (subject and extra keys), with extra keys. */
  cells: Map<string, number>;
}

/** @internal The rows of one receiving scope (a ward), with their cells and units. */
export interface ScopeScan {
  scope: string;
  /** Position in the scan's scopes (1 + it marks the scope's rows in the scan's row space). */
  ord: number;
  /** Rows of the scope (while scanning: the next row's index). */
  n: number;
  /**
   * Record index of each row in its return (`subOf`), made at the end of the scan: the rows'
   * refs are made from it only when read ({@link scopeRefs}).
   */
  recOf: Int32Array;
  /**
   * Report date of each row as yyyymmdd (0 when none or not of that form): read it with
   * {@link rowDate}. Speed: a string per row was the costliest store of the scan (pointer stores
   * into a long array while the collector marks; see {@link packDate}).
   */
  dateOf: Int32Array;
  /** Report dates not of the form yyyy-mm-dd (kept as given), by row. */
  oddDates: Map<number, string>;
  /** Return (index into the scan's `uses`) of each row. */
  subOf: Int32Array;
  cells: CellAcc[];
  units: Map<string, UnitAcc>;
  /** The units in order of first row (`ord`). */
  unitList: UnitAcc[];
}

/** @internal The result of a scan. */
export interface Scan {
  shape: TemplateShape;
  subs: Submission[];
  uses: SubmissionUse[];
  scopes: Map<string, ScopeScan>;
  /** Rows of another fiscal year, per scope and return (index into `uses`). */
  otherYear: Map<string, Map<number, number>>;
}

/** @internal Options of a scan. */
export interface ScanOptions {
  fiscalYear: number;
  /** Only these scopes (ward codes, or the top unit for single senders); all when absent. */
  scopes?: Set<string>;
  review?: ReviewState | undefined;
  includeProvisional: boolean;
  includeInvalid: boolean;
}

/**
 * Whether `String.prototype.trim` could remove this character (white space or line terminator;
 * every control character is counted in, which only costs a needless trim). Most texts need no
 * trim, and checking both ends is much cheaper than calling it.
 */
function isTrimSpace(c: number): boolean {
  return (
    c <= 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const EMPTY_ROWS = new Int32Array(0);

/**
 * @internal Row indices as a new plain array, each plus `offset`. Presized and filled in order
 * (it stays a fast array): growing arrays by pushes left about 6 MB of garbage per annual report
 * on 100k rows (sampling heap profile).
 * @example
 * ```ts
 * rowList(new Int32Array([3, 4]), 10); // [13, 14]
 * ```
 */
export function rowList(rows: ArrayLike<number>, offset = 0): number[] {
  const out = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = rows[i]! + offset;
  return out;
}

/**
 * @internal A local date `yyyy-mm-dd` as the number yyyymmdd, or 0 when the text is not of that
 * form (`0000-00-00` included, which would read as no date). Speed: a number per row in a typed
 * array, not a string per row in a JS array — in the profile of an annual report on 100k rows,
 * pushing the dates' strings was half of making the per-row arrays at the end of the scan.
 * @example
 * ```ts
 * packDate('2026-05-01'); // 20260501
 * packDate('2026/5/1');   // 0
 * ```
 */
export function packDate(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return 0;
  let n = 0;
  for (let i = 0; i < 10; i++) {
    if (i === 4 || i === 7) continue;
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

/**
 * @internal The report date of a row of a scope, as it was read (null when none).
 * @example
 * ```ts
 * rowDate(ss, 0); // '2026-05-01'
 * ```
 */
export function rowDate(ss: ScopeScan, row: number): string | null {
  const n = ss.dateOf[row]!;
  if (n === 0) return ss.oddDates.get(row) ?? null;
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/**
 * @internal Compares two report dates as `a > b` and `a === b` on their texts would: 1, 0 or -1.
 * When both are packed ({@link packDate}) the numbers are compared, in the texts' order.
 * @example
 * ```ts
 * later('2026-05-02', 20260502, '2026-05-01', 20260501); // 1
 * ```
 */
export function later(a: string, ap: number, b: string, bp: number): number {
  if (ap > 0 && bp > 0) return ap > bp ? 1 : ap === bp ? 0 : -1;
  return a > b ? 1 : a === b ? 0 : -1;
}

/**
 * The per-row data of a scan, in one row space: row `g` is record `g - base` of the scan's
 * return `si`, where `base` counts the records of the returns before it. The arrays hold at least
 * the scan's records and are lent from scan to scan ({@link rowSpaceFor}).
 *
 * Speed: the scan stores only integers per row and the per-row JS arrays (refs, cell rows,
 * arrived rows) are made at its end, presized, in one short loop that is optimised at once.
 * Measured by taking work out of the old scan (100k rows, CPU, one process): 110 ms as it was,
 * 70 without pushing refs and dates per row, 88 without pushing cell rows. Typed arrays per
 * scope, allocated anew at each doubling, were a further 16 ms a report in a CPU profile.
 */
interface RowSpace {
  /** Per row, 1 + the `ord` of its scope when the row is in one, else 0. */
  scope: Int32Array;
  /** Per row, 1 + its cell's index in its scope, else 0. */
  cell: Int32Array;
  /** Per row, 1 + the `ord` of its unit when its return arrived, else 0. */
  arrived: Int32Array;
  /** Per row, its report date packed ({@link packDate}), else 0. */
  date: Int32Array;
  /**
   * Per `collect` field, per row, its trimmed text when the row is counted and has one (else
   * undefined); emptied again at the end of the scan. Speed: the cells' texts were grown by
   * `push` during the scan, about 6 of the 23 MB an annual report on 100k rows allocated.
   */
  text: (string | undefined)[][];
}

/** Makes the scopes' per-row arrays from the row space, in row order. */
function finishScan(scopes: readonly ScopeScan[], subs: readonly Submission[], rs: RowSpace): void {
  for (const ss of scopes) {
    ss.recOf = new Int32Array(ss.n);
    ss.subOf = new Int32Array(ss.n);
    ss.dateOf = new Int32Array(ss.n);
    for (const c of ss.cells) {
      c.rows = new Array<number>(c.nRows);
      c.nRows = 0;
      for (let k = 0; k < c.nTexts.length; k++) {
        c.texts[k] = new Array<number>(c.nTexts[k]!);
        c.textVals[k] = new Array<string>(c.nTexts[k]!);
        c.nTexts[k] = 0;
      }
    }
    for (const ua of ss.unitList) {
      ua.arrivedRows = new Array<number>(ua.nArrived);
      ua.nArrived = 0;
    }
    ss.n = 0;
  }
  const text = rs.text;
  let g = 0;
  for (let si = 0; si < subs.length; si++) {
    const n = subs[si]!.records.length;
    for (let ri = 0; ri < n; ri++, g++) {
      const sc = rs.scope[g]!;
      if (sc === 0) continue;
      // Rows are visited in the scan's order, so each gets the index the scan gave it.
      const ss = scopes[sc - 1]!;
      const i = ss.n++;
      ss.recOf[i] = ri;
      ss.subOf[i] = si;
      ss.dateOf[i] = rs.date[g]!;
      const ci = rs.cell[g]!;
      if (ci > 0) {
        const c = ss.cells[ci - 1]!;
        c.rows[c.nRows++] = i;
        for (let k = 0; k < text.length; k++) {
          const t = text[k]![g];
          if (t === undefined) continue;
          text[k]![g] = undefined;
          const at = c.nTexts[k]!++;
          c.texts[k]![at] = i;
          c.textVals[k]![at] = t;
        }
      }
      const u = rs.arrived[g]!;
      if (u > 0) {
        const ua = ss.unitList[u - 1]!;
        ua.arrivedRows[ua.nArrived++] = i;
      }
    }
  }
}

/**
 * @internal The refs of a scope's rows, in row order, as a new array; `subs` are the scan's.
 * Speed: made only when a caller reads them. Storing 100 000 refs at the end of every scan (and
 * reading each record again for them) was 4–5 % of an annual report.
 * @example
 * ```ts
 * scopeRefs(sc.subs, ss)[0]; // { sheet: '活動状況報告', row: 5 }
 * ```
 */
export function scopeRefs(subs: readonly Submission[], ss: ScopeScan): RowRef[] {
  const out: RowRef[] = [];
  for (let i = 0; i < ss.n; i++) out.push(subs[ss.subOf[i]!]!.records[ss.recOf[i]!]!.ref);
  return out;
}

/** The code of the single sender's "unit" (a body that is not per unit). */
export const SINGLE = '*';

/**
 * @internal Orders submissions so that nothing downstream depends on the order they came in.
 * @example
 * ```ts
 * sortSubmissions([b, a])[0] === a;
 * ```
 */
export function sortSubmissions(subs: readonly Submission[]): Submission[] {
  // Returns usually come in order already (files read in name order): a stable sort would then
  // give them back as they are, so one pass checks that first. Speed: sorting 2 000 ordered
  // returns was 4 % of an annual report on 100k rows.
  let sorted = true;
  for (let i = 1; i < subs.length && sorted; i++) sorted = bySubmission(subs[i - 1]!, subs[i]!) <= 0;
  return sorted ? subs.slice() : [...subs].sort(bySubmission);
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order of {@link sortSubmissions}: source, sheet, id, date of receipt, size, first row. */
function bySubmission(a: Submission, b: Submission): number {
  return (
    byText(a.source ?? '', b.source ?? '') ||
    byText(a.sheet, b.sheet) ||
    byText(a.id, b.id) ||
    byText(a.receivedOn ?? '', b.receivedOn ?? '') ||
    a.records.length - b.records.length ||
    (a.records[0]?.ref.row ?? 0) - (b.records[0]?.ref.row ?? 0)
  );
}

/**
 * @internal Scans the rows of one template's submissions for a fiscal year in one pass.
 * `subs` must come from {@link sortSubmissions}.
 * @example
 * ```ts
 * scan(plan, sortSubmissions(subs), shapeOf(plan, t), { fiscalYear: 2026, includeProvisional: false, includeInvalid: false });
 * ```
 */
export function scan(plan: Plan, subs: Submission[], shape: TemplateShape, opts: ScanOptions): Scan {
  return scanRows(plan, subs, shape, opts.fiscalYear, opts.scopes, opts.review, opts.includeProvisional, opts.includeInvalid);
}

/**
 * The scan itself, given the options one by one. Speed: an options object is made by each
 * caller with its own shape and dies with the call; the optimised scan, which had read it, was
 * then thrown away when the collector dropped that shape ("weak objects" in `--trace-deopt`, 3
 * times in the 18 timed calls of the bench's roll-up case; the scan then ran unoptimised until
 * re-optimised on the stack). It now never sees one; only this short wrapper's code does.
 */
function scanRows(
  plan: Plan,
  subs: Submission[],
  shape: TemplateShape,
  fiscalYear: number,
  scopes: Set<string> | undefined,
  review: ReviewState | undefined,
  includeProvisional: boolean,
  includeInvalid: boolean,
): Scan {
  const top = plan.units.find((u) => u.parent === undefined)?.code ?? SINGLE;
  const { fyField, dateField, unitField, subjectField, extraKeys } = shape;
  const single = shape.senderLevel === undefined;
  const uses: SubmissionUse[] = [];
  const templateSubs: Submission[] = [];
  let total = 0;
  for (const sub of subs) {
    if (sub.templateId !== shape.template.id) continue;
    templateSubs.push(sub);
    total += sub.records.length;
  }
  const rs = rowSpaceFor(total);
  const run = newRun(plan, shape, scopes, top, single);
  for (const x of plan.initiatives) subjectNumber(run, x.code);
  for (const x of plan.measures) subjectNumber(run, x.code);
  let prevUnit: string | undefined;
  let prevSs: ScopeScan | undefined;
  let prevUa: UnitAcc | undefined;
  let prevSubject: string | undefined;
  let sid = 0;
  let base = 0;
  for (let si = 0; si < templateSubs.length; si++) {
    const sub = templateSubs[si]!;
    const use = useOf(sub, review, includeProvisional);
    uses.push(use);
    const leftOut = use.use === 'left-out';
    const provisional = use.use === 'provisional';
    const records = sub.records;
    let nRecords = 0;
    let nWithErrors = 0;
    let nOtherYear = 0;
    for (let ri = 0; ri < records.length; ri++) {
      const rec = records[ri]!;
      const v = rec.values;
      const g = base + ri;
      let fy = v[fyField];
      if (typeof fy !== 'number') fy = yearOfDate(plan, dateField === undefined ? null : v[dateField]);
      if (fy !== fiscalYear) {
        // Said, not silent: a row of another year in the roll-up's scope is counted as such.
        if (fy !== null && countOtherYear(run, v[unitField], si)) nOtherYear++;
        continue;
      }
      const unitVal = v[unitField];
      let unit: string;
      if (single) unit = SINGLE;
      else if (typeof unitVal === 'string') unit = unitVal;
      else continue;
      // Rows of one return usually share their unit: skip the lookups when it repeats.
      let ss: ScopeScan;
      let ua: UnitAcc;
      if (unit === prevUnit && prevSs !== undefined && prevUa !== undefined) {
        ss = prevSs;
        ua = prevUa;
      } else {
        const s0 = scopeScanOf(run, unit);
        if (s0 === undefined) continue;
        ss = s0;
        ua = ss.units.get(unit) ?? newUnit(run, ss, unit);
        prevUnit = unit;
        prevSs = ss;
        prevUa = ua;
      }
      const idx = ss.n++;
      rs.scope[g] = ss.ord + 1;
      nRecords++;
      const date = dateField === undefined ? null : v[dateField];
      const dateStr = typeof date === 'string' ? date : '';
      // Dates are compared as packed numbers when both are yyyy-mm-dd (the same order as the
      // texts'), not by a string comparison per row and per latest-value slot.
      let packed = 0;
      if (typeof date === 'string') {
        packed = packDate(date);
        if (packed > 0) rs.date[g] = packed;
        else ss.oddDates.set(idx, date);
      }
      const sv = subjectField === undefined ? SINGLE : v[subjectField];
      const subject = typeof sv === 'string' ? sv : String(sv ?? '');
      // Subjects as small numbers; rows of a return often repeat the previous row's subject.
      if (subject !== prevSubject) {
        sid = subjectNumber(run, subject);
        prevSubject = subject;
      }
      if (sid >= ua.seen.length) widen(ua, sid);
      const errors = rec.errors;
      const hasErrors = errors > 0;
      if (hasErrors) {
        ua.errors += errors;
        ua.errorRows.push(idx);
        nWithErrors++;
      }
      if (use.arrived) {
        arrive(ua, si, errors, dateStr, packed, shape.periodField === undefined ? undefined : v[shape.periodField]);
        rs.arrived[g] = ua.ord + 1;
        ua.nArrived++;
        const seen = ua.seen[sid]!;
        const now = hasErrors ? seen | 1 : seen | 3;
        if (now !== seen) ua.seen[sid] = now;
      }
      if (leftOut || (hasErrors && !includeInvalid)) continue;
      if (dateStr !== '' && (ua.lastReport === null || later(dateStr, packed, ua.lastReport, ua.lastReportPacked) > 0)) {
        ua.lastReport = dateStr;
        ua.lastReportPacked = packed;
        ua.lastReportRow = idx;
      }

      let key = '';
      let ci: number | undefined;
      if (extraKeys.length === 0) {
        const x = ua.cellBySubject[sid]!;
        ci = x > 0 ? x - 1 : undefined;
      } else {
        key = subject;
        for (let k = 0; k < extraKeys.length; k++) key += '\u001f' + String(v[extraKeys[k]!]);
        ci = ua.cells.get(key);
      }
      let c: CellAcc;
      if (ci === undefined) {
        ci = ss.cells.length;
        c = newCell(shape, unit, subject, idx, v, dateStr, packed, si, rec.ref.row);
        ss.cells.push(c);
        if (extraKeys.length === 0) ua.cellBySubject[sid] = ci + 1;
        else ua.cells.set(key, ci);
      } else {
        c = ss.cells[ci]!;
        // The latest report wins; ties go to the later return (ordered by source, sheet, id), then row.
        const d = later(dateStr, packed, c.lastDate, c.lastPacked);
        if (d > 0 || (d === 0 && (si > c.lastSub || (si === c.lastSub && rec.ref.row > c.lastRow)))) {
          c.last = idx;
          c.lastVals = v;
          c.lastDate = dateStr;
          c.lastPacked = packed;
          c.lastSub = si;
          c.lastRow = rec.ref.row;
        }
      }
      rs.cell[g] = ci + 1;
      c.nRows++;
      // A row with open errors counts only because the caller asked (includeInvalid): provisional 暫定.
      if (provisional || hasErrors) c.provisional = true;
      addFields(c, v, idx, g, shape, rs);
    }
    use.records += nRecords;
    use.rowsWithErrors += nWithErrors;
    use.otherYear += nOtherYear;
    base += records.length;
  }
  finishScan(run.scopeList, templateSubs, rs);
  for (const ss of run.scopeList)
    for (const ua of ss.unitList)
      for (let k = 0; k < ua.seen.length; k++) {
        if ((ua.seen[k]! & 1) !== 0) ua.subjectsAll.add(run.subjects[k]!);
        if ((ua.seen[k]! & 2) !== 0) ua.subjectsValid.add(run.subjects[k]!);
      }
  return { shape, subs: templateSubs, uses, scopes: run.scopes, otherYear: run.otherYear };
}

/**
 * What a scan keeps while it runs. The scan's helpers are module functions that take it, not
 * closures made per call: a closure made per call is a new call target each time, and the
 * optimised scan was thrown away at the next call ("wrong call target", then "weak objects").
 */
interface ScanRun {
  plan: Plan;
  shape: TemplateShape;
  /** Only these scopes ({@link ScanOptions.scopes}); all when undefined. */
  only: Set<string> | undefined;
  top: string;
  single: boolean;
  /** Scope (receiving unit) of each sending unit seen. */
  scopeCache: Map<string, string | undefined>;
  scopes: Map<string, ScopeScan>;
  otherYear: Map<string, Map<number, number>>;
  /** The scopes in order of first row (`ord`). */
  scopeList: ScopeScan[];
  /** Subjects as small numbers: the plan's initiatives and measures, then any other code read. */
  subjectNumbers: Map<string, number>;
  subjects: string[];
}

function newRun(plan: Plan, shape: TemplateShape, only: Set<string> | undefined, top: string, single: boolean): ScanRun {
  return {
    plan,
    shape,
    only,
    top,
    single,
    scopeCache: new Map(),
    scopes: new Map(),
    otherYear: new Map(),
    scopeList: [],
    subjectNumbers: new Map(),
    subjects: [],
  };
}

function newRowSpace(rows: number): RowSpace {
  return { scope: new Int32Array(rows), cell: new Int32Array(rows), arrived: new Int32Array(rows), date: new Int32Array(rows), text: [] };
}

/** The text column `k` of a row space, made on first use (filled with undefined, never holey). */
function textColumn(rs: RowSpace, k: number): (string | undefined)[] {
  while (rs.text.length <= k) rs.text.push(new Array<string | undefined>(rs.scope.length).fill(undefined));
  return rs.text[k]!;
}

/** Rows up to which a scan's row space is kept for the next scan (16 bytes a row, 4 MB, and 8 more a row per text column). */
const KEEP_ROWS = 262_144;
let spareRows: RowSpace | undefined;

/**
 * A row space of at least `rows` rows, zeroed: the last one when it is large enough. Scans run
 * one at a time and keep nothing of their row space, so it can be lent again. Speed: four new
 * typed arrays of 400 kB per scan were 3–5 % of an annual report on 100k rows (CPU profile; new
 * backing stores are fresh pages and count as external memory for the collector); zeroing the
 * kept ones is a memset.
 */
function rowSpaceFor(rows: number): RowSpace {
  const spare = spareRows;
  if (spare !== undefined && spare.scope.length >= rows) {
    spare.scope.fill(0, 0, rows);
    spare.cell.fill(0, 0, rows);
    spare.arrived.fill(0, 0, rows);
    spare.date.fill(0, 0, rows);
    // Emptied by the scan that used them, unless it threw.
    for (const t of spare.text) t.fill(undefined, 0, rows);
    return spare;
  }
  const rs = newRowSpace(rows);
  if (rows <= KEEP_ROWS) spareRows = rs;
  return rs;
}

/**
 * One scan state and one row space kept for the module's life, so that their shapes are too.
 * The shape of an object literal lives only while some object has it, and these die with each
 * scan: the collector then dropped the shapes and V8 threw the optimised scan away at every
 * report ("weak objects" in `--trace-deopt`), which ran the next report's scan unoptimised.
 * @internal Exported only so that no bundler drops it as unused.
 */
export const _keepShapes: readonly unknown[] = [newRowSpace(0), newRun(null as unknown as Plan, null as unknown as TemplateShape, new Set(), '', false)];

function subjectNumber(run: ScanRun, subject: string): number {
  let n = run.subjectNumbers.get(subject);
  if (n === undefined) {
    n = run.subjects.length;
    run.subjectNumbers.set(subject, n);
    run.subjects.push(subject);
  }
  return n;
}

/** Makes room in a unit's per-subject arrays for subject number `sid` (a code outside the plan). */
function widen(ua: UnitAcc, sid: number): void {
  while (ua.seen.length <= sid) {
    ua.seen.push(0);
    ua.cellBySubject.push(0);
  }
}

/** The fiscal year of a report date, or null (no date, or one the plan's year cannot place). */
function yearOfDate(plan: Plan, d: FieldValue | undefined): number | null {
  if (typeof d !== 'string') return null;
  try {
    return fiscalYearOf(d, plan.fiscalYear);
  } catch {
    return null;
  }
}

/** The scope (receiving unit) of a sending unit, from the plan, once per unit. */
function scopeOfUnit(run: ScanRun, unit: string): string | undefined {
  if (run.scopeCache.has(unit)) return run.scopeCache.get(unit);
  const s = run.shape.scopeLevel === undefined ? run.top : unitAtLevel(run.plan, unit, run.shape.scopeLevel)?.code;
  run.scopeCache.set(unit, s);
  return s;
}

/**
 * The scope a row of sending unit `unit` counts in (the top unit for a single sender), or
 * undefined when it has none or the scan does not read it ({@link ScanRun.only}).
 */
function readScope(run: ScanRun, unit: FieldValue | undefined): string | undefined {
  const scope = run.single ? run.top : typeof unit === 'string' ? scopeOfUnit(run, unit) : undefined;
  return scope === undefined || (run.only !== undefined && !run.only.has(scope)) ? undefined : scope;
}

/** Counts a row of another fiscal year against its scope and return, when the scope is read. */
function countOtherYear(run: ScanRun, unitVal: FieldValue | undefined, si: number): boolean {
  const sc = readScope(run, unitVal);
  if (sc === undefined) return false;
  let m = run.otherYear.get(sc);
  if (m === undefined) run.otherYear.set(sc, (m = new Map()));
  m.set(si, (m.get(si) ?? 0) + 1);
  return true;
}

/** The scan of a sending unit's scope, made on its first row; undefined when the scope is not read. */
function scopeScanOf(run: ScanRun, unit: string): ScopeScan | undefined {
  const scope = readScope(run, unit);
  if (scope === undefined) return undefined;
  let ss = run.scopes.get(scope);
  if (ss === undefined) {
    ss = {
      scope,
      ord: run.scopeList.length,
      n: 0,
      recOf: EMPTY_ROWS,
      dateOf: EMPTY_ROWS,
      oddDates: new Map(),
      subOf: EMPTY_ROWS,
      cells: [],
      units: new Map(),
      unitList: [],
    };
    run.scopes.set(scope, ss);
    run.scopeList.push(ss);
  }
  return ss;
}

function newUnit(run: ScanRun, ss: ScopeScan, unit: string): UnitAcc {
  const ua: UnitAcc = {
    unit,
    errorRows: [],
    errors: 0,
    lastReport: null,
    lastReportPacked: 0,
    lastReportRow: -1,
    returns: new Map(),
    lastRet: undefined,
    subjectsValid: new Set(),
    subjectsAll: new Set(),
    seen: new Array<number>(run.subjects.length).fill(0),
    cellBySubject: new Array<number>(run.subjects.length).fill(0),
    arrivedRows: [],
    nArrived: 0,
    ord: ss.unitList.length,
    cells: new Map(),
  };
  ss.units.set(unit, ua);
  ss.unitList.push(ua);
  return ua;
}

/** Counts an arrived row in its return (rows, errors, latest date, period). */
function arrive(ua: UnitAcc, si: number, errors: number, dateStr: string, packed: number, pv: FieldValue | undefined): void {
  let ret = ua.lastRet !== undefined && ua.lastRet.sub === si ? ua.lastRet : ua.returns.get(si);
  if (!ret) {
    ret = { sub: si, rows: 0, errors: 0, maxDate: null, maxPacked: 0, period: null };
    ua.returns.set(si, ret);
  }
  ua.lastRet = ret;
  ret.rows++;
  if (errors > 0) ret.errors += errors;
  if (dateStr !== '' && (ret.maxDate === null || later(dateStr, packed, ret.maxDate, ret.maxPacked) > 0)) {
    ret.maxDate = dateStr;
    ret.maxPacked = packed;
  }
  if (ret.period === null && typeof pv === 'number' && Number.isInteger(pv)) ret.period = pv;
}

/**
 * A new cell, its key fields' values read from its first row `v`. Speed: the key values are read
 * here, not by a closure in the scan's loop: a closure there that captures the row's values makes
 * V8 allocate a context for them at every row, whether or not a cell is made (4.6 of the 23 MB an
 * annual report on 100k rows allocated; sampling heap profile).
 */
function newCell(
  shape: TemplateShape,
  unit: string,
  subject: string,
  idx: number,
  v: Record<string, FieldValue>,
  dateStr: string,
  packed: number,
  si: number,
  row: number,
): CellAcc {
  const { sum, any, collect, union, dist, keyFields } = shape;
  return {
    unit,
    subject,
    keys: keyFields.map((k) => v[k] ?? null),
    rows: [],
    nRows: 0,
    last: idx,
    lastVals: v,
    lastDate: dateStr,
    lastPacked: packed,
    lastSub: si,
    lastRow: row,
    sums: sum.map(() => 0),
    flags: any.map(() => []),
    texts: collect.map(() => []),
    textVals: collect.map(() => []),
    nTexts: collect.map(() => 0),
    union: union.map((): string[] => []),
    dist: dist.map(() => new Map<string, number>()),
    provisional: false,
  };
}

/**
 * Adds a counted row's fields to its cell: sums, flags, texts, union codes, distributions.
 *
 * Speed: the first fields of each kind are read at their own load site (`v[sum[0]]`,
 * `v[sum[1]]`, …), the rest in a loop. One site that reads every field in a loop sees many keys
 * and goes megamorphic (a stub-cache probe per value); a site per slot sees one key per template
 * and stays monomorphic, as in validation's `fillRecord`.
 */
function addFields(c: CellAcc, v: Record<string, FieldValue>, idx: number, g: number, shape: TemplateShape, rs: RowSpace): void {
  const { sum, any, collect, union, dist } = shape;
  const ns = sum.length;
  if (ns > 0) addSum(c, 0, v[sum[0]!]);
  if (ns > 1) addSum(c, 1, v[sum[1]!]);
  if (ns > 2) addSum(c, 2, v[sum[2]!]);
  for (let k = 3; k < ns; k++) addSum(c, k, v[sum[k]!]);
  const na = any.length;
  if (na > 0 && v[any[0]!] === true) c.flags[0]!.push(idx);
  for (let k = 1; k < na; k++) if (v[any[k]!] === true) c.flags[k]!.push(idx);
  const nc = collect.length;
  if (nc > 0) addText(c, 0, v[collect[0]!], g, rs);
  if (nc > 1) addText(c, 1, v[collect[1]!], g, rs);
  for (let k = 2; k < nc; k++) addText(c, k, v[collect[k]!], g, rs);
  const nu = union.length;
  if (nu > 0) addCodes(c.union[0]!, v[union[0]!]);
  for (let k = 1; k < nu; k++) addCodes(c.union[k]!, v[union[k]!]);
  for (let k = 0; k < dist.length; k++) {
    const x = v[dist[k]!];
    const m = c.dist[k]!;
    if (Array.isArray(x))
      for (let i = 0; i < x.length; i++) {
        const code = x[i] as string;
        m.set(code, (m.get(code) ?? 0) + 1);
      }
    else if (x !== null && x !== undefined && x !== '') m.set(String(x), (m.get(String(x)) ?? 0) + 1);
  }
}

function addSum(c: CellAcc, k: number, x: FieldValue | undefined): void {
  if (typeof x === 'number' && Number.isFinite(x)) c.sums[k]! += x;
}

/** Keeps row `g`'s text of `collect` field `k` for its cell, trimmed, when it has one. */
function addText(c: CellAcc, k: number, x: FieldValue | undefined, g: number, rs: RowSpace): void {
  if (typeof x !== 'string' || x === '') return;
  const t = isTrimSpace(x.charCodeAt(0)) || isTrimSpace(x.charCodeAt(x.length - 1)) ? x.trim() : x;
  if (t !== '') {
    (rs.text[k] ?? textColumn(rs, k))[g] = t;
    c.nTexts[k]!++;
  }
}

/** Adds the codes of a `union` field's value to a cell's codes, each once. */
function addCodes(set: string[], x: FieldValue | undefined): void {
  // Indexed: for…of over validation's frozen arrays is several times slower here.
  if (Array.isArray(x))
    for (let i = 0; i < x.length; i++) {
      const code = x[i] as string;
      if (!set.includes(code)) set.push(code);
    }
  else if (x !== null && x !== undefined && x !== '') {
    const code = String(x);
    if (!set.includes(code)) set.push(code);
  }
}

/**
 * @internal Names a unit from the plan (its code when unknown).
 * @example
 * ```ts
 * unitRef(plan, '12101').name.ja; // '中央区'
 * ```
 */
export function unitRef(plan: Plan, code: string): NamedRef {
  const u = getUnit(plan, code);
  return { code, name: u ? u.name : { ja: code, en: code }, ...(u?.sample === true ? { sample: true as const } : {}) };
}

/**
 * @internal Names a subject (initiative or measure) from the plan.
 * @example
 * ```ts
 * subjectRef(plan, 'C01').name.ja; // '見守り・声かけ活動'
 * ```
 */
export function subjectRef(plan: Plan, code: string): NamedRef {
  if (code === SINGLE) return { code, name: lt('全体', 'All') };
  const i = plan.initiatives.find((x) => x.code === code) ?? plan.measures.find((x) => x.code === code);
  return { code, name: i ? i.name : { ja: code || '（空欄）', en: code || '(blank)' }, ...(i?.sample === true ? { sample: true as const } : {}) };
}

/** @internal A place to put figures and their provenance. */
export interface Sink {
  figures: Record<string, FigureValue>;
  provenance: Record<string, Provenance>;
}

/** A plain object already in dictionary mode: thousands of figure ids are added one by one. */
function dictionary<T>(): Record<string, T> {
  const o: Record<string, T> = { x: undefined as T };
  delete o.x;
  return o;
}

/**
 * @internal A new, empty sink.
 * @example
 * ```ts
 * const sink = newSink();
 * ```
 */
export function newSink(): Sink {
  return { figures: dictionary(), provenance: dictionary() };
}

/** @internal The finished cells of a scope, with their aggregate. */
export interface BuiltCell extends CellRow {
  /** Index of the sending unit's row in the scan (for grouping). */
  unitCode: string;
  subjectCode: string;
}

function emptyAggregate(shape: TemplateShape): Aggregate {
  const a: Aggregate = { cells: 0, records: 0, sum: {}, count: {}, dist: {}, latest: {} };
  for (const f of shape.totals) a.sum[f] = 0;
  for (const f of shape.any) a.count[f] = 0;
  for (const f of shape.collect) a.count[f] = 0;
  for (const f of [...shape.lastCat, ...shape.union, ...shape.dist]) a.dist[f] = {};
  for (const f of shape.lastDate) a.latest[f] = null;
  return a;
}

/**
 * @internal Builds the public cells of a scope and emits their figures.
 * @example
 * ```ts
 * buildCells(plan, scope, shape, sink);
 * ```
 */
export function buildCells(plan: Plan, ss: ScopeScan, shape: TemplateShape, sink: Sink): BuiltCell[] {
  const unitNames = new Map<string, NamedRef>();
  const subjectNames = new Map<string, NamedRef>();
  const out: BuiltCell[] = [];
  for (let ci = 0; ci < ss.cells.length; ci++) {
    const c = ss.cells[ci]!;
    const lastVals = c.lastVals;
    const values: Record<string, FieldValue> = {};
    const agg = emptyAggregate(shape);
    agg.cells = 1;
    agg.records = c.rows.length;
    shape.keyFields.forEach((k, i) => (values[k] = c.keys[i] ?? null));
    for (const f of shape.last) values[f] = lastVals[f] ?? null;
    shape.sum.forEach((f, i) => {
      values[f] = c.sums[i]!;
      agg.sum[f] = c.sums[i]!;
    });
    // A level is read from the unit's latest report only: an interim and a year-end report of
    // a cumulative figure never add up.
    for (const f of shape.stock) {
      const x = lastVals[f];
      const n = typeof x === 'number' && Number.isFinite(x) ? x : null;
      values[f] = n;
      agg.sum[f] = n ?? 0;
    }
    const flags: Record<string, number[]> = {};
    shape.any.forEach((f, i) => {
      flags[f] = c.flags[i]!;
      values[f] = c.flags[i]!.length > 0;
      agg.count[f] = c.flags[i]!.length > 0 ? 1 : 0;
    });
    const texts: Record<string, number[]> = {};
    shape.collect.forEach((f, i) => {
      texts[f] = c.texts[i]!;
      agg.count[f] = c.texts[i]!.length;
    });
    for (const f of shape.lastCat) {
      const x = lastVals[f];
      if (Array.isArray(x)) for (const code of x) agg.dist[f]![code] = 1;
      else if (x !== null && x !== undefined && x !== '') agg.dist[f]![String(x)] = 1;
    }
    shape.union.forEach((f, i) => {
      const codes = c.union[i]!.slice().sort();
      values[f] = codes;
      for (const code of codes) agg.dist[f]![code] = 1;
    });
    shape.dist.forEach((f, i) => {
      const d = agg.dist[f]!;
      for (const [code, n] of [...c.dist[i]!].sort((a, b) => (a[0] < b[0] ? -1 : 1))) d[code] = n;
    });
    for (const f of shape.lastDate) {
      const x = lastVals[f];
      agg.latest[f] = typeof x === 'string' ? x : null;
    }
    let unit = unitNames.get(c.unit);
    if (!unit) unitNames.set(c.unit, (unit = unitRef(plan, c.unit)));
    let subject = subjectNames.get(c.subject);
    if (!subject) subjectNames.set(c.subject, (subject = subjectRef(plan, c.subject)));
    const id = rowId(c.unit, c.subject);
    const cell: BuiltCell = {
      id,
      unit,
      subject,
      values,
      agg,
      rows: c.rows,
      last: c.last,
      flags,
      texts,
      provisional: c.provisional,
      unitCode: c.unit,
      subjectCode: c.subject,
    };
    out.push(cell);
    const self = [ci];
    const last = prov({ cells: self, pick: 'last' }, c.provisional);
    emitCell(sink, id, self, agg, shape, c.provisional, last);
    for (const f of shape.last) {
      const x = values[f];
      const fid = figureId(id, f);
      sink.figures[fid] = x === null || x === undefined ? null : Array.isArray(x) ? x.join(',') : typeof x === 'boolean' ? String(x) : x;
      sink.provenance[fid] = last;
    }
  }
  return out;
}

/**
 * Emits the figures of one cell from its aggregate, as {@link emitAggregate} would for it alone
 * (same ids, order, values and rows): a cell needs no merge, so none of the merge's maps, sets
 * and per-option provenance is made for the 300-odd cells of a report. Figures with the same
 * provenance share one object.
 */
function emitCell(sink: Sink, prefix: string, self: number[], a: Aggregate, shape: TemplateShape, provisional: boolean, last: Provenance): void {
  const { figures, provenance } = sink;
  const all = prov({ cells: self, pick: 'all' }, provisional);
  let id = figureId(prefix, 'cells');
  figures[id] = a.cells;
  provenance[id] = all;
  id = figureId(prefix, 'records');
  figures[id] = a.records;
  provenance[id] = all;
  // `0 +` as the merge adds: the same numbers, -0 included.
  for (const f of shape.sum) {
    id = figureId(prefix, f);
    figures[id] = 0 + (a.sum[f] ?? 0);
    provenance[id] = all;
  }
  for (const f of shape.stock) {
    id = figureId(prefix, f);
    figures[id] = 0 + (a.sum[f] ?? 0);
    provenance[id] = last;
  }
  for (const f of shape.any) {
    id = figureId(prefix, f);
    figures[id] = 0 + (a.count[f] ?? 0);
    provenance[id] = prov({ cells: self, pick: 'flag', field: f }, provisional);
  }
  for (const f of shape.collect) {
    id = figureId(prefix, f);
    figures[id] = 0 + (a.count[f] ?? 0);
    provenance[id] = prov({ cells: self, pick: 'text', field: f }, provisional);
  }
  const nLastCat = shape.lastCat.length;
  for (let k = 0; k < shape.catFields.length; k++) {
    const f = shape.catFields[k]!;
    const d = a.dist[f];
    if (d === undefined) continue;
    // A single cell names only what it has, in the order of its own keys.
    const p = k < nLastCat ? last : all;
    for (const code of Object.keys(d)) {
      id = figureId(prefix, f, code);
      figures[id] = 0 + d[code]!;
      provenance[id] = p;
    }
  }
  for (const f of shape.lastDate) {
    const x = a.latest[f] ?? null;
    id = figureId(prefix, f);
    figures[id] = x;
    provenance[id] = x === null ? prov({ cells: [], pick: 'last' }, provisional) : last;
  }
}

function prov(p: Provenance, provisional: boolean): Provenance {
  if (provisional) p.provisional = true;
  return p;
}

/**
 * @internal Rolls cells up into one aggregate and emits its figures under `prefix`:
 * `<prefix>/cells`, `/records`, `/<sum field>`, `/<any or collect field>` (count),
 * `/<category field>=<code>` (distribution) and `/<date field>` (latest).
 * @example
 * ```ts
 * emitAggregate(sink, '12101/C01', [0, 3, 5], cells, shape);
 * ```
 */
export function emitAggregate(
  sink: Sink | null,
  prefix: string,
  cellIdx: number[],
  cells: readonly CellRow[],
  shape: TemplateShape,
): { agg: Aggregate; provisional: boolean } {
  const agg = emptyAggregate(shape);
  let provisional = false;
  const distCells = new Map<string, Map<string, number[]>>();
  const latestCells = new Map<string, number[]>();
  for (const ci of cellIdx) {
    const c = cells[ci]!;
    const a = c.agg;
    if (c.provisional) provisional = true;
    agg.cells += a.cells;
    agg.records += a.records;
    for (const f in a.sum) agg.sum[f] = (agg.sum[f] ?? 0) + a.sum[f]!;
    for (const f in a.count) agg.count[f] = (agg.count[f] ?? 0) + a.count[f]!;
    for (const f in a.dist) {
      const into = (agg.dist[f] ??= {});
      let byCode = distCells.get(f);
      if (!byCode) distCells.set(f, (byCode = new Map()));
      for (const code in a.dist[f]) {
        into[code] = (into[code] ?? 0) + a.dist[f]![code]!;
        const l = byCode.get(code);
        if (l) l.push(ci);
        else byCode.set(code, [ci]);
      }
    }
    for (const f in a.latest) {
      const x = a.latest[f] ?? null;
      const cur = agg.latest[f] ?? null;
      if (x !== null && (cur === null || x > cur)) {
        agg.latest[f] = x;
        latestCells.set(f, [ci]);
      } else if (x !== null && x === cur) latestCells.get(f)?.push(ci);
    }
  }
  if (!sink) return { agg, provisional };
  const put = (id: string, value: FigureValue, p: Provenance) => {
    sink.figures[id] = value;
    sink.provenance[id] = prov(p, provisional);
  };
  // Figures with the same provenance share one object (a report has some 12 000 figures, and
  // what survives each build is what the collector copies).
  const all: Provenance = { cells: cellIdx, pick: 'all' };
  put(figureId(prefix, 'cells'), agg.cells, all);
  put(figureId(prefix, 'records'), agg.records, all);
  for (const f of shape.sum) put(figureId(prefix, f), agg.sum[f] ?? 0, all);
  const last: Provenance = { cells: cellIdx, pick: 'last' };
  for (const f of shape.stock) put(figureId(prefix, f), agg.sum[f] ?? 0, last);
  for (const f of shape.any) put(figureId(prefix, f), agg.count[f] ?? 0, { cells: cellIdx, pick: 'flag', field: f });
  for (const f of shape.collect) put(figureId(prefix, f), agg.count[f] ?? 0, { cells: cellIdx, pick: 'text', field: f });
  const lastCat = new Set(shape.lastCat);
  for (const f of shape.catFields) {
    const d = agg.dist[f] ?? {};
    // Up the hierarchy every option gets a figure (zeros included), so tables and diffs line up
    // (a single cell names only what it has: emitCell).
    const codes = new Set<string>([...(shape.options.get(f) ?? []), ...Object.keys(d)]);
    const byCode = distCells.get(f);
    for (const code of codes) {
      put(figureId(prefix, f, code), d[code] ?? 0, {
        cells: byCode?.get(code) ?? [],
        pick: lastCat.has(f) ? 'last' : 'all',
      });
    }
  }
  for (const f of shape.lastDate) put(figureId(prefix, f), agg.latest[f] ?? null, { cells: latestCells.get(f) ?? [], pick: 'last' });
  return { agg, provisional };
}

/**
 * @internal Adds aggregates (wards into the city): the same merge as cells up the hierarchy.
 * @example
 * ```ts
 * mergeAggregates([a, b], shape).sum.sessions;
 * ```
 */
export function mergeAggregates(aggs: readonly Aggregate[], shape: TemplateShape): Aggregate {
  const fake = aggs.map((agg) => ({ agg, provisional: false }) as unknown as CellRow);
  return emitAggregate(null, '', fake.map((_, i) => i), fake, shape).agg;
}
