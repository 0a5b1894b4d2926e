/**
 * Render-ready workbooks of the reports: what the CLI writes to .xlsx and the add-in writes to new
 * sheets. Headings carry Japanese and English; values (labels of categories, notes) are in the
 * chosen language. Every table row carries the figure id prefix of its figures, so a figure id is
 * `<row figure>/<column key>` and can be traced with `traceFigure`.
 */
import { lt, type Lang, type LocalizedText } from '../i18n/text.js';
import { formatDate } from '../period/index.js';
import type { RowRef } from '../returns/types.js';
import type { ColumnKind, SheetColumn, SheetModel, SheetValue, WorkbookModel } from '../sheet/model.js';
import { INT_FORMAT, PCT_FORMAT, sheetColumn } from '../sheet/columns.js';
import { printSettings, withPrint } from '../sheet/print.js';
import { sampleNote } from '../sheet/sample-notes.js';
import { TIMELINESS_LABEL } from './completeness.js';
import { ALL_SUBJECTS, figureId, rowId } from './figure-id.js';
import type {
  AnnualReport,
  Completeness,
  CompletenessRow,
  FigureValue,
  ListItem,
  NamedRef,
  ObligationStatus,
  ReportField,
  ReportList,
  SubjectRow,
  WardProgress,
} from './types.js';
import { STATUS_LABEL } from '../review-state/labels.js';
import type { SubmissionUse } from './use.js';

const INT = INT_FORMAT;
const NOT_COUNTED = lt('未提出（エラーあり）', 'Missing (returns with errors)');
const PCT = PCT_FORMAT;
/** Technical columns shown on screen but left off printed pages (see sheet/print.ts). */
const SCREEN_ONLY = ['figure', 'id'] as const;

const col = sheetColumn;

function colL(key: string, header: LocalizedText, kind: ColumnKind, width?: number, numberFormat?: string): SheetColumn {
  return col(key, header.ja, header.en, kind, width, numberFormat);
}

const date = (d: string | null | undefined): SheetValue => (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? { date: d } : null);
const num = (v: FigureValue | undefined): SheetValue => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function refText(r: RowRef | undefined): string {
  if (!r) return '';
  return `${r.source ?? ''}${r.source ? ' / ' : ''}${r.sheet} / ${r.row}`;
}

function longDate(d: string, lang: Lang): string {
  return formatDate(d, lang === 'ja' ? 'ja' : 'en');
}

function optionLabel(f: ReportField, code: string, lang: Lang): string {
  return f.options?.find((o) => o.code === code)?.label[lang] ?? code;
}

function provisionalText(p: boolean, lang: Lang): string {
  return p ? (lang === 'ja' ? '暫定' : 'provisional') : '';
}

/** Neutral words for a table whose plan gives no label (a report with no unit or subject field). */
const ANY_UNIT = lt('単位', 'Unit');
const ANY_SUBJECT = lt('対象', 'Subject');

/** `unit × subject` in the plan's words, for headers and tab names. */
function pairLabel(unit: LocalizedText, subject: LocalizedText): LocalizedText {
  return lt(`${unit.ja}×${subject.ja}`, `${unit.en} × ${subject.en.toLowerCase()}`);
}

/**
 * Which entries a row names are samples (illustrative, not official): the labels of those that
 * are, e.g. 地区部会・取組み; empty when none is.
 */
function sampleMark(named: readonly { ref: NamedRef | null | undefined; label: LocalizedText }[], lang: Lang): string {
  return named
    .filter((x) => x.ref?.sample === true)
    .map((x) => x.label[lang])
    .join(lang === 'ja' ? '・' : ', ');
}

/** The notes naming a report's sample entries, one per list (label from the plan). */
function sampleLines(groups: readonly { label: LocalizedText; refs: readonly (NamedRef | null | undefined)[] }[]): LocalizedText[] {
  const lines: LocalizedText[] = [];
  for (const g of groups) {
    const seen = new Map<string, LocalizedText>();
    for (const r of g.refs) if (r?.sample === true && !seen.has(r.code)) seen.set(r.code, r.name);
    const note = sampleNote(g.label, [...seen.values()]);
    if (note) lines.push(note);
  }
  return lines;
}

/** The notes naming the sample units and subjects of a table over every ward × subject. */
function wardSubjectSampleLines(wards: readonly WardProgress[], unitLabel: LocalizedText, subjectLabel: LocalizedText): LocalizedText[] {
  return sampleLines([
    { label: unitLabel, refs: wards.map((w) => w.ward) },
    { label: subjectLabel, refs: wards.flatMap((w) => w.subjects.map((x) => x.subject)) },
  ]);
}

/**
 * Marks the rows of a table that name sample entries: a サンプル column (which of the row's entries
 * are samples) at the end, only when some row has one, and the notes above the table. Appended
 * last so that no other column moves.
 */
function markSamples(sheet: SheetModel, marks: readonly string[], notes: readonly LocalizedText[]): SheetModel {
  const lines = [...(sheet.preamble?.lines ?? []), ...notes];
  const out: SheetModel = sheet.preamble ? { ...sheet, preamble: { ...sheet.preamble, lines } } : sheet;
  if (!marks.some((m) => m !== '')) return out;
  return { ...out, columns: [...out.columns, col('sample', 'サンプル', 'Sample', 'text', 12)], rows: out.rows.map((r, i) => [...r, marks[i] ?? '']) };
}

/** The note on which returns were counted, left out or provisional. */
function usageLines(uses: SubmissionUse[], reviewed: boolean, lang: Lang): LocalizedText[] {
  const name = (u: SubmissionUse) => `${u.source ? `${u.source} ` : ''}[${u.sheet}]`;
  const counted = uses.filter((u) => u.use === 'counted');
  const prov = uses.filter((u) => u.use === 'provisional');
  const out = uses.filter((u) => u.use === 'left-out');
  const errRows = uses.filter((u) => u.use !== 'left-out').reduce((a, u) => a + u.rowsWithErrors, 0);
  const lines: LocalizedText[] = [];
  const rows = counted.concat(prov).reduce((a, u) => a + u.records, 0);
  lines.push(
    lt(
      `集計した報告: ${counted.length + prov.length}件（${rows.toLocaleString('ja-JP')}行）` + (reviewed ? '・受理済みの報告のみ確定値として集計' : '・審査状況の指定なし（受け付けた報告をすべて集計）'),
      `Returns counted: ${counted.length + prov.length} (${rows.toLocaleString('en-US')} rows)` +
        (reviewed ? '; only accepted returns count as final' : '; no review state given (every return received is counted)'),
    ),
  );
  lines.push(
    prov.length === 0
      ? lt('暫定値を含む報告: なし', 'Provisional returns: none')
      : lt(
          `暫定値を含む報告（未受理）: ${prov.map((u) => `${name(u)}（${u.reason?.ja ?? ''}）`).join('、')}`,
          `Provisional returns (not accepted): ${prov.map((u) => `${name(u)} (${u.reason?.en ?? ''})`).join(', ')}`,
        ),
  );
  lines.push(
    out.length === 0
      ? lt('集計から除いた報告: なし', 'Returns left out: none')
      : lt(
          `集計から除いた報告: ${out.map((u) => `${name(u)}（${u.reason?.ja ?? ''}）`).join('、')}`,
          `Returns left out: ${out.map((u) => `${name(u)} (${u.reason?.en ?? ''})`).join(', ')}`,
        ),
  );
  if (errRows > 0)
    lines.push(lt(`エラーが残る行: ${errRows}行（集計から除外）`, `Rows with open errors: ${errRows} (left out)`));
  void lang;
  return lines;
}

