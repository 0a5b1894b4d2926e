/**
 * The blank return sheet (記入用の報告様式): what a district chapter (地区部会) fills in. Core
 * decides headers, formats, widths, Excel data validation with prompts and alerts, and the
 * prefilled fiscal year, ward and district; the CLI and the add-in only write the model, so a
 * workbook made by either validates the same way.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';
import { fiscalYearRange, formatFiscalYear } from '../period/index.js';
import { periodWindows, templateYearWindow } from '../plan/period-window.js';
import type { Field, FieldOf, Plan, Template, Unit } from '../plan/schema.js';
import { bodyInstance, findUnits, getTemplate, getUnit, initiativesOf, unitsAt } from '../plan/queries.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import type { ColumnKind, ColumnValidation, SheetColumn, SheetModel, SheetValue } from './model.js';
import { printSettings } from './print.js';
import { sampleNote } from './sample-notes.js';

/** Options of {@link blankReturnSheet}. */
export interface BlankReturnOptions {
  /** Ward code or name; fills the ward column and narrows the district and initiative lists. */
  ward?: string;
  /** District code or name; fills the district column (and the ward, when not given). */
  district?: string;
  /** Fiscal year 年度; fills the fiscal-year column and bounds the report date. */
  fiscalYear?: number;
  /**
   * Reporting period (from 1) of a half-year, quarterly or monthly flow of the template, with
   * `fiscalYear`: bounds the report date to that period's window (its start to its closing
   * date) and fills the template's period field. Without it, the date runs to the latest closing
   * date of the template's flows.
   */
  period?: number;
  /** Language of the prefilled values and of the list items (default `ja`). */
  lang?: Lang;
  /** Rows to prepare (default 30). */
  rows?: number;
}

const DEFAULT_ROWS = 30;

function kindOf(f: Field): ColumnKind {
  switch (f.type) {
    case 'date':
      return 'date';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'enum':
    case 'boolean':
    case 'unit':
    case 'initiative':
    case 'measure':
      return 'enum';
    default:
      return 'text';
  }
}

// Text formats for every column Excel could misread: 4-1-1 would become a date, 1/2 a fraction.
function numberFormatOf(f: Field): string {
  if (f.numberFormat !== undefined) return f.numberFormat;
  switch (f.type) {
    case 'date':
      return 'yyyy/m/d';
    case 'integer':
      return '#,##0';
    case 'number':
      return '#,##0.##';
    default:
      return '@';
  }
}

function resolveUnit(plan: Plan, text: string, level: string | undefined, parent?: string): Unit {
  const byCode = getUnit(plan, text);
  if (byCode !== undefined && (level === undefined || byCode.level === level)) return byCode;
  const found = findUnits(plan, text, {
    ...(level !== undefined ? { level } : {}),
    ...(parent !== undefined ? { parent } : {}),
  });
  if (found.length === 1 && found[0] !== undefined) return found[0];
  throw new SasaeaiError(
    SasaeaiErrorCode.InvalidArgument,
    found.length === 0 ? `No ${level ?? 'unit'} "${text}" in the plan` : `"${text}" names several units; use the code`,
  );
}

/**
 * A blank return sheet for a template: headers in Japanese and English, column kinds and number
 * formats, widths, Excel data validation (lists from the plan's vocabularies and roster, whole
 * numbers, dates within the fiscal year up to its closing date, text length) with input prompts
 * and error alerts, and — when a fiscal year, ward or district is given — that many rows with
 * those columns filled in.
 *
 * @throws SasaeaiError `unknown_template` for a template not in the plan, `invalid_argument` for an
 *   unknown ward or district.
 * @example
 * ```ts
 * const sheet = blankReturnSheet(plan, 'district-activity', { ward: '12101', district: '12101-01', fiscalYear: 2026 });
 * sheet.preamble?.title.ja; // '令和8年度 地区部会 活動状況報告（中央区 寒川地区部会）'
 * sheet.rows.length;        // 30
 * ```
 */
