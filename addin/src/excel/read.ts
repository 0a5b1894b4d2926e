/**
 * Reads worksheets as raw grids for core: the used range's values, and what core needs to read
 * them as the CLI does — merged areas, hidden rows, the formulas of formula cells and the
 * workbook's date system. The number of round trips does not depend on the rows: one for the
 * sizes (the caller's), one that carries the layout queries together with the first block of
 * values, and one more only per further ~4 MB of values (Excel on the web refuses a request or a
 * response over 5 MB). A sync Excel refuses fills none of its loads, so every refusal is answered
 * by queueing again what it carried, split where the size was the reason.
 */
import type { RawCell, SheetGrid } from '@sasaeai/core';
import { blockAddress, cellAddress, rowChunks, splitAddress } from './address.js';
import { isPayloadLimitError, PAYLOAD_BUDGET, type Batch } from './batch.js';
import { estimateJsonBytes } from './layout.js';

/** A sheet to read, with its used range queued for loading (step 1). */
export interface ReadTarget {
  sheet: Excel.Worksheet;
  used: Excel.Range;
  /** Workbook or file name for provenance. */
  source?: string;
}

/**
 * What step 1 loads of a used range. `rowHidden` (ExcelApi 1.2) is false when no row is hidden —
 * the common case, which then needs no row-by-row query at all.
 */
export const USED_RANGE_PROPERTIES = 'address,rowCount,columnCount,rowHidden';

/** Bytes per cell assumed for the first block of values, before any has been measured. */
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
  used.load(USED_RANGE_PROPERTIES);
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

/** Hands out blocks of rows, target after target, sized to a byte budget at a given density. */
class BlockPlanner {
  private ti = 0;
  private row = 0;
  constructor(private readonly targets: readonly ReadTarget[]) {}

  get done(): boolean {
    this.skipEmpty();
    return this.ti >= this.targets.length;
  }

  private skipEmpty(): void {
    while (this.ti < this.targets.length) {
      const u = this.targets[this.ti]!.used;
      if (!u.isNullObject && this.row < u.rowCount) return;
      this.ti++;
      this.row = 0;
    }
  }

  /** The next group of blocks whose estimated response fits `budget` (at least one row). */
  next(budget: number, bytesPerCell: number): Block[] {
    const group: Block[] = [];
    let bytes = 0;
    for (this.skipEmpty(); this.ti < this.targets.length; this.skipEmpty()) {
      const u = this.targets[this.ti]!.used;
      const cols = Math.max(1, u.columnCount);
      const fit = Math.floor((budget - bytes) / (cols * bytesPerCell));
      if (fit <= 0 && group.length > 0) break;
      const count = Math.min(u.rowCount - this.row, Math.max(1, fit));
      const { start } = splitAddress(u.address);
      group.push({ target: this.ti, start: this.row, count, cols: u.columnCount, row0: start.row, col0: start.col });
      bytes += count * cols * bytesPerCell;
      this.row += count;
    }
    return group;
  }
}

/**
 * Step 2, after the sync: reads the values of every target's used range with its merged areas,
 * hidden rows and formulas, and the workbook's date system. What this Excel could not report is
 * left in {@link layoutUnavailable} (and the grids go without it).
 */
