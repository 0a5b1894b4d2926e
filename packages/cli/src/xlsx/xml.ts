/**
 * A small streaming XML scanner for the parts of an xlsx package: fed the part's bytes in chunks,
 * it calls a handler for each start tag, end tag and (when the handler wants it) text.
 *
 * Why not a general parser such as saxes: a 100 000-row worksheet is 45 MB of XML, and saxes,
 * which decodes and checks every character, takes 2.5 s on it on the bench machine — about as long
 * as exceljs's whole streaming read. Worksheet XML needs far less: the scanner works on the UTF-8
 * bytes (names are ASCII; a chunk's end can cut no character that matters), finds tags with
 * `indexOf`, reads attributes only when asked for, and decodes text only inside the elements that
 * hold values. What it checks is what a reader needs to not read wrongly: tags closed in order,
 * attribute syntax, known entities, and no part cut short. A DOCTYPE (never written by Excel or
 * LibreOffice; the door to entity expansion attacks) is refused.
 */

/** A part's XML is not well formed. `message` is English, for the "damaged" detail. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
}

/** The attributes of the current start tag, read on demand. Valid only during `open`. */
export class Attributes {
  /** @internal */ src: Buffer = Buffer.alloc(0);
  /** @internal Start/end of each name and value, four numbers per attribute. */
  readonly spans: number[] = [];
  /** @internal */ count = 0;

  /**
   * The value of attribute `name`, entities decoded. A name starting with `:` matches any prefix
   * (`:id` finds `r:id`).
   */
  get(name: string): string | undefined {
    const k = this.find(name);
    return k < 0 ? undefined : decodeText(this.src, this.spans[k + 2]!, this.spans[k + 3]!);
  }

  /** The byte span of attribute `name`'s raw value (`[start, end]` in {@link Attributes.src}), or null. */
  span(name: string): [number, number] | null {
    const k = this.find(name);
    return k < 0 ? null : [this.spans[k + 2]!, this.spans[k + 3]!];
  }

  private find(name: string): number {
    const b = this.src;
    const spans = this.spans;
    const suffix = name.charCodeAt(0) === 58; /* ':' */
    const n = name.length;
    for (let k = 0; k < 4 * this.count; k += 4) {
      const ns = spans[k]!;
      const ne = spans[k + 1]!;
      const len = ne - ns;
      if (suffix ? len <= n : len !== n) continue;
      let i = 0;
      const from = ne - n;
      while (i < n && b[from + i] === name.charCodeAt(i)) i++;
      if (i === n) return k;
    }
    return -1;
  }
}

/** What the scanner calls. Element names come without a namespace prefix (`x:c` → `c`). */
export interface XmlHandler {
  open(name: string, attrs: Attributes, selfClosing: boolean): void;
  close(name: string): void;
  /**
   * Text: bytes `start`–`end` of `src` (decode them with {@link decodeText}, or with
   * `src.toString('utf8', start, end)` when `cdata`); called only while
   * {@link XmlHandler.wantText} is true. The bytes stay valid after the call.
   */
  text(src: Buffer, start: number, end: number, cdata: boolean): void;
  wantText: boolean;
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes UTF-8 text or an attribute value: entities and character references, line ends normalised. */
export function decodeText(src: Buffer, start: number, end: number, cdata = false): string {
  let s = src.toString('utf8', start, end);
  if (cdata) return s;
  if (s.includes('\r')) s = s.replace(/\r\n?/g, '\n');
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&\s]{1,10});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlError(`a stray "&" in text near "${whole}"`);
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) throw new XmlError(`a bad character reference "${whole}"`);
      return String.fromCodePoint(code);
    }
    const e = XML_ENTITIES[ref];
    if (e === undefined) throw new XmlError(`an unknown entity "${whole}"`);
    return e;
  });
}

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const COLON = 58;
const QUESTION = 63;
const BANG = 33;
const EMPTY = Buffer.alloc(0);
const PI_END = Buffer.from('?>');
const COMMENT_END = Buffer.from('-->');
const CDATA_END = Buffer.from(']]>');
const COMMENT_OPEN = Buffer.from('<!--');
const CDATA_OPEN = Buffer.from('<![CDATA[');
const DOCTYPE_OPEN = Buffer.from('<!DOCTYPE');

// Element names are few: the same string is handed on for the same bytes (no allocation per tag).
const NAMES = new Map<number, string[]>();
function nameOf(b: Buffer, start: number, end: number): string {
  const key = (end - start) * 65536 + b[start]! * 256 + b[end - 1]!;
  let list = NAMES.get(key);
  if (list !== undefined) {
    for (const n of list) {
      let i = 0;
      while (i < n.length && n.charCodeAt(i) === b[start + i]) i++;
      if (i === n.length) return n;
    }
  } else NAMES.set(key, (list = []));
  const n = b.toString('latin1', start, end);
  if (list.length < 8) list.push(n);
  return n;
}

function startsWithAt(b: Buffer, at: number, what: Buffer): boolean {
  if (at + what.length > b.length) return false;
  for (let i = 0; i < what.length; i++) if (b[at + i] !== what[i]) return false;
  return true;
}

/**
 * Feeds a handler from a part's bytes. Call {@link XmlScanner.write} for each chunk and
 * {@link XmlScanner.end} at the end; both throw {@link XmlError} on XML that is not well formed.
 */
