/**
 * Deterministic sample returns: raw cell grids shaped like what district chapters (社協地区部会)
 * send to their ward council (区支え合いのまち推進協議会), of any size, with a chosen share of bad
 * rows whose positions are known. Used by tests, the benchmark and demos.
 *
 * Everything is read from the plan — templates, units, initiatives, vocabularies, row rules — so
 * the generator works for any municipality's plan file, not only the Chiba preset.
 */
import { addDays, compareDates, fromDayNumber, toDayNumber, type LocalDate } from '../period/local-date.js';
import { fiscalYearRange } from '../period/fiscal-year.js';
import type { Condition, Field, FieldOf, Measure, Plan, Template, Unit, VocabularyOption } from '../plan/schema.js';
import { getTemplate, getUnit, initiativesOf, unitAtLevel, unitValidOn } from '../plan/queries.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import type { FieldValue, RawCell, SheetGrid } from '../returns/types.js';
import { applyDerived, holds, isBlank, repair, violate, type SampleRow, type Sampler } from './conditions.js';
import {
  blankCell,
  stray,
  writeBoolean,
  writeDate,
  writeFiscalYear,
  writeInteger,
  writeNamed,
  writeNumber,
  writeOption,
  writeOptions,
  writeUnit,
} from './forms.js';
import { createRng, type Rng } from './rng.js';

/** The kinds of deliberate error a bad sample row carries (each is a real error, not a warning). */
export type SampleBadKind =
  | 'negative_number'
  | 'not_a_number'
  | 'above_max'
  | 'unknown_option'
  | 'unknown_subject'
  | 'subject_outside_unit'
  | 'date_outside_fiscal_year'
  | 'invalid_date'
  | 'error_value'
  | 'required_blank'
  | 'rule_violation'
  | 'unit_outside_parent'
  | 'unknown_unit'
  | 'text_too_long';

/** Where a bad row is and what is wrong with it. */
export interface SampleBadRow {
  source?: string;
  sheet: string;
  /** Worksheet row number (1-based; the header is row 1). */
  row: number;
  kind: SampleBadKind;
  /** Field key of the broken cell (for a rule violation: the rule's field). */
  field: string;
  /** For `rule_violation`: the id of the row rule broken. */
  rule?: string;
}

/** Options of {@link generateReturns}. */
export interface GenerateReturnsOptions {
  /** Same seed, same plan, same options → the same grids, cell for cell. */
  seed: number | string;
  /** Data rows to generate in total (blank rows not counted). */
  rows: number;
  /** Share of data rows that carry an error, 0..1 (default 0). Exactly round(rows × badShare). */
  badShare?: number;
  /** Fiscal year 年度 of the returns (default 2026). */
  fiscalYear?: number;
  /** Template id (default: the first template with a `reportDateField`, i.e. an any-time return). */
  templateId?: string;
  /** Only units within these unit codes (e.g. ward codes). */
  wards?: string[];
  /** Split into one return per reporting unit of this many rows; default: one table of all rows. */
  rowsPerSheet?: number;
  /** Share of blank rows scattered between data rows (default 0.002). */
  blankRowShare?: number;
  /** Last day report dates may fall on (default: the last day of the fiscal year). */
  asOf?: LocalDate;
}

/** What {@link generateReturns} produced, and what validation should find in it. */
export interface GeneratedReturns {
  grids: SheetGrid[];
  expected: {
    templateId: string;
    fiscalYear: number;
    /** Data rows, good and bad (blank rows excluded). */
    rows: number;
    /** Rows with at least one error. */
    badRows: number;
    blankRows: number;
    /** Pass as `today` when validating: no generated date lies after it. */
    asOf: LocalDate;
    /** Every bad row, in grid order. */
    bad: SampleBadRow[];
  };
}

interface Subject {
  code: string;
  name: { ja: string; en: string };
  aliases?: string[] | undefined;
}

interface Ctx {
  plan: Plan;
  template: Template;
  fy: number;
  start: LocalDate;
  end: LocalDate;
  /** Last day a generated date may fall on: the fiscal year's end, or an earlier `asOf`. */
  lastDate: LocalDate;
  rng: Rng;
  fieldsByKey: Map<string, Field>;
  unitFields: Field[];
  leafField: Field | undefined;
  subjectField: Field | undefined;
  dateFields: Field[];
  leaves: Unit[];
  keyFields: string[];
  keys: Set<string>;
  /** Field → conditions under which a rule requires it (`undefined` = always). */
  requiredWhen: Map<string, (Condition | undefined)[]>;
  sampler: Sampler;
  subjectsByUnit: Map<string, Subject[]>;
  measureByCode: Map<string, Measure>;
}

