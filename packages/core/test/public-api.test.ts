/**
 * Pins the public surface of `@sasaeai/core` and `@sasaeai/core/samples`: every runtime name and
 * every type name each entry exports, and the shapes of the calls users make most. Changing the
 * surface means changing this file — a deliberate, reviewed act, never a side effect of an
 * `export *` somewhere below.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as core from '@sasaeai/core';
import * as samples from '@sasaeai/core/samples';
import type {
  ClosingRule,
  Field,
  FieldOf,
  FieldType,
  Flow,
  Issue,
  IssueCode,
  Lang,
  LocalDate,
  PeriodNote,
  PeriodParseFailure,
  Plan,
  PlanInput,
  PlanIssue,
  Refusal,
  RefusalCode,
  Result,
  ReviewState,
  Severity,
  SheetGrid,
  Submission,
  Transition,
  ValidateOptions,
  ValidationResult,
  WardProgress,
} from '@sasaeai/core';

const here = path.dirname(fileURLToPath(import.meta.url));

const ENTRIES = ['index.ts', 'samples/index.ts'].map((e) => path.resolve(here, '../src', e));
let program: ts.Program | undefined;

/** Type-only exports of an entry, read by the compiler (runtime names are checked at run time). */
function typeExportsOf(entry: string): string[] {
  const file = path.resolve(here, '../src', entry);
  // One program for both entries: building it is the slow part.
  program ??= ts.createProgram(ENTRIES, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`no source file ${file}`);
  const symbol = checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`${file} is not a module`);
  return checker
    .getExportsOfModule(symbol)
    .filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return (target.flags & ts.SymbolFlags.Value) === 0;
    })
    .map((s) => s.name)
    .sort();
}

// Reading the sources with the compiler takes seconds on a busy machine; this is a limit, not a measurement.
const COMPILER = { timeout: 120_000 };

