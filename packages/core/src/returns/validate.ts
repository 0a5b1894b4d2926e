/**
 * Validation of returns (報告の検証): a grid of raw cells, exactly as Excel or an xlsx reader gives
 * it, in; typed records and located, bilingual issues out. Never throws on user data.
 *
 * Order of work: the layout (merged cells, totals and footer rows, repeated headers), the report
 * rows, then every cell a column at a time (parents before the fields that depend on them); then
 * per row: derived fields, the row against the plan (roster, initiatives, fiscal year, dates), the
 * template's row rules — skipping a rule whose inputs failed to parse, so one typo yields one
 * issue — and duplicates; last the table rules (mixed fiscal years). Issues come out ordered by
 * row, then column, whatever the order they were found in.
 */
import type { LocalizedText } from '../i18n/text.js';
import { isLocalDate, todayIn, type LocalDate } from '../period/index.js';
import type { Plan } from '../plan/schema.js';
import { getTemplate } from '../plan/queries.js';
import { orInto, ratio } from '../rules/conditions.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { columnLetters, displayValue, isBlankCell, parseOrigin } from './cells.js';
import { ISSUE_CODES } from './codes.js';
import { compileTemplate, FAIL, type CompiledField, type CompiledTemplate } from './compile.js';
import { detectIn, findHeader, MIN_HEADER_FIELDS } from './header.js';
import { prepareLayout, totalsScanShape } from './layout.js';
import { findColumns, missingColumns } from './validate/columns.js';
import { RecordColumns, ValueColumn } from './validate/records.js';
import { newShared, newUniqueIndex, PART_BITS, partId, type SharedKeys, type UniqueIndex } from './validate/unique.js';
import { Run } from './validate/run.js';
import { TextTable } from './validate/text-table.js';
import { scratchInt32, scratchUint8, withScratch } from './validate/scratch.js';
import { FAILED, PARSE, PLAIN_FIRST, triage } from './validate/triage.js';
import { PlanChecks } from './validate/plan-checks.js';
import { FiscalYears, mixedYears, staleYear } from './validate/table.js';
import type { Outcome, Said } from './validate/outcomes.js';
import { issueText } from './messages/index.js';
import type { FoundColumn } from './validate/columns.js';
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

export type { FoundColumn } from './validate/columns.js';

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

function keepShapes(): unknown[] {
  const none = new Int32Array(0);
  const run = new Run('', undefined, 0, 0);
  const uniq = newUniqueIndex(0, 0);
  const ct = null as unknown as CompiledTemplate;
  const reading = newReading(ct, run, [], none, 0, 0, newColumns(), [], uniq, none, []);
  const rowChecking = newRowChecking(PlanChecks.shapeOnly(), newShared(), uniq, 0, 0, none, new FiscalYears(0), none, none);
  return [
    reading,
    rowChecking,
    new RecordCheck(reading, rowChecking, new Uint8Array(0), none, [], false, [], new Uint8Array(0)),
    new ValueColumn(0),
    new RecordColumns([], [], none, none, none, { source: undefined, sheet: '', originRow: 0 }),
    totalsScanShape(new TextTable<boolean>()),
    // An issue at a cell of a sheet, and of a file's sheet, with and without a plan rule's id:
    // the shapes most issues have.
    cellIssue(undefined, undefined),
    cellIssue('', undefined),
    cellIssue(undefined, ''),
    cellIssue('', ''),
  ];
}

function cellIssue(source: string | undefined, rule: string | undefined): Issue {
  return new Run('', source, 0, 0).raiseText('rule_', 'error', { r: 0, c: 0, field: '', value: '' }, { ja: '', en: '' }, rule);
}

