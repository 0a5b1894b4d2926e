/**
 * Validation of returns (報告の検証): a grid of raw cells, exactly as Excel or an xlsx reader gives
 * it, in; typed records and located, bilingual issues out. Never throws on user data.
 *
 * Order of work per row: parse every cell (parents before the fields that depend on them), compute
 * derived fields, check the row against the plan (roster, initiatives, fiscal year, dates), run
 * the template's row rules — skipping a rule whose inputs failed to parse, so one typo yields one
 * issue — then table rules (duplicates, mixed fiscal years).
 */
import type { LocalizedText } from '../i18n/text.js';
import { fiscalYearOf, formatFiscalYear, isLocalDate, todayIn, type LocalDate } from '../period/index.js';
import type { Plan } from '../plan/schema.js';
import { getTemplate, getUnit, termOfFiscalYear } from '../plan/queries.js';
import { ratio } from '../rules/conditions.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { columnLetters, displayValue, excelErrorOf, isBlankCell, parseOrigin } from './cells.js';
import { ISSUE_CODES, type CatalogueCode } from './codes.js';
import { compileTemplate, FAIL, type CompiledTemplate, type Emitter } from './compile.js';
import { COL_BLANK, COL_DERIVED, COL_UNKNOWN, combinedHeader, detectIn, findHeader, headerField, MIN_HEADER_FIELDS, probableField, subHeaderRow } from './header.js';
import { prepareLayout } from './layout.js';
import { RecordColumns } from './validate/records.js';
import { LAYOUT_MESSAGES } from './layout-messages.js';
import type { FieldValue, Issue, IssueSeverity, LocatedRecord, RawCell, SheetGrid } from './types.js';

/** Options of {@link validateGrid}. */
export interface ValidateOptions {
  plan: Plan;
  /** Template id; detected from the headers when absent. */
  template?: string;
  /** "Today" for the future-date check; default today in the plan's time zone. */
  today?: LocalDate;
  /** Report at most this many issues; `omittedIssues` counts the rest. */
  maxIssues?: number;
  /** Keep only these severities. */
  severities?: IssueSeverity[];
  /** Keep only these codes. */
  codes?: string[];
  /** Leave out these codes. */
  excludeCodes?: string[];
}

/** Counts over a validated return. Issue counts are after the code/severity filters, before the cap. */
export interface ValidationSummary {
  /** Non-blank data rows below the header. */
  rowsRead: number;
  /** Blank rows below the header, skipped. */
  blankRows: number;
  rowsValid: number;
  rowsWithErrors: number;
  errors: number;
  warnings: number;
  infos: number;
  byCode: Record<string, number>;
}

/** Where a field was found in the sheet. */
export interface FoundColumn {
  field: string;
  /** Worksheet column number (1 = A). */
  column: number;
  /** A1 address of the header cell. */
  cell: string;
}

/** The outcome of validating one grid. */
export interface ValidationResult {
  /** Template used; null when none matched (an issue says so). */
  templateId: string | null;
  sheet: string;
  source?: string;
  /** Worksheet row number of the header row. */
  headerRow: number | null;
  columns: FoundColumn[];
  /** Every non-blank data row, normalised; rows with errors too (`errors > 0`). */
  records: LocatedRecord[];
  /** Worksheet rows left out as totals rows or footers (an info issue says so). */
  leftOut: number[];
  /** Ordered by row, then column. */
  issues: Issue[];
  omittedIssues: number;
  summary: ValidationSummary;
}

/** The outcome of validating several grids together. */
export interface ValidationSetResult {
  results: ValidationResult[];
  /** The issues of every result, in grid order, capped by `maxIssues` overall. */
  issues: Issue[];
  omittedIssues: number;
  summary: ValidationSummary;
}

/** Grids seen so far and the unique keys of their rows, shared by the grids of one call. */
interface SharedKeys {
  grids: { source: string | undefined; sheet: string }[];
  byTemplate: Map<string, UniqueIndex>;
}

/**
 * Keys of the rows seen, by template. Key parts are interned to small integers and packed into
 * one number, so the look-up per row hashes no concatenated string.
 */
interface UniqueIndex {
  parts: Map<unknown, number>[];
  /** Packed keys (small integers) → owner. */
  seen: IntTable;
  /** Keys that did not pack → owner. */
  seenWide: Map<string, number>;
}

/**
 * An open-addressing hash table from small non-negative integers to numbers, in typed arrays:
 * with 100 000 rows a `Map` spends its time chasing pointers; this probes contiguous memory.
 */
class IntTable {
  private keys: Int32Array;
  private vals: Float64Array;
  private size = 0;
  private shift: number;

  /** Sized for `expected` keys at most half full, so a grid of that many rows never regrows it. */
  constructor(expected = 512) {
    let bits = 10;
    while (bits < 30 && 1 << (bits - 1) < expected) bits++;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.vals = new Float64Array(1 << bits);
    this.shift = 32 - bits;
  }

  // Fibonacci hashing: the high bits of k × 2^32/φ spread neighbouring keys apart.
  private slot(k: number): number {
    return Math.imul(k, 0x9e3779b1) >>> this.shift;
  }

  get(k: number): number {
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = this.slot(k);
    for (;;) {
      const x = keys[i] as number;
      if (x === k) return this.vals[i] as number;
      if (x === -1) return -1;
      i = (i + 1) & mask;
    }
  }

  set(k: number, v: number): void {
    if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = keys.length - 1;
    let i = this.slot(k);
    while (keys[i] !== -1 && keys[i] !== k) i = (i + 1) & mask;
    if (keys[i] === -1) this.size++;
    keys[i] = k;
    this.vals[i] = v;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    this.keys = new Int32Array(oldKeys.length * 2).fill(-1);
    this.vals = new Float64Array(oldKeys.length * 2);
    this.size = 0;
    this.shift--;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i] as number;
      if (k !== -1) this.set(k, oldVals[i] as number);
    }
  }
}

// Three parts of 10 bits make a key below 2^30: a small integer, the cheapest Map key in V8.
const PART_BITS = 1024;

function newShared(): SharedKeys {
  return { grids: [], byTemplate: new Map() };
}

