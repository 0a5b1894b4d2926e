/**
 * Bloated sheets: formatting that runs to row 1,048,576 is stored as a million empty `<row>`
 * elements (and styled empty `<c>` cells). exceljs builds an object for each — 40 s and 790 MB
 * for a 30-row return (docs/benchmarks.md). They hold no value, so they are dropped from the
 * worksheet XML before exceljs sees it; a worksheet without such runs is passed on untouched.
 */
import { inflateRawSync } from 'node:zlib';
import { zipSync, type Unzipped } from 'fflate';

// Worksheet XML below this size is read as it is: dropping empty rows would not pay for itself.
const SLIM_FROM_BYTES = 2 * 1024 * 1024;
/**
 * The workbook bytes with empty rows and value-less cells removed from large worksheets, or
 * `null` when there is nothing to remove (the caller then reads the file as it is).
 *
 * @example
 * ```ts
 * const slim = slimWorkbook(readFileSync('bloated.xlsx'));
 * if (slim) await wb.xlsx.load(slim);
 * ```
 */
export function slimWorkbook(bytes: Buffer): Uint8Array | null {
  const entries = listEntries(bytes);
  if (entries === null || !entries.some((e) => isSheet(e.name) && e.size >= SLIM_FROM_BYTES)) return null;
  const files: Unzipped = {};
  let changed = false;
  for (const e of entries) {
    const data = inflate(bytes, e);
    if (data === null) return null;
    files[e.name] = data as Uint8Array<ArrayBuffer>;
    if (!isSheet(e.name) || data.length < SLIM_FROM_BYTES) continue;
    const slim = dropEmptyRows(data);
    if (slim !== null) {
      files[e.name] = slim as Uint8Array<ArrayBuffer>;
      changed = true;
    }
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
    const method = b.readUInt16LE(p + 10);
    const compressed = b.readUInt32LE(p + 20);
    const size = b.readUInt32LE(p + 24);
    const n = b.readUInt16LE(p + 28);
    const x = b.readUInt16LE(p + 30);
    const c = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return null;
    out.push({ name: b.toString('utf8', p + 46, p + 46 + n), method, compressed, size, local });
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

/**
 * The worksheet XML without rows that hold no value (self-closing, or only value-less cells), or
 * null when it has none. Scans bytes with Buffer.indexOf and keeps slices: no 80 MB string is
 * built, and the rows kept are copied once.
 */
function dropEmptyRows(xml: Buffer): Buffer | null {
  const kept: Buffer[] = [];
  let from = 0;
  let pos = xml.indexOf(ROW_OPEN, 0);
  let dropped = 0;
  while (pos >= 0) {
    const gt = xml.indexOf(0x3e /* > */, pos);
    if (gt < 0) break;
    let end: number;
    let empty: boolean;
    if (xml[gt - 1] === 0x2f /* / */) {
      end = gt + 1;
      empty = true;
    } else {
      const close = xml.indexOf(ROW_CLOSE, gt);
      if (close < 0) break;
      end = close + ROW_CLOSE.length;
      const inner = xml.subarray(gt, close);
      empty = !VALUE_MARKS.some((m) => inner.includes(m));
    }
    if (empty) {
      if (pos > from) kept.push(xml.subarray(from, pos));
      from = end;
      dropped++;
    }
    pos = xml.indexOf(ROW_OPEN, end);
  }
  if (dropped === 0) return null;
  kept.push(xml.subarray(from));
  return Buffer.concat(kept);
}
