/**
 * The xlsx adapter, way out: a core `WorkbookModel` becomes an .xlsx file.
 *
 * Core decides what goes where (headers, rows, formats, validation lists, prompts); this file only
 * translates it into exceljs calls. Rules it keeps for every model:
 * - every string is written as a string cell, never as a formula: a narrative starting with
 *   = + - @ stays text (text columns also get the text number format `@`, so a value staff type
 *   into them later stays text too);
 * - `{ date }` values become real dates with a date format; `{ link }` values become links to a
 *   cell of the same workbook;
 * - metadata (plan, template, generator) goes into a hidden sheet `_sasaeai`, which the reader
 *   gives back, so that validation finds the template a blank return was made from.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { Border, DataValidation, Fill, Workbook, Worksheet } from 'exceljs';
import {
  cellNumberFormat,
  columnWidth,
  dataValidationOf,
  headerFooterString,
  headerRowIndex,
  isLocalDate,
  printHeaderFooter,
  printRanges,
  printRowHeights,
  PRINT_MARGINS,
  TEXT_FORMAT,
  uniqueSheetNames,
  uniqueTableName,
  wrapsText,
  type DataValidationSpec,
  type Lang,
  type SheetModel,
  type SheetPrint,
  type SheetValue,
  type WorkbookModel,
} from '@sasaeai/core';
import { ExcelJS } from './exceljs.js';
import { GENERATOR_KEY, LISTS_SHEET, META_HEADER, META_SHEET } from './reserved.js';

/** Options of the writer. */
export interface WriteOptions {
  lang: Lang;
  /** Recorded as `sasaeai.generator` in the metadata sheet. */
  generator?: string;
}

// The paper size code of A4 in SpreadsheetML.
const A4 = 9;
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<Border> = { style: 'thin', color: { argb: 'FF9BB7D4' } };

/**
 * Builds an exceljs workbook from a model.
 *
 * @example
 * ```ts
 * const wb = toExcelWorkbook({ sheets: [sheet] }, { lang: 'ja' });
 * await wb.xlsx.writeFile('out.xlsx');
 * ```
 */
export function toExcelWorkbook(model: WorkbookModel, opts: WriteOptions): Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sasaeai';
  wb.created = new Date();
  const names = uniqueSheetNames(model.sheets.map((s) => s.name[opts.lang]));
  const lists = new ListSheet();
  const tableNames: string[] = [];
  model.sheets.forEach((sheet, i) => writeSheet(wb, sheet, names[i]!, names, model.sheets, lists, tableNames, opts.lang));
  lists.write(wb);

  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });
  meta.addRow([...META_HEADER]);
  const add = (sheet: string, key: string, value: string) => meta.addRow([sheet, key, value]);
  add('', GENERATOR_KEY, opts.generator ?? 'sasaeai');
  for (const [k, v] of Object.entries(model.metadata ?? {})) add('', k, v);
  model.sheets.forEach((s, i) => {
    add(names[i]!, 'sasaeai.sheetId', s.id);
    for (const [k, v] of Object.entries(s.metadata ?? {})) add(names[i]!, k, v);
  });
  return wb;
}

/**
 * Writes a model to a file. The file is written beside the target under a temporary name and
 * then renamed, so that a failure never leaves half a workbook behind. Whether the target may be
 * overwritten is the caller's decision (see files.ts).
 *
 * @example
 * ```ts
 * await writeWorkbookFile(model, 'report.xlsx', { lang: 'ja' });
 * ```
 */
export async function writeWorkbookFile(model: WorkbookModel, file: string, opts: WriteOptions): Promise<void> {
  const buffer = await toExcelWorkbook(model, opts).xlsx.writeBuffer();
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, new Uint8Array(buffer as ArrayBuffer));
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

