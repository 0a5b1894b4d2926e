/**
 * Which worksheets Sasaeai wrote. Each is tagged IN THE SHEET — a worksheet custom property
 * (ExcelApi 1.12), or a worksheet-scoped name where that API set is missing — so the tag travels
 * with the sheet: worksheet ids are not promised stable across sessions and platforms, and add-in
 * settings can be lost, so neither can say which sheets are ours. Re-running a roll-up replaces
 * exactly the sheets tagged with its group — never a sheet the user made or renamed into the same
 * name.
 */

/** Key of the custom property (and name of the sheet-scoped name) holding a sheet's tag. */
export const TAG_KEY = 'SasaeaiSheet';
/** The add-in setting where an earlier version kept the registry by worksheet id (read to migrate). */
export const REGISTRY_KEY = 'sasaeai.sheets';

/**
 * A sheet's life while a group is replaced: `pending` while it is being written, `live` once
 * the group switched to it, `retired` from the switch until it is deleted. A run that failed
 * half-way leaves pending or retired sheets, which the next run of the group removes.
 */
export type TagState = 'pending' | 'live' | 'retired';

/** One worksheet written by the add-in. */
export interface RegistryEntry {
  /** Sheet model id, e.g. `ward-progress/summary`. */
  model: string;
  /** What run wrote it: `ward-progress:12101:2026`, `issues:<sheet name>`… Re-running replaces a group. */
  group: string;
  /** Metadata of the model (plan id, template…). */
  metadata?: Record<string, string>;
  state?: TagState;
}

/** The tagged sheets of a workbook in this session, by worksheet id. */
export type Registry = Record<string, RegistryEntry>;

function entryOf(e: unknown): RegistryEntry | null {
  const entry = e as Partial<RegistryEntry> | null;
  if (!entry || typeof entry !== 'object' || typeof entry.model !== 'string' || typeof entry.group !== 'string') return null;
  const out: RegistryEntry = { model: entry.model, group: entry.group };
  if (entry.metadata && typeof entry.metadata === 'object') out.metadata = entry.metadata;
  if (entry.state === 'pending' || entry.state === 'retired' || entry.state === 'live') out.state = entry.state;
  return out;
}

/**
 * Parses a sheet's tag; anything unreadable is no tag (never throws on old or foreign data).
 *
 * @example
 * ```ts
 * parseTag('{"model":"ward-progress/summary","group":"ward-progress:12101:2026","state":"live"}');
 * ```
 */
export function parseTag(value: unknown): RegistryEntry | null {
  if (typeof value !== 'string') return null;
  // A name's formula holds the tag as a string literal: ="{""model"":…}".
  const text = value.startsWith('="') && value.endsWith('"') ? value.slice(2, -1).replace(/""/g, '"') : value;
  return entryOf(safeJson(text));
}

/** Parses the settings registry an earlier version stored (id → entry); malformed parts are skipped. */
export function parseRegistry(value: unknown): Registry {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Registry = {};
  for (const [id, e] of Object.entries(raw as Record<string, unknown>)) {
    const entry = entryOf(e);
    if (entry) out[id] = entry;
  }
  return out;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}

/** Whether this Excel has worksheet custom properties (else tags are sheet-scoped names). */
export function hasCustomProperties(): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported(name: string, version: string): boolean } } } }).Office;
  return office?.context?.requirements?.isSetSupported('ExcelApi', '1.12') ?? false;
}

/** A queued read of one sheet's tag; read it after the sync with {@link readTag}. */
export type TagLoad = { kind: 'property'; item: Excel.WorksheetCustomProperty } | { kind: 'name'; item: Excel.NamedItem };

/**
 * Queues the read of a sheet's tag (one operation per sheet; all sheets ride on one sync).
 *
 * @example
 * ```ts
 * const loads = sheets.items.map((s) => loadTag(s));
 * await context.sync();
 * const tags = loads.map(readTag);
 * ```
 */
export function loadTag(sheet: Excel.Worksheet): TagLoad {
  if (hasCustomProperties()) {
    const item = sheet.customProperties.getItemOrNullObject(TAG_KEY);
    item.load('value');
    return { kind: 'property', item };
  }
  const item = sheet.names.getItemOrNullObject(TAG_KEY);
  item.load('formula');
  return { kind: 'name', item };
}

/** The tag read after the sync, or null when the sheet has none. */
export function readTag(l: TagLoad): RegistryEntry | null {
  if (l.item.isNullObject) return null;
  return parseTag(l.kind === 'property' ? l.item.value : l.item.formula);
}

/** Queues writing a sheet's tag; `replace` when the sheet already has one. */
export function writeTag(sheet: Excel.Worksheet, entry: RegistryEntry, replace = false): void {
  const json = JSON.stringify(entry);
  if (hasCustomProperties()) {
    sheet.customProperties.add(TAG_KEY, json);
    return;
  }
  // A string in a formula holds at most 255 characters: keep what finds the sheet (model, group,
  // state), drop the metadata when it would not fit.
  const compact = json.length <= 255 ? json : JSON.stringify({ ...entry, metadata: undefined });
  if (replace) sheet.names.getItem(TAG_KEY).delete();
  sheet.names.add(TAG_KEY, `="${compact.replace(/"/g, '""')}"`);
}

/**
 * Queues the load of the settings registry of an earlier version; read `.value` after the sync.
 *
 * @example
 * ```ts
 * const setting = loadRegistry(context);
 * await context.sync();
 * const registry = parseRegistry(setting.isNullObject ? null : setting.value);
 * ```
 */
export function loadRegistry(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(REGISTRY_KEY);
  setting.load('value');
  return setting;
}

/** The settings registry read after a sync. */
export function readRegistry(setting: Excel.Setting): Registry {
  return setting.isNullObject ? {} : parseRegistry(setting.value);
}