const DITTO = new Set(['〃', '″', '"', '”', '同上', 'ditto']);
const DASH = new Set(['-', '－', 'ー', '―', '—', '‐', '–', '−', 'ｰ', '─', '‑']);
const SEVERITY = ISSUE_CODES;
// First characters of a ditto mark, a dash or a padded one: only such cells need the slow check.
const PLAIN_FIRST = new Uint8Array(65536).fill(1);
for (const t of [...DITTO, ...DASH, '#', '\u3000', '\u00A0', '\uFEFF']) PLAIN_FIRST[t.charCodeAt(0)] = 0;
for (let c = 0; c <= 32; c++) PLAIN_FIRST[c] = 0;
for (let c = 0x2000; c <= 0x2060; c++) PLAIN_FIRST[c] = 0;

/** Marks "no remembered cell" (no raw cell is ever this object). */
const NOTHING: unknown = Symbol('nothing');

/** Sort key: grid row, then column; table-level issues (row -1) first. */
const COLS = 1 << 15;

class Run implements Emitter {
  readonly issues: Issue[] = [];
  readonly ord: number[] = [];
  r = -1;
  c = -1;
  field: string | undefined = undefined;
  raw: unknown = undefined;
  rowErrors = 0;
  rowWarnings = 0;
  currentRow = -2;

  constructor(
    readonly sheet: string,
    readonly source: string | undefined,
    readonly originRow: number,
    readonly originCol: number,
  ) {}

  at(r: number, c: number, field: string | undefined, raw: unknown): void {
    this.r = r;
    this.c = c;
    this.field = field;
    this.raw = raw;
  }

  emit(code: CatalogueCode, ja: string, en: string): void {
    this.push(code, SEVERITY[code].severity, this.r, this.c, this.field, this.raw, ja, en, undefined);
  }

  cellRef(r: number, c: number): string {
    return columnLetters(this.originCol + c) + String(this.originRow + r);
  }

  push(
    code: string,
    severity: IssueSeverity,
    r: number,
    c: number,
    field: string | undefined,
    value: unknown,
    ja: string,
    en: string,
    rule: string | undefined,
  ): Issue {
    const issue: Issue = { code, severity } as Issue;
    if (this.source !== undefined) issue.source = this.source;
    issue.sheet = this.sheet;
    if (r >= 0) {
      if (c >= 0) issue.cell = this.cellRef(r, c);
      issue.row = this.originRow + r;
    }
    if (field !== undefined) issue.field = field;
    if (value !== undefined) issue.value = value;
    issue.message = { ja, en };
    if (rule !== undefined) issue.rule = rule;
    this.issues.push(issue);
    this.ord.push(r < 0 ? -1 : r * COLS + (c < 0 ? 0 : c + 1));
    if (r === this.currentRow) {
      if (severity === 'error') this.rowErrors++;
      else if (severity === 'warning') this.rowWarnings++;
    }
    return issue;
  }

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
    const idx = issues.map((_, i) => i);
    idx.sort((a, b) => (ord[a] ?? 0) - (ord[b] ?? 0) || a - b);
    return idx.map((i) => issues[i] as Issue);
  }
}

function emptySummary(): ValidationSummary {
  return { rowsRead: 0, blankRows: 0, rowsValid: 0, rowsWithErrors: 0, errors: 0, warnings: 0, infos: 0, byCode: {} };
}