/** Columns and values for the roll-up of an aggregate (shared by subject, district and ward rows). */
function aggColumns(fields: ReportField[], opts: { dates?: boolean; texts?: boolean } = {}): { cols: SheetColumn[]; value: (figs: Record<string, FigureValue>, prefix: string, lang: Lang) => SheetValue[] } {
  const cols: SheetColumn[] = [];
  const getters: ((figs: Record<string, FigureValue>, prefix: string, lang: Lang) => SheetValue)[] = [];
  for (const f of fields) {
    if (f.rollup === 'sum' || f.rollup === 'stock') {
      cols.push(colL(f.key, f.label, 'integer', 10, f.numberFormat ?? INT));
      getters.push((figs, p) => num(figs[figureId(p, f.key)]));
    } else if ((f.rollup === 'last' && f.type !== 'date' && f.options) || f.rollup === 'distribution') {
      for (const o of f.options ?? []) {
        cols.push(colL(`${f.key}=${o.code}`, lt(`${f.label.ja}：${o.label.ja}`, `${f.label.en}: ${o.label.en}`), 'integer', 9));
        getters.push((figs, p) => num(figs[figureId(p, f.key, o.code)]) ?? 0);
      }
    } else if (f.rollup === 'any') {
      cols.push(colL(f.key, f.label, 'integer', 9));
      getters.push((figs, p) => num(figs[figureId(p, f.key)]));
    } else if (f.rollup === 'collect') {
      cols.push(colL(f.key, lt(`${f.label.ja}（件数）`, `${f.label.en} (count)`), 'integer', 9));
      getters.push((figs, p) => num(figs[figureId(p, f.key)]));
    } else if (f.rollup === 'union' && opts.texts !== false) {
      cols.push(colL(f.key, f.label, 'text', 36));
      getters.push((figs, p, lang) => {
        const parts: string[] = [];
        for (const o of f.options ?? []) {
          const n = figs[figureId(p, f.key, o.code)];
          if (typeof n === 'number' && n > 0) parts.push(`${o.label[lang]}(${n})`);
        }
        return parts.join(lang === 'ja' ? '、' : ', ');
      });
    } else if (f.rollup === 'last' && f.type === 'date' && opts.dates !== false) {
      cols.push(colL(f.key, lt(`最新の${f.label.ja}`, `Latest ${f.label.en.toLowerCase()}`), 'date', 12));
      getters.push((figs, p) => date(figs[figureId(p, f.key)] as string | null));
    }
  }
  return { cols, value: (figs, prefix, lang) => getters.map((g) => g(figs, prefix, lang)) };
}

function firstCategoryField(fields: ReportField[]): ReportField | undefined {
  return fields.find((f) => f.rollup === 'last' && f.type !== 'date' && f.options !== undefined);
}

/** The by-subject sheet (by initiative): one row per subject, a total row, a stacked status chart. */
function subjectSheet(
  id: string,
  name: LocalizedText,
  title: LocalizedText,
  rows: SubjectRow[],
  total: SubjectRow,
  fields: ReportField[],
  figs: Record<string, FigureValue>,
  subjectLabel: LocalizedText,
  unitLabel: LocalizedText,
  lang: Lang,
  lines: LocalizedText[] = [],
): SheetModel {
  const agg = aggColumns(fields);
  const columns: SheetColumn[] = [
    col('code', 'コード', 'Code', 'text', 8),
    colL('name', subjectLabel, 'text', 30),
    colL('expected', lt(`報告予定の${unitLabel.ja}`, `${unitLabel.en} expected`), 'integer', 10),
    colL('reported', lt(`報告のあった${unitLabel.ja}`, `${unitLabel.en} reported`), 'integer', 10),
    col('reportedRate', '報告率', 'Reported', 'percent', 9),
    ...agg.cols,
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 18),
  ];
  const line = (r: SubjectRow, label?: string): SheetValue[] => [
    r.subject.code === '*' ? '' : r.subject.code,
    label ?? r.subject.name[lang],
    r.expected,
    r.reported,
    num(figs[figureId(r.id, 'reportedRate')]),
    ...agg.value(figs, r.id, lang),
    provisionalText(r.provisional, lang),
    r.id,
  ];
  const cat = firstCategoryField(fields);
  const sheet: SheetModel = {
    id,
    name,
    preamble: { title, lines: [lt(`報告予定・報告のあった数は報告する単位の数。各欄の件数は「単位×${subjectLabel.ja}」の数（最新の報告による）。`, `Expected / reported count the reporting units; category counts are unit × ${subjectLabel.en.toLowerCase()} pairs, by their latest report.`), ...lines] },
    columns,
    rows: [...rows.map((r) => line(r)), line(total, lang === 'ja' ? '合計' : 'Total')],
    freezeHeader: true,
  };
  if (cat?.options)
    sheet.chart = {
      type: 'barStacked',
      title: lt(`${subjectLabel.ja}別の${cat.label.ja}`, `${cat.label.en} by ${subjectLabel.en.toLowerCase()}`),
      categoryColumn: 'name',
      seriesColumns: cat.options.map((o) => `${cat.key}=${o.code}`),
    };
  return markSamples(
    sheet,
    rows.map((r) => sampleMark([{ ref: r.subject, label: subjectLabel }], lang)),
    sampleLines([{ label: subjectLabel, refs: rows.map((r) => r.subject) }]),
  );
}

function completenessLine(r: CompletenessRow, label: string, lang: Lang): LocalizedText {
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  void lang;
  return lt(
    `${label}: 予定 ${r.expected}・提出 ${r.received}（${pct(r.rate)}）・期限内 ${r.onTime}（${pct(r.onTimeRate)}）・期限後 ${r.late}・未提出 ${r.missing}`,
    `${label}: expected ${r.expected}, received ${r.received} (${pct(r.rate)}), on time ${r.onTime} (${pct(r.onTimeRate)}), late ${r.late}, missing ${r.missing}`,
  );
}

function obligationsSheet(id: string, title: LocalizedText, lines: LocalizedText[], obligations: ObligationStatus[], lang: Lang, labels: { unit?: LocalizedText; subject?: LocalizedText } = {}): SheetModel {
  const subject = labels.subject ?? ANY_SUBJECT;
  const columns: SheetColumn[] = [
    col('from', '報告する組織', 'From', 'text', 24),
    col('to', '報告先', 'To', 'text', 28),
    col('due', '締切', 'Due', 'date', 12),
    col('status', '提出状況', 'Status', 'text', 10),
    col('returns', '受け付けた報告', 'Returns counted', 'integer', 10),
    col('invalidReturns', 'エラーのある報告', 'Returns with errors', 'integer', 10),
    col('firstReceived', '最初の受付', 'First received', 'date', 12),
    col('lastReceived', '最後の受付', 'Last received', 'date', 12),
    colL('covered', lt(`報告のあった${subject.ja}`, `${subject.en} covered`), 'integer', 10),
    colL('expectedSubjects', lt(`予定の${subject.ja}`, `${subject.en} expected`), 'integer', 10),
    colL('coveredRate', lt(`${subject.ja}の網羅率`, `${subject.en} coverage`), 'percent', 9),
    col('preset', '締切の根拠', 'Deadline', 'text', 12),
    col('figure', '図表ID', 'Figure id', 'text', 30),
  ];
  const rows = obligations.map((o): SheetValue[] => [
    o.from[lang],
    o.to[lang],
    date(o.due),
    o.status === 'missing' && o.invalidReturns > 0 ? NOT_COUNTED[lang] : TIMELINESS_LABEL[o.status][lang],
    o.returns,
    o.invalidReturns,
    date(o.firstReceived),
    date(o.lastReceived),
    o.coveredSubjects.length,
    o.expectedSubjects.length,
    o.expectedSubjects.length === 0 ? null : o.coveredSubjects.length / o.expectedSubjects.length,
    o.presetDeadline ? (lang === 'ja' ? '既定値' : 'preset default') : lang === 'ja' ? '計画' : 'plan',
    o.id,
  ]);
  const sheet: SheetModel = { id, name: lt('提出状況', 'Completeness'), preamble: { title, lines }, columns, rows, freezeHeader: true };
  const unit = labels.unit ?? ANY_UNIT;
  return markSamples(
    sheet,
    obligations.map((o) => sampleMark([{ ref: o.unit, label: unit }], lang)),
    sampleLines([{ label: unit, refs: obligations.map((o) => o.unit) }]),
  );
}

