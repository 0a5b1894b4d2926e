/**
 * The workbook carries its plan: a municipality's plan file is stored as a custom XML part
 * (namespace {@link PLAN_NAMESPACE}) that travels with the .xlsx, whatever add-in opens it.
 */

export const PLAN_NAMESPACE = 'urn:sasaeai:plan:1';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text as XML character data (also used by the review store). */
export function escapeXml(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped; JSON text never needs them.
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** The inverse of {@link escapeXml}, with numeric character references. */
export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'] ?? '';
  });
}

/**
 * The XML of the custom part holding a plan file.
 *
 * @example
 * ```ts
 * planToXml('{"id":"x"}', { id: 'x', version: '1' });
 * // <plan xmlns="urn:sasaeai:plan:1" id="x" version="1"><json>{&quot;id&quot;:&quot;x&quot;}</json></plan>
 * ```
 */
export function planToXml(json: string, meta: { id: string; version: string }): string {
  return `<plan xmlns="${PLAN_NAMESPACE}" id="${escapeXml(meta.id)}" version="${escapeXml(meta.version)}"><json>${escapeXml(json)}</json></plan>`;
}

/** The plan JSON text inside the part's XML, or null when the part does not hold one. */
export function planJsonFromXml(xml: string): string | null {
  const m = /<json(?:\s[^>]*)?>([\s\S]*?)<\/json>/.exec(xml);
  if (m) return unescapeXml(m[1]!);
  const cdata = /<json(?:\s[^>]*)?><!\[CDATA\[([\s\S]*?)\]\]><\/json>/.exec(xml);
  return cdata ? cdata[1]! : null;
}

/**
 * Reads the stored plan JSON: two round trips (the parts of our namespace, then the XML).
 *
 * @example
 * ```ts
 * const json = await readStoredPlan(context); // null when the workbook carries no plan
 * ```
 */
export async function readStoredPlan(context: Excel.RequestContext): Promise<string | null> {
  const parts = context.workbook.customXmlParts.getByNamespace(PLAN_NAMESPACE);
  parts.load('items/id');
  await context.sync();
  const part = parts.items[0];
  if (!part) return null;
  const xml = part.getXml();
  await context.sync();
  return planJsonFromXml(xml.value);
}

/**
 * Replaces the stored plan (or removes it when `json` is null): two round trips.
 *
 * @example
 * ```ts
 * await storePlan(context, JSON.stringify(planFile), { id: plan.id, version: plan.version });
 * ```
 */
export async function storePlan(context: Excel.RequestContext, json: string | null, meta?: { id: string; version: string }): Promise<void> {
  const parts = context.workbook.customXmlParts.getByNamespace(PLAN_NAMESPACE);
  parts.load('items/id');
  await context.sync();
  for (const p of parts.items) p.delete();
  if (json !== null) context.workbook.customXmlParts.add(planToXml(json, meta ?? { id: 'plan', version: '0' }));
  await context.sync();
}
