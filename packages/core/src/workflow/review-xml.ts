/**
 * The review state as a workbook carries it: core's review state (JSON) as the text of `<json>` in
 * a custom XML part of namespace {@link REVIEW_NAMESPACE}. The add-in writes and reads the part
 * through Office.js; the CLI finds it in the .xlsx package. Both go through these two functions,
 * so there is one format.
 */
import type { Result } from '../result.js';
import type { Refusal, ReviewState } from '../review-state/types.js';
import { parseReviewState } from './review.js';

/** Namespace of the custom XML part holding a workbook's review state. */
export const REVIEW_NAMESPACE = 'urn:sasaeai:review:1';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return NAMED[name] ?? '';
  });
}

function unreadable(reason: Refusal['reason']): Result<ReviewState, never, Refusal> {
  return { ok: false, issues: [{ code: 'bad_input', reason }] };
}

/**
 * The XML of the custom part holding a review state.
 *
 * @example
 * ```ts
 * reviewToXml(emptyReview(plan)); // '<review xmlns="urn:sasaeai:review:1" plan="chiba-sasaeai"><json>…</json></review>'
 * ```
 */
export function reviewToXml(state: ReviewState): string {
  return `<review xmlns="${REVIEW_NAMESPACE}" plan="${escapeXml(state.planId)}"><json>${escapeXml(JSON.stringify(state))}</json></review>`;
}

/**
 * The review state a custom XML part holds (`value`), or why it cannot be read (`issues[0]`, code
 * `bad_input`, ja/en), in the same {@link Result} shape as {@link parseReviewState}. Does not throw.
 *
 * @example
 * ```ts
 * const r = reviewFromXml(xml);
 * if (r.ok) r.value.confirmations;
 * ```
 */
export function reviewFromXml(xml: string): Result<ReviewState, never, Refusal> {
  const m = /<json(?:\s[^>]*)?>([\s\S]*?)<\/json>/.exec(xml);
  if (!m) return unreadable({ ja: '審査記録の部品に JSON がありません。', en: 'The review part holds no JSON.' });
  let json: unknown;
  try {
    json = JSON.parse(unescapeXml(m[1]!));
  } catch (e) {
    return unreadable({ ja: `審査記録を JSON として読めません（${String(e)}）。`, en: `The review state is not readable JSON (${String(e)}).` });
  }
  return parseReviewState(json);
}
