/**
 * The receiving bodies' own verification (確認・評価, 成果と課題の検証): the plan declares per
 * receiving body what it records for each subject of its compiled report; core gives the sheet it
 * writes it on (prefilled with the compiled figures and the senders' narratives beside empty
 * verification columns), reads it back with located issues, and the roll-up carries it up.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';
import { getBody, getUnit } from '../plan/queries.js';
import type { Body, Flow, Plan, Verification, VerificationField } from '../plan/schema.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { columnLetters, displayValue, isBlankCell } from '../returns/cells.js';
import { ISSUE_CODES } from '../returns/codes.js';
import type { Issue, SheetGrid } from '../returns/types.js';
import type { SheetColumn, SheetModel, SheetValue } from '../sheet/model.js';
import { printSettings } from '../sheet/print.js';
import { sampleName } from '../sheet/sample-notes.js';
import { normalizeLabel } from '../text/index.js';
import { chainFlow, tableFlow } from './flows.js';
import type { AnnualReport, WardProgress } from './types.js';

/** One subject's verification as the body recorded it. */
export interface VerificationRecord {
  /** Subject code (initiative, measure). */
  subject: string;
  /** Values per verification field: option codes for enums, texts, booleans; null when blank. */
  values: Record<string, string | boolean | null>;
  /** Worksheet row it was read from. */
  row: number;
}

/** A verification sheet read back: what one receiving unit's body recorded, and its issues. */
export interface VerificationResult {
  kind: 'verification';
  /** The receiving unit (ward, or the top unit). */
  unit: string;
  flowId: string;
  fiscalYear: number;
  bodyId: string;
  /** The fields the body records (from the plan), so reports can label what was recorded. */
  fields: VerificationFieldView[];
  records: VerificationRecord[];
  issues: Issue[];
}

/** The verification the plan declares for the receiving body of a compiled report, if any. */
export function verificationOf(plan: Plan, progress: Pick<WardProgress, 'flowId'>): Verification | undefined {
  const flow = plan.flows.find((f) => f.id === progress.flowId);
  return flow ? getBody(plan, flow.to)?.verification : undefined;
}

const CODE = { ja: 'コード', en: 'Code' };

function requireVerification(plan: Plan, progress: WardProgress): Verification {
  const v = verificationOf(plan, progress);
  if (!v)
    throw new SasaeaiError(
      SasaeaiErrorCode.InvalidArgument,
      `the receiving body of flow "${progress.flowId ?? ''}" declares no verification in plan ${plan.id}`,
    );
  return v;
}

function optionsOf(plan: Plan, f: VerificationField) {
  return f.vocabulary === undefined ? [] : (plan.vocabularies[f.vocabulary]?.options ?? []);
}

/** The empty columns a body fills in: its fields, with its own scale as a list. */
function verificationColumns(plan: Plan, v: Verification, lang: Lang): SheetColumn[] {
  return v.fields.map((f): SheetColumn => {
    const col: SheetColumn = { key: f.key, header: f.label, kind: f.type === 'enum' ? 'enum' : f.type === 'boolean' ? 'boolean' : 'text', width: f.type === 'text' ? 36 : 14 };
    if (f.type === 'enum') col.validation = { type: 'list', values: optionsOf(plan, f).map((o) => o.label[lang]) };
    else if (f.type === 'boolean') col.validation = { type: 'list', values: lang === 'ja' ? ['はい', 'いいえ'] : ['yes', 'no'] };
    else if (f.maxLength !== undefined) col.validation = { type: 'textLength', max: f.maxLength };
    if (f.prompt) col.prompt = f.prompt;
    if (f.required) col.required = true;
    return col;
  });
}

/**
 * The sheet a receiving body writes its verification on: one row per subject of its compiled
 * report, prefilled with the figures and the senders' narratives, beside empty verification
 * columns (with the body's own scale as a list). Sample subjects are marked as samples.
 *
 * @example
 * ```ts
 * const sheet = verificationSheet(plan, wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' }), 'ja');
 * ```
 */
