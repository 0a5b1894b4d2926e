/**
 * Workbook-level reads and writes shared by the operations: the list of sheets and tables with
 * the tags of the sheets the add-in wrote, and replacing the group of sheets a previous run wrote
 * — transactionally: new sheets are written first, then the group switches to them, then the old
 * ones go; a failure while writing removes what was written and leaves the old sheets as they were.
 */
import { uniqueSheetName, uniqueTableName, type Lang, type SheetModel } from '@sasaeai/core';
import type { Batch } from './batch.js';
import { loadRegistry, loadTag, readRegistry, readTag, writeTag, type Registry, type RegistryEntry } from './registry.js';
import { queueSheet, type QueuedSheet } from './write.js';

export interface WorkbookInfo {
  sheets: { id: string; name: string }[];
  tables: { name: string; sheetId: string }[];
  /** The sheets the add-in wrote, by worksheet id (valid in this session only), from their tags. */
  registry: Registry;
  /** Ids of the sheets whose entry comes from a tag in the sheet (not from an earlier version's settings). */
  tagged: Set<string>;
}

/**
 * Loads sheet names and ids, table names and each sheet's tag: two syncs, since the tags are read
 * per sheet once the sheets are known. Loads the caller queued before ride along the first;
 * what `afterFirst` queues (with the first answer in hand) rides along the second.
 *
 * @example
 * ```ts
 * const info = await loadWorkbookInfo(context, batch);
 * const ours = info.sheets.filter((s) => s.id in info.registry);
 * ```
 */
export async function loadWorkbookInfo(context: Excel.RequestContext, batch: Batch, afterFirst: () => void = () => {}): Promise<WorkbookInfo> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  const tables = context.workbook.tables;
  tables.load('items/name,items/worksheet/id');
  const legacy = loadRegistry(context);
  await batch.sync();
  const tags = sheets.items.map((s) => loadTag(s));
  afterFirst();
  await batch.sync();
  // An earlier version kept the registry in settings by worksheet id: still honoured for sheets
  // that carry no tag, until a run of their group replaces them with tagged ones.
  const old = readRegistry(legacy);
  const registry: Registry = {};
  const tagged = new Set<string>();
  sheets.items.forEach((s, i) => {
    const tag = readTag(tags[i]!);
    if (tag) {
      registry[s.id] = tag;
      tagged.add(s.id);
    } else if (old[s.id]) registry[s.id] = old[s.id]!;
  });
  return {
    sheets: sheets.items.map((s) => ({ id: s.id, name: s.name })),
    tables: tables.items.map((t) => ({ name: t.name, sheetId: t.worksheet.id })),
    registry,
    tagged,
  };
}

/** Deletes the sheets of a failed write, by their temporary names. */
async function removeWritten(context: Excel.RequestContext, names: readonly string[]): Promise<void> {
  try {
    const found = names.map((n) => {
      const s = context.workbook.worksheets.getItemOrNullObject(n);
      s.load('id');
      return s;
    });
    await context.sync();
    for (const s of found) if (!s.isNullObject) s.delete();
    await context.sync();
  } catch {
    // The caller rethrows the write's own error. Sheets left here are tagged `pending`, and the
    // next run of the group removes them.
  }
}

/**
 * Replaces the sheets of a group (those tagged with the group) with new ones. Sheets the user made
 * are never touched; a name they already use gets a suffix. Two syncs when all goes well:
 *
 * 1. write the new sheets under temporary names, tagged `pending` (a failure here removes them
 *    and leaves the old sheets as they were);
 * 2. one batch that switches the group (new sheets `live`, old ones `retired`), then deletes the
 *    old sheets and gives the new ones their names. Excel applies a batch's actions in order, so a
 *    failure after the switch leaves only retired sheets, which the next run of the group removes.
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
  // Every sheet of the group goes: the live ones, and pending or retired ones a failed run left.
  const replaced = Object.entries(info.registry)
    .filter(([, e]) => e.group === group)
    .map(([id]) => id);
  const gone = new Set(replaced);
  const sheetsAfter = info.sheets.filter((s) => !gone.has(s.id)).map((s) => s.name);
  const tablesAfter = info.tables.filter((t) => !gone.has(t.sheetId)).map((t) => t.name);
  const tablesNow = info.tables.map((t) => t.name);

  context.workbook.application.suspendApiCalculationUntilNextSync();
  const stamp = Date.now().toString(36);
  const temp = models.map((_, i) => `~sasaeai-${stamp}-${i}`);
  const names: string[] = [];
  const queued: { q: QueuedSheet; entry: RegistryEntry; table?: { written: string; final: string } }[] = [];
  try {
    for (const [i, model] of models.entries()) {
      names.push(uniqueSheetName(model.name[lang], [...sheetsAfter, ...names]));
      const sheet = context.workbook.worksheets.add(temp[i]);
      const entry: RegistryEntry = { model: model.id, group, ...(model.metadata ? { metadata: model.metadata } : {}) };
      writeTag(sheet, { ...entry, state: 'pending' });
      let table: { written: string; final: string } | undefined;
      if (model.tableName) {
        // The final name is free once the old sheets are gone; until then the table needs one
        // that no table in the workbook has.
        const final = uniqueTableName(model.tableName, [...tablesAfter, ...queued.flatMap((x) => (x.table ? [x.table.final] : []))]);
        const written = uniqueTableName(final, [...tablesNow, ...queued.flatMap((x) => (x.table ? [x.table.written] : []))]);
        table = { written, final };
      }
      const q = await queueSheet(batch, sheet, model, lang, table ? { tableName: table.written } : {});
      queued.push(table ? { q, entry, table } : { q, entry });
    }
    await batch.sync();
  } catch (e) {
    await removeWritten(context, temp);
    throw e;
  }

  for (const { q, entry } of queued) writeTag(q.sheet, { ...entry, state: 'live' }, true);
  for (const id of replaced) writeTag(context.workbook.worksheets.getItem(id), { ...info.registry[id]!, state: 'retired' }, info.tagged.has(id));
  for (const id of replaced) context.workbook.worksheets.getItem(id).delete();
  queued.forEach(({ q, table }, i) => {
    q.sheet.name = names[i]!;
    if (table && table.written !== table.final) q.sheet.tables.getItem(table.written).name = table.final;
  });
  queued[0]?.q.sheet.activate();
  await batch.sync();
  return names;
}
