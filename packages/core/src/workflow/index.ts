/**
 * Review workflow 審査: receive, validate, accept or send back returns; record ward council
 * meetings and the receiving bodies' verification; confirm a unit's progress (figures and
 * verification together); log changes after confirmation.
 */
export * from '../review-state/types.js';
export {
  emptyReview,
  receive,
  validateReturn,
  accept,
  sendBack,
  recordMeeting,
  recordVerification,
  recordedVerifications,
  latestVerification,
  confirmWard,
  reviewStatus,
  parseReviewState,
} from './review.js';
export { STATUS_LABEL } from '../review-state/labels.js';
export { sendBackNotice, remindersSheet, type Notice } from './notice.js';