function safeToday(plan: Plan, today: unknown): LocalDate {
  if (typeof today === 'string' && isLocalDate(today)) return today;
  // A "today" that was given but is no calendar date is a wrong argument, never replaced by the clock.
  if (today !== undefined)
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `today: expected a calendar date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  try {
    return todayIn(plan.timeZone);
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}

/**
 * Finds the template of a grid from its header row: the template whose Japanese or English
 * headers (or aliases) match a row best. `headerRow` is the worksheet row number.
 *
 * @example
 * ```ts
 * detectTemplate({ sheet: 'S', cells: [['年度', '区', '地区部会', '報告日', '取組み', '実施状況']] }, plan);
 * // { templateId: 'district-activity', headerRow: 1 }
 * ```
 */
export function detectTemplate(grid: SheetGrid, plan: Plan): { templateId: string; headerRow: number } | null {
  try {
    const cells = Array.isArray(grid?.cells) ? grid.cells : [];
    const hit = detectIn(plan, cells);
    if (hit === null) return null;
    return { templateId: hit.ct.template.id, headerRow: parseOrigin(grid.origin).row + hit.row };
  } catch {
    return null;
  }
}

/**
 * Validates one grid (a sheet, or a block of it) against a template of the plan: finds the
 * header, reads every data row into a normalised record and reports every problem as a located,
 * bilingual issue. Never throws on user data.
 *
 * @example
 * ```ts
 * import { requirePlan, validateGrid } from '@sasaeai/core';
 * import { chibaPlan } from '@sasaeai/plan-chiba';
 * const plan = requirePlan(chibaPlan);
 * const result = validateGrid(
 *   {
 *     sheet: '活動状況報告',
 *     cells: [
 *       ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '自己評価', '成果'],
 *       ['令和8年度', '中央区', '寒川', 'R8.5.1', '見守り・声かけ活動', '実施済', '１２回', '1,200人', 'B', '見守り訪問を継続'],
 *     ],
 *   },
 *   { plan, today: '2026-06-01' },
 * );
 * result.records[0]?.values.sessions; // 12
 * result.summary.errors;              // 0
 * result.issues.map((i) => `${i.severity} ${i.code} ${i.field}`);
 * // ['info missing_optional_column partners', … issues, successCase, nextSteps]
 * ```
 */
export function validateGrid(grid: SheetGrid, opts: ValidateOptions): ValidationResult {
  if (opts.today !== undefined) safeToday(opts.plan, opts.today);
  return finish(validateOne(grid, opts, newShared()), opts);
}

/**
 * Validates several grids (the sheets of a workbook, or returns from several districts) with the
 * same options. Duplicate rows are found across grids too.
 *
 * @example
 * ```ts
 * const { results, summary } = validateGrids([gridA, gridB], { plan, today: '2026-06-01' });
 * ```
 */
export function validateGrids(grids: SheetGrid[], opts: ValidateOptions): ValidationSetResult {
  if (opts.today !== undefined) safeToday(opts.plan, opts.today);
  const shared = newShared();
  const list = Array.isArray(grids) ? grids : [];
  const results = list.map((g) => finish(validateOne(g, opts, shared), { ...opts, maxIssues: Infinity }));
  const all: Issue[] = [];
  const summary = emptySummary();
  for (const r of results) {
    for (const i of r.issues) all.push(i);
    const s = r.summary;
    summary.rowsRead += s.rowsRead;
    summary.blankRows += s.blankRows;
    summary.rowsValid += s.rowsValid;
    summary.rowsWithErrors += s.rowsWithErrors;
    summary.errors += s.errors;
    summary.warnings += s.warnings;
    summary.infos += s.infos;
    for (const [k, v] of Object.entries(s.byCode)) summary.byCode[k] = (summary.byCode[k] ?? 0) + v;
  }
  const cap = capOf(opts.maxIssues);
  // Each result is capped too, so an add-in showing one sheet shows the same list.
  for (const r of results) {
    if (r.issues.length > cap) {
      r.omittedIssues += r.issues.length - cap;
      r.issues = r.issues.slice(0, cap);
    }
  }
  const issues = all.length > cap ? all.slice(0, cap) : all;
  return { results, issues, omittedIssues: all.length - issues.length, summary };
}

function capOf(max: unknown): number {
  return typeof max === 'number' && max >= 0 ? Math.floor(max) : Infinity;
}

interface RawResult {
  result: ValidationResult;
  issues: Issue[];
}

function finish(raw: RawResult, opts: ValidateOptions): ValidationResult {
  const { result } = raw;
  const sev = Array.isArray(opts.severities) ? new Set<string>(opts.severities) : null;
  const codes = Array.isArray(opts.codes) ? new Set(opts.codes) : null;
  const excl = Array.isArray(opts.excludeCodes) ? new Set(opts.excludeCodes) : null;
  const kept = sev || codes || excl
    ? raw.issues.filter((i) => (!sev || sev.has(i.severity)) && (!codes || codes.has(i.code)) && (!excl || !excl.has(i.code)))
    : raw.issues;
  const s = result.summary;
  for (const i of kept) {
    if (i.severity === 'error') s.errors++;
    else if (i.severity === 'warning') s.warnings++;
    else s.infos++;
    s.byCode[i.code] = (s.byCode[i.code] ?? 0) + 1;
  }
  const cap = capOf(opts.maxIssues);
  result.issues = kept.length > cap ? kept.slice(0, cap) : kept;
  result.omittedIssues = kept.length - result.issues.length;
  return result;
}

function validateOne(grid: SheetGrid, opts: ValidateOptions, shared: SharedKeys): RawResult {
  const g: Partial<SheetGrid> = typeof grid === 'object' && grid !== null ? grid : {};
  const sheet = typeof g.sheet === 'string' ? g.sheet : '';
  const source = typeof g.source === 'string' ? g.source : undefined;
  const origin = parseOrigin(g.origin);
  const run = new Run(sheet, source, origin.row, origin.col);
  const store: { columns: RecordColumns | null; records: LocatedRecord[] | null } = { columns: null, records: null };
  const result: ValidationResult = {
    templateId: null,
    sheet,
    headerRow: null,
    columns: [],
    // Built from the columns on first read (validate/records.ts says why).
    get records(): LocatedRecord[] {
      store.records ??= store.columns === null ? [] : store.columns.records();
      return store.records;
    },
    set records(v: LocatedRecord[]) {
      store.records = v;
    },
    leftOut: [],
    issues: [],
    omittedIssues: 0,
    summary: emptySummary(),
  };
  if (source !== undefined) result.source = source;
  try {
    validateInto(g, opts, shared, run, result, store);
  } catch (e) {
    // A safety net, not a code path: property tests keep it unreached.
    const what = e instanceof Error ? e.message : String(e);
    run.push('internal_error', 'error', -1, -1, undefined, undefined, `${ISSUE_CODES.internal_error.ja}（${what}）`, `${ISSUE_CODES.internal_error.en} (${what})`, undefined);
  }
  const s = result.summary;
  const errors = store.columns?.errors ?? [];
  s.rowsRead = errors.length;
  for (const e of errors) {
    if (e > 0) s.rowsWithErrors++;
    else s.rowsValid++;
  }
  return { result, issues: run.sorted() };
}

function validateInto(
  g: Partial<SheetGrid>,
  opts: ValidateOptions,
  shared: SharedKeys,
  run: Run,
  result: ValidationResult,
  store: { columns: RecordColumns | null },
): void {
  const plan = opts.plan;
  let cells: readonly (readonly RawCell[])[] = Array.isArray(g.cells) ? g.cells : [];

  // ----- template and header --------------------------------------------------------------------
  let ct: CompiledTemplate | null = null;
  let headerRow = -1;
  if (opts.template !== undefined) {
    const t = getTemplate(plan, opts.template);
    if (t === undefined) {
      const ids = plan.templates.map((x) => x.id).join(', ');
      run.push(
        'unknown_template',
        'error',
        -1,
        -1,
        undefined,
        opts.template,
        `様式「${opts.template}」はこの計画にありません（${ids}）。`,
        `Template "${opts.template}" is not in this plan (${ids}).`,
        undefined,
      );
      return;
    }
    ct = compileTemplate(plan, t);
    const h = findHeader(ct, cells);
    if (h !== null && h.score >= Math.min(MIN_HEADER_FIELDS, t.fields.length)) headerRow = h.row;
  } else {
    const hit = detectIn(plan, cells);
    if (hit !== null) {
      ct = hit.ct;
      headerRow = hit.row;
    }
  }
  if (ct === null || headerRow < 0) {
    const names = ct ? `「${ct.template.name.ja}」の` : '';
    const namesEn = ct ? ` of "${ct.template.name.en}"` : '';
    run.push(
      'no_header',
      'error',
      -1,
      -1,
      undefined,
      undefined,
      `シート「${run.sheet}」に${names}見出し行（年度・区・地区部会…）が見つかりません。様式の見出しをそのまま使ってください。`,
      `No header row${namesEn} (Fiscal year, Ward, District…) was found on sheet "${run.sheet}"; keep the template's headers.`,
      undefined,
    );
    if (ct !== null) result.templateId = ct.template.id;
    return;
  }
  const template = ct.template;
  result.templateId = template.id;
  result.headerRow = run.originRow + headerRow;

  // ----- columns --------------------------------------------------------------------------------
  const fields = ct.fields;
  const nVals = fields.length + ct.derived.length;
  const colOf = new Int32Array(fields.length).fill(-1);
  // A two-row header (実績 merged over 実施回数／参加者数) reads as one; data starts below it.
  const subRow = subHeaderRow(ct, cells, headerRow);
  const headerEnd = subRow >= 0 ? subRow : headerRow;
  const header = combinedHeader(ct, cells, headerRow, subRow);
  const unknownCols: number[] = [];
  let width = 0;
  for (const row of cells) if (Array.isArray(row) && row.length > width) width = row.length;
  const unlabelled: number[] = [];
  for (let c = 0; c < width; c++) {
    const cell = header[c];
    const f = headerField(ct, cell);
    if (f === COL_BLANK) {
      unlabelled.push(c);
      continue;
    }
    if (f === COL_DERIVED) continue;
    if (f === COL_UNKNOWN) {
      unknownCols.push(c);
      continue;
    }
    const fd = fields[f];
    if (fd === undefined) continue;
    const first = colOf[f] ?? -1;
    if (first >= 0) {
      run.push(
        'duplicate_column',
        'error',
        headerRow,
        c,
        fd.key,
        cell,
        `列「${displayValue(cell)}」は${columnLetters(run.originCol + first)}列と同じ「${fd.label.ja}」の列です。最初の列だけを読み取ります。どちらかを削除してください。`,
        `Column "${displayValue(cell)}" holds the same field as column ${columnLetters(run.originCol + first)} (${fd.label.en}); only the first is read. Remove one.`,
        undefined,
      );
      continue;
    }
    colOf[f] = c;
    result.columns.push({ field: fd.key, column: run.originCol + c, cell: run.cellRef(headerRow, c) });
  }
  for (const c of unknownCols) {
    const cell = header[c];
    const text = displayValue(cell);
    // A header like a field that is not found otherwise: the column holds that field's data.
    const p = probableField(ct, cell);
    const pf = p >= 0 && (colOf[p] ?? -1) < 0 ? fields[p] : undefined;
    if (pf !== undefined) {
      const m = LAYOUT_MESSAGES.column_not_recognised({ header: text, field: pf.label });
      run.push('column_not_recognised', 'error', headerRow, c, pf.key, cell, m.ja, m.en, undefined);
      continue;
    }
    run.push(
      'unknown_column',
      'warning',
      headerRow,
      c,
      undefined,
      cell,
      `列「${text}」は様式「${template.name.ja}」にないため、取り込まれません。`,
      `Column "${text}" is not in the template "${template.name.en}"; it is not read.`,
      undefined,
    );
  }
  const layout = prepareLayout(
    { ct, cells, headerRow, headerEnd, colOf, originRow: run.originRow, originCol: run.originCol, merges: g.merges, hiddenRows: g.hiddenRows, formulas: g.formulas, date1904: g.date1904 },
    (code, r, c, m, field, value) => run.push(code, SEVERITY[code].severity, r, c, field, value, m.ja, m.en, undefined),
  );
  cells = layout.cells;
  const skipRow = layout.skip;
  for (let r = 0; r < skipRow.length; r++) if (skipRow[r] === 1) result.leftOut.push(run.originRow + r);
  let missingRequired = 0;
  const failedColumn = new Uint8Array(nVals);
  for (const fd of fields) {
    if ((colOf[fd.index] ?? -1) >= 0) continue;
    failedColumn[fd.index] = 1;
    if (fd.required) missingRequired++;
    run.push(
      fd.required ? 'missing_column' : 'missing_optional_column',
      fd.required ? 'error' : 'info',
      headerRow,
      -1,
      fd.key,
      undefined,
      fd.required
        ? `必須の列「${fd.label.ja}」がありません。見出し行に「${fd.label.ja}」の列を追加してください。`
        : `列「${fd.label.ja}」がありません。この列を使う確認は行いません。`,
      fd.required
        ? `The required column "${fd.label.en}" (${fd.label.ja}) is missing; add it to the header row.`
        : `Column "${fd.label.en}" (${fd.label.ja}) is missing; checks that use it are skipped.`,
      undefined,
    );
  }

  // ----- rows -----------------------------------------------------------------------------------
  const today = safeToday(plan, opts.today);
  const vals: FieldValue[] = new Array<FieldValue>(nVals).fill(null);
  const lastRaw: unknown[] = new Array<unknown>(nVals).fill(NOTHING);
  const lastVal: FieldValue[] = new Array<FieldValue>(nVals).fill(null);
  const failed = new Uint8Array(nVals);
  let uniq = shared.byTemplate.get(template.id);
  if (uniq === undefined) {
    uniq = { parts: ct.unique.map(() => new Map<unknown, number>()), seen: new IntTable(cells.length), seenWide: new Map() };
    shared.byTemplate.set(template.id, uniq);
  }
  const gridNo = shared.grids.length;
  shared.grids.push({ source: run.source, sheet: run.sheet });
  const packable = ct.unique.length <= 3;
  const lastPart: unknown[] = ct.unique.map(() => NOTHING);
  const lastPartId: number[] = ct.unique.map(() => -1);
  const uniqueLabelJa = ct.unique.map((i) => fields[i]?.label.ja ?? '').join('・');
  const uniqueLabelEn = ct.unique.map((i) => fields[i]?.label.en.toLowerCase() ?? '').join(', ');
  // Fiscal year of each record (NaN when unreadable), and how many records have each year.
  const recordFy: number[] = [];
  const fyCounts = new Map<number, number>();
  let runFy = Number.NaN;
  let runCount = 0;
  let firstFy = Number.NaN;
  const allKeys = [...fields.map((f) => f.key), ...ct.derivedKeys];
  const recs = new RecordColumns(allKeys, { source: run.source, sheet: run.sheet, originRow: run.originRow });
  store.columns = recs;
  const fyStatus = new Map<number, number>();
  // Rows of a return share one fiscal year: remember the answers for the last one.
  let lastFy = Number.NaN;
  let lastFyStatus = 0;
  let lastWindowFy = Number.NaN;
  let lastWindow: ReturnType<CompiledTemplate['window']> = null;
  const unlabelledHits = new Map<number, { r: number; n: number; raw: unknown }>();
  const recordRow = recs.rows;
  const recordDate: string[] = [];
  const fyCol = ct.fyIndex >= 0 ? (colOf[ct.fyIndex] ?? -1) : -1;
  const dateCol = ct.dateIndex >= 0 ? (colOf[ct.dateIndex] ?? -1) : -1;
  const fyField = ct.fyIndex >= 0 ? fields[ct.fyIndex] : undefined;
  const dateField = ct.dateIndex >= 0 ? fields[ct.dateIndex] : undefined;
  const unitFields = fields.filter((f) => f.field.type === 'unit');
  const initiativeFields = fields.filter((f) => f.field.type === 'initiative' && f.dependsOn >= 0);
  const currentTerm = plan.terms.find((t) => t.number === plan.currentTerm);
  const firstTerm = plan.terms.reduce((a, t) => Math.min(a, t.startFiscalYear), Infinity);
  const lastTerm = plan.terms.reduce((a, t) => Math.max(a, t.endFiscalYear), -Infinity);

  // A blank return comes with the fiscal year, ward and district filled in on every row
  // (blankReturnSheet): a row that holds nothing else has not been filled in, so it is blank.
  const prefilled = new Uint8Array(Math.max(0, ...colOf) + 1);
  for (const f of fields)
    if (f.field.type === 'fiscalYear' || f.field.type === 'unit') {
      const c = colOf[f.index] ?? -1;
      if (c >= 0) prefilled[c] = 1;
    }

  // Skipped, not silently: one info issue at the first such row says how many there were.
  let prefilledRows = 0;
  let prefilledLast = -1;
  let prefilledIssue: Issue | undefined;

  for (let r = headerEnd + 1; r < cells.length; r++) {
    if (skipRow[r] === 1) continue;
    const rowIn = cells[r];
    const row: readonly unknown[] = Array.isArray(rowIn) ? rowIn : [];
    let blank = true;
    let touched = -1;
    for (let c = 0; c < row.length; c++) {
      if (isBlankCell(row[c])) continue;
      if (prefilled[c] !== 1) {
        blank = false;
        break;
      }
      if (touched < 0) touched = c;
    }
    if (blank) {
      result.summary.blankRows++;
      if (touched >= 0) {
        prefilledRows++;
        prefilledLast = r;
        prefilledIssue ??= run.push('prefilled_only_rows', 'info', r, touched, undefined, undefined, '', '', undefined);
      }
      continue;
    }
    run.currentRow = r;
    run.rowErrors = missingRequired;
    run.rowWarnings = 0;
    // Every slot is written for every row, so nothing carries over from the row before.
    for (const f of ct.parseOrder) {
      const i = f.index;
      vals[i] = null;
      failed[i] = failedColumn[i] as number;
      const c = colOf[i] ?? -1;
      if (c < 0) continue;
      const raw = row[c];
      // A column often repeats the value of the row above (the same year, ward, district).
      if (raw === lastRaw[i]) {
        vals[i] = lastVal[i] as FieldValue;
        continue;
      }
      run.at(r, c, f.key, raw);
      // Most text cells start with an ordinary character: one table look-up clears them of being
      // blank, an Excel error, a ditto mark or a dash.
      const plain = typeof raw === 'string' && PLAIN_FIRST[raw.charCodeAt(0)] === 1;
      if (!plain && isBlankCell(raw)) {
        if (f.required) {
          failed[i] = 1;
          const prev = r > headerEnd + 1 ? cells[r - 1] : undefined;
          const merged = Array.isArray(prev) && !isBlankCell(prev[c]);
          run.emit(
            'required_missing',
            `${f.label.ja}が空欄です。入力してください。${merged ? '（結合セルの場合は、結合を解除して各行に入力してください。）' : ''}`,
            `${f.label.en} is blank; please fill it in.${merged ? ' (If this is part of a merged cell, unmerge it and fill every row.)' : ''}`,
          );
        }
        continue;
      }
      if (plain) {
        // nothing more to check before parsing
      } else if (typeof raw === 'string') {
        if (raw.charCodeAt(0) === 35 /* # */ && excelErrorOf(raw) !== null) {
          failed[i] = 1;
          run.emit('excel_error', excelErrorJa(f.label, raw), excelErrorEn(f.label, raw));
          continue;
        }
        if (raw.length <= 6) {
          const t = raw.trim();
          if (DITTO.has(t)) {
            failed[i] = 1;
            run.emit(
              'ditto_mark',
              `${f.label.ja}の「${t}」（同上）は読み取れません。各行に値を入力してください。`,
              `${f.label.en} "${t}" (ditto) cannot be read; type the value in every row.`,
            );
            continue;
          }
          if (DASH.has(t) && f.field.type !== 'text') {
            if (f.required) {
              failed[i] = 1;
              run.emit(
                'required_missing',
                `${f.label.ja}が「${t}」になっています。必須の項目です。値を入力してください。`,
                `${f.label.en} holds only a dash; it is required, please fill it in.`,
              );
            } else {
              run.emit('dash_as_blank', `${f.label.ja}の「${t}」は空欄として扱いました。`, `The dash in ${f.label.en} was read as blank.`);
            }
            continue;
          }
        }
      } else if (typeof raw === 'object' && !(raw instanceof Date)) {
        failed[i] = 1;
        const err = excelErrorOf(raw);
        if (err !== null) run.emit('excel_error', excelErrorJa(f.label, err), excelErrorEn(f.label, err));
        else run.emit('unreadable_value', `${f.label.ja}のセルの値を読み取れません。`, `The value of ${f.label.en} cannot be read.`);
        continue;
      } else if (typeof raw !== 'number' && typeof raw !== 'boolean' && !(raw instanceof Date)) {
        failed[i] = 1;
        run.emit('unreadable_value', `${f.label.ja}のセルの値を読み取れません。`, `The value of ${f.label.en} cannot be read.`);
        continue;
      }
      const before = run.issues.length;
      const v = f.parse(raw, run, vals);
      if (v === FAIL) {
        failed[i] = 1;
        lastRaw[i] = NOTHING;
      } else {
        vals[i] = v;
        // Remember only a clean, context-free reading: no issue raised, not read against a parent.
        if (run.issues.length === before && f.dependsOn < 0) {
          lastRaw[i] = raw;
          lastVal[i] = v;
        } else lastRaw[i] = NOTHING;
      }
    }

    // Values in columns without a header are not read; say so once per column.
    for (const c of unlabelled) {
      if (c < row.length && !isBlankCell(row[c])) {
        const h = unlabelledHits.get(c);
        if (h === undefined) unlabelledHits.set(c, { r, n: 1, raw: row[c] });
        else h.n++;
      }
    }

    // Derived fields first, so rules can use them.
    for (const d of ct.derived) {
      if (d.index < 0) continue;
      vals[d.index] = null;
      failed[d.index] = 0;
      if ((d.numerator >= 0 && failed[d.numerator] === 1) || (d.denominator >= 0 && failed[d.denominator] === 1)) {
        failed[d.index] = 1;
        continue;
      }
      vals[d.index] = ratio(d.numerator >= 0 ? vals[d.numerator] : null, d.denominator >= 0 ? vals[d.denominator] : null);
    }

    // ----- the row against the plan ---------------------------------------------------------------
    const fy = ct.fyIndex >= 0 && failed[ct.fyIndex] === 0 ? vals[ct.fyIndex] : null;
    const date = ct.dateIndex >= 0 && failed[ct.dateIndex] === 0 ? vals[ct.dateIndex] : null;

    for (const f of unitFields) {
      const code = vals[f.index];
      if (typeof code !== 'string') continue;
      const c = colOf[f.index] ?? -1;
      const unit = ct.units.get(code);
      if (unit === undefined) continue;
      if (f.dependsOn >= 0 && failed[f.dependsOn] === 0) {
        const parent = vals[f.dependsOn];
        if (typeof parent === 'string' && unit.parent !== parent) {
          const p = getUnit(plan, parent);
          const actual = unit.parent === undefined ? undefined : getUnit(plan, unit.parent);
          run.push(
            'unit_not_in_parent',
            'error',
            r,
            c,
            f.key,
            row[c],
            `${f.label.ja}「${unit.name.ja}」は${p?.name.ja ?? parent}ではなく${actual?.name.ja ?? '別の区'}の${f.label.ja}です。区または${f.label.ja}を確認してください。`,
            `${f.label.en} "${unit.name.en}" belongs to ${actual?.name.en ?? 'another unit'}, not ${p?.name.en ?? parent}; check the ward or the ${f.label.en.toLowerCase()}.`,
            undefined,
          );
        }
      }
      if (typeof date === 'string' && ((unit.validTo !== undefined && date > unit.validTo) || (unit.validFrom !== undefined && date < unit.validFrom))) {
        const ended = unit.validTo !== undefined && date > unit.validTo;
        const successors = ended ? plan.units.filter((u) => u.successorOf?.includes(unit.code)) : [];
        const succJa = successors.length > 0 ? `${successors.map((u) => u.name.ja).join('、')}のいずれかを入力してください。` : '';
        const succEn = successors.length > 0 ? ` Use one of: ${successors.map((u) => u.name.en).join(', ')}.` : '';
        run.push(
          'unit_not_valid_on_date',
          'error',
          r,
          c,
          f.key,
          row[c],
          ended
            ? `${f.label.ja}「${unit.name.ja}」は${unit.validTo}で終了しており、報告日${date}には存在しません。${succJa}`
            : `${f.label.ja}「${unit.name.ja}」は${unit.validFrom}からのため、報告日${date}にはまだ存在しません。`,
          ended
            ? `${f.label.en} "${unit.name.en}" ended on ${unit.validTo} and did not exist on the report date ${date}.${succEn}`
            : `${f.label.en} "${unit.name.en}" starts on ${unit.validFrom}, after the report date ${date}.`,
          undefined,
        );
      }
    }

    for (const f of initiativeFields) {
      const code = vals[f.index];
      const ward = failed[f.dependsOn] === 0 ? vals[f.dependsOn] : null;
      if (typeof code !== 'string' || typeof ward !== 'string') continue;
      const allowed = ct.initiativesByUnit.get(ward);
      if (allowed === undefined || allowed.has(code)) continue;
      const it = plan.initiatives.find((x) => x.code === code);
      const w = getUnit(plan, ward);
      const c = colOf[f.index] ?? -1;
      run.push(
        'initiative_not_in_ward',
        'error',
        r,
        c,
        f.key,
        row[c],
        `${f.label.ja}「${it?.name.ja ?? code}」（${code}）は${w?.name.ja ?? ward}の計画にありません。区の計画の取組みから選んでください。`,
        `${f.label.en} "${it?.name.en ?? code}" (${code}) is not in the plan of ${w?.name.en ?? ward}; choose one of the ward's initiatives.`,
        undefined,
      );
    }

    if (typeof fy === 'number' && fyField !== undefined) {
      let st = fy === lastFy ? lastFyStatus : fyStatus.get(fy);
      if (st === undefined) {
        st = termOfFiscalYear(plan, fy) === undefined ? 1 : currentTerm && (fy < currentTerm.startFiscalYear || fy > currentTerm.endFiscalYear) ? 2 : 0;
        fyStatus.set(fy, st);
      }
      lastFy = fy;
      lastFyStatus = st;
      if (st === 1) {
        run.push(
          'fiscal_year_outside_plan',
          'error',
          r,
          fyCol,
          fyField.key,
          row[fyCol],
          `${fyField.label.ja}「${displayValue(row[fyCol])}」（${fy}年度）は計画期間（${firstTerm}〜${lastTerm}年度）の外です。`,
          `${fyField.label.en} "${displayValue(row[fyCol])}" (FY${fy}) is outside the plan terms (FY${firstTerm}–FY${lastTerm}).`,
          undefined,
        );
      } else if (st === 2 && currentTerm) {
        run.push(
          'fiscal_year_not_current_term',
          'warning',
          r,
          fyCol,
          fyField.key,
          row[fyCol],
          `${fyField.label.ja}「${displayValue(row[fyCol])}」（${fy}年度）は現在の計画期間（第${currentTerm.number}期 ${currentTerm.startFiscalYear}〜${currentTerm.endFiscalYear}年度）の外です。`,
          `${fyField.label.en} "${displayValue(row[fyCol])}" (FY${fy}) is outside the current term (term ${currentTerm.number}, FY${currentTerm.startFiscalYear}–FY${currentTerm.endFiscalYear}).`,
          undefined,
        );
      }
    }

    if (typeof date === 'string' && dateField !== undefined) {
      const w: ReturnType<CompiledTemplate['window']> = typeof fy === 'number' ? (fy === lastWindowFy ? lastWindow : ct.window(fy)) : null;
      if (typeof fy === 'number') {
        lastWindowFy = fy;
        lastWindow = w;
      }
      if (w !== null && date > w.end && date <= today) {
        // Reported after the closing date: still the year's report, but late (期限後).
        run.push(
          'report_after_closing',
          'warning',
          r,
          dateCol,
          dateField.key,
          row[dateCol],
          `${dateField.label.ja}${date}は${safeFyLabel(fy as number)}の締切（${w.end}）を過ぎています。期限後の報告として扱います。`,
          `${dateField.label.en} ${date} is after the closing date of FY${String(fy)} (${w.end}); the report counts as late.`,
          undefined,
        );
      } else if (w !== null && date < w.start) {
        const fyJa = safeFyLabel(fy as number);
        run.push(
          'date_outside_fiscal_year',
          'error',
          r,
          dateCol,
          dateField.key,
          row[dateCol],
          `${dateField.label.ja}${date}は${fyJa}（${w.start}〜${w.fyEnd}${w.end !== w.fyEnd ? `、締切${w.end}` : ''}）に入っていません。${dateField.label.ja}か年度を確認してください。`,
          `${dateField.label.en} ${date} is outside FY${String(fy)} (${w.start} to ${w.fyEnd}${w.end !== w.fyEnd ? `, closing ${w.end}` : ''}); check the date or the fiscal year.`,
          undefined,
        );
      } else if (date > today) {
        run.push(
          'date_in_future',
          'error',
          r,
          dateCol,
          dateField.key,
          row[dateCol],
          `${dateField.label.ja}${date}は未来の日付です（今日は${today}）。`,
          `${dateField.label.en} ${date} is in the future (today is ${today}).`,
          undefined,
        );
      }
    }

    // ----- row rules --------------------------------------------------------------------------------
    for (const cr of ct.rules) {
      let skip = false;
      const reads = cr.reads;
      for (let k = 0; k < reads.length; k++) {
        if (failed[reads[k] as number] === 1) {
          skip = true;
          break;
        }
      }
      if (skip) continue;
      if (cr.when !== null && !cr.when(vals)) continue;
      if (cr.assert(vals)) continue;
      const c = cr.fieldIndex >= 0 && cr.fieldIndex < fields.length ? (colOf[cr.fieldIndex] ?? -1) : -1;
      run.push(cr.code, cr.rule.severity, r, c, cr.rule.field, c >= 0 ? row[c] : undefined, cr.rule.message.ja, cr.rule.message.en, cr.rule.id);
    }

    // ----- duplicates -------------------------------------------------------------------------------
    if (ct.unique.length > 0) {
      let key: number | string = 0;
      let complete = true;
      for (let u = 0; u < ct.unique.length; u++) {
        const i = ct.unique[u] as number;
        const v = vals[i];
        if (failed[i] === 1 || v === null || v === undefined) {
          complete = false;
          break;
        }
        const part = Array.isArray(v) ? v.join('\u0001') : v;
        let id: number;
        if (part === lastPart[u]) id = lastPartId[u] as number;
        else {
          const ids = uniq.parts[u] as Map<unknown, number>;
          const known = ids.get(part);
          if (known === undefined) {
            id = ids.size;
            ids.set(part, id);
          } else id = known;
          lastPart[u] = part;
          lastPartId[u] = id;
        }
        if (packable && id < PART_BITS && typeof key === 'number') key = key * PART_BITS + id;
        else key = `${String(key)}|${id}`;
      }
      if (complete) {
        const found = typeof key === 'number' ? uniq.seen.get(key) : (uniq.seenWide.get(key) ?? -1);
        const owner = found < 0 ? undefined : found;
        if (owner === undefined) {
          if (typeof key === 'number') uniq.seen.set(key, gridNo * 2 ** 24 + run.originRow + r);
          else uniq.seenWide.set(key, gridNo * 2 ** 24 + run.originRow + r);
        }
        else {
          const og = shared.grids[Math.floor(owner / 2 ** 24)] ?? { source: undefined, sheet: '' };
          const ownerRow = owner % 2 ** 24;
          const i0 = ct.unique[0] ?? 0;
          const c = colOf[i0] ?? -1;
          const shown = ct.unique.map((i) => displayValue(row[colOf[i] ?? -1])).join('・');
          const here = og.sheet === run.sheet && og.source === run.source;
          const otherFile = og.source !== undefined && og.source !== run.source;
          const whereJa = here ? `${ownerRow}行目` : `${otherFile ? `「${og.source}」の` : ''}シート「${og.sheet}」の${ownerRow}行目`;
          const whereEn = here ? `row ${ownerRow}` : `row ${ownerRow} of sheet "${og.sheet}"${otherFile ? ` in "${og.source}"` : ''}`;
          run.push(
            'duplicate_row',
            'error',
            r,
            c,
            fields[i0]?.key,
            row[c],
            `この行は${whereJa}と${uniqueLabelJa}（${shown}）が同じです。重複した行を削除するか、内容を確認してください。`,
            `This row has the same ${uniqueLabelEn} (${shown}) as ${whereEn}; remove the duplicate or check it.`,
            undefined,
          );
        }
      }
    }

    // ----- the record -------------------------------------------------------------------------------
    recs.push(vals, r, run.rowErrors, run.rowWarnings);
    recordDate.push(typeof date === 'string' ? date : '');
    if (typeof fy === 'number') {
      recordFy.push(fy);
      if (fy === runFy) runCount++;
      else {
        if (runCount > 0) fyCounts.set(runFy, (fyCounts.get(runFy) ?? 0) + runCount);
        runFy = fy;
        runCount = 1;
      }
      if (Number.isNaN(firstFy)) firstFy = fy;
    } else recordFy.push(Number.NaN);
  }
  run.currentRow = -2;

  for (const [c, h] of unlabelledHits) {
    run.push(
      'value_without_header',
      'warning',
      h.r,
      c,
      undefined,
      h.raw,
      `見出しのない${columnLetters(run.originCol + c)}列に値が入っています（${h.n}件）。取り込まれません。見出しを付けるか、削除してください。`,
      `Column ${columnLetters(run.originCol + c)} has no header but holds ${h.n} value${h.n === 1 ? '' : 's'}; they are not read. Add a header or remove them.`,
      undefined,
    );
  }

  // ----- a return holds one fiscal year -----------------------------------------------------------
  if (runCount > 0) fyCounts.set(runFy, (fyCounts.get(runFy) ?? 0) + runCount);
  if (ct.singleFiscalYear && fyField !== undefined && fyCounts.size > 1) {
    // The year most rows carry is the return's; ties go to the year of the first row.
    let main = firstFy;
    for (const [fyv, n] of fyCounts) if (n > (fyCounts.get(main) ?? 0)) main = fyv;
    for (let k = 0; k < recordFy.length; k++) {
      const xfy = recordFy[k] as number;
      if (Number.isNaN(xfy) || xfy === main) continue;
      const x = { rec: k, r: recordRow[k] as number, fy: xfy };
      {
        const raw = (cells[x.r] as readonly unknown[] | undefined)?.[fyCol];
        run.push(
          'mixed_fiscal_years',
          'error',
          x.r,
          fyCol,
          fyField.key,
          raw,
          `この行の${fyField.label.ja}（${safeFyLabel(x.fy)}）が、この報告の他の行（${safeFyLabel(main)}）と異なります。1つの報告には1つの年度だけを入れてください。`,
          `This row's ${fyField.label.en.toLowerCase()} (FY${x.fy}) differs from the rest of the return (FY${main}); keep one fiscal year per return.`,
          undefined,
        );
        recs.errors[x.rec] = (recs.errors[x.rec] as number) + 1;
      }
    }
  }

  staleYear(run, ct, recs, { recordFy, recordDate, fyCol, cells });

  if (prefilledIssue) {
    const first = prefilledIssue.row ?? 0;
    const last = run.originRow + prefilledLast;
    const rows = prefilledRows === 1 ? `${first}` : `${first}〜${last}`;
    const labelsJa = fields.filter((f) => (colOf[f.index] ?? -1) >= 0 && prefilled[colOf[f.index] ?? 0] === 1).map((f) => f.label.ja);
    const labelsEn = fields.filter((f) => (colOf[f.index] ?? -1) >= 0 && prefilled[colOf[f.index] ?? 0] === 1).map((f) => f.label.en.toLowerCase());
    prefilledIssue.message = {
      ja: `${rows}行目に、${labelsJa.join('・')}だけが入った行が${prefilledRows}行あります。記入されていない行として読み飛ばしました。`,
      en:
        prefilledRows === 1
          ? `Row ${first} holds only the ${labelsEn.join(', ')}; it is treated as not filled in and skipped.`
          : `${prefilledRows} rows between rows ${first} and ${last} hold only the ${labelsEn.join(', ')}; they are treated as not filled in and skipped.`,
    };
  }

  if (recs.length === 0) {
    run.push(
      'no_data_rows',
      'warning',
      headerRow,
      -1,
      undefined,
      undefined,
      `シート「${run.sheet}」の見出し行（${run.originRow + headerRow}行目）の下にデータがありません。`,
      `Sheet "${run.sheet}" has no data rows below the header (row ${run.originRow + headerRow}).`,
      undefined,
    );
  }
}