/** The compiling steps (confirmed and sent on) and the receiving bodies' verification, as lines. */
function stepLines(c: Completeness, lang: Lang): LocalizedText[] {
  const lines: LocalizedText[] = [];
  for (const flowId of [...new Set(c.compiled.map((x) => x.flowId))]) {
    const sts = c.compiled.filter((x) => x.flowId === flowId);
    const done = sts.filter((x) => x.status !== 'missing');
    const onTime = sts.filter((x) => x.status === 'on-time').length;
    const what = sts[0]!.from;
    const open = sts.filter((x) => x.status === 'missing').map((x) => (x.unit ? x.unit.name[lang] : x.from[lang]));
    lines.push(
      lt(
        `確定して送る集約（${what.ja}）: ${done.length} / ${sts.length}（期限内 ${onTime}）${open.length > 0 ? `・未確定: ${open.join('、')}` : ''}`,
        `Compiled reports confirmed and sent (${what.en}): ${done.length} of ${sts.length} (on time ${onTime})${open.length > 0 ? `; not confirmed: ${open.join(', ')}` : ''}`,
      ),
    );
  }
  if (c.verification.length > 0) {
    const n = c.verification.length;
    const verified = c.verification.filter((x) => x.verifiedOn !== null);
    const confirmed = c.verification.filter((x) => x.confirmedOn !== null);
    const locked = c.verification.filter((x) => x.locked).length;
    const open = c.verification.filter((x) => x.verifiedOn === null).map((x) => x.body[lang]);
    lines.push(
      lt(
        `検証を記録: ${verified.length} / ${n}・確定: ${confirmed.length} / ${n}（検証ごと確定 ${locked}）${open.length > 0 ? `・未検証: ${open.join('、')}` : ''}`,
        `Verification recorded: ${verified.length} of ${n}; confirmed: ${confirmed.length} of ${n} (with the verification ${locked})${open.length > 0 ? `; not verified: ${open.join(', ')}` : ''}`,
      ),
    );
  }
  void lang;
  return lines;
}

/**
 * The completeness sheet 提出状況: one row per expected report (obligation) with its status, and
 * the rates per ward, per flow and overall in the lines above the table.
 *
 * @example
 * ```ts
 * const sheet = completenessSheet(completeness(plan, subs, { fiscalYear: 2026 }), 'ja');
 * sheet.preamble?.title.ja; // '令和8年度 提出状況'
 * ```
 */
export function completenessSheet(c: Completeness, lang: Lang): SheetModel {
  const lines: LocalizedText[] = [
    ...c.byScope.map((r) => completenessLine(r, r.unit.name[lang], lang)),
    ...c.byFlow.map((r) => completenessLine(r, r.content[lang], lang)),
    completenessLine(c.total, lang === 'ja' ? '全体' : 'Overall', lang),
    ...stepLines(c, lang),
    c.countInvalid
      ? lt('エラーが残る報告も提出として数えています。', 'Returns with open errors are counted as received.')
      : lt('エラーが残る報告は提出として数えていません。', 'Returns with open errors are not counted as received.'),
  ];
  const title = lt(`${c.fiscalYearLabel.ja}${c.within ? ` ${c.within.name.ja}` : ''} 提出状況`, `Completeness${c.within ? `: ${c.within.name.en}` : ''}, ${c.fiscalYearLabel.en}`);
  const sheet = obligationsSheet('completeness', title, lines, c.obligations, lang);
  return { ...sheet, print: printSettings(sheet, { title, fiscalYear: c.fiscalYearLabel }, { screenOnly: SCREEN_ONLY }) };
}

/** The plan's words for a report's units and subjects (and, across receivers, their level). */
interface ReportLabels {
  unit: LocalizedText;
  subject: LocalizedText;
  /** The receiving units' level, for a table across several receivers. */
  level?: LocalizedText;
}

function listSheet(list: ReportList, fields: ReportField[], refs: RowRef[], lang: Lang, ward: NamedRef | undefined, labels: ReportLabels, title?: LocalizedText, extra?: { ward: NamedRef; items: ListItem[]; refs: RowRef[] }[]): SheetModel {
  const collect = fields.filter((f) => f.rollup === 'collect');
  const columns: SheetColumn[] = [
    ...(extra ? [colL('ward', labels.level ?? ANY_UNIT, 'text', 10)] : []),
    colL('unit', labels.unit, 'text', 14),
    col('subjectCode', 'コード', 'Code', 'text', 8),
    colL('subject', labels.subject, 'text', 28),
    col('reportDate', '報告日', 'Report date', 'date', 12),
    ...(list.kind === 'flag' ? collect.map((f) => colL(f.key, f.label, 'text', 50)) : [colL('text', list.label, 'text', 60)]),
    col('source', '出典（ファイル / シート / 行）', 'Source (file / sheet / row)', 'text', 36),
    col('provisional', '暫定', 'Provisional', 'text', 8),
  ];
  const parts = extra ?? [{ ward: ward ?? { code: '', name: lt('', '') }, items: list.items, refs }];
  const rows: SheetValue[][] = [];
  for (const part of parts)
    for (const it of part.items)
      rows.push([
        ...(extra ? [part.ward.name[lang]] : []),
        it.unit.name[lang],
        it.subject.code,
        it.subject.name[lang],
        date(it.reportDate),
        ...(list.kind === 'flag' ? collect.map((f) => it.texts?.[f.key] ?? '') : [it.text]),
        refText(part.refs[it.row]),
        provisionalText(it.provisional, lang),
      ]);
  const items = parts.flatMap((p) => p.items);
  const sheet: SheetModel = {
    id: `list-${list.field}`,
    name: list.label,
    preamble: {
      title: title ?? list.label,
      lines: [
        list.kind === 'flag'
          ? collect.length > 0
            ? lt(`${list.label.ja}として報告された行とその記述（${collect.map((f) => f.label.ja).join('・')}）`, `Rows reported as ${list.label.en.toLowerCase()}, with their texts (${collect.map((f) => f.label.en).join(', ')})`)
            : lt(`${list.label.ja}として報告された行`, `Rows reported as ${list.label.en.toLowerCase()}`)
          : lt(`報告された${list.label.ja}の一覧`, `${list.label.en} as reported`),
      ],
    },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    items.map((it) => sampleMark([{ ref: it.unit, label: labels.unit }, { ref: it.subject, label: labels.subject }], lang)),
    sampleLines([
      { label: labels.unit, refs: items.map((it) => it.unit) },
      { label: labels.subject, refs: items.map((it) => it.subject) },
    ]),
  );
}

function sourcesRows(p: WardProgress, lang: Lang, withWard: boolean): SheetValue[][] {
  const cellOf = new Int32Array(p.refs.length).fill(-1);
  const isLast = new Uint8Array(p.refs.length);
  p.cells.forEach((c, ci) => {
    for (const r of c.rows) cellOf[r] = ci;
    isLast[c.last] = 1;
  });
  const errorRows = new Uint8Array(p.refs.length);
  for (const d of p.districts) {
    const pr = p.provenance[figureId(d.id, 'errors')];
    if (pr && 'rows' in pr) for (const r of pr.rows) errorRows[r] = 1;
  }
  const rows: SheetValue[][] = [];
  for (let i = 0; i < p.refs.length; i++) {
    const r = p.refs[i]!;
    const c = cellOf[i]! >= 0 ? p.cells[cellOf[i]!] : undefined;
    const used = c
      ? c.provisional
        ? lang === 'ja' ? '集計（暫定）' : 'counted (provisional)'
        : lang === 'ja' ? '集計' : 'counted'
      : errorRows[i]
        ? lang === 'ja' ? '除外（エラー）' : 'left out (errors)'
        : lang === 'ja' ? '除外（集計対象外の報告）' : 'left out (return not counted)';
    rows.push([
      ...(withWard ? [p.ward.code] : []),
      c ? c.id : '',
      r.source ?? '',
      r.sheet,
      r.row,
      used,
      isLast[i] ? (lang === 'ja' ? '○' : 'yes') : '',
    ]);
  }
  return rows;
}