export class XmlScanner {
  private buf: Buffer = EMPTY;
  private readonly attrs = new Attributes();
  private readonly stack: string[] = [];
  private seenRoot = false;

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const used = this.scan(false);
    // The unhandled rest is copied: it must not keep the whole chunk alive.
    this.buf = used >= this.buf.length ? EMPTY : Buffer.from(this.buf.subarray(used));
  }

  end(): void {
    this.scan(true);
    if (!this.seenRoot) throw new XmlError('no XML element found');
    if (this.stack.length > 0) throw new XmlError(`the part ends inside <${this.stack[this.stack.length - 1]}> (cut short)`);
  }

  /** Handles every complete construct in the buffer; returns where the unhandled rest starts. */
  private scan(final: boolean): number {
    const b = this.buf;
    const h = this.handler;
    const stack = this.stack;
    const attrs = this.attrs;
    attrs.src = b;
    const spans = attrs.spans;
    const len = b.length;
    let p = 0;
    for (;;) {
      const lt = b.indexOf(LT, p);
      if (lt < 0) {
        if (final) {
          if (stack.length === 0 && this.seenRoot && b.toString('latin1', p).trim() !== '') throw new XmlError('text after the end of the part');
          return len;
        }
        // Text whose end is not here yet.
        return p;
      }
      if (lt > p && h.wantText && stack.length > 0) h.text(b, p, lt, false);
      if (lt + 1 >= len) return incomplete(final, lt);
      const c = b[lt + 1]!;
      if (c === QUESTION) {
        const e = b.indexOf(PI_END, lt + 2);
        if (e < 0) return incomplete(final, lt);
        p = e + 2;
        continue;
      }
      if (c === BANG) {
        if (startsWithAt(b, lt, COMMENT_OPEN)) {
          const e = b.indexOf(COMMENT_END, lt + 4);
          if (e < 0) return incomplete(final, lt);
          p = e + 3;
          continue;
        }
        if (startsWithAt(b, lt, CDATA_OPEN)) {
          const e = b.indexOf(CDATA_END, lt + 9);
          if (e < 0) return incomplete(final, lt);
          if (h.wantText && stack.length > 0) h.text(b, lt + 9, e, true);
          p = e + 3;
          continue;
        }
        if (lt + 9 > len && !final) return lt;
        throw new XmlError(startsWithAt(b, lt, DOCTYPE_OPEN) ? 'a DOCTYPE declaration (not allowed in a workbook)' : 'an unknown "<!" construct');
      }
      if (c === SLASH) {
        const gt = b.indexOf(GT, lt + 2);
        if (gt < 0) return incomplete(final, lt);
        let ns = lt + 2;
        let ne = gt;
        while (ne > ns && b[ne - 1]! <= 32) ne--;
        for (let i = ns; i < ne; i++) if (b[i] === COLON) ns = i + 1;
        const name = nameOf(b, ns, ne);
        const open = stack.pop();
        if (open !== name) throw new XmlError(open === undefined ? `an end tag </${name}> with no start tag` : `<${open}> closed by </${name}>`);
        h.close(name);
        p = gt + 1;
        continue;
      }
      // A start tag: its name, then attributes up to ">" or "/>".
      let q = lt + 1;
      let ns = q;
      for (; q < len; q++) {
        const d = b[q]!;
        if (d <= 32 || d === GT || d === SLASH) break;
        if (d === COLON) ns = q + 1;
      }
      if (q >= len) return incomplete(final, lt);
      if (q === lt + 1) throw new XmlError('a "<" that starts no tag');
      const name = nameOf(b, ns, q);
      attrs.count = 0;
      let selfClosing = false;
      for (;;) {
        let d = b[q];
        while (d !== undefined && d <= 32) d = b[++q];
        if (d === undefined) return incomplete(final, lt);
        if (d === GT) {
          q++;
          break;
        }
        if (d === SLASH) {
          const e = b[q + 1];
          if (e === undefined) return incomplete(final, lt);
          if (e !== GT) throw new XmlError(`a "/" inside the tag <${name}>`);
          q += 2;
          selfClosing = true;
          break;
        }
        const an = q;
        while (d !== undefined && d > 32 && d !== EQ && d !== GT && d !== SLASH) d = b[++q];
        const ae = q;
        while (d !== undefined && d <= 32) d = b[++q];
        if (d === undefined) return incomplete(final, lt);
        if (d !== EQ || ae === an) throw new XmlError(`an attribute without a value in <${name}>`);
        d = b[++q];
        while (d !== undefined && d <= 32) d = b[++q];
        if (d === undefined) return incomplete(final, lt);
        if (d !== QUOT && d !== APOS) throw new XmlError(`an attribute value without quotes in <${name}>`);
        const ve = b.indexOf(d, q + 1);
        if (ve < 0) return incomplete(final, lt);
        const k = 4 * attrs.count++;
        spans[k] = an;
        spans[k + 1] = ae;
        spans[k + 2] = q + 1;
        spans[k + 3] = ve;
        q = ve + 1;
        const after = b[q];
        if (after !== undefined && after > 32 && after !== GT && after !== SLASH) throw new XmlError(`no space between the attributes of <${name}>`);
      }
      if (stack.length === 0 && this.seenRoot) throw new XmlError(`a second root element <${name}>`);
      this.seenRoot = true;
      if (!selfClosing) stack.push(name);
      h.open(name, attrs, selfClosing);
      if (selfClosing) h.close(name);
      p = q;
    }
  }
}

function incomplete(final: boolean, at: number): number {
  if (final) throw new XmlError('the part ends inside a tag (cut short)');
  return at;
}