export function blankReturnSheet(plan: Plan, templateId: string, opts: BlankReturnOptions = {}): SheetModel {
  const template = getTemplate(plan, templateId);
  if (template === undefined) {
    throw new SasaeaiError(SasaeaiErrorCode.UnknownTemplate, `Template "${templateId}" is not in plan "${plan.id}"`);
  }
  const lang: Lang = opts.lang ?? 'ja';
  const rowCount = Math.max(0, Math.floor(opts.rows ?? DEFAULT_ROWS));
  const unitFields = template.fields.filter((f) => f.type === 'unit');
  const parentLevel = unitFields.find((f) => f.key !== template.unitField)?.level;
  const leafField = template.fields.find((f): f is FieldOf<'unit'> => f.key === template.unitField && f.type === 'unit');

  let district: Unit | undefined;
  let ward = opts.ward !== undefined ? resolveUnit(plan, opts.ward, parentLevel) : undefined;
  if (opts.district !== undefined) {
    district = resolveUnit(plan, opts.district, leafField?.level, ward?.code);
    if (ward === undefined && district.parent !== undefined) ward = getUnit(plan, district.parent);
  }
  const fy = opts.fiscalYear;
  const flow = plan.flows.find((f) => f.template === template.id);
  const window = fy === undefined ? undefined : dateWindow(plan, template, fy, opts.period);
  // Units and lists are those of the fiscal year; the report date runs over the period's window.
  const period = fy === undefined ? undefined : fiscalYearRange(fy, plan.fiscalYear);

  const columns = template.fields.map((f) => column(plan, f, { ward, period, dates: window, lang }));

  const prefill = new Map<string, SheetValue>();
  if (fy !== undefined) {
    prefill.set(template.fiscalYearField, formatFiscalYear(fy, lang === 'ja' ? plan.fiscalYear.labelStyle : 'fy', lang));
  }
  if (window?.period !== undefined && template.periodField !== undefined) prefill.set(template.periodField, window.period);
  for (const f of unitFields) {
    const u = f.level === ward?.level ? ward : f.level === district?.level ? district : undefined;
    if (u !== undefined) prefill.set(f.key, u.name[lang]);
  }
  const rows: SheetValue[][] =
    prefill.size === 0 ? [] : Array.from({ length: rowCount }, () => template.fields.map((f) => prefill.get(f.key) ?? null));

  const heading = title(plan, template, { fy, ward, district, flowFrom: flow?.from, period: window?.content });
  const sheet: SheetModel = {
    id: `blank-return/${template.id}`,
    name: template.sheetName ?? template.name,
    preamble: { title: heading, lines: [...preambleLines(template), ...sampleLines(plan, template, ward, period)] },
    columns,
    rows,
    blankRows: prefill.size === 0 ? rowCount : 0,
    freezeHeader: true,
    tableName: `Sasaeai_${template.id.replace(/[^A-Za-z0-9_]/g, '_')}`,
    metadata: {
      'sasaeai.plan': plan.id,
      'sasaeai.planVersion': plan.version,
      'sasaeai.template': template.id,
      ...(fy !== undefined ? { 'sasaeai.fiscalYear': String(fy) } : {}),
      ...(ward !== undefined ? { 'sasaeai.ward': ward.code } : {}),
      ...(district !== undefined ? { 'sasaeai.district': district.code } : {}),
      ...(window?.period !== undefined ? { 'sasaeai.period': String(window.period) } : {}),
    },
  };
  // District chapters print the form and fill it in by hand: the whole form on one page.
  const fiscalYear = fy === undefined ? undefined : { ja: formatFiscalYear(fy, plan.fiscalYear.labelStyle, 'ja'), en: `FY${fy}` };
  sheet.print = printSettings(sheet, { title: heading, ...(fiscalYear ? { fiscalYear } : {}) }, { onePage: true });
  return sheet;
}

/**
 * The report-date window of a blank return: the period's window when one is asked for (checked
 * against the template's flows), else the fiscal year up to the latest closing date.
 */
function dateWindow(plan: Plan, template: Template, fy: number, period: number | undefined): { start: string; end: string; period?: number; content?: LocalizedText } {
  if (period === undefined) return templateYearWindow(plan, template.id, fy);
  const windows = periodWindows(plan, template.id, fy);
  const w = windows.find((x) => x.period === period);
  if (!w)
    throw new SasaeaiError(
      SasaeaiErrorCode.InvalidArgument,
      windows.length === 0
        ? `period: template "${template.id}" is reported once a year or at any time; it has no periods`
        : `period: ${String(period)} is not a period of template "${template.id}" (periods: ${windows.map((x) => x.period).join(', ')})`,
    );
  return { start: w.start, end: w.due, period: w.period, content: w.content };
}