export function verificationSheet(plan: Plan, progress: WardProgress, lang: Lang): SheetModel {
  const v = requireVerification(plan, progress);
  const totals = progress.fields.filter((f) => f.rollup === 'sum' || f.rollup === 'stock');
  const texts = progress.lists.filter((l) => l.kind === 'text');
  const columns: SheetColumn[] = [
    { key: 'code', header: CODE, kind: 'text', width: 8 },
    { key: 'subject', header: progress.subjectLabel, kind: 'text', width: 24 },
    { key: 'reported', header: { ja: `報告（${progress.unitLabel.ja}）/ 予定`, en: `Reported (${progress.unitLabel.en}) / expected` }, kind: 'text', width: 10 },
    ...totals.map((f): SheetColumn => ({ key: f.key, header: f.label, kind: 'integer', width: 10 })),
    ...texts.map((l): SheetColumn => ({ key: `senders-${l.field}`, header: { ja: `${l.label.ja}（報告から）`, en: `${l.label.en} (from the returns)` }, kind: 'text', width: 36 })),
    ...verificationColumns(plan, v, lang),
  ];
  const sample = (code: string) => plan.initiatives.find((i) => i.code === code)?.sample === true;
  const rows: SheetValue[][] = progress.subjects.map((s) => [
    s.subject.code,
    sampleName(s.subject.name, sample(s.subject.code), lang),
    `${s.reported} / ${s.expected}`,
    ...totals.map((f) => s.agg.sum[f.key] ?? 0),
    ...texts.map((l) =>
      l.items
        .filter((i) => i.subject.code === s.subject.code)
        .map((i) => `${i.unit.name[lang]}：${i.text}`)
        .join('\n'),
    ),
    ...v.fields.map(() => null),
  ]);
  const title = { ja: `${progress.fiscalYearLabel.ja} ${progress.ward.name.ja} ${v.name.ja}`, en: `${v.name.en}: ${progress.ward.name.en}, ${progress.fiscalYearLabel.en}` };
  const sheet: SheetModel = {
    id: 'verification',
    name: v.name,
    preamble: {
      title,
      lines: [
        { ja: `記入する組織: ${progress.council.ja}`, en: `Recorded by: ${progress.council.en}` },
        { ja: `元の集約: ${progress.title.ja}`, en: `Compiled report: ${progress.title.en}` },
      ],
    },
    columns,
    rows,
    freezeHeader: true,
    metadata: { kind: 'verification', unit: progress.ward.code, flow: progress.flowId ?? '', fiscalYear: String(progress.fiscalYear) },
  };
  // Printed for the meeting that verifies it: rows as tall as their wrapped texts, like the reports.
  return { ...sheet, print: printSettings(sheet, { title, fiscalYear: progress.fiscalYearLabel }) };
}

type VerificationCode = 'rollup_verification_unknown_subject' | 'rollup_verification_invalid_value' | 'rollup_verification_required' | 'rollup_verification_no_header';

const MSG = {
  noHeader: (sheet: string): LocalizedText => ({
    ja: `シート「${sheet}」に検証シートの見出し行（コード…）が見つかりません。`,
    en: `No header row (Code…) of a verification sheet was found on sheet "${sheet}".`,
  }),
  unknownSubject: (code: string): LocalizedText => ({
    ja: `「${code}」は集約した報告の対象にありません。`,
    en: `"${code}" is not a subject of the compiled report.`,
  }),
  invalidOption: (f: VerificationField, value: string, options: string[]): LocalizedText => ({
    ja: `${f.label.ja}「${value}」は選択肢にありません（${options.join('・')}）。`,
    en: `${f.label.en} "${value}" is not an option (${options.join(', ')}).`,
  }),
  tooLong: (f: VerificationField, length: number, max: number): LocalizedText => ({
    ja: `${f.label.ja}が${length}文字です（${max}文字まで）。`,
    en: `${f.label.en} is ${length} characters long (at most ${max}).`,
  }),
  required: (f: VerificationField): LocalizedText => ({ ja: `${f.label.ja}を記入してください。`, en: `${f.label.en} is required.` }),
};

/**
 * Reads a verification sheet back: each row's subject and values, normalised (the body's scale by
 * option code), with a located issue in Japanese and English for every problem. Nothing typed is
 * changed; rows with issues keep the values that could be read.
 *
 * @example
 * ```ts
 * const v = readVerification(plan, progress, grid);
 * v.records[0]?.values.evaluation; // '4'
 * ```
 */