/**
 * A return whose every report date falls in one fiscal year other than the one its 年度 cells
 * name, some of them after that year's closing date: last year's file reused with this year's
 * reports. One error at the first 年度 cell replaces the per-row "late report" warnings, which
 * would tell staff the opposite of what happened. Dates within the closing window are ordinary
 * (a report on last year written in April), so they do not count.
 */
function staleYear(
  run: Run,
  ct: CompiledTemplate,
  recs: RecordColumns,
  at: { recordFy: number[]; recordDate: string[]; fyCol: number; cells: readonly (readonly RawCell[])[] },
): void {
  const fyField = ct.fyIndex >= 0 ? ct.fields[ct.fyIndex] : undefined;
  if (fyField === undefined || at.recordFy.length === 0) return;
  const typed = at.recordFy[0] as number;
  if (Number.isNaN(typed) || at.recordFy.some((f) => f !== typed)) return;
  let datesFy = Number.NaN;
  let first = '';
  let last = '';
  for (const d of at.recordDate) {
    if (d === '') return;
    let f: number;
    try {
      f = fiscalYearOf(d, ct.fyConfig);
    } catch {
      return;
    }
    if (Number.isNaN(datesFy)) datesFy = f;
    else if (f !== datesFy) return;
    if (first === '' || d < first) first = d;
    if (last === '' || d > last) last = d;
  }
  const w = ct.window(typed);
  // Only when the dates were read as late reports (after the closing date, not in the future).
  const late = run.issues.some((i) => i.code === 'report_after_closing');
  if (Number.isNaN(datesFy) || datesFy === typed || w === null || last <= w.end || !late) return;
  // The per-row late warnings say the opposite of what happened: drop them for this one error.
  const keep = run.issues.map((i) => i.code !== 'report_after_closing');
  const lateRows = new Set(run.issues.filter((i) => i.code === 'report_after_closing').map((i) => i.row));
  const issues = run.issues.filter((_, k) => keep[k]);
  const ord = run.ord.filter((_, k) => keep[k]);
  run.issues.length = 0;
  run.issues.push(...issues);
  run.ord.length = 0;
  run.ord.push(...ord);
  for (let k = 0; k < recs.length; k++) {
    const w = recs.warnings[k] as number;
    if (w > 0 && lateRows.has(run.originRow + (recs.rows[k] as number))) recs.warnings[k] = w - 1;
  }
  const r0 = recs.rows[0] as number;
  const raw = at.cells[r0]?.[at.fyCol];
  const m = LAYOUT_MESSAGES.stale_fiscal_year({ fyLabel: fyField.label, typed: displayValue(raw), typedFy: typed, datesFy, first, last });
  run.push('stale_fiscal_year', 'error', r0, at.fyCol, fyField.key, raw, m.ja, m.en, undefined);
  for (let k = 0; k < recs.length; k++) recs.errors[k] = (recs.errors[k] as number) + 1;
}

function safeFyLabel(fy: number): string {
  try {
    return formatFiscalYear(fy);
  } catch {
    return `${fy}年度`;
  }
}

function excelErrorJa(label: LocalizedText, err: string): string {
  return `${label.ja}がExcelのエラー値「${err}」になっています。数式や参照元を確認し、値を入力してください。`;
}

function excelErrorEn(label: LocalizedText, err: string): string {
  return `${label.en} holds the Excel error ${err}; check the formula or what it refers to, and enter a value.`;
}
