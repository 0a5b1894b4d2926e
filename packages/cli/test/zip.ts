/**
 * A minimal zip reader for the tests (central directory, stored or deflated entries): enough to
 * look at the XML parts of a workbook without another dependency.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** Every part of a zip file, as text. */
export function zipParts(file: string): Map<string, string> {
  const buf = readFileSync(file);
  const parts = new Map<string, string>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    parts.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return parts;
}

/** One part of a zip file, as text. */
export function zipPart(file: string, part: string): string | undefined {
  return zipParts(file).get(part);
}

/** The XML of the n-th worksheet part. */
export function sheetXml(file: string, n: number): string {
  return zipPart(file, `xl/worksheets/sheet${n}.xml`) ?? '';
}
