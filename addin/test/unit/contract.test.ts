/**
 * The contract between the two writers: the CLI's exceljs writer (`packages/cli/src/xlsx/write.ts`,
 * imported from source) and the add-in's Office.js writer (`src/excel/`, against the fake
 * office.js) write the same core sheet models — reports, completeness, the issues sheet, blank
 * returns, the verification sheet, for two differently shaped plans — and the workbooks are
 * compared cell by cell: values, number formats, merged areas, data validation, tables, frozen
 * rows, column widths and print settings, wherever both express a thing. The .xlsx is written to
 * a buffer and read back, so the CLI's side is what a file really holds.
 */
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import {
  buildReport,
  blankReturnSheet,
  completenessReport,
  dateToExcelSerial,
  headerFooterString,
  issuesSheet,
  lt,
  requirePlan,
  returnSubmissions,
  validateGrid,
  validateGrids,
  verificationSheet,
  type Lang,
  type Plan,
  type SheetModel,
  type WorkbookModel,
} from '@sasaeai/core';
import { generateReturns } from '@sasaeai/core/samples';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { beforeEach, describe, expect, it } from 'vitest';
import { ExcelJS } from '../../../packages/cli/src/xlsx/exceljs.js';
import { entryData, listEntries } from '../../../packages/cli/src/xlsx/slim.js';
import { toExcelWorkbook } from '../../../packages/cli/src/xlsx/write.js';

/** exceljs's types, through the CLI's module (exceljs is the CLI's dependency, not the add-in's). */
type XlWorkbook = InstanceType<typeof ExcelJS.Workbook>;
interface XlValidation {
  type?: string;
  operator?: string;
  formulae?: unknown[];
  showErrorMessage?: boolean;
  showInputMessage?: boolean;
  errorStyle?: string;
  errorTitle?: string;
  error?: string;
  promptTitle?: string;
  prompt?: string;
}
import { Batch } from '../../src/excel/batch.js';
import { run } from '../../src/excel/run.js';
import { loadWorkbookInfo, replaceGroup } from '../../src/excel/workbook.js';
import { fake } from '../fake-office/install.js';

