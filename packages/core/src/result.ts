/**
 * The non-throwing result of an operation on user data: either a value, or the issues that
 * stopped it. Problems in data are returned, never thrown.
 */
export type Result<T, I> = { ok: true; value: T; issues: I[] } | { ok: false; issues: I[] };

/** Codes of {@link SasaeaiError}: programmer errors and real faults, never bad user data. */
export const SasaeaiErrorCode = {
  InvalidArgument: 'invalid_argument',
  InvalidPlan: 'invalid_plan',
  UnknownTemplate: 'unknown_template',
  IllegalTransition: 'illegal_transition',
  Internal: 'internal',
} as const;
export type SasaeaiErrorCode = (typeof SasaeaiErrorCode)[keyof typeof SasaeaiErrorCode];

/**
 * Thrown only for programmer errors (a wrong argument) and real faults. Bad data in a workbook or
 * a plan file is reported as issues instead.
 *
 * @example
 * ```ts
 * try { requirePlan(json); } catch (e) { if (e instanceof SasaeaiError) console.log(e.code); }
 * ```
 */
export class SasaeaiError extends Error {
  override readonly name = 'SasaeaiError';
  readonly code: SasaeaiErrorCode;
  constructor(code: SasaeaiErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
