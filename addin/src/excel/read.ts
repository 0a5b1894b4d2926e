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
    return grid;
  });
}

export { PAYLOAD_BUDGET };
