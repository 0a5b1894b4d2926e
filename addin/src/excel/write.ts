/**
 * Writes render-ready sheet models into a workbook with Office.js: one 2-D write for header and
 * rows, number formats first (text as `@`), then formats, validation, table, freeze panes and
 * chart — all queued on the caller's request context, never a sync per cell.
 */
import {
  columnWidth,
  dataValidationOf,
  printHeaderFooter,
  printRanges,
  printRowHeights,
  PRINT_MARGINS,
  wrapsText,
  type DataValidationRule,
  type Lang,
  type SheetModel,
  type SheetPrint,
} from '@sasaeai/core';
import { blockAddress, cellAddress, columnLetters } from './address.js';
import type { Batch } from './batch.js';
import { estimateJsonBytes, layoutSheet, type SheetLayout } from './layout.js';

/** Fluent colours used on written sheets (contrast ≥ 4.5:1 for the text on them). */
export const COLORS = {
  headerFill: '#DEECF9',
  headerFont: '#004578',
  title: '#004578',
} as const;

export interface WriteOptions {
  /** Table name (already unique), when the model asks for a table. */
  tableName?: string;
  /** Excel table style. */
  tableStyle?: string;
}

/** What was queued for a sheet; `sheet.id` is loaded so the caller can record it after the sync. */
export interface QueuedSheet {
  model: SheetModel;
  sheet: Excel.Worksheet;
  layout: SheetLayout;
}

const OPERATOR = { between: 'Between', greaterThanOrEqual: 'GreaterThanOrEqualTo', lessThanOrEqual: 'LessThanOrEqualTo' } as const;

/**
 * Core's data-validation rule in Office.js's words, or null when Excel cannot express it inline (a
 * list core could not hold inline: the prompt still explains it).
 *
 * @example
 * ```ts
 * validationRule({ type: 'list', values: ['実施済み', '実施中'], inline: '実施済み,実施中' }); // { list: { inCellDropDown: true, source: '実施済み,実施中' } }
 * ```
 */
export function validationRule(rule: DataValidationRule): Excel.DataValidationRule | null {
  switch (rule.type) {
    case 'list':
      return rule.inline === null ? null : { list: { inCellDropDown: true, source: rule.inline } };
    case 'whole':
    case 'decimal': {
      const [formula1, formula2] = rule.formulae;
      const basic = { formula1, ...(formula2 !== undefined ? { formula2 } : {}), operator: OPERATOR[rule.operator] };
      return rule.type === 'whole' ? { wholeNumber: basic } : { decimal: basic };
    }
    case 'date':
      return { date: { formula1: rule.formulae[0], formula2: rule.formulae[1], operator: OPERATOR[rule.operator] } };
    case 'textLength':
      return { textLength: { formula1: rule.formulae[0], operator: OPERATOR[rule.operator] } };
  }
}

/**
 * Queues a sheet model onto a new, empty worksheet. Nothing is synced here except when a very
 * large sheet has to be split to stay under the payload budget (`batch.reserve`).
 *
 * @example
 * ```ts
 * const sheet = context.workbook.worksheets.add('報告');
 * await queueSheet(batch, sheet, model, 'ja', { tableName: 'Returns' });
 * await batch.sync();
 * ```
 */
