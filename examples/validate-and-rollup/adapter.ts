/**
 * A minimal xlsx adapter: every worksheet of a workbook becomes a SheetGrid of raw cells, exactly
 * as core expects them. It is the shape of an adapter for any other source; the CLI's
 * (packages/cli/src/xlsx/read.ts) is the complete one (streaming, file sniffing, rich text, hidden
 * sheets, unreadable files).
 */
import ExcelJS from 'exceljs';
import type { RawCell, SheetGrid } from '@sasaeai/core';

function raw(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('error' in value) return { error: String(value.error) }; // #N/A, #VALUE!…
  if ('result' in value) return value.result === undefined ? null : raw(value.result as ExcelJS.CellValue); // a formula: its cached value
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text); // a hyperlink
  return null;
}

export async function readGrids(file: string, source: string): Promise<SheetGrid[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets.map((sheet) => {
    const cells: RawCell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const values: RawCell[] = [];
      for (let c = 1; c <= sheet.columnCount; c++) values.push(raw(row.getCell(c).value));
      cells[rowNumber - 1] = values;
    });
    for (let r = 0; r < cells.length; r++) cells[r] ??= [];
    return { sheet: sheet.name, origin: 'A1', cells, source };
  });
}
