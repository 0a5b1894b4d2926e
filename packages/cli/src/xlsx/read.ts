/**
 * The xlsx adapter, way in: a workbook file becomes core `SheetGrid`s (raw cells, row by row,
 * from A1), plus the metadata Sasaeai wrote into it and notes on what reading had to decide.
 *
 * It decides nothing about returns (報告): which sheet is a return and what a cell means is core's
 * work. It only translates what exceljs gives into core's raw cells:
 * strings, numbers, booleans, Dates (date-formatted cells), `null` for blanks, `{ error }` for
 * Excel error values, a formula's cached result, rich text and hyperlinks as their plain text, and
 * `null` in every cell of a merged range but the top-left one.
 *
 * Two exceljs readers are used: the whole-workbook reader for ordinary files (it knows exact error
 * values of formulas) and the streaming reader for big files, which on 100 000 rows is faster and
 * needs a fraction of the memory (figures in docs/cli.md). What the streaming reader does not pass
 * on (merged areas, hidden rows, the saved time) is read from the zip by sheet-extras.ts, so both
 * give core the same grids.
 */
import { open, readFile, stat } from 'node:fs/promises';
import type { Row } from 'exceljs';
import type { Issue, RawCell, SheetGrid } from '@sasaeai/core';
import { cliIssue } from '../messages.js';
import { ExcelJS } from './exceljs.js';
import { readCsv } from './csv.js';
import { META_SHEET, isReservedSheet } from './reserved.js';
import { slimWorkbook } from './slim.js';
import { readWorkbookExtras } from './sheet-extras.js';

/** Which exceljs reader to use; `auto` streams files above {@link STREAM_THRESHOLD_BYTES}. */
export type ReaderMode = 'auto' | 'full' | 'stream';

/** Files larger than this are streamed in `auto` mode (about 50 000 rows of a return). */
export const STREAM_THRESHOLD_BYTES = 4 * 1024 * 1024;

/** Visibility of a worksheet, as Excel stores it. */
export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** One worksheet as read. */
export interface SheetRead {
  grid: SheetGrid;
  state: SheetState;
  /** Index of the sheet in the workbook's tab order (0-based). */
  index: number;
}

/** Key/value metadata Sasaeai wrote into a workbook (see write.ts). */
export interface WorkbookMetadata {
  workbook: Record<string, string>;
  /** Per sheet name. */
  sheets: Record<string, Record<string, string>>;
}

/** The result of reading one file. Never thrown: a file that cannot be read gives `ok: false`. */
export interface WorkbookRead {
  /** The path as given. */
  file: string;
  /** The name used as `source` in grids and issues. */
  source: string;
  ok: boolean;
  sheets: SheetRead[];
  metadata: WorkbookMetadata;
  /** File-level problems and reading notes (hidden sheets, merged cells, formulas without results). */
  issues: Issue[];
  reader: 'full' | 'stream' | null;
  bytes: number;
  /** Rows read, summed over sheets (worksheet rows up to the last non-blank one). */
  rows: number;
  /** When the workbook says it was last saved (ISO 8601), if it records it. */
  savedAt?: string;
  /** The file's modification time (ISO 8601). */
  fileTime?: string;
}

/** Options of {@link readWorkbook}. */
export interface ReadOptions {
  /** Name recorded as the grids' and issues' `source` (default: the path as given). */
  source?: string;
  mode?: ReaderMode;
  /** Called now and then with the number of rows read so far in this file. */
  onProgress?: (rows: number) => void;
}

// Parts of a worksheet the adapter never needs; skipping them makes the whole-workbook reader faster.
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'legacyDrawing',
  'picture',
  'pageSetup',
  'pageMargins',
  'printOptions',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'extLst',
];

/**
 * Reads a workbook file into sheet grids. Never throws for a bad file: an unreadable, encrypted,
 * empty or non-xlsx file gives `ok: false` and one clear file-level issue.
 *
 * @example
 * ```ts
 * const wb = await readWorkbook('returns/寒川.xlsx');
 * if (wb.ok) for (const s of wb.sheets) console.log(s.grid.sheet, s.grid.cells.length);
 * else console.log(wb.issues[0]?.message.ja);
 * ```
 */
