/**
 * The one shape of every non-throwing result of an operation on user data (`loadPlan`, the period
 * parsers, the add-in's custom functions): either `ok` with a `value` and the issues worth telling
 * about it, or not `ok` with the issues that stopped it. Problems in data are returned, never
 * thrown. `F`, the issues of a failure, defaults to `I`; a parser whose notes on a value differ
 * from its reasons for refusing one (`PeriodParseResult`) sets both.
 *
 * @example
 * ```ts
 * import { loadPlan } from '@sasaeai/core';
 * const r = loadPlan({});
 * if (!r.ok) for (const i of r.issues) console.log(i.path, i.message.en);
 * ```
 */
export type Result<T, I, F = I> = { ok: true; value: T; issues: I[] } | { ok: false; issues: F[] };

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
