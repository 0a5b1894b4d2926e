/**
 * The demo's reports and blank return, printed by a real spreadsheet client: LibreOffice headless
 * converts the workbooks the CLI wrote to PDF, and the pages are read back with poppler
 * (`pdfinfo`, `pdftotext`). Each page's running header names its sheet (the `&A` field), so the
 * pages can be counted per sheet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as XL from 'exceljs';
import { ExcelJS } from '../src/xlsx/exceljs.js';
import { tempDir } from './fixtures.js';
import { sasaeai } from './run.js';

const SOFFICE = '/usr/bin/soffice';
const A4 = [595, 842];

interface PrintedSheet {
  name: string;
  orientation: string;
  /** Header texts of the first and the last printed column, and of the columns left off paper. */
  first: string;
  last: string;
  offPaper: string[];
}

interface Printed {
  sheets: PrintedSheet[];
  /** Per page: its text and its size in points. */
  pages: { text: string; head: string; width: number; height: number }[];
}

const squash = (s: string) => s.replace(/\s+/g, '');

function colIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

async function printedSheets(file: string): Promise<PrintedSheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets
    .filter((ws: XL.Worksheet) => ws.state === 'visible')
    .map((ws: XL.Worksheet) => {
      const setup = ws.pageSetup;
      const area = /^\$?([A-Z]+)\$?\d+:\$?([A-Z]+)\$?\d+$/.exec(String(setup.printArea));
      const titles = /^\$?(\d+):\$?(\d+)$/.exec(String(setup.printTitlesRow));
      if (!area || !titles) throw new Error(`sheet ${ws.name} of ${basename(file)} has no print area or print titles`);
      const header = ws.getRow(Number(titles[1]));
      const lastCol = colIndex(area[2]!);
      const text = (c: number) => String(header.getCell(c).value ?? '');
      const offPaper: string[] = [];
      for (let c = lastCol + 1; c <= ws.columnCount; c++) if (text(c)) offPaper.push(text(c));
      return { name: ws.name, orientation: String(setup.orientation), first: text(1), last: text(lastCol), offPaper };
    });
}

function pdfPages(pdf: string): Printed['pages'] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf], { encoding: 'utf8' });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const text = (page: number, crop: string[] = []) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', ...crop, pdf, '-'], { encoding: 'utf8' });
  return sizes.map(([width, height], i) => ({
    width,
    height,
    text: text(i + 1),
    // The running header alone: the top 45 points of the page (the header margin is 0.3 in).
    head: text(i + 1, ['-x', '0', '-y', '0', '-W', String(Math.ceil(width)), '-H', '45']).replace(/\s+/g, ' '),
  }));
}

describe('printing the demo in LibreOffice', () => {
  const dir = tempDir('sasaeai-print-');
  const printed = new Map<string, Printed>();
  let blankFile = '';

  beforeAll(async () => {
    if (!existsSync(SOFFICE))
      throw new Error(`LibreOffice is needed to test printing and is missing (${SOFFICE}). Install it: apt-get install libreoffice-calc-nogui`);
    const demo = await sasaeai(['demo', '-o', join(dir, 'demo')]);
    expect(demo.code, demo.stderr).toBe(0);
    const files = {
      ward: join(dir, 'demo', 'reports', '中央区_区計画の推進状況_令和8年度.xlsx'),
      annual: join(dir, 'demo', 'reports', '千葉市社会福祉審議会_地域福祉専門分科会への報告_令和8年度.xlsx'),
      blank: join(dir, 'demo', 'blank', '中央区_寒川_報告様式.xlsx'),
    };
    blankFile = files.blank;
    const out = join(dir, 'pdf');
    mkdirSync(out);
    // A profile of its own, so that a LibreOffice already running on the machine does not take the job.
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    execFileSync(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...Object.values(files)], {
      stdio: 'pipe',
      timeout: 240_000,
    });
    for (const [kind, file] of Object.entries(files)) {
      const pdf = join(out, basename(file).replace(/\.xlsx$/, '.pdf'));
      if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${file}`);
      printed.set(kind, { sheets: await printedSheets(file), pages: pdfPages(pdf) });
    }
  }, 300_000);

  /** Pages per sheet, in sheet order, from the sheet name each page's header carries. */
  function pagesBySheet(kind: string): Map<string, Printed['pages']> {
    const p = printed.get(kind)!;
    const by = new Map<string, Printed['pages']>(p.sheets.map((s) => [s.name, []]));
    let current = 0;
    for (const page of p.pages) {
      const head = page.head;
      // a sheet's pages are consecutive: move on when the header names the next sheet
      while (current < p.sheets.length - 1 && !head.includes(p.sheets[current]!.name) && head.includes(p.sheets[current + 1]!.name)) current++;
      expect(head, `page header of ${kind}`).toContain(p.sheets[current]!.name);
      by.get(p.sheets[current]!.name)!.push(page);
    }
    return by;
  }

  it.each(['ward', 'annual', 'blank'])('%s: every page is A4 in its sheet orientation, one page wide, header row on every page', (kind) => {
    const p = printed.get(kind)!;
    const by = pagesBySheet(kind);
    for (const s of p.sheets) {
      const pages = by.get(s.name)!;
      expect(pages.length, `${kind} / ${s.name} printed no page`).toBeGreaterThan(0);
      pages.forEach((page, i) => {
        const where = `${kind} / ${s.name} page ${i + 1}`;
        const size = [Math.round(Math.min(page.width, page.height)), Math.round(Math.max(page.width, page.height))];
        expect(size, where).toEqual(A4);
        expect(page.width > page.height ? 'landscape' : 'portrait', where).toBe(s.orientation);
        // One page wide: the first and the last printed column are on every page, under the repeated header.
        expect(squash(page.text), `${where}: first column "${s.first}"`).toContain(squash(s.first));
        expect(squash(page.text), `${where}: last printed column "${s.last}"`).toContain(squash(s.last));
        for (const off of s.offPaper) expect(squash(page.text), `${where}: technical column "${off}"`).not.toContain(squash(off));
        expect(page.text, `${where}: footer page x / y`).toMatch(/\d+\s*\/\s*\d+/);
      });
    }
  });

  it('page counts: the ward progress, the annual report and the one-page blank return', () => {
    const counts = (kind: string) => Object.fromEntries([...pagesBySheet(kind)].map(([name, pages]) => [name, pages.length]));
    // Before print settings: 30 pages for the ward progress and 39 for the annual report (9 sheets
    // each, tables cut column by column), and the blank return 4 columns a page over 5 pages.
    expect(counts('blank')).toEqual({ 活動状況報告: 1 });
    expect(printed.get('ward')!.pages.length).toBe(10);
    expect(printed.get('annual')!.pages.length).toBe(13);
    expect(Object.values(counts('ward')).filter((n) => n === 1).length).toBeGreaterThanOrEqual(8);
    // the figure ids stay on screen
    expect(printed.get('ward')!.sheets.find((s) => s.name === '概要')!.offPaper).toEqual(['図表ID']);
  });

  it('the blank return comes back without notes about its layout: its notes fit, nothing is merged', async () => {
    const v = await sasaeai(['validate', blankFile, '--format', 'json']);
    expect(v.stdout).toContain('"issues"');
    expect(v.stdout).not.toContain('merged_cells');
  });
});