/** Marks "no remembered cell" (no raw cell is ever this object). */
const NOTHING: unknown = Symbol('nothing');

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
  } catch (cause) {
    // Never the machine's UTC day instead: a plan that passed loadPlan has a known zone.
    throw new SasaeaiError(SasaeaiErrorCode.InvalidPlan, `plan.timeZone: unknown time zone ${JSON.stringify(plan.timeZone)}`, { cause });
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
  safeToday(opts.plan, opts.today); // bad arguments throw before any sheet is looked at
  return withScratch(() => finish(validateOne(grid, opts, newShared()), opts));
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
  safeToday(opts.plan, opts.today); // bad arguments throw before any sheet is looked at
  const shared = newShared();
  const list = Array.isArray(grids) ? grids : [];
  // Each grid's working arrays are lent for that grid; the shared unique keys for the whole call.
  const results = withScratch(() => list.map((g) => withScratch(() => finish(validateOne(g, opts, shared), { ...opts, maxIssues: Infinity }))));
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

/**
 * Counts `issues` by severity (error, warning, info) and by code, the codes in the order they
 * first come. Speed: counted in a map, then written to the summary, where a store into `byCode`
 * per issue, its key varying, took 11 ms of an all-bad call of 107k issues; and a function whose
 * body is the loop, so that V8 keeps its optimised code from call to call.
 */
function tally(issues: readonly Issue[], bySeverity: Int32Array, byCode: Map<string, number>): void {
  let prev = '';
  let same = 0;
  for (let k = 0; k < issues.length; k++) {
    const i = issues[k] as Issue;
    const sev = i.severity === 'error' ? 0 : i.severity === 'warning' ? 1 : 2;
    bySeverity[sev] = (bySeverity[sev] as number) + 1;
    if (i.code === prev) same++;
    else {
      if (same > 0) byCode.set(prev, (byCode.get(prev) ?? 0) + same);
      prev = i.code;
      same = 1;
    }
  }
  if (same > 0) byCode.set(prev, (byCode.get(prev) ?? 0) + same);
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
  const bySeverity = new Int32Array(3);
  const byCode = new Map<string, number>();
  tally(kept, bySeverity, byCode);
  s.errors += bySeverity[0] as number;
  s.warnings += bySeverity[1] as number;
  s.infos += bySeverity[2] as number;
  for (const [code, count] of byCode) s.byCode[code] = (s.byCode[code] ?? 0) + count;
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
    run.raise('internal_error', { r: -1, c: -1 }, { what });
  }
  const s = result.summary;
  const errors = store.columns?.errors ?? new Int32Array(0);
  s.rowsRead = errors.length;
  s.rowsWithErrors = countAbove0(errors);
  s.rowsValid = errors.length - s.rowsWithErrors;
  return { result, issues: run.sorted() };
}

/**
 * How many of `counts` are above 0. Its own function: a loop over every record in
 * {@link validateOne}, which V8 optimises with objects made per call and throws away when they
 * are collected, ran unoptimised after each such call.
 */
