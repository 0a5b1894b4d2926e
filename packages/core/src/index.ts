/**
 * `@sasaeai/core` — the governance model of a community-welfare plan (地域福祉計画), the reporting
 * rules, validation of returns and their roll-up from districts to wards to the city, with
 * Japanese fiscal years (年度) and era names (和暦).
 *
 * This is the one public entry point: everything a user may import is listed here.
 *
 * @packageDocumentation
 */

// i18n and results
export { LANGS, LocalizedTextSchema, lt, localize, langFromLocale, type Lang, type LocalizedText } from './i18n/text.js';
export { SasaeaiError, SasaeaiErrorCode, type Result } from './result.js';

// plan
export * from './plan/schema.js';
export { loadPlan, requirePlan, type PlanIssue, type PlanIssueCode } from './plan/load.js';
export { toJsonPointer } from './plan/zod-issues.js';
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
  termOfFiscalYear,
  unitAtLevel,
  unitValidOn,
  unitsAt,
  type BodyInstance,
  type Obligation,
  type ReportingLine,
} from './plan/queries.js';
export { planDiagram } from './plan/diagram.js';
export { planJsonSchema } from './plan/json-schema.js';

// periods and text
export * from './period/index.js';
export * from './text/index.js';

// returns: raw cells in, records and issues out
export * from './returns/types.js';

// render-ready sheet models for the adapters
export * from './sheet/model.js';

// samples
export * from './samples/index.js';

// validation
export { ISSUE_CODES, issueCatalogue, type CatalogueCode, type IssueCode, type IssueCatalogueEntry } from './returns/codes.js';
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
export { findPersonalData, type PiiFinding, type PiiKind } from './rules/pii.js';
export { blankReturnSheet, type BlankReturnOptions } from './sheet/template.js';

// rollup
export * from './rollup/index.js';
export * from './workflow/index.js';