function sourcesSheet(rows: SheetValue[][], labels: ReportLabels, withWard: boolean): SheetModel {
  const { unit, subject, level } = labels;
  const total = level ?? ANY_UNIT;
  return {
    id: 'sources',
    name: lt('出典', 'Sources'),
    preamble: {
      title: lt('出典（図表の元になった行）', 'Sources (the rows behind the figures)'),
      lines: [
        lt(
          `図表IDは「${unit.ja}/${subject.ja}/項目」の形です。${total.ja}や全体の図表はこの表を${subject.ja}のコードで絞り込むと元の行が分かります。「最新」は区分など最新の報告による値の元になった行です。`,
          `Figure ids read <${unit.en.toLowerCase()}>/<${subject.en.toLowerCase()}>/<item>. For figures of a ${total.en.toLowerCase()} or of the whole, filter this table by the ${subject.en.toLowerCase()} code. "Latest" marks the row that categories and other latest values come from.`,
        ),
      ],
    },
    columns: [
      ...(withWard ? [colL('ward', total, 'text', 8)] : []),
      col('figure', '図表ID', 'Figure id', 'text', 18),
      col('source', 'ファイル', 'File', 'text', 30),
      col('sheet', 'シート', 'Sheet', 'text', 18),
      col('row', '行', 'Row', 'integer', 8, '0'),
      col('used', '集計', 'Used', 'text', 20),
      col('latest', '最新', 'Latest', 'text', 8),
    ],
    rows,
    freezeHeader: true,
  };
}

function wardSummaryLines(p: WardProgress, lang: Lang): LocalizedText[] {
  const lines: LocalizedText[] = [
    lt(`報告先: ${p.council.ja}`, `Compiled for: ${p.council.en}`),
    ...(p.due ? [lt(`${p.senderLabel.ja}の報告の締切: ${longDate(p.due, 'ja')}`, `Returns of the ${p.senderLabel.en} due: ${longDate(p.due, 'en')}`)] : []),
    ...usageLines(p.submissions, p.reviewed, lang),
  ];
  if (p.confirmation) {
    const c = p.confirmation;
    lines.push(
      c.changes.length === 0
        ? lt(`確定: ${longDate(c.meetingDate, 'ja')}の${p.council.ja}で確定（以後の変更なし）`, `Confirmed at the meeting of the ${p.council.en} of ${longDate(c.meetingDate, 'en')} (no changes since)`)
        : lt(
            `確定: ${longDate(c.meetingDate, 'ja')}の${p.council.ja}で確定。その後 ${c.changes.length} 項目が変わっています（変更記録 ${c.log.length}件）`,
            `Confirmed at the meeting of the ${p.council.en} of ${longDate(c.meetingDate, 'en')}; ${c.changes.length} figures changed since (${c.log.length} recorded changes)`,
          ),
    );
  } else if (p.reviewed) lines.push(lt(`未確定（${p.council.ja}での確定前）`, `Not yet confirmed by the ${p.council.en}`));
  if (p.provisional) lines.push(lt('「暫定」の印がある数値は未受理の報告を含みます。', 'Figures marked provisional include returns not yet accepted.'));
  lines.push(
    ...sampleLines([
      { label: p.unitLabel, refs: p.districts.map((d) => d.unit) },
      { label: p.subjectLabel, refs: p.subjects.map((x) => x.subject) },
    ]),
  );
  return lines;
}

function summarySheet(p: WardProgress, lang: Lang): SheetModel {
  const figs = p.figures;
  const w = p.ward.code;
  const rows: SheetValue[][] = [];
  const add = (label: LocalizedText, id: string, rateId?: string) => rows.push([label[lang], num(figs[id]), rateId ? num(figs[rateId]) : null, id]);
  const c = rowId(w, 'completeness');
  const all = rowId(w, ALL_SUBJECTS);
  const who = p.senderLabel;
  add(lt(`報告予定の報告（${who.ja}）`, `Reports expected (${who.en})`), figureId(c, 'expected'));
  add(lt(`報告のあった報告（${who.ja}）`, `Reports received (${who.en})`), figureId(c, 'received'), figureId(c, 'rate'));
  add(lt('うち締切までに報告', 'of which by the closing date'), figureId(c, 'onTime'), figureId(c, 'onTimeRate'));
  add(lt('締切後に報告', 'Reported after the closing date'), figureId(c, 'late'));
  add(lt(`未報告（${who.ja}）`, `Reports missing (${who.en})`), figureId(c, 'missing'));
  add(
    lt(`報告のあった「${p.unitLabel.ja}×${p.subjectLabel.ja}」`, `${p.unitLabel.en} × ${p.subjectLabel.en.toLowerCase()} pairs reported`),
    figureId(all, 'reported'),
    figureId(all, 'reportedRate'),
  );
  for (const f of p.fields) {
    if (f.rollup === 'sum' || f.rollup === 'stock' || f.rollup === 'any' || f.rollup === 'collect')
      add(f.rollup === 'collect' ? lt(`${f.label.ja}（件数）`, `${f.label.en} (count)`) : f.label, figureId(all, f.key));
    else if (f.rollup === 'last' && f.type !== 'date' && f.options && f === firstCategoryField(p.fields)) {
      for (const o of f.options) {
        const id = figureId(all, f.key, o.code);
        const n = figs[id];
        const tot = figs[figureId(all, 'reported')];
        rows.push([`${f.label[lang]}：${o.label[lang]}`, num(n), typeof n === 'number' && typeof tot === 'number' && tot > 0 ? n / tot : null, id]);
      }
    }
  }
  return {
    id: 'summary',
    name: lt('概要', 'Summary'),
    preamble: { title: p.title, lines: wardSummaryLines(p, lang) },
    columns: [col('item', '項目', 'Item', 'text', 36), col('value', '件数・合計', 'Count or total', 'integer', 14), col('rate', '割合', 'Share', 'percent', 10), col('figure', '図表ID', 'Figure id', 'text', 28)],
    rows,
    freezeHeader: true,
  };
}

function districtSheet(p: WardProgress, lang: Lang): SheetModel {
  const agg = aggColumns(p.fields, { dates: false, texts: false });
  const columns: SheetColumn[] = [
    col('code', 'コード', 'Code', 'text', 10),
    colL('name', p.unitLabel, 'text', 16),
    col('returns', '受け付けた報告', 'Returns received', 'integer', 10),
    col('firstReceived', '最初の受付', 'First received', 'date', 12),
    col('lastReport', '最新の報告日', 'Last report date', 'date', 12),
    colL('covered', lt(`報告のあった${p.subjectLabel.ja}`, `${p.subjectLabel.en} covered`), 'integer', 10),
    colL('expectedSubjects', lt(`予定の${p.subjectLabel.ja}`, `${p.subjectLabel.en} expected`), 'integer', 10),
    colL('coveredRate', lt(`${p.subjectLabel.ja}の網羅率`, `${p.subjectLabel.en} coverage`), 'percent', 9),
    col('timeliness', '提出状況', 'Timeliness', 'text', 10),
    col('errors', '未解決のエラー', 'Open errors', 'integer', 10),
    ...agg.cols,
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 14),
  ];
  const rows = p.districts.map((d): SheetValue[] => [
    d.unit.code,
    d.unit.name[lang] + (d.owes ? '' : lang === 'ja' ? '（報告対象外）' : ' (not expected)'),
    d.returns,
    date(d.firstReceived),
    date(d.lastReport),
    d.covered,
    d.expectedSubjects,
    num(p.figures[figureId(d.id, 'coveredRate')]),
    d.timeliness === 'missing' && d.returns > 0 ? NOT_COUNTED[lang] : TIMELINESS_LABEL[d.timeliness][lang],
    d.errors,
    ...agg.value(p.figures, d.id, lang),
    provisionalText(d.provisional, lang),
    d.id,
  ]);
  const sheet: SheetModel = {
    id: 'by-district',
    name: lt(`${p.unitLabel.ja}別`, `By ${p.unitLabel.en.toLowerCase()}`),
    preamble: {
      title: lt(`${p.title.ja}（${p.unitLabel.ja}別）`, `${p.title.en} — by ${p.unitLabel.en.toLowerCase()}`),
      lines: p.due ? [lt(`提出状況は締切（${longDate(p.due, 'ja')}）に対する最初の受付日で判定。`, `Timeliness compares the first return received with the closing date (${longDate(p.due, 'en')}).`)] : [],
    },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    p.districts.map((d) => sampleMark([{ ref: d.unit, label: p.unitLabel }], lang)),
    sampleLines([{ label: p.unitLabel, refs: p.districts.map((d) => d.unit) }]),
  );
}