function countAbove0(counts: Int32Array): number {
  let n = 0;
  for (let k = 0; k < counts.length; k++) if ((counts[k] as number) > 0) n++;
  return n;
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
      run.raise('unknown_template', { r: -1, c: -1, value: opts.template }, { template: opts.template, ids: plan.templates.map((x) => x.id) });
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
    run.raise('no_header', { r: -1, c: -1 }, { sheet: run.sheet, template: ct ? ct.template.name : null });
    if (ct !== null) result.templateId = ct.template.id;
    return;
  }
  const template = ct.template;
  result.templateId = template.id;
  result.headerRow = run.originRow + headerRow;

  // ----- columns --------------------------------------------------------------------------------
  const fields = ct.fields;
  const nVals = fields.length + ct.derived.length;
  const { colOf, headerEnd, unlabelled } = findColumns(ct, cells, headerRow, run, result.columns);
  const layout = prepareLayout(
    { ct, cells, headerRow, headerEnd, colOf, originRow: run.originRow, originCol: run.originCol, merges: g.merges, hiddenRows: g.hiddenRows, formulas: g.formulas, date1904: g.date1904 },
    run,
  );
  cells = layout.cells;
  const skipRow = layout.skip;
  const failedColumn = new Uint8Array(nVals);
  const missingRequired = missingColumns(ct, colOf, headerRow, run, failedColumn);

  // ----- rows -----------------------------------------------------------------------------------
  const today = safeToday(plan, opts.today);
  const checks = new PlanChecks(ct, colOf, today);
  let uniq = shared.byTemplate.get(template.id);
  if (uniq === undefined) {
    uniq = newUniqueIndex(ct.unique.length, cells.length);
    shared.byTemplate.set(template.id, uniq);
  }
  const gridNo = shared.grids.length;
  shared.grids.push({ source: run.source, sheet: run.sheet });
  const allKeys = [...fields.map((f) => f.key), ...ct.derivedKeys];
  const fyCol = ct.fyIndex >= 0 ? (colOf[ct.fyIndex] ?? -1) : -1;

  // A blank return comes with the fiscal year, ward and district filled in on every row
  // (blankReturnSheet): a row that holds nothing else has not been filled in, so it is blank.
  const prefilled = new Uint8Array(Math.max(0, ...colOf) + 1);
  for (const f of fields)
    if (f.field.type === 'fiscalYear' || f.field.type === 'unit') {
      const c = colOf[f.index] ?? -1;
      if (c >= 0) prefilled[c] = 1;
    }

  // The report rows: not left out, not blank.
  const found = findRecords(cells, skipRow, layout.keyed, headerEnd, prefilled, run);
  result.summary.blankRows += found.blankRows;
  for (let k = 0; k < found.leftOut.length; k++) result.leftOut.push(run.originRow + (found.leftOut[k] as number));
  const { recRows, n } = found;

  // ----- cells, a column at a time ----------------------------------------------------------------
  // Speed: one field's parser and outcome table over every row keeps each loop small and of one
  // shape; the row checks below then read the columns (figures in docs/benchmarks.md, #16).
  run.countRows(cells.length);
  const cols = newColumns();
  for (let i = 0; i < nVals; i++) {
    cols.values.push(new ValueColumn(n));
    cols.failed.push(scratchUint8(n));
  }
  // The unique-key part id of each record's value, where its outcome gave it (else -1).
  const partOf = new Int32Array(nVals).fill(-1);
  ct.unique.forEach((i, u) => (partOf[i] = u));
  const partIds = ct.unique.map(() => scratchInt32(n, -1));
  const reading = newReading(ct, run, cells, recRows, n, headerEnd, cols, new Array<FieldValue>(nVals).fill(null), uniq, partOf, partIds);
  for (const f of ct.parseOrder) {
    const c = colOf[f.index] as number;
    if (c >= 0) readColumn(reading, f, c);
    else {
      (cols.values[f.index] as ValueColumn).fill(null);
      (cols.failed[f.index] as Uint8Array).fill(failedColumn[f.index] as number);
    }
  }

  // Values in columns without a header are not read; say so once per column.
  const unlabelledHits = new Map<number, { r: number; n: number; raw: unknown }>();
  for (let k = 0; k < n && unlabelled.length > 0; k++) {
    const r = recRows[k] as number;
    const row = cells[r] as readonly unknown[];
    for (const c of unlabelled) {
      if (c < row.length && !isBlankCell(row[c])) {
        const h = unlabelledHits.get(c);
        if (h === undefined) unlabelledHits.set(c, { r, n: 1, raw: row[c] });
        else h.n++;
      }
    }
  }

  // ----- the rows, once their cells are read --------------------------------------------------------
  const years = new FiscalYears(n);
  const rowErrors = new Int32Array(n);
  const rowWarnings = new Int32Array(n);
  checkRows(reading, newRowChecking(checks, shared, uniq, gridNo, missingRequired, colOf, years, rowErrors, rowWarnings));
  run.countRows(0);
  for (const col of cols.values) col.seal();
  const recs = new RecordColumns(allKeys, cols.values, recRows, rowErrors, rowWarnings, { source: run.source, sheet: run.sheet, originRow: run.originRow });
  store.columns = recs;

  for (const [c, h] of unlabelledHits) {
    run.raise('value_without_header', { r: h.r, c, value: h.raw }, { column: columnLetters(run.originCol + c), count: h.n });
  }

  // ----- a return holds one fiscal year -----------------------------------------------------------
  mixedYears(run, ct, recs, years, fyCol, cells);
  const dates = ct.dateIndex >= 0 ? cols.values[ct.dateIndex] : undefined;
  const dateFailed = ct.dateIndex >= 0 ? cols.failed[ct.dateIndex] : undefined;
  const recordDate = (k: number): string => {
    const d = dates !== undefined && dateFailed?.[k] === 0 ? dates.get(k) : null;
    return typeof d === 'string' ? d : '';
  };
  staleYear(run, ct, recs, { recordFy: years.recordFy, recordDate, fyCol, cells });

  const prefilledIssue = found.prefilledIssue;
  if (prefilledIssue) {
    const labels = fields.filter((f) => (colOf[f.index] ?? -1) >= 0 && prefilled[colOf[f.index] ?? 0] === 1).map((f) => f.label);
    prefilledIssue.message = issueText('prefilled_only_rows', { first: prefilledIssue.row ?? 0, last: run.originRow + found.prefilledLast, count: found.prefilledRows, fields: labels });
  }

  if (n === 0) {
    run.raise('no_data_rows', { r: headerRow, c: -1 }, { sheet: run.sheet, headerRow: run.originRow + headerRow });
  }
}

/**
 * Reads a non-blank primitive cell with its field's triage and parser, and keeps what it came to
 * (validate/outcomes.ts): the value, whether it failed, and the issues it raised, in words.
 */
function readCell(f: CompiledField, raw: string, run: Run, r: number, c: number, vals: FieldValue[]): Outcome {
  run.at(r, c, f.key, raw);
  const before = run.issues.length;
  let value: FieldValue = null;
  let failed = 0;
  // Most text cells start with an ordinary character: one table look-up sends them to parsing.
  const t = PLAIN_FIRST[raw.charCodeAt(0)] === 1 ? PARSE : triage(raw, f, run, undefined, c);
  if (t === FAILED) failed = 1;
  else if (t === PARSE) {
    const v = f.parse(raw, run, vals);
    if (v === FAIL) failed = 1;
    else value = v;
  }
  return { value, failed, said: saidSince(run, before), stamp: -1, pid: -1, cstamp: -1, code: 0 };
}