// Generic narrative pools: plausible Japanese without digits, names or contact details, so good
// rows never trip the personal-information guard.
const OUTCOME_TEXTS = [
  '毎月の定例開催が定着し、参加者が少しずつ増えている。',
  '新たな協力者が加わり、訪問できる範囲が広がった。',
  '参加者同士の交流が生まれ、地域のつながりが深まった。',
  '広報紙で活動を紹介したところ、問い合わせが増えた。',
  '関係団体と連携し、行事を合同で開催できた。',
  '子どもから高齢者まで幅広い世代が参加した。',
  'ボランティアの協力により、安定して運営できた。',
  '初めて参加した人からも好評だった。',
  '民生委員と情報を共有し、支援が必要な世帯につなげた。',
  '会場を増やしたことで、近くで参加できる人が増えた。',
];
const ISSUE_TEXTS = [
  '担い手が高齢化しており、後継者の確保が課題である。',
  '会場の確保が難しく、開催回数を増やせない。',
  '若い世代の参加が少ない。',
  '活動資金が不足している。',
  '周知が十分でなく、参加者が固定化している。',
  '感染症対策のため、規模を縮小せざるを得なかった。',
  '支援が必要な人の情報が得にくい。',
  '役員の負担が大きく、活動の継続が心配である。',
];
const INDICATOR_TEXTS = ['研修会の開催回数', '相談件数', 'ボランティア登録者数', '講座の参加者数', '情報紙の発行回数', '協力事業者数', '講演会の参加者数', '訪問件数'];
const UNIT_TEXTS = ['回', '件', '人', '団体', '事業所'];
const NOTE_TEXTS = ['特になし', '継続して取り組む', '関係課と調整中'];
const UNKNOWN_SUBJECTS = ['花いっぱい運動', 'まちの清掃活動', '謎の取組み', 'Z99'];
const UNKNOWN_OPTIONS = ['検討中です', 'ふつう', 'E', '良好', '未定'];
const UNKNOWN_UNITS = ['架空地区', '東西地区', 'Unknown district'];
const NOT_NUMBERS = ['多数', '不明', '未集計', 'いっぱい'];
const ERROR_VALUES: RawCell[] = ['#N/A', { error: '#N/A' }, '#VALUE!', { error: '#REF!' }, '#DIV/0!'];

function textPool(field: Field): readonly string[] {
  const label = `${field.label.ja} ${field.label.en}`.toLowerCase();
  if (field.type === 'text' && field.narrative === true) return label.includes('課題') || label.includes('issue') ? ISSUE_TEXTS : OUTCOME_TEXTS;
  if (label.includes('指標') || label.includes('indicator')) return INDICATOR_TEXTS;
  if (label.includes('単位') || label.includes('unit')) return UNIT_TEXTS;
  return NOTE_TEXTS;
}

function options(ctx: Ctx, field: Field): VocabularyOption[] {
  const vocab = field.type === 'enum' || field.type === 'multiEnum' ? ctx.plan.vocabularies[field.vocabulary] : undefined;
  if (!vocab) throw new SasaeaiError(SasaeaiErrorCode.InvalidPlan, `field ${field.key} has no vocabulary`);
  return vocab.options;
}

function subjectsFor(ctx: Ctx, field: Field, row: SampleRow): Subject[] {
  if (field.type === 'measure') return ctx.plan.measures;
  const unit = field.type === 'initiative' && field.unitField !== undefined ? row[field.unitField] : undefined;
  const key = typeof unit === 'string' ? unit : '';
  let list = ctx.subjectsByUnit.get(key);
  if (!list) {
    list = key === '' ? ctx.plan.initiatives : initiativesOf(ctx.plan, key);
    ctx.subjectsByUnit.set(key, list);
  }
  return list;
}

// Lower options are more common: the first two (done / in progress, A / B …) carry most rows.
const OPTION_WEIGHTS = [3, 4, 2, 1];

// Counts in returns are skewed: many small sessions, a few large events.
function logUniformInt(rng: Rng, lo: number, hi: number): number {
  if (hi <= lo) return lo;
  return Math.min(hi, Math.floor(Math.exp(rng.float(Math.log(lo), Math.log(hi + 1)))));
}

