/**
 * Headers of three rows and more, as real files: written by exceljs (a title band merged across,
 * 実績 merged over 実施回数／参加者数, a units row) and by LibreOffice itself (a flat ODS written
 * by hand, with two levels of group labels, converted to .xlsx by soffice). Judged by what the
 * public commands say and count, so the checks hold whichever xlsx reader the CLI uses.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { ACTIVITY_HEADERS, goodRow, save, tempDir } from './fixtures.js';
import { libreOfficeConvert } from './libreoffice.js';
import { json, sasaeai } from './run.js';

const TODAY = ['--today', '2026-07-01'];
const june = (d: number) => new Date(Date.UTC(2026, 5, d));

/** The labels of the district activity return in the plan's order, by position. */
const LABELS = ['年度', '区', '地区部会', '報告日', '取組み', '実施状況', '実施回数', '参加者数', '連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'];

/** 寒川 by exceljs: title band A1:N1, labels merged down rows 2–4, 実績 over G:H, units in row 4. */
async function exceljsReturn(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  ws.addRow(['令和8年度 地区部会 活動状況報告（中央区 寒川）']);
  ws.mergeCells('A1:N1');
  // 報告日※1: a numbered note reference, explained under the table.
  ws.addRow(LABELS.map((l, i) => (i === 6 ? '実績' : i === 7 ? null : i === 3 ? '報告日※1' : l)));
  ws.addRow(LABELS.map((l, i) => (i === 6 || i === 7 ? l : null)));
  ws.addRow(LABELS.map((_, i) => (i === 6 ? '（回）' : i === 7 ? '（人）' : null)));
  ws.mergeCells('G2:H2');
  for (let c = 1; c <= 14; c++) if (c !== 7 && c !== 8) ws.mergeCells(2, c, 4, c);
  for (const [init, s, p, d] of [
    ['見守り・声かけ活動', 12, 240, 10],
    ['ふれあい・いきいきサロン', 10, 180, 11],
    ['子育てサロン', 5, 60, 12],
  ] as const) {
    const r = ws.addRow(goodRow({ 地区部会: '寒川', 取組み: init, 実施回数: s, 参加者数: p, 報告日: june(d) }));
    r.getCell(4).numFmt = 'yyyy/m/d';
  }
  ws.addRow([]);
  ws.addRow(['※1 活動を行った日を記入してください。']);
  return save(wb, dir, '寒川.xlsx');
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A cell of a flat ODS: text, a number or a date, optionally spanning rows and columns. */
function odsCell(v: string | number | null, span: { cols?: number; rows?: number } = {}): string {
  const a = `${span.cols ? ` table:number-columns-spanned="${span.cols}"` : ''}${span.rows ? ` table:number-rows-spanned="${span.rows}"` : ''}`;
  if (v === null) return `<table:table-cell${a}/>`;
  if (typeof v === 'number') return `<table:table-cell${a} office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `<table:table-cell${a} office:value-type="date" office:date-value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  return `<table:table-cell${a} office:value-type="string"><text:p>${esc(v)}</text:p></table:table-cell>`;
}
const covered = '<table:covered-table-cell/>';

/**
 * 松ケ丘 as LibreOffice writes it: 年度・区・地区部会・報告日 merged down rows 1–3, 活動 over
 * 取組み…参加者数, 取組み／実施状況 merged down rows 2–3, 実績 over the counts, the counts in row 3.
 */
function flatOds(rows: [string, string, number, number, string][]): string {
  const r1 = [
    ...['年度', '区', '地区部会', '報告日'].map((l) => odsCell(l, { rows: 3 })),
    odsCell('活動', { cols: 4 }),
    covered,
    covered,
    covered,
    ...['連携団体', '自己評価', '成果', '課題', '成果事例', '今後の方向性'].map((l) => odsCell(l, { rows: 3 })),
  ];
  const r2 = [covered, covered, covered, covered, odsCell('取組み', { rows: 2 }), odsCell('実施状況', { rows: 2 }), odsCell('実績', { cols: 2 }), covered, ...Array(6).fill(covered)];
  const r3 = [covered, covered, covered, covered, covered, covered, odsCell('実施回数'), odsCell('参加者数'), ...Array(6).fill(covered)];
  const data = rows.map(([init, date, s, p, status]) =>
    [2026, '中央区', '松ケ丘', date, init, status, s, p, '町内自治会', 'B', '見守り訪問を毎月実施した。', null, null, '継続'].map((v) => odsCell(v)),
  );
  const tr = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="報告">
${[r1, r2, r3, ...data].map(tr).join('\n')}
</table:table></office:spreadsheet></office:body></office:document>
`;
}

/** 星久喜 by exceljs: 【上半期】 and 【下半期】, each under its own header with a 小計 row. */
async function twoBlocks(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('報告');
  const add = (v: unknown[]) => {
    const r = ws.addRow(v);
    r.eachCell((c) => {
      if (c.value instanceof Date) c.numFmt = 'yyyy/m/d';
    });
  };
  const block = (title: string, rows: [string, number, number, Date][], from: number) => {
    add([title]);
    add(ACTIVITY_HEADERS);
    for (const [init, s, p, d] of rows) add(goodRow({ 地区部会: '星久喜', 取組み: init, 実施回数: s, 参加者数: p, 報告日: d }));
    const to = from + rows.length - 1;
    ws.addRow([null, null, null, null, '小計', null, { formula: `SUM(G${from}:G${to})`, result: rows.reduce((n, r) => n + r[1], 0) }, { formula: `SUM(H${from}:H${to})`, result: rows.reduce((n, r) => n + r[2], 0) }]);
    ws.addRow([]);
  };
  block('【上半期】', [['見守り・声かけ活動', 6, 60, june(10)], ['子育てサロン', 2, 24, june(11)]], 3);
  block('【下半期】', [['見守り・声かけ活動', 5, 50, june(20)]], 9);
  return save(wb, dir, '星久喜.xlsx');
}

let dir: string;
let ward: string;
let blocks: string;
let blocksLo: string;

beforeAll(async () => {
  dir = tempDir('sasaeai-headers-');
  ward = join(dir, 'chuo');
  mkdirSync(ward);
  await exceljsReturn(ward);
  const src = join(dir, '松ケ丘.fods');
  writeFileSync(
    src,
    flatOds([
      ['見守り・声かけ活動', '2026-06-20', 4, 40, '実施済み'],
      ['ふれあい・いきいきサロン', '2026-06-21', 6, 66, '実施済み'],
    ]),
  );
  libreOfficeConvert([src], 'xlsx', ward);
  expect(existsSync(join(ward, '松ケ丘.xlsx'))).toBe(true);
  // Two blocks under their own headers, as exceljs writes them and as LibreOffice saves them again.
  blocks = join(dir, 'blocks');
  blocksLo = join(dir, 'blocks-lo');
  mkdirSync(blocks);
  mkdirSync(blocksLo);
  libreOfficeConvert([await twoBlocks(blocks)], 'xlsx', blocksLo);
});

describe('headers of three rows and more', () => {
  it('validate: no issue on either file — the units row and group labels are header, not data', async () => {
    const r = await sasaeai(['validate', ward, '--format', 'json', ...TODAY]);
    const out = json<{ issues: { file: string; code: string; severity: string }[] }>(r);
    expect(out.issues.filter((i) => i.severity !== 'info').map((i) => [i.file.split('/').pop(), i.code])).toEqual([]);
    expect(out.issues.filter((i) => i.file.endsWith('寒川.xlsx')).map((i) => i.code)).toEqual(['footer_rows_skipped']);
    expect(r.code).toBe(0);
  });

  it('rollup: the counts under 実績 are counted, to the totals worked out by hand', async () => {
    const r = await sasaeai(['rollup', ward, '--fiscal-year', '2026', '--ward', '中央区', '--format', 'json', ...TODAY]);
    const o = json(r);
    // 寒川 12 + 10 + 5, 松ケ丘 4 + 6; participants 240 + 180 + 60, 40 + 66.
    expect(o.figures['12101/*/sessions']).toBe(27 + 10);
    expect(o.figures['12101/*/participants']).toBe(480 + 106);
    expect(o.figures['12101/C01/sessions']).toBe(12 + 4);
    expect(r.code).toBe(0);
  });
});

describe('a header repeated within the table', () => {
  for (const [name, folder] of [
    ['written by exceljs', () => blocks],
    ['saved again by LibreOffice', () => blocksLo],
  ] as const) {
    it(`two half-year blocks, each under its own heading and header with a 小計, ${name}: one return`, async () => {
      const v = json<{ issues: { code: string; severity: string; row: number | null }[] }>(await sasaeai(['validate', folder(), '--format', 'json', ...TODAY]));
      expect(v.issues.map((i) => [i.code, i.severity, i.row])).toEqual([
        ['totals_row_skipped', 'info', 5],
        ['repeated_header_skipped', 'info', 7],
      ]);
      const o = json(await sasaeai(['rollup', folder(), '--fiscal-year', '2026', '--ward', '中央区', '--format', 'json', ...TODAY]));
      expect(o.figures['12101/*/sessions']).toBe(6 + 2 + 5);
      expect(o.figures['12101/*/participants']).toBe(60 + 24 + 50);
    });
  }
});