/** The issues raised since `before`, without their places; null for none. */
function saidSince(run: Run, before: number): Said[] | null {
  const n = run.issues.length;
  if (n === before) return null;
  const said: Said[] = [];
  for (let k = before; k < n; k++) {
    const x = run.issues[k] as Issue;
    said.push({ code: x.code, severity: x.severity, message: x.message });
  }
  return said;
}

/** Raises again, at this cell, the issues an outcome raised where it was first read. */
function replay(run: Run, o: Outcome, r: number, c: number, field: string, raw: unknown): void {
  if (o.said === null) return;
  for (const s of o.said) run.raiseText(s.code as Issue['code'], s.severity, { r, c, field, value: raw }, s.message);
}

/** The report rows of a grid (below the header, not left out, not blank), and the rows left out. */
function findRecords(cells: readonly (readonly RawCell[])[], skipRow: Uint8Array, keyed: Uint8Array, headerEnd: number, prefilled: Uint8Array, run: Run) {
  const recRows = new Int32Array(Math.max(0, cells.length - headerEnd - 1));
  let n = 0;
  let blankRows = 0;
  // Skipped, not silently: one info issue at the first such row says how many there were.
  let prefilledRows = 0;
  let prefilledLast = -1;
  let prefilledIssue: Issue | undefined;
  const leftOut: number[] = [];
  for (let r = 0; r <= headerEnd && r < skipRow.length; r++) if (skipRow[r] === 1) leftOut.push(r);
  for (let r = headerEnd + 1; r < cells.length; r++) {
    if (skipRow[r] === 1) {
      leftOut.push(r);
      continue;
    }
    // Speed: the layout saw most report rows' key cells filled in; their cells are not read again.
    const touched = keyed[r] === 1 ? FILLED_IN : filledIn(cells[r], prefilled);
    if (touched === FILLED_IN) {
      recRows[n++] = r;
      continue;
    }
    blankRows++;
    if (touched >= 0) {
      prefilledRows++;
      prefilledLast = r;
      // Raised here for its place in the order; its words, which count the rows, come at the end.
      prefilledIssue ??= run.raiseText('prefilled_only_rows', ISSUE_CODES.prefilled_only_rows.severity, { r, c: touched }, { ja: '', en: '' });
    }
  }
  return { recRows: recRows.subarray(0, n), n, blankRows, prefilledRows, prefilledLast, prefilledIssue, leftOut };
}

/** {@link filledIn}: the row holds a cell outside the prefilled columns. */
const FILLED_IN = -2;

/**
 * Whether a grid row was filled in: {@link FILLED_IN}, or else the first prefilled column it holds
 * a value in (-1 for none: a blank row). Its own function, called once a row, so V8 optimises it
 * within the first call: the loop of {@link findRecords}, which runs once a call, is still compiled
 * again in the third and fourth calls and runs unoptimised meanwhile, but the work of each row is
 * here.
 */
function filledIn(row: unknown, prefilled: Uint8Array): number {
  let touched = -1;
  if (!Array.isArray(row)) return touched;
  for (let c = 0; c < row.length; c++) {
    if (isBlankCell(row[c])) continue;
    if (prefilled[c] !== 1) return FILLED_IN;
    if (touched < 0) touched = c;
  }
  return touched;
}

/** The values read so far, a column per field (then derived field), and 1 where a cell failed. */
interface Columns {
  values: ValueColumn[];
  failed: Uint8Array[];
}

/** What reading the cells of a grid's records needs. */
interface Reading {
  ct: CompiledTemplate;
  run: Run;
  cells: readonly (readonly RawCell[])[];
  /** Grid row of each record. */
  recRows: Int32Array;
  n: number;
  headerEnd: number;
  cols: Columns;
  /** A row's values: the parent value a dependent field is read against; then each row in turn. */
  vals: FieldValue[];
  uniq: UniqueIndex;
  /** Per field, its place among the unique key's parts, or -1. */
  partOf: Int32Array;
  /** Per key part, each record's part id where its outcome gave one, else -1. */
  partIds: Int32Array[];
}

// The objects the reading and row loops read are made by these functions, and `_keepShapes`
// keeps one of each: see there.
function newColumns(): Columns {
  return { values: [], failed: [] };
}

function newReading(
  ct: CompiledTemplate,
  run: Run,
  cells: readonly (readonly RawCell[])[],
  recRows: Int32Array,
  n: number,
  headerEnd: number,
  cols: Columns,
  vals: FieldValue[],
  uniq: UniqueIndex,
  partOf: Int32Array,
  partIds: Int32Array[],
): Reading {
  return { ct, run, cells, recRows, n, headerEnd, cols, vals, uniq, partOf, partIds };
}

