/**
 * A template compiled for validation: per field, a parser that turns a raw cell into the
 * normalised value (or reports why it cannot), label tables, rules and table-rule settings.
 * Built once per (plan, template) and cached, so validating a row does no set-up work.
 */
import type { LocalizedText } from '../i18n/text.js';
import {
  formatFiscalYear,
  parseDate,
  parseFiscalYear,
  type FiscalYearConfig,
  type LocalDate,
  type PeriodParseFailure,
  type PeriodParseResult,
} from '../period/index.js';
import type { Field, Plan, Template, Unit } from '../plan/schema.js';
import { ancestors, initiativesOf } from '../plan/queries.js';
import { compileDerived, compileRules, type CompiledDerived, type CompiledRule } from '../rules/conditions.js';
import { findPersonalData } from '../rules/pii.js';
import { closest, normalizeDashes, normalizeText, toHalfWidth } from '../text/index.js';
import { reportWindow, type ReportWindow } from './closing.js';
import type { CatalogueCode } from './codes.js';
import { displayValue, eightDigitDate } from './cells.js';
import { labelKey, Lookup } from './lookup.js';
import { headerStem } from './stem.js';
import type { FieldValue } from './types.js';

/** Returned by a parser when the cell could not be read (an error was emitted). */
export const FAIL: unique symbol = Symbol('fail');
type Parsed = FieldValue | typeof FAIL;

/** Where parsers report: the validator knows the current cell. */
export interface Emitter {
  emit(code: CatalogueCode, ja: string, en: string): void;
}

/** A field ready to validate. */
interface CompiledField {
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

const q = (v: unknown): string => `「${displayValue(v)}」`;
const qe = (v: unknown): string => `"${displayValue(v)}"`;

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
  const fyConfig: FiscalYearConfig = { startMonth: plan.fiscalYear.startMonth };
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

const FY_HINT_JA = '2026、2026年度、令和8年度、R8 のように入力してください。';
const FY_HINT_EN = 'Type it like 2026, 2026年度, 令和8年度 or R8.';
const DATE_HINT_JA = '2026/5/1、令和8年5月1日、R8.5.1 のように入力してください。';
const DATE_HINT_EN = 'Type it like 2026/5/1, 令和8年5月1日 or R8.5.1.';

function fiscalYearParser(label: LocalizedText, cfg: FiscalYearConfig) {
  const memo = memoOf<PeriodParseResult<number>>();
  const parseS = (s: string) => parseFiscalYear(s, cfg);
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1900 && raw <= 2200) return raw;
    if (raw instanceof Date) {
      em.emit(
        'invalid_fiscal_year',
        `${label.ja}に日付${q(raw)}が入っています。年度は${FY_HINT_JA}`,
        `${label.en} holds a date ${qe(raw)}. ${FY_HINT_EN}`,
      );
      return FAIL;
    }
    const r = typeof raw === 'string' ? memo(raw, parseS) : parseFiscalYear(raw, cfg);
    if (!r.ok) {
      const [ja, en] = fyFailure(r.reason, raw);
      em.emit('invalid_fiscal_year', `${label.ja}の${q(raw)}は${ja}${FY_HINT_JA}`, `${label.en} ${qe(raw)} ${en} ${FY_HINT_EN}`);
      return FAIL;
    }
    if (r.notes.includes('era_year_beyond_end')) {
      em.emit(
        'era_year_beyond_end',
        `${label.ja}の${q(raw)}は元号が終わった後の年度のため、${r.value}年度（${formatFiscalYear(r.value)}）として読み取りました。`,
        `${label.en} ${qe(raw)} names a year after its era ended; read as FY${r.value}.`,
      );
    }
    return r.value;
  };
}

function fyFailure(reason: PeriodParseFailure, raw: unknown): [string, string] {
  switch (reason) {
    case 'era_mismatch':
      return ['和暦と西暦の年が一致しません。', 'has era and Gregorian years that disagree.'];
    case 'invalid_era_year':
      return ['元号の0年はありません。', 'has era year 0, which does not exist.'];
    case 'not_integer':
      return ['整数ではありません。', 'is not a whole year.'];
    case 'out_of_range':
      return typeof raw === 'number' && raw > 10000
        ? ['年度として大きすぎます（日付のシリアル値の可能性があります）。', 'is too large for a year (possibly a date serial number).']
        : ['年度として範囲外です（1900〜2200）。', 'is out of range (1900–2200).'];
    default:
      return ['年度として読み取れません。', 'is not a fiscal year.'];
  }
}

