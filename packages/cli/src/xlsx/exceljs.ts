/**
 * The one place exceljs is loaded, with two fixes to exceljs 4.4 applied before anything uses it.
 *
 * 1. Text split across chunks (exceljs/exceljs#2063, #2084, #2316; fixes proposed in #1665,
 *    #1821, #2894, none released). The XML parser turns each decompressed chunk into a string on
 *    its own, so a multi-byte character cut by a chunk boundary becomes two U+FFFD. With Japanese
 *    text this hits about one row in a hundred of a big workbook read by the streaming reader:
 *    「ボランティア」 comes out as 「ボラン��ィア」 — silent corruption of what staff typed. The fix
 *    replaces exceljs's `parse-sax` module with the same parser fed through a streaming UTF-8
 *    decoder. It must be in place before exceljs loads its readers, hence this module.
 * 2. Links to a cell of the same workbook (exceljs/exceljs#3027). exceljs writes every hyperlink
 *    with an external relationship and an internal one with a `location` too; Excel joins the two
 *    into a link that goes nowhere. An internal link must carry only `location`.
 *
 * Both fixes are tested (read.test.ts, write.test.ts) so that an exceljs upgrade that changes
 * these internals fails loudly rather than silently.
 */
import { createRequire } from 'node:module';
import type * as ExcelJSModule from 'exceljs';

const require = createRequire(import.meta.url);

interface SaxEvent {
  eventType: 'opentag' | 'text' | 'closetag';
  value: unknown;
}

function installUtf8SafeParseSax(): void {
  const parseSaxPath = require.resolve('exceljs/lib/utils/parse-sax.js');
  // saxes and readable-stream are exceljs's own dependencies: resolve them from there.
  const fromExceljs = createRequire(parseSaxPath);
  const { SaxesParser } = fromExceljs('saxes') as {
    SaxesParser: new () => { on(e: string, f: (v: unknown) => void): void; write(s: string): void };
  };
  const { PassThrough } = fromExceljs('readable-stream') as { PassThrough: new () => NodeJS.ReadWriteStream };

  async function* parseSax(input: AsyncIterable<Buffer | string> | NodeJS.ReadableStream): AsyncGenerator<SaxEvent[]> {
    let iterable = input as AsyncIterable<Buffer | string> & { pipe?: unknown };
    if (typeof iterable.pipe === 'function' && !(Symbol.asyncIterator in iterable))
      iterable = (input as NodeJS.ReadableStream).pipe(new PassThrough()) as unknown as AsyncIterable<Buffer | string>;
    const parser = new SaxesParser();
    let error: unknown = null;
    let events: SaxEvent[] = [];
    parser.on('error', (e) => (error = e));
    parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
    parser.on('text', (value) => events.push({ eventType: 'text', value }));
    parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of iterable) {
      parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      if (error) throw error;
      yield events;
      events = [];
    }
    const rest = decoder.decode();
    if (rest) {
      parser.write(rest);
      if (error) throw error;
      yield events;
    }
  }

  const cached = require.cache[parseSaxPath];
  if (cached) {
    // exceljs is loaded already (a test loaded it first): its readers hold the old function.
    if (!(cached.exports as { sasaeaiFixed?: boolean }).sasaeaiFixed)
      throw new Error('exceljs was loaded before its UTF-8 fix could be installed; load it through src/xlsx/exceljs.ts');
    return;
  }
  Object.assign(parseSax, { sasaeaiFixed: true });
  const mod = new (require('node:module') as { Module: new (id: string) => NodeJS.Module }).Module(parseSaxPath);
  mod.filename = parseSaxPath;
  mod.loaded = true;
  mod.exports = parseSax;
  require.cache[parseSaxPath] = mod;
}

/** True for a target such as `'活動 一覧'!A5` (exceljs's own rule for internal links). */
export function isInternalTarget(target: string | undefined): boolean {
  return typeof target === 'string' && /^[^!]+![a-zA-Z]+[\d]+$/.test(target);
}

interface HyperlinkModel {
  address: string;
  target?: string;
  tooltip?: string;
  rId?: string;
}

function patchInternalLinks(): void {
  const HyperlinkXform = require('exceljs/lib/xlsx/xform/sheet/hyperlink-xform.js') as {
    prototype: { render(xml: { leafNode(n: string, a: Record<string, string | undefined>): void }, model: HyperlinkModel): void };
  };
  const WorksheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js') as {
    prototype: { prepare(model: { hyperlinks?: HyperlinkModel[]; rels?: { Id: string }[] }, options: unknown): void };
  };
  const render = HyperlinkXform.prototype.render;
  HyperlinkXform.prototype.render = function (xml, model) {
    if (!isInternalTarget(model.target)) return render.call(this, xml, model);
    xml.leafNode('hyperlink', { ref: model.address, location: model.target, tooltip: model.tooltip });
  };
  const prepare = WorksheetXform.prototype.prepare;
  WorksheetXform.prototype.prepare = function (model, options) {
    prepare.call(this, model, options);
    const internal = new Set<string>();
    for (const h of model.hyperlinks ?? [])
      if (isInternalTarget(h.target) && h.rId !== undefined) {
        internal.add(h.rId);
        delete h.rId;
      }
    if (internal.size > 0 && model.rels) model.rels = model.rels.filter((r) => !internal.has(r.Id));
  };
}

let loaded: typeof ExcelJSModule | undefined;

function load(): typeof ExcelJSModule {
  if (loaded === undefined) {
    installUtf8SafeParseSax();
    loaded = require('exceljs') as typeof ExcelJSModule;
    patchInternalLinks();
  }
  return loaded;
}

/**
 * exceljs, with the fixes above. Import it from here, never from 'exceljs' directly. It is loaded
 * on first use: reading returns (the lean reader) never needs it, and loading it is a large part
 * of a short `sasaeai validate` run.
 */
export const ExcelJS: typeof ExcelJSModule = new Proxy({} as typeof ExcelJSModule, {
  get: (_, key) => Reflect.get(load(), key) as unknown,
});