export function readVerification(plan: Plan, progress: WardProgress, grid: SheetGrid): VerificationResult {
  const v = requireVerification(plan, progress);
  const flow = plan.flows.find((f) => f.id === progress.flowId)!;
  return readAgainst(plan, v, { unit: progress.ward.code, flowId: flow.id, fiscalYear: progress.fiscalYear, bodyId: flow.to, subjects: new Set(progress.subjects.map((s) => s.subject.code)) }, grid);
}

/** What a verification sheet is read against: the receiving unit, its flow and its subjects. */
interface Target {
  unit: string;
  flowId: string;
  fiscalYear: number;
  bodyId: string;
  subjects: Set<string>;
}

function readAgainst(plan: Plan, v: Verification, target: Target, grid: SheetGrid): VerificationResult {
  const { subjects, ...meta } = target;
  const out: VerificationResult = { kind: 'verification', ...meta, fields: fieldViews(plan, v), records: [], issues: [] };
  const cells = Array.isArray(grid.cells) ? grid.cells : [];
  const issue = (code: VerificationCode, message: LocalizedText, at?: { row: number; col: number; field?: string; value?: unknown }) => {
    const i: Issue = { code, severity: ISSUE_CODES[code].severity, sheet: grid.sheet, message };
    if (grid.source !== undefined) i.source = grid.source;
    if (at) {
      i.row = at.row;
      i.cell = `${columnLetters(at.col)}${at.row}`;
      if (at.field !== undefined) i.field = at.field;
      if (at.value !== undefined) i.value = at.value;
    }
    out.issues.push(i);
  };
  const codeKeys = new Set([normalizeLabel(CODE.ja), normalizeLabel(CODE.en)]);
  const headerAt = cells.findIndex((r) => Array.isArray(r) && r.some((c) => typeof c === 'string' && codeKeys.has(normalizeLabel(c))));
  if (headerAt < 0) {
    issue('rollup_verification_no_header', MSG.noHeader(grid.sheet));
    return out;
  }
  const header = (cells[headerAt] as readonly unknown[]).map((c: unknown) => (typeof c === 'string' ? normalizeLabel(c) : ''));
  const codeCol = header.findIndex((h: string) => codeKeys.has(h));
  const colOf = new Map(v.fields.map((f) => [f.key, header.findIndex((h: string) => h === normalizeLabel(f.label.ja) || h === normalizeLabel(f.label.en))]));
  for (let r = headerAt + 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const rowNo = r + 1;
    const code = row[codeCol];
    if (isBlankCell(code)) continue;
    const subject = displayValue(code).trim();
    if (!subjects.has(subject)) {
      issue('rollup_verification_unknown_subject', MSG.unknownSubject(subject), { row: rowNo, col: codeCol + 1, value: subject });
      continue;
    }
    // A row the body left blank is not a verification of that subject: it is not recorded, and
    // its required fields are named (the report says how many subjects were verified).
    if (v.fields.every((f) => isBlankCell(row[colOf.get(f.key) ?? -1]))) {
      for (const f of v.fields) {
        const c = colOf.get(f.key) ?? -1;
        if (f.required) issue('rollup_verification_required', MSG.required(f), { row: rowNo, col: c + 1, field: f.key, value: c < 0 ? null : row[c] });
      }
      continue;
    }
    const values: Record<string, string | boolean | null> = {};
    for (const f of v.fields) {
      const c = colOf.get(f.key) ?? -1;
      const raw = c < 0 ? null : row[c];
      const at = { row: rowNo, col: c + 1, field: f.key, value: raw };
      if (isBlankCell(raw)) {
        values[f.key] = null;
        if (f.required) issue('rollup_verification_required', MSG.required(f), at);
        continue;
      }
      const text = displayValue(raw).trim();
      if (f.type === 'enum') {
        const options = optionsOf(plan, f);
        const key = normalizeLabel(text);
        const o = options.find((x) => [x.code, x.label.ja, x.label.en, ...(x.aliases ?? [])].some((l) => normalizeLabel(l) === key));
        if (o) values[f.key] = o.code;
        else {
          values[f.key] = null;
          issue('rollup_verification_invalid_value', MSG.invalidOption(f, text, options.map((x) => x.label.ja)), at);
        }
      } else if (f.type === 'boolean') {
        const key = normalizeLabel(text);
        const yes = ['はい', '○', 'yes', 'true', '1'].map(normalizeLabel).includes(key);
        const no = ['いいえ', '×', 'no', 'false', '0'].map(normalizeLabel).includes(key);
        values[f.key] = yes ? true : no ? false : null;
        if (!yes && !no) issue('rollup_verification_invalid_value', MSG.invalidOption(f, text, ['はい', 'いいえ']), at);
      } else {
        values[f.key] = text;
        if (f.maxLength !== undefined && [...text].length > f.maxLength)
          issue('rollup_verification_invalid_value', MSG.tooLong(f, [...text].length, f.maxLength), at);
      }
    }
    out.records.push({ subject, values, row: rowNo });
  }
  return out;
}

