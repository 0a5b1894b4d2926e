/**
 * One `Excel.run` per user action, queued while the user is editing a cell instead of failing.
 */

/**
 * Runs a batch against the workbook.
 *
 * @example
 * ```ts
 * const name = await run(async (context) => { const s = context.workbook.worksheets.getActiveWorksheet(); s.load('name'); await context.sync(); return s.name; });
 * ```
 */
export function run<T>(fn: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run({ delayForCellEdit: true }, fn);
}

/** Lets the pane repaint (progress) and Excel breathe between the phases of a long operation. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
