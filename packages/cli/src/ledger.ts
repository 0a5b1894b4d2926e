/**
 * The review ledger 審査記録: core's review state kept as a JSON file beside the returns. The CLI
 * only reads and writes it; every change to it is a transition of core's workflow.
 *
 * Returns are known to the ledger by their path relative to the ledger's folder and their sheet
 * (`returns/寒川.xlsx#活動状況報告`), so the same ledger works whatever folder a command is run from.
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { emptyReview, parseReviewState, submissionFromValidation, type Plan, type ReviewState, type Submission } from '@sasaeai/core';
import type { CheckRun } from './check.js';
import { usage } from './messages.js';

/**
 * Reads the ledger. A missing file is an empty review when `create` (the first receipt), otherwise
 * a usage error; a file that is not a ledger is always a usage error — never silently replaced.
 *
 * @example
 * ```ts
 * const review = await readLedger('returns/sasaeai-review.json', plan, { create: true });
 * ```
 */
export async function readLedger(file: string, plan: Plan, opts: { create: boolean }): Promise<ReviewState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' && opts.create) return emptyReview(plan);
    return usage('ledger_unreadable', { file, detail: (e as Error).message });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return usage('ledger_not_json', { file });
  }
  const parsed = parseReviewState(json);
  if (!parsed.ok) return usage('ledger_invalid', { file, reason: parsed.issues[0]!.reason });
  return parsed.value;
}

/**
 * Writes the ledger beside its final name and renames it, so a failure never leaves half a file.
 *
 * @example
 * ```ts
 * await writeLedger('returns/sasaeai-review.json', review);
 * ```
 */
export async function writeLedger(file: string, state: ReviewState): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, JSON.stringify(state, null, 2) + '\n', 'utf8');
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/**
 * The id of a return in the ledger: its file relative to the ledger's folder, and its sheet.
 *
 * @example
 * ```ts
 * ledgerId('returns/sasaeai-review.json', 'returns/寒川.xlsx', '活動状況報告'); // '寒川.xlsx#活動状況報告'
 * ```
 */
export function ledgerId(ledger: string, file: string, sheet: string): string {
  return `${relative(dirname(resolve(ledger)), resolve(file)).split(sep).join('/')}#${sheet}`;
}

/**
 * The submissions of a check run, with the ids the ledger knows them by.
 *
 * @example
 * ```ts
 * const subs = ledgerSubmissions(run, 'returns/sasaeai-review.json');
 * ```
 */
export function ledgerSubmissions(run: CheckRun, ledger: string): Submission[] {
  return run.files.flatMap((f) =>
    f.returns
      .filter((r) => r.result.templateId !== null)
      .map((r) => submissionFromValidation(r.result, { id: ledgerId(ledger, f.file, r.result.sheet) })),
  );
}