/** How far each receiving unit has verified its compiled report, for the report above it. */
export interface VerificationStatus {
  unit: { code: string; name: LocalizedText };
  /** Subjects of its compiled report, and how many it recorded a verification for. */
  expected: number;
  recorded: number;
  /** Issues open in its verification sheet. */
  issues: number;
  /** Whether its figures were confirmed at a meeting (review state). */
  confirmed: boolean;
  /** The fields its body records (the plan's), with the options of its scale. */
  fields: VerificationFieldView[];
}

/** A verification field as reports show it: its label and, for a scale, its options. */
export interface VerificationFieldView {
  key: string;
  label: LocalizedText;
  options?: { code: string; label: LocalizedText }[];
}

/** @internal The plan's verification fields as reports label them. */
export function fieldViews(plan: Plan, v: Verification | undefined): VerificationFieldView[] {
  return (v?.fields ?? []).map((f) => {
    const o = f.type === 'enum' ? optionsOf(plan, f).map((x) => ({ code: x.code, label: x.label })) : undefined;
    return o ? { key: f.key, label: f.label, options: o } : { key: f.key, label: f.label };
  });
}

/**
 * @internal The verification status of a compiled report, with the records matched to it.
 */
export function verificationStatus(plan: Plan, progress: WardProgress, recorded: VerificationResult | undefined): VerificationStatus {
  return {
    unit: { code: progress.ward.code, name: getUnit(plan, progress.ward.code)?.name ?? progress.ward.name },
    expected: progress.subjects.length,
    recorded: recorded ? new Set(recorded.records.map((r) => r.subject)).size : 0,
    issues: recorded?.issues.length ?? 0,
    confirmed: progress.confirmation !== undefined,
    fields: fieldViews(plan, verificationOf(plan, progress)),
  };
}

/**
 * @internal The flow of the single sender's table (the city's measures) of a plan, and the
 * verification its receiving body declares, if any.
 */
function tableVerification(plan: Plan): { flow: Flow; body: Body; v: Verification } | undefined {
  const flow = tableFlow(plan, chainFlow(plan));
  const body = flow ? getBody(plan, flow.to) : undefined;
  return flow && body?.verification ? { flow, body, v: body.verification } : undefined;
}

function tableTarget(plan: Plan, report: AnnualReport): { flow: Flow; body: Body; v: Verification; target: Target } {
  const t = tableVerification(plan);
  if (!t)
    throw new SasaeaiError(SasaeaiErrorCode.InvalidArgument, `plan ${plan.id}: the body receiving the table flow declares no verification`);
  return { ...t, target: { unit: report.city.code, flowId: t.flow.id, fiscalYear: report.fiscalYear, bodyId: t.body.id, subjects: new Set(report.measures.rows.map((r) => r.subject.code)) } };
}

/**
 * The sheet the body receiving the measures table (the expert subcommittee) writes its
 * verification on: one row per measure of the annual report, with the reported values and texts
 * beside empty verification columns (its own scale as a list). Sample measures are marked.
 *
 * @example
 * ```ts
 * const sheet = tableVerificationSheet(plan, annualReport(plan, subs, { fiscalYear: 2026 }), 'ja');
 * ```
 */