function dateFailure(reason: PeriodParseFailure, raw: unknown): [string, string] {
  switch (reason) {
    case 'invalid_date':
      return raw instanceof Date
        ? ['無効な日付です。', 'is an invalid date.']
        : ['存在しない日付です。', 'is a day that does not exist.'];
    case 'era_mismatch':
      return ['和暦と西暦の年が一致しません。', 'has era and Gregorian years that disagree.'];
    case 'invalid_era_year':
      return ['元号の0年はありません。', 'has era year 0, which does not exist.'];
    case 'weekday_mismatch':
      return ['曜日が日付と合っていません。', 'has a weekday that does not match the date.'];
    case 'serial_1900_02_29':
      return ['Excelの架空の日付（1900年2月29日）です。', 'is Excel’s non-existent 29 February 1900.'];
    case 'out_of_range':
      return ['日付として範囲外です。', 'is out of the date range.'];
    default:
      return typeof raw === 'string' && /^\s*\d+\s*$/.test(raw)
        ? ['数字だけでは日付として読み取れません。', 'is only digits, not a date.']
        : typeof raw === 'boolean'
          ? ['TRUE/FALSE は日付ではありません。', 'is TRUE/FALSE, not a date.']
          : ['日付として読み取れません。', 'is not a date.'];
  }
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
    if (typeof raw === 'string' && isCanonicalDate(raw)) return raw;
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
      const eight = eightDigitDate(raw);
      if (eight !== null) {
        // 20260615: a date typed without separators. Say which day it looks like and how to type it.
        em.emit(
          'invalid_date',
          `${label.ja}の${q(raw)}は区切りのない数字のため、日付として読み取れません。${eight} のように「/」で区切って入力してください。`,
          `${label.en} ${qe(raw)} is digits without separators, not a date; type it as ${eight}.`,
        );
        return FAIL;
      }
      const [ja, en] = dateFailure(r.reason, raw);
      em.emit('invalid_date', `${label.ja}の${q(raw)}は${ja}${DATE_HINT_JA}`, `${label.en} ${qe(raw)} ${en} ${DATE_HINT_EN}`);
      return FAIL;
    }
    const notes = r.notes;
    if (notes.length > 0 && !(notes.length === 1 && (notes[0] === 'excel_serial' || notes[0] === 'normalised_width'))) {
      if (notes.includes('era_date_after_era_end')) {
        em.emit(
          'era_date_after_era_end',
          `${label.ja}の${q(raw)}は元号が終わった後の日付のため、${r.value}として読み取りました。`,
          `${label.en} ${qe(raw)} is an era date after the era ended; read as ${r.value}.`,
        );
      } else if (notes.includes('era_date_before_era_start')) {
        em.emit(
          'era_date_before_era_start',
          `${label.ja}の${q(raw)}は元号が始まる前の日付のため、${r.value}として読み取りました。`,
          `${label.en} ${qe(raw)} is an era date before the era began; read as ${r.value}.`,
        );
      }
      if (notes.includes('time_of_day_ignored')) {
        em.emit(
          'time_of_day_ignored',
          `${label.ja}に時刻が含まれていたため、日付 ${r.value} として読み取りました。`,
          `${label.en} carried a time of day; read as the date ${r.value}.`,
        );
      }
    }
    return r.value;
  };
}

// ----- numbers --------------------------------------------------------------------------------------

const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const ALL_SPACE = /[\s\u200B-\u200D\u2060\uFEFF]+/g;

