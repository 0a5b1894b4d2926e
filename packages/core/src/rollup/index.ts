/**
 * Roll-up 集計: returns → ward progress, annual report, completeness, with provenance and
 * render-ready workbooks.
 */
export { submissionFromValidation, submissionFingerprint, type Submission, type ValidationResultLike } from './submission.js';
export type { SubmissionUse, UseKind } from './use.js';
export { wardProgress, annualReport } from './progress.js';
export { completeness } from './completeness.js';
export {
  readTableVerification,
  readVerification,
  tableVerificationSheet,
  verificationOf,
  verificationSheet,
  type TableVerification,
  type VerificationFieldView,
  type VerificationRecord,
  type VerificationResult,
  type VerificationStatus,
} from './verification.js';
export type { RollupNotice, RollupNoticeCode, NothingCountedReason } from './notices.js';
export { traceFigure, isProvisional, type Traceable } from './trace.js';
export { wardProgressWorkbook, annualReportWorkbook, completenessSheet } from './workbook.js';
export type * from './types.js';