/**
 * Stores outcome `o` as record `k`'s reading of a column: its failed flag, its value's code and,
 * for a unique-key part, its part id.
 *
 * Speed: the code and the part id ride on the outcome, given once per distinct value and call
 * instead of a map look-up per record.
 */
function useOutcome(x: Reading, out: ValueColumn, fl: Uint8Array, part: number, pids: Int32Array | null, o: Outcome, k: number): void {
  if (o.failed === 1) {
    fl[k] = 1;
    out.setCode(k, 0);
    return;
  }
  if (o.cstamp !== out.id) {
    o.code = out.add(o.value);
    o.cstamp = out.id;
  }
  out.setCode(k, o.code);
  if (pids !== null && o.value !== null) {
    if (o.stamp !== x.uniq.serial) {
      o.pid = partId(x.uniq, part, o.value);
      o.stamp = x.uniq.serial;
    }
    pids[k] = o.pid;
  }
}

/** Reads field `f`'s cells (grid column `c`) of every record into its column. */
function readColumn(x: Reading, f: CompiledField, c: number): void {
  const { run, cells, recRows, n, headerEnd, vals } = x;
  const i = f.index;
  const out = x.cols.values[i] as ValueColumn;
  const fl = x.cols.failed[i] as Uint8Array;
  const dep = f.dependsOn;
  const parents = dep >= 0 ? (x.cols.values[dep] as ValueColumn) : null;
  const outcomes = x.ct.outcomes;
  const own = dep < 0 ? outcomes.table(i) : null;
  const nums = dep < 0 ? outcomes.numbers(i) : null;
  // A date field keeps the outcome of every number (a serial) and Date it reads, not only of those
  // with issues: each reading builds a new text, which the unique key would then look up again.
  const keepsAll = dep < 0 && f.field.type === 'date';
  const times = keepsAll ? outcomes.times(i) : null;
  const part = x.partOf[i] as number;
  const pids = part >= 0 ? (x.partIds[part] as Int32Array) : null;
  // A column often repeats the value of the row above (the same year, ward, district).
  let lastRaw: unknown = NOTHING;
  let lastCode = 0;
  let lastPid = -1;
  for (let k = 0; k < n; k++) {
    const r = recRows[k] as number;
    const raw = (cells[r] as readonly RawCell[])[c];
    if (raw === lastRaw) {
      out.setCode(k, lastCode);
      if (pids !== null) pids[k] = lastPid;
      continue;
    }
    if (parents !== null) vals[dep] = parents.get(k);
    // A text: what it came to the last time it was read in this field (validate/outcomes.ts).
    // Looked up before the blank test: a blank text is never kept, so a text found is no blank.
    const table = typeof raw === 'string' ? (own ?? outcomes.tableUnder(i, vals[dep])) : null;
    let o = table !== null ? table.get(raw as string) : undefined;
    if (o !== undefined) replay(run, o, r, c, f.key, raw);
    else if (table !== null && !isBlankCell(raw)) {
      o = readCell(f, raw as string, run, r, c, vals);
      if (outcomes.keep(table, (raw as string).length)) table.set(raw as string, o);
    }
    if (o !== undefined) {
      useOutcome(x, out, fl, part, pids, o, k);
      // Remember only a clean reading that needs no parent for the fast path above.
      if (o.said === null && o.failed === 0 && dep < 0) {
        lastRaw = raw;
        lastCode = o.code;
        lastPid = pids !== null ? (pids[k] as number) : -1;
      } else lastRaw = NOTHING;
      continue;
    }
    // Numbers, yes/no, dates and blanks are read in place; a blank cell's issue depends on the cell
    // above. A number read before with issues (any number, and any Date, in a date field) gives
    // its outcome, as a text does.
    const kept = typeof raw === 'number' ? nums : times !== null && raw instanceof Date ? times : null;
    const key = typeof raw === 'number' ? raw : kept !== null ? (raw as Date).getTime() : 0;
    if (kept !== null && (keepsAll || kept.size > 0)) {
      const o = kept.get(key);
      if (o !== undefined) {
        replay(run, o, r, c, f.key, raw);
        useOutcome(x, out, fl, part, pids, o, k);
        if (o.said === null && o.failed === 0 && typeof raw === 'number') {
          lastRaw = raw;
          lastCode = o.code;
          lastPid = pids !== null ? (pids[k] as number) : -1;
        } else lastRaw = NOTHING;
        continue;
      }
    }
    run.at(r, c, f.key, raw);
    const before = run.issues.length;
    const t = typeof raw === 'number' ? PARSE : triage(raw, f, run, r > headerEnd + 1 ? cells[r - 1] : undefined, c);
    const v = t === FAILED ? FAIL : t === PARSE ? f.parse(raw, run, vals) : null;
    const raised = run.issues.length > before;
    if ((raised || keepsAll) && kept !== null && outcomes.keep(kept, 1)) {
      const o: Outcome = { value: v === FAIL ? null : v, failed: v === FAIL ? 1 : 0, said: saidSince(run, before), stamp: -1, pid: -1, cstamp: -1, code: 0 };
      kept.set(key, o);
      useOutcome(x, out, fl, part, pids, o, k);
      lastRaw = NOTHING;
      continue;
    }
    if (v === FAIL) {
      fl[k] = 1;
      out.set(k, null);
      lastRaw = NOTHING;
      continue;
    }
    const code = out.code(v);
    out.setCode(k, code);
    if (!raised && dep < 0 && typeof raw === 'number') {
      lastRaw = raw;
      lastCode = code;
      lastPid = -1;
    } else lastRaw = NOTHING;
  }
}

