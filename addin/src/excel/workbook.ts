/**
 * Workbook-level reads and writes shared by the operations: the list of sheets and tables, and
 * replacing the group of sheets a previous run wrote.
 */
import type { Lang, SheetModel } from '@sasaeai/core';
import type { Batch } from './batch.js';
import { uniqueSheetName, uniqueTableName } from './layout.js';
import { loadRegistry, readRegistry, saveRegistry, type Registry } from './registry.js';
import { queueSheet } from './write.js';

export interface WorkbookInfo {
  sheets: { id: string; name: string }[];
  tables: { name: string; sheetId: string }[];
  registry: Registry;
}

export interface WorkbookInfoLoad {
  sheets: Excel.WorksheetCollection;
  tables: Excel.TableCollection;
  registry: Excel.Setting;
}

/** Queues the loads of sheet names and ids, table names and the registry (one sync for all). */
export function queueWorkbookInfo(context: Excel.RequestContext): WorkbookInfoLoad {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  const tables = context.workbook.tables;
  tables.load('items/name,items/worksheet/id');
  return { sheets, tables, registry: loadRegistry(context) };
}

/** Reads what {@link queueWorkbookInfo} loaded. */
export function readWorkbookInfo(l: WorkbookInfoLoad): WorkbookInfo {
  return {
    sheets: l.sheets.items.map((s) => ({ id: s.id, name: s.name })),
    tables: l.tables.items.map((t) => ({ name: t.name, sheetId: t.worksheet.id })),
    registry: readRegistry(l.registry),
  };
}

/**
 * Replaces the sheets of a group (those a previous run with the same group wrote, found by
 * worksheet id in the registry) with new ones, and records the new ones. Sheets the user made
 * are never touched; a name they already use gets a suffix. Two syncs: write, then registry.
 *
 * @example
 * ```ts
 * const names = await replaceGroup(context, batch, info, workbook.sheets, 'ja', 'ward-progress:12101:2026');
 * ```
 */
export async function replaceGroup(
  context: Excel.RequestContext,
  batch: Batch,
  info: WorkbookInfo,
  models: readonly SheetModel[],
  lang: Lang,
  group: string,
): Promise<string[]> {
  const existing = new Set(info.sheets.map((s) => s.id));
  const old = Object.entries(info.registry)
    .filter(([id, e]) => e.group === group && existing.has(id))
    .map(([id]) => id);
  const oldSet = new Set(old);
  const takenSheets = info.sheets.filter((s) => !oldSet.has(s.id)).map((s) => s.name);
  const takenTables = info.tables.filter((t) => !oldSet.has(t.sheetId)).map((t) => t.name);

  context.workbook.application.suspendApiCalculationUntilNextSync();
  // Add the new sheets under temporary names, delete the old ones (a workbook must keep a
  // visible sheet at every step), then name and fill the new ones: their names and table names
  // are free by then.
  const stamp = Date.now().toString(36);
  const sheets = models.map((_, i) => context.workbook.worksheets.add(`~sasaeai-${stamp}-${i}`));
  for (const id of old) context.workbook.worksheets.getItem(id).delete();
  const names: string[] = [];
  const queued = [];
  for (const [i, model] of models.entries()) {
    const sheet = sheets[i]!;
    const name = uniqueSheetName(model.name[lang], [...takenSheets, ...names]);
    names.push(name);
    sheet.name = name;
    const opts: { tableName?: string } = {};
    if (model.tableName) {
      opts.tableName = uniqueTableName(model.tableName, takenTables);
      takenTables.push(opts.tableName);
    }
    queued.push(await queueSheet(batch, sheet, model, lang, opts));
  }
  queued[0]?.sheet.activate();
  await batch.sync();

  const registry: Registry = {};
  for (const [id, e] of Object.entries(info.registry)) if (!oldSet.has(id) && existing.has(id)) registry[id] = e;
  for (const q of queued) registry[q.sheet.id] = { model: q.model.id, group, ...(q.model.metadata ? { metadata: q.model.metadata } : {}) };
  saveRegistry(context, registry);
  await batch.sync();
  return names;
}
