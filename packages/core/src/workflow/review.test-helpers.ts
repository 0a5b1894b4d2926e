/**
 * Shared set-up of the workflow tests (review.test.ts, verification.test.ts): actions at a clock
 * that moves one minute per action, a transition that must go through, and a state where every
 * given return is received, validated and accepted.
 */
import { accept, emptyReview, receive, validateReturn } from './review.js';
import type { ActionContext, Actor, ReviewState, Transition } from '../review-state/types.js';
import type { Plan } from '../plan/schema.js';
import type { Submission } from '../rollup/submission.js';

let tick = 0;

/** An action by `actor` (with a reason, where the transition asks for one), one minute after the last. */
export function ctx(actor: Actor, reason?: string): ActionContext {
  const c: ActionContext = { actor, now: () => new Date(Date.UTC(2027, 4, 1, 0, tick++)) };
  if (reason !== undefined) c.reason = reason;
  return c;
}

/** The state after a transition the test expects to go through; a refusal fails the test with its reason. */
export function ok(t: Transition): ReviewState {
  if (!t.ok) throw new Error(`refused: ${t.issues.map((i) => `${i.code} ${i.reason.ja}`).join('; ')}`);
  return t.value;
}

/** A fresh review state with every submission received, validated and accepted by `actor`. */
export function acceptAll(plan: Plan, subs: readonly Submission[], actor: Actor): ReviewState {
  let s = emptyReview(plan);
  for (const sub of subs) {
    s = ok(receive(plan, s, sub, ctx(actor)));
    s = ok(validateReturn(plan, s, sub, ctx(actor)));
    s = ok(accept(plan, s, sub.id, ctx(actor)));
  }
  return s;
}
