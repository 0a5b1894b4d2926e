/**
 * 取り込み (taking returns in): the secretariat 事務局 picks the .xlsx files the senders returned;
 * their return sheets are inserted into the workbook (`insertWorksheetsFromBase64`, ExcelApi
 * 1.13), named after the sending unit, each carrying where it came from in a worksheet custom
 * property. Which unit sent a return and whether a file is a newer version of one already in are
 * core's decisions (`returnSender`, `importDecision`); this module only moves sheets.
 *
 * One `Excel.run` per file: a file Excel refuses is reported and the others still go in.
 */
import { importDecision, importedSheetName, returnSender, validateGrid, type Lang, type Plan, type ReturnVersion, type ValidationResult } from '@sasaeai/core';
import { Batch } from '../excel/batch.js';
import { uniqueSheetName } from '@sasaeai/core';
import { queueUsedRange, readGrids } from '../excel/read.js';
import { run } from '../excel/run.js';
import { t } from './i18n.js';
import { IMPORT_KEY, parseImportTag, submissionIdOf, type ImportTag } from './report.js';
import { savedTimeOf, sheetNamesOf, toBase64 } from './saved-time.js';

// Where a return came from is read the same way by the report (report.ts).
export { IMPORT_KEY, submissionIdOf, type ImportTag };

/** The API set `insertWorksheetsFromBase64` needs. */
export const IMPORT_API = { set: 'ExcelApi', version: '1.13' } as const;

/** A return sheet already in the workbook, validated. */
export interface ImportedReturn {
  sheetId: string;
  name: string;
  tag: ImportTag;
  /** The id the review knows it by: `<file>#<sheet in the file>`. */
  submissionId: string;
  result: ValidationResult;
}

/** A picked file. */
export interface PickedFile {
  name: string;
  bytes: Uint8Array;
  /** The file's modification time (ISO 8601), when the browser gives one. */
  fileTime?: string;
}

/** What became of one file. */
export type ImportOutcome =
  | {
      file: string;
      kind: 'taken';
      sheets: { name: string; sender: string | null; replaced: string[]; partlyOverlaps: string[]; rowsOlder: number }[];
      /** Sheets of the file that hold no return (left out). */
      skipped: string[];
      /** Return sheets of the file that are older than one already in (left out). */
      older: { sheet: string; newer: string }[];
    }
  | { file: string; kind: 'older'; older: { sheet: string; newer: string }[] }
  | { file: string; kind: 'no-return'; skipped: string[] }
  | { file: string; kind: 'failed'; code: string; detail: string };

/** Whether this Excel can insert sheets from a file. */
export function canImport(): boolean {
  return Office.context?.requirements?.isSetSupported(IMPORT_API.set, IMPORT_API.version) ?? false;
}

/**
 * The return sheets taken in earlier, read and validated: three syncs plus the values read.
 *
 * @example
 * ```ts
 * const returns = await run((ctx) => readImported(ctx, new Batch(ctx), plan));
 * ```
 */
export async function readImported(context: Excel.RequestContext, batch: Batch, plan: Plan): Promise<ImportedReturn[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  await batch.sync();
  const props = sheets.items.map((s) => {
    const p = s.customProperties.getItemOrNullObject(IMPORT_KEY);
    p.load('value');
    return p;
  });
  await batch.sync();
  const found = sheets.items.flatMap((s, i) => {
    const p = props[i]!;
    const tag = p.isNullObject ? null : parseImportTag(p.value);
    return tag ? [{ sheet: s, tag }] : [];
  });
  if (found.length === 0) return [];
  const targets = found.map((f) => queueUsedRange(f.sheet, f.tag.source));
  await batch.sync();
  const grids = await readGrids(context, batch, targets);
  return found.map((f, i) => ({
    sheetId: f.sheet.id,
    name: f.sheet.name,
    tag: f.tag,
    submissionId: submissionIdOf(f.tag),
    result: validateGrid(grids[i]!, { plan }),
  }));
}

/**
 * Lists the returns taken in, validated (for the review panel and the roll-up pickers).
 *
 * @example
 * ```ts
 * const returns = await listImported(plan);
 * ```
 */
export function listImported(plan: Plan): Promise<ImportedReturn[]> {
  return run((context) => readImported(context, new Batch(context), plan));
}

function versionOf(r: ImportedReturn): ReturnVersion {
  // The decision compares files and their sheets: the sheet as it was named in its file.
  return { result: { ...r.result, sheet: r.tag.sheet }, savedAt: r.tag.savedAt, fileTime: r.tag.fileTime };
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'GeneralException';
}

