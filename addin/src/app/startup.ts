/**
 * What the task pane reads from the workbook when it opens, in one `Excel.run` of two round trips
 * (three when the workbook carries its own plan): the sheets and tables for the pickers, the tags
 * of the sheets the add-in wrote, and the stored plan's JSON. Nothing here validates or rolls up,
 * so the pane can show itself without loading that code (see lazy-operations.ts).
 */
import { Batch } from '../excel/batch.js';
import { PLAN_NAMESPACE, planJsonFromXml } from '../excel/plan-store.js';
import { run } from '../excel/run.js';
import { loadWorkbookInfo, type WorkbookInfo } from '../excel/workbook.js';

/** Sheets and tables of the workbook, for the pane's pickers. */
export interface WorkbookListing {
  active: string;
  sheets: { id: string; name: string; ours: boolean }[];
  tables: { name: string; sheetId: string }[];
}

/** The pickers' view of the workbook: sheets the add-in wrote are marked `ours`. */
export function listingOf(active: string, wb: WorkbookInfo): WorkbookListing {
  return {
    active,
    sheets: wb.sheets.map((s) => ({ ...s, ours: s.id in wb.registry })),
    tables: wb.tables,
  };
}

/**
 * Lists sheets (marking those the add-in wrote) and tables: two syncs.
 *
 * @example
 * ```ts
 * const { sheets } = await listWorkbook();
 * ```
 */
export async function listWorkbook(): Promise<WorkbookListing> {
  return run(async (context) => {
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load('name');
    const wb = await loadWorkbookInfo(context, new Batch(context));
    return listingOf(active.name, wb);
  });
}

/**
 * Reads the listing and the stored plan's JSON (null when the workbook carries none): the parts
 * of the plan's namespace ride along the listing's first sync, their XML is asked for only when
 * there is one.
 *
 * @example
 * ```ts
 * const { listing, planJson } = await readWorkbookAtStart();
 * ```
 */
export async function readWorkbookAtStart(): Promise<{ listing: WorkbookListing; planJson: string | null }> {
  return run(async (context) => {
    const active = context.workbook.worksheets.getActiveWorksheet();
    active.load('name');
    const parts = context.workbook.customXmlParts.getByNamespace(PLAN_NAMESPACE);
    parts.load('items/id');
    const wb = await loadWorkbookInfo(context, new Batch(context));
    const part = parts.items[0];
    let planJson: string | null = null;
    if (part) {
      const xml = part.getXml();
      await context.sync();
      planJson = planJsonFromXml(xml.value);
    }
    return { listing: listingOf(active.name, wb), planJson };
  });
}
