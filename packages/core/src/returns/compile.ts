/**
 * A template compiled for validation: per field, a parser that turns a raw cell into the
 * normalised value (or reports why it cannot), label tables, rules and table-rule settings.
 * Built once per (plan, template) and cached, so validating a row does no set-up work.
 */
import type { LocalizedText } from '../i18n/text.js';
import {
  parseDate,
  parseFiscalYear,
  type FiscalYearConfig,
  type LocalDate,
  type PeriodParseResult,
} from '../period/index.js';
import type { Field, FieldOf, Plan, Template, Unit } from '../plan/schema.js';
import { ancestors, initiativesOf } from '../plan/queries.js';
import { compileDerived, compileRules, type CompiledDerived, type CompiledRule } from '../rules/conditions.js';
import { findPersonalData } from '../rules/pii.js';
import { closest, normalizeDashes, normalizeText, toHalfWidth } from '../text/index.js';
import { reportWindow, type ReportWindow } from './closing.js';
import type { IssueParams, MessageCode } from './messages/index.js';
import { displayValue, eightDigitDate } from './cells.js';
import { labelKey, Lookup } from './lookup.js';
import { headerStem } from './stem.js';
import { NOT_SHORT, shortCount, shortDate } from './validate/short-forms.js';
import type { FieldValue } from './types.js';
import { LayoutMemo, Outcomes } from './validate/outcomes.js';

/** Returned by a parser when the cell could not be read (an error was emitted). */
export const FAIL: unique symbol = Symbol('fail');
type Parsed = FieldValue | typeof FAIL;

/** Where parsers report: the validator knows the current cell; the words come from `messages/`. */
export interface Emitter {
  emit<C extends MessageCode>(code: C, params: IssueParams[C]): void;
}

/** A field ready to validate. */
export interface CompiledField {
  key: string;
  index: number;
  field: Field;
  label: LocalizedText;
  required: boolean;
  /** Index of the field it depends on (a district's ward, an initiative's ward), or -1. */
  dependsOn: number;
  /** Parses a non-blank, non-error cell. `vals` holds the fields parsed before it. */
  parse(raw: unknown, em: Emitter, vals: readonly FieldValue[]): Parsed;
}

/** A template compiled against a plan. */
export interface CompiledTemplate {
  plan: Plan;
  template: Template;
  fields: CompiledField[];
  /** Field keys and derived keys → index in a row's value array. */
  index: Map<string, number>;
  /** Fields in parse order: parents before the fields that depend on them. */
  parseOrder: CompiledField[];
  derived: CompiledDerived[];
  derivedKeys: string[];
  rules: CompiledRule[];
  /** Normalised header text → field index (-2 for a derived column, which is recomputed). */
  headers: Map<string, number>;
  /** Header stems ({@link headerStem}) of every label and alias → field index; ambiguous stems left out. */
  stems: Map<string, number>;
  /** Every label and alias of a field, for the "probably this field" hint on an unknown header. */
  labels: { text: string; index: number }[];
  requiredCount: number;
  fyIndex: number;
  dateIndex: number;
  unitIndex: number;
  unique: number[];
  singleFiscalYear: boolean;
  /** Unit code → unit, for the row checks. */
  units: Map<string, Unit>;
  /** Ward code → initiative codes of its plan. */
  initiativesByUnit: Map<string, Set<string>>;
  /** First day and last day (closing date included) a report date may have in a fiscal year, and the grace window for late reports. */
  window(fy: number): ReportWindow | null;
  fyConfig: FiscalYearConfig;
  /** What each distinct text of each field came to (validate/outcomes.ts), kept with the compiled template. */
  outcomes: Outcomes;
  /** What the layout worked out about data-row texts (validate/outcomes.ts), kept likewise. */
  layoutMemo: LayoutMemo;
}

const cache = new WeakMap<Template, CompiledTemplate>();

/**
 * The compiled form of a template, cached by template object.
 *
 * @example
 * ```ts
 * const ct = compileTemplate(plan, getTemplate(plan, 'district-activity')!);
 * ```
 */
export function compileTemplate(plan: Plan, template: Template): CompiledTemplate {
  const hit = cache.get(template);
  if (hit !== undefined && hit.plan === plan) return hit;
  const ct = build(plan, template);
  cache.set(template, ct);
  return ct;
}