export async function readGrids(context: Excel.RequestContext, batch: Batch, targets: readonly ReadTarget[]): Promise<SheetGrid[]> {
  const rows: RawCell[][][] = targets.map(() => []);
  const results = new Map<Block, RawCell[][]>();
  const planner = new BlockPlanner(targets);
  let density = BYTES_PER_CELL;
  const measure = (group: readonly Block[]) => {
    // The density of what came back sizes the next blocks (with a margin): a sheet of short
    // numbers then needs fewer round trips than the first, conservative guess would give.
    let cells = 0;
    let bytes = 0;
    for (const b of group) {
      const v = results.get(b);
      if (!v) continue;
      cells += b.count * b.cols;
      bytes += estimateJsonBytes(v);
    }
    if (cells > 0) density = Math.max(4, Math.min(BYTES_PER_CELL * 8, (bytes / cells) * 1.15));
  };

  const queueValues = (group: readonly Block[]) =>
    group.map((b) => {
      const r = targets[b.target]!.sheet.getRange(blockAddress(b.row0 + b.start, b.col0, b.count, b.cols));
      r.load('values');
      return r;
    });

  const readGroup = async (group: Block[]): Promise<void> => {
    const ranges = queueValues(group);
    try {
      await batch.sync();
    } catch (e) {
      if (!isPayloadLimitError(e)) throw e;
      // Excel refused the size: split the group (or its one block) and try again.
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

  // The layout queries ride on the first block of values: one round trip for both on any sheet
  // whose values fit one response. The row properties of sheets with hidden rows are counted
  // against that response.
  layoutUnavailable.clear();
  const caps = capabilities();
  if (!caps.merges) layoutUnavailable.add('merges');
  if (!caps.hidden) layoutUnavailable.add('hiddenRows');
  if (!caps.formulas) layoutUnavailable.add('formulas');
  if (!caps.dates) layoutUnavailable.add('dateSystem');
  const layoutBytes = estimateLayoutBytes(targets, caps);
  const blocks: Block[] = [];
  const first = planner.next(Math.max(batch.budget - layoutBytes, batch.budget / 4), density);
  blocks.push(...first);
  let layout: LayoutQueries | null = null;
  let firstRanges: Excel.Range[] | null = null;
  let refused: unknown = null;
  try {
    layout = queueLayouts(context, targets, caps, { mergesInBlocks: false, formulas: caps.formulas });
    firstRanges = queueValues(first);
    await batch.sync();
  } catch (e) {
    refused = e;
  }
  if (refused !== null) {
    // Nothing of that sync was filled: ask again for the layout alone, then the values.
    layout = await readLayoutsAlone(context, batch, targets, caps, refused);
    if (first.length > 0) await readGroup(first);
  } else if (firstRanges) first.forEach((b, i) => results.set(b, firstRanges![i]!.values as RawCell[][]));
  measure(first);

  while (!planner.done) {
    const group = planner.next(batch.budget, density);
    blocks.push(...group);
    await readGroup(group);
    measure(group);
  }
  for (const b of blocks) rows[b.target]!.push(...(results.get(b) ?? []));

  const date1904 = layout ? readDateSystem(layout) : undefined;
  return targets.map((t, ti) => {
    const grid: SheetGrid = { sheet: t.sheet.name, cells: rows[ti]! };
    if (!t.used.isNullObject) grid.origin = cellAddress(splitAddress(t.used.address).start.row, splitAddress(t.used.address).start.col);
    if (t.source !== undefined) grid.source = t.source;
    const q = layout?.sheets[ti];
    if (q) applyLayout(grid, q, t);
    if (date1904 === true) grid.date1904 = true;
    return grid;
  });
}

// ----- merged areas, hidden rows, formulas and the date system (issue 12) ------------------------
// Core applies a value merged down over rows to every row, notes hidden rows, leaves out totals
// rows made with =SUM and shifts 1904-system date serials. Office.js gives the merged areas from
// ExcelApi 1.13, row visibility from 1.9, formula cells (getSpecialCells) from 1.9, and worksheet
// functions (the date system, read as DATE(1904,1,1), which is 0 under 1904) from 1.2. Where the
// host lacks one the grid goes without, and `layoutUnavailable` says so for the pane.

/** What the last read could not learn from this Excel. Cleared by every read. */
export const layoutUnavailable: Set<'merges' | 'hiddenRows' | 'formulas' | 'dateSystem'> = new Set();

/**
 * Cells per `getMergedAreasOrNullObject` call when the whole used range cannot be asked at once.
 * Excel fails the call when a range holds more than 512 merged areas, and it finds an area by its
 * top-left cell (office-js #3611): every area has its own top-left cell, so a block of at most 512
 * cells can never pass the limit, and no area is found twice.
 */
export const MERGE_QUERY_CELLS = 512;
/** Bytes per row of `getRowProperties({ rowHidden })` in the response. */
const BYTES_PER_ROW_PROPERTIES = 24;

interface Capabilities {
  merges: boolean;
  hidden: boolean;
  formulas: boolean;
  dates: boolean;
}

interface SheetLayoutQuery {
  merged: Excel.RangeAreas[];
  /** Row-property blocks, each with its first 0-based worksheet row; null rows = all hidden. */
  rows: { row0: number; props: OfficeExtension.ClientResult<Excel.RowProperties[]> }[];
  allHidden: boolean;
  formulas: Excel.RangeAreas | null;
}

interface LayoutQueries {
  sheets: (SheetLayoutQuery | null)[];
  date: Excel.FunctionResult<number> | null;
}

function supported(version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported('ExcelApi', version);
  } catch {
    return false;
  }
}

function capabilities(): Capabilities {
  return { merges: supported('1.13'), hidden: supported('1.9'), formulas: supported('1.9'), dates: supported('1.2') };
}

/** `rowHidden` of a used range: false (none hidden), true (all) or null (some, or not loaded). */
function rowHiddenOf(used: Excel.Range): boolean | null {
  try {
    return used.rowHidden;
  } catch {
    return null;
  }
}

function estimateLayoutBytes(targets: readonly ReadTarget[], caps: Capabilities): number {
  let n = 0;
  for (const t of targets) {
    if (t.used.isNullObject) continue;
    n += 256;
    if (caps.hidden && rowHiddenOf(t.used) === null) n += t.used.rowCount * BYTES_PER_ROW_PROPERTIES;
  }
  return n;
}

/**
 * Queues the layout queries of every target (sizes already loaded). `mergesInBlocks` asks in
 * blocks of {@link MERGE_QUERY_CELLS} cells instead of the whole used range at once (for sheets
 * with more than 512 merged areas), reserving room in the batch as it goes.
 */
function queueLayouts(context: Excel.RequestContext, targets: readonly ReadTarget[], caps: Capabilities, mode: { mergesInBlocks: boolean; formulas: boolean }, batch?: Batch): LayoutQueries {
  const sheets = targets.map((t): SheetLayoutQuery | null => {
    if (t.used.isNullObject) return null;
    const q: SheetLayoutQuery = { merged: [], rows: [], allHidden: false, formulas: null };
    const { start } = splitAddress(t.used.address);
    const rowCount = t.used.rowCount;
    const cols = t.used.columnCount;
    const whole = t.sheet.getRange(blockAddress(start.row, start.col, rowCount, cols));
    if (caps.merges) {
      if (!mode.mergesInBlocks) q.merged.push(whole.getMergedAreasOrNullObject().load('address'));
      else {
        const per = Math.max(1, Math.floor(MERGE_QUERY_CELLS / Math.max(1, cols)));
        for (let r = 0; r < rowCount; r += per) {
          const areas = t.sheet.getRange(blockAddress(start.row + r, start.col, Math.min(per, rowCount - r), cols)).getMergedAreasOrNullObject();
          areas.load('address');
          q.merged.push(areas);
        }
      }
    }
    if (caps.hidden) {
      const hidden = rowHiddenOf(t.used);
      if (hidden === true) q.allHidden = true;
      else if (hidden === null)
        for (const c of rowChunks(rowCount, 1, { budgetBytes: batch?.budget ?? PAYLOAD_BUDGET, bytesPerCell: BYTES_PER_ROW_PROPERTIES, maxRows: rowCount })) {
          q.rows.push({ row0: start.row + c.start, props: t.sheet.getRange(blockAddress(start.row + c.start, start.col, c.count, 1)).getRowProperties({ rowHidden: true }) });
        }
    }
    if (mode.formulas) {
      // Only the formula cells come back (their formulas; their values come with the values).
      q.formulas = whole.getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
      q.formulas.load('address');
      q.formulas.areas.load('items/address,items/formulas');
    }
    return q;
  });
  let date: Excel.FunctionResult<number> | null = null;
  if (caps.dates && targets.some((t) => !t.used.isNullObject)) {
    date = context.workbook.functions.date(1904, 1, 1);
    date.load('value,error');
  }
  return { sheets, date };
}

/**
 * The layout queries in syncs of their own, after a sync carrying them with values was refused:
 * the same queries again when the size was the reason, then merged areas in blocks (a range with
 * more than 512 merged areas fails the whole-range query) without formulas. What still fails is
 * left out and noted.
 */
async function readLayoutsAlone(context: Excel.RequestContext, batch: Batch, targets: readonly ReadTarget[], caps: Capabilities, refused: unknown): Promise<LayoutQueries | null> {
  const modes: { mergesInBlocks: boolean; formulas: boolean }[] = [];
  if (isPayloadLimitError(refused)) modes.push({ mergesInBlocks: false, formulas: caps.formulas });
  modes.push({ mergesInBlocks: true, formulas: caps.formulas }, { mergesInBlocks: true, formulas: false });
  for (const mode of modes) {
    try {
      const q = queueLayouts(context, targets, caps, mode, batch);
      await batch.sync();
      if (caps.formulas && !mode.formulas) layoutUnavailable.add('formulas');
      return q;
    } catch {
      // Next, simpler mode.
    }
  }
  // Excel would not say (a refused size, a failing query): read the values anyway and say in the
  // pane what was not taken into account.
  for (const k of ['merges', 'hiddenRows', 'formulas', 'dateSystem'] as const) layoutUnavailable.add(k);
  return null;
}

function readDateSystem(layout: LayoutQueries): boolean | undefined {
  if (!layout.date) return undefined;
  if (layout.date.error || typeof layout.date.value !== 'number') {
    layoutUnavailable.add('dateSystem');
    return undefined;
  }
  return layout.date.value === 0;
}

/** The areas of a RangeAreas address: "Sheet1!A2:A4,'報告 1'!C2" → ['A2:A4', 'C2']. */
export function areasOf(address: string): string[] {
  // Each area follows a "!"; a sheet name may itself hold "!" or ",", but never right before an
  // area that ends at a comma or the end.
  const out: string[] = [];
  for (const m of address.matchAll(/!(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?=\s*,|\s*$)/g)) out.push(m[1]!.replace(/\$/g, '').toUpperCase());
  return out;
}

/** The merged areas of a RangeAreas address (each has two cells or more). */
export function mergedAreasOf(address: string): string[] {
  return areasOf(address).filter((a) => a.includes(':'));
}

function applyLayout(grid: SheetGrid, q: SheetLayoutQuery, t: ReadTarget): void {
  const merges = new Set<string>();
  for (const m of q.merged) if (!m.isNullObject) for (const a of mergedAreasOf(m.address)) merges.add(a);
  if (merges.size > 0) grid.merges = [...merges];
  const hidden: number[] = [];
  if (q.allHidden) {
    const { start } = splitAddress(t.used.address);
    for (let r = 0; r < t.used.rowCount; r++) hidden.push(start.row + r + 1);
  }
  for (const chunk of q.rows) chunk.props.value.forEach((r, i) => r.rowHidden === true && hidden.push(chunk.row0 + i + 1));
  if (hidden.length > 0) grid.hiddenRows = hidden;
  if (q.formulas && !q.formulas.isNullObject) {
    // As the CLI passes them: A1 address → formula without its "=".
    const formulas: Record<string, string> = {};
    for (const area of q.formulas.areas.items) {
      const { start } = splitAddress(area.address);
      (area.formulas as unknown[][]).forEach((row, i) =>
        row.forEach((f, j) => {
          if (typeof f === 'string' && f.startsWith('=')) formulas[cellAddress(start.row + i, start.col + j)] = f.slice(1);
        }),
      );
    }
    if (Object.keys(formulas).length > 0) grid.formulas = formulas;
  }
}
// ----- end of the layout ---------------------------------------------------------------------------

export { PAYLOAD_BUDGET };