function leafDateRange(ctx: Ctx, row: SampleRow): [LocalDate, LocalDate] {
  let from = ctx.start;
  let to = ctx.lastDate;
  const leafCode = ctx.leafField ? row[ctx.leafField.key] : undefined;
  const leaf = typeof leafCode === 'string' ? getUnit(ctx.plan, leafCode) : undefined;
  if (leaf?.validFrom !== undefined && leaf.validFrom > from) from = leaf.validFrom;
  if (leaf?.validTo !== undefined && leaf.validTo < to) to = leaf.validTo;
  return [from, to];
}

function sampleValue(ctx: Ctx, field: Field, row: SampleRow, exclude: readonly unknown[] = []): FieldValue {
  const { rng } = ctx;
  const avoid = (v: unknown) => exclude.includes(v as never);
  switch (field.type) {
    case 'fiscalYear':
      return ctx.fy;
    case 'unit': {
      const leafCode = ctx.leafField ? row[ctx.leafField.key] : undefined;
      if (typeof leafCode === 'string' && field.level !== undefined) return unitAtLevel(ctx.plan, leafCode, field.level)?.code ?? null;
      return rng.pick(ctx.leaves).code;
    }
    case 'date': {
      const [from, to] = leafDateRange(ctx, row);
      return fromDayNumber(rng.int(toDayNumber(from), toDayNumber(to)));
    }
    case 'initiative':
    case 'measure': {
      const list = subjectsFor(ctx, field, row).filter((s) => !avoid(s.code));
      return list.length > 0 ? rng.pick(list).code : null;
    }
    case 'enum': {
      const opts = options(ctx, field);
      const allowed = opts.map((o, i) => [o.code, OPTION_WEIGHTS[i] ?? 1] as const).filter(([c]) => !avoid(c));
      return allowed.length > 0 ? rng.weighted(allowed) : (opts[0]?.code ?? null);
    }
    case 'multiEnum': {
      const codes = options(ctx, field)
        .map((o) => o.code)
        .filter((c) => !avoid(c));
      return rng.shuffle([...codes]).slice(0, rng.weighted([[1, 5], [2, 3], [3, 2]] as const));
    }
    case 'integer':
    case 'number': {
      const min = field.min ?? 0;
      const max = Math.min(field.max ?? 5000, 5000);
      let n: number;
      do {
        n = min <= 0 && rng.chance(0.04) ? 0 : logUniformInt(rng, Math.max(1, min), Math.max(Math.max(1, min), Math.min(max, 400)));
      } while (avoid(n));
      return n;
    }
    case 'text': {
      if (field.key === ctx.template.unitField && ctx.subjectField?.type === 'measure') {
        const m = ctx.measureByCode.get(String(row[ctx.subjectField.key]));
        if (m) return rng.pick(m.departments).ja;
      }
      const pool = textPool(field).filter((t) => !avoid(t));
      const first = rng.pick(pool.length > 0 ? pool : NOTE_TEXTS);
      if (field.narrative === true && rng.chance(0.25)) {
        const second = rng.pick(pool.length > 0 ? pool : NOTE_TEXTS);
        const joined = second === first ? first : `${first}${rng.chance(0.5) ? '\n' : ''}${second}`;
        if (field.maxLength === undefined || joined.length <= field.maxLength) return joined;
      }
      return first;
    }
    case 'boolean':
      return exclude.includes(true) ? false : exclude.includes(false) ? true : rng.chance(0.3);
  }
}

function oneOf(ctx: Ctx, field: Field, values: readonly (string | number | boolean)[]): FieldValue {
  const v = ctx.rng.pick(values);
  return field.type === 'multiEnum' ? [String(v)] : v;
}

function ruleFails(ctx: Ctx, row: SampleRow) {
  return (ctx.template.rules ?? []).filter((r) => (r.when === undefined || holds(r.when, row)) && !holds(r.assert, row));
}

function keyOf(ctx: Ctx, row: SampleRow, raw?: Map<string, RawCell>): string {
  return ctx.keyFields.map((k) => (raw?.has(k) ? `raw:${JSON.stringify(raw.get(k))}` : JSON.stringify(row[k] ?? null))).join('|');
}