function cellValue(f: ReportField, v: unknown, lang: Lang): SheetValue {
  if (v === null || v === undefined) return null;
  if (f.type === 'date') return date(String(v));
  if (Array.isArray(v)) return v.map((x) => optionLabel(f, String(x), lang)).join(lang === 'ja' ? '、' : ', ');
  if (typeof v === 'boolean') return v ? (lang === 'ja' ? '○' : 'yes') : '';
  if (typeof v === 'number') return v;
  return f.options ? optionLabel(f, String(v), lang) : String(v);
}

function cellsSheet(p: WardProgress, lang: Lang): SheetModel {
  const shown = p.fields.filter((f) => f.rollup !== 'key' && f.rollup !== 'collect' && f.rollup !== 'none');
  const columns: SheetColumn[] = [
    colL('unit', p.unitLabel, 'text', 14),
    col('subjectCode', 'コード', 'Code', 'text', 8),
    colL('subject', p.subjectLabel, 'text', 28),
    ...shown.map((f) =>
      colL(f.key, f.rollup === 'last' && f.type === 'date' ? lt(`最新の${f.label.ja}`, `Latest ${f.label.en.toLowerCase()}`) : f.label, f.type === 'date' ? 'date' : f.rollup === 'sum' || f.rollup === 'stock' ? 'integer' : 'text', f.type === 'multiEnum' ? 30 : 12, f.rollup === 'sum' || f.rollup === 'stock' ? (f.numberFormat ?? INT) : undefined),
    ),
    col('records', '報告の行数', 'Rows', 'integer', 8),
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 18),
  ];
  const rows = p.cells.map((c): SheetValue[] => [
    c.unit.name[lang],
    c.subject.code,
    c.subject.name[lang],
    ...shown.map((f) => cellValue(f, c.values[f.key], lang)),
    c.agg.records,
    provisionalText(c.provisional, lang),
    c.id,
  ]);
  const u = p.unitLabel;
  const sj = p.subjectLabel;
  const sheet: SheetModel = {
    id: 'cells',
    name: pairLabel(u, sj),
    preamble: {
      title: lt(`${p.title.ja}（${u.ja}別・${sj.ja}別）`, `${p.title.en} — by ${u.en.toLowerCase()} and ${sj.en.toLowerCase()}`),
      lines: [
        lt(
          `同じ${u.ja}・${sj.ja}の報告をまとめた値（期間ごとの数は合計、累計・現在の数は最新の報告の値を合計、区分は最新の報告）。`,
          `The returns of one ${u.en.toLowerCase()} and ${sj.en.toLowerCase()} combined: figures per period add up, levels (cumulative or current counts) come from the latest report, categories from the latest report.`,
        ),
      ],
    },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    p.cells.map((c) => sampleMark([{ ref: c.unit, label: u }, { ref: c.subject, label: sj }], lang)),
    sampleLines([
      { label: u, refs: p.cells.map((c) => c.unit) },
      { label: sj, refs: p.cells.map((c) => c.subject) },
    ]),
  );
}

/** After a confirmation: the figures that changed since, and the logged changes (never silent). */
function changeSheets(p: WardProgress, lang: Lang): SheetModel[] {
  const c = p.confirmation;
  if (!c) return [];
  const title = lt(`${p.title.ja}（確定後の変更）`, `${p.title.en} — changes since confirmation`);
  const changed: SheetModel = {
    id: 'changes',
    name: lt('確定後の変更', 'Changes since confirmation'),
    preamble: {
      title,
      lines: [
        lt(`${longDate(c.meetingDate, 'ja')}の会議で確定（${c.by}、${c.at}）`, `Confirmed at the meeting of ${longDate(c.meetingDate, 'en')} (${c.by}, ${c.at})`),
        c.changes.length === 0
          ? lt('確定後に変わった数値はありません。', 'No figure has changed since.')
          : lt(`確定後に${c.changes.length}項目の数値が変わりました。`, `${c.changes.length} figures changed since.`),
      ],
    },
    columns: [col('figure', '図表ID', 'Figure id', 'text', 30), col('before', '確定時', 'Confirmed', 'number', 14), col('after', '現在', 'Now', 'number', 14)],
    rows: c.changes.map((x) => [x.figureId, x.before ?? null, x.after ?? null]),
    freezeHeader: true,
  };
  const log: SheetModel = {
    id: 'change-log',
    name: lt('変更記録', 'Change log'),
    preamble: { title: lt(`${p.title.ja}（変更記録）`, `${p.title.en} — change log`) },
    columns: [
      col('at', '日時', 'When', 'text', 22),
      col('by', '担当者', 'Who', 'text', 14),
      col('return', '報告', 'Return', 'text', 30),
      col('action', '操作', 'Action', 'text', 12),
      col('from', '変更前の状態', 'From', 'text', 12),
      col('to', '変更後の状態', 'To', 'text', 12),
      col('reason', '理由', 'Why', 'text', 40),
    ],
    rows: c.log.map((e) => [e.at, e.by.name ?? e.by.id, e.submissionId, ACTION_LABEL[e.action][lang], e.from ? STATUS_LABEL[e.from][lang] : '', STATUS_LABEL[e.to][lang], e.reason]),
    freezeHeader: true,
  };
  return [changed, log];
}

const ACTION_LABEL = {
  receive: lt('受付', 'receive'),
  validate: lt('点検', 'validate'),
  accept: lt('受理', 'accept'),
  'send-back': lt('差戻し', 'send back'),
  verify: lt('検証の記録', 'record the verification'),
} as const;

/**
 * The workbook of a ward's progress 区計画の推進状況: summary, by initiative (with a stacked chart of
 * status), by district, district × initiative, the lists (success cases, outcomes, issues),
 * completeness and the sources of every figure.
 *
 * @example
 * ```ts
 * const wb = wardProgressWorkbook(wardProgress(plan, subs, { fiscalYear: 2026, ward: '12101' }), 'ja');
 * wb.sheets.map((s) => s.name.ja); // ['概要', '取組み別', '地区別', '地区×取組み', '成果事例', '成果', '課題', '提出状況', '出典']
 * ```
 */
