/**
 * `@sasaeai/core` — the governance model of a community-welfare plan (地域福祉計画), the reporting
 * rules, validation of returns and their roll-up from districts to wards to the city, with
 * Japanese fiscal years (年度) and era names (和暦).
 *
 * This is the one public entry point: every name a user may import is listed here by name, so
 * that a change to the public surface is a visible change to this file (and to
 * `test/public-api.test.ts`, which pins it). Sample data generators live in the separate
 * `@sasaeai/core/samples` entry, so that an application never ships them by accident.
 *
 * @packageDocumentation
 */

// Languages, results and errors
export { LANGS, lt, localize, langFromLocale, type Lang, type LocalizedText } from './i18n/text.js';
export { SEVERITY_LABEL } from './i18n/severity.js';
export { SasaeaiError, SasaeaiErrorCode, type Result } from './result.js';

// Plans: the schema users validate against, the inferred types, loading and queries
export {
  PlanSchema,
  type Plan,
  type PlanInput,
  type Term,
  type Level,
  type Unit,
  type Body,
  type BodyKind,
  type Measure,
  type Initiative,
  type Vocabulary,
  type VocabularyOption,
  type Field,
  type FieldOf,
  type FieldType,
  type RollupKind,
  type Condition,
  type RowRule,
  type DerivedField,
  type Template,
  type Flow,
  type Cadence,
  type Verification,
  type VerificationField,
  type Severity,
} from './plan/schema.js';
export { loadPlan, requirePlan, type PlanIssue, type PlanIssueCode } from './plan/load.js';
export {
  ancestors,
  bodiesOf,
  bodyInstance,
  bodyNameInTerm,
  findUnits,
  getBody,
  getTemplate,
  getUnit,
  initiativesOf,
  obligations,
  reportingLines,
  resolveUnit,
  termOfFiscalYear,
  unitAtLevel,
  unitValidOn,
  unitsAt,
  type BodyInstance,
  type Obligation,
  type ReportingLine,
} from './plan/queries.js';
export { planDiagram } from './plan/diagram.js';
export { PERIODS_PER_YEAR, periodDue, periodOfDate, periodRange } from './plan/periods.js';
export {
  periodWindowIssue,
  periodWindows,
  reportPeriod,
  templateYearWindow,
  type PeriodWindow,
  type PeriodWindowProblem,
  type YearWindow,
} from './plan/period-window.js';
export { planJsonSchema } from './plan/json-schema.js';

// Periods: calendar dates, fiscal years (年度), eras (和暦), Excel serials, parsing
export {
  type LocalDate,
  type DateParts,
  isLocalDate,
  toDateParts,
  dateFromParts,
  addDays,
  addMonths,
  compareDates,
  daysBetween,
  todayIn,
  type FiscalYearConfig,
  type ClosingRule,
  DEFAULT_FISCAL_YEAR,
  fiscalYearOf,
  fiscalYearRange,
  dueDate,
  type EraId,
  type EraInfo,
  ERAS,
  eraOfDate,
  eraOfFiscalYear,
  type FiscalYearLabelStyle,
  type DateStyle,
  formatFiscalYear,
  formatDate,
  MAX_EXCEL_SERIAL,
  excelSerialToDate,
  dateToExcelSerial,
  dateCellToLocalDate,
  type PeriodNote,
  type PeriodParseFailure,
  type PeriodParseResult,
  FISCAL_YEAR_PARSE_RANGE,
  DATE_PARSE_RANGE,
  parseDate,
  parseFiscalYear,
} from './period/index.js';

// Text: how labels and typed text are compared
export { toHalfWidth, normalizeLabel, normalizeText, nameVariantKey, similarity, closest } from './text/index.js';

// Returns: raw cells in, records and issues out
export type { CellError, RawCell, RawGrid, SheetGrid, FieldValue, ReturnRecord, RowRef, LocatedRecord, Issue } from './returns/types.js';
export { ISSUE_CODES, issueCatalogue, type AdapterIssueCodes, type CatalogueCode, type IssueCode, type IssueCatalogueEntry } from './returns/codes.js';
export {
  detectTemplate,
  validateGrid,
  validateGrids,
  type FoundColumn,
  type ValidateOptions,
  type ValidationResult,
  type ValidationSetResult,
  type ValidationSummary,
} from './returns/validate.js';
export { notAReturn, notAReturnIssue, type NotAReturn } from './returns/sheets.js';
export { resolveResubmissions, type ReturnVersion } from './returns/resubmission.js';
export { importDecision, importedSheetName, returnSender, type ImportDecision, type ReturnSender } from './returns/imported.js';
export { reportWindow, type ReportWindow } from './returns/closing.js';
export { repeatsExamples } from './returns/examples.js';
export { exampleReturnSheet } from './sheet/example.js';
export { findPersonalData, type PiiFinding, type PiiKind } from './rules/pii.js';

