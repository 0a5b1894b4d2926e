import { describe, expect, it } from 'vitest';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { requirePlan } from '../plan/load.js';
import { emptyReview } from './review.js';
import { REVIEW_NAMESPACE, reviewFromXml, reviewToXml } from './review-xml.js';

describe('the review state in a custom XML part', () => {
  const plan = requirePlan(chibaPlan);
  it('round-trips, escaping what XML needs (& < > " \')', () => {
    const state = { ...emptyReview(plan), planId: 'a&b<"c\'>' } as ReturnType<typeof emptyReview>;
    const xml = reviewToXml(state);
    expect(xml.startsWith(`<review xmlns="${REVIEW_NAMESPACE}"`)).toBe(true);
    expect(xml).not.toMatch(/plan="a&b/);
    const back = reviewFromXml(xml);
    expect(back.ok && back.value.planId).toBe('a&b<"c\'>');
  });
  it('says why a part cannot be read instead of throwing', () => {
    const none = reviewFromXml(`<review xmlns="${REVIEW_NAMESPACE}"/>`);
    expect(none.ok ? null : none.issues[0]?.reason.en).toBe('The review part holds no JSON.');
    const bad = reviewFromXml(`<review xmlns="${REVIEW_NAMESPACE}"><json>{not json</json></review>`);
    expect(bad.ok ? null : bad.issues[0]?.reason.en).toMatch(/not readable JSON/);
  });
});