/** Distinct texts remembered per field; beyond this, new texts are parsed each time. */
const MEMO_LIMIT = 65536;

function memoOf<R>(): (s: string, f: (s: string) => R) => R {
  const memo = new Map<string, R>();
  return (s, f) => {
    let r = memo.get(s);
    if (r === undefined) {
      r = f(s);
      // Keep the first texts seen rather than thrash: a column repeats the same few forms.
      if (memo.size < MEMO_LIMIT) memo.set(s, r);
    }
    return r;
  };
}

function build(plan: Plan, template: Template): CompiledTemplate {
  const fyConfig: FiscalYearConfig = plan.fiscalYear;
  const index = new Map<string, number>();
  template.fields.forEach((f, i) => index.set(f.key, i));
  const derivedDefs = template.derived ?? [];
  derivedDefs.forEach((d, i) => {
    if (!index.has(d.key)) index.set(d.key, template.fields.length + i);
  });

  const headers = new Map<string, number>();
  const addHeader = (text: string, i: number): void => {
    const k = labelKey(text);
    if (k !== '' && !headers.has(k)) headers.set(k, i);
  };
  template.fields.forEach((f, i) => {
    addHeader(f.label.ja, i);
    addHeader(f.label.en, i);
    addHeader(f.key, i);
  });
  template.fields.forEach((f, i) => {
    for (const a of f.aliases ?? []) addHeader(a, i);
  });
  const stems = new Map<string, number>();
  const clash = new Set<string>();
  const labels: { text: string; index: number }[] = [];
  template.fields.forEach((f, i) => {
    for (const t of [f.label.ja, f.label.en, ...(f.aliases ?? [])]) {
      labels.push({ text: t, index: i });
      const st = headerStem(t);
      if (st === '' || clash.has(st)) continue;
      const prev = stems.get(st);
      if (prev === undefined) stems.set(st, i);
      else if (prev !== i) {
        stems.delete(st);
        clash.add(st);
      }
    }
  });
  for (const d of derivedDefs) {
    addHeader(d.label.ja, -2);
    addHeader(d.label.en, -2);
    addHeader(d.key, -2);
  }

  const windows = new Map<number, ReportWindow | null>();
  const window = (fy: number) => {
    let w = windows.get(fy);
    if (w === undefined) {
      try {
        w = reportWindow(plan, template, fy);
      } catch {
        w = null;
      }
      windows.set(fy, w);
    }
    return w;
  };

  const initiativesByUnit = new Map<string, Set<string>>();
  for (const u of plan.units) {
    if (template.fields.some((f) => f.type === 'unit' && f.level === u.level)) {
      initiativesByUnit.set(u.code, new Set(initiativesOf(plan, u.code).map((i) => i.code)));
    }
  }

  const fields: CompiledField[] = template.fields.map((f, i) => compileField(plan, template, f, i, index, fyConfig));
  const visiting = new Set<number>();
  const order: CompiledField[] = [];
  const visit = (cf: CompiledField): void => {
    if (order.includes(cf) || visiting.has(cf.index)) return;
    visiting.add(cf.index);
    const dep = fields[cf.dependsOn];
    if (dep) visit(dep);
    order.push(cf);
  };
  fields.forEach(visit);

  const ti = (k: string | undefined): number => (k === undefined ? -1 : (index.get(k) ?? -1));
  return {
    plan,
    template,
    fields,
    index,
    parseOrder: order,
    derived: compileDerived(derivedDefs, index),
    derivedKeys: derivedDefs.map((d) => d.key),
    rules: compileRules(template.rules ?? [], index),
    headers,
    stems,
    labels,
    requiredCount: template.fields.filter((f) => f.required === true).length,
    fyIndex: ti(template.fiscalYearField),
    dateIndex: ti(template.reportDateField),
    unitIndex: ti(template.unitField),
    unique: (template.tableRules?.unique ?? []).map((k) => ti(k)).filter((i) => i >= 0),
    singleFiscalYear: template.tableRules?.singleFiscalYear === true,
    units: new Map(plan.units.map((u) => [u.code, u])),
    initiativesByUnit,
    window,
    fyConfig,
    outcomes: new Outcomes(template.fields.length),
    layoutMemo: new LayoutMemo(),
  };
}