export async function readWorkbook(file: string, opts: ReadOptions = {}): Promise<WorkbookRead> {
  const source = opts.source ?? file;
  const result: WorkbookRead = {
    file,
    source,
    ok: false,
    sheets: [],
    metadata: { workbook: {}, sheets: {} },
    issues: [],
    reader: null,
    bytes: 0,
    rows: 0,
  };
  const fail = (issue: Issue): WorkbookRead => {
    result.issues.push(issue);
    return result;
  };

  const kind = await sniff(file);
  result.bytes = kind.bytes;
  switch (kind.kind) {
    case 'missing':
      return fail(cliIssue('file_not_found', { file }, { source }));
    case 'not-a-file':
      return fail(cliIssue('file_unreadable', { kind: 'not-a-file', file }, { source }));
    case 'no-access':
      return fail(cliIssue('file_unreadable', { kind: 'no-access', file }, { source }));
    case 'empty':
      return fail(cliIssue('file_empty', {}, { source }));
    case 'encrypted':
      return fail(cliIssue('file_encrypted', {}, { source }));
    case 'xls':
      return fail(cliIssue('file_not_xlsx', { kind: 'xls' }, { source }));
    case 'ods':
      return fail(cliIssue('file_not_xlsx', { kind: 'ods' }, { source }));
    case 'other':
      if (/\.csv$/i.test(file)) {
        const csv = await readCsv(file, source);
        result.ok = csv.ok;
        result.issues.push(...csv.issues);
        if (csv.ok) {
          result.sheets.push({ grid: csv.grid, state: 'visible', index: 0 });
          result.rows = csv.grid.cells.length;
          if (kind.mtime !== undefined) result.fileTime = kind.mtime;
        }
        return result;
      }
      return fail(cliIssue('file_not_xlsx', { kind: 'other' }, { source }));
    case 'truncated':
      return fail(cliIssue('file_unreadable', { kind: 'truncated' }, { source }));
    case 'zip':
      break;
  }

  const mode = opts.mode ?? 'auto';
  const stream = mode === 'stream' || (mode === 'auto' && kind.bytes > STREAM_THRESHOLD_BYTES);
  let read: RawWorkbook | null = null;
  let firstError: unknown = null;
  if (stream) {
    try {
      read = await readStreaming(file, opts.onProgress);
      result.reader = 'stream';
    } catch (e) {
      // Some writers order the parts of a package in ways the streaming reader cannot follow;
      // the whole-workbook reader still can.
      firstError = e;
    }
  }
  if (read === null) {
    try {
      read = await readWhole(file);
      result.reader = 'full';
      opts.onProgress?.(read.sheets.reduce((n, s) => n + s.cells.length, 0));
    } catch (e) {
      return fail(unreadable(source, firstError ?? e));
    }
  }

  if (read.sheets.length === 0)
    return fail(cliIssue('file_not_xlsx', { kind: 'no-worksheet' }, { source }));

  result.ok = true;
  if (read.savedAt !== undefined) result.savedAt = read.savedAt;
  if (kind.mtime !== undefined) result.fileTime = kind.mtime;
  // A workbook whose other formulas carry saved results was calculated by the program that saved
  // it: a formula there with no result had an empty one (=IF(K5="","","○")), so it is a blank cell.
  // Only when no formula has a result was the file written by a program that does not calculate.
  // The streaming reader also drops cached error values, so there a missing result is always noted.
  const calculated = result.reader === 'full' && read.sheets.some((sh) => sh.formulasWithResult > 0);
  for (const raw of read.sheets) {
    if (raw.name === META_SHEET) {
      result.metadata = parseMetadata(raw.cells);
      continue;
    }
    if (isReservedSheet(raw.name)) continue;
    result.rows += raw.cells.length;
    const grid: SheetGrid = { sheet: raw.name, origin: 'A1', cells: raw.cells, source };
    if (raw.merges.length > 0) grid.merges = raw.merges.map((m) => m.range);
    if (raw.hiddenRows.length > 0) grid.hiddenRows = raw.hiddenRows;
    if (Object.keys(raw.formulas).length > 0) grid.formulas = raw.formulas;
    if (read.date1904 === true) grid.date1904 = true;
    result.sheets.push({ grid, state: raw.state, index: raw.index });
    if (calculated) continue;
    for (const address of raw.formulasWithoutResult)
      result.issues.push(
        cliIssue(
          'formula_no_result',
          { cell: address, streamed: result.reader !== 'full' },
          { source, sheet: raw.name, cell: address, row: rowOf(address) },
        ),
      );
  }
  return result;
}

