/**
 * The plan file: the governance model of a community-welfare plan (地域福祉計画) as data.
 *
 * A municipality adapts Sasaeai by writing one of these, not by changing code. Every type here is
 * inferred from its zod schema, and the JSON Schema published for editors is generated from the
 * same schemas (see `planJsonSchema`).
 */
import * as z from 'zod';
import { LocalDateSchema } from '../period/local-date-schema.js';
import { LocalizedTextSchema } from '../i18n/schema.js';

const code = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits, _ . : - only');
const localDate = LocalDateSchema;
const text = LocalizedTextSchema;

/** One term (期) of the plan, e.g. the 5th term, fiscal years 2024–2029. */
const TermSchema = z
  .object({
    number: z.number().int().positive().describe('Term number (第N期)'),
    name: text.optional(),
    startFiscalYear: z.number().int().min(1900).max(2200),
    endFiscalYear: z.number().int().min(1900).max(2200),
  })
  .strict();

/** A named level of the hierarchy, top first (city → ward → district area). */
const LevelSchema = z
  .object({
    id: code,
    name: text,
    unitName: text.optional().describe('What one unit of this level is called, e.g. エリア (an area)'),
  })
  .strict();

/** An organisation unit: the city, a ward, a district area. Units carry validity dates. */
const UnitSchema = z
  .object({
    code: code.describe('Stable code, e.g. a local-government code'),
    level: code.describe('Id of a level'),
    name: text,
    aliases: z.array(z.string().min(1)).optional().describe('Other spellings staff type'),
    parent: code.optional().describe('Code of the parent unit; absent only at the top level'),
    validFrom: localDate.optional(),
    validTo: localDate.optional().describe('Last day the unit exists (inclusive)'),
    successorOf: z.array(code).optional().describe('Units this one continues after a split or merger'),
    sample: z.boolean().optional().describe('True when the unit is illustrative, not official'),
    population: z.number().int().nonnegative().optional(),
    households: z.number().int().nonnegative().optional(),
    statisticsDate: localDate.optional(),
    note: text.optional(),
  })
  .strict();

/** A category of members of a body, e.g. members recruited from the public (公募の委員). */
const CompositionSchema = z
  .object({
    id: code,
    name: text,
    publicRecruitment: z.boolean().optional(),
    sample: z.boolean().optional().describe('True when the category is illustrative, not official'),
  })
  .strict();

/** A former name of a body, in use up to and including a term. */
const FormerNameSchema = z
  .object({
    name: text,
    untilTerm: z.number().int().positive().describe('Last term in which this name was used'),
  })
  .strict();

/** The kinds of body the model knows; `other` lets a municipality add its own. */
const BodyKindSchema = z.enum([
  'district-chapter',
  'ward-council',
  'secretariat',
  'council-of-social-welfare',
  'city',
  'city-department',
  'expert-subcommittee',
  'partner-group',
  'other',
]);

/** A column a receiving body fills in when it verifies what it received (per subject). */
const VerificationFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase key'),
    label: text,
    type: z.enum(['enum', 'text', 'boolean']),
    vocabulary: code.optional().describe('Vocabulary id, for enum fields (the body’s own rating scale)'),
    required: z.boolean().optional(),
    maxLength: z.number().int().positive().optional(),
    prompt: text.optional(),
  })
  .strict();

/**
 * What a receiving body records when it verifies what it received (確認・評価, 成果と課題の検証):
 * one row per subject (initiative, measure) of its compiled report.
 */
const VerificationSchema = z
  .object({
    name: text.describe('What the record is called, e.g. 確認・評価'),
    fields: z.array(VerificationFieldSchema).min(1),
  })
  .strict();

/**
 * A body (組織): one that reports, receives, compiles or supports. With `perUnit` it exists once
 * per unit of its level (one district chapter per district area, one council per ward).
 */
const BodySchema = z
  .object({
    id: code,
    kind: BodyKindSchema,
    level: code.describe('Id of the level the body works at'),
    perUnit: z.boolean().describe('One body per unit of the level (true) or a single body (false)'),
    name: text,
    instanceName: text
      .optional()
      .describe('Name of one body of a perUnit kind; {unit} is replaced by the unit name'),
    formerNames: z.array(FormerNameSchema).optional(),
    role: text.optional(),
    duties: z.array(text).optional().describe('所掌事項'),
    composition: z.array(CompositionSchema).optional(),
    supports: z.array(code).optional().describe('Ids of bodies this body supports or advises'),
    coordinates: z.array(code).optional().describe('Ids of bodies this body works with and coordinates (連携・調整)'),
    holdsMeetingsOf: z.array(code).optional().describe('Ids of bodies whose meetings it holds'),
    advisory: z.boolean().optional().describe('An advisory body of the city (附属機関)'),
    verification: VerificationSchema.optional().describe('What the body records when it verifies the reports it receives'),
  })
  .strict();