function compileField(
  plan: Plan,
  template: Template,
  field: Field,
  i: number,
  index: Map<string, number>,
  fyConfig: FiscalYearConfig,
): CompiledField {
  const label = field.label;
  const base = {
    key: field.key,
    index: i,
    field,
    label,
    required: field.required === true,
    dependsOn: -1,
  };
  switch (field.type) {
    case 'fiscalYear':
      return { ...base, parse: fiscalYearParser(label, fyConfig) };
    case 'date':
      return { ...base, parse: dateParser(label) };
    case 'integer':
    case 'number':
      return { ...base, parse: numberParser(field) };
    case 'text':
      return { ...base, parse: textParser(field) };
    case 'boolean':
      return { ...base, parse: booleanParser(label) };
    case 'enum':
    case 'multiEnum':
      return { ...base, parse: enumParser(plan, field) };
    case 'unit': {
      const dep = field.parentField === undefined ? -1 : (index.get(field.parentField) ?? -1);
      return { ...base, dependsOn: dep, parse: unitParser(plan, field, dep) };
    }
    case 'initiative': {
      const dep = field.unitField === undefined ? -1 : (index.get(field.unitField) ?? -1);
      return { ...base, dependsOn: dep, parse: codeParser(plan, field, 'initiative') };
    }
    case 'measure':
      return { ...base, parse: codeParser(plan, field, 'measure') };
    default:
      void template;
      return { ...base, parse: textParser(field) };
  }
}

// ----- fiscal years and dates ---------------------------------------------------------------------

function fiscalYearParser(label: LocalizedText, cfg: FiscalYearConfig) {
  const memo = memoOf<PeriodParseResult<number>>();
  const parseS = (s: string) => parseFiscalYear(s, cfg);
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1900 && raw <= 2200) return raw;
    if (raw instanceof Date) {
      em.emit('invalid_fiscal_year', { field: label, value: raw, reason: 'date' });
      return FAIL;
    }
    const r = typeof raw === 'string' ? memo(raw, parseS) : parseFiscalYear(raw, cfg);
    if (!r.ok) {
      em.emit('invalid_fiscal_year', { field: label, value: raw, reason: r.issues[0]! });
      return FAIL;
    }
    if (r.issues.includes('era_year_beyond_end')) em.emit('era_year_beyond_end', { field: label, value: raw, fy: r.value });
    return r.value;
  };
}

const DAYS_IN_MONTH = [0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** `YYYY-MM-DD` of a real day (1900–9999): already canonical, no parsing needed. */
function isCanonicalDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    y = y * 10 + d;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 3 || d2 < 0 || d2 > 9) return false;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > (DAYS_IN_MONTH[m] ?? 0)) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

function dateParser(label: LocalizedText) {
  const memo = memoOf<PeriodParseResult<LocalDate>>();
  // Whole serial numbers repeat (a return covers one year): remember their dates.
  const serials = new Map<number, LocalDate>();
  const dates = new Map<number, PeriodParseResult<LocalDate>>();
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'string') {
      if (isCanonicalDate(raw)) return raw;
      // 2026/5/10, 2026年5月10日: read in place (validate/short-forms.ts says why).
      const d = shortDate(raw);
      if (d !== null) return d;
    }
    if (typeof raw === 'number' && Number.isInteger(raw)) {
      const hit = serials.get(raw);
      if (hit !== undefined) return hit;
    }
    let r: PeriodParseResult<LocalDate>;
    if (typeof raw === 'string') r = memo(raw, parseDate);
    else if (raw instanceof Date) {
      const t = raw.getTime();
      r = dates.get(t) ?? parseDate(raw);
      if (dates.size < MEMO_LIMIT && !Number.isNaN(t)) dates.set(t, r);
    } else {
      r = parseDate(raw);
      if (r.ok && typeof raw === 'number' && Number.isInteger(raw) && serials.size < MEMO_LIMIT) serials.set(raw, r.value);
    }
    if (!r.ok) {
      // 20260615: a date typed without separators; the message says which day it looks like.
      em.emit('invalid_date', { field: label, value: raw, reason: r.issues[0]!, eight: eightDigitDate(raw) });
      return FAIL;
    }
    const notes = r.issues;
    if (notes.length > 0 && !(notes.length === 1 && (notes[0] === 'excel_serial' || notes[0] === 'normalised_width'))) {
      if (notes.includes('era_date_after_era_end')) em.emit('era_date_after_era_end', { field: label, value: raw, date: r.value });
      else if (notes.includes('era_date_before_era_start')) em.emit('era_date_before_era_start', { field: label, value: raw, date: r.value });
      if (notes.includes('time_of_day_ignored')) em.emit('time_of_day_ignored', { field: label, date: r.value });
    }
    return r.value;
  };
}