export function wardProgressWorkbook(progress: WardProgress, lang: Lang): WorkbookModel {
  const p = progress;
  const sheets: SheetModel[] = [
    summarySheet(p, lang),
    subjectSheet('by-subject', lt(`${p.subjectLabel.ja}別`, `By ${p.subjectLabel.en.toLowerCase()}`), lt(`${p.title.ja}（${p.subjectLabel.ja}別）`, `${p.title.en} — by ${p.subjectLabel.en.toLowerCase()}`), p.subjects, p.total, p.fields, p.figures, p.subjectLabel, p.unitLabel, lang),
    districtSheet(p, lang),
    cellsSheet(p, lang),
    ...p.lists.map((l) => listSheet(l, p.fields, p.refs, lang, p.ward, { unit: p.unitLabel, subject: p.subjectLabel }, lt(`${p.title.ja}（${l.label.ja}）`, `${p.title.en} — ${l.label.en.toLowerCase()}`))),
    obligationsSheet(
      'completeness',
      lt(`${p.title.ja}（提出状況）`, `${p.title.en} — completeness`),
      [completenessLine(p.completeness, p.ward.name[lang], lang)],
      p.obligations,
      lang,
      { unit: p.unitLabel, subject: p.subjectLabel },
    ),
    ...changeSheets(p, lang),
    ...[unitVerificationSheet({ wards: [p], fiscalYearLabel: p.fiscalYearLabel, councilBody: p.council }, lang)].filter((x): x is SheetModel => x !== undefined),
    sourcesSheet(sourcesRows(p, lang, false), { unit: p.unitLabel, subject: p.subjectLabel, level: p.levelName }, false),
  ];
  return withPrint({
    sheets,
    metadata: {
      'sasaeai.plan': p.planId,
      'sasaeai.report': 'ward-progress',
      'sasaeai.ward': p.ward.code,
      'sasaeai.fiscalYear': String(p.fiscalYear),
      'sasaeai.provisional': String(p.provisional),
    },
  }, { title: p.title, fiscalYear: p.fiscalYearLabel }, { screenOnly: SCREEN_ONLY });
}

function wardsSheet(r: AnnualReport, lang: Lang): SheetModel {
  const fields = r.wards[0]?.fields ?? [];
  const agg = aggColumns(fields, { texts: false });
  const level = r.wards[0]?.levelName ?? lt('単位', 'Unit');
  const who = r.wards[0]?.senderLabel ?? lt('報告元', 'senders');
  const pair = pairLabel(r.wards[0]?.unitLabel ?? ANY_UNIT, r.wards[0]?.subjectLabel ?? ANY_SUBJECT);
  const subject = r.wards[0]?.subjectLabel ?? ANY_SUBJECT;
  const columns: SheetColumn[] = [
    col('code', 'コード', 'Code', 'text', 8),
    colL('name', level, 'text', 12),
    colL('expected', lt(`報告予定（${who.ja}）`, `Expected (${who.en})`), 'integer', 10),
    colL('received', lt(`報告あり（${who.ja}）`, `Received (${who.en})`), 'integer', 10),
    col('rate', '報告率', 'Reporting rate', 'percent', 9),
    col('onTime', '締切までに報告', 'On time', 'integer', 10),
    col('onTimeRate', '期限内報告率', 'On-time rate', 'percent', 9),
    colL('reported', lt(`報告のあった${pair.ja}`, `${pair.en} pairs reported`), 'integer', 10),
    colL('reportedRate', lt(`${subject.ja}の報告率`, `${pair.en} pairs reported (share)`), 'percent', 9),
    ...agg.cols,
    colL('confirmed', lt(`${r.councilBody.ja}での確定日`, `Confirmed by the ${r.councilBody.en}`), 'date', 12),
    // The receiving bodies' own verification, beside their figures, when the plan declares one.
    ...(r.verification.length > 0 ? [colL('verified', lt(`${r.councilBody.ja}の検証（記入 / 対象）`, `Verified by the ${r.councilBody.en} (recorded / subjects)`), 'text', 12)] : []),
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 12),
  ];
  const figs = (w: WardProgress | null) => (w ? w.figures : r.figures);
  const verifiedCell = (unit: string): SheetValue[] => {
    if (r.verification.length === 0) return [];
    const v = r.verification.find((x) => x.unit.code === unit);
    return [v ? `${v.recorded} / ${v.expected}` : ''];
  };
  const comp = (row: CompletenessRow) => [row.expected, row.received, row.rate, row.onTime, row.onTimeRate];
  const rows: SheetValue[][] = r.wards.map((w) => [
    w.ward.code,
    w.ward.name[lang],
    ...comp(w.completeness),
    w.total.reported,
    num(figs(w)[figureId(w.total.id, 'reportedRate')]),
    ...agg.value(figs(w), w.total.id, lang),
    w.confirmation ? { date: w.confirmation.meetingDate } : null,
    ...verifiedCell(w.ward.code),
    provisionalText(w.provisional, lang),
    w.total.id,
  ]);
  const activity = r.completeness.byFlow.find((f) => r.wards[0]?.obligations[0]?.flowId === f.flowId);
  rows.push([
    r.city.code,
    lang === 'ja' ? `${r.city.name.ja}（合計）` : `${r.city.name.en} (total)`,
    ...(activity ? comp(activity) : [null, null, null, null, null]),
    r.total.reported,
    num(r.figures[figureId(r.total.id, 'reportedRate')]),
    ...agg.value(r.figures, r.total.id, lang),
    null,
    ...(r.verification.length > 0 ? [null] : []),
    provisionalText(r.total.provisional, lang),
    r.total.id,
  ]);
  const confirmed = r.wards.filter((w) => w.confirmation).length;
  const sheet: SheetModel = {
    id: 'wards',
    name: lt(`${level.ja}別`, `By ${level.en.toLowerCase()}`),
    preamble: {
      title: r.title,
      lines: [
        lt(
          `各${level.ja}の${r.wards[0]?.report.ja ?? ''}（${r.wards.length}）と${r.city.name.ja}の合計`,
          `${r.wards[0]?.report.en ?? ''} of every ${level.en.toLowerCase()} (${r.wards.length}) and the ${r.city.name.en} total`,
        ),
        lt(`${r.councilBody.ja}で確定済み: ${confirmed} / ${r.wards.length}`, `Confirmed by the ${r.councilBody.en}: ${confirmed} of ${r.wards.length}`),
        ...usageLines(r.submissions, r.reviewed, lang),
        ...(r.provisional ? [lt('「暫定」の印がある数値は未受理の報告を含みます。', 'Figures marked provisional include returns not yet accepted.')] : []),
      ],
    },
    columns,
    rows,
    freezeHeader: true,
  };
  const w0 = r.wards[0];
  return markSamples(
    sheet,
    r.wards.map((w) => sampleMark([{ ref: w.ward, label: level }], lang)),
    sampleLines([
      { label: level, refs: r.wards.map((w) => w.ward) },
      ...(w0 ? [{ label: w0.unitLabel, refs: r.wards.flatMap((w) => w.districts.map((d) => d.unit)) }, { label: w0.subjectLabel, refs: r.subjects.map((x) => x.subject) }] : []),
    ]),
  );
}

function wardSubjectSheet(r: AnnualReport, lang: Lang): SheetModel {
  const fields = r.wards[0]?.fields ?? [];
  const agg = aggColumns(fields, { texts: false, dates: false });
  const level = r.wards[0]?.levelName ?? ANY_UNIT;
  const unit = r.wards[0]?.unitLabel ?? ANY_UNIT;
  const subject = r.wards[0]?.subjectLabel ?? ANY_SUBJECT;
  const columns: SheetColumn[] = [
    colL('ward', level, 'text', 10),
    col('code', 'コード', 'Code', 'text', 8),
    colL('name', subject, 'text', 28),
    colL('expected', lt(`報告予定の${unit.ja}`, `${unit.en} expected`), 'integer', 10),
    colL('reported', lt(`報告のあった${unit.ja}`, `${unit.en} reported`), 'integer', 10),
    col('reportedRate', '報告率', 'Reported', 'percent', 9),
    ...agg.cols,
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 14),
  ];
  const rows: SheetValue[][] = [];
  const marks: string[] = [];
  for (const w of r.wards)
    for (const s of w.subjects) {
      rows.push([w.ward.name[lang], s.subject.code, s.subject.name[lang], s.expected, s.reported, num(w.figures[figureId(s.id, 'reportedRate')]), ...agg.value(w.figures, s.id, lang), provisionalText(s.provisional, lang), s.id]);
      marks.push(sampleMark([{ ref: w.ward, label: level }, { ref: s.subject, label: subject }], lang));
    }
  const sheet: SheetModel = {
    id: 'ward-subject',
    name: pairLabel(level, subject),
    preamble: { title: lt(`${r.title.ja}（${level.ja}別・${subject.ja}別）`, `${r.title.en} — by ${level.en.toLowerCase()} and ${subject.en.toLowerCase()}`) },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    marks,
    wardSubjectSampleLines(r.wards, level, subject),
  );
}