/** A row that satisfies every row rule of the template (errors and warnings), or null. */
function sampleConsistentRow(ctx: Ctx, fixed: SampleRow): SampleRow | null {
  const { rng, template } = ctx;
  const row: SampleRow = { ...fixed };
  const order = [...ctx.unitFields, ...(ctx.subjectField ? [ctx.subjectField] : []), ...template.fields];
  for (const f of order) if (!(f.key in row)) row[f.key] = sampleValue(ctx, f, row);
  // A numerator of a derived ratio is drawn around its denominator (actual ≈ target).
  for (const d of template.derived ?? []) {
    const q = row[d.denominator];
    const nf = ctx.fieldsByKey.get(d.numerator);
    if (typeof q === 'number' && nf && !(d.numerator in fixed)) row[d.numerator] = Math.round(q * rng.float(0.3, 1.4));
  }
  applyDerived(template.derived ?? [], row);
  // Decide which optional cells are filled: conditionally required fields when their rule asks.
  for (const f of template.fields) {
    if (f.required === true || f.key in fixed) continue;
    const whens = ctx.requiredWhen.get(f.key);
    const keep = whens
      ? whens.some((w) => w === undefined || holds(w, row)) || rng.chance(f.type === 'text' ? 0.3 : 0.05)
      : rng.chance(f.type === 'text' ? 0.6 : 0.85);
    if (!keep) row[f.key] = null;
  }
  applyDerived(template.derived ?? [], row);
  for (let i = 0; i < 12; i++) {
    const failing = ruleFails(ctx, row);
    const first = failing[0];
    if (!first) return row;
    repair(first.assert, row, ctx.sampler);
    applyDerived(template.derived ?? [], row);
  }
  return null;
}

function goodRow(ctx: Ctx, fixed: SampleRow): SampleRow {
  for (let attempt = 0; attempt < 400; attempt++) {
    const row = sampleConsistentRow(ctx, fixed);
    if (!row) continue;
    const key = keyOf(ctx, row);
    if (ctx.keys.has(key)) continue;
    ctx.keys.add(key);
    return row;
  }
  throw new SasaeaiError(
    SasaeaiErrorCode.InvalidArgument,
    `could not generate a row with a unique ${ctx.keyFields.join(' + ')}: ask for fewer rows, more units or a shorter rowsPerSheet`,
  );
}

interface Mutation {
  kind: SampleBadKind;
  field: string;
  rule?: string;
  raw: Map<string, RawCell>;
}

const BAD_WEIGHTS: readonly (readonly [SampleBadKind, number])[] = [
  ['rule_violation', 4],
  ['negative_number', 2],
  ['date_outside_fiscal_year', 2],
  ['error_value', 2],
  ['unknown_subject', 1],
  ['subject_outside_unit', 1],
  ['unknown_option', 1],
  ['required_blank', 1],
  ['not_a_number', 1],
  ['invalid_date', 1],
  ['unit_outside_parent', 1],
  ['above_max', 0.5],
  ['unknown_unit', 0.5],
  ['text_too_long', 0.5],
];