// ----- numbers --------------------------------------------------------------------------------------

const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/**
 * The number the full parser reads from a count text (１２回, 1,200人, -3, 2.5), or null: width,
 * dashes and white space normalised, the first of `suffixes` (normalised the same way) that ends
 * the text stripped, then a plain or comma-grouped decimal.
 */
export function parseNumberText(s: string, suffixes: readonly string[]): number | null {
  let t = normalizeDashes(toHalfWidth(s)).replace(ALL_SPACE, '');
  for (const suf of suffixes) {
    if (t.length > suf.length && t.endsWith(suf)) {
      t = t.slice(0, -suf.length);
      break;
    }
  }
  if (GROUPED.test(t)) t = t.replace(/,/g, '');
  if (!PLAIN.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** A field's unit suffixes as {@link parseNumberText} compares them. */
export function normalisedSuffixes(field: FieldOf<'integer' | 'number'>): string[] {
  return (field.unitSuffixes ?? []).map((s) => toHalfWidth(s).replace(ALL_SPACE, '')).filter((s) => s !== '');
}

function numberParser(field: FieldOf<'integer' | 'number'>) {
  const label = field.label;
  const integer = field.type === 'integer';
  const min = field.min;
  const max = field.max;
  const suffixes = normalisedSuffixes(field);
  const nonNegative = min === 0;
  const memo = memoOf<number | null>();
  const parseText = (s: string): number | null => parseNumberText(s, suffixes);
  const check = (n: number, raw: unknown, em: Emitter): Parsed => {
    if (integer && !Number.isInteger(n)) {
      em.emit('not_integer', { field: label, value: raw, integer, nonNegative });
      return FAIL;
    }
    if (min !== undefined && n < min) {
      em.emit('below_min', { field: label, value: raw, min, integer, nonNegative });
      return FAIL;
    }
    if (max !== undefined && n > max) {
      em.emit('above_max', { field: label, value: raw, max });
      return FAIL;
    }
    return n;
  };
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'number') {
      if (Number.isFinite(raw)) return check(raw, raw, em);
    } else if (typeof raw === 'string') {
      // 12, １２, 1,234, 12回: read in place (validate/short-forms.ts says why).
      const d = shortCount(raw, suffixes);
      if (d !== NOT_SHORT) return check(d, raw, em);
      const n = memo(raw, parseText);
      if (n !== null) return check(n, raw, em);
    }
    em.emit('not_a_number', { field: label, value: raw, integer, nonNegative });
    return FAIL;
  };
}

// ----- text -----------------------------------------------------------------------------------------

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function textParser(field: FieldOf<'text'>) {
  const label = field.label;
  const maxLength = field.maxLength;
  const narrative = field.narrative === true;
  return (raw: unknown, em: Emitter): Parsed => {
    let s: string;
    if (typeof raw === 'string') {
      s = raw.indexOf('\r') >= 0 || raw.indexOf('_x000') >= 0 || raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32 || raw.charCodeAt(0) === 0x3000 || raw.charCodeAt(raw.length - 1) === 0x3000
        ? normalizeText(raw)
        : raw;
    } else {
      if (typeof raw === 'number') s = String(raw);
      else if (raw instanceof Date) s = displayValue(raw);
      else s = raw === true ? 'TRUE' : 'FALSE';
      em.emit('number_as_text', { field: label, value: raw as number | boolean | Date });
    }
    if (maxLength !== undefined && s.length > maxLength) {
      const n = codePoints(s);
      if (n > maxLength) {
        em.emit('text_too_long', { field: label, length: n, max: maxLength });
        return FAIL;
      }
    }
    if (narrative) {
      for (const f of findPersonalData(s)) em.emit(f.kind, { field: label, match: f.match });
    }
    return s;
  };
}