const chiba = requirePlan(chibaPlan);
const town = requirePlan(JSON.parse(readFileSync(new URL('../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as unknown);

beforeEach(() => fake.reset());

/** A written sheet, in terms both writers can be read in. */
interface Written {
  name: string;
  /** A1 → [value, number format, link target] of every cell either side holds. */
  cells: Map<string, { value: string | number | boolean; format: string; link?: string }>;
  merges: string[];
  /** One entry per column that has validation: its cells, rule, alert and prompt. */
  validations: Map<string, { cells: string; rule: unknown; alert?: unknown; prompt?: unknown }>;
  tables: string[];
  frozenRows: number;
  /** Column widths in characters (the add-in writes points: 7 per character). */
  widths: Map<number, number>;
  rowHeights: Map<number, number>;
  print: Record<string, unknown> | null;
}

const a1 = (r: number, c: number) => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${r + 1}`;
};
const noDollar = (s: string) => s.replace(/\$/g, '');

/** The rows a validation covers in one column, as `6-17` runs: the same cells however each side splits them. */
function rowRuns(addresses: readonly string[]): string {
  const rows = addresses
    .flatMap((a) => {
      const m = /^[A-Z]+(\d+)(?::[A-Z]+(\d+))?$/.exec(noDollar(a));
      if (!m) return [];
      const from = Number(m[1]);
      const to = Number(m[2] ?? m[1]);
      return Array.from({ length: to - from + 1 }, (_, i) => from + i);
    })
    .sort((x, y) => x - y);
  const runs: string[] = [];
  for (let i = 0; i < rows.length; ) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    runs.push(`${rows[i]}-${rows[j]}`);
    i = j + 1;
  }
  return runs.join(',');
}

/** Links to a cell of the workbook, from the sheet's XML: exceljs does not read back a link that has only a `location`. */
function internalLinks(file: Buffer, sheetIndex: number): Map<string, string> {
  const entries = listEntries(file) ?? [];
  const entry = entries.find((e) => e.name === `xl/worksheets/sheet${sheetIndex}.xml`);
  const raw = entry ? entryData(file, entry) : null;
  const xml = raw && entry ? (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8') : '';
  const decode = (s: string) => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return new Map([...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)"[^>]*?location="([^"]*)"/g)].map((m) => [m[1]!, decode(m[2]!)]));
}

// ---------------------------------------------------------------------------------------------
// The CLI: write the .xlsx, read it back with exceljs

async function viaCli(model: WorkbookModel, lang: Lang): Promise<Written[]> {
  const bytes = await toExcelWorkbook(model, { lang }).xlsx.writeBuffer();
  const buffer = Buffer.from(bytes as ArrayBuffer);
  const wb: XlWorkbook = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as ArrayBuffer);
  return wb.worksheets
    .map((ws, index) => ({ ws, links: internalLinks(buffer, index + 1) }))
    .filter(({ ws }) => ws.state === 'visible')
    .map(({ ws, links }) => {
      const cells: Written['cells'] = new Map();
      ws.eachRow({ includeEmpty: true }, (row, r) =>
        row.eachCell({ includeEmpty: true }, (cell, c) => {
          // exceljs gives the cells a merged area covers the value of its first cell; the file holds none.
          const v = cell.isMerged && cell.master !== cell ? null : (cell.value as unknown);
          const format = cell.numFmt || 'General';
          const at = a1(r - 1, c - 1);
          if (v === null || v === undefined) cells.set(at, { value: '', format });
          else if (v instanceof Date) cells.set(at, { value: dateToExcelSerial(v.toISOString().slice(0, 10)), format });
          else if (typeof v === 'object' && 'hyperlink' in v) {
            const link = v as { text: string; hyperlink: string };
            cells.set(at, { value: link.text, format, link: link.hyperlink });
          } else cells.set(at, { value: v as string | number | boolean, format });
          const link = links.get(at);
          if (link !== undefined) cells.set(at, { ...cells.get(at)!, link });
        }),
      );
      const validations: Written['validations'] = new Map();
      const dv = (ws as unknown as { dataValidations: { model: Record<string, XlValidation> } }).dataValidations.model;
      for (const [address, v] of Object.entries(dv)) {
        const col = /^[A-Z]+/.exec(address)![0];
        const prev = validations.get(col);
        const cellsOf = (addr: string) => noDollar(addr);
        const ruleOf = (): unknown => {
          if (v.type === 'any' || v.type === undefined) return null;
          const f = (v.formulae ?? []).map((x: unknown) => (x instanceof Date ? x.toISOString().slice(0, 10) : typeof x === 'string' && /^"/.test(x) ? x.slice(1, -1) : x));
          if (v.type === 'list') return typeof f[0] === 'string' && f[0].startsWith('_sasaeai_lists') ? 'hidden-list' : { list: f[0] };
          return { type: v.type, operator: v.operator ?? 'between', formulae: f.map((x) => (typeof x === 'string' && /^-?\d/.test(x) && !/-\d\d-/.test(x) ? Number(x) : x)) };
        };
        const entry = {
          cells: prev ? `${prev.cells} ${cellsOf(address)}` : cellsOf(address),
          rule: ruleOf(),
          ...(v.showErrorMessage ? { alert: { style: v.errorStyle, title: v.errorTitle, message: v.error } } : {}),
          ...(v.showInputMessage ? { prompt: { title: v.promptTitle, message: v.prompt } } : {}),
        };
        validations.set(col, entry);
      }
      for (const v of validations.values()) v.cells = rowRuns(v.cells.split(' '));
      const widths: Written['widths'] = new Map();
      // exceljs leaves out a column of its default width (9) when it writes the file.
      (ws.columns ?? []).forEach((c, i) => widths.set(i, c.width ?? 9));
      const rowHeights: Written['rowHeights'] = new Map();
      ws.eachRow({ includeEmpty: true }, (row, r) => {
        if (row.height !== undefined && row.height !== null) rowHeights.set(r, row.height);
      });
      const ps = ws.pageSetup;
      const view = ws.views[0] as { state?: string; ySplit?: number } | undefined;
      const hf = ws.headerFooter as { oddHeader?: string; oddFooter?: string };
      return {
        name: ws.name,
        cells,
        merges: [...((ws.model as unknown as { merges?: string[] }).merges ?? [])].map(noDollar).sort(),
        validations,
        tables: Object.values((ws as unknown as { tables: Record<string, { table: { name: string; tableRef?: string; ref: string } }> }).tables).map((t) => `${t.table.name}@${t.table.tableRef ?? t.table.ref}`),
        frozenRows: view?.state === 'frozen' ? (view.ySplit ?? 0) : 0,
        widths,
        rowHeights,
        print: ps.printArea
          ? {
              orientation: ps.orientation,
              paper: ps.paperSize,
              fitToWidth: ps.fitToWidth,
              fitToHeight: ps.fitToHeight,
              margins: ps.margins,
              printArea: noDollar(ps.printArea),
              printTitleRows: noDollar(ps.printTitlesRow ?? ''),
              header: hf.oddHeader ?? '',
              footer: hf.oddFooter ?? '',
            }
          : null,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// The add-in: write through Office.js into the fake workbook, read the fake back

const pageLayout = (sheet: string) => fake.pageLayout(sheet);

const OPERATOR: Record<string, string> = { Between: 'between', GreaterThanOrEqualTo: 'greaterThanOrEqual', LessThanOrEqualTo: 'lessThanOrEqual' };

async function viaAddin(model: WorkbookModel, lang: Lang): Promise<Written[]> {
  const names = await run(async (context) => {
    const batch = new Batch(context);
    const info = await loadWorkbookInfo(context, batch);
    return replaceGroup(context, batch, info, model.sheets, lang, 'contract');
  });
  return names.map((name) => {
    const snap = fake.snapshot(name);
    const cells: Written['cells'] = new Map();
    for (const [at, c] of Object.entries(snap.cells))
      cells.set(at, { value: c.value, format: c.numberFormat, ...(c.hyperlink !== undefined ? { link: c.hyperlink.replace(/^#/, '') } : {}) });
    const validations: Written['validations'] = new Map();
    for (const v of snap.validations) {
      const address = noDollar(v.address.replace(/^.*!/, ''));
      const col = /^[A-Z]+/.exec(address)![0];
      const r = v.rule as Record<string, Record<string, unknown>> | undefined;
      let rule: unknown = null;
      if (r?.list) rule = { list: r.list.source };
      else if (r) {
        const [kind, body] = Object.entries(r)[0]!;
        const type = kind === 'wholeNumber' ? 'whole' : kind;
        rule = { type, operator: OPERATOR[body.operator as string], formulae: [body.formula1, body.formula2].filter((x) => x !== undefined) };
      }
      const alert = v.errorAlert as { showAlert?: boolean; style?: string; title?: string; message?: string } | undefined;
      const prompt = v.prompt as { showPrompt?: boolean; title?: string; message?: string } | undefined;
      validations.set(col, {
        cells: rowRuns([address]),
        rule,
        ...(alert?.showAlert ? { alert: { style: alert.style?.toLowerCase(), title: alert.title, message: alert.message } } : {}),
        ...(prompt?.showPrompt ? { prompt: { title: prompt.title, message: prompt.message } } : {}),
      });
    }
    const widths: Written['widths'] = new Map();
    for (const [c, w] of Object.entries(snap.columnWidths)) widths.set(Number(c), w / 7);
    const page = pageLayout(name);
    const rowHeights: Written['rowHeights'] = new Map(Object.entries(page.rowHeights).map(([r, h]) => [Number(r) + 1, h]));
    const hf = page.headersFooters;
    return {
      name,
      cells,
      merges: [...page.merges].map(noDollar).sort(),
      validations,
      tables: snap.tables.map((t) => `${t.name}@${noDollar(t.address.replace(/^.*!/, ''))}`),
      frozenRows: snap.frozenRows,
      widths,
      rowHeights,
      print: page.printArea
        ? {
            orientation: page.orientation.toLowerCase(),
            paper: page.paperSize === 'A4' ? 9 : page.paperSize,
            fitToWidth: page.zoom.horizontalFitToPages,
            fitToHeight: page.zoom.verticalFitToPages,
            margins: Object.fromEntries(Object.entries(page.margins).map(([k, v]) => [k, Math.round((v / 72) * 1000) / 1000])),
            printArea: noDollar(page.printArea),
            printTitleRows: noDollar(page.printTitleRows ?? ''),
            header: headerFooterString({ left: hf.leftHeader ?? '', center: hf.centerHeader ?? '', right: hf.rightHeader ?? '' }),
            footer: headerFooterString({ left: hf.leftFooter ?? '', center: hf.centerFooter ?? '', right: hf.rightFooter ?? '' }),
          }
        : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Comparing

/** The cells of merged areas other than their first: `A2:C2` covers B2 and C2. */
function coveredCells(merges: readonly string[]): Set<string> {
  const out = new Set<string>();
  const col = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  for (const m of merges) {
    const x = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(m);
    if (!x) continue;
    for (let r = Number(x[2]) - 1; r <= Number(x[4]) - 1; r++)
      for (let c = col(x[1]!); c <= col(x[3]!); c++) if (r !== Number(x[2]) - 1 || c !== col(x[1]!)) out.add(a1(r, c));
  }
  return out;
}

/** Every difference between the two workbooks, as readable lines (empty when they agree). */
function differences(cli: Written[], addin: Written[]): string[] {
  const out: string[] = [];
  const say = (sheet: string, what: string, c: unknown, a: unknown) => out.push(`${sheet} ${what}: cli ${JSON.stringify(c)} / add-in ${JSON.stringify(a)}`);
  if (cli.length !== addin.length) say('*', 'sheets', cli.map((s) => s.name), addin.map((s) => s.name));
  cli.forEach((c, i) => {
    const a = addin[i];
    if (!a) return;
    if (c.name !== a.name) say(c.name, 'name', c.name, a.name);
    const at = new Set([...c.cells.keys(), ...a.cells.keys()]);
    const covered = coveredCells(c.merges);
    for (const k of at) {
      const x = c.cells.get(k) ?? { value: '', format: 'General' };
      const y = a.cells.get(k) ?? { value: '', format: 'General' };
      if (x.value !== y.value) say(c.name, `${k} value`, x.value, y.value);
      // A cell a merged area covers shows nothing: its format is Excel's business, not the writers'.
      if (x.format !== y.format && !covered.has(k)) say(c.name, `${k} format`, x.format, y.format);
      if ((x.link ?? null) !== (y.link ?? null)) say(c.name, `${k} link`, x.link, y.link);
    }
    if (JSON.stringify(c.merges) !== JSON.stringify(a.merges)) say(c.name, 'merges', c.merges, a.merges);
    const cols = new Set([...c.validations.keys(), ...a.validations.keys()]);
    for (const col of cols) {
      const x = c.validations.get(col);
      const y = a.validations.get(col);
      if (!x || !y) {
        say(c.name, `${col} validation`, x, y);
        continue;
      }
      if (x.cells !== y.cells) say(c.name, `${col} validation cells`, x.cells, y.cells);
      // A list too long for Excel's inline source: the CLI has a hidden list sheet, Office.js no way to write one.
      if (x.rule !== 'hidden-list') {
        if (JSON.stringify(x.rule) !== JSON.stringify(y.rule)) say(c.name, `${col} rule`, x.rule, y.rule);
        if (JSON.stringify(x.alert) !== JSON.stringify(y.alert)) say(c.name, `${col} alert`, x.alert, y.alert);
      }
      if (JSON.stringify(x.prompt) !== JSON.stringify(y.prompt)) say(c.name, `${col} prompt`, x.prompt, y.prompt);
    }
    if (JSON.stringify(c.tables) !== JSON.stringify(a.tables)) say(c.name, 'tables', c.tables, a.tables);
    if (c.frozenRows !== a.frozenRows) say(c.name, 'frozen rows', c.frozenRows, a.frozenRows);
    const wcols = new Set([...c.widths.keys(), ...a.widths.keys()]);
    for (const col of wcols) {
      const x = c.widths.get(col);
      const y = a.widths.get(col);
      if (x === undefined || y === undefined || Math.abs(x - y) > 0.5) say(c.name, `column ${col} width`, x, y);
    }
    // Row heights: the add-in sets them only where the print settings ask; compare those.
    for (const [r, h] of a.rowHeights) if (c.rowHeights.get(r) !== h) say(c.name, `row ${r} height`, c.rowHeights.get(r), h);
    if (JSON.stringify(c.print) !== JSON.stringify(a.print)) say(c.name, 'print', c.print, a.print);
  });
  return out;
}

async function compare(model: WorkbookModel, lang: Lang): Promise<string[]> {
  const cli = await viaCli(model, lang);
  const addin = await viaAddin(model, lang);
  expect(cli.length).toBeGreaterThan(0);
  return differences(cli, addin);
}

// ---------------------------------------------------------------------------------------------
// The models

function chibaSubmissions() {
  const gen = generateReturns(chiba, { seed: 11, rows: 80, badShare: 0.1, fiscalYear: 2025, wards: ['12101', '12102'], rowsPerSheet: 40 });
  return returnSubmissions(validateGrids(gen.grids, { plan: chiba, today: '2026-03-31' }).results).submissions;
}

const issuesOf = (plan: Plan) => {
  const blank = blankReturnSheet(plan, plan.templates[0]!.id, { lang: 'ja' });
  const header = blank.columns.map((c) => c.header.ja);
  const row = header.map((_, i) => (i === 0 ? '令和7年度' : i % 3 === 0 ? '=cmd' : '？？'));
  const result = validateGrid({ sheet: '報告', cells: [header, row, row] }, { plan, today: '2026-03-31' });
  return issuesSheet(plan, result.issues, { sheet: '報告', templateId: result.templateId, lang: 'ja' });
};

describe('the CLI and the add-in write the same workbook from the same models', () => {
  it('the ward progress of a Chiba ward (reports with charts, lists, print settings)', async () => {
    const { workbook } = buildReport(chiba, chibaSubmissions(), { fiscalYear: 2025, receiver: '12101', lang: 'ja' });
    expect(await compare(workbook, 'ja')).toEqual([]);
  });

  it('the annual report, in English', async () => {
    const { workbook } = buildReport(chiba, chibaSubmissions(), { fiscalYear: 2025, lang: 'en' });
    expect(await compare(workbook, 'en')).toEqual([]);
  });

  it('completeness, the issues sheet and the verification sheet', async () => {
    const subs = chibaSubmissions();
    const c = completenessReport(chiba, subs, { fiscalYear: 2025, within: '12101', lang: 'ja' });
    const ward = buildReport(chiba, subs, { fiscalYear: 2025, receiver: '12101', lang: 'ja' });
    if (ward.report.kind !== 'ward-progress') throw new Error('expected a ward progress');
    const sheets: SheetModel[] = [c.model, issuesOf(chiba), verificationSheet(chiba, ward.report, 'ja')];
    expect(await compare({ sheets }, 'ja')).toEqual([]);
  });

  it('blank returns of both plans, with prefilled units and a fiscal year', async () => {
    const sheets = [
      blankReturnSheet(chiba, 'district-activity', { ward: '12101', district: '12101-01', fiscalYear: 2026, lang: 'ja', rows: 12 }),
      blankReturnSheet(chiba, 'city-measure', { fiscalYear: 2026, lang: 'ja', rows: 5 }),
      blankReturnSheet(town, 'area-report', { fiscalYear: 2026, lang: 'ja', rows: 8 }),
    ];
    expect(await compare({ sheets }, 'ja')).toEqual([]);
  });

  it('the town plan’s reports and issues sheet', async () => {
    const { workbook } = buildReport(town, [], { fiscalYear: 2026, receiver: 'さくら町', lang: 'ja' });
    expect(await compare({ sheets: [...workbook.sheets, issuesOf(town)] }, 'ja')).toEqual([]);
  });

  it('a text that reads as a formula, a non-finite number and a long header: written alike', async () => {
    const sheet: SheetModel = {
      id: 'edge',
      name: lt('境界', 'Edges'),
      preamble: { title: lt('題', 'Title'), lines: [lt('注', 'Note')] },
      columns: [
        { key: 'a', header: lt('文章', 'Text'), kind: 'text' },
        { key: 'b', header: lt('件数', 'Count'), kind: 'integer' },
        { key: 'c', header: lt('日付', 'Date'), kind: 'date' },
        { key: 'd', header: lt('とても長い見出し\nの二行目', 'A long\nheader'), kind: 'number', validation: { type: 'decimal', min: 0 } },
      ],
      rows: [
        ['=SUM(A1)', 3, { date: '2026-05-01' }, 1.5],
        ['+81 43', Number.NaN, null, -0],
        [null, '—', { date: '2026-02-29' }, null],
      ],
      blankRows: 2,
      freezeHeader: true,
      tableName: 'Edges',
    };
    expect(await compare({ sheets: [sheet] }, 'ja')).toEqual([]);
  });
});
