/**
 * Bloated sheets: formatting that runs to row 1,048,576 is stored as a million empty `<row>`
 * elements (and styled empty `<c>` cells). exceljs builds an object for each — 40 s and 790 MB
 * for a 30-row return (docs/benchmarks.md). They hold no value, so they are dropped from the
 * worksheet XML before exceljs sees it; a worksheet without such runs is passed on untouched.
 */
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { zipSync, type Unzipped } from 'fflate';

// Worksheet XML below this size is read as it is: dropping empty rows would not pay for itself.
const SLIM_FROM_BYTES = 2 * 1024 * 1024;
/** Output chunk of the streaming inflate: few chunks, each small beside the sheet. */
export const INFLATE_CHUNK = 1024 * 1024;
/**
 * The workbook bytes with empty rows and value-less cells removed from large worksheets, or
 * `null` when there is nothing to remove (the caller then reads the file as it is).
 *
 * @example
 * ```ts
 * const slim = await slimWorkbook(readFileSync('bloated.xlsx'));
 * if (slim) await wb.xlsx.load(slim);
 * ```
 */
export async function slimWorkbook(bytes: Buffer): Promise<Uint8Array | null> {
  const entries = listEntries(bytes);
  if (entries === null || !entries.some((e) => isSheet(e.name) && e.size >= SLIM_FROM_BYTES)) return null;
  const files: Unzipped = {};
  let changed = false;
  for (const e of entries) {
    if (isSheet(e.name) && e.size >= SLIM_FROM_BYTES) {
      const raw = entryData(bytes, e);
      if (raw === null || (e.method !== 0 && e.method !== 8)) return null;
      try {
        const chunks = e.method === 0 ? [raw] : Readable.from([raw]).pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK }));
        const slim = await dropEmptyRows(chunks);
        files[e.name] = slim.xml as Uint8Array<ArrayBuffer>;
        if (slim.dropped > 0) changed = true;
      } catch {
        return null;
      }
      continue;
    }
    const data = inflate(bytes, e);
    if (data === null) return null;
    files[e.name] = data as Uint8Array<ArrayBuffer>;
  }
  // Stored, not compressed: exceljs inflates it again at once, so compressing would be wasted time.
  return changed ? zipSync(files, { level: 0 }) : null;
}

function isSheet(name: string): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/.test(name);
}

/** One entry of a zip's central directory. */
export interface Entry {
  name: string;
  /** General purpose flags (bit 0: encrypted). */
  flags: number;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

// The zip's central directory, read directly: Node's zlib inflates the one big entry several
// times faster than a JavaScript inflate. Zip64 and anything unusual give null (read as it is).
/** The entries of a zip, from its central directory; null for zip64 or anything unusual. */
export function listEntries(b: Buffer): Entry[] | null {
  const min = Math.max(0, b.length - 22 - 65_535);
  let eocd = -1;
  for (let i = b.length - 22; i >= min; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const out: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
    const flags = b.readUInt16LE(p + 8);
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const n = b.readUInt16LE(p + 28);
    const x = b.readUInt16LE(p + 30);
    const c = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return null;
    out.push({ name: b.toString('utf8', p + 46, p + 46 + n), flags, method, compressed, size, local });
    p += 46 + n + x + c;
  }
  return out;
}

/** Where an entry's (compressed) data lies in the zip, or null when its local header is not there. */
export function entryData(b: Buffer, e: Entry): Buffer | null {
  if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) return null;
  const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
  return b.subarray(start, start + e.compressed);
}

function inflate(b: Buffer, e: Entry): Buffer | null {
  if (e.local + 30 > b.length || b.readUInt32LE(e.local) !== 0x04034b50) return null;
  const start = e.local + 30 + b.readUInt16LE(e.local + 26) + b.readUInt16LE(e.local + 28);
  const raw = b.subarray(start, start + e.compressed);
  try {
    if (e.method === 0) return Buffer.from(raw);
    if (e.method === 8) return inflateRawSync(raw);
  } catch {
    return null;
  }
  return null;
}