function unreadable(source: string, e: unknown): Issue {
  const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0]?.slice(0, 200) ?? '';
  return cliIssue('file_unreadable', { kind: 'damaged', detail: reason }, { source });
}

function rowOf(address: string): number {
  return Number(/\d+/.exec(address)?.[0] ?? 0);
}

// ---------------------------------------------------------------------------------------------
// What kind of file is it? Decided from its first bytes, never from its name.

type Sniffed = {
  kind: 'missing' | 'not-a-file' | 'no-access' | 'empty' | 'zip' | 'truncated' | 'encrypted' | 'xls' | 'ods' | 'other';
  bytes: number;
  mtime?: string;
};

// An OpenDocument package starts with an uncompressed "mimetype" entry naming its kind.
const ODS_MIMETYPE = Buffer.from('application/vnd.oasis.opendocument.spreadsheet');

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EOCD_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
// The end-of-central-directory record is 22 bytes plus a comment of at most 65 535.
const EOCD_SEARCH_BYTES = 22 + 65_535;
// An encrypted xlsx is an OLE compound file holding these streams (MS-OFFCRYPTO); a legacy .xls
// is an OLE file holding a "Workbook" stream instead.
const ENCRYPTED_MARKERS = ['EncryptedPackage', 'EncryptionInfo'].map((s) => Buffer.from(s, 'utf16le'));
const SNIFF_OLE_BYTES = 16 * 1024 * 1024;

async function sniff(file: string): Promise<Sniffed> {
  let size: number;
  let mtime: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) return { kind: 'not-a-file', bytes: 0 };
    size = st.size;
    mtime = st.mtime.toISOString();
  } catch (e) {
    return { kind: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'no-access' : 'missing', bytes: 0 };
  }
  if (size === 0) return { kind: 'empty', bytes: 0 };
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (e) {
    return { kind: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'no-access', bytes: size };
  }
  try {
    const head = Buffer.alloc(Math.min(128, size));
    await handle.read(head, 0, head.length, 0);
    if (head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC)) {
      if (head.includes(ODS_MIMETYPE)) return { kind: 'ods', bytes: size, mtime };
      // A zip ends with its central directory. A file cut short (a copy or download that did not
      // finish) has none; the streaming reader would read its first rows and stop without a word.
      const tailLength = Math.min(size, EOCD_SEARCH_BYTES);
      const tail = Buffer.alloc(tailLength);
      await handle.read(tail, 0, tailLength, size - tailLength);
      return { kind: tail.includes(EOCD_MAGIC) ? 'zip' : 'truncated', bytes: size, mtime };
    }
    if (head.length >= 8 && head.subarray(0, 8).equals(OLE_MAGIC)) {
      const body = Buffer.alloc(Math.min(size, SNIFF_OLE_BYTES));
      await handle.read(body, 0, body.length, 0);
      const encrypted = ENCRYPTED_MARKERS.some((m) => body.includes(m));
      return { kind: encrypted ? 'encrypted' : 'xls', bytes: size };
    }
    return { kind: 'other', bytes: size, mtime };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Cell values: exceljs → core raw cells.

interface RawSheet {
  name: string;
  state: SheetState;
  index: number;
  cells: RawCell[][];
  formulasWithoutResult: string[];
  formulasWithResult: number;
  /** Formula text by address. */
  formulas: Record<string, string>;
  merges: { master: string; range: string }[];
  hiddenRows: number[];
}

interface RawWorkbook {
  sheets: RawSheet[];
  savedAt?: string;
  /** The workbook counts dates from 1904. */
  date1904?: boolean;
}

const NO_RESULT = Symbol('no formula result');

