/**
 * The lean xlsx reader: reads from the zip only what core needs — cell values, a formula's cached
 * result and whether a cell holds a formula, shared and inline strings (rich text as plain text),
 * the number formats that make a number a date, merged areas, hidden rows, sheet names, order and
 * visibility, the 1904 date system and the saved time — and nothing else.
 *
 * It streams: each worksheet is inflated in chunks (Node's zlib) and scanned (xml.ts) as it comes,
 * so memory holds the cells read, never the sheet's XML. Rows without values, `<cols>`, styles of
 * empty cells, drawings and the like cost a scan and no object, so a sheet formatted down to row
 * 1,048,576 reads as fast as the rows that hold something.
 *
 * It gives the same grids as exceljs's whole-workbook reader (tested on every workbook the tests
 * read, see read-check.ts) except where exceljs reads wrongly: the Japanese built-in date formats
 * (ids 27–36, 50–58) are dates, `t="d"` cells are ISO dates, and a shared string's phonetic guide
 * (ふりがな, `<rPh>`) is never part of the text.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import type { RawCell } from '@sasaeai/core';
import { type Area, GridBuilder, type RawSheet, type RawWorkbook, type SheetState, colName, coversSlave, parseRange, rowMerges } from './grid.js';
import { type Entry, entryData, listEntries } from './slim.js';
import { type Attributes, XmlError, type XmlHandler, XmlScanner, decodeText } from './xml.js';

/** A workbook the lean reader cannot read but exceljs can (a zip64 package). */
export class LeanUnsupported extends Error {
  override readonly name = 'LeanUnsupported';
}

/** Parts bigger than this (inflated) are streamed; smaller ones are inflated at once. */
const STREAM_PART_BYTES = 4 * 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;
const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;
const REL_CORE = /\/metadata\/core-properties$/;

/**
 * Reads a workbook from the bytes of its file. Throws {@link XmlError} or an Error with a short English message naming
 * the part when the package is damaged, {@link LeanUnsupported} for a zip64 package.
 */
export async function readLean(bytes: Buffer, onProgress?: (rows: number) => void): Promise<RawWorkbook> {
  const list = listEntries(bytes);
  if (list === null) throw new LeanUnsupported('the zip directory is zip64 or unusual');
  const zip = new Map(list.map((e) => [e.name, e]));
  const part = (name: string) => new Part(bytes, zip, name);

  const rootRels = await readRels(part('_rels/.rels'), '');
  const bookPath = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'xl/workbook.xml';
  if (!zip.has(bookPath)) throw new Error(`${bookPath} is missing`);
  const book = await readBook(part(bookPath));
  const bookRels = await readRels(part(relsOf(bookPath)), dirOf(bookPath));
  const relById = new Map(bookRels.map((r) => [r.id, r]));
  const sharedPath = bookRels.find((r) => REL_SHARED_STRINGS.test(r.type))?.target;
  const stylesPath = bookRels.find((r) => REL_STYLES.test(r.type))?.target;
  const strings = sharedPath !== undefined && zip.has(sharedPath) ? await readSharedStrings(part(sharedPath)) : [];
  const dateStyles = stylesPath !== undefined && zip.has(stylesPath) ? await readDateStyles(part(stylesPath)) : [];

  const out: RawWorkbook = { sheets: [], keepsCachedErrors: true };
  if (book.date1904) out.date1904 = true;
  const corePath = rootRels.find((r) => REL_CORE.test(r.type))?.target ?? 'docProps/core.xml';
  if (zip.has(corePath)) {
    const modified = await readModified(part(corePath));
    const saved = modified === undefined ? null : new Date(modified);
    if (saved !== null && !Number.isNaN(saved.getTime())) out.savedAt = saved.toISOString();
  }

  let rowsSoFar = 0;
  for (const s of book.sheets) {
    const rel = relById.get(s.rid);
    // Chart sheets, dialog and macro sheets hold no cells.
    if (rel === undefined || !REL_WORKSHEET.test(rel.type)) continue;
    if (!zip.has(rel.target)) throw new Error(`${rel.target} (sheet "${s.name}") is missing`);
    const reader = new SheetReader(strings, dateStyles, book.date1904, (rows) => onProgress?.(rowsSoFar + rows));
    await part(rel.target).scan(reader);
    const sheet = reader.finish(s.name, s.state, out.sheets.length);
    rowsSoFar += reader.rowsSeen;
    out.sheets.push(sheet);
  }
  onProgress?.(rowsSoFar);
  return out;
}

