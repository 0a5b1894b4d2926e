/**
 * The lean reader on what exceljs-written fixtures do not hold: XML cut or split anywhere, damaged
 * packages, and what other programs write (East Asian built-in date formats, phonetic guides,
 * ISO date cells, prefixed elements, cells without addresses). The grids it gives on every
 * workbook the other tests read are compared with exceljs's by read-check.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_HEADERS, addSheet, goodRow, save, tempDir } from '../../test/fixtures.js';
import { ExcelJS } from './exceljs.js';
import { readWorkbook } from './read.js';
import { type XmlHandler, XmlScanner, decodeText } from './xml.js';

const dir = tempDir();
const SHEET = 'xl/worksheets/sheet1.xml';

/** Everything a scan reports, as one list of strings. */
function scanAll(chunks: Buffer[]): string[] {
  const out: string[] = [];
  const h: XmlHandler = {
    wantText: true,
    open: (name, a, self) => out.push(`<${name} id=${a.get('id') ?? '-'} v=${a.get('v') ?? '-'}${self ? '/' : ''}>`),
    close: (name) => out.push(`</${name}>`),
    text: (b, s, e, cdata) => out.push(`text:${decodeText(b, s, e, cdata)}`),
  };
  const scanner = new XmlScanner(h);
  for (const c of chunks) scanner.write(c);
  scanner.end();
  // Text may come in pieces when a chunk ends inside it: join neighbouring pieces.
  return out.reduce<string[]>((acc, x) => {
    const last = acc[acc.length - 1];
    if (last?.startsWith('text:') && x.startsWith('text:')) acc[acc.length - 1] = last + x.slice(5);
    else acc.push(x);
    return acc;
  }, []);
}

async function workbook(name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addSheet(wb, '活動状況報告', ACTIVITY_HEADERS, [goodRow(), goodRow({ 取組み: 'ふれあい・いきいきサロン', 実施回数: 10 })]);
  return save(wb, dir, name);
}

/** A copy of a workbook with some parts changed. */
function edit(file: string, name: string, change: (parts: Unzipped) => void): string {
  const parts = unzipSync(readFileSync(file));
  change(parts);
  const out = join(dir, name);
  writeFileSync(out, zipSync(parts, { level: 6 }));
  return out;
}

const text = (parts: Unzipped, name: string) => strFromU8(parts[name]!);
const put = (parts: Unzipped, name: string, xml: string) => (parts[name] = strToU8(xml));