/** What the row checks of a grid need besides the columns. */
interface RowChecking {
  checks: PlanChecks;
  shared: SharedKeys;
  uniq: UniqueIndex;
  gridNo: number;
  missingRequired: number;
  colOf: Int32Array;
  years: FiscalYears;
  rowErrors: Int32Array;
  rowWarnings: Int32Array;
}

function newRowChecking(
  checks: PlanChecks,
  shared: SharedKeys,
  uniq: UniqueIndex,
  gridNo: number,
  missingRequired: number,
  colOf: Int32Array,
  years: FiscalYears,
  rowErrors: Int32Array,
  rowWarnings: Int32Array,
): RowChecking {
  return { checks, shared, uniq, gridNo, missingRequired, colOf, years, rowErrors, rowWarnings };
}

/**
 * Raises `duplicate_row` at grid row `r` (cells `row`), whose key was first seen at `owner`
 * (grid number × 2^24 + row). Its own function: a closure in `checkRows`' loop that captured the
 * row made V8 allocate a context for it at every row.
 */
function raiseDuplicate(run: Run, ct: CompiledTemplate, colOf: Int32Array, shared: SharedKeys, uniqueLabels: LocalizedText[], r: number, row: readonly RawCell[], owner: number): void {
  const og = shared.grids[Math.floor(owner / 2 ** 24)] ?? { source: undefined, sheet: '' };
  const ownerRow = owner % 2 ** 24;
  const i0 = ct.unique[0] ?? 0;
  const c = colOf[i0] ?? -1;
  const shown = ct.unique.map((i) => displayValue(row[colOf[i] ?? -1])).join('・');
  const here = og.sheet === run.sheet && og.source === run.source;
  const otherFile = og.source !== undefined && og.source !== run.source;
  run.raise(
    'duplicate_row',
    { r, c, field: ct.fields[i0]?.key, value: row[c] },
    { fields: uniqueLabels, shown, row: ownerRow, sheet: here ? null : og.sheet, source: !here && otherFile ? (og.source ?? null) : null },
  );
}

/**
 * Checks each record once its cells are read: derived fields, the row against the plan, the
 * template's row rules and duplicates; counts each record's errors and warnings.
 */
function checkRows(x: Reading, y: RowChecking): void {
  const { ct, cols, n } = x;
  const uniqueLabels = ct.unique.map((i) => ct.fields[i]?.label ?? { ja: '', en: '' });
  // 1 for a record with a cell that failed. Speed: most records have none; for them the failed
  // flags are not copied and the rules' inputs not looked at.
  const anyFailed = scratchUint8(n);
  for (let i = 0; i < ct.fields.length; i++) orInto(anyFailed, cols.failed[i] as Uint8Array, n);
  deriveColumns(ct, cols, n);
  const fires = ruleFires(ct, cols, n);
  // Each record's packed unique key, or -1 (no complete key, or one that did not pack).
  const packedKeys = scratchInt32(ct.unique.length > 0 ? n : 0, -1);
  const check = new RecordCheck(x, y, anyFailed, packedKeys, uniqueLabels, ct.unique.length <= 3, fires.each, fires.any);
  checkEach(check, n);
  if (ct.unique.length > 0) claimKeys(x, y, packedKeys, uniqueLabels);
  countIssues(x, y);
}

// checkRows' loops are small functions of their own, as are ruleFires' (see fireWhereNotHeld): in
// checkRows itself, they were compiled on the stack again in the third and fourth calls.

function checkEach(check: RecordCheck, n: number): void {
  for (let k = 0; k < n; k++) check.record(k);
}