/** Breaks a good row in one way (changing `row` and/or overriding raw cells), or returns null. */
function mutate(ctx: Ctx, row: SampleRow, kind: SampleBadKind): Mutation | null {
  const { rng, template } = ctx;
  // The fiscal year stays intact: a return must not mix years, and that is a table problem.
  const fields = template.fields.filter((f) => f.key !== template.fiscalYearField);
  const raw = new Map<string, RawCell>();
  const numeric = fields.filter((f) => f.type === 'integer' || f.type === 'number');
  switch (kind) {
    case 'negative_number': {
      const nonNegative = numeric.filter((x) => (x.min ?? -1) >= 0);
      if (nonNegative.length === 0) return null;
      const f = rng.pick(nonNegative);
      const n = -rng.int(1, 50);
      row[f.key] = n;
      raw.set(f.key, rng.chance(0.7) ? n : String(n));
      return { kind, field: f.key, raw };
    }
    case 'not_a_number': {
      if (numeric.length === 0) return null;
      const f = rng.pick(numeric);
      raw.set(f.key, rng.pick(NOT_NUMBERS));
      return { kind, field: f.key, raw };
    }
    case 'above_max': {
      const withMax = numeric.filter((x) => x.max !== undefined);
      if (withMax.length === 0) return null;
      const f = rng.pick(withMax);
      const n = (f.max ?? 0) + rng.int(1, 500);
      row[f.key] = n;
      raw.set(f.key, n);
      return { kind, field: f.key, raw };
    }
    case 'unknown_option': {
      const enums = fields.filter((x) => x.type === 'enum' || x.type === 'multiEnum');
      if (enums.length === 0) return null;
      const f = rng.pick(enums);
      const bad = rng.pick(UNKNOWN_OPTIONS);
      if (f.type === 'multiEnum') {
        const first = options(ctx, f)[0];
        raw.set(f.key, first ? `${first.label.ja}、${bad}` : bad);
      } else raw.set(f.key, bad);
      return { kind, field: f.key, raw };
    }
    case 'unknown_subject': {
      if (!ctx.subjectField) return null;
      raw.set(ctx.subjectField.key, rng.pick(UNKNOWN_SUBJECTS));
      return { kind, field: ctx.subjectField.key, raw };
    }
    case 'subject_outside_unit': {
      const f = ctx.subjectField;
      if (!f || f.type !== 'initiative') return null;
      const inside = new Set(subjectsFor(ctx, f, row).map((s) => s.code));
      const outside = ctx.plan.initiatives.filter((i) => !inside.has(i.code));
      if (outside.length === 0) return null;
      row[f.key] = rng.pick(outside).code;
      return { kind, field: f.key, raw };
    }
    case 'date_outside_fiscal_year': {
      const f = ctx.dateFields[0];
      if (!f) return null;
      row[f.key] = addDays(ctx.start, -rng.int(1, 120));
      return { kind, field: f.key, raw };
    }
    case 'invalid_date': {
      const f = ctx.dateFields[0];
      if (!f) return null;
      raw.set(f.key, rng.pick([`${ctx.fy + 1}/2/30`, `${ctx.fy}/13/1`, `${ctx.fy}/4/31`, `${ctx.fy}年6月31日`]));
      return { kind, field: f.key, raw };
    }
    case 'error_value': {
      const f = rng.pick(fields);
      raw.set(f.key, rng.pick(ERROR_VALUES));
      return { kind, field: f.key, raw };
    }
    case 'required_blank': {
      const req = fields.filter((x) => x.required === true);
      if (req.length === 0) return null;
      const f = rng.pick(req);
      row[f.key] = null;
      raw.set(f.key, blankCell(rng));
      return { kind, field: f.key, raw };
    }
    case 'rule_violation': {
      const rules = (template.rules ?? []).filter((r) => r.severity === 'error');
      if (rules.length === 0) return null;
      const rule = rng.pick(rules);
      if (rule.when) repair(rule.when, row, ctx.sampler);
      applyDerived(template.derived ?? [], row);
      violate(rule.assert, row, ctx.sampler);
      applyDerived(template.derived ?? [], row);
      if ((rule.when !== undefined && !holds(rule.when, row)) || holds(rule.assert, row)) return null;
      return { kind, field: rule.field, rule: rule.id, raw };
    }
    case 'unit_outside_parent': {
      const f = ctx.leafField;
      const parentKey = f?.type === 'unit' ? f.parentField : undefined;
      if (!f || parentKey === undefined) return null;
      const others = ctx.leaves.filter((u) => u.parent !== row[parentKey]);
      if (others.length === 0) return null;
      row[f.key] = rng.pick(others).code;
      return { kind, field: f.key, raw };
    }
    case 'unknown_unit': {
      const f = ctx.leafField;
      if (!f) return null;
      raw.set(f.key, rng.pick(UNKNOWN_UNITS));
      return { kind, field: f.key, raw };
    }
    case 'text_too_long': {
      const texts = fields.filter((x): x is FieldOf<'text'> => x.type === 'text' && x.maxLength !== undefined && x.key !== template.unitField);
      if (texts.length === 0) return null;
      const f = rng.pick(texts);
      const pool = textPool(f);
      let s = '';
      while (s.length <= (f.maxLength ?? 0)) s += rng.pick(pool);
      row[f.key] = s;
      return { kind, field: f.key, raw };
    }
  }
}

function badRow(ctx: Ctx, fixed: SampleRow): { row: SampleRow; mutation: Mutation } {
  for (let attempt = 0; attempt < 400; attempt++) {
    const row = sampleConsistentRow(ctx, fixed);
    if (!row) continue;
    const mutation = mutate(ctx, row, ctx.rng.weighted(BAD_WEIGHTS));
    if (!mutation) continue;
    // A bad row must not take a key that a later good row would then collide with.
    const key = keyOf(ctx, row, mutation.raw);
    if (ctx.keys.has(key)) continue;
    ctx.keys.add(key);
    return { row, mutation };
  }
  throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, 'could not generate a bad row with a unique key: ask for fewer rows');
}

