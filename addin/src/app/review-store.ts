/**
 * The review state 審査記録 lives IN THE WORKBOOK, as the plan does: core's review state (JSON) in
 * a custom XML part of namespace {@link REVIEW_NAMESPACE}, so it travels with the .xlsx and
 * survives closing and reopening, whatever computer opens it. A part that cannot be read is
 * reported and never overwritten.
 */
import { emptyReview, parseReviewState, type LocalizedText, type Plan, type ReviewState } from '@sasaeai/core';
import { escapeXml, unescapeXml } from '../excel/plan-store.js';

export const REVIEW_NAMESPACE = 'urn:sasaeai:review:1';

/**
 * The XML of the part holding a review state.
 *
 * @example
 * ```ts
 * reviewToXml(emptyReview(plan)); // <review xmlns="urn:sasaeai:review:1" plan="chiba-sasaeai"><json>…</json></review>
 * ```
 */
export function reviewToXml(state: ReviewState): string {
  return `<review xmlns="${REVIEW_NAMESPACE}" plan="${escapeXml(state.planId)}"><json>${escapeXml(JSON.stringify(state))}</json></review>`;
}

/** The review state a part holds, or why it cannot be read (ja/en). */
export function reviewFromXml(xml: string): { ok: true; state: ReviewState } | { ok: false; reason: LocalizedText } {
  const m = /<json(?:\s[^>]*)?>([\s\S]*?)<\/json>/.exec(xml);
  if (!m) return { ok: false, reason: { ja: '審査記録の部品に JSON がありません。', en: 'The review part holds no JSON.' } };
  let json: unknown;
  try {
    json = JSON.parse(unescapeXml(m[1]!));
  } catch (e) {
    return { ok: false, reason: { ja: `審査記録を JSON として読めません（${String(e)}）。`, en: `The review state is not readable JSON (${String(e)}).` } };
  }
  return parseReviewState(json);
}

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
