/**
 * The blank return sheet (記入用の報告様式): what a district chapter (地区部会) fills in. Core
 * decides headers, formats, widths, Excel data validation with prompts and alerts, and the
 * prefilled fiscal year, ward and district; the CLI and the add-in only write the model, so a
 * workbook made by either validates the same way.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';
import { dueDate, fiscalYearRange, formatFiscalYear } from '../period/index.js';
import type { Field, Plan, Template, Unit } from '../plan/schema.js';
import { bodyInstance, findUnits, getTemplate, getUnit, initiativesOf, unitsAt } from '../plan/queries.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import type { ColumnKind, ColumnValidation, SheetColumn, SheetModel, SheetValue } from './model.js';
import { printSettings } from './print.js';

/** Options of {@link blankReturnSheet}. */
export interface BlankReturnOptions {
  /** Ward code or name; fills the ward column and narrows the district and initiative lists. */
  ward?: string;
  /** District code or name; fills the district column (and the ward, when not given). */
  district?: string;
  /** Fiscal year 年度; fills the fiscal-year column and bounds the report date. */
  fiscalYear?: number;
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
  const leafField = template.fields.find((f) => f.key === template.unitField && f.type === 'unit');

  let district: Unit | undefined;
  let ward = opts.ward !== undefined ? resolveUnit(plan, opts.ward, parentLevel) : undefined;
  if (opts.district !== undefined) {
    district = resolveUnit(plan, opts.district, leafField?.level, ward?.code);
    if (ward === undefined && district.parent !== undefined) ward = getUnit(plan, district.parent);
  }
  const fy = opts.fiscalYear;
  const cfg = { startMonth: plan.fiscalYear.startMonth };
  const flow = plan.flows.find((f) => f.template === template.id);
  const period = fy === undefined ? undefined : fiscalYearRange(fy, cfg);
  const closing = fy === undefined ? undefined : flow ? dueDate(flow.closing, fy, cfg) : period?.end;

  const columns = template.fields.map((f) => column(plan, f, { ward, period, closing, lang }));

  const prefill = new Map<string, SheetValue>();
  if (fy !== undefined) {
    prefill.set(template.fiscalYearField, formatFiscalYear(fy, lang === 'ja' ? plan.fiscalYear.labelStyle : 'fy', lang));
  }
  for (const f of unitFields) {
    const u = f.level === ward?.level ? ward : f.level === district?.level ? district : undefined;
    if (u !== undefined) prefill.set(f.key, u.name[lang]);
  }
  const rows: SheetValue[][] =
    prefill.size === 0 ? [] : Array.from({ length: rowCount }, () => template.fields.map((f) => prefill.get(f.key) ?? null));

  const heading = title(plan, template, { fy, ward, district, flowFrom: flow?.from });
  const sheet: SheetModel = {
    id: `blank-return/${template.id}`,
    name: template.sheetName ?? template.name,
    preamble: { title: heading, lines: preambleLines(template) },
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
    },
  };
  // District chapters print the form and fill it in by hand: the whole form on one page.
  const fiscalYear = fy === undefined ? undefined : { ja: formatFiscalYear(fy, plan.fiscalYear.labelStyle, 'ja'), en: `FY${fy}` };
  sheet.print = printSettings(sheet, { title: heading, ...(fiscalYear ? { fiscalYear } : {}) }, { onePage: true });
  return sheet;
}

function title(
  plan: Plan,
  template: Template,
  c: { fy: number | undefined; ward: Unit | undefined; district: Unit | undefined; flowFrom: string | undefined },
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
  return { ja: `${fyJa}${template.name.ja}${whoJa}`, en: `${fyEn}${template.name.en}${whoEn}` };
}

function preambleLines(template: Template): LocalizedText[] {
  const lines: LocalizedText[] = [];
  if (template.description !== undefined) lines.push(template.description);
  if (template.fields.some((f) => f.narrative === true)) {
    lines.push({
      ja: '※ 個人情報（氏名・電話番号・メールアドレス・マイナンバーなど）は記入しないでください。',
      en: '* Do not write personal data (names, phone numbers, e-mail addresses, My Numbers).',
    });
  }
  return lines;
}

interface ColumnContext {
  ward: Unit | undefined;
  period: { start: string; end: string } | undefined;
  closing: string | undefined;
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
      prompt = { ja: '区の計画の取組みを一覧から選んでください。', en: "Choose an initiative of the ward's plan." };
      break;
    }
    case 'measure':
      list(plan.measures.map((m) => m.code));
      prompt = { ja: '施策番号を一覧から選んでください。', en: 'Choose the measure number from the list.' };
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
      if (c.period !== undefined && c.closing !== undefined) {
        col.validation = { type: 'date', min: c.period.start, max: c.closing };
        col.errorAlert = {
          ja: `${label.ja}は${c.period.start}〜${c.closing}の日付で入力してください。`,
          en: `Enter ${label.en.toLowerCase()} as a date from ${c.period.start} to ${c.closing}.`,
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

function rangeText(f: Field): LocalizedText {
  const what = f.type === 'integer' ? { ja: '整数', en: 'a whole number' } : { ja: '数値', en: 'a number' };
  if (f.min !== undefined && f.max !== undefined) {
    return { ja: `${f.min}〜${f.max}の${what.ja}`, en: `${what.en} from ${f.min} to ${f.max}` };
  }
  if (f.min !== undefined) return { ja: `${f.min}以上の${what.ja}`, en: `${what.en}, ${f.min} or more` };
  if (f.max !== undefined) return { ja: `${f.max}以下の${what.ja}`, en: `${what.en}, ${f.max} or less` };
  return what;
}
