/**
 * Review workflow 審査: receive, validate, accept or send back returns; record ward council
 * meetings; confirm a ward's progress; log changes after confirmation.
 */
export * from '../review-state/types.js';
export { emptyReview, receive, validateReturn, accept, sendBack, recordMeeting, confirmWard, reviewStatus, parseReviewState } from './review.js';
export { STATUS_LABEL } from '../review-state/labels.js';
export { sendBackNotice, remindersSheet, type Notice } from './notice.js';
