/**
 * A submission: one return (報告) as it arrives — a sheet of a file, validated — ready to roll up.
 */
import type { LocalDate } from '../period/index.js';
import type { Issue, LocatedRecord } from '../returns/types.js';
import type { ValidationResult } from '../returns/validate.js';

/** One return: a sheet of a file, as validated. */
export interface Submission {
  /** Stable id, e.g. `${source}#${sheet}`. */
  id: string;
  source?: string;
  sheet: string;
  templateId: string;
  records: LocatedRecord[];
  issues: Issue[];
  /** When the ward council received it (default: the latest report date in it). */
  receivedOn?: LocalDate;
}

/** The parts of a validation result a submission needs. */
export type ValidationResultLike = Pick<ValidationResult, 'templateId' | 'sheet' | 'source' | 'records' | 'issues'>;

/**
 * Turns a validation result into a submission. A result whose template could not be detected
 * keeps an empty template id, so that roll-up leaves it out and says so.
 *
 * @example
 * ```ts
 * const sub = submissionFromValidation(validateGrid(grid, { plan }), { receivedOn: '2026-07-10' });
 * sub.id; // 'chuo.xlsx#活動状況報告'
 * ```
 */
export function submissionFromValidation(
  result: ValidationResultLike,
  extra: { receivedOn?: LocalDate; id?: string } = {},
): Submission {
  const sub: Submission = {
    id: extra.id ?? `${result.source ?? ''}#${result.sheet}`,
    sheet: result.sheet,
    templateId: result.templateId ?? '',
    records: result.records,
    issues: result.issues,
  };
  if (result.source !== undefined) sub.source = result.source;
  if (extra.receivedOn !== undefined) sub.receivedOn = extra.receivedOn;
  return sub;
}

/**
 * A short fingerprint of a submission's content (rows and values), to notice a return that
 * changed after it was accepted. Not cryptographic: it detects edits, not forgery.
 *
 * @example
 * ```ts
 * submissionFingerprint(sub); // 'a1b2c3d4e5f60718'
 * ```
 */
export function submissionFingerprint(sub: Pick<Submission, 'records'>): string {
  // Two independent FNV-1a streams give 64 bits without BigInt.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const feed = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193 + 2);
    }
  };
  for (const r of sub.records) {
    feed(`${r.ref.source ?? ''}\u001f${r.ref.sheet}\u001f${r.ref.row}\u001f${r.errors}\u001f`);
    const keys = Object.keys(r.values).sort();
    for (const k of keys) feed(`${k}=${JSON.stringify(r.values[k] ?? null)}\u001e`);
    feed('\u001d');
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(h1) + hex(h2);
}