/** A link from a measure to a field or another plan (the seed's cross-department coordination). */
const MeasureLinkSchema = z
  .object({
    kind: z.enum(['target-plan', 'field', 'activity-plan-item']),
    id: code,
    name: text,
  })
  .strict();

/** A chapter-4 city measure (市の取組み). */
const MeasureSchema = z
  .object({
    code,
    name: text,
    chapter: z.number().int().positive().optional(),
    departments: z.array(text).min(1).describe('Owner departments (担当課)'),
    links: z.array(MeasureLinkSchema).optional(),
    sample: z.boolean().optional().describe('True when the measure is illustrative, not official'),
  })
  .strict();

/** A chapter-5 initiative (地域の取組み) of one or more wards' plans. */
const InitiativeSchema = z
  .object({
    code,
    name: text,
    aliases: z.array(z.string().min(1)).optional(),
    units: z.array(code).describe('Codes of the units (wards) whose plan holds it'),
    sample: z.boolean().optional().describe('True when the initiative is illustrative, not official'),
  })
  .strict();

/** An option of a vocabulary (an enumeration staff choose from). */
const OptionSchema = z
  .object({
    code: code.describe('Stable value stored in records'),
    label: text.describe('Label staff see'),
    aliases: z.array(z.string().min(1)).optional().describe('Other forms accepted when typed'),
    description: text.optional(),
    sample: z.boolean().optional().describe('True when the option is illustrative, not official (e.g. a sample partner group)'),
  })
  .strict();

/** A named enumeration shared by templates (status, rating, partner groups…). */
const VocabularySchema = z
  .object({
    name: text,
    options: z.array(OptionSchema).min(1),
  })
  .strict();

/**
 * How a field rolls up over a fiscal year and up the hierarchy: `key` identifies the record,
 * `sum` adds across reports (a flow: sessions held in each period), `stock` is a level taken as
 * of the latest report of a unit and then added across units (persons covered, cumulative
 * counts: two reports a year never double it), `last` takes the value of the latest report,
 * `any` is true if any is true, `union` joins sets, `collect` lists texts with their source,
 * `distribution` counts categories, `none` is not rolled up.
 */
const RollupKindSchema = z.enum(['key', 'sum', 'stock', 'last', 'any', 'union', 'collect', 'distribution', 'none']);

/** What every field (column) of a return template has, whatever its type. */
const fieldBase = {
  key: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'camelCase key').describe('Stable key used in records and JSON'),
  label: text.describe('Header as staff see it'),
  aliases: z.array(z.string().min(1)).optional().describe('Other header texts accepted'),
  required: z.boolean().optional(),
  rollup: RollupKindSchema,
  width: z.number().positive().optional().describe('Column width in characters'),
  prompt: text.optional().describe('Input prompt shown in the spreadsheet'),
  numberFormat: z.string().optional(),
};

/** A field whose type needs no setting of its own. */
const plainField = <T extends 'fiscalYear' | 'date' | 'boolean' | 'measure'>(type: T) =>
  z.object({ ...fieldBase, type: z.literal(type) }).strict();

/** A number field: bounds and the units staff write after numbers. */
const numberField = <T extends 'integer' | 'number'>(type: T) =>
  z
    .object({
      ...fieldBase,
      type: z.literal(type),
      min: z.number().optional(),
      max: z.number().optional(),
      unitSuffixes: z.array(z.string()).optional().describe('Units staff write after numbers (人, 回)'),
    })
    .strict();

/** A code field chosen from a vocabulary (one option, or several). */
const vocabularyField = <T extends 'enum' | 'multiEnum'>(type: T) =>
  z
    .object({ ...fieldBase, type: z.literal(type), vocabulary: code.describe('Vocabulary id: the options staff choose from') })
    .strict();

/**
 * A field (column) of a return template, by its `type`: each type carries only its own settings
 * (a number has `min`/`max`, a code field its `vocabulary`, a unit field its `level`), so a
 * setting that means nothing for the type is refused when the plan is loaded, and TypeScript
 * narrows on `field.type`.
 */