/**
 * Looks the packed keys up after the rows, in a loop of their own. Speed: each look-up misses the
 * processor's caches (100k keys spread over 3 MB); in a short loop the processor has several in
 * flight at once, behind the rest of a row's checks one at a time. Duplicates are still found in
 * row order, and each is the last issue of its row.
 */
function claimKeys(x: Reading, y: RowChecking, packedKeys: Int32Array, uniqueLabels: LocalizedText[]): void {
  const { ct, run, cells, recRows, n } = x;
  const { shared, uniq, gridNo, colOf } = y;
  for (let k = 0; k < n; k++) {
    const key = packedKeys[k] as number;
    if (key < 0) continue;
    const r = recRows[k] as number;
    const found = uniq.seen.claim(key, gridNo * 2 ** 24 + run.originRow + r);
    if (found >= 0) raiseDuplicate(run, ct, colOf, shared, uniqueLabels, r, cells[r] as readonly RawCell[], found);
  }
}

/** The records' counts of errors and warnings. */
function countIssues(x: Reading, y: RowChecking): void {
  const { run, recRows, n } = x;
  const { missingRequired, rowErrors, rowWarnings } = y;
  for (let k = 0; k < n; k++) {
    const r = recRows[k] as number;
    rowErrors[k] = missingRequired + run.errorsAt(r);
    rowWarnings[k] = run.warningsAt(r);
  }
}

/**
 * Computes the derived fields (達成率 = actual / target) of every record into their columns, and
 * marks one failed where a field it is computed from failed. Before the rules, which read them.
 */
function deriveColumns(ct: CompiledTemplate, cols: Columns, n: number): void {
  for (let q = 0; q < ct.derived.length; q++) {
    const d = ct.derived[q] as (typeof ct.derived)[number];
    if (d.index < 0) continue;
    const out = cols.values[d.index] as ValueColumn;
    const fl = cols.failed[d.index] as Uint8Array;
    const num = d.numerator >= 0 ? (cols.values[d.numerator] as ValueColumn) : null;
    const den = d.denominator >= 0 ? (cols.values[d.denominator] as ValueColumn) : null;
    const numFailed = d.numerator >= 0 ? (cols.failed[d.numerator] as Uint8Array) : null;
    const denFailed = d.denominator >= 0 ? (cols.failed[d.denominator] as Uint8Array) : null;
    deriveRatio(out, fl, num, den, numFailed, denFailed, n);
  }
}

/** {@link deriveColumns}' loop for one ratio field: its own function, as {@link fireWhereNotHeld}. */
function deriveRatio(out: ValueColumn, fl: Uint8Array, num: ValueColumn | null, den: ValueColumn | null, numFailed: Uint8Array | null, denFailed: Uint8Array | null, n: number): void {
  for (let k = 0; k < n; k++) {
    if (numFailed?.[k] === 1 || denFailed?.[k] === 1) {
      fl[k] = 1;
      out.set(k, null);
    } else out.set(k, ratio(num === null ? null : num.get(k), den === null ? null : den.get(k)));
  }
}

/**
 * Which records each row rule raises an issue at (its condition holds and its assertion does
 * not), a column at a time, and which records any rule does. A record with a failed cell skips
 * the rules that read it later, in {@link RecordCheck.record}.
 */
function ruleFires(ct: CompiledTemplate, cols: Columns, n: number): { each: Uint8Array[]; any: Uint8Array } {
  const any = scratchUint8(n);
  const each: Uint8Array[] = [];
  for (let ri = 0; ri < ct.rules.length; ri++) {
    const cr = ct.rules[ri] as (typeof ct.rules)[number];
    const fire = scratchUint8(n);
    if (cr.when === null) fire.fill(1);
    else cr.when(cols.values, n, fire, scratchUint8);
    const held = scratchUint8(n);
    cr.assert(cols.values, n, held, scratchUint8);
    fireWhereNotHeld(fire, held, any, n);
    each.push(fire);
  }
  return { each, any };
}

/**
 * Keeps 1 in `fire` where `held` is 0, and marks those records in `any`. Its own small function,
 * as are the loops of the column tests (rules/conditions.ts): a loop that runs once a call inside
 * a larger function was compiled on the stack again in the third and fourth calls, and ran
 * unoptimised meanwhile.
 */
function fireWhereNotHeld(fire: Uint8Array, held: Uint8Array, any: Uint8Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const f = (fire[k] as number) & ((held[k] as number) ^ 1);
    fire[k] = f;
    any[k] = (any[k] as number) | f;
  }
}

/**
 * {@link checkRows}' work on one record, a method called once a record. Speed: V8 optimises a
 * function called 100k times as a whole within the first call, and soon again after a
 * deoptimisation; as the body of a loop that runs once a call, it was compiled again in the third
 * call (27 ms of compiling with 10 % bad rows) and ran unoptimised meanwhile. `_keepShapes` keeps
 * one, so that its shape outlives a call.
 */