describe('@sasaeai/core', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(core).sort()).toEqual([
      'ALL_SUBJECTS',
      'DATE_PARSE_RANGE',
      'DEFAULT_DATE_FORMAT',
      'DEFAULT_FISCAL_YEAR',
      'ERAS',
      'FISCAL_YEAR_PARSE_RANGE',
      'GENERAL_FORMAT',
      'HEADER_FOOTER_MAX',
      'ISSUE_CODES',
      'LANGS',
      'MAX_EXCEL_SERIAL',
      'PERIODS_PER_YEAR',
      'PRINT_MARGINS',
      'PlanSchema',
      'RESERVED_SHEET_PREFIX',
      'REVIEW_NAMESPACE',
      'ReviewStateSchema',
      'SEVERITY_LABEL',
      'SHEET_NAME_MAX',
      'STATUS_LABEL',
      'SasaeaiError',
      'SasaeaiErrorCode',
      'TABLE_NAME_MAX',
      'TEXT_FORMAT',
      'VALIDATION_TEXT_MAX',
      'accept',
      'addDays',
      'addMonths',
      'ancestors',
      'annualReport',
      'annualReportWorkbook',
      'blankReturnSheet',
      'bodiesOf',
      'bodyInstance',
      'bodyNameInTerm',
      'buildReport',
      'cellNumberFormat',
      'closest',
      'columnNumberFormat',
      'columnWidth',
      'compareDates',
      'compileUnitWorkbooks',
      'completeness',
      'completenessReport',
      'completenessSheet',
      'confirmWard',
      'dataValidationOf',
      'dateCellToLocalDate',
      'dateFromParts',
      'dateToExcelSerial',
      'daysBetween',
      'detectTemplate',
      'dueDate',
      'emptyReview',
      'eraOfDate',
      'eraOfFiscalYear',
      'exampleReturnSheet',
      'excelSerialToDate',
      'figureId',
      'findPersonalData',
      'findUnits',
      'fiscalYearOf',
      'fiscalYearRange',
      'formatDate',
      'formatFiscalYear',
      'getBody',
      'getTemplate',
      'getUnit',
      'headerFooterString',
      'headerRowIndex',
      'importDecision',
      'importedSheetName',
      'initiativesOf',
      'inlineListSource',
      'isLocalDate',
      'isProvisional',
      'issueCatalogue',
      'issuesSheet',
      'langFromLocale',
      'latestVerification',
      'loadPlan',
      'localize',
      'looksLikeFormula',
      'lookupUnit',
      'lt',
      'nameVariantKey',
      'normalizeLabel',
      'normalizeText',
      'notAReturn',
      'notAReturnIssue',
      'obligations',
      'parseDate',
      'parseFigureId',
      'parseFiscalYear',
      'parsePlanText',
      'parseReviewState',
      'periodDue',
      'periodOfDate',
      'periodRange',
      'periodWindowIssue',
      'periodWindows',
      'planDiagram',
      'planJsonSchema',
      'printHeaderFooter',
      'printRanges',
      'printRowHeights',
      'printSettings',
      'readTableVerification',
      'readVerification',
      'receive',
      'receivingLevels',
      'receivingUnits',
      'recordMeeting',
      'recordVerification',
      'recordedVerifications',
      'remindersSheet',
      'repeatsExamples',
      'reportPeriod',
      'reportWindow',
      'reportingLines',
      'requirePlan',
      'resolveResubmissions',
      'resolveUnit',
      'returnSender',
      'returnSheet',
      'returnSubmissions',
      'returnUnitLevels',
      'reviewFromXml',
      'reviewStatus',
      'reviewToXml',
      'rowId',
      'sendBack',
      'sendBackNotice',
      'similarity',
      'submissionFingerprint',
      'submissionFromValidation',
      'tableVerificationSheet',
      'templateYearWindow',
      'termOfFiscalYear',
      'toDateParts',
      'toHalfWidth',
      'todayIn',
      'traceFigure',
      'uniqueSheetName',
      'uniqueSheetNames',
      'uniqueTableName',
      'unitAtLevel',
      'unitValidOn',
      'unitsAt',
      'validateGrid',
      'validateGrids',
      'validateReturn',
      'validateReturns',
      'verificationOf',
      'verificationSheet',
      'wardProgress',
      'wardProgressWorkbook',
      'withPrint',
      'wrapsText',
    ]);
  });

  it('exports exactly these type names', COMPILER, () => {
    expect(typeExportsOf('index.ts')).toEqual([
      'ActionContext',
      'Actor',
      'AdapterIssueCodes',
      'Aggregate',
      'AnnualReport',
      'BlankReturnOptions',
      'Body',
      'BodyInstance',
      'BodyKind',
      'BuiltReport',
      'Cadence',
      'CatalogueCode',
      'CellError',
      'CellRow',
      'ChangeEntry',
      'CheckedSheet',
      'ClosingRule',
      'ColumnKind',
      'ColumnValidation',
      'CompiledFromUnits',
      'CompiledStepStatus',
      'Completeness',
      'CompletenessRow',
      'Condition',
      'Confirmation',
      'ConfirmationView',
      'DataValidationRule',
      'DataValidationSpec',
      'DateParts',
      'DateStyle',
      'DerivedField',
      'DistrictRow',
      'EraId',
      'EraInfo',
      'Field',
      'FieldOf',
      'FieldType',
      'FieldValue',
      'FigureChange',
      'FigureIdParts',
      'FigureValue',
      'FiscalYearConfig',
      'FiscalYearLabelStyle',
      'Flow',
      'FoundColumn',
      'HeaderFooterSections',
      'ImportDecision',
      'Initiative',
      'Issue',
      'IssueCatalogueEntry',
      'IssueCode',
      'IssuesSheetOptions',
      'Lang',
      'Level',
      'ListItem',
      'LocalDate',
      'LocalizedText',
      'LocatedRecord',
      'Measure',
      'MeasureRow',
      'MeasuresTable',
      'Meeting',
      'MeetingRow',
      'NamedRef',
      'NotAReturn',
      'NotAReturnSheet',
      'NothingCountedReason',
      'Notice',
      'Obligation',
      'ObligationStatus',
      'OfferedSheet',
      'PeriodNote',
      'PeriodParseFailure',
      'PeriodParseResult',
      'PeriodWindow',
      'PeriodWindowProblem',
      'PiiFinding',
      'PiiKind',
      'Plan',
      'PlanInput',
      'PlanIssue',
      'PlanIssueCode',
      'PrintDocument',
      'PrintOptions',
      'PrintRanges',
      'PrintRowHeights',
      'Provenance',
      'RawCell',
      'RawGrid',
      'Refusal',
      'RefusalCode',
      'ReportField',
      'ReportList',
      'ReportRequest',
      'ReportWindow',
      'ReportingLine',
      'Result',
      'ReturnEntry',
      'ReturnEvent',
      'ReturnRecord',
      'ReturnSender',
      'ReturnSheet',
      'ReturnStatus',
      'ReturnUnitLevel',
      'ReturnUnitLevels',
      'ReturnVersion',
      'ReviewState',
      'RollupKind',
      'RollupNotice',
      'RollupNoticeCode',
      'RollupOptions',
      'RowRef',
      'RowRule',
      'Severity',
      'SheetColumn',
      'SheetGrid',
      'SheetLink',
      'SheetModel',
      'SheetPreamble',
      'SheetPrint',
      'SheetValue',
      'Stamp',
      'SubjectRow',
      'Submission',
      'SubmissionUse',
      'TableVerification',
      'Template',
      'Term',
      'Timeliness',
      'Traceable',
      'Transition',
      'Unit',
      'UnitLookup',
      'UnitLookupOptions',
      'UnitWorkbook',
      'UnitWorkbookUse',
      'UseKind',
      'ValidateOptions',
      'ValidationOperator',
      'ValidationResult',
      'ValidationResultLike',
      'ValidationSetResult',
      'ValidationSummary',
      'Verification',
      'VerificationEntry',
      'VerificationField',
      'VerificationFieldView',
      'VerificationRecord',
      'VerificationResult',
      'VerificationStatus',
      'VerificationStep',
      'Vocabulary',
      'VocabularyOption',
      'WardProgress',
      'WorkbookModel',
      'YearWindow',
    ]);
  });

  it('leaves the sample generators to @sasaeai/core/samples', () => {
    expect(core).not.toHaveProperty('generateReturns');
    expect(core).not.toHaveProperty('createRng');
  });

  it('gives the calls users make most their documented shapes', () => {
    expectTypeOf(core.loadPlan).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(core.loadPlan).returns.toEqualTypeOf<Result<Plan, PlanIssue>>();
    expectTypeOf(core.requirePlan).returns.toEqualTypeOf<Plan>();
    expectTypeOf(core.PlanSchema.parse).returns.toEqualTypeOf<Plan>();
    expectTypeOf<PlanInput>().not.toEqualTypeOf<Plan>();
    expectTypeOf(core.ReviewStateSchema.parse).returns.toEqualTypeOf<ReviewState>();
    expectTypeOf(core.validateGrid).parameters.toEqualTypeOf<[SheetGrid, ValidateOptions]>();
    expectTypeOf(core.validateGrid).returns.toEqualTypeOf<ValidationResult>();
    expectTypeOf(core.wardProgress).returns.toEqualTypeOf<WardProgress>();
    expectTypeOf(core.submissionFromValidation).returns.toEqualTypeOf<Submission>();
    expectTypeOf(core.formatFiscalYear).returns.toEqualTypeOf<string>();
    expectTypeOf(core.formatFiscalYear).parameter(0).toEqualTypeOf<number>();
    expectTypeOf(core.todayIn).returns.toEqualTypeOf<LocalDate>();
    expectTypeOf(core.localize).parameter(1).toEqualTypeOf<Lang>();
    expectTypeOf<Severity>().toEqualTypeOf<'error' | 'warning' | 'info'>();
    expectTypeOf<Issue['severity']>().toEqualTypeOf<Severity>();
    expectTypeOf<IssueCode>().toExtend<string>();
    // One closing-rule type: a plan's flows carry the rule the period helpers take, no cast between them.
    expectTypeOf<Flow['closing']>().toEqualTypeOf<ClosingRule>();
    expectTypeOf(core.dueDate).parameter(0).toEqualTypeOf<ClosingRule>();
    // A field is a union on its type: each type has its own settings, and narrowing on `type` finds them.
    expectTypeOf<FieldType>().toEqualTypeOf<Field['type']>();
    expectTypeOf<FieldOf<'integer'>['min']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FieldOf<'enum'>['vocabulary']>().toEqualTypeOf<string>();
    expectTypeOf<FieldOf<'unit'>['level']>().toEqualTypeOf<string>();
    expectTypeOf<FieldOf<'text'>>().not.toHaveProperty('min');
    // One result shape: loading a plan, parsing a period value.
    expectTypeOf(core.parseDate).returns.toEqualTypeOf<Result<LocalDate, PeriodNote, PeriodParseFailure>>();
    expectTypeOf(core.parseFiscalYear).returns.toEqualTypeOf<Result<number, PeriodNote, PeriodParseFailure>>();
    // … and the review: its transitions and reading a stored state refuse with a coded reason.
    expectTypeOf<Transition>().toEqualTypeOf<Result<ReviewState, never, Refusal>>();
    expectTypeOf(core.accept).returns.toEqualTypeOf<Transition>();
    expectTypeOf(core.parseReviewState).returns.toEqualTypeOf<Result<ReviewState, never, Refusal>>();
    expectTypeOf(core.reviewFromXml).returns.toEqualTypeOf<Result<ReviewState, never, Refusal>>();
    expectTypeOf<Refusal['code']>().toEqualTypeOf<RefusalCode>();
  });
});

describe('@sasaeai/core/samples', () => {
  it('exports exactly these runtime names', () => {
    expect(Object.keys(samples).sort()).toEqual(['createRng', 'generateMeasureReturn', 'generateReturns']);
  });

  it('exports exactly these type names', COMPILER, () => {
    expect(typeExportsOf('samples/index.ts')).toEqual([
      'GenerateMeasureReturnOptions',
      'GenerateReturnsOptions',
      'GeneratedReturns',
      'Rng',
      'SampleBadKind',
      'SampleBadRow',
    ]);
  });

  it('generates for a plan of the main entry', () => {
    expectTypeOf(samples.generateReturns).parameter(0).toEqualTypeOf<Plan>();
    expectTypeOf<ReturnType<typeof samples.generateReturns>['grids']>().toEqualTypeOf<SheetGrid[]>();
  });
});
