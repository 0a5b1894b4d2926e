/**
 * Corrected resubmissions (修正版の再提出): staff fix a return and send it again beside the
 * original. Rows with the same key (the template's unique fields — district, initiative, report
 * date for a district activity return) in two files are the same report; the version saved later
 * supersedes the earlier one, so nothing is counted twice and the corrected figures count.
 */
import type { Plan } from '../plan/schema.js';
import { getTemplate } from '../plan/queries.js';
import { ISSUE_CODES } from './codes.js';
import { compileTemplate } from './compile.js';
import { issueText } from './messages/index.js';
import type { Issue, LocatedRecord } from './types.js';
import type { ValidationResult } from './validate.js';

/** One validated return and when its file was saved. */
export interface ReturnVersion {
  result: ValidationResult;
  /** The workbook's own "last saved" time (ISO 8601), when it records one. */
  savedAt?: string | undefined;
  /** The file's modification time (ISO 8601), the fallback. */
  fileTime?: string | undefined;
}

function stamp(v: ReturnVersion): string {
  return v.savedAt ?? v.fileTime ?? '';
}

function later(a: ReturnVersion, b: ReturnVersion): boolean {
  const sa = v(a);
  const sb = v(b);
  return sa[0] !== sb[0] ? sa[0] > sb[0] : sa[1] > sb[1];
  function v(x: ReturnVersion): [string, string] {
    return [x.savedAt ?? '', x.fileTime ?? ''];
  }
}

/**
 * Resolves corrected resubmissions among validated returns: for each key found in returns of
 * more than one file, the rows of the version saved last (the workbook's saved time, then the
 * file time) stay, the others are taken out of their results (with their issues), and the
 * "duplicate row" errors between the two versions are dropped. One info issue on the older
 * return names both files. Results without such overlaps come back unchanged.
 *
 * @example
 * ```ts
 * const results = resolveResubmissions(plan, [
 *   { result: original, fileTime: '2026-06-01T09:00:00Z' },
 *   { result: corrected, fileTime: '2026-06-03T09:00:00Z' },
 * ]);
 * ```
 */
export function resolveResubmissions(plan: Plan, versions: readonly ReturnVersion[]): ValidationResult[] {
  // Only rows of two files can supersede each other: with fewer, there is nothing to key (a
  // 100,000-row workbook alone would otherwise cost a key string per row for nothing).
  const sources = new Set<string>();
  for (const ver of versions) if (ver.result.templateId !== null && ver.result.source !== undefined) sources.add(ver.result.source);
  if (sources.size < 2) return versions.map((x) => x.result);
  // key → every record with it: version index and record index.
  const byKey = new Map<string, { v: number; k: number }[]>();
  versions.forEach((ver, v) => {
    const res = ver.result;
    if (res.templateId === null || res.source === undefined) return;
    const t = getTemplate(plan, res.templateId);
    if (t === undefined) return;
    const ct = compileTemplate(plan, t);
    const keys = ct.unique.map((i) => ct.fields[i]?.key ?? '');
    if (keys.length === 0) return;
    res.records.forEach((rec, k) => {
      const parts = keys.map((key) => rec.values[key]);
      if (parts.some((p) => p === null || p === undefined)) return;
      const key = `${res.templateId}\u0000${parts.map((p) => (Array.isArray(p) ? p.join('\u0001') : String(p))).join('\u0000')}`;
      const list = byKey.get(key) ?? [];
      list.push({ v, k });
      byKey.set(key, list);
    });
  });

  const dropped = versions.map(() => new Set<number>());
  // Winner records whose cross-file duplicate error is to be dropped.
  const cleared = versions.map(() => new Set<number>());
  // older version → newer version → rows taken out.
  const pairs = new Map<number, Map<number, number>>();
  for (const list of byKey.values()) {
    const sources = new Set(list.map((e) => versions[e.v]?.result.source));
    if (sources.size < 2) continue;
    let win = list[0] as { v: number; k: number };
    for (const e of list) if (later(versions[e.v] as ReturnVersion, versions[win.v] as ReturnVersion)) win = e;
    const winSource = versions[win.v]?.result.source;
    const own = list.filter((e) => versions[e.v]?.result.source === winSource);
    for (const e of list) {
      if (versions[e.v]?.result.source === winSource) continue;
      dropped[e.v]?.add(e.k);
      const m = pairs.get(e.v) ?? new Map<number, number>();
      m.set(win.v, (m.get(win.v) ?? 0) + 1);
      pairs.set(e.v, m);
    }
    if (own.length === 1) cleared[win.v]?.add(win.k);
  }
  if (pairs.size === 0) return versions.map((x) => x.result);

  return versions.map((ver, v) => {
    const drop = dropped[v] as Set<number>;
    const clear = cleared[v] as Set<number>;
    const notes = pairs.get(v);
    if (drop.size === 0 && clear.size === 0 && notes === undefined) return ver.result;
    const res = ver.result;
    const goneRows = new Set<number>();
    const clearRows = new Set<number>();
    res.records.forEach((rec, k) => {
      if (drop.has(k)) goneRows.add(rec.ref.row);
      if (clear.has(k)) clearRows.add(rec.ref.row);
    });
    const records: LocatedRecord[] = [];
    res.records.forEach((rec, k) => {
      if (drop.has(k)) return;
      if (clear.has(k)) {
        const n = res.issues.filter((i) => i.code === 'duplicate_row' && i.row === rec.ref.row).length;
        records.push({ ...rec, errors: Math.max(0, rec.errors - n) });
      } else records.push(rec);
    });
    const issues: Issue[] = res.issues.filter(
      (i) => !(i.row !== undefined && goneRows.has(i.row)) && !(i.code === 'duplicate_row' && i.row !== undefined && clearRows.has(i.row)),
    );
    for (const [newer, rows] of notes ?? []) {
      const nv = versions[newer] as ReturnVersion;
      const m = issueText('resubmission_superseded', {
        older: res.source ?? res.sheet,
        newer: nv.result.source ?? nv.result.sheet,
        rows,
        olderTime: stamp(ver) || '?',
        newerTime: stamp(nv) || '?',
      });
      const note: Issue = { code: 'resubmission_superseded', severity: ISSUE_CODES.resubmission_superseded.severity, sheet: res.sheet, message: m };
      if (res.source !== undefined) note.source = res.source;
      issues.unshift(note);
    }
    const summary = { ...res.summary, rowsRead: records.length, rowsValid: 0, rowsWithErrors: 0, errors: 0, warnings: 0, infos: 0, byCode: {} as Record<string, number> };
    for (const r of records) {
      if (r.errors > 0) summary.rowsWithErrors++;
      else summary.rowsValid++;
    }
    for (const i of issues) {
      if (i.severity === 'error') summary.errors++;
      else if (i.severity === 'warning') summary.warnings++;
      else summary.infos++;
      summary.byCode[i.code] = (summary.byCode[i.code] ?? 0) + 1;
    }
    return { ...res, records, issues, summary };
  });
}