// ----- yes/no ---------------------------------------------------------------------------------------

const YES = ['○', '◯', '〇', '●', '◎', 'はい', '有', '有り', 'あり', 'yes', 'y', 'true', '1', 'レ', '✓', '✔', '☑', '該当', 'する'];
const NO = ['×', '✕', '☓', '✗', 'いいえ', '無', '無し', 'なし', 'no', 'n', 'false', '0', '非該当', 'しない'];

function booleanParser(label: LocalizedText) {
  const table = new Lookup<boolean>();
  for (const y of YES) table.add(y, true);
  for (const n of NO) table.add(n, false);
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'boolean') return raw;
    if (raw === 1) return true;
    if (raw === 0) return false;
    if (typeof raw === 'string') {
      const hit = table.find(raw);
      if (hit.length === 1) return hit[0] ?? null;
    }
    em.emit('invalid_boolean', { field: label, value: raw });
    return FAIL;
  };
}

// ----- enumerations ---------------------------------------------------------------------------------

// 、 , ; / and line breaks always separate; ・ and spaces only where the pieces are not one label.
const HARD_SEPARATORS = /[、，,;；/／\n\r]+/;
const SOFT_SEPARATORS = /([・･\s\u3000]+)/;

function enumParser(plan: Plan, field: FieldOf<'enum' | 'multiEnum'>) {
  const label = field.label;
  const vocab = field.vocabulary === undefined ? undefined : plan.vocabularies[field.vocabulary];
  const table = new Lookup<string>();
  const options: LocalizedText[] = [];
  for (const o of vocab?.options ?? []) {
    table.add(o.code, o.code, true);
    table.add(o.label.ja, o.code);
    table.add(o.label.en, o.code);
    for (const a of o.aliases ?? []) table.add(a, o.code);
    options.push(o.label);
  }
  const one = (text: string): string | null => {
    const hit = table.find(text);
    return hit.length === 1 ? (hit[0] ?? null) : null;
  };

  if (field.type === 'enum') {
    return (raw: unknown, em: Emitter): Parsed => {
      if (typeof raw === 'string' || typeof raw === 'number') {
        const c = one(typeof raw === 'string' ? raw : String(raw));
        if (c !== null) return c;
      }
      em.emit('invalid_option', { field: label, value: raw, options, multiple: false, unknown: null });
      return FAIL;
    };
  }

  // multiEnum: the whole cell first (民生委員・児童委員 is one label), then hard separators, then
  // the longest run of ・/space-separated pieces that is a known label.
  const memo = memoOf<{ codes: string[]; unknown: string[] }>();
  const split = (s: string): { codes: string[]; unknown: string[] } => {
    const codes: string[] = [];
    const unknown: string[] = [];
    const add = (c: string): void => {
      if (!codes.includes(c)) codes.push(c);
    };
    const whole = one(s);
    // Records share these arrays (one per distinct text): frozen, so one record cannot change another.
    if (whole !== null) return { codes: Object.freeze([whole]) as string[], unknown };
    for (const partRaw of s.split(HARD_SEPARATORS)) {
      const part = partRaw.trim();
      if (part === '') continue;
      const c = one(part);
      if (c !== null) {
        add(c);
        continue;
      }
      const pieces = part.split(SOFT_SEPARATORS);
      // pieces alternate: text, separator, text, …
      let i = 0;
      while (i < pieces.length) {
        let found: string | null = null;
        let end = i;
        for (let j = pieces.length - 1; j >= i; j -= 2) {
          const cand = pieces.slice(i, j + 1).join('').trim();
          if (cand === '') continue;
          const k = one(cand);
          if (k !== null) {
            found = k;
            end = j;
            break;
          }
        }
        if (found !== null) {
          add(found);
          i = end + 2;
        } else {
          const t = (pieces[i] ?? '').trim();
          if (t !== '') unknown.push(t);
          i += 2;
        }
      }
    }
    return { codes: Object.freeze(codes) as string[], unknown };
  };
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'string' || typeof raw === 'number') {
      const r = memo(typeof raw === 'string' ? raw : String(raw), split);
      if (r.unknown.length === 0) return r.codes.length === 0 ? null : r.codes;
      em.emit('invalid_option', { field: label, value: raw, options, multiple: true, unknown: r.unknown });
      return FAIL;
    }
    em.emit('invalid_option', { field: label, value: raw, options, multiple: true, unknown: null });
    return FAIL;
  };
}