const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');
const VALUE_MARKS = ['<v', '<f', '<is'].map((m) => Buffer.from(m));
const CELL_OPEN = Buffer.from('<c');
const SHEET_DATA_CLOSE = Buffer.from('</sheetData>');
const LT = 0x3c;
// Bytes of the next chunk joined to a row cut at a chunk's end (a row is far shorter).
const JOIN_BYTES = 64 * 1024;
const GT = 0x3e;

/**
 * Inflates a worksheet in chunks and keeps only what is not an empty row (self-closing, or only
 * value-less cells). The 80 MB of a bloated sheet are never held whole, and no string is built:
 * bytes are scanned with Buffer.indexOf and the parts kept are copied once.
 */
async function dropEmptyRows(chunks: AsyncIterable<Buffer> | Iterable<Buffer>): Promise<{ xml: Buffer; dropped: number }> {
  const kept: Buffer[] = [];
  let carry: Buffer | null = null;
  let dropped = 0;
  // Keeps what is not an empty row up to where a row is cut by the end of `buf` (returned).
  const scan = (buf: Buffer, final: boolean): number => {
    let from = 0;
    let stop = -1;
    const dataEnd = buf.indexOf(SHEET_DATA_CLOSE);
    for (let pos = buf.indexOf(ROW_OPEN); pos >= 0; pos = buf.indexOf(ROW_OPEN, pos + 1)) {
      // A run of rows without a single cell (a million, in a bloated sheet) is dropped in one step:
      // every row that starts before the next `<c` and before the last `<row` ahead of it is whole
      // and holds nothing.
      const cell = buf.indexOf(CELL_OPEN, pos);
      let bound = cell < 0 ? buf.length : cell;
      if (dataEnd >= pos && dataEnd < bound) bound = dataEnd;
      const last = buf.lastIndexOf(ROW_OPEN, bound - 1);
      if (last > pos && (dataEnd < 0 || dataEnd > pos)) {
        if (pos > from) kept.push(Buffer.from(buf.subarray(from, pos)));
        from = last;
        dropped++;
        pos = last;
      }
      const next = buf[pos + 4];
      if (next === undefined && !final) {
        stop = pos;
        break;
      }
      // `<rowBreaks>` and the like are other elements.
      if (next !== 0x20 && next !== GT && next !== 0x2f && next !== 0x09 && next !== 0x0a && next !== 0x0d) continue;
      const gt = buf.indexOf(GT, pos);
      if (gt < 0) {
        stop = pos;
        break;
      }
      let end: number;
      let empty: boolean;
      if (buf[gt - 1] === 0x2f /* / */) {
        end = gt + 1;
        empty = true;
      } else {
        const close = buf.indexOf(ROW_CLOSE, gt);
        if (close < 0) {
          stop = pos;
          break;
        }
        end = close + ROW_CLOSE.length;
        const inner = buf.subarray(gt, close);
        empty = !VALUE_MARKS.some((m) => inner.includes(m));
      }
      if (empty) {
        if (pos > from) kept.push(Buffer.from(buf.subarray(from, pos)));
        from = end;
        dropped++;
      }
      pos = end - 1;
    }
    if (final) stop = buf.length;
    else if (stop < 0) {
      // No row left open, but a `<row` may be cut at the chunk's end.
      const lt = buf.lastIndexOf(LT);
      stop = lt >= from && buf.indexOf(GT, lt) < 0 ? lt : buf.length;
    }
    if (stop > from) kept.push(Buffer.from(buf.subarray(from, stop)));
    return Math.max(from, stop);
  };
  for await (const chunk of chunks) {
    let rest = chunk;
    if (carry !== null) {
      // Only the row cut between chunks is joined: copying whole chunks is what took the time.
      const head = Buffer.concat([carry, chunk.subarray(0, JOIN_BYTES)]);
      const stop = scan(head, false);
      if (stop < carry.length || chunk.length <= JOIN_BYTES) {
        carry = Buffer.concat([head.subarray(stop), chunk.subarray(JOIN_BYTES)]);
        continue;
      }
      rest = chunk.subarray(stop - carry.length);
    }
    const stop = scan(rest, false);
    carry = stop < rest.length ? Buffer.from(rest.subarray(stop)) : null;
  }
  if (carry !== null) scan(carry, true);
  return { xml: Buffer.concat(kept), dropped };
}