function measuresSheet(r: AnnualReport, lang: Lang): SheetModel {
  const m = r.measures;
  const keyFields = m.fields.filter((f) => f.rollup === 'key' && f.key !== m.subjectField && f.type !== 'fiscalYear');
  const lastFields = m.fields.filter((f) => f.rollup === 'last' || f.rollup === 'sum' || f.rollup === 'stock');
  const collect = m.fields.filter((f) => f.rollup === 'collect');
  const kindOf = (f: ReportField): ColumnKind => (f.type === 'number' || f.type === 'integer' ? 'number' : f.type === 'date' ? 'date' : 'text');
  const subject = m.fields.find((f) => f.key === m.subjectField)?.label ?? ANY_SUBJECT;
  const columns: SheetColumn[] = [
    // The measure field's label names the code (施策番号); the name beside it is its name.
    colL('code', subject, 'text', 9),
    col('name', '名称', 'Name', 'text', 30),
    ...keyFields.map((f) => colL(f.key, f.label, 'text', 20)),
    ...lastFields.map((f) => colL(f.key, f.label, kindOf(f), kindOf(f) === 'text' ? 10 : 11, kindOf(f) === 'number' ? (f.numberFormat ?? '#,##0.##') : undefined)),
    ...m.derived.map((d) => colL(d.key, d.label, 'percent', 9, d.numberFormat ?? PCT)),
    ...collect.map((f) => colL(f.key, f.label, 'text', 40)),
    // The receiving body's own verification per measure (the subcommittee's opinion), when given.
    ...(m.verification?.fields ?? []).map((f) => colL(`verification-${f.key}`, f.label, 'text', f.options ? 14 : 40)),
    col('status', '報告', 'Reported', 'text', 8),
    col('provisional', '暫定', 'Provisional', 'text', 8),
    col('figure', '図表ID', 'Figure id', 'text', 16),
  ];
  const rows = m.rows.map((row): SheetValue[] => [
    row.subject.code,
    row.subject.name[lang],
    ...keyFields.map((f) => cellValue(f, row.keys[f.key], lang)),
    ...lastFields.map((f) => cellValue(f, row.values[f.key], lang)),
    ...m.derived.map((d) => num(row.derived[d.key])),
    ...collect.map((f) => (row.texts[f.key] ?? []).join('\n')),
    ...(m.verification?.fields ?? []).map((f) => verificationValue(f, m.verification?.values[row.subject.code]?.[f.key], lang)),
    row.reported ? '' : lang === 'ja' ? '未報告' : 'missing',
    provisionalText(row.provisional, lang),
    row.id,
  ]);
  const lines: LocalizedText[] = [lt(`報告のあった${subject.ja}: ${m.reported} / ${m.expected}`, `${subject.en} reported: ${m.reported} of ${m.expected}`)];
  if (m.verification)
    lines.push(
      lt(
        `${m.verification.body.ja}の${m.verification.name.ja}: ${Object.keys(m.verification.values).length} / ${m.rows.length}件に記入`,
        `${m.verification.name.en} by the ${m.verification.body.en}: recorded for ${Object.keys(m.verification.values).length} of ${m.rows.length}`,
      ),
    );

  for (const [key, d] of Object.entries(m.dist)) {
    const f = m.fields.find((x) => x.key === key);
    if (!f) continue;
    lines.push(
      lt(
        `${f.label.ja}の分布: ${Object.entries(d).map(([c, n]) => `${optionLabel(f, c, 'ja')} ${n}`).join('・')}`,
        `${f.label.en} distribution: ${Object.entries(d).map(([c, n]) => `${optionLabel(f, c, 'en')} ${n}`).join(', ')}`,
      ),
    );
  }
  for (const d of m.derived) {
    const num = m.fields.find((f) => f.key === d.numerator)?.label;
    const den = m.fields.find((f) => f.key === d.denominator)?.label;
    if (num && den) lines.push(lt(`${d.label.ja} = ${num.ja} ÷ ${den.ja}`, `${d.label.en} = ${num.en} ÷ ${den.en}`));
  }
  const sheet: SheetModel = {
    id: 'measures',
    // A tab name (≤ 31 characters); the table's title from the plan is the sheet's title.
    name: lt(`${subject.ja}別の状況`, `By ${subject.en.toLowerCase()}`),
    preamble: { title: lt(`${r.fiscalYearLabel.ja} ${m.title.ja}`, `${m.title.en}, ${r.fiscalYearLabel.en}`), lines },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    m.rows.map((x) => sampleMark([{ ref: x.subject, label: subject }], lang)),
    sampleLines([{ label: subject, refs: m.rows.map((x) => x.subject) }]),
  );
}

function verificationValue(f: { options?: { code: string; label: LocalizedText }[] }, v: string | boolean | null | undefined, lang: Lang): SheetValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? (lang === 'ja' ? 'はい' : 'yes') : lang === 'ja' ? 'いいえ' : 'no';
  return f.options?.find((o) => o.code === v)?.label[lang] ?? v;
}

/**
 * Each receiving unit's verification next to its figures: one row per unit and subject, the
 * compiled totals beside what its body recorded (its own scale, outcomes and issues as it sees them).
 */
function unitVerificationSheet(r: Pick<AnnualReport, 'wards' | 'fiscalYearLabel' | 'councilBody'>, lang: Lang): SheetModel | undefined {
  const withV = r.wards.filter((w) => w.verification);
  const w0 = r.wards[0];
  const vf = withV[0]?.verification?.fields ?? [];
  if (!w0 || vf.length === 0) return undefined;
  const fields = w0.fields.filter((f) => f.rollup === 'sum' || f.rollup === 'stock');
  const columns: SheetColumn[] = [
    colL('ward', w0.levelName, 'text', 10),
    col('code', 'コード', 'Code', 'text', 8),
    colL('name', w0.subjectLabel, 'text', 28),
    ...fields.map((f) => colL(f.key, f.label, 'integer', 10, f.numberFormat ?? INT)),
    ...vf.map((f) => colL(`verification-${f.key}`, f.label, 'text', f.options ? 14 : 40)),
    col('confirmed', '確定', 'Confirmed', 'date', 12),
    col('figure', '図表ID', 'Figure id', 'text', 14),
  ];
  const rows: SheetValue[][] = [];
  const marks: string[] = [];
  for (const w of r.wards) {
    const rec = new Map((w.verification?.records ?? []).map((x) => [x.subject, x.values]));
    for (const sub of w.subjects) {
      marks.push(sampleMark([{ ref: w.ward, label: w0.levelName }, { ref: sub.subject, label: w0.subjectLabel }], lang));
      rows.push([
        w.ward.name[lang],
        sub.subject.code,
        sub.subject.name[lang],
        ...fields.map((f) => num(w.figures[figureId(sub.id, f.key)])),
        ...vf.map((f) => verificationValue(f, rec.get(sub.subject.code)?.[f.key], lang)),
        w.confirmation ? { date: w.confirmation.meetingDate } : null,
        sub.id,
      ]);
    }
  }
  const missing = r.wards.filter((w) => !w.verification).map((w) => w.ward.name[lang]);
  const sheet: SheetModel = {
    id: 'unit-verification',
    name: lt('検証', 'Verification'),
    preamble: {
      title: lt(`${r.fiscalYearLabel.ja} ${r.councilBody.ja}の検証`, `${r.councilBody.en}: verification, ${r.fiscalYearLabel.en}`),
      lines: [
        lt(`検証を記録した${w0.levelName.ja}: ${withV.length} / ${r.wards.length}`, `${w0.levelName.en} with a verification: ${withV.length} of ${r.wards.length}`),
        ...(missing.length > 0 ? [lt(`検証の記録がない: ${missing.join('、')}`, `No verification recorded: ${missing.join(', ')}`)] : []),
      ],
    },
    columns,
    rows,
    freezeHeader: true,
  };
  return markSamples(
    sheet,
    marks,
    wardSubjectSampleLines(r.wards, w0.levelName, w0.subjectLabel),
  );
}