function writeCell(ctx: Ctx, field: Field, v: FieldValue | undefined): RawCell {
  const { rng } = ctx;
  if (isBlank(v)) return blankCell(rng);
  switch (field.type) {
    case 'fiscalYear': return writeFiscalYear(rng, Number(v));
    case 'date': return writeDate(rng, String(v));
    case 'unit': {
      const u = getUnit(ctx.plan, String(v));
      return u ? writeUnit(rng, u) : String(v);
    }
    case 'initiative':
    case 'measure': {
      const list = field.type === 'measure' ? ctx.plan.measures : ctx.plan.initiatives;
      const s = list.find((x) => x.code === v);
      return s ? writeNamed(rng, s, field.type === 'measure') : String(v);
    }
    case 'enum': {
      const o = options(ctx, field).find((x) => x.code === v);
      return o ? writeOption(rng, o) : String(v);
    }
    case 'multiEnum': {
      const codes = Array.isArray(v) ? v : [String(v)];
      const opts = options(ctx, field).filter((o) => codes.includes(o.code));
      return writeOptions(rng, opts);
    }
    case 'integer': return writeInteger(rng, Number(v), field);
    case 'number': return writeNumber(rng, Number(v));
    case 'boolean': return writeBoolean(rng, v === true);
    case 'text': return stray(rng, String(v), 0.03);
  }
}

function headerCell(rng: Rng, field: Field, english: boolean): string {
  if (english) return rng.chance(0.9) ? field.label.en : field.key;
  const aliases = field.aliases ?? [];
  const form = rng.weighted([['ja', 78], ['alias', aliases.length > 0 ? 14 : 0], ['en', 4]] as const);
  let text = form === 'ja' ? field.label.ja : form === 'alias' ? rng.pick(aliases) : field.label.en;
  // Headers typed in narrow columns get a line break in the middle (実施\n回数).
  if (form !== 'en' && text.length >= 4 && rng.chance(0.12)) text = `${text.slice(0, text.length >> 1)}\n${text.slice(text.length >> 1)}`;
  return stray(rng, text, 0.05);
}

function makeContext(plan: Plan, template: Template, fy: number, rng: Rng, wards: readonly string[] | undefined, asOf: LocalDate | undefined): Ctx {
  const range = fiscalYearRange(fy, plan.fiscalYear);
  if (asOf !== undefined && compareDates(asOf, range.start) < 0) {
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `asOf ${asOf} is before FY${fy} starts`);
  }
  const lastDate = asOf !== undefined && compareDates(asOf, range.end) < 0 ? asOf : range.end;
  const fieldsByKey = new Map(template.fields.map((f) => [f.key, f]));
  const leafCandidate = fieldsByKey.get(template.unitField);
  const leafField = leafCandidate?.type === 'unit' ? leafCandidate : undefined;
  // Parents before children, so a district is drawn first and its ward follows from it.
  const unitFields = template.fields.filter((f) => f.type === 'unit').sort((a, b) => (a === leafField ? -1 : b === leafField ? 1 : 0));
  const subjectCandidate = template.subjectField !== undefined ? fieldsByKey.get(template.subjectField) : undefined;
  const subjectField = subjectCandidate?.type === 'initiative' || subjectCandidate?.type === 'measure' ? subjectCandidate : undefined;
  const within = (u: Unit): boolean => {
    if (!wards || wards.length === 0) return true;
    for (let c: Unit | undefined = u; c; c = c.parent !== undefined ? getUnit(plan, c.parent) : undefined) if (wards.includes(c.code)) return true;
    return false;
  };
  const leaves = leafField
    ? plan.units.filter((u) => u.level === leafField.level && unitValidOn(u, range.start) && unitValidOn(u, range.end) && within(u))
    : [];
  if (leafField && leaves.length === 0) {
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `no ${leafField.level ?? 'unit'} valid throughout FY${fy}${wards ? ` within ${wards.join(', ')}` : ''}`);
  }
  const requiredWhen = new Map<string, (Condition | undefined)[]>();
  for (const r of template.rules ?? []) {
    const a = r.assert;
    if ('field' in a && a.op === 'present' && a.field === r.field) {
      const list = requiredWhen.get(r.field) ?? [];
      list.push(r.when);
      requiredWhen.set(r.field, list);
    }
  }
  const ctx = {
    plan,
    template,
    fy,
    start: range.start,
    end: range.end,
    lastDate,
    rng,
    fieldsByKey,
    unitFields,
    leafField,
    subjectField,
    dateFields: template.fields.filter((f) => f.type === 'date'),
    leaves,
    keyFields: template.tableRules?.unique ?? [],
    keys: new Set<string>(),
    requiredWhen,
    subjectsByUnit: new Map<string, Subject[]>(),
    measureByCode: new Map(plan.measures.map((m) => [m.code, m])),
  } as Omit<Ctx, 'sampler'> as Ctx;
  ctx.sampler = {
    template,
    value: (f, row, exclude) => sampleValue(ctx, f, row, exclude),
    oneOf: (f, values) => oneOf(ctx, f, values),
    factor: (lo, hi) => rng.float(lo, hi),
  };
  return ctx;
}

