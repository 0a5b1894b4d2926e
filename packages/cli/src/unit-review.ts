/**
 * The review state 審査記録 a unit's workbook carries: the add-in keeps core's review state as a
 * custom XML part (namespace `urn:sasaeai:review:1`, the JSON as the text of `<json>`). The CLI
 * only finds the part in the package; core's reviewFromXml reads it, as the add-in does.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { REVIEW_NAMESPACE, reviewFromXml, type Refusal, type Result, type ReviewState } from '@sasaeai/core';

/**
 * The review state stored in a workbook file: none (null), or core's result of reading it — the
 * state as `value`, or why it cannot be read as `issues`.
 *
 * @example
 * ```ts
 * const r = await readUnitReview('中央区.xlsx');
 * if (r && r.ok) r.value.confirmations;
 * ```
 */
export async function readUnitReview(file: string): Promise<Result<ReviewState, never, Refusal> | null> {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(new Uint8Array(await readFile(file)), { filter: (f) => /^customXml\/item\d+\.xml$/.test(f.name) });
  } catch {
    return null;
  }
  for (const bytes of Object.values(parts)) {
    const xml = strFromU8(bytes);
    if (!xml.includes(`xmlns="${REVIEW_NAMESPACE}"`)) continue;
    return reviewFromXml(xml);
  }
  return null;
}