function measureDistSheet(r: AnnualReport, lang: Lang): SheetModel {
  const m = r.measures;
  const rows: SheetValue[][] = [];
  const reported = m.rows.filter((x) => x.reported).length;
  for (const [key, d] of Object.entries(m.dist)) {
    const f = m.fields.find((x) => x.key === key);
    if (!f) continue;
    for (const [code, n] of Object.entries(d)) {
      const id = figureId(rowId(m.subjectField, ALL_SUBJECTS), key, code);
      rows.push([f.label[lang], optionLabel(f, code, lang), n, reported > 0 ? n / reported : null, id]);
    }
  }
  return {
    id: 'measure-ratings',
    name: lt('評価の分布', 'Rating distribution'),
    preamble: { title: lt(`${r.fiscalYearLabel.ja} ${m.title.ja}：評価の分布`, `${m.title.en}: ratings, ${r.fiscalYearLabel.en}`) },
    columns: [col('field', '項目', 'Item', 'text', 14), col('option', '区分', 'Category', 'text', 26), col('count', '件数', 'Count', 'integer', 8), col('share', '割合', 'Share', 'percent', 9), col('figure', '図表ID', 'Figure id', 'text', 22)],
    rows,
    freezeHeader: true,
    chart: { type: 'columnClustered', title: lt('評価の分布', 'Rating distribution'), categoryColumn: 'option', seriesColumns: ['count'] },
  };
}

function meetingsSheet(r: AnnualReport, lang: Lang): SheetModel {
  return {
    id: 'meetings',
    name: lt('会議の記録', 'Meetings'),
    preamble: {
      title: lt(`${r.fiscalYearLabel.ja} ${r.councilBody.ja}の開催記録`, `${r.councilBody.en}: meetings, ${r.fiscalYearLabel.en}`),
      lines: r.meetings.length === 0 ? [lt('記録された会議はありません。', 'No meetings recorded.')] : [],
    },
    columns: [
      colL('ward', r.wards[0]?.levelName ?? lt('単位', 'Unit'), 'text', 10),
      col('date', '開催日', 'Date', 'date', 12),
      col('agenda', '議題', 'Agenda', 'text', 50),
      col('reviewed', '確認した報告', 'Returns reviewed', 'integer', 10),
      col('confirmed', '確定', 'Confirmed', 'text', 10),
      col('note', '備考', 'Note', 'text', 30),
      col('id', '会議ID', 'Meeting id', 'text', 20),
    ],
    rows: r.meetings.map((m) => [m.ward.name[lang], date(m.date), m.agenda.join(lang === 'ja' ? '・' : '; '), m.reviewed.length, m.confirmed ? (lang === 'ja' ? '○' : 'yes') : '', m.note ?? '', m.id]),
    freezeHeader: true,
  };
}

function measureSources(r: AnnualReport, lang: Lang): SheetValue[][] {
  const rows: SheetValue[][] = [];
  const of = new Map<number, string>();
  for (const m of r.measures.rows) for (const i of m.rows) of.set(i, m.id);
  const used = (i: number) => (of.has(i) ? (lang === 'ja' ? '集計' : 'counted') : lang === 'ja' ? '除外' : 'left out');
  r.refs.forEach((ref, i) => rows.push([r.city.code, of.get(i) ?? '', ref.source ?? '', ref.sheet, ref.row, used(i), '']));
  return rows;
}

/** Tab names of the annual report's sheets that a unit's workbook also has, naming the whole. */
function annualTabName(sheet: SheetModel, whole: LocalizedText, level: LocalizedText): LocalizedText {
  if (sheet.id === 'completeness') return lt(`提出状況（${whole.ja}）`, `Completeness (${whole.en})`);
  if (sheet.id === 'sources') return lt(`出典（${whole.ja}）`, `Sources (${whole.en})`);
  if (sheet.id.startsWith('list-')) return lt(`${sheet.name.ja}（全${level.ja}）`, `${sheet.name.en} (every ${level.en.toLowerCase()})`);
  return sheet.name;
}

/**
 * The workbook of the annual report to the expert subcommittee 地域福祉専門分科会への報告: every
 * ward side by side with the city total, the city's by-initiative table (with a stacked chart),
 * ward × initiative, the chapter-4 measures with achievement rates and the rating distribution,
 * success cases, the register of ward council meetings, completeness and the sources.
 *
 * @example
 * ```ts
 * const wb = annualReportWorkbook(annualReport(plan, subs, { fiscalYear: 2026 }), 'ja');
 * wb.sheets[0]?.preamble?.title.ja; // '令和8年度 千葉市社会福祉審議会 地域福祉専門分科会への報告'
 * ```
 */
export function annualReportWorkbook(report: AnnualReport, lang: Lang): WorkbookModel {
  const r = report;
  const w0 = r.wards[0];
  const sheets: SheetModel[] = [wardsSheet(r, lang)];
  if (w0)
    sheets.push(
      subjectSheet(
        'by-subject',
        lt(`${w0.subjectLabel.ja}別（${r.city.name.ja}）`, `By ${w0.subjectLabel.en.toLowerCase()} (${r.city.name.en})`),
        lt(`${r.fiscalYearLabel.ja} ${r.city.name.ja} ${w0.subjectLabel.ja}別（${w0.report.ja}）`, `${r.city.name.en}: ${w0.report.en} by ${w0.subjectLabel.en.toLowerCase()}, ${r.fiscalYearLabel.en}`),
        r.subjects,
        r.total,
        w0.fields,
        r.figures,
        w0.subjectLabel,
        w0.unitLabel,
        lang,
      ),
      wardSubjectSheet(r, lang),
    );
  const uv = unitVerificationSheet(r, lang);
  if (uv) sheets.push(uv);
  sheets.push(measuresSheet(r, lang), measureDistSheet(r, lang));
  if (w0) {
    const flags = w0.lists.filter((l) => l.kind === 'flag');
    for (const l of flags)
      sheets.push(
        listSheet(
          l,
          w0.fields,
          [],
          lang,
          undefined,
          { unit: w0.unitLabel, subject: w0.subjectLabel, level: w0.levelName },
          lt(`${r.fiscalYearLabel.ja} ${l.label.ja}（全${w0.levelName.ja}）`, `${l.label.en}, every ${w0.levelName.en.toLowerCase()}, ${r.fiscalYearLabel.en}`),
          r.wards.map((w) => ({ ward: w.ward, items: w.lists.find((x) => x.id === l.id)?.items ?? [], refs: w.refs })),
        ),
      );
  }
  sheets.push(meetingsSheet(r, lang), completenessSheet(r.completeness, lang));
  const srcRows = [...r.wards.flatMap((w) => sourcesRows(w, lang, true)), ...measureSources(r, lang)];
  const level = w0?.levelName ?? ANY_UNIT;
  sheets.push(sourcesSheet(srcRows, { unit: w0?.unitLabel ?? ANY_UNIT, subject: w0?.subjectLabel ?? ANY_SUBJECT, level }, true));
  // Distinct ids and tab names, so that a ward's workbook and the annual report can live side by side.
  const renamed = sheets.map((sh) =>
    sh.id.startsWith('annual-')
      ? sh
      : { ...sh, id: `annual-${sh.id}`, name: annualTabName(sh, r.city.name, level) },
  );
  return withPrint({
    sheets: renamed,
    metadata: {
      'sasaeai.plan': r.planId,
      'sasaeai.report': 'annual-report',
      'sasaeai.fiscalYear': String(r.fiscalYear),
      'sasaeai.provisional': String(r.provisional),
    },
  }, { title: r.title, fiscalYear: r.fiscalYearLabel }, { screenOnly: SCREEN_ONLY });
}