function resolveTemplate(plan: Plan, templateId: string | undefined, pick: (t: Template) => boolean, what: string): Template {
  const t = templateId !== undefined ? getTemplate(plan, templateId) : plan.templates.find(pick);
  if (!t) throw new SasaeaiError(SasaeaiErrorCode.UnknownTemplate, templateId !== undefined ? `unknown template ${templateId}` : `the plan has no ${what} template`);
  return t;
}

interface PlannedRow {
  fixed: SampleRow;
  bad: boolean;
}

function build(ctx: Ctx, groups: PlannedRow[][], blankShare: number, english: (i: number) => boolean, sourceOf: (rows: SampleRow[], i: number) => string | undefined): GeneratedReturns['expected'] & { grids: SheetGrid[] } {
  const { rng, template } = ctx;
  const grids: SheetGrid[] = [];
  const bad: SampleBadRow[] = [];
  let rows = 0;
  let blankRows = 0;
  groups.forEach((group, gi) => {
    const isEnglish = english(gi);
    const columns = [...template.fields];
    // Now and then two neighbouring columns were swapped by someone tidying the sheet.
    if (columns.length > 3 && rng.chance(0.1)) {
      const i = rng.int(1, columns.length - 2);
      const a = columns[i] as Field;
      columns[i] = columns[i + 1] as Field;
      columns[i + 1] = a;
    }
    const cells: RawCell[][] = [columns.map((f) => headerCell(rng, f, isEnglish))];
    const made: { row: SampleRow; mutation?: Mutation }[] = group.map((p) => (p.bad ? badRow(ctx, p.fixed) : { row: goodRow(ctx, p.fixed) }));
    const sheet = (isEnglish ? template.sheetName?.en : template.sheetName?.ja) ?? template.name.ja;
    const source = sourceOf(made.map((m) => m.row), gi);
    for (const { row, mutation } of made) {
      if (cells.length > 1 && rng.chance(blankShare)) {
        const blank = rng.chance(0.5) ? null : '';
        cells.push(columns.map(() => blank));
        blankRows++;
      }
      cells.push(columns.map((f) => (mutation?.raw.has(f.key) ? (mutation.raw.get(f.key) as RawCell) : writeCell(ctx, f, row[f.key]))));
      rows++;
      if (mutation) {
        const entry: SampleBadRow = { sheet, row: cells.length, kind: mutation.kind, field: mutation.field };
        if (source !== undefined) entry.source = source;
        if (mutation.rule !== undefined) entry.rule = mutation.rule;
        bad.push(entry);
      }
    }
    const grid: SheetGrid = { sheet, cells };
    if (source !== undefined) grid.source = source;
    grids.push(grid);
  });
  return { grids, templateId: template.id, fiscalYear: ctx.fy, rows, badRows: bad.length, blankRows, asOf: ctx.lastDate, bad };
}

function badFlags(rng: Rng, rows: number, share: number): boolean[] {
  if (!(share >= 0 && share <= 1)) throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `badShare must be within 0..1, got ${share}`);
  const count = Math.round(rows * share);
  const flags = new Array<boolean>(rows).fill(false);
  // A partial Fisher–Yates picks exactly `count` distinct rows.
  const idx = Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng.next() * (rows - i));
    const t = idx[i] as number;
    idx[i] = idx[j] as number;
    idx[j] = t;
    flags[idx[i] as number] = true;
  }
  return flags;
}

