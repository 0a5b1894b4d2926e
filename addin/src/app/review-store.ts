/**
 * The review state 審査記録 lives IN THE WORKBOOK, as the plan does: core's review state (JSON) in
 * a custom XML part of namespace {@link REVIEW_NAMESPACE}, so it travels with the .xlsx and
 * survives closing and reopening, whatever computer opens it. A part that cannot be read is
 * reported and never overwritten.
 */
import { emptyReview, REVIEW_NAMESPACE, reviewFromXml, reviewToXml, type LocalizedText, type Plan, type ReviewState } from '@sasaeai/core';

// The part's format (namespace, XML, JSON inside) is core's, shared with the CLI.
export { REVIEW_NAMESPACE, reviewFromXml, reviewToXml };

/** A stored review: the state (empty when the workbook has none yet), or why it cannot be read. */
export type StoredReview = { ok: true; state: ReviewState; stored: boolean } | { ok: false; reason: LocalizedText };

/**
 * Reads the review state stored in the workbook: two round trips.
 *
 * @example
 * ```ts
 * const r = await readReview(context, plan);
 * ```
 */
export async function readReview(context: Excel.RequestContext, plan: Plan): Promise<StoredReview> {
  const parts = queueReviewParts(context);
  await context.sync();
  const xml = queueReviewXml(parts);
  await context.sync();
  return reviewOf(plan, xml);
}

/**
 * Reading the review inside a caller's own syncs, step 1: queues the load of the review parts.
 *
 * @example
 * ```ts
 * const parts = queueReviewParts(context);
 * await context.sync();
 * const xml = queueReviewXml(parts);
 * await context.sync();
 * const stored = reviewOf(plan, xml);
 * ```
 */
export function queueReviewParts(context: Excel.RequestContext): Excel.CustomXmlPartScopedCollection {
  const parts = context.workbook.customXmlParts.getByNamespace(REVIEW_NAMESPACE);
  parts.load('items/id');
  return parts;
}

/** Step 2, after a sync: queues the XML of the stored part (null when the workbook has none). */
export function queueReviewXml(parts: Excel.CustomXmlPartScopedCollection): OfficeExtension.ClientResult<string> | null {
  return parts.items[0]?.getXml() ?? null;
}

/** Step 3, after a sync: the stored state, the empty state when there is none, or why it cannot be read. */
export function reviewOf(plan: Plan, xml: OfficeExtension.ClientResult<string> | null): StoredReview {
  if (!xml) return { ok: true, state: emptyReview(plan), stored: false };
  const r = reviewFromXml(xml.value);
  // Core refuses with one issue; the pane shows its reason.
  return r.ok ? { ok: true, state: r.value, stored: true } : { ok: false, reason: r.issues[0]!.reason };
}

/**
 * Replaces the stored review state: two round trips. Callers write only a state core returned.
 *
 * @example
 * ```ts
 * await writeReview(context, next);
 * ```
 */
export async function writeReview(context: Excel.RequestContext, state: ReviewState): Promise<void> {
  const parts = context.workbook.customXmlParts.getByNamespace(REVIEW_NAMESPACE);
  parts.load('items/id');
  await context.sync();
  for (const p of parts.items) p.delete();
  context.workbook.customXmlParts.add(reviewToXml(state));
  await context.sync();
}
