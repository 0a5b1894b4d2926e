/**
 * What the custom functions compute, as plain functions over a plan (no Office APIs), so that
 * they are tested directly. Each returns core's one result shape, `Result`: the value, or the
 * message (in both languages) that says why there is none, never a throw.
 */
import {
  dateToExcelSerial,
  dueDate,
  fiscalYearOf,
  formatFiscalYear,
  parseDate,
  parseFiscalYear,
  type Lang,
  type LocalizedText,
  type Plan,
  type Result,
} from '@sasaeai/core';

/** What a custom function computes: its value, or why there is none (one message). */
export type FnResult<T> = Result<T, LocalizedText>;

const done = <T>(value: T): FnResult<T> => ({ ok: true, value, issues: [] });
const bad = <T>(ja: string, en: string): FnResult<T> => ({ ok: false, issues: [{ ja, en }] });

/**
 * The fiscal year (年度) of a date: a date cell (serial number) or text such as 令和8年5月1日.
 *
 * @example
 * ```ts
 * fiscalYearOfValue(plan, 46143); // { ok: true, value: 2026, issues: [] }
 * fiscalYearOfValue(plan, 'R9.3.31'); // { ok: true, value: 2026, issues: [] }
 * ```
 */
export function fiscalYearOfValue(plan: Plan, value: unknown): FnResult<number> {
  const d = parseDate(value);
  if (!d.ok) return bad(`日付として読めません：${String(value)}`, `Not a date: ${String(value)}`);
  return done(fiscalYearOf(d.value, plan.fiscalYear));
}

/**
 * The fiscal-year label (令和8年度) of a fiscal year or of a date. Whole numbers 1900–2200 are
 * fiscal years; other numbers are date serials; text is read as a fiscal year (2026年度, R8) or
 * else as a date.
 *
 * @example
 * ```ts
 * eraLabel(plan, 2026); // { ok: true, value: '令和8年度', issues: [] }
 * eraLabel(plan, 46143, 'en'); // { ok: true, value: 'Reiwa 8 (FY2026)', issues: [] }
 * ```
 */
export function eraLabel(plan: Plan, value: unknown, lang: Lang = 'ja'): FnResult<string> {
  let fy: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1900 && value <= 2200) fy = value;
  else if (typeof value === 'string') {
    const f = parseFiscalYear(value);
    if (f.ok) fy = f.value;
  }
  if (fy === null) {
    const r = fiscalYearOfValue(plan, value);
    if (!r.ok) return bad(`年度または日付として読めません：${String(value)}`, `Not a fiscal year or a date: ${String(value)}`);
    fy = r.value;
  }
  try {
    return done(formatFiscalYear(fy, plan.fiscalYear.labelStyle, lang));
  } catch {
    return bad(`和暦で表せない年度です：${fy}`, `No era label for FY${fy}`);
  }
}

/**
 * The closing date of a reporting flow for a fiscal year, as an Excel date serial.
 *
 * @example
 * ```ts
 * flowDueDate(plan, 'district-activity', 2026); // { ok: true, value: 46507, issues: [] } (2027-04-30)
 * ```
 */
export function flowDueDate(plan: Plan, flowId: unknown, fiscalYear: unknown): FnResult<number> {
  const id = typeof flowId === 'string' ? flowId.trim() : '';
  const flow = plan.flows.find((f) => f.id === id);
  if (!flow) {
    const known = plan.flows.map((f) => f.id).join(', ');
    return bad(`報告の流れ「${id}」はありません（${known}）`, `No flow "${id}" (${known})`);
  }
  const fy = parseFiscalYear(typeof fiscalYear === 'string' || typeof fiscalYear === 'number' ? fiscalYear : '');
  if (!fy.ok) return bad(`年度として読めません：${String(fiscalYear)}`, `Not a fiscal year: ${String(fiscalYear)}`);
  const due = dueDate(flow.closing, fy.value, plan.fiscalYear);
  return done(dateToExcelSerial(due));
}
