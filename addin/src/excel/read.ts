/**
 * Reads worksheets as raw grids for core: the used range (values only) of each sheet, in as few
 * round trips as the payload budget allows — one for the sizes, one for all the values unless
 * they would pass the budget; a block that Excel still refuses is split and read again.
 */
import type { RawCell, SheetGrid } from '@sasaeai/core';
import { blockAddress, cellAddress, rowChunks, splitAddress } from './address.js';
import { isPayloadLimitError, PAYLOAD_BUDGET, type Batch } from './batch.js';

/** A sheet to read, with its used range queued for loading (step 1). */
export interface ReadTarget {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  /** Workbook or file name for provenance. */
  source?: string;
}

/** Bytes per cell assumed when planning blocks (JSON of short text and numbers). */
export const BYTES_PER_CELL = 24;

/**
 * Step 1: queues the load of a sheet's name and used-range size.
 *
 * @example
 * ```ts
 * const t = queueUsedRange(context.workbook.worksheets.getActiveWorksheet());
 * await context.sync();
 * const [grid] = await readGrids(context, batch, [t]);
 * ```
 */
export function queueUsedRange(sheet: Excel.Worksheet, source?: string): ReadTarget {
  sheet.load('name,id');
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('address,rowCount,columnCount');
  return source === undefined ? { sheet, used } : { sheet, used, source };
}

interface Block {
  target: number;
  start: number;
  count: number;
  cols: number;
  row0: number;
  col0: number;
}

/**
 * Step 2, after the sync: reads the values of every target's used range. Blocks are grouped into
 * syncs under the payload budget (normally a single sync for all of them).
 */
export async function readGrids(context: Excel.RequestContext, batch: Batch, targets: readonly ReadTarget[]): Promise<SheetGrid[]> {
  const blocks: Block[] = [];
  const rows: RawCell[][][] = targets.map(() => []);
  targets.forEach((t, ti) => {
    if (t.used.isNullObject) return;
    const { start } = splitAddress(t.used.address);
    for (const c of rowChunks(t.used.rowCount, t.used.columnCount, { budgetBytes: batch.budget, bytesPerCell: BYTES_PER_CELL }))
      blocks.push({ target: ti, start: c.start, count: c.count, cols: t.used.columnCount, row0: start.row, col0: start.col });
  });
  // Group blocks into syncs under the budget.
  const groups: Block[][] = [];
  let cur: Block[] = [];
  let bytes = 0;
  for (const b of blocks) {
    const est = b.count * b.cols * BYTES_PER_CELL;
    if (cur.length > 0 && bytes + est > batch.budget) {
      groups.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(b);
    bytes += est;
  }
  if (cur.length > 0) groups.push(cur);

  const layouts = targets.map((t) => (t.used.isNullObject ? null : queueLayout(t.used)));

  const results = new Map<Block, RawCell[][]>();
  const readGroup = async (group: Block[]): Promise<void> => {
    const ranges = group.map((b) => {
      const r = targets[b.target]!.sheet.getRange(blockAddress(b.row0 + b.start, b.col0, b.count, b.cols));
      r.load('values');
      return r;
    });
    try {
      await batch.sync();
    } catch (e) {
      if (!isPayloadLimitError(e)) throw e;
      // Excel refused the size: split the largest block (or the group) and try again.
      if (group.length > 1) {
        const mid = Math.ceil(group.length / 2);
        await readGroup(group.slice(0, mid));
        await readGroup(group.slice(mid));
        return;
      }
      const b = group[0]!;
      if (b.count <= 1) throw e;
      const half = Math.ceil(b.count / 2);
      const a: Block = { ...b, count: half };
      const c: Block = { ...b, start: b.start + half, count: b.count - half };
      await readGroup([a]);
      await readGroup([c]);
      results.set(b, [...(results.get(a) ?? []), ...(results.get(c) ?? [])]);
      return;
    }
    group.forEach((b, i) => results.set(b, ranges[i]!.values as RawCell[][]));
  };
  for (const g of groups) await readGroup(g);
  // Always one round trip, even for empty sheets: callers queue loads that ride along with it.
  if (groups.length === 0) await batch.sync();
  for (const b of blocks) rows[b.target]!.push(...(results.get(b) ?? []));

  return targets.map((t, ti) => {
    const grid: SheetGrid = { sheet: t.sheet.name, cells: rows[ti]! };
    if (!t.used.isNullObject) grid.origin = cellAddress(splitAddress(t.used.address).start.row, splitAddress(t.used.address).start.col);
    if (t.source !== undefined) grid.source = t.source;
    const layout = layouts[ti];
    if (layout) applyLayout(grid, layout);
    return grid;
  });
}

// ----- merged areas and hidden rows, for core (issue 12) -------------------------------------------
// Core applies a value merged down over rows to every row and notes hidden rows; Office.js gives
// the merged areas from ExcelApi 1.13 and row visibility from 1.9. Where the host lacks them the
// grid goes without, and `layoutUnavailable` says so for the pane.

interface LayoutQuery {
  merged: Excel.RangeAreas | null;
  rows: OfficeExtension.ClientResult<Excel.RowProperties[]> | null;
}

/** What the last read could not learn from this Excel: merged areas, hidden rows. */
export const layoutUnavailable: Set<'merges' | 'hiddenRows'> = new Set();

function supported(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

function queueLayout(used: Excel.Range): LayoutQuery {
  const q: LayoutQuery = { merged: null, rows: null };
  if (supported('1.13') && typeof used.getMergedAreasOrNullObject === 'function') {
    q.merged = used.getMergedAreasOrNullObject();
    q.merged.load('address');
  } else layoutUnavailable.add('merges');
  if (supported('1.9') && typeof used.getRowProperties === 'function') q.rows = used.getRowProperties({ rowIndex: true, rowHidden: true });
  else layoutUnavailable.add('hiddenRows');
  return q;
}

function applyLayout(grid: SheetGrid, q: LayoutQuery): void {
  if (q.merged && !q.merged.isNullObject) {
    // "Sheet1!A2:A4,Sheet1!C2:C4" → ['A2:A4', 'C2:C4']
    const merges = q.merged.address
      .split(',')
      .map((a) => a.slice(a.lastIndexOf('!') + 1).replace(/\$/g, ''))
      .filter((a) => a.includes(':'));
    if (merges.length > 0) grid.merges = merges;
  }
  const rows = q.rows?.value;
  if (Array.isArray(rows)) {
    const hidden = rows.filter((r) => r.rowHidden === true && typeof r.rowIndex === 'number').map((r) => (r.rowIndex as number) + 1);
    if (hidden.length > 0) grid.hiddenRows = hidden;
  }
}
// ----- end of merged areas and hidden rows ---------------------------------------------------------

export { PAYLOAD_BUDGET };