// Render-ready sheet models for the adapters
export {
  headerRowIndex,
  looksLikeFormula,
  type SheetValue,
  type SheetLink,
  type ColumnKind,
  type ColumnValidation,
  type SheetColumn,
  type SheetPreamble,
  type SheetModel,
  type WorkbookModel,
  type SheetPrint,
} from './sheet/model.js';
export {
  PRINT_MARGINS,
  HEADER_FOOTER_MAX,
  columnWidth,
  printSettings,
  withPrint,
  printHeaderFooter,
  headerFooterString,
  printRanges,
  printRowHeights,
  wrapsText,
  type PrintDocument,
  type PrintOptions,
  type HeaderFooterSections,
  type PrintRanges,
  type PrintRowHeights,
} from './sheet/print.js';
export { blankReturnSheet, type BlankReturnOptions } from './sheet/template.js';
export { TEXT_FORMAT, GENERAL_FORMAT, DEFAULT_DATE_FORMAT, columnNumberFormat, cellNumberFormat } from './sheet/formats.js';
export { SHEET_NAME_MAX, TABLE_NAME_MAX, RESERVED_SHEET_PREFIX, uniqueSheetName, uniqueSheetNames, uniqueTableName } from './sheet/names.js';
export {
  VALIDATION_TEXT_MAX,
  dataValidationOf,
  inlineListSource,
  type DataValidationRule,
  type DataValidationSpec,
  type ValidationOperator,
} from './sheet/data-validation.js';
export { issuesSheet, type IssuesSheetOptions } from './sheet/issues.js';

// Roll-up: submissions → ward progress, annual report, completeness, provenance
export {
  submissionFromValidation,
  submissionFingerprint,
  wardProgress,
  annualReport,
  completeness,
  traceFigure,
  isProvisional,
  wardProgressWorkbook,
  annualReportWorkbook,
  completenessSheet,
  type Submission,
  type ValidationResultLike,
  type SubmissionUse,
  type UseKind,
  type Traceable,
  type NamedRef,
  type FigureValue,
  type Provenance,
  type Aggregate,
  type ReportField,
  type CellRow,
  type SubjectRow,
  type Timeliness,
  type DistrictRow,
  type ListItem,
  type ReportList,
  type ObligationStatus,
  type CompletenessRow,
  type Completeness,
  type ConfirmationView,
  type FigureChange,
  type WardProgress,
  type MeasureRow,
  type MeasuresTable,
  type MeetingRow,
  type AnnualReport,
  type RollupOptions,
  readTableVerification,
  readVerification,
  tableVerificationSheet,
  verificationOf,
  verificationSheet,
  type CompiledStepStatus,
  type TableVerification,
  type VerificationFieldView,
  type VerificationStep,
  type VerificationRecord,
  type VerificationResult,
  type VerificationStatus,
  type RollupNotice,
  type RollupNoticeCode,
  type NothingCountedReason,
} from './rollup/index.js';
export { compileUnitWorkbooks, type CompiledFromUnits, type UnitWorkbook, type UnitWorkbookUse } from './rollup/unit-workbooks.js';
export { ALL_SUBJECTS, figureId, parseFigureId, rowId, type FigureIdParts } from './rollup/figure-id.js';

// Decisions both adapters (the CLI and the add-in) take the same way: which sheets are returns,
// which report to build from them, which units a person means, how a plan file's text is read
export { returnSheet, validateReturns, type CheckedSheet, type OfferedSheet, type ReturnSheet } from './adapt/returns.js';
export {
  buildReport,
  completenessReport,
  returnSubmissions,
  type BuiltReport,
  type NotAReturnSheet,
  type ReportRequest,
} from './adapt/report.js';
export {
  lookupUnit,
  receivingLevels,
  receivingUnits,
  returnUnitLevels,
  type ReturnUnitLevel,
  type ReturnUnitLevels,
  type UnitLookup,
  type UnitLookupOptions,
} from './adapt/units.js';
export { parsePlanText } from './adapt/plan-text.js';

// Review workflow (審査): the state users persist, and the transitions on it
export {
  ReviewStateSchema,
  type ActionContext,
  type Actor,
  type ChangeEntry,
  type Confirmation,
  type Meeting,
  type Refusal,
  type RefusalCode,
  type ReturnEntry,
  type ReturnEvent,
  type ReturnStatus,
  type ReviewState,
  type Stamp,
  type Transition,
  type VerificationEntry,
} from './review-state/types.js';
export { STATUS_LABEL } from './review-state/labels.js';
export {
  accept,
  confirmWard,
  emptyReview,
  latestVerification,
  parseReviewState,
  receive,
  recordedVerifications,
  recordMeeting,
  recordVerification,
  reviewStatus,
  sendBack,
  validateReturn,
} from './workflow/review.js';
export { remindersSheet, sendBackNotice, type Notice } from './workflow/notice.js';
export { REVIEW_NAMESPACE, reviewFromXml, reviewToXml } from './workflow/review-xml.js';
