/**
 * Reads worksheets as raw grids for core: the used range (values only) of each sheet, in as few
 * round trips as the payload budget allows — one for the sizes, one for the merged areas and
 * hidden rows (where this Excel can report them), one for all the values unless they would pass
 * the budget; a block that Excel still refuses is split and read again.
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
 * Step 2, after the sync: reads the merged areas and hidden rows, then the values of every
 * target's used range. Blocks are grouped into syncs under the payload budget (normally a single
 * sync for all of them). What this Excel could not report is left in {@link layoutUnavailable}.
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

  // Merged areas and hidden rows in syncs of their own, never on the values read, which Excel may
  // refuse for size (a refused batch fills none of its loads).
  const layouts = await readLayouts(batch, targets);

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

/** What the last read could not learn from this Excel: merged areas, hidden rows. Cleared by every read. */
export const layoutUnavailable: Set<'merges' | 'hiddenRows'> = new Set();

/**
 * Cells per `getMergedAreasOrNullObject` call. Excel fails the call when a range holds more than
 * 512 merged areas, and it finds an area by its top-left cell (office-js #3611): every area has its
 * own top-left cell, so a block of at most 512 cells can never pass the limit, and no area is
 * found twice.
 */
export const MERGE_QUERY_CELLS = 512;
/** Bytes per row of `getRowProperties({ rowIndex, rowHidden })` in the response. */
const BYTES_PER_ROW_PROPERTIES = 40;

interface LayoutQuery {
  merged: Excel.RangeAreas[];
  rows: OfficeExtension.ClientResult<Excel.RowProperties[]>[];
}

function supported(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

/**
 * Reads the merged areas and hidden rows of every target's used range (sizes already loaded), in
 * syncs under the payload budget — normally one. A host without the API sets, or a read Excel
 * refuses, leaves the grids without and is noted in `layoutUnavailable`.
 */
async function readLayouts(batch: Batch, targets: readonly ReadTarget[]): Promise<(LayoutQuery | null)[]> {
  layoutUnavailable.clear();
  const merges = supported('1.13');
  const hidden = supported('1.9');
  if (!merges) layoutUnavailable.add('merges');
  if (!hidden) layoutUnavailable.add('hiddenRows');
  if (!merges && !hidden) return targets.map(() => null);
  const queries: (LayoutQuery | null)[] = [];
  try {
    for (const t of targets) {
      if (t.used.isNullObject) {
        queries.push(null);
        continue;
      }
      const q: LayoutQuery = { merged: [], rows: [] };
      queries.push(q);
      const { start } = splitAddress(t.used.address);
      const cols = t.used.columnCount;
      if (merges) {
        const per = Math.max(1, Math.floor(MERGE_QUERY_CELLS / Math.max(1, cols)));
        for (let r = 0; r < t.used.rowCount; r += per) {
          await batch.reserve(64 + Math.min(per * cols, MERGE_QUERY_CELLS) * 8);
          const areas = t.sheet.getRange(blockAddress(start.row + r, start.col, Math.min(per, t.used.rowCount - r), cols)).getMergedAreasOrNullObject();
          areas.load('address');
          q.merged.push(areas);
        }
      }
      if (hidden) {
        for (const c of rowChunks(t.used.rowCount, 1, { budgetBytes: batch.budget, bytesPerCell: BYTES_PER_ROW_PROPERTIES })) {
          await batch.reserve(c.count * BYTES_PER_ROW_PROPERTIES);
          q.rows.push(t.sheet.getRange(blockAddress(start.row + c.start, start.col, c.count, 1)).getRowProperties({ rowIndex: true, rowHidden: true }));
        }
      }
    }
    await batch.sync();
  } catch {
    // Excel would not say (a merged-area count over its limit, a refused size): read the values
    // anyway and say in the pane that merged cells and hidden rows were not taken into account.
    layoutUnavailable.add('merges');
    layoutUnavailable.add('hiddenRows');
    return targets.map(() => null);
  }
  return queries;
}

/** The areas of a RangeAreas address: "Sheet1!A2:A4,'報告 1'!C2:C4" → ['A2:A4', 'C2:C4']. */
export function mergedAreasOf(address: string): string[] {
  // Each area follows a "!"; a sheet name may itself hold "!" or ",", but never right before an
  // area that ends at a comma or the end.
  const out: string[] = [];
  for (const m of address.matchAll(/!(\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+)(?=\s*,|\s*$)/g)) out.push(m[1]!.replace(/\$/g, '').toUpperCase());
  return out;
}

function applyLayout(grid: SheetGrid, q: LayoutQuery): void {
  const merges = new Set<string>();
  for (const m of q.merged) if (!m.isNullObject) for (const a of mergedAreasOf(m.address)) merges.add(a);
  if (merges.size > 0) grid.merges = [...merges];
  const hidden: number[] = [];
  for (const chunk of q.rows) for (const r of chunk.value) if (r.rowHidden === true && typeof r.rowIndex === 'number') hidden.push(r.rowIndex + 1);
  if (hidden.length > 0) grid.hiddenRows = hidden;
}
// ----- end of merged areas and hidden rows ---------------------------------------------------------

export { PAYLOAD_BUDGET };
