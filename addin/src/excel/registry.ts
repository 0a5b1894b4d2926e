/**
 * Which worksheets Sasaeai wrote, kept in the workbook's add-in settings by worksheet id, so that
 * running a roll-up again replaces exactly those sheets — never a sheet the user made or renamed
 * into the same name.
 */

export const REGISTRY_KEY = 'sasaeai.sheets';

/** One worksheet written by the add-in. */
export interface RegistryEntry {
  /** Sheet model id, e.g. `ward-progress/summary`. */
  model: string;
  /** What run wrote it: `ward-progress:12101:2026`, `issues:<sheet id>`… Re-running replaces a group. */
  group: string;
  /** Metadata of the model (plan id, template…). */
  metadata?: Record<string, string>;
}

export type Registry = Record<string, RegistryEntry>;

/** Parses the stored registry; anything unreadable counts as empty (never throws on old data). */
export function parseRegistry(value: unknown): Registry {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out: Registry = {};
  for (const [id, e] of Object.entries(raw as Record<string, unknown>)) {
    const entry = e as Partial<RegistryEntry> | null;
    if (entry && typeof entry.model === 'string' && typeof entry.group === 'string') {
      out[id] = { model: entry.model, group: entry.group, ...(entry.metadata ? { metadata: entry.metadata } : {}) };
    }
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

/**
 * Queues a load of the registry setting; read `.value` after the sync with {@link parseRegistry}.
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

/** The registry read after a sync. */
export function readRegistry(setting: Excel.Setting): Registry {
  return setting.isNullObject ? {} : parseRegistry(setting.value);
}

/** Queues a save of the registry. */
export function saveRegistry(context: Excel.RequestContext, registry: Registry): void {
  context.workbook.settings.add(REGISTRY_KEY, JSON.stringify(registry));
}