export function tableVerificationSheet(plan: Plan, report: AnnualReport, lang: Lang): SheetModel {
  const { v, body } = tableTarget(plan, report);
  const m = report.measures;
  const shown = m.fields.filter((f) => f.rollup === 'last' && f.type !== 'date' && f.key !== m.subjectField);
  const texts = m.fields.filter((f) => f.rollup === 'collect');
  const sample = (code: string) => plan.measures.find((x) => x.code === code)?.sample === true;
  const columns: SheetColumn[] = [
    { key: 'code', header: CODE, kind: 'text', width: 10 },
    { key: 'subject', header: m.fields.find((f) => f.key === m.subjectField)?.label ?? { ja: '対象', en: 'Subject' }, kind: 'text', width: 28 },
    ...shown.map((f): SheetColumn => ({ key: f.key, header: f.label, kind: 'text', width: 12 })),
    ...m.derived.map((d): SheetColumn => ({ key: d.key, header: d.label, kind: 'percent', width: 9 })),
    ...texts.map((f): SheetColumn => ({ key: `senders-${f.key}`, header: { ja: `${f.label.ja}（報告から）`, en: `${f.label.en} (from the returns)` }, kind: 'text', width: 36 })),
    ...verificationColumns(plan, v, lang),
  ];
  const label = (f: (typeof m.fields)[number], x: unknown) => (typeof x === 'string' ? (f.options?.find((o) => o.code === x)?.label[lang] ?? x) : typeof x === 'number' ? String(x) : '');
  const rows: SheetValue[][] = m.rows.map((r) => [
    r.subject.code,
    sampleName(r.subject.name, sample(r.subject.code), lang),
    ...shown.map((f) => label(f, r.values[f.key])),
    ...m.derived.map((d) => r.derived[d.key] ?? null),
    ...texts.map((f) => (r.texts[f.key] ?? []).join('\n')),
    ...v.fields.map(() => null),
  ]);
  const title = { ja: `${report.fiscalYearLabel.ja} ${v.name.ja}`, en: `${v.name.en}, ${report.fiscalYearLabel.en}` };
  const sheet: SheetModel = {
    id: 'verification',
    name: v.name,
    preamble: {
      title,
      lines: [
        { ja: `記入する組織: ${body.name.ja}`, en: `Recorded by: ${body.name.en}` },
        { ja: `元の報告: ${m.title.ja}`, en: `Report: ${m.title.en}` },
      ],
    },
    columns,
    rows,
    freezeHeader: true,
    metadata: { kind: 'verification', unit: report.city.code, flow: tableTarget(plan, report).flow.id, fiscalYear: String(report.fiscalYear) },
  };
  return { ...sheet, print: printSettings(sheet, { title, fiscalYear: report.fiscalYearLabel }) };
}

/**
 * Reads back the measures-table verification sheet ({@link tableVerificationSheet}) with located
 * issues, like {@link readVerification}.
 *
 * @example
 * ```ts
 * const v = readTableVerification(plan, report, grid);
 * ```
 */
export function readTableVerification(plan: Plan, report: AnnualReport, grid: SheetGrid): VerificationResult {
  const { v, target } = tableTarget(plan, report);
  return readAgainst(plan, v, target, grid);
}

/** The measures table's verification as the annual report shows it: columns and values per measure. */
export interface TableVerification {
  name: LocalizedText;
  /** The body that verified. */
  body: LocalizedText;
  fields: VerificationFieldView[];
  /** Recorded values per measure code. */
  values: Record<string, Record<string, string | boolean | null>>;
}

/**
 * @internal The measures table's verification among the sheets read back, when the plan declares
 * one for its receiving body and one was given for the top unit and fiscal year.
 */
export function tableVerificationOf(plan: Plan, verifications: readonly VerificationResult[] | undefined, fiscalYear: number, top: string): TableVerification | undefined {
  const t = tableVerification(plan);
  if (!t) return undefined;
  const given = (verifications ?? []).filter((x) => x.flowId === t.flow.id && x.unit === top && x.fiscalYear === fiscalYear);
  const last = given[given.length - 1];
  if (!last) return undefined;
  const values: TableVerification['values'] = {};
  for (const r of last.records) values[r.subject] = r.values;
  return {
    name: t.v.name,
    body: t.body.name,
    fields: fieldViews(plan, t.v),
    values,
  };
}