const FieldSchema = z.discriminatedUnion('type', [
  plainField('fiscalYear'),
  plainField('date'),
  numberField('integer'),
  numberField('number'),
  z
    .object({
      ...fieldBase,
      type: z.literal('text'),
      maxLength: z.number().int().positive().optional(),
      narrative: z.boolean().optional().describe('Free text checked by the personal-information guard'),
    })
    .strict(),
  vocabularyField('enum'),
  vocabularyField('multiEnum'),
  plainField('boolean'),
  z
    .object({
      ...fieldBase,
      type: z.literal('unit'),
      level: code.describe('Level id of the units staff name here'),
      parentField: z.string().optional().describe('The field holding its parent unit'),
    })
    .strict(),
  z
    .object({
      ...fieldBase,
      type: z.literal('initiative'),
      unitField: z.string().optional().describe('The field holding the unit (ward) whose plan holds the initiative'),
    })
    .strict(),
  plainField('measure'),
]);

/**
 * A condition on a row, written as data (no expressions, no eval). A value is compared after
 * normalisation: enum fields by option code, numbers as numbers, dates as YYYY-MM-DD.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: 'blank' | 'present' }
  | { field: string; op: 'in' | 'notIn'; values: (string | number | boolean)[] }
  | {
      field: string;
      op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
      value?: string | number | boolean | undefined;
      otherField?: string | undefined;
    };

/** Schema of {@link Condition}. */
const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
    z.object({ field: z.string(), op: z.enum(['blank', 'present']) }).strict(),
    z
      .object({
        field: z.string(),
        op: z.enum(['in', 'notIn']),
        values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1),
      })
      .strict(),
    z
      .object({
        field: z.string(),
        op: z.enum(['eq', 'ne', 'lt', 'le', 'gt', 'ge']),
        value: z.union([z.string(), z.number(), z.boolean()]).optional(),
        otherField: z.string().optional(),
      })
      .strict(),
  ]),
);

/** Issue severities, most serious first. */
const SeveritySchema = z.enum(['error', 'warning', 'info']);

/**
 * A row rule: where `when` holds (or always, without `when`), `assert` must hold; otherwise an
 * issue with this rule's code and message is reported at `field`.
 */
const RowRuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case id').describe('Stable id; the issue code is rule_<id>'),
    severity: SeveritySchema,
    field: z.string().describe('Field the issue is reported at'),
    when: ConditionSchema.optional(),
    assert: ConditionSchema,
    message: text,
  })
  .strict();

/** A value derived from other fields of a row, e.g. the achievement rate 達成率 = actual / target. */
const DerivedFieldSchema = z
  .object({
    key: z.string().regex(/^[a-z][A-Za-z0-9]*$/),
    label: text,
    op: z.literal('ratio'),
    numerator: z.string(),
    denominator: z.string(),
    numberFormat: z.string().optional(),
  })
  .strict();

/** Table rules a template switches on. */
const TableRulesSchema = z
  .object({
    unique: z.array(z.string()).min(1).optional().describe('Fields that together must be unique'),
    singleFiscalYear: z.boolean().optional().describe('A return must not mix fiscal years'),
  })
  .strict();

/** A return template: the fields of a return, its rules and how it rolls up. */
const TemplateSchema = z
  .object({
    id: code,
    name: text,
    description: text.optional(),
    chapter: z.number().int().positive().optional(),
    fields: z.array(FieldSchema).min(1),
    derived: z.array(DerivedFieldSchema).optional(),
    rules: z.array(RowRuleSchema).optional(),
    tableRules: TableRulesSchema.optional(),
    fiscalYearField: z.string().describe('Key of the fiscal-year field'),
    reportDateField: z.string().optional().describe('Key of the report-date field, for any-time returns'),
    periodField: z
      .string()
      .optional()
      .describe('Key of an integer field naming the period of the cadence a return is for (else its report date says)'),
    unitField: z.string().describe('Key of the field naming the reporting unit (e.g. district)'),
    subjectField: z.string().optional().describe('Key of the field naming what is reported on (initiative, measure)'),
    sheetName: text.optional().describe('Default sheet name of a blank return'),
    examples: z
      .array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])))
      .optional()
      .describe('Example rows (field key → value as staff would type it), written on a blank return\'s 記入例 sheet; a sheet whose rows repeat them is an example, not a return'),
  })
  .strict();

/**
 * Cadence of a flow: at any time during the fiscal year (随時), once each fiscal year, or once
 * per half year, quarter or month of the fiscal year.
 */
const CadenceSchema = z.enum(['any-time', 'fiscal-year', 'half-year', 'quarter', 'month']);

/** When the reports of a flow for a fiscal year are due. */
const ClosingRuleSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('date'),
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(31),
      yearOffset: z.number().int().min(0).max(5).describe('Calendar year = starting year of the FY + offset'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('after-end'),
      months: z.number().int().min(0).max(24).optional(),
      days: z.number().int().min(0).max(366).optional(),
    })
    .strict(),
]);

