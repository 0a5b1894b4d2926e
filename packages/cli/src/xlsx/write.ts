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
  columnWidth,
  headerFooterString,
  headerRowIndex,
  looksLikeFormula,
  printHeaderFooter,
  printRanges,
  printRowHeights,
  PRINT_MARGINS,
  wrapsText,
  type ColumnValidation,
  type Lang,
  type SheetColumn,
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

const DEFAULT_FORMATS: Partial<Record<SheetColumn['kind'], string>> = {
  integer: '#,##0',
  percent: '0.0%',
  date: 'yyyy/m/d',
  text: '@',
};
const DATE_FORMAT = 'yyyy/m/d';
// The paper size code of A4 in SpreadsheetML.
const A4 = 9;
const HEADER_FILL: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const THIN: Partial<Border> = { style: 'thin', color: { argb: 'FF9BB7D4' } };
// Excel's limits on data-validation texts.
const MAX_PROMPT_TITLE = 32;
const MAX_PROMPT = 255;
const MAX_ERROR = 225;
const MAX_INLINE_LIST = 255;

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
  const names = sheetNames(model.sheets, opts.lang);
  const lists = new ListSheet();
  const tableNames = new Set<string>();
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
  tableNames: Set<string>,
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
    const title = ws.getCell(1, 1);
    title.value = sheet.preamble.title[lang];
    title.font = { bold: true, size: 14 };
    (sheet.preamble.lines ?? []).forEach((line, i) => {
      ws.getCell(2 + i, 1).value = line[lang];
    });
  }

  sheet.columns.forEach((col, j) => {
    ws.getColumn(j + 1).width = columnWidth(col, lang);
  });

  const headers = uniqueHeaders(sheet.columns.map((c) => c.header[lang]));
  const values = sheet.rows.map((row) => sheet.columns.map((_c, j) => toExcelValue(row[j] ?? null, names, all)));
  while (values.length < dataRows) values.push(sheet.columns.map(() => null));

  if (sheet.tableName && sheet.columns.length > 0) {
    ws.addTable({
      name: tableName(sheet.tableName, tableNames),
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
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  });

  sheet.columns.forEach((col, j) => {
    const format = col.numberFormat ?? DEFAULT_FORMATS[col.kind];
    for (let r = firstData; r <= lastData; r++) {
      const cell = ws.getCell(r, j + 1);
      const v = values[r - firstData]?.[j] ?? null;
      if (v instanceof Date) cell.numFmt = col.kind === 'date' && format ? format : DATE_FORMAT;
      else if (typeof v === 'string' && (col.kind === 'text' || looksLikeFormula(v))) cell.numFmt = '@';
      else if (format && (v === null || typeof v === 'number')) cell.numFmt = format;
      if (isLink(v)) cell.font = { color: { argb: 'FF0563C1' }, underline: true };
      if (typeof v === 'string' && v.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    }
    if (col.validation && dataRows > 0) {
      const address = `${colName(j + 1)}${firstData}:${colName(j + 1)}${lastData}`;
      (ws as unknown as { dataValidations: { add(a: string, v: DataValidation): void } }).dataValidations.add(
        address,
        dataValidation(col, col.validation, lists, lang),
      );
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
  if ('date' in v) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.date);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v.date;
  }
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

function dataValidation(col: SheetColumn, v: ColumnValidation, lists: ListSheet, lang: Lang): DataValidation {
  const title = col.header[lang].replace(/\s+/g, ' ').slice(0, MAX_PROMPT_TITLE);
  const base = {
    allowBlank: true,
    showInputMessage: col.prompt !== undefined,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: title,
    error: (col.errorAlert?.[lang] ?? defaultAlert(v, lang)).slice(0, MAX_ERROR),
    ...(col.prompt ? { promptTitle: title, prompt: col.prompt[lang].slice(0, MAX_PROMPT) } : {}),
  };
  switch (v.type) {
    case 'list':
      return { ...base, type: 'list', formulae: [lists.reference(v.values)] };
    case 'whole':
    case 'decimal': {
      const { min, max } = v;
      if (min !== undefined && max !== undefined) return { ...base, type: v.type, operator: 'between', formulae: [min, max] };
      if (min !== undefined) return { ...base, type: v.type, operator: 'greaterThanOrEqual', formulae: [min] };
      if (max !== undefined) return { ...base, type: v.type, operator: 'lessThanOrEqual', formulae: [max] };
      return { ...base, type: v.type, operator: 'between', formulae: [-1e15, 1e15] };
    }
    case 'date': {
      const d = (s: string) => {
        const [y, m, day] = s.split('-').map(Number);
        return new Date(Date.UTC(y ?? 1900, (m ?? 1) - 1, day ?? 1));
      };
      const min = d(v.min ?? '1900-01-01');
      const max = d(v.max ?? '9999-12-31');
      return { ...base, type: 'date', operator: 'between', formulae: [min, max] };
    }
    case 'textLength':
      return { ...base, type: 'textLength', operator: 'lessThanOrEqual', formulae: [v.max] };
  }
}

function defaultAlert(v: ColumnValidation, lang: Lang): string {
  const ja = lang === 'ja';
  switch (v.type) {
    case 'list':
      return ja ? '一覧から選んでください。' : 'Choose a value from the list.';
    case 'whole':
      return ja ? '整数を入力してください。' : 'Enter a whole number.';
    case 'decimal':
      return ja ? '数値を入力してください。' : 'Enter a number.';
    case 'date':
      return ja ? '日付を入力してください（例：2026/5/1）。' : 'Enter a date (e.g. 2026/5/1).';
    case 'textLength':
      return ja ? `${v.max}文字以内で入力してください。` : `Enter at most ${v.max} characters.`;
  }
}

/**
 * Values of dropdown lists. A short list is written inline (`"a,b,c"`); a long one, or one whose
 * values hold commas or quotes, goes to a column of a hidden sheet, since Excel's inline lists
 * stop at 255 characters and split on commas.
 */
class ListSheet {
  private readonly columns: string[][] = [];
  private readonly byKey = new Map<string, string>();

  reference(values: string[]): string {
    const inline = values.join(',');
    if (inline.length + 2 <= MAX_INLINE_LIST && !values.some((s) => /[,"]/.test(s) || s.trim() === ''))
      return `"${inline}"`;
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

// Excel sheet names: at most 31 characters, none of : \ / ? * [ ], not quoted, unique ignoring case.
function sheetNames(sheets: SheetModel[], lang: Lang): string[] {
  const used = new Set<string>();
  return sheets.map((s, i) => {
    let base = s.name[lang].replace(/[:\\/?*[\]]/g, '_').replace(/^'+|'+$/g, '').trim().slice(0, 31) || `Sheet${i + 1}`;
    if (/^history$/i.test(base) || base.startsWith('_sasaeai')) base = `${base}_`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

// Excel table names: letters, digits, _ and ., starting with a letter or _, not a cell address,
// unique in the workbook.
function tableName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(/[^\p{L}\p{N}_.]/gu, '_');
  if (!/^[\p{L}_]/u.test(base) || /^[A-Za-z]{1,3}\d+$/.test(base) || /^[RrCc]$/.test(base)) base = `_${base}`;
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return name;
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