function title(
  plan: Plan,
  template: Template,
  c: { fy: number | undefined; ward: Unit | undefined; district: Unit | undefined; flowFrom: string | undefined; period: LocalizedText | undefined },
): LocalizedText {
  let whoJa = '';
  let whoEn = '';
  if (c.district !== undefined) {
    let body: LocalizedText = c.district.name;
    try {
      if (c.flowFrom !== undefined) body = bodyInstance(plan, c.flowFrom, c.district.code).name;
    } catch {
      // A plan without the sending body still gets a title with the district's name.
    }
    whoJa = `（${c.ward ? `${c.ward.name.ja} ` : ''}${body.ja}）`;
    whoEn = ` (${c.ward ? `${c.ward.name.en}, ` : ''}${body.en})`;
  } else if (c.ward !== undefined) {
    whoJa = `（${c.ward.name.ja}）`;
    whoEn = ` (${c.ward.name.en})`;
  }
  const fyJa = c.fy === undefined ? '' : `${formatFiscalYear(c.fy, plan.fiscalYear.labelStyle, 'ja')} `;
  const fyEn = c.fy === undefined ? '' : `FY${c.fy} `;
  // A period's return is titled by what its flow reports (e.g. 区の推進状況（中間報告）).
  const what = c.period ?? template.name;
  return { ja: `${fyJa}${what.ja}${whoJa}`, en: `${fyEn}${what.en}${whoEn}` };
}

function preambleLines(template: Template): LocalizedText[] {
  const lines: LocalizedText[] = [];
  if (template.description !== undefined) lines.push(template.description);
  if (template.fields.some((f) => f.type === 'text' && f.narrative === true)) {
    lines.push({
      ja: '※ 個人情報（氏名・電話番号・メールアドレス・マイナンバーなど）は記入しないでください。',
      en: '* Do not write personal data (names, phone numbers, e-mail addresses, My Numbers).',
    });
  }
  return lines;
}

/**
 * Notes naming the sample (illustrative) entries of the sheet's lists — districts, initiatives,
 * measures the plan marks `sample` — so staff never take a placeholder for the official list.
 */
function sampleLines(plan: Plan, template: Template, ward: Unit | undefined, period: { start: string; end: string } | undefined): LocalizedText[] {
  const lines: LocalizedText[] = [];
  for (const f of template.fields) {
    let names: LocalizedText[] = [];
    if (f.type === 'unit' && f.level !== undefined) {
      const within = f.parentField !== undefined ? ward?.code : undefined;
      names = unitsAt(plan, f.level, { ...(within !== undefined ? { within } : {}), ...(period ? { on: period.start, until: period.end } : {}) })
        .filter((u) => u.sample === true)
        .map((u) => u.name);
    } else if (f.type === 'initiative') names = (ward !== undefined ? initiativesOf(plan, ward.code) : plan.initiatives).filter((i) => i.sample === true).map((i) => i.name);
    else if (f.type === 'measure') names = plan.measures.filter((m) => m.sample === true).map((m) => ({ ja: m.code, en: m.code }));
    else if (f.type === 'enum' || f.type === 'multiEnum') names = ((f.vocabulary !== undefined ? plan.vocabularies[f.vocabulary]?.options : undefined) ?? []).filter((o) => o.sample === true).map((o) => o.label);
    const note = sampleNote(f.label, names);
    if (note) lines.push(note);
  }
  return lines;
}

interface ColumnContext {
  ward: Unit | undefined;
  period: { start: string; end: string } | undefined;
  /** Window of the report date: the fiscal year (or the period asked for) to its closing date. */
  dates: { start: string; end: string } | undefined;
  lang: Lang;
}