// ----- units, initiatives, measures ----------------------------------------------------------------

function unitParser(plan: Plan, field: FieldOf<'unit'>, parentIndex: number) {
  const label = field.label;
  const level = plan.levels.find((l) => l.id === field.level);
  const levelEn = level?.name.en ?? label.en;
  const table = new Lookup<Unit>();
  for (const u of plan.units) {
    if (field.level !== undefined && u.level !== field.level) continue;
    table.add(u.code, u, true);
    table.add(u.name.ja, u);
    table.add(u.name.en, u);
    for (const a of u.aliases ?? []) table.add(a, u);
  }
  const under = (u: Unit, parent: string): boolean => u.parent === parent || ancestors(plan, u.code).some((a) => a.code === parent);
  return (raw: unknown, em: Emitter, vals: readonly FieldValue[]): Parsed => {
    let found: Unit[] = [];
    if (typeof raw === 'string') found = table.find(raw);
    else if (typeof raw === 'number' && Number.isFinite(raw)) found = table.find(String(raw));
    if (found.length === 1) return found[0]?.code ?? null;
    if (found.length > 1) {
      const parent = parentIndex >= 0 ? vals[parentIndex] : null;
      if (typeof parent === 'string') {
        const inside = found.filter((u) => under(u, parent));
        if (inside.length === 1) return inside[0]?.code ?? null;
      }
      em.emit('ambiguous_unit', { field: label, value: raw, level: levelEn, units: found.map((u) => ({ code: u.code, name: u.name })) });
      return FAIL;
    }
    const parent = parentIndex >= 0 ? vals[parentIndex] : null;
    const near = nearestUnits(plan, field.level, typeof parent === 'string' ? parent : null, raw);
    em.emit('unknown_unit', { field: label, value: raw, level: levelEn, near: near.map((u) => u.name), example: exampleName(plan, field.level) });
    return FAIL;
  };
}

/** Roster units of a level whose names are most like a typed text (within the parent first). */
function nearestUnits(plan: Plan, level: string | undefined, parent: string | null, raw: unknown): Unit[] {
  if (typeof raw !== 'string' || raw.trim() === '') return [];
  const pool = plan.units.filter((u) => u.level === level);
  const inside = parent === null ? [] : pool.filter((u) => u.parent === parent);
  for (const list of [inside, pool]) {
    const names = closest(raw, list.map((u) => u.name.ja));
    if (names.length > 0) return names.map((n) => list.find((u) => u.name.ja === n)).filter((u): u is Unit => u !== undefined);
  }
  return [];
}

function exampleName(plan: Plan, level: string | undefined): string {
  return plan.units.find((u) => u.level === level)?.name.ja ?? '';
}

function codeParser(plan: Plan, field: Field, kind: 'initiative' | 'measure') {
  const label = field.label;
  const table = new Lookup<string>();
  if (kind === 'initiative') {
    for (const it of plan.initiatives) {
      table.add(it.code, it.code, true);
      table.add(it.name.ja, it.code);
      table.add(it.name.en, it.code);
      for (const a of it.aliases ?? []) table.add(a, it.code);
    }
  } else {
    for (const m of plan.measures) {
      table.add(m.code, m.code, true);
      table.add(m.name.ja, m.code);
      table.add(m.name.en, m.code);
    }
  }
  const code = kind === 'initiative' ? 'unknown_initiative' : 'unknown_measure';
  const example = kind === 'initiative' ? (plan.initiatives[0]?.code ?? 'C01') : (plan.measures[0]?.code ?? '4-1-1');
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'string' || typeof raw === 'number') {
      const hit = table.find(typeof raw === 'string' ? raw : String(raw));
      if (hit.length === 1) return hit[0] ?? null;
    }
    // A measure number such as 4-1-1 that Excel turned into a date says so.
    em.emit(code, { field: label, value: raw, example, asDate: raw instanceof Date && kind === 'measure' });
    return FAIL;
  };
}