/**
 * Turns an exceljs cell value into a raw cell. Returns {@link NO_RESULT} for a formula whose result
 * was never saved (a file written by a program that does not calculate).
 */
function toRawCell(value: unknown): RawCell | typeof NO_RESULT {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (typeof v['error'] === 'string') return { error: v['error'] };
  if (Array.isArray(v['richText'])) return (v['richText'] as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    if (!('result' in v) || v['result'] === undefined) return NO_RESULT;
    return toRawCell(v['result']);
  }
  if ('hyperlink' in v || 'text' in v) {
    const text = toRawCell(v['text']);
    return text === NO_RESULT ? null : text;
  }
  return null;
}

function sheetState(state: unknown): SheetState {
  return state === 'hidden' || state === 'veryHidden' ? state : 'visible';
}

/** Collects cells row by row into a grid from A1, without trailing blanks. */
class GridBuilder {
  readonly cells: RawCell[][] = [];
  readonly formulasWithoutResult: string[] = [];
  readonly formulas: Record<string, string> = {};
  formulasWithResult = 0;

  set(row: number, col: number, address: string, value: unknown): void {
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
      const f = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : undefined;
      if (f !== undefined) {
        this.formulas[address] = f;
        if (v.result !== undefined) this.formulasWithResult++;
      }
    }
    const raw = toRawCell(value);
    if (raw === NO_RESULT) {
      this.formulasWithoutResult.push(address);
      return;
    }
    if (raw === null || raw === '') return;
    while (this.cells.length < row) this.cells.push([]);
    const r = this.cells[row - 1]!;
    while (r.length < col - 1) r.push(null);
    r[col - 1] = raw;
  }
}

async function readWhole(file: string): Promise<RawWorkbook> {
  const wb = new ExcelJS.Workbook();
  const slim = await slimWorkbook(await readFile(file));
  if (slim !== null) await wb.xlsx.load(slim as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  else await wb.xlsx.readFile(file, { ignoreNodes: IGNORED_NODES });
  const sheets: RawSheet[] = [];
  wb.worksheets.forEach((ws, index) => {
    const grid = new GridBuilder();
    const merges = new Map<string, Area>();
    const hiddenRows: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (row.hidden) hiddenRows.push(rowNumber);
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) {
          // A cell merged into another: blank here; its value lives in the top-left (master) cell.
          const master = cell.master;
          const m = merges.get(master.address) ?? {
            master: master.address,
            top: Number(master.row),
            left: Number(master.col),
            bottom: rowNumber,
            right: col,
          };
          m.bottom = Math.max(m.bottom, rowNumber);
          m.right = Math.max(m.right, col);
          merges.set(master.address, m);
          return;
        }
        grid.set(rowNumber, col, cell.address, cell.value);
      });
    });
    sheets.push({
      name: ws.name,
      state: sheetState(ws.state),
      index,
      cells: grid.cells,
      formulasWithoutResult: grid.formulasWithoutResult,
      formulasWithResult: grid.formulasWithResult,
      formulas: grid.formulas,
      // Only merges across rows matter for a table of returns: a title merged across columns is harmless.
      merges: rowMerges([...merges.values()]),
      hiddenRows,
    });
  });
  const modified = wb.modified;
  const out: RawWorkbook = { sheets };
  if (modified instanceof Date && !Number.isNaN(modified.getTime())) out.savedAt = modified.toISOString();
  if ((wb.properties as { date1904?: unknown } | undefined)?.date1904 === true) out.date1904 = true;
  return out;
}