/**
 * A reporting flow: who sends what to whom, how often and by when. `compiles` names the flows
 * whose reports this one compiles (the ward council compiles its district chapters' returns).
 */
const FlowSchema = z
  .object({
    id: code,
    from: code.describe('Id of the sending body'),
    to: code.describe('Id of the receiving body'),
    template: code.optional().describe('Id of the return template carried'),
    content: text.describe('What is reported'),
    cadence: CadenceSchema,
    closing: ClosingRuleSchema.describe('When the reports are due (after-end: from the end of each period)'),
    periods: z
      .array(z.number().int().min(1).max(12))
      .min(1)
      .optional()
      .describe('Periods of the cadence this flow covers, from 1 (e.g. [1] the interim, [2] the year-end report of a half-year cadence); default all'),
    closings: z
      .array(ClosingRuleSchema)
      .optional()
      .describe('A closing rule per covered period, in the order of periods (e.g. interim due 10/31, year-end due 5/31 of the next year)'),
    compiles: z.array(code).optional(),
    report: text
      .optional()
      .describe('Title of what the receiver compiles from these reports, e.g. 集約した報告 (default: the content)'),
    sameUnit: z
      .boolean()
      .optional()
      .describe('Sender and receiver are matched by unit ancestry (a district chapter reports to its own ward council)'),
    preset: z.boolean().optional().describe('The closing date is a preset default, not a fact of the plan'),
    lateUntil: ClosingRuleSchema.optional().describe(
      'Until when a late report of the year still counts as that year\'s (default: the closing of the flow that compiles these reports, else the closing itself); a return dated only after it is last year\'s file reused',
    ),
  })
  .strict();

/** How fiscal years are counted and labelled. */
const FiscalYearSettingsSchema = z
  .object({
    startMonth: z.number().int().min(1).max(12).default(4),
    labelStyle: z.enum(['era', 'era-gregorian', 'gregorian', 'fy']).default('era'),
  })
  .strict();

/** Where a statement in the plan comes from: a fact of the source, or a preset default. */
const ProvenanceNoteSchema = z
  .object({
    path: z.string().describe('JSON path in this file'),
    kind: z.enum(['fact', 'preset-default', 'sample']),
    source: text.optional(),
  })
  .strict();

/** A plan file. */
export const PlanSchema = z
  .object({
    $schema: z.string().optional(),
    id: code,
    version: z.string().min(1),
    name: text,
    municipality: z.object({ code: z.string().min(1), name: text }).strict(),
    fiscalYear: FiscalYearSettingsSchema.default({ startMonth: 4, labelStyle: 'era' }),
    timeZone: z.string().default('Asia/Tokyo').describe('IANA zone used for "today"'),
    terms: z.array(TermSchema).min(1),
    currentTerm: z.number().int().positive(),
    levels: z.array(LevelSchema).min(1),
    units: z.array(UnitSchema).min(1),
    bodies: z.array(BodySchema).min(1),
    vocabularies: z.record(code, VocabularySchema),
    measures: z.array(MeasureSchema).default([]),
    initiatives: z.array(InitiativeSchema).default([]),
    templates: z.array(TemplateSchema).min(1),
    flows: z.array(FlowSchema).min(1),
    notes: z.array(ProvenanceNoteSchema).optional(),
  })
  .strict();

/** A plan as written in a file (defaults not yet applied). */
export type PlanInput = z.input<typeof PlanSchema>;
/** A loaded plan, defaults applied. */
export type Plan = z.output<typeof PlanSchema>;
export type Term = z.infer<typeof TermSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type Unit = z.infer<typeof UnitSchema>;
export type Body = z.infer<typeof BodySchema>;
export type Verification = z.infer<typeof VerificationSchema>;
export type VerificationField = z.infer<typeof VerificationFieldSchema>;
export type BodyKind = z.infer<typeof BodyKindSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
export type Initiative = z.infer<typeof InitiativeSchema>;
export type Vocabulary = z.infer<typeof VocabularySchema>;
export type VocabularyOption = z.infer<typeof OptionSchema>;
export type Field = z.infer<typeof FieldSchema>;
/** Field types of a return template. */
export type FieldType = Field['type'];
/** The field of one type, e.g. `FieldOf<'integer'>` has `min` and `max`. */
export type FieldOf<T extends FieldType> = Extract<Field, { type: T }>;
export type RollupKind = z.infer<typeof RollupKindSchema>;
export type RowRule = z.infer<typeof RowRuleSchema>;
export type DerivedField = z.infer<typeof DerivedFieldSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type Flow = z.infer<typeof FlowSchema>;
export type Cadence = z.infer<typeof CadenceSchema>;
export type Severity = z.infer<typeof SeveritySchema>;