function writeSheet(
  wb: Workbook,
  sheet: SheetModel,
  name: string,
  names: string[],
  all: SheetModel[],
  lists: ListSheet,
  tableNames: string[],
  lang: Lang,
): void {
  const ws = wb.addWorksheet(name);
  const headerRow = headerRowIndex(sheet) + 1;
  const firstData = headerRow + 1;
  const blank = sheet.blankRows ?? 0;
  // An Excel table needs at least one data row.
  const dataRows = Math.max(sheet.rows.length + blank, sheet.tableName ? 1 : 0);
  const lastData = headerRow + dataRows;

  if (sheet.preamble) {
    // Titles, notes and headers are text: formatted `@` like every string cell.
    const title = ws.getCell(1, 1);
    title.value = sheet.preamble.title[lang];
    title.numFmt = TEXT_FORMAT;
    title.font = { bold: true, size: 14 };
    (sheet.preamble.lines ?? []).forEach((line, i) => {
      const cell = ws.getCell(2 + i, 1);
      cell.value = line[lang];
      cell.numFmt = TEXT_FORMAT;
    });
  }

  sheet.columns.forEach((col, j) => {
    ws.getColumn(j + 1).width = columnWidth(col, lang);
  });

  const headers = uniqueHeaders(sheet.columns.map((c) => c.header[lang]));
  const values = sheet.rows.map((row) => sheet.columns.map((_c, j) => toExcelValue(row[j] ?? null, names, all)));
  while (values.length < dataRows) values.push(sheet.columns.map(() => null));

  if (sheet.tableName && sheet.columns.length > 0) {
    const table = uniqueTableName(sheet.tableName, tableNames);
    tableNames.push(table);
    ws.addTable({
      name: table,
      ref: `A${headerRow}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows: values,
    });
  } else {
    ws.getRow(headerRow).values = headers;
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        if (v !== null) ws.getCell(firstData + i, j + 1).value = v;
      });
    });
  }

  const header = ws.getRow(headerRow);
  header.height = Math.max(20, 15 * Math.max(...headers.map((h) => h.split('\n').length)));
  sheet.columns.forEach((_col, j) => {
    const cell = header.getCell(j + 1);
    cell.numFmt = TEXT_FORMAT;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });

  sheet.columns.forEach((col, j) => {
    for (let r = firstData; r <= lastData; r++) {
      const cell = ws.getCell(r, j + 1);
      const v = values[r - firstData]?.[j] ?? null;
      // Core decides every cell's format (a string is always text, so = + - @ never become a formula).
      const format = cellNumberFormat(col, sheet.rows[r - firstData]?.[j] ?? null);
      if (format !== 'General') cell.numFmt = format;
      if (isLink(v)) cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    }
    const spec = dataValidationOf(col, lang);
    if (spec && dataRows > 0) {
      const address = `${colName(j + 1)}${firstData}:${colName(j + 1)}${lastData}`;
      (ws as unknown as { dataValidations: { add(a: string, v: DataValidation): void } }).dataValidations.add(address, dataValidation(spec, lists));
    }
  });

  if (sheet.freezeHeader) ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${firstData}` }];
  if (sheet.print) applyPrint(ws, sheet, sheet.print, lang);
}

/** Page setup from the model's print settings; see core's sheet/print.ts for what and why. */
function applyPrint(ws: Worksheet, sheet: SheetModel, print: SheetPrint, lang: Lang): void {
  const ranges = printRanges(sheet);
  const heights = printRowHeights(sheet, lang);
  const headerRow = headerRowIndex(sheet) + 1;
  const printed = Math.max(1, print.printedColumns);
  // A note above the table too long for the printed width spans the printed columns and wraps
  // there, instead of running off the page. Notes that fit stay unmerged: a blank return comes
  // back filled in, and its reader would report every merged cell.
  heights.preamble.forEach((h, i) => {
    if (i === 0 || h === null) return;
    if (printed > 1) ws.mergeCells(i + 1, 1, i + 1, printed);
    ws.getCell(i + 1, 1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(i + 1).height = h;
  });
  ws.getRow(headerRow).height = heights.header;
  heights.rows.forEach((h, i) => {
    if (h !== null) ws.getRow(headerRow + 1 + i).height = h;
  });
  // Every cell of a row starts at its top, so a row made tall by one wrapped text still reads across.
  sheet.columns.slice(0, printed).forEach((col, j) => {
    const wrap = wrapsText(col);
    for (let r = headerRow + 1; r <= headerRow + sheet.rows.length + (sheet.blankRows ?? 0); r++) {
      const cell = ws.getCell(r, j + 1);
      cell.alignment = { ...cell.alignment, vertical: 'top', ...(wrap ? { wrapText: true } : {}) };
      // Ruled cells: a table style's banding does not print everywhere, and a form is filled in by hand.
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    }
  });
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: A4,
    orientation: print.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: print.pagesTall,
    margins: PRINT_MARGINS,
    // exceljs puts a $ before each column only; a relative row is not read as the print area by
    // LibreOffice, so the rows are made absolute here (A1:C24 → $A$1:$C$24 in the file).
    printArea: ranges.area.replace(/([A-Z]+)(\d+)/g, '$1$$$2'),
    printTitlesRow: ranges.titleRows.replace(/\$/g, ''),
  };
  const hf = printHeaderFooter(print, lang);
  ws.headerFooter = { oddHeader: headerFooterString(hf.header), oddFooter: headerFooterString(hf.footer) };
}

type ExcelValue = string | number | boolean | Date | null | { text: string; hyperlink: string };

function toExcelValue(v: SheetValue, names: string[], all: SheetModel[]): ExcelValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  // A date that names no day (2026-02-29) stays the text it is; Date.UTC would move it to 1 March.
  if ('date' in v) return isLocalDate(v.date) ? utcDate(v.date) : v.date;
  const { text, sheet, cell } = v.link;
  // A link names its target sheet by the model's id or by its name; write it by the written name.
  const i = all.findIndex((s) => s.id === sheet);
  const target = i >= 0 ? names[i]! : sheet;
  if (!/^[A-Za-z]{1,3}\d+$/.test(cell)) return text;
  return { text, hyperlink: `'${target.replace(/'/g, "''")}'!${cell}` };
}

