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
  const parts = context.workbook.customXmlParts.getByNamespace(REVIEW_NAMESPACE);
  parts.load('items/id');
  await context.sync();
  const part = parts.items[0];
  if (!part) return { ok: true, state: emptyReview(plan), stored: false };
  const xml = part.getXml();
  await context.sync();
  const r = reviewFromXml(xml.value);
  return r.ok ? { ok: true, state: r.state, stored: true } : r;
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