export async function queueSheet(
  batch: Batch,
  sheet: Excel.Worksheet,
  model: SheetModel,
  lang: Lang,
  opts: WriteOptions = {},
): Promise<QueuedSheet> {
  const layout = layoutSheet(model, lang);
  sheet.load('id,name');
  const cols = Math.max(1, layout.columns.length);

  if (layout.preamble.length > 0) {
    const pre = sheet.getRange(blockAddress(0, 0, layout.preamble.length, 1));
    pre.numberFormat = layout.preamble.map(() => ['@']);
    pre.values = layout.preamble.map((l) => [l]);
    const title = sheet.getRange('A1');
    title.format.font.bold = true;
    title.format.font.size = 14;
    title.format.font.color = COLORS.title;
  }

  // Header and rows: number formats first, so that text cells are '@' before any value lands,
  // then the values — each one 2-D write (split into row blocks only above the payload budget).
  const total = layout.values.length;
  const perRow = Math.max(1, estimateJsonBytes(layout.values.slice(0, Math.min(total, 50))) / Math.min(total, 50)) * 2;
  const rowsPerWrite = Math.max(1, Math.floor(batch.budget / perRow));
  for (let start = 0; start < total; start += rowsPerWrite) {
    const count = Math.min(rowsPerWrite, total - start);
    const values = layout.values.slice(start, start + count);
    const formats = layout.numberFormat.slice(start, start + count);
    await batch.reserve(estimateJsonBytes(values) + estimateJsonBytes(formats));
    const block = sheet.getRange(blockAddress(layout.headerRow + start, 0, count, cols));
    block.numberFormat = formats;
    block.values = values;
  }
  for (const run of layout.links) {
    await batch.reserve(estimateJsonBytes(run.formulas));
    sheet.getRange(blockAddress(layout.headerRow + run.row, run.col, run.formulas.length, 1)).formulas = run.formulas;
  }

  const header = sheet.getRange(blockAddress(layout.headerRow, 0, 1, cols));
  header.format.font.bold = true;
  header.format.wrapText = true;
  header.format.verticalAlignment = 'Center';
  if (!model.tableName) {
    header.format.fill.color = COLORS.headerFill;
    header.format.font.color = COLORS.headerFont;
  }

  // Widths are core's (`columnWidth`: the model's, else one from the header), as the CLI writes them.
  layout.columns.forEach((c, i) => {
    sheet.getRange(`${columnLetters(i)}:${columnLetters(i)}`).format.columnWidth = Math.round(columnWidth(c, lang) * 7);
  });

  const dataCount = layout.dataRows + layout.blankRows;
  if (dataCount > 0) {
    layout.columns.forEach((c, i) => {
      // Rule, alert style and texts are core's decision (the CLI's writer takes the same).
      const spec = dataValidationOf(c, lang);
      if (!spec) return;
      const dv = sheet.getRange(blockAddress(layout.headerRow + 1, i, dataCount, 1)).dataValidation;
      const rule = spec.rule ? validationRule(spec.rule) : null;
      if (rule) {
        dv.rule = rule;
        if (spec.error) dv.errorAlert = { showAlert: true, style: spec.style === 'warning' ? 'Warning' : 'Stop', title: spec.error.title, message: spec.error.message };
      }
      if (spec.prompt) dv.prompt = { showPrompt: true, title: spec.prompt.title, message: spec.prompt.message };
    });
  }

  if (model.tableName && opts.tableName) {
    const table = sheet.tables.add(layout.tableAddress, true);
    table.name = opts.tableName;
    table.style = opts.tableStyle ?? 'TableStyleMedium2';
  }
  if (model.freezeHeader) sheet.freezePanes.freezeRows(layout.headerRow + 1);
  if (model.print) queuePrint(sheet, model, model.print, layout, lang);

  if (model.chart && layout.dataRows > 0) {
    const catIndex = layout.columns.findIndex((c) => c.key === model.chart!.categoryColumn);
    const seriesIdx = model.chart.seriesColumns.map((k) => layout.columns.findIndex((c) => c.key === k)).filter((i) => i >= 0);
    if (catIndex >= 0 && seriesIdx.length > 0) {
      const firstRow = layout.headerRow + 1;
      const colRange = (i: number) => sheet.getRange(blockAddress(firstRow, i, layout.dataRows, 1));
      const chart = sheet.charts.add(model.chart.type === 'barStacked' ? 'BarStacked' : 'ColumnClustered', colRange(seriesIdx[0]!), 'Columns');
      chart.title.text = model.chart.title[lang];
      const first = chart.series.getItemAt(0);
      first.name = layout.columns[seriesIdx[0]!]!.header[lang];
      first.setXAxisValues(colRange(catIndex));
      for (const i of seriesIdx.slice(1)) {
        const s = chart.series.add(layout.columns[i]!.header[lang]);
        s.setValues(colRange(i));
        s.setXAxisValues(colRange(catIndex));
      }
      const left = cols + 1;
      const top = layout.headerRow;
      chart.setPosition(cellAddress(top, left), cellAddress(top + 17, left + 7));
    }
  }
  return { model, sheet, layout };
}

const POINTS_PER_INCH = 72;

/**
 * Page layout (ExcelApi 1.9) from the model's print settings — the same settings the CLI writes to
 * .xlsx; see core's `sheet/print.ts` for what they are and why.
 */
function queuePrint(sheet: Excel.Worksheet, model: SheetModel, print: SheetPrint, layout: SheetLayout, lang: Lang): void {
  const printed = Math.max(1, print.printedColumns);
  const heights = printRowHeights(model, lang);
  // A note too long for the printed width spans the printed columns and wraps there (as the CLI does).
  heights.preamble.forEach((h, i) => {
    if (i === 0 || h === null) return;
    const note = sheet.getRange(blockAddress(i, 0, 1, printed));
    if (printed > 1) note.merge(false);
    note.format.wrapText = true;
    note.format.verticalAlignment = 'Top';
    note.format.rowHeight = h;
  });
  sheet.getRange(blockAddress(layout.headerRow, 0, 1, printed)).format.rowHeight = heights.header;
  const rows = heights.rows.length;
  if (rows > 0) {
    sheet.getRange(blockAddress(layout.headerRow + 1, 0, rows, printed)).format.verticalAlignment = 'Top';
    layout.columns.slice(0, printed).forEach((c, j) => {
      if (wrapsText(c)) sheet.getRange(blockAddress(layout.headerRow + 1, j, rows, 1)).format.wrapText = true;
    });
    // Consecutive rows of one height take one write.
    for (let i = 0; i < rows; ) {
      const h = heights.rows[i];
      let n = 1;
      while (i + n < rows && heights.rows[i + n] === h) n++;
      if (h !== null && h !== undefined) sheet.getRange(blockAddress(layout.headerRow + 1 + i, 0, n, printed)).format.rowHeight = h;
      i += n;
    }
  }
  const page = sheet.pageLayout;
  page.paperSize = 'A4';
  page.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.zoom = { horizontalFitToPages: 1, verticalFitToPages: print.pagesTall };
  page.leftMargin = PRINT_MARGINS.left * POINTS_PER_INCH;
  page.rightMargin = PRINT_MARGINS.right * POINTS_PER_INCH;
  page.topMargin = PRINT_MARGINS.top * POINTS_PER_INCH;
  page.bottomMargin = PRINT_MARGINS.bottom * POINTS_PER_INCH;
  page.headerMargin = PRINT_MARGINS.header * POINTS_PER_INCH;
  page.footerMargin = PRINT_MARGINS.footer * POINTS_PER_INCH;
  const ranges = printRanges(model);
  page.setPrintArea(ranges.area);
  page.setPrintTitleRows(ranges.titleRows);
  const hf = printHeaderFooter(print, lang);
  const all = page.headersFooters.defaultForAllPages;
  all.leftHeader = hf.header.left;
  all.centerHeader = hf.header.center;
  all.rightHeader = hf.header.right;
  all.centerFooter = hf.footer.center;
}
