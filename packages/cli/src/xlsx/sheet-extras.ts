/**
 * What exceljs's streaming reader does not pass on: merged areas (`<mergeCells>`), hidden rows
 * (`<row hidden="1">`) and the workbook's saved time (docProps/core.xml). Read here straight from
 * the zip so the streaming path gives core the same grids as the whole-workbook reader.
 *
 * Worksheet XML is inflated in chunks and scanned as bytes: a big sheet is never held whole and no
 * string is built but for the few tags that matter.
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { INFLATE_CHUNK, entryData, listEntries } from './slim.js';

/** Merges and hidden rows of one worksheet part. */
export interface SheetExtras {
  /** Merged ranges as written (`A2:A5`), in document order. */
  merges: string[];
  hiddenRows: Set<number>;
}

/** What the streaming reader misses, per worksheet part (`xl/worksheets/sheet1.xml`). */
export interface WorkbookExtras {
  sheets: Map<string, SheetExtras>;
  /** `dcterms:modified` of docProps/core.xml, as written. */
  modified?: string;
}

const ROW_OPEN = Buffer.from('<row');
const MERGE_OPEN = Buffer.from('<mergeCell ');
const LT = 0x3c;
const GT = 0x3e;

/**
 * Scans a workbook file's worksheets for merged ranges and hidden rows. Throws when the zip cannot
 * be read (the caller then falls back to the whole-workbook reader).
 */
export async function readWorkbookExtras(file: string): Promise<WorkbookExtras> {
  const bytes = await readFile(file);
  const entries = listEntries(bytes);
  if (entries === null) throw new Error('zip directory not readable');
  const out: WorkbookExtras = { sheets: new Map() };
  for (const e of entries) {
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(e.name);
    if (!sheet && e.name !== 'docProps/core.xml') continue;
    const raw = entryData(bytes, e);
    if (raw === null || (e.method !== 0 && e.method !== 8)) throw new Error(`zip entry ${e.name} not readable`);
    const chunks = e.method === 0 ? [raw] : Readable.from([raw]).pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK }));
    if (sheet) out.sheets.set(e.name, await scanSheet(chunks));
    else {
      const parts: Buffer[] = [];
      for await (const c of chunks) parts.push(c as Buffer);
      const m = /<dcterms:modified[^>]*>([^<]*)</.exec(Buffer.concat(parts).toString('utf8'));
      if (m?.[1]) out.modified = m[1].trim();
    }
  }
  return out;
}

async function scanSheet(chunks: AsyncIterable<unknown> | Iterable<unknown>): Promise<SheetExtras> {
  const merges: string[] = [];
  const hiddenRows = new Set<number>();
  let row = 0;
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    const buf: Buffer = carry === null ? (chunk as Buffer) : Buffer.concat([carry, chunk as Buffer]);
    // A tag cut by the chunk's end is kept for the next chunk.
    const lastLt = buf.lastIndexOf(LT);
    const end = lastLt >= 0 && buf.indexOf(GT, lastLt) < 0 ? lastLt : buf.length;
    carry = end < buf.length ? Buffer.from(buf.subarray(end)) : null;
    for (let p = buf.indexOf(ROW_OPEN); p >= 0 && p < end; p = buf.indexOf(ROW_OPEN, p + 4)) {
      const next = buf[p + 4];
      // `<rowBreaks>` and the like are other elements.
      if (next !== 0x20 && next !== GT && next !== 0x2f && next !== 0x09 && next !== 0x0a && next !== 0x0d) continue;
      const gt = buf.indexOf(GT, p);
      const tag = buf.toString('latin1', p, gt);
      const r = / r="(\d+)"/.exec(tag);
      row = r ? Number(r[1]) : row + 1;
      if (/\shidden="(1|true)"/.test(tag)) hiddenRows.add(row);
    }
    for (let p = buf.indexOf(MERGE_OPEN); p >= 0 && p < end; p = buf.indexOf(MERGE_OPEN, p + 1)) {
      const tag = buf.toString('latin1', p, buf.indexOf(GT, p));
      const ref = /\sref="([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)"/.exec(tag)?.[1];
      if (ref !== undefined) merges.push(ref.toUpperCase());
    }
  }
  return { merges, hiddenRows };
}