async function importOne(plan: Plan, lang: Lang, file: PickedFile, existing: ImportedReturn[]): Promise<ImportOutcome> {
  const savedAt = await savedTimeOf(file.bytes);
  const names = await sheetNamesOf(file.bytes);
  const base64 = toBase64(file.bytes);
  try {
    return await run(async (context) => {
      const batch = new Batch(context);
      const ids = context.workbook.insertWorksheetsFromBase64(base64, { positionType: Excel.WorksheetPositionType.end });
      await batch.sync();
      const inserted = ids.value.map((id, i) => ({ id, original: names[i] }));
      const targets = inserted.map((s) => queueUsedRange(context.workbook.worksheets.getItem(s.id), file.name));
      await batch.sync();
      const grids = await readGrids(context, batch, targets);
      const skipped: string[] = [];
      const older: { sheet: string; newer: string }[] = [];
      const taken: Extract<ImportOutcome, { kind: 'taken' }>['sheets'] = [];
      const del = (id: string) => context.workbook.worksheets.getItem(id).delete();
      const namesNow = new Set((await sheetNames(context, batch)).map((s) => s.name));
      for (const [i, s] of inserted.entries()) {
        const original = s.original ?? targets[i]!.sheet.name;
        const grid = { ...grids[i]!, sheet: original };
        const result = validateGrid(grid, { plan });
        if (result.templateId === null) {
          skipped.push(original);
          del(s.id);
          namesNow.delete(targets[i]!.sheet.name);
          continue;
        }
        const tag: ImportTag = { source: file.name, sheet: original };
        if (savedAt !== undefined) tag.savedAt = savedAt;
        if (file.fileTime !== undefined) tag.fileTime = file.fileTime;
        const d = importDecision(plan, existing.map(versionOf), { result, savedAt: tag.savedAt, fileTime: tag.fileTime });
        if (d.kind === 'older') {
          older.push({ sheet: original, newer: existing[d.newer]!.name });
          del(s.id);
          namesNow.delete(targets[i]!.sheet.name);
          continue;
        }
        const replaced = d.replaces.map((k) => existing[k]!);
        for (const r of replaced) {
          del(r.sheetId);
          namesNow.delete(r.name);
        }
        namesNow.delete(targets[i]!.sheet.name);
        const name = uniqueSheetName(importedSheetName(plan, result, lang), namesNow);
        namesNow.add(name);
        const sheet = context.workbook.worksheets.getItem(s.id);
        sheet.name = name;
        sheet.customProperties.add(IMPORT_KEY, JSON.stringify(tag));
        const sender = returnSender(plan, result);
        taken.push({
          name,
          sender: sender ? sender.name[lang] : null,
          replaced: replaced.map((r) => r.name),
          partlyOverlaps: d.partlyOverlaps.map((k) => existing[k]!.name),
          rowsOlder: d.rowsOlder,
        });
        const kept = existing.filter((e) => !replaced.includes(e));
        kept.push({ sheetId: s.id, name, tag, submissionId: submissionIdOf(tag), result: { ...result, sheet: name } });
        existing.splice(0, existing.length, ...kept);
      }
      await batch.sync();
      if (taken.length > 0) return { file: file.name, kind: 'taken', sheets: taken, skipped, older };
      if (older.length > 0) return { file: file.name, kind: 'older', older };
      return { file: file.name, kind: 'no-return', skipped };
    });
  } catch (e) {
    return { file: file.name, kind: 'failed', code: errorCode(e), detail: e instanceof Error ? e.message : String(e) };
  }
}

async function sheetNames(context: Excel.RequestContext, batch: Batch): Promise<{ id: string; name: string }[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  await batch.sync();
  return sheets.items.map((s) => ({ id: s.id, name: s.name }));
}

/**
 * Takes returned files in, one after the other, reporting each as it finishes. Needs ExcelApi
 * 1.13 (check {@link canImport} first: this throws a plain Error saying which Excel is needed).
 *
 * @example
 * ```ts
 * const outcomes = await importReturns(plan, 'ja', files, (i, n, name) => show(`${i}/${n} ${name}`));
 * ```
 */
export async function importReturns(
  plan: Plan,
  lang: Lang,
  files: readonly PickedFile[],
  onFile: (index: number, total: number, file: string, outcome?: ImportOutcome) => void = () => {},
): Promise<ImportOutcome[]> {
  if (!canImport()) throw new Error(t(lang, 'importNeedsApi'));
  const existing = await listImported(plan);
  const out: ImportOutcome[] = [];
  for (const [i, f] of files.entries()) {
    onFile(i + 1, files.length, f.name);
    const o = await importOne(plan, lang, f, existing);
    out.push(o);
    onFile(i + 1, files.length, f.name, o);
  }
  return out;
}

/**
 * What to tell staff about one file, in their language (one line per fact).
 *
 * @example
 * ```ts
 * importMessages(outcome, 'ja'); // ['「寒川.xlsx」を取り込みました：シート「寒川」（寒川地区部会）']
 * ```
 */
export function importMessages(o: ImportOutcome, lang: Lang): string[] {
  switch (o.kind) {
    case 'failed':
      return [t(lang, o.code === 'UnsupportedFeature' ? 'importUnsupportedFeature' : 'importFailed', o.file, o.detail)];
    case 'no-return':
      return [t(lang, 'importNoReturn', o.file)];
    case 'older':
      return o.older.map((x) => t(lang, 'importOlder', o.file, x.sheet, x.newer));
    case 'taken': {
      const lines: string[] = [];
      for (const s of o.sheets) {
        lines.push(t(lang, 'importTaken', o.file, s.name, s.sender ?? t(lang, 'importNoSender')));
        for (const r of s.replaced) lines.push(t(lang, 'importReplaced', r));
        for (const p of s.partlyOverlaps) lines.push(t(lang, 'importPartly', p));
        if (s.rowsOlder > 0) lines.push(t(lang, 'importRowsOlder', s.rowsOlder));
      }
      for (const x of o.older) lines.push(t(lang, 'importOlder', o.file, x.sheet, x.newer));
      if (o.skipped.length > 0) lines.push(t(lang, 'importSkipped', o.skipped.join('、')));
      return lines;
    }
  }
}
