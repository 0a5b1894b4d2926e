/**
 * exceljs's two readers, kept beside the lean reader (lean.ts): the whole-workbook reader is the
 * reference the lean reader is checked against (read-check.ts) and the fallback for the one kind
 * of package the lean reader does not read (zip64); the streaming reader remains selectable with
 * `validate --reader stream`. Loaded only when used: the lean path never loads exceljs.
 *
 * The whole-workbook reader knows exact error values of formulas. The streaming reader does not
 * pass on merged areas, hidden rows or the saved time; sheet-extras.ts reads them from the zip.
 */
import { readFile } from 'node:fs/promises';
import type { Row } from 'exceljs';
import type { RawCell } from '@sasaeai/core';
import { ExcelJS } from './exceljs.js';
import { type Area, GridBuilder, type RawSheet, type RawWorkbook, type SheetState, coversSlave, parseRange, rowMerges } from './grid.js';
import { slimWorkbook } from './slim.js';
import { readWorkbookExtras } from './sheet-extras.js';

// Parts of a worksheet the adapter never needs; skipping them makes the whole-workbook reader faster.
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks',
  'drawing',
  'legacyDrawing',
  'picture',
  'pageSetup',
  'pageMargins',
  'printOptions',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'extLst',
];


const NO_RESULT = Symbol('no formula result');

/**
 * Turns an exceljs cell value into a raw cell. Returns {@link NO_RESULT} for a formula whose result
 * was never saved (a file written by a program that does not calculate).
 */
function toRawCell(value: unknown): RawCell | typeof NO_RESULT {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return value;
  const v = value as Record<string, unknown>;
  if (typeof v['error'] === 'string') return { error: v['error'] };
  if (Array.isArray(v['richText'])) return (v['richText'] as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    if (!('result' in v) || v['result'] === undefined) return NO_RESULT;
    return toRawCell(v['result']);
  }
  if ('hyperlink' in v || 'text' in v) {
    const text = toRawCell(v['text']);
    return text === NO_RESULT ? null : text;
  }
  return null;
}

function sheetState(state: unknown): SheetState {
  return state === 'hidden' || state === 'veryHidden' ? state : 'visible';
}

/** Collects exceljs cells row by row into a grid from A1, without trailing blanks. */
class ExcelGrid extends GridBuilder {
  readonly formulasWithoutResult: string[] = [];
  readonly formulas: Record<string, string> = {};
  formulasWithResult = 0;

  set(row: number, col: number, address: string, value: unknown): void {
    if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
      const v = value as { formula?: unknown; sharedFormula?: unknown; result?: unknown };
      const f = typeof v.formula === 'string' ? v.formula : typeof v.sharedFormula === 'string' ? v.sharedFormula : undefined;
      if (f !== undefined) {
        this.formulas[address] = f;
        if (v.result !== undefined) this.formulasWithResult++;
      }
    }
    const raw = toRawCell(value);
    if (raw === NO_RESULT) {
      this.formulasWithoutResult.push(address);
      return;
    }
    this.put(row, col, raw);
  }
}

export async function readWhole(file: string): Promise<RawWorkbook> {
  const wb = new ExcelJS.Workbook();
  const slim = await slimWorkbook(await readFile(file));
  if (slim !== null) await wb.xlsx.load(slim as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  else await wb.xlsx.readFile(file, { ignoreNodes: IGNORED_NODES });
  const sheets: RawSheet[] = [];
  wb.worksheets.forEach((ws, index) => {
    const grid = new ExcelGrid();
    const merges = new Map<string, Area>();
    const hiddenRows: number[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (row.hidden) hiddenRows.push(rowNumber);
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        if (cell.type === ExcelJS.ValueType.Merge) {
          // A cell merged into another: blank here; its value lives in the top-left (master) cell.
          const master = cell.master;
          const m = merges.get(master.address) ?? {
            master: master.address,
            top: Number(master.row),
            left: Number(master.col),
            bottom: rowNumber,
            right: col,
          };
          m.bottom = Math.max(m.bottom, rowNumber);
          m.right = Math.max(m.right, col);
          merges.set(master.address, m);
          return;
        }
        grid.set(rowNumber, col, cell.address, cell.value);
      });
    });
    sheets.push({
      name: ws.name,
      state: sheetState(ws.state),
      index,
      cells: grid.cells,
      formulasWithoutResult: grid.formulasWithoutResult,
      formulasWithResult: grid.formulasWithResult,
      formulas: grid.formulas,
      // Only merges across rows matter for a table of returns: a title merged across columns is harmless.
      merges: rowMerges([...merges.values()]),
      hiddenRows,
    });
  });
  const modified = wb.modified;
  const out: RawWorkbook = { sheets, keepsCachedErrors: true };
  if (modified instanceof Date && !Number.isNaN(modified.getTime())) out.savedAt = modified.toISOString();
  if ((wb.properties as { date1904?: unknown } | undefined)?.date1904 === true) out.date1904 = true;
  return out;
}