class RecordCheck {
  // Whether `failed` holds a record's flags (else it is all 0).
  private dirty = false;
  private readonly failed: Uint8Array;

  constructor(
    private readonly x: Reading,
    private readonly y: RowChecking,
    private readonly anyFailed: Uint8Array,
    private readonly packedKeys: Int32Array,
    private readonly uniqueLabels: LocalizedText[],
    /** Whether a unique key has parts few enough to pack into one number. */
    private readonly packable: boolean,
    /** {@link ruleFires}: per rule, 1 at each record it raises at; and 1 where any rule does. */
    private readonly fires: Uint8Array[],
    private readonly anyFires: Uint8Array,
  ) {
    this.failed = new Uint8Array(x.vals.length);
  }

  record(k: number): void {
    const { ct, run, cells, recRows, cols, vals } = this.x;
    const { checks, shared, uniq, gridNo, colOf, years } = this.y;
    const { failed, packable, packedKeys, uniqueLabels } = this;
    const fields = ct.fields;
    const r = recRows[k] as number;
    const row = cells[r] as readonly RawCell[];
    // Fields, then derived fields (computed already: deriveColumns).
    // Index loops, here and below: `for…of` allocates an iterator per row whenever this runs
    // unoptimised (after a deoptimisation).
    for (let i = 0; i < vals.length; i++) vals[i] = (cols.values[i] as ValueColumn).get(k);
    const bad = this.anyFailed[k] === 1;
    if (bad) {
      for (let i = 0; i < vals.length; i++) failed[i] = (cols.failed[i] as Uint8Array)[k] as number;
      this.dirty = true;
    } else if (this.dirty) {
      failed.fill(0);
      this.dirty = false;
    }

    // ----- the row against the plan ---------------------------------------------------------------
    const fy = ct.fyIndex >= 0 && failed[ct.fyIndex] === 0 ? vals[ct.fyIndex] : null;
    const date = ct.dateIndex >= 0 && failed[ct.dateIndex] === 0 ? vals[ct.dateIndex] : null;

    checks.row(run, r, row, vals, failed, fy, date);

    // ----- row rules (evaluated already: ruleFires) --------------------------------------------------
    for (let ri = 0; ri < ct.rules.length && this.anyFires[k] === 1; ri++) {
      if ((this.fires[ri] as Uint8Array)[k] === 0) continue;
      const cr = ct.rules[ri] as (typeof ct.rules)[number];
      if (bad) {
        let skip = false;
        const reads = cr.reads;
        for (let q = 0; q < reads.length; q++) {
          if (failed[reads[q] as number] === 1) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
      }
      const c = cr.fieldIndex >= 0 && cr.fieldIndex < fields.length ? (colOf[cr.fieldIndex] ?? -1) : -1;
      // A plan rule's words and severity are the plan's.
      run.raiseText(cr.code, cr.rule.severity, { r, c, field: cr.rule.field, value: c >= 0 ? row[c] : undefined }, cr.rule.message, cr.rule.id);
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
        // Most part ids came with the cell's outcome (useOutcome); a number read in place has none.
        let id = (this.x.partIds[u] as Int32Array)[k] as number;
        if (id < 0) id = partId(uniq, u, v);
        if (packable && id < PART_BITS && typeof key === 'number') key = key * PART_BITS + id;
        else key = `${String(key)}|${id}`;
      }
      if (complete) {
        if (typeof key === 'number') packedKeys[k] = key;
        else {
          const found = uniq.seenWide.get(key) ?? -1;
          if (found < 0) uniq.seenWide.set(key, gridNo * 2 ** 24 + run.originRow + r);
          else raiseDuplicate(run, ct, colOf, shared, uniqueLabels, r, row, found);
        }
      }
    }
    years.add(typeof fy === 'number' ? fy : Number.NaN);
  }
}

/**
 * One object of each kind that a call makes and drops, kept for the module's life so that their
 * shapes are kept too. V8's optimised code for the reading and row loops embeds the shapes of the
 * objects it reads (the run, the value columns, the plan checks, the unique-key index, the issues); the
 * collector drops a shape that no live object has, and V8 then throws away every optimised
 * function that embedded it ("weak objects" in `--trace-deopt`: about 190 times in 18 calls of a
 * 100k-row grid). Each call re-made the shapes and ran its loops unoptimised until V8 optimised
 * them again. The roll-up's scan keeps its shapes the same way (rollup/engine.ts). At the end of
 * the module: the classes it makes one of are declared above.
 * @internal Exported only so that no bundler drops it as unused.
 */
export const _keepShapes: readonly unknown[] = keepShapes();