/** The value of a short string of ASCII digits, or -1: the common case needs no parsing. */
function plainDigits(s: string): number {
  const n = s.length;
  if (n === 0 || n > 9) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function numberParser(field: Field) {
  const label = field.label;
  const integer = field.type === 'integer';
  const min = field.min;
  const max = field.max;
  const suffixes = (field.unitSuffixes ?? []).map((s) => toHalfWidth(s).replace(ALL_SPACE, '')).filter((s) => s !== '');
  const expectJa = integer
    ? min === 0
      ? '0以上の整数'
      : '整数'
    : min === 0
      ? '0以上の数値'
      : '数値';
  const expectEn = integer ? (min === 0 ? 'a whole number, 0 or more' : 'a whole number') : min === 0 ? 'a number, 0 or more' : 'a number';
  const memo = memoOf<number | null>();
  const parseText = (s: string): number | null => {
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
  };
  const check = (n: number, raw: unknown, em: Emitter): Parsed => {
    if (integer && !Number.isInteger(n)) {
      em.emit(
        'not_integer',
        `${label.ja}の${q(raw)}は整数ではありません。${expectJa}を入力してください。`,
        `${label.en} ${qe(raw)} is not a whole number; enter ${expectEn}.`,
      );
      return FAIL;
    }
    if (min !== undefined && n < min) {
      em.emit(
        'below_min',
        `${label.ja}の${q(raw)}は${min}より小さい値です。${expectJa}を入力してください。`,
        `${label.en} ${qe(raw)} is below ${min}; enter ${expectEn}.`,
      );
      return FAIL;
    }
    if (max !== undefined && n > max) {
      em.emit(
        'above_max',
        `${label.ja}の${q(raw)}は上限の${max}を超えています。入力を確認してください。`,
        `${label.en} ${qe(raw)} is above the maximum of ${max}; please check.`,
      );
      return FAIL;
    }
    return n;
  };
  return (raw: unknown, em: Emitter): Parsed => {
    if (typeof raw === 'number') {
      if (Number.isFinite(raw)) return check(raw, raw, em);
    } else if (typeof raw === 'string') {
      const d = plainDigits(raw);
      if (d >= 0) return check(d, raw, em);
      const n = memo(raw, parseText);
      if (n !== null) return check(n, raw, em);
    }
    const what =
      raw instanceof Date
        ? ['日付が入っています。', 'holds a date.']
        : typeof raw === 'boolean'
          ? ['TRUE/FALSE が入っています。', 'holds TRUE/FALSE.']
          : ['数値として読み取れません。', 'is not a number.'];
    em.emit(
      'not_a_number',
      `${label.ja}の${q(raw)}は${what[0]}${expectJa}を入力してください。`,
      `${label.en} ${qe(raw)} ${what[1]} Enter ${expectEn}.`,
    );
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

const PII_TEXT: Record<string, [string, string]> = {
  pii_phone: ['電話番号のような記載', 'what looks like a phone number'],
  pii_my_number: ['12桁の番号（マイナンバーの可能性）', 'a 12-digit number (possibly a My Number)'],
  pii_email: ['メールアドレスのような記載', 'what looks like an e-mail address'],
  pii_person_name: ['個人名のような記載', "what looks like a person's name"],
};

function textParser(field: Field) {
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
      if (typeof raw === 'number') {
        s = Number.isFinite(raw) ? String(raw) : String(raw);
        const serial = Number.isInteger(raw) && raw > 20000 && raw < 80000;
        em.emit(
          'number_as_text',
          `${label.ja}に数値${q(raw)}が入っています。文字として取り込みました${serial ? '（日付のシリアル値の可能性があります）' : ''}。`,
          `${label.en} holds the number ${qe(raw)}; read as text${serial ? ' (possibly a date serial number)' : ''}.`,
        );
      } else if (raw instanceof Date) {
        s = displayValue(raw);
        em.emit(
          'number_as_text',
          `${label.ja}に日付${q(raw)}が入っています。文字として取り込みました。`,
          `${label.en} holds the date ${qe(raw)}; read as text.`,
        );
      } else {
        s = raw === true ? 'TRUE' : 'FALSE';
        em.emit(
          'number_as_text',
          `${label.ja}に${s}が入っています。文字として取り込みました。`,
          `${label.en} holds ${s}; read as text.`,
        );
      }
    }
    if (maxLength !== undefined && s.length > maxLength) {
      const n = codePoints(s);
      if (n > maxLength) {
        em.emit(
          'text_too_long',
          `${label.ja}が${n}文字あり、上限の${maxLength}文字を超えています。${maxLength}文字以内にまとめてください。`,
          `${label.en} has ${n} characters, more than the limit of ${maxLength}; please shorten it.`,
        );
        return FAIL;
      }
    }
    if (narrative) {
      for (const f of findPersonalData(s)) {
        const t = PII_TEXT[f.kind] ?? ['個人情報', 'personal data'];
        em.emit(
          f.kind,
          `${label.ja}に${t[0]}「${f.match}」があります。個人情報は書かないでください。`,
          `${label.en} contains ${t[1]} "${f.match}"; do not include personal data.`,
        );
      }
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
    em.emit(
      'invalid_boolean',
      `${label.ja}の${q(raw)}は「はい」「いいえ」として読み取れません。○（はい）か ×（いいえ）を入力するか、空欄にしてください。`,
      `${label.en} ${qe(raw)} is not a yes/no value; type ○ (yes) or × (no), or leave it blank.`,
    );
    return FAIL;
  };
}

// ----- enumerations ---------------------------------------------------------------------------------

// 、 , ; / and line breaks always separate; ・ and spaces only where the pieces are not one label.
const HARD_SEPARATORS = /[、，,;；/／\n\r]+/;
const SOFT_SEPARATORS = /([・･\s\u3000]+)/;

function enumParser(plan: Plan, field: Field) {
  const label = field.label;
  const vocab = field.vocabulary === undefined ? undefined : plan.vocabularies[field.vocabulary];
  const table = new Lookup<string>();
  const labelsJa: string[] = [];
  const labelsEn: string[] = [];
  for (const o of vocab?.options ?? []) {
    table.add(o.code, o.code, true);
    table.add(o.label.ja, o.code);
    table.add(o.label.en, o.code);
    for (const a of o.aliases ?? []) table.add(a, o.code);
    labelsJa.push(`「${o.label.ja}」`);
    labelsEn.push(o.label.en);
  }
  const listJa = labelsJa.join('');
  const listEn = labelsEn.join(', ');
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
      em.emit(
        'invalid_option',
        `${label.ja}の${q(raw)}は選択肢にありません。${listJa}から選んでください。`,
        `${label.en} ${qe(raw)} is not an option; choose one of: ${listEn}.`,
      );
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
      em.emit(
        'invalid_option',
        `${label.ja}の${r.unknown.map((u) => `「${u}」`).join('')}は選択肢にありません。${listJa}から選び、複数あるときは「、」で区切ってください。`,
        `${label.en}: ${r.unknown.map((u) => `"${u}"`).join(', ')} ${r.unknown.length === 1 ? 'is not an option' : 'are not options'}; choose from ${listEn}, separated by 、 or commas.`,
      );
      return FAIL;
    }
    em.emit(
      'invalid_option',
      `${label.ja}の${q(raw)}は選択肢にありません。${listJa}から選んでください。`,
      `${label.en} ${qe(raw)} is not an option; choose from ${listEn}.`,
    );
    return FAIL;
  };
}