describe('the XML scanner', () => {
  it('reports the same whatever the chunks: split at every byte, inside characters, tags and entities', () => {
    const xml = Buffer.from(
      '\uFEFF<?xml version="1.0"?>\r\n<!-- 見出し > -->' +
        '<x:root xmlns:x="u" id="見守り&amp;声かけ"><a id=\'1\' v="a>b"/><b>ボランティア&#x3000;&lt;NPO&gt;</b>' +
        '<c><![CDATA[<not a tag> & 成果]]></c><d v="改行&#10;">一行目\r\n二行目</d></x:root>',
      'utf8',
    );
    const whole = scanAll([xml]);
    expect(whole).toEqual([
      '<root id=見守り&声かけ v=->',
      '<a id=1 v=a>b/>',
      '</a>',
      '<b id=- v=->',
      'text:ボランティア\u3000<NPO>',
      '</b>',
      '<c id=- v=->',
      'text:<not a tag> & 成果',
      '</c>',
      '<d id=- v=改行\n>',
      'text:一行目\n二行目',
      '</d>',
      '</root>',
    ]);
    for (let cut = 1; cut < xml.length; cut++) expect(scanAll([xml.subarray(0, cut), xml.subarray(cut)])).toEqual(whole);
    expect(scanAll([...xml].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('refuses XML that is not well formed, saying what is wrong', () => {
    const bad: [string, RegExp][] = [
      ['<a><b></a>', /<b> closed by <\/a>/],
      ['<a><b>', /ends inside <b>/],
      ['<a x="1></a>', /ends inside a tag/],
      ['<a x=1></a>', /without quotes/],
      ['<a>&bogus;</a>', /unknown entity/],
      ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /DOCTYPE/],
      ['<a/><b/>', /second root/],
      ['', /no XML element/],
    ];
    for (const [xml, why] of bad) expect(() => scanAll([Buffer.from(xml)]), xml).toThrow(why);
  });
});

describe('the lean reader', () => {
  it('reads values the way other programs write them', async () => {
    const file = edit(await workbook('others.xlsx'), 'others-edited.xlsx', (parts) => {
      // Built-in East Asian date formats (ids 31 and 58) that exceljs reads as plain numbers.
      put(
        parts,
        'xl/styles.xml',
        text(parts, 'xl/styles.xml').replace(/<cellXfs count="(\d+)">/, (_, n: string) => `<cellXfs count="${Number(n) + 2}">`).replace('</cellXfs>', '<xf numFmtId="31"/><xf numFmtId="58"/></cellXfs>'),
      );
      const xfs = (text(parts, 'xl/styles.xml').match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)?.[1]?.match(/<xf[ >/]/g) ?? []).length;
      // A shared string with its phonetic guide (ふりがな), as Japanese Excel saves it.
      const sst = text(parts, 'xl/sharedStrings.xml');
      const count = (sst.match(/<si>/g) ?? []).length;
      put(parts, 'xl/sharedStrings.xml', sst.replace('</sst>', '<si><t>寒川</t><rPh sb="0" eb="2"><t>サムカワ</t></rPh><phoneticPr fontId="1"/></si></sst>'));
      const rows =
        '<x:row r="10"><x:c r="A10" s="' + (xfs - 2) + '"><x:v>46188</x:v></x:c><x:c r="B10" s="' + (xfs - 1) + '"><x:v>46188</x:v></x:c>' +
        `<x:c r="C10" t="s"><x:v>${count}</x:v></x:c><x:c r="D10" t="d"><x:v>2026-06-15T00:00:00Z</x:v></x:c>` +
        '<x:c r="E10" t="inlineStr"><x:is><x:r><x:t>見守り</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">・声かけ </x:t></x:r></x:is></x:c>' +
        '<x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c></x:row>' +
        '<x:row><x:c r="A11"><x:v>1.5e3</x:v></x:c></x:row>';
      // The same sheet with every element prefixed, as some programs write it.
      const xml = text(parts, SHEET)
        .replace(/<(\/?)([A-Za-z][\w]*)([ >/])/g, (m, slash: string, name: string, after: string) => (name === 'xml' ? m : `<${slash}x:${name}${after}`))
        .replace('<x:worksheet', '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"')
        .replace('</x:sheetData>', rows + '</x:sheetData>');
      put(parts, SHEET, xml);
    });
    const read = await readWorkbook(file);
    expect(read.reader).toBe('lean');
    expect(read.issues).toEqual([]);
    const cells = read.sheets[0]!.grid.cells;
    const d = new Date(Date.UTC(2026, 5, 15));
    expect(cells[9]).toEqual([d, d, '寒川', d, '見守り・声かけ ', true, { error: '#DIV/0!' }]);
    expect(cells[10]).toEqual([1500]);
    expect(read.sheets[0]!.grid.formulas).toEqual({ G10: '1/0' });
    // The rows before are the return as written.
    expect(cells[1]?.[2]).toBe('寒川');
    expect(cells[2]?.[6]).toBe(10);
  });

  it('gives one clear, located issue for a damaged package, never a crash', async () => {
    const good = await workbook('good.xlsx');
    const cases: [string, (parts: Unzipped) => void, RegExp][] = [
      ['cut.xlsx', (p) => put(p, SHEET, text(p, SHEET).slice(0, Math.floor(text(p, SHEET).length * 0.7))), /xl\/worksheets\/sheet1\.xml: the part ends inside/],
      ['tags.xlsx', (p) => put(p, SHEET, text(p, SHEET).replace('</row>', '</c></row>')), /xl\/worksheets\/sheet1\.xml: .*closed by/],
      ['doctype.xlsx', (p) => put(p, SHEET, text(p, SHEET).replace(/<worksheet/, '<!DOCTYPE w [<!ENTITY lol "lol">]><worksheet')), /DOCTYPE/],
      ['entity.xlsx', (p) => put(p, 'xl/sharedStrings.xml', text(p, 'xl/sharedStrings.xml').replace('<t>', '<t>&nbsp;')), /xl\/sharedStrings\.xml: an unknown entity "&nbsp;"/],
      ['string.xlsx', (p) => put(p, SHEET, text(p, SHEET).replace(/(<c r="B2"[^>]*t="s"[^>]*><v>)\d+/, '$19999')), /cell B2 names shared string 9999/],
      ['nobook.xlsx', (p) => delete p['xl/workbook.xml'], /xl\/workbook\.xml is missing/],
      ['nosheet.xlsx', (p) => delete p[SHEET], /xl\/worksheets\/sheet1\.xml \(sheet "活動状況報告"\) is missing/],
    ];
    for (const [name, change, why] of cases) {
      const read = await readWorkbook(edit(good, name, change));
      expect({ name, ok: read.ok, codes: read.issues.map((i) => i.code) }).toEqual({ name, ok: false, codes: ['file_unreadable'] });
      expect(read.issues[0]!.message.en).toMatch(why);
      expect(read.issues[0]!.message.ja).toMatch(/ブックを読み取れません/);
      expect(read.issues[0]!.message.en).not.toMatch(/at .*\.js:\d+/);
    }
    // Compressed bytes damaged inside the sheet's entry: zlib refuses them.
    const bytes = readFileSync(good);
    const at = bytes.indexOf(Buffer.from(SHEET)) + SHEET.length + 40;
    for (let i = at; i < at + 64; i++) bytes[i] = 0xff - bytes[i]!;
    writeFileSync(join(dir, 'inflate.xlsx'), bytes);
    const read = await readWorkbook(join(dir, 'inflate.xlsx'));
    expect(read.issues.map((i) => i.code)).toEqual(['file_unreadable']);
    expect(read.issues[0]!.message.en).toMatch(/xl\/worksheets\/sheet1\.xml: cannot be inflated/);
  });

  it('notes hidden rows down to row 1,048,576 only where they hold a value or a merged cell', async () => {
    const file = edit(await workbook('hidden.xlsx'), 'hidden-to-bottom.xlsx', (parts) => {
      const rows: string[] = [];
      for (let r = 10; r <= 1_048_576; r++) rows.push(r === 11 ? '<row r="11" hidden="1"><c r="B11" t="inlineStr"><is><t>メモ</t></is></c></row>' : `<row r="${r}" hidden="1"/>`);
      put(parts, SHEET, text(parts, SHEET).replace('</sheetData>', rows.join('') + '</sheetData><mergeCells count="1"><mergeCell ref="C20:C22"/></mergeCells>'));
    });
    // exceljs would read these rows through slim.ts, which drops empty rows: read the lean way only.
    const read = await readWorkbook(file, { mode: 'lean' });
    expect(read.sheets[0]!.grid.hiddenRows).toEqual([11, 21, 22]);
    expect(read.sheets[0]!.grid.merges).toEqual(['C20:C22']);
    expect(read.sheets[0]!.grid.cells).toHaveLength(11);
    expect(read.sheets[0]!.grid.cells[10]).toEqual([null, 'メモ']);
  });

  it('reads a big sheet streamed in chunks with Japanese text cut at their ends', async () => {
    const wb = new ExcelJS.Workbook();
    const words = ['ボランティア・NPO', '民生委員・児童委員', '見守り・声かけ活動', 'ふれあい・いきいきサロン'];
    const texts = Array.from({ length: 40_000 }, (_, i) => `${words[i % 4]}、${i}件目：高齢者世帯を訪問した。`);
    // Inline strings, so that the text is in the sheet (over 4 MB: streamed in chunks).
    const ws = wb.addWorksheet('長い報告');
    ws.addRow(['成果']);
    for (const t of texts) ws.addRow([t]);
    const file = await save(wb, dir, 'long.xlsx');
    const inline = edit(file, 'long-inline.xlsx', (parts) => {
      const strings = [...text(parts, 'xl/sharedStrings.xml').matchAll(/<si><t[^>]*>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!);
      put(parts, SHEET, text(parts, SHEET).replace(/<c r="([A-Z]+\d+)"( s="\d+")? t="s"><v>(\d+)<\/v><\/c>/g, (_, r: string, s: string | undefined, i: string) => `<c r="${r}"${s ?? ''} t="inlineStr"><is><t>${strings[Number(i)]}</t></is></c>`));
      expect(parts[SHEET]!.length).toBeGreaterThan(4 * 1024 * 1024);
    });
    const read = await readWorkbook(inline);
    expect(read.reader).toBe('lean');
    expect(read.sheets[0]!.grid.cells.slice(1).map((r) => r[0])).toEqual(texts);
  });
});