/** One part of the package, inflated on demand. */
class Part {
  constructor(
    private readonly bytes: Buffer,
    private readonly zip: Map<string, Entry>,
    readonly name: string,
  ) {}

  get exists(): boolean {
    return this.zip.has(this.name);
  }

  /** Feeds the part's XML to a handler; errors name the part. */
  async scan(handler: XmlHandler): Promise<void> {
    const e = this.zip.get(this.name);
    if (e === undefined) throw new Error(`${this.name} is missing`);
    const scanner = new XmlScanner(handler);
    try {
      for await (const chunk of this.chunks(e)) scanner.write(chunk);
      scanner.end();
    } catch (err) {
      const why = err instanceof XmlError ? err.message : zlibMessage(err);
      throw new Error(`${this.name}: ${why}`, { cause: err });
    }
  }

  private async *chunks(e: Entry): AsyncGenerator<Buffer> {
    if (e.flags & 1) throw new Error('the part is encrypted');
    const raw = entryData(this.bytes, e);
    if (raw === null) throw new Error('the part is not where the zip directory says');
    if (e.method === 0) {
      yield raw;
      return;
    }
    if (e.method !== 8) throw new Error(`unsupported compression method ${e.method}`);
    if (e.size < STREAM_PART_BYTES) {
      yield inflateRawSync(raw);
      return;
    }
    yield* Readable.from([raw]).pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) as AsyncIterable<Buffer>;
  }
}

function zlibMessage(err: unknown): string {
  const m = err instanceof Error ? err.message : String(err);
  return `cannot be inflated (${m})`;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i + 1);
}

function relsOf(path: string): string {
  const dir = dirOf(path);
  return `${dir}_rels/${path.slice(dir.length)}.rels`;
}

/** A relationship target resolved against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

// ---------------------------------------------------------------------------------------------
// Small parts: relationships, workbook, styles, core properties.

interface Rel {
  id: string;
  type: string;
  target: string;
}

async function readRels(part: Part, base: string): Promise<Rel[]> {
  const rels: Rel[] = [];
  if (!part.exists) return rels;
  await part.scan({
    wantText: false,
    text() {},
    close() {},
    open(name, a) {
      if (name !== 'Relationship' || a.get('TargetMode') === 'External') return;
      const target = a.get('Target');
      if (target !== undefined) rels.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: resolveTarget(base, target) });
    },
  });
  return rels;
}

interface Book {
  date1904: boolean;
  sheets: { name: string; state: SheetState; rid: string }[];
}

async function readBook(part: Part): Promise<Book> {
  const book: Book = { date1904: false, sheets: [] };
  await part.scan({
    wantText: false,
    text() {},
    close() {},
    open(name, a) {
      if (name === 'workbookPr') book.date1904 = isTrue(a.get('date1904'));
      else if (name === 'sheet') {
        const state = a.get('state');
        book.sheets.push({
          name: a.get('name') ?? '',
          state: state === 'hidden' || state === 'veryHidden' ? state : 'visible',
          rid: a.get(':id') ?? '',
        });
      }
    },
  });
  return book;
}

function isTrue(v: string | undefined): boolean {
  return v === '1' || v === 'true';
}

// Built-in number formats that are dates or times: 14–22 and 45–47 in every locale; 27–36 and
// 50–58 are the East Asian date formats (ja-JP: ggge"年"m"月"d"日", yyyy"年"m"月"d"日", h"時"mm"分"…).
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date or time (the rule exceljs applies). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** For each cell style (`s` index), whether its number format is a date. */
async function readDateStyles(part: Part): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await part.scan({
    wantText: false,
    text() {},
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    open(name, a) {
      if (name === 'numFmt') formats.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(a.get('numFmtId') ?? 0));
    },
  });
  return xfs.map((id) => {
    const code = formats.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
}

async function readModified(part: Part): Promise<string | undefined> {
  let inModified = false;
  let text = '';
  const h: XmlHandler = {
    wantText: false,
    open(name) {
      inModified = name === 'modified';
      h.wantText = inModified;
    },
    close() {
      inModified = false;
      h.wantText = false;
    },
    text(b, start, end, cdata) {
      if (inModified) text += decodeText(b, start, end, cdata);
    },
  };
  await part.scan(h);
  return text.trim() === '' ? undefined : text.trim();
}

// ---------------------------------------------------------------------------------------------
// Shared strings.

/** Decodes Excel's `_xHHHH_` escapes (control characters in text), as exceljs does. */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s;
}

