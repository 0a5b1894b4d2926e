/**
 * The xlsx adapter, way in: a workbook file becomes core `SheetGrid`s (raw cells, row by row,
 * from A1), plus the metadata Sasaeai wrote into it and notes on what reading had to decide.
 *
 * It decides nothing about returns (報告): which sheet is a return and what a cell means is core's
 * work. It only translates the workbook's cells into core's raw cells:
 * strings, numbers, booleans, Dates (date-formatted cells), `null` for blanks, `{ error }` for
 * Excel error values, a formula's cached result, rich text and hyperlinks as their plain text, and
 * `null` in every cell of a merged range but the top-left one.
 *
 * Workbooks are read by the lean reader (lean.ts), which streams each sheet and reads only what
 * core needs; exceljs's readers (exceljs-read.ts) are the reference it is checked against and the
 * fallback for zip64 packages. CSV files are read by csv.ts.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Issue, RawCell, SheetGrid } from '@sasaeai/core';
import { cliIssue } from '../messages.js';
import { readCsv } from './csv.js';
import type { RawWorkbook, SheetState } from './grid.js';
import { LeanUnsupported, readLean } from './lean.js';
import { META_SHEET, isReservedSheet } from './reserved.js';

export type { SheetState } from './grid.js';

/**
 * Which reader to use. `auto` and `lean`: the lean reader (lean.ts); `auto` falls back to exceljs's
 * whole-workbook reader for the one kind of package the lean reader does not read (zip64).
 * `full` and `stream`: exceljs's whole-workbook and streaming readers, kept for comparison.
 */
export type ReaderMode = 'auto' | 'lean' | 'full' | 'stream';

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
  reader: 'lean' | 'full' | 'stream' | null;
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

  const kind = sniff(file);
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
  let read: RawWorkbook;
  try {
    ({ read, reader: result.reader } = await readZip(file, kind.data!, mode, opts.onProgress));
  } catch (e) {
    return fail(unreadable(source, e));
  }
  // Tests check the lean reader against exceljs on every workbook read the CLI's way (read-check.ts).
  if (process.env['SASAEAI_READ_CHECK'] && mode === 'auto' && result.reader === 'lean') {
    const { checkAgainstExcelJs } = await import('./read-check.js');
    await checkAgainstExcelJs(file, kind.bytes, read);
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
  const calculated = read.keepsCachedErrors && read.sheets.some((sh) => sh.formulasWithResult > 0);
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
          { cell: address, streamed: !read.keepsCachedErrors },
          { source, sheet: raw.name, cell: address, row: rowOf(address) },
        ),
      );
  }
  return result;
}

/** Reads a zip package with the reader the mode asks for. */
async function readZip(
  file: string,
  data: Buffer,
  mode: ReaderMode,
  onProgress?: (rows: number) => void,
): Promise<{ read: RawWorkbook; reader: 'lean' | 'full' | 'stream' }> {
  if (mode === 'auto' || mode === 'lean') {
    try {
      return { read: await readLean(data, onProgress), reader: 'lean' };
    } catch (e) {
      if (!(e instanceof LeanUnsupported) || mode === 'lean') throw e;
    }
  }
  // exceljs is loaded only here: the lean path never pays for it.
  const { readStreaming, readWhole } = await import('./exceljs-read.js');
  if (mode === 'stream') {
    try {
      return { read: await readStreaming(file, onProgress), reader: 'stream' };
    } catch {
      // Some writers order the parts of a package in ways the streaming reader cannot follow;
      // the whole-workbook reader still can.
    }
  }
  const read = await readWhole(file);
  onProgress?.(read.sheets.reduce((n, s) => n + s.cells.length, 0));
  return { read, reader: 'full' };
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
  /** The file's bytes, for a zip. */
  data?: Buffer;
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
const MAX_BYTES = 1024 * 1024 * 1024;

/**
 * Reads the whole file at once (synchronously: files are read one after the other, and a return
 * is small) and tells its kind from the bytes; the zip's bytes go on to the lean reader.
 */
function sniff(file: string): Sniffed {
  let size: number;
  let mtime: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { kind: 'not-a-file', bytes: 0 };
    size = st.size;
    mtime = st.mtime.toISOString();
  } catch (e) {
    return { kind: (e as NodeJS.ErrnoException).code === 'EACCES' ? 'no-access' : 'missing', bytes: 0 };
  }
  if (size === 0) return { kind: 'empty', bytes: 0 };
  // No return is this big (Node cannot hold it in one buffer): it is not a workbook to read.
  if (size > MAX_BYTES) return { kind: 'other', bytes: size, mtime };
  let data: Buffer;
  try {
    data = readFileSync(file);
  } catch (e) {
    return { kind: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'no-access', bytes: size };
  }
  const head = data.subarray(0, 128);
  if (head.length >= 4 && head.subarray(0, 4).equals(ZIP_MAGIC)) {
    if (head.includes(ODS_MIMETYPE)) return { kind: 'ods', bytes: size, mtime };
    // A zip ends with its central directory. A file cut short (a copy or download that did not
    // finish) has none.
    const tail = data.subarray(Math.max(0, data.length - EOCD_SEARCH_BYTES));
    return tail.includes(EOCD_MAGIC) ? { kind: 'zip', bytes: size, mtime, data } : { kind: 'truncated', bytes: size, mtime };
  }
  if (head.length >= 8 && head.subarray(0, 8).equals(OLE_MAGIC)) {
    const body = data.subarray(0, SNIFF_OLE_BYTES);
    const encrypted = ENCRYPTED_MARKERS.some((m) => body.includes(m));
    return { kind: encrypted ? 'encrypted' : 'xls', bytes: size };
  }
  return { kind: 'other', bytes: size, mtime };
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