// ----- units, initiatives, measures ----------------------------------------------------------------

function unitParser(plan: Plan, field: Field, parentIndex: number) {
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
      const names = found.map((u) => `${u.code} ${u.name.ja}`).join('、');
      em.emit(
        'ambiguous_unit',
        `${q(raw)}に当たる${label.ja}が複数あります（${names}）。区を正しく入力するか、コードで入力してください。`,
        `${label.en} ${qe(raw)} matches several ${levelEn.toLowerCase()} units (${found.map((u) => `${u.code} ${u.name.en}`).join(', ')}); fill in the ward or use the code.`,
      );
      return FAIL;
    }
    const parent = parentIndex >= 0 ? vals[parentIndex] : null;
    const near = nearestUnits(plan, field.level, typeof parent === 'string' ? parent : null, raw);
    em.emit(
      'unknown_unit',
      `${q(raw)}という${label.ja}は名簿にありません。${near.length > 0 ? `名簿の近い名前：${near.map((u) => u.name.ja).join('、')}。` : ''}${label.ja}の名前（例：${exampleName(plan, field.level)}）かコードを入力してください。`,
      `${label.en} ${qe(raw)} is not in the roster of ${levelEn.toLowerCase()}s;${near.length > 0 ? ` closest names in the roster: ${near.map((u) => `${u.name.ja} (${u.name.en})`).join(', ')};` : ''} type its name or code.`,
    );
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
    if (raw instanceof Date && kind === 'measure') {
      em.emit(
        code,
        `${label.ja}が日付${q(raw)}に変わっています（Excelが「${example}」を日付に変換した可能性があります）。セルを文字列にして入力し直してください。`,
        `${label.en} became the date ${qe(raw)} (Excel may have turned "${example}" into a date); format the cell as text and retype it.`,
      );
      return FAIL;
    }
    em.emit(
      code,
      kind === 'initiative'
        ? `${label.ja}の${q(raw)}は計画の取組みにありません。取組みの名前か番号（${example} など）を入力してください。`
        : `${label.ja}の${q(raw)}は計画の施策番号にありません。施策番号（${example} など）を入力してください。`,
      kind === 'initiative'
        ? `${label.en} ${qe(raw)} is not an initiative of the plan; type its name or code (e.g. ${example}).`
        : `${label.en} ${qe(raw)} is not a measure of the plan; type its number (e.g. ${example}).`,
    );
    return FAIL;
  };
}
