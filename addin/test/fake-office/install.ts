/**
 * Installs the fake office.js into Node's globals (Office, Excel, CustomFunctions,
 * __fakeExcel) for tests of the operations without a browser.
 */
import type { RawCell } from '@sasaeai/core';
import './office.js';

export interface FakeStats {
  syncs: number;
  requests: { requestBytes: number; responseBytes: number; operations: number; error?: string }[];
}

export interface FakeCell {
  value: string | number | boolean;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  fontColor: string | null;
  bold: boolean;
  hyperlink?: string;
}

/** A sheet's print settings as the fake holds them (Worksheet.pageLayout, row heights, merges). */
export interface FakePageLayout {
  orientation: string;
  paperSize: string;
  zoom: { scale?: number; horizontalFitToPages?: number; verticalFitToPages?: number };
  margins: Record<string, number>;
  printArea: string | null;
  printTitleRows: string | null;
  headersFooters: Record<string, string>;
  rowHeights: Record<string, number>;
  merges: string[];
}

export interface FakeExcel {
  stats: FakeStats;
  reset(): void;
  resetStats(): void;
  type(sheet: string, address: string, values: unknown): void;
  fill(sheet: string, address: string, color: string): void;
  merge(sheet: string, address: string, across?: boolean): void;
  hideRows(sheet: string, address: string): void;
  merges(sheet: string): string[];
  addUserConditionalFormat(sheet: string, address: string, formula: string, fill: string, opts?: { unreadable?: boolean }): void;
  addSheet(name: string): string;
  activate(name: string): void;
  sheetNames(): string[];
  activeSheet(): string;
  selection(): { sheet: string; address: string } | null;
  values(sheet: string): unknown[][];
  cell(sheet: string, address: string): FakeCell;
  snapshot(sheet: string): {
    name: string;
    cells: Record<string, FakeCell>;
    cfs: { type: string; areas: string[]; formula: string | null; format: { fill: string | null; fontColor: string | null } }[];
    validations: { address: string; rule?: unknown; prompt?: unknown; errorAlert?: unknown }[];
    frozenRows: number;
    columnWidths: Record<string, number>;
    /** Merged areas (A1) and hidden rows (1-based). */
    merges: string[];
    hiddenRows: number[];
    charts: { type: string; title: string | null; series: { name: string | null; values: string | null; xValues: string | null }[] }[];
    tables: { name: string; address: string; style: string }[];
  };
  settings(): Record<string, unknown>;
  calculations(): string[];
  setExcelApi(version: string): void;
  setTypingLocale(locale: 'ja-JP' | null): void;
  /** The workbook counts dates from 1904: set before typing dates. */
  setDate1904(on: boolean): void;
  /** The next `times` (default 1) actions with this label fail. */
  failNext(label: 'charts.add' | 'getMergedAreas', times?: number): void;
  reopen(opts?: { loseSettings?: boolean }): void;
  sheetCustomProperties(sheet: string): Record<string, string>;
  sheetNamesDefined(sheet: string): Record<string, string>;
  customXmlParts(): { id: string; namespaceUri: string; xml: string }[];
  /** The workbook as saved to a file, and opening such a saved copy (a real close and reopen). */
  save(): unknown;
  open(saved: unknown): void;
  pageLayout(sheet: string): FakePageLayout;
  callFunction(id: string, args: unknown[]): Promise<{ value?: unknown; error?: string; message?: string }>;
}

export const fake = (globalThis as unknown as { __fakeExcel: FakeExcel }).__fakeExcel;

/**
 * Types a grid of raw cells into a sheet as a user would: dates and error values as typed text,
 * text that would read as a formula with Excel's leading apostrophe.
 */
export function typeGrid(sheet: string, cells: readonly (readonly RawCell[])[]): void {
  fake.type(
    sheet,
    'A1',
    cells.map((r) =>
      r.map((c) => {
        if (c === null || c === undefined) return '';
        if (c instanceof Date) return c.toISOString().slice(0, 10);
        if (typeof c === 'object') return c.error;
        return typeof c === 'string' && /^[=+\-@]/.test(c) && c.length > 1 ? `'${c}` : c;
      }),
    ),
  );
}