async function readStreaming(file: string, onProgress?: (rows: number) => void): Promise<RawWorkbook> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: (RawSheet & { order: number })[] = [];
  // Merged areas, hidden rows and the saved time are not passed on by the streaming reader.
  const extras = await readWorkbookExtras(file);
  let rows = 0;
  for await (const ws of reader) {
    const wsr = ws as unknown as { name: string; state?: unknown; id: unknown } & AsyncIterable<Row>;
    const grid = new GridBuilder();
    const extra = extras.sheets.get(`xl/worksheets/sheet${String(wsr.id)}.xml`);
    const areas = (extra?.merges ?? []).map(parseRange).filter((m) => m !== null);
    const hiddenRows: number[] = [];
    for await (const row of wsr) {
      row.eachCell({ includeEmpty: false }, (cell, col) => grid.set(row.number, col, cell.address, cell.value));
      // As the whole reader: a hidden row is noted when it holds a value or a merged cell.
      if (extra?.hiddenRows.has(row.number) && (row.hasValues || areas.some((m) => coversSlave(m, row.number))))
        hiddenRows.push(row.number);
      if (++rows % 5000 === 0) onProgress?.(rows);
    }
    // Rows the sheet never wrote but a merge covers are hidden rows with a merged cell too.
    for (const r of extra?.hiddenRows ?? [])
      if (!hiddenRows.includes(r) && areas.some((m) => coversSlave(m, r))) hiddenRows.push(r);
    hiddenRows.sort((a, b) => a - b);
    sheets.push({
      name: wsr.name,
      state: sheetState(wsr.state),
      index: 0,
      order: sheetOrder(reader, wsr.name),
      cells: grid.cells,
      formulasWithoutResult: grid.formulasWithoutResult,
      formulasWithResult: grid.formulasWithResult,
      formulas: grid.formulas,
      merges: rowMerges(areas),
      hiddenRows,
    });
  }
  onProgress?.(rows);
  // A stream that ends early ends quietly: make sure every sheet the workbook declares was read
  // (a chart sheet also counts as declared; such a workbook falls back to the whole reader).
  const declared = (reader as unknown as { model?: { sheets?: unknown[] } }).model?.sheets?.length;
  if (declared === undefined || sheets.length < declared)
    throw new Error(`the streaming reader read ${sheets.length} of ${declared ?? '?'} sheets`);
  // The streaming reader emits sheets in the order of the zip entries, not of the tabs.
  sheets.sort((a, b) => a.order - b.order);
  const out: RawWorkbook = { sheets: sheets.map(({ order: _order, ...s }, index) => ({ ...s, index })) };
  const saved = extras.modified === undefined ? null : new Date(extras.modified);
  if (saved !== null && !Number.isNaN(saved.getTime())) out.savedAt = saved.toISOString();
  const props = (reader as unknown as { properties?: { model?: { date1904?: unknown } } }).properties;
  if (props?.model?.date1904 === true) out.date1904 = true;
  return out;
}

interface Area {
  master: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Only merges across rows matter for a table of returns: a title merged across columns is harmless. */
function rowMerges(areas: Area[]): { master: string; range: string }[] {
  return areas
    .filter((m) => m.bottom > m.top)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => ({ master: m.master, range: `${m.master}:${colName(m.right)}${m.bottom}` }));
}

/** Whether row `r` holds a cell of the merge other than its top-left one. */
function coversSlave(m: Area, r: number): boolean {
  return r >= m.top && r <= m.bottom && (r > m.top || m.right > m.left);
}

function parseRange(ref: string): Area | null {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
  if (!m) return null;
  const [a, b] = [colNumber(m[1]!), Number(m[2])];
  const [c, d] = m[3] === undefined ? [a, b] : [colNumber(m[3]), Number(m[4])];
  const top = Math.min(b, d);
  const left = Math.min(a, c);
  return { master: `${colName(left)}${top}`, top, left, bottom: Math.max(b, d), right: Math.max(a, c) };
}

function colNumber(name: string): number {
  let n = 0;
  for (const ch of name) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

function sheetOrder(reader: unknown, name: string): number {
  const model = (reader as { model?: { sheets?: { name?: string }[] } }).model;
  const i = model?.sheets?.findIndex((s) => s.name === name) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseMetadata(cells: RawCell[][]): WorkbookMetadata {
  const meta: WorkbookMetadata = { workbook: {}, sheets: {} };
  for (const row of cells.slice(1)) {
    const [sheet, key, value] = row.map((c) => (c === null || c === undefined ? '' : String(c)));
    if (!key) continue;
    if (!sheet) meta.workbook[key] = value ?? '';
    else (meta.sheets[sheet] ??= {})[key] = value ?? '';
  }
  return meta;
}
