/**
 * Round-trip accounting for one operation: queue work, and sync early only when the queued
 * payload would pass the budget (Excel on the web refuses requests and responses over 5 MB).
 */

/** Bytes we allow in one request or response, leaving headroom under Excel on the web's 5 MB. */
export const PAYLOAD_BUDGET = 4_000_000;

/** A payload-limit failure from Excel (`RequestPayloadSizeLimitExceeded` / `ResponsePayloadSizeLimitExceeded`). */
export function isPayloadLimitError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  const text = `${String(err?.code ?? '')} ${String(err?.message ?? '')}`;
  return /PayloadSizeLimitExceeded|payload size/i.test(text);
}

/**
 * Tracks what has been queued on a request context since the last sync.
 *
 * @example
 * ```ts
 * const batch = new Batch(context);
 * await batch.reserve(estimateJsonBytes(values)); // syncs first only if the batch would get too big
 * range.values = values;
 * await batch.sync();
 * ```
 */
export class Batch {
  private queued = 0;
  syncs = 0;
  constructor(
    private readonly context: { sync(): Promise<unknown> },
    readonly budget: number = PAYLOAD_BUDGET,
  ) {}

  /** Makes room for `bytes` more: syncs what is queued when they would not fit. */
  async reserve(bytes: number): Promise<void> {
    if (this.queued > 0 && this.queued + bytes > this.budget) await this.sync();
    this.queued += bytes;
  }

  async sync(): Promise<void> {
    this.queued = 0;
    this.syncs++;
    await this.context.sync();
  }
}
