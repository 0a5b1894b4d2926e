/**
 * Returns taken into a workbook (取り込み): the secretariat 事務局 picks the files the senders
 * returned and the add-in inserts their return sheets. Two decisions are the domain's, so they live
 * here and not in an adapter: which sending unit a return comes from (the sheet is named after
 * it), and whether a file is a newer version of a return already taken in — by the same rule the
 * roll-up applies to corrected resubmissions ({@link resolveResubmissions}): the same keyed rows in
 * two files are the same report, and the version saved later wins.
 */
import type { Lang, LocalizedText } from '../i18n/text.js';
import { bodyInstance, getTemplate, getUnit } from '../plan/queries.js';
import type { Plan } from '../plan/schema.js';
import { resolveResubmissions, type ReturnVersion } from './resubmission.js';
import type { ValidationResult } from './validate.js';

/** The unit(s) a return was sent by, with the sending body's name as the plan words it. */
export interface ReturnSender {
  /** Codes of the sending units found in the return's rows, most rows first. */
  units: string[];
  /** The sender's name, e.g. the district chapter of the first unit; "… ほか n" when several. */
  name: LocalizedText;
  /** A short label for a worksheet tab: the unit's name (≤ 31 characters, no characters Excel refuses). */
  sheetLabel: LocalizedText;
}

/** Characters Excel refuses in a worksheet name. */
const SHEET_FORBIDDEN = /[[\]:*?/\\]/g;

function tabLabel(text: string): string {
  const clean = text.replace(SHEET_FORBIDDEN, '・').replace(/^'+|'+$/g, '').trim();
  return [...clean].slice(0, 31).join('');
}

/**
 * The sending unit of a validated return: the units its rows name in the template's unit field
 * (only units the plan knows, most rows first), or null when no row names one — the adapter then
 * keeps the file's own sheet name and says so.
 *
 * @example
 * ```ts
 * returnSender(plan, result)?.sheetLabel.ja; // '寒川'
 * ```
 */
export function returnSender(plan: Plan, result: ValidationResult): ReturnSender | null {
  if (result.templateId === null) return null;
  const t = getTemplate(plan, result.templateId);
  if (t === undefined) return null;
  const count = new Map<string, number>();
  for (const r of result.records) {
    const u = r.values[t.unitField];
    if (typeof u === 'string' && getUnit(plan, u)) count.set(u, (count.get(u) ?? 0) + 1);
  }
  const units = [...count.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([u]) => u);
  const first = units[0];
  if (first === undefined) return null;
  const unit = getUnit(plan, first)!;
  const flow = plan.flows.find((f) => f.template === t.id);
  const body = flow ? bodyInstance(plan, flow.from, first).name : unit.name;
  const more = units.length - 1;
  const name: LocalizedText = more > 0 ? { ja: `${body.ja} ほか${more}`, en: `${body.en} and ${more} more` } : body;
  const label: LocalizedText = more > 0 ? { ja: `${unit.name.ja} ほか${more}`, en: `${unit.name.en} +${more}` } : unit.name;
  return { units, name, sheetLabel: { ja: tabLabel(label.ja), en: tabLabel(label.en) } };
}

/** What taking a return in does to the returns already in the workbook. */
export type ImportDecision =
  /**
   * A return to take in: new, or a newer version replacing earlier ones (`replaces`, indexes into
   * `existing`, sheet for sheet). `partlyOverlaps`: earlier returns that keep rows of their own
   * beside it; `rowsOlder`: its rows that a return already in supersedes — the roll-up counts each
   * row once either way.
   */
  | { kind: 'take'; replaces: number[]; partlyOverlaps: number[]; rowsOlder: number }
  /** An older version of a return already in (index into `existing`): not taken in. */
  | { kind: 'older'; newer: number };

/**
 * Decides how a return being taken in relates to those already in the workbook. The same file
 * (by name) and sheet taken in again replaces its earlier copy. Otherwise the roll-up's rule for
 * corrected resubmissions decides: where two returns hold the same keyed rows, the one saved later
 * wins; an earlier return left with no row of its own is replaced by the newer (never kept beside
 * it), one left with rows of its own stays; a return whose every row is in a later one is not
 * taken in.
 *
 * @example
 * ```ts
 * const d = importDecision(plan, existing, { result, savedAt: '2026-06-03T09:00:00Z' });
 * if (d.kind === 'take') d.replaces; // sheets to remove
 * ```
 */
export function importDecision(plan: Plan, existing: readonly ReturnVersion[], incoming: ReturnVersion): ImportDecision {
  const replaces: number[] = [];
  const others: number[] = [];
  const src = incoming.result.source;
  existing.forEach((e, i) => {
    if (src !== undefined && e.result.source === src && e.result.sheet === incoming.result.sheet) replaces.push(i);
    else others.push(i);
  });
  const resolved = resolveResubmissions(plan, [...others.map((i) => existing[i]!), incoming]);
  const mine = resolved[resolved.length - 1]!;
  const rowsOlder = incoming.result.records.length - mine.records.length;
  const kept = others.filter((i, k) => resolved[k]!.records.length === existing[i]!.result.records.length);
  if (incoming.result.records.length > 0 && mine.records.length === 0 && kept.length > 0) {
    // Every row is in a version saved later: the latest of the returns that lost nothing holds them.
    const newer = kept.reduce((a, b) => (stampOf(existing[b]!) > stampOf(existing[a]!) ? b : a));
    return { kind: 'older', newer };
  }
  const partlyOverlaps: number[] = [];
  others.forEach((i, k) => {
    const after = resolved[k]!.records.length;
    if (after === existing[i]!.result.records.length) return;
    if (after === 0) replaces.push(i);
    else partlyOverlaps.push(i);
  });
  replaces.sort((a, b) => a - b);
  return { kind: 'take', replaces, partlyOverlaps, rowsOlder };
}

function stampOf(v: ReturnVersion): string {
  return `${v.savedAt ?? ''}\u0000${v.fileTime ?? ''}`;
}

/**
 * The tab name of a return taken in: the sending unit's label, else the file's own sheet name.
 *
 * @example
 * ```ts
 * importedSheetName(plan, result, 'ja'); // '寒川'
 * ```
 */
export function importedSheetName(plan: Plan, result: ValidationResult, lang: Lang): string {
  return returnSender(plan, result)?.sheetLabel[lang] ?? tabLabel(result.sheet);
}