function column(plan: Plan, f: Field, c: ColumnContext): SheetColumn {
  const col: SheetColumn = {
    key: f.key,
    header: f.label,
    kind: kindOf(f),
    numberFormat: numberFormatOf(f),
  };
  if (f.width !== undefined) col.width = f.width;
  if (f.required === true) col.required = true;
  const label = f.label;
  const list = (values: string[]): void => {
    if (values.length === 0) return;
    col.validation = { type: 'list', values };
    col.errorAlert = { ja: `${label.ja}は一覧から選んでください。`, en: `Choose ${label.en.toLowerCase()} from the list.` };
  };
  let prompt: LocalizedText | undefined;
  switch (f.type) {
    case 'enum': {
      const vocab = f.vocabulary === undefined ? undefined : plan.vocabularies[f.vocabulary];
      list((vocab?.options ?? []).map((o) => o.label[c.lang]));
      prompt = { ja: '一覧から選んでください。', en: 'Choose from the list.' };
      break;
    }
    case 'multiEnum': {
      const vocab = f.vocabulary === undefined ? undefined : plan.vocabularies[f.vocabulary];
      const names = (vocab?.options ?? []).map((o) => o.label.ja).join('、');
      prompt = { ja: `${names} から。複数あるときは「、」で区切ります。`, en: 'Separate several with 、 or a comma.' };
      break;
    }
    case 'boolean':
      list(c.lang === 'ja' ? ['○', '×'] : ['Yes', 'No']);
      prompt = { ja: '当てはまるときは ○ を選びます（空欄は「いいえ」）。', en: 'Choose Yes when it applies (blank means no).' };
      break;
    case 'unit': {
      const on = c.period?.start;
      const until = c.period?.end;
      const within = f.parentField !== undefined ? c.ward?.code : undefined;
      if (f.level !== undefined && (f.parentField === undefined || within !== undefined)) {
        const units = unitsAt(plan, f.level, {
          ...(within !== undefined ? { within } : {}),
          ...(on !== undefined ? { on } : {}),
          ...(until !== undefined ? { until } : {}),
        }).filter((u) => on !== undefined || u.validTo === undefined);
        list(units.map((u) => u.name[c.lang]));
      }
      prompt = { ja: `${label.ja}を一覧から選んでください。`, en: `Choose the ${label.en.toLowerCase()} from the list.` };
      break;
    }
    case 'initiative': {
      const items = c.ward !== undefined ? initiativesOf(plan, c.ward.code) : plan.initiatives;
      list(items.map((i) => i.name[c.lang]));
      // Narrowed to the ward's own list when the sheet is for one ward.
      prompt =
        c.ward !== undefined
          ? { ja: `${c.ward.name.ja}の${f.label.ja}を一覧から選んでください。`, en: `Choose the ${f.label.en.toLowerCase()} of ${c.ward.name.en} from the list.` }
          : { ja: `${f.label.ja}を一覧から選んでください。`, en: `Choose the ${f.label.en.toLowerCase()} from the list.` };
      break;
    }
    case 'measure':
      list(plan.measures.map((m) => m.code));
      prompt = { ja: `${f.label.ja}（番号）を一覧から選んでください。`, en: `Choose the ${f.label.en.toLowerCase()} (its number) from the list.` };
      break;
    case 'integer':
    case 'number': {
      const v: ColumnValidation = { type: f.type === 'integer' ? 'whole' : 'decimal' };
      if (f.min !== undefined) v.min = f.min;
      if (f.max !== undefined) v.max = f.max;
      col.validation = v;
      const range = rangeText(f);
      col.errorAlert = {
        ja: `${label.ja}は${range.ja}で入力してください。`,
        en: `Enter ${label.en.toLowerCase()} as ${range.en}.`,
      };
      prompt = { ja: `${range.ja}。`, en: `${range.en[0]?.toUpperCase() ?? ''}${range.en.slice(1)}.` };
      break;
    }
    case 'date':
      if (c.dates !== undefined) {
        col.validation = { type: 'date', min: c.dates.start, max: c.dates.end };
        col.errorAlert = {
          ja: `${label.ja}は${c.dates.start}〜${c.dates.end}の日付で入力してください。`,
          en: `Enter ${label.en.toLowerCase()} as a date from ${c.dates.start} to ${c.dates.end}.`,
        };
      }
      break;
    case 'text':
      if (f.maxLength !== undefined) {
        col.validation = { type: 'textLength', max: f.maxLength };
        col.errorAlert = {
          ja: `${label.ja}は${f.maxLength}字以内で入力してください。`,
          en: `Keep ${label.en.toLowerCase()} within ${f.maxLength} characters.`,
        };
        prompt = { ja: `${f.maxLength}字以内。`, en: `Up to ${f.maxLength} characters.` };
      }
      break;
    default:
      break;
  }
  const p = f.prompt ?? prompt;
  if (p !== undefined) col.prompt = p;
  return col;
}

function rangeText(f: FieldOf<'integer' | 'number'>): LocalizedText {
  const what = f.type === 'integer' ? { ja: '整数', en: 'a whole number' } : { ja: '数値', en: 'a number' };
  if (f.min !== undefined && f.max !== undefined) {
    return { ja: `${f.min}〜${f.max}の${what.ja}`, en: `${what.en} from ${f.min} to ${f.max}` };
  }
  if (f.min !== undefined) return { ja: `${f.min}以上の${what.ja}`, en: `${what.en}, ${f.min} or more` };
  if (f.max !== undefined) return { ja: `${f.max}以下の${what.ja}`, en: `${what.en}, ${f.max} or less` };
  return what;
}
