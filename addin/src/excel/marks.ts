/**
 * Marks on invalid cells: conditional formats scoped to exactly the flagged cells, each carrying
 * a marker in its formula. They change no value and no cell format, so removing them — and only
 * them — leaves the sheet exactly as it was, including the user's own conditional formats.
 */
import type { Issue, Severity } from '@sasaeai/core';
import { packAddresses } from './address.js';

/** Marker inside the formula of every conditional format the add-in adds. */
export const MARK_TAG = 'sasaeai-mark';

/** Fill and font of a mark: contrast ≥ 4.5:1; the task pane lists every issue as text too. */
export const MARK_STYLE: Record<'error' | 'warning', { fill: string; font: string }> = {
  error: { fill: '#FDE7E9', font: '#A4262C' },
  warning: { fill: '#FFF4CE', font: '#5C4500' },
};

/** The always-true formula of a mark; the string literal is the marker. */
export function markFormula(severity: 'error' | 'warning'): string {
  return `=ISTEXT("${MARK_TAG}:${severity}")`;
}

/** Whether a conditional-format formula is one of ours. */
export function isMarkFormula(formula: unknown): boolean {
  return typeof formula === 'string' && formula.includes(`"${MARK_TAG}:`);
}

/**
 * Cells to mark per severity: errors win over warnings on the same cell; issues without a cell
 * (table-level) and infos get no mark.
 *
 * @example
 * ```ts
 * cellsToMark(issues); // { error: ['F12'], warning: ['K3'] }
 * ```
 */
export function cellsToMark(issues: readonly Issue[]): { error: string[]; warning: string[] } {
  const sev = new Map<string, Severity>();
  for (const i of issues) {
    if (!i.cell || i.severity === 'info') continue;
    const prev = sev.get(i.cell);
    if (prev !== 'error') sev.set(i.cell, i.severity);
  }
  const out = { error: [] as string[], warning: [] as string[] };
  for (const [cell, s] of sev) if (s === 'error' || s === 'warning') out[s].push(cell);
  return out;
}

/**
 * Queues the marks for a sheet: one conditional format per packed address string (≤ 8,192
 * characters each), so thousands of bad cells cost a handful of operations, in one sync. Returns
 * how many conditional formats and how many cells.
 *
 * @example
 * ```ts
 * queueMarks(sheet, result.issues);
 * await context.sync();
 * ```
 */
export function queueMarks(sheet: Excel.Worksheet, issues: readonly Issue[]): { formats: number; cells: number } {
  const cells = cellsToMark(issues);
  let count = 0;
  for (const severity of ['error', 'warning'] as const) {
    for (const address of packAddresses(cells[severity])) {
      const cf = sheet.getRanges(address).conditionalFormats.add('Custom');
      cf.custom.rule.formula = markFormula(severity);
      cf.custom.format.fill.color = MARK_STYLE[severity].fill;
      cf.custom.format.font.color = MARK_STYLE[severity].font;
      count++;
    }
  }
  return { formats: count, cells: cells.error.length + cells.warning.length };
}

/**
 * Finding our marks takes two steps (types, then the formulas of the custom ones) because a
 * custom format's rule cannot be loaded on formats of other types. Each step is its own sync,
 * never riding on a values read: when Excel refuses a read for size it fills none of that
 * request's loads, and a retry reloads only the values.
 */
export function loadFormatTypes(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const cfs = sheet.getRange().conditionalFormats;
  cfs.load('items/type');
  return cfs;
}

/** The add-in's marks among a sheet's conditional formats, and how many rules could not be read. */
export interface FoundMarks {
  marks: Excel.ConditionalFormat[];
  /** Custom rules Excel failed to read (made in Excel's UI, office-js #6827, #6835): left alone. */
  unreadable: number;
}

/**
 * After the types are loaded: loads the formulas of the custom formats in a sync of their own and
 * returns ours. A user's rule that Excel cannot read fails the whole load, so a failed load is
 * halved until the unreadable rules are isolated and skipped: one sync when every rule reads,
 * about 2·log2(n) more per unreadable one. Our own marks are plain formulas that always read.
 *
 * @example
 * ```ts
 * const cfs = loadFormatTypes(sheet);
 * await context.sync();
 * const { marks } = await findMarks(context, cfs);
 * deleteMarks(marks);
 * ```
 */
export async function findMarks(context: { sync(): Promise<unknown> }, cfs: Excel.ConditionalFormatCollection): Promise<FoundMarks> {
  const found: FoundMarks = { marks: [], unreadable: 0 };
  const load = async (group: Excel.ConditionalFormat[]): Promise<void> => {
    if (group.length === 0) return;
    for (const cf of group) cf.custom.rule.load('formula');
    try {
      await context.sync();
    } catch {
      if (group.length === 1) {
        found.unreadable++;
        return;
      }
      const mid = Math.ceil(group.length / 2);
      await load(group.slice(0, mid));
      await load(group.slice(mid));
      return;
    }
    for (const cf of group) if (isMarkFormula(cf.custom.rule.formula)) found.marks.push(cf);
  };
  await load(cfs.items.filter((cf) => cf.type === 'Custom'));
  return found;
}

/** Queues the deletion of marks found by {@link findMarks}; returns how many. */
export function deleteMarks(marks: readonly Excel.ConditionalFormat[]): number {
  for (const cf of marks) cf.delete();
  return marks.length;
}
