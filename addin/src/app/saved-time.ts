/**
 * When a returned .xlsx was last saved, from its own properties (docProps/core.xml,
 * `dcterms:modified`) — the time the roll-up's resubmission rule compares first, as the CLI does;
 * the file's modification time is only the fallback (a copy or a download resets it).
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** One entry of a zip by name (stored or deflated), or null. Never throws on a bad file. */
async function zipEntry(bytes: Uint8Array, wanted: string): Promise<Uint8Array | null> {
  try {
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
      if (dv.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    if (eocd < 0) return null;
    const count = dv.getUint16(eocd + 10, true);
    let p = dv.getUint32(eocd + 16, true);
    const dec = new TextDecoder();
    for (let n = 0; n < count; n++) {
      if (dv.getUint32(p, true) !== CENTRAL) return null;
      const method = dv.getUint16(p + 10, true);
      const size = dv.getUint32(p + 20, true);
      const nameLen = dv.getUint16(p + 28, true);
      const skip = nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
      const local = dv.getUint32(p + 42, true);
      if (dec.decode(bytes.subarray(p + 46, p + 46 + nameLen)) === wanted) {
        const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
        const data = bytes.subarray(start, start + size);
        return method === 0 ? data : method === 8 ? await inflateRaw(data) : null;
      }
      p += 46 + skip;
    }
  } catch {
    // A damaged zip has no saved time; inserting it will report the damage.
  }
  return null;
}

/**
 * The workbook's own "last saved" time (ISO 8601), or undefined when it records none.
 *
 * @example
 * ```ts
 * const savedAt = await savedTimeOf(new Uint8Array(await file.arrayBuffer()));
 * ```
 */
export async function savedTimeOf(bytes: Uint8Array): Promise<string | undefined> {
  const core = await zipEntry(bytes, 'docProps/core.xml');
  if (!core) return undefined;
  const m = /<dcterms:modified[^>]*>([^<]+)<\/dcterms:modified>/.exec(new TextDecoder().decode(core));
  const d = m ? new Date(m[1]!.trim()) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : undefined;
}

/**
 * Bytes as base64, as `insertWorksheetsFromBase64` takes them (in chunks: no argument-count limit).
 *
 * @example
 * ```ts
 * toBase64(new Uint8Array([80, 75])); // 'UEs='
 * ```
 */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

/**
 * The worksheet names of an .xlsx in workbook order (xl/workbook.xml), which is the order
 * `insertWorksheetsFromBase64` inserts them in; empty when the file cannot be read.
 *
 * @example
 * ```ts
 * await sheetNamesOf(bytes); // ['活動状況報告', 'リスト']
 * ```
 */
export async function sheetNamesOf(bytes: Uint8Array): Promise<string[]> {
  const wb = await zipEntry(bytes, 'xl/workbook.xml');
  if (!wb) return [];
  const names: string[] = [];
  for (const m of new TextDecoder().decode(wb).matchAll(/<sheet\b[^>]*\sname="([^"]*)"/g)) names.push(unescapeXml(m[1]!));
  return names;
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'] ?? '';
  });
}