function isLink(v: ExcelValue): boolean {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

/** Core's decision, in exceljs's words; a list Excel cannot hold inline goes to the hidden lists sheet. */
function dataValidation(spec: DataValidationSpec, lists: ListSheet): DataValidation {
  const base = {
    allowBlank: spec.allowBlank,
    showInputMessage: spec.prompt !== undefined,
    showErrorMessage: spec.error !== undefined,
    errorStyle: spec.style,
    ...(spec.error ? { errorTitle: spec.error.title, error: spec.error.message } : {}),
    ...(spec.prompt ? { promptTitle: spec.prompt.title, prompt: spec.prompt.message } : {}),
  };
  const rule = spec.rule;
  // A column that only prompts: exceljs writes `any` as a rule with no type (Excel's "any value").
  if (rule === null) return { ...base, type: 'any', formulae: [] } as unknown as DataValidation;
  switch (rule.type) {
    case 'list':
      return { ...base, type: 'list', formulae: [rule.inline !== null ? `"${rule.inline}"` : lists.reference(rule.values)] };
    case 'date':
      return { ...base, type: 'date', operator: rule.operator, formulae: rule.formulae.map(utcDate) };
    default:
      return { ...base, type: rule.type, operator: rule.operator, formulae: [...rule.formulae] };
  }
}

function utcDate(s: string): Date {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1900, (m ?? 1) - 1, d ?? 1));
}

/**
 * Values of dropdown lists core's `inlineListSource` cannot hold inline (Excel's inline lists stop
 * at 255 characters and split on commas): each goes to a column of a hidden sheet.
 */
class ListSheet {
  private readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();

  reference(values: string[]): string {
    const key = JSON.stringify(values);
    let ref = this.byKey.get(key);
    if (!ref) {
      this.columns.push(values);
      const col = colName(this.columns.length);
      ref = `${LISTS_SHEET}!$${col}$1:$${col}$${Math.max(1, values.length)}`;
      this.byKey.set(key, ref);
    }
    return ref;
  }

  write(wb: Workbook): void {
    if (this.columns.length === 0) return;
    const ws = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    this.columns.forEach((values, j) =>
      values.forEach((v, i) => {
        ws.getCell(i + 1, j + 1).value = v;
      }),
    );
  }
}

function uniqueHeaders(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const base = h.trim() === '' ? `Column${i + 1}` : h;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

function colName(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