/** Every shared string as plain text (rich text runs joined, phonetic guides left out). */
async function readSharedStrings(part: Part): Promise<(string | null)[]> {
  const out: (string | null)[] = [];
  let text: string | null = null;
  let depthRPh = 0;
  let inT = false;
  const h: XmlHandler = {
    wantText: false,
    open(name, _a, selfClosing) {
      if (name === 'si') text = null;
      else if (name === 'rPh') depthRPh++;
      else if (name === 't' && depthRPh === 0) {
        text ??= '';
        inT = !selfClosing;
        h.wantText = inT;
      }
    },
    close(name) {
      if (name === 'si') out.push(text === null ? null : unescapeOoxml(text));
      else if (name === 'rPh') depthRPh--;
      else if (name === 't') {
        inT = false;
        h.wantText = false;
      }
    },
    text(b, start, end, cdata) {
      if (inT) text += decodeText(b, start, end, cdata);
    },
  };
  await part.scan(h);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Worksheets.

const enum In {
  Nothing,
  F,
  V,
  T,
}

/** A cell's `t`: how its value is written. */
const enum T {
  Number,
  Shared,
  Str,
  Inline,
  Bool,
  Error,
  Date,
}

const B_LOWER_S = 115; // s
const B_LOWER_B = 98; // b
const B_LOWER_E = 101; // e
const B_LOWER_I = 105; // i
const B_LOWER_D = 100; // d

/** `t="s"` → {@link T.Shared} and so on; anything unknown is a number (as exceljs reads it). */
function cellType(b: Buffer, s: number, e: number): T {
  const n = e - s;
  const c = b[s];
  if (n === 1) return c === B_LOWER_S ? T.Shared : c === B_LOWER_B ? T.Bool : c === B_LOWER_E ? T.Error : c === B_LOWER_D ? T.Date : T.Number;
  if (n === 3 && c === B_LOWER_S) return T.Str; // str
  if (n === 9 && c === B_LOWER_I) return T.Inline; // inlineStr
  return T.Number;
}

/** A non-negative integer written in bytes `s`–`e`, or -1. */
function uintAt(b: Buffer, s: number, e: number): number {
  if (e <= s || e - s > 15) return -1;
  let n = 0;
  for (let i = s; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** A number written in bytes `s`–`e` (integers without a string; the rest as exceljs: parseFloat). */
function numberAt(b: Buffer, s: number, e: number): number {
  const neg = b[s] === 45; /* - */
  const n = uintAt(b, neg ? s + 1 : s, e);
  if (n >= 0) return neg ? -n : n;
  return parseFloat(b.toString('latin1', s, e));
}

/** The column of a cell reference such as `AB12` in bytes `s`–`e`; `fallback` when it has no letters. */
function columnAt(b: Buffer, s: number, e: number, fallback: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const c = b[i]!;
    if (c >= 65 && c <= 90) n = n * 26 + c - 64;
    else if (c >= 97 && c <= 122) n = n * 26 + c - 96;
    else break;
  }
  return n > 0 ? n : fallback;
}

/** `1` or `true` in bytes `s`–`e`. */
function trueAt(b: Buffer, s: number, e: number): boolean {
  return (e - s === 1 && b[s] === 49) || (e - s === 4 && b.toString('latin1', s, e) === 'true');
}

/** Reads one worksheet's cells, merges and hidden rows. */
class SheetReader implements XmlHandler {
  wantText = false;
  rowsSeen = 0;
  private readonly grid = new GridBuilder();
  private readonly formulas = new Map<string, string>();
  private readonly withResult = new Set<string>();
  private readonly withoutResult: string[] = [];
  private readonly areas: Area[] = [];
  /** Hidden rows that hold a cell with a value. */
  private readonly hiddenWithValues = new Set<number>();
  /**
   * Hidden rows without values, as runs `[first, last]`: they count only where a merge covers
   * them, and a sheet whose rows are hidden down to row 1,048,576 must not cost a million entries.
   */
  private readonly hiddenEmpty: [number, number][] = [];
  /** Address of the first cell of each shared formula, by its `si`. */
  private readonly sharedMasters = new Map<string, string>();
  private inData = false;
  /** The used range: merges are applied only inside it (a merge of the whole sheet costs nothing). */
  private maxRow = 0;
  private maxCol = 0;
  private row = 0;
  private rowHidden = false;
  private rowHasValue = false;
  private col = 0;
  // The cell being read.
  private t = T.Number;
  private s = 0;
  private hasF = false;
  private fText = '';
  private fTyped = false;
  private fShared = false;
  private fSi: string | undefined;
  private fRef = false;
  // Its value: the bytes of its one text (no string made for a number), or text joined from several.
  private hasV = false;
  private vSrc: Buffer | null = null;
  private vStart = 0;
  private vEnd = 0;
  private vCdata = false;
  private vText = '';
  private inIs = false;
  private depthRPh = 0;
  private into = In.Nothing;

  constructor(
    private readonly strings: readonly (string | null)[],
    private readonly dateStyles: readonly boolean[],
    private readonly date1904: boolean,
    private readonly progress: (rows: number) => void,
  ) {}

  open(name: string, a: Attributes, selfClosing: boolean): void {
    switch (name) {
      case 'c': {
        if (!this.inData) return;
        const src = a.src;
        const r = a.span('r');
        this.col = r === null ? this.col + 1 : columnAt(src, r[0], r[1], this.col + 1);
        const t = a.span('t');
        this.t = t === null ? T.Number : cellType(src, t[0], t[1]);
        const s = a.span('s');
        this.s = s === null ? 0 : Math.max(0, uintAt(src, s[0], s[1]));
        this.hasF = false;
        this.fText = '';
        this.fTyped = false;
        this.fShared = false;
        this.fSi = undefined;
        this.fRef = false;
        this.hasV = false;
        this.vSrc = null;
        this.vText = '';
        this.inIs = false;
        this.depthRPh = 0;
        if (selfClosing) this.endCell();
        return;
      }
      case 'v':
        this.enter(selfClosing ? In.Nothing : In.V);
        return;
      case 'row': {
        if (!this.inData) return;
        const src = a.src;
        const r = a.span('r');
        const n = r === null ? -1 : uintAt(src, r[0], r[1]);
        this.row = n > 0 ? n : this.row + 1;
        const hidden = a.span('hidden');
        this.rowHidden = hidden !== null && trueAt(src, hidden[0], hidden[1]);
        this.rowHasValue = false;
        this.col = 0;
        if (++this.rowsSeen % 5000 === 0) this.progress(this.rowsSeen);
        return;
      }
      case 'sheetData':
        this.inData = true;
        return;
      case 'f': {
        this.hasF = true;
        const t = a.get('t');
        // Any formula type makes a formula, even with no text (a shared formula's followers).
        this.fTyped = t !== undefined;
        if (t === 'shared') {
          this.fShared = true;
          this.fSi = a.get('si');
          this.fRef = a.get('ref') !== undefined;
        }
        this.enter(selfClosing ? In.Nothing : In.F);
        return;
      }
      case 'is':
        this.inIs = true;
        return;
      case 'rPh':
        if (this.inIs) this.depthRPh++;
        return;
      case 't':
        if (this.inIs && this.depthRPh === 0) {
          if (!this.hasV) {
            this.hasV = true;
            this.vSrc = null;
            this.vText = '';
          }
          this.enter(selfClosing ? In.Nothing : In.T);
        }
        return;
      case 'mergeCell': {
        const ref = a.get('ref');
        const area = ref === undefined ? null : parseRange(ref);
        if (area !== null) this.areas.push(area);
        return;
      }
      default:
    }
  }

  private enter(into: In): void {
    this.into = into;
    this.wantText = into !== In.Nothing;
  }

  text(b: Buffer, start: number, end: number, cdata: boolean): void {
    if (this.into === In.F) this.fText += decodeText(b, start, end, cdata);
    else if (!this.hasV) {
      this.hasV = true;
      this.vSrc = b;
      this.vStart = start;
      this.vEnd = end;
      this.vCdata = cdata;
    } else {
      this.vText = this.vString() + decodeText(b, start, end, cdata);
      this.vSrc = null;
    }
  }

  private vString(): string {
    return this.vSrc === null ? this.vText : decodeText(this.vSrc, this.vStart, this.vEnd, this.vCdata);
  }

  private vEmpty(): boolean {
    return !this.hasV || (this.vSrc === null ? this.vText === '' : this.vEnd === this.vStart);
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.enter(In.Nothing);
        return;
      case 'c':
        if (this.inData) this.endCell();
        return;
      case 'row':
        if (this.inData && this.rowHidden) {
          const r = this.row;
          const last = this.hiddenEmpty[this.hiddenEmpty.length - 1];
          if (this.rowHasValue) this.hiddenWithValues.add(r);
          else if (last !== undefined && last[1] === r - 1) last[1] = r;
          else this.hiddenEmpty.push([r, r]);
        }
        return;
      case 'is':
        this.inIs = false;
        return;
      case 'rPh':
        if (this.inIs) this.depthRPh--;
        return;
      case 'sheetData':
        this.inData = false;
        return;
      default:
    }
  }

  /** Turns the cell just read into a raw cell, as exceljs's whole-workbook reader would. */
  private endCell(): void {
    const row = this.row;
    const col = this.col;
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
    const formula = this.hasF && (this.fText !== '' || this.fTyped);
    if (formula) {
      this.rowHasValue = true;
      const address = colName(col) + row;
      let text: string | undefined = this.fText !== '' ? this.fText : undefined;
      if (this.fShared && this.fSi !== undefined) {
        if (this.fRef) this.sharedMasters.set(this.fSi, address);
        else text ??= this.sharedMasters.get(this.fSi);
      }
      if (text !== undefined) this.formulas.set(address, text);
      // An empty saved result is no result (exceljs's rule; read.ts decides what it means).
      if (this.vEmpty()) {
        this.withoutResult.push(address);
        return;
      }
      if (text !== undefined) this.withResult.add(address);
      // A formula's result is text, a boolean, an error or a number, whatever else `t` says.
      const t = this.t === T.Str || this.t === T.Bool || this.t === T.Error ? this.t : T.Number;
      this.grid.put(row, col, this.value(t));
      return;
    }
    if (this.vEmpty()) return;
    this.rowHasValue = true;
    this.grid.put(row, col, this.value(this.t));
  }

  private value(t: T): RawCell {
    switch (t) {
      case T.Number: {
        const n = this.vSrc === null ? parseFloat(this.vText) : numberAt(this.vSrc, this.vStart, this.vEnd);
        if (!Number.isFinite(n)) return null;
        if (this.s > 0 && this.dateStyles[this.s] === true)
          return new Date(Math.round((n - 25569 + (this.date1904 ? 1462 : 0)) * 86_400_000));
        return n;
      }
      case T.Shared: {
        const i = this.vSrc === null ? parseInt(this.vText, 10) : uintAt(this.vSrc, this.vStart, this.vEnd);
        if (!(i >= 0 && i < this.strings.length))
          throw new XmlError(`cell ${colName(this.col)}${this.row} names shared string ${this.vString()}, which does not exist`);
        return this.strings[i] ?? null;
      }
      case T.Str:
      case T.Inline:
        return this.vString();
      case T.Bool:
        return parseInt(this.vString(), 10) !== 0;
      case T.Error:
        return { error: this.vString() };
      case T.Date: {
        const v = this.vString();
        const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`);
        return Number.isNaN(d.getTime()) ? v : d;
      }
    }
  }

  /** The sheet, with what merges cover blanked as exceljs does (a merged cell's value is its top-left one's). */
  finish(name: string, state: SheetState, index: number): RawSheet {
    const withoutResult = new Set(this.withoutResult);
    for (const m of this.areas) {
      // A hidden row holding a cell of a merge is noted, as one holding a value.
      for (const [first, last] of this.hiddenEmpty)
        for (let r = Math.max(first, m.top); r <= Math.min(last, m.bottom); r++) if (coversSlave(m, r)) this.hiddenWithValues.add(r);
      const bottom = Math.min(m.bottom, this.maxRow);
      const right = Math.min(m.right, this.maxCol);
      for (let r = m.top; r <= bottom; r++) {
        for (let c = m.left; c <= right; c++) {
          if (r === m.top && c === m.left) continue;
          this.grid.clear(r, c);
          const address = colName(c) + r;
          if (this.formulas.delete(address)) this.withResult.delete(address);
          withoutResult.delete(address);
        }
      }
    }
    this.grid.trim();
    return {
      name,
      state,
      index,
      cells: this.grid.cells,
      formulasWithoutResult: [...withoutResult],
      formulasWithResult: this.withResult.size,
      formulas: Object.fromEntries(this.formulas),
      merges: rowMerges(dedupe(this.areas)),
      hiddenRows: [...this.hiddenWithValues].sort((a, b) => a - b),
    };
  }
}

function dedupe(areas: Area[]): Area[] {
  const seen = new Set<string>();
  return areas.filter((m) => {
    const key = `${m.master}:${m.bottom}:${m.right}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