export async function readStreaming(file: string, onProgress?: (rows: number) => void): Promise<RawWorkbook> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles tell which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const sheets: (RawSheet & { order: number })[] = [];
  // Merged areas, hidden rows and the saved time are not passed on by the streaming reader.
  const extras = await readWorkbookExtras(file);
  let rows = 0;
  for await (const ws of reader) {
    const wsr = ws as unknown as { name: string; state?: unknown; id: unknown } & AsyncIterable<Row>;
    const grid = new ExcelGrid();
    const extra = extras.sheets.get(`xl/worksheets/sheet${String(wsr.id)}.xml`);
    const areas = (extra?.merges ?? []).map(parseRange).filter((m) => m !== null);
    const hiddenRows: number[] = [];
    for await (const row of wsr) {
      row.eachCell({ includeEmpty: false }, (cell, col) => grid.set(row.number, col, cell.address, cell.value));
      // As the whole reader: a hidden row is noted when it holds a value or a merged cell.
      if (extra?.hiddenRows.has(row.number) && (row.hasValues || areas.some((m) => coversSlave(m, row.number))))
        hiddenRows.push(row.number);
      if (++rows % 5000 === 0) onProgress?.(rows);
    }
    // Rows the sheet never wrote but a merge covers are hidden rows with a merged cell too.
    for (const r of extra?.hiddenRows ?? [])
      if (!hiddenRows.includes(r) && areas.some((m) => coversSlave(m, r))) hiddenRows.push(r);
    hiddenRows.sort((a, b) => a - b);
    sheets.push({
      name: wsr.name,
      state: sheetState(wsr.state),
      index: 0,
      order: sheetOrder(reader, wsr.name),
      cells: grid.cells,
      formulasWithoutResult: grid.formulasWithoutResult,
      formulasWithResult: grid.formulasWithResult,
      formulas: grid.formulas,
      merges: rowMerges(areas),
      hiddenRows,
    });
  }
  onProgress?.(rows);
  // A stream that ends early ends quietly: make sure every sheet the workbook declares was read
  // (a chart sheet also counts as declared; such a workbook falls back to the whole reader).
  const declared = (reader as unknown as { model?: { sheets?: unknown[] } }).model?.sheets?.length;
  if (declared === undefined || sheets.length < declared)
    throw new Error(`the streaming reader read ${sheets.length} of ${declared ?? '?'} sheets`);
  // The streaming reader emits sheets in the order of the zip entries, not of the tabs.
  sheets.sort((a, b) => a.order - b.order);
  const out: RawWorkbook = { sheets: sheets.map(({ order: _order, ...s }, index) => ({ ...s, index })), keepsCachedErrors: false };
  const saved = extras.modified === undefined ? null : new Date(extras.modified);
  if (saved !== null && !Number.isNaN(saved.getTime())) out.savedAt = saved.toISOString();
  const props = (reader as unknown as { properties?: { model?: { date1904?: unknown } } }).properties;
  if (props?.model?.date1904 === true) out.date1904 = true;
  return out;
}

function sheetOrder(reader: unknown, name: string): number {
  const model = (reader as { model?: { sheets?: { name?: string }[] } }).model;
  const i = model?.sheets?.findIndex((s) => s.name === name) ?? -1;
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
