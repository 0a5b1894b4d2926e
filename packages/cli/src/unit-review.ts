/**
 * The review state 審査記録 a unit's workbook carries: the add-in keeps core's review state as a
 * custom XML part (namespace `urn:sasaeai:review:1`, the JSON as the text of `<json>`). The CLI
 * only finds and unpacks it; its shape is checked by core's parseReviewState.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { parseReviewState, type LocalizedText, type ReviewState } from '@sasaeai/core';

export const REVIEW_NAMESPACE = 'urn:sasaeai:review:1';

function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#(\d+)|#x([0-9a-fA-F]+));/g, (_m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'] ?? '';
  });
}

/**
 * The review state stored in a workbook file: none (null), the state, or why it cannot be read.
 *
 * @example
 * ```ts
 * const r = await readUnitReview('中央区.xlsx');
 * if (r && r.ok) r.state.confirmations;
 * ```
 */
export async function readUnitReview(file: string): Promise<{ ok: true; state: ReviewState } | { ok: false; reason: LocalizedText } | null> {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(new Uint8Array(await readFile(file)), { filter: (f) => /^customXml\/item\d+\.xml$/.test(f.name) });
  } catch {
    return null;
  }
  for (const bytes of Object.values(parts)) {
    const xml = strFromU8(bytes);
    if (!xml.includes(`xmlns="${REVIEW_NAMESPACE}"`)) continue;
    const m = /<json(?:\s[^>]*)?>([\s\S]*?)<\/json>/.exec(xml);
    if (!m) return { ok: false, reason: { ja: '審査記録の部品に JSON がありません。', en: 'The review part holds no JSON.' } };
    try {
      return parseReviewState(JSON.parse(unescapeXml(m[1]!)));
    } catch (e) {
      return { ok: false, reason: { ja: `審査記録を JSON として読めません（${String(e)}）。`, en: `The review state is not readable JSON (${String(e)}).` } };
    }
  }
  return null;
}