/**
 * Generates district returns (or any any-time return of the plan) as raw cell grids — a header
 * row and data rows typed the ways staff type them (docs/staff.md §3, "Fill it in") — with exactly
 * `round(rows × badShare)` rows carrying a real error, listed in `expected.bad`.
 *
 * Good rows satisfy every row rule of the template, warnings included, and the table rules
 * (no duplicate keys, one fiscal year per return). Validate with `today: expected.asOf`.
 *
 * @throws SasaeaiError `invalid_argument` when more rows are asked for than the units,
 *   initiatives and days of the fiscal year can hold without duplicates; `unknown_template`.
 * @example
 * ```ts
 * const plan = requirePlan(chibaPlan);
 * const { grids, expected } = generateReturns(plan, { seed: 1, rows: 1000, badShare: 0.1 });
 * const r = validateGrids(grids, { plan, today: expected.asOf });
 * r.summary.rowsWithErrors === expected.badRows; // true
 * ```
 */
export function generateReturns(plan: Plan, opts: GenerateReturnsOptions): GeneratedReturns {
  const fy = opts.fiscalYear ?? 2026;
  const template = resolveTemplate(plan, opts.templateId, (t) => t.reportDateField !== undefined, 'any-time');
  if (!Number.isInteger(opts.rows) || opts.rows < 0) throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `rows must be a whole number ≥ 0, got ${opts.rows}`);
  const rng = createRng(opts.seed);
  const ctx = makeContext(plan, template, fy, rng, opts.wards, opts.asOf);
  const flags = badFlags(rng, opts.rows, opts.badShare ?? 0);
  const groups: PlannedRow[][] = [];
  const per = opts.rowsPerSheet;
  if (per !== undefined) {
    if (!Number.isInteger(per) || per < 1) throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `rowsPerSheet must be a whole number ≥ 1, got ${per}`);
    // One return per reporting unit, going round the units in a shuffled order.
    const order = rng.shuffle([...ctx.leaves]);
    for (let i = 0, g = 0; i < opts.rows; i += per, g++) {
      const leaf = order[g % order.length] as Unit;
      const fixed: SampleRow = ctx.leafField ? { [ctx.leafField.key]: leaf.code } : {};
      groups.push(flags.slice(i, i + per).map((b) => ({ fixed, bad: b })));
    }
  } else groups.push(flags.map((b) => ({ fixed: {}, bad: b })));
  const leafKey = ctx.leafField?.key;
  const built = build(
    ctx,
    groups,
    opts.blankRowShare ?? 0.002,
    () => rng.chance(0.05),
    (rows, i) => {
      const leaf = leafKey !== undefined && per !== undefined ? rows[0]?.[leafKey] : undefined;
      const n = String(i + 1).padStart(4, '0');
      return typeof leaf === 'string' ? `${template.id}-${fy}-${leaf}-${n}.xlsx` : `${template.id}-${fy}-${n}.xlsx`;
    },
  );
  const { grids, ...expected } = built;
  return { grids, expected };
}

/** Options of {@link generateMeasureReturn}. */
export interface GenerateMeasureReturnOptions {
  seed: number | string;
  /** Fiscal year 年度 reported on (default 2026). */
  fiscalYear?: number;
  /** Template id (default: the first template with a measure field). */
  templateId?: string;
  /** Share of rows that carry an error, 0..1 (default 0). */
  badShare?: number;
}

/**
 * Generates the city's yearly measure return (市の施策 実施状況): one or two indicator rows per
 * measure of the plan, with actual values around their targets and ratings that agree with the
 * achievement rate (達成率), as one raw grid.
 *
 * @example
 * ```ts
 * const { grids, expected } = generateMeasureReturn(plan, { seed: 7, fiscalYear: 2026 });
 * grids[0]?.cells[0]; // the header row
 * ```
 */
export function generateMeasureReturn(plan: Plan, opts: GenerateMeasureReturnOptions): GeneratedReturns {
  const fy = opts.fiscalYear ?? 2026;
  const template = resolveTemplate(plan, opts.templateId, (t) => t.fields.some((f) => f.type === 'measure'), 'measure');
  const rng = createRng(opts.seed);
  const ctx = makeContext(plan, template, fy, rng, undefined, undefined);
  const subject = ctx.subjectField;
  const fixedRows: SampleRow[] = [];
  for (const m of plan.measures) {
    const n = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < n; i++) fixedRows.push(subject ? { [subject.key]: m.code } : {});
  }
  const flags = badFlags(rng, fixedRows.length, opts.badShare ?? 0);
  const { grids, ...expected } = build(
    ctx,
    [fixedRows.map((fixed, i) => ({ fixed, bad: flags[i] === true }))],
    0,
    () => false,
    () => `${template.id}-${fy}.xlsx`,
  );
  return { grids, expected };
}
