/**
 * What the custom functions compute, as plain functions over a plan (no Office APIs), so that
 * they are tested directly. Every failure is a message in both languages, never a throw.
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
} from '@sasaeai/core';

export type FnResult<T> = { ok: true; value: T } | { ok: false; message: LocalizedText };

const bad = (ja: string, en: string): { ok: false; message: LocalizedText } => ({ ok: false, message: { ja, en } });

/**
 * The fiscal year (年度) of a date: a date cell (serial number) or text such as 令和8年5月1日.
 *
 * @example
 * ```ts
 * fiscalYearOfValue(plan, 46143); // { ok: true, value: 2026 }
 * fiscalYearOfValue(plan, 'R9.3.31'); // { ok: true, value: 2026 }
 * ```
 */
export function fiscalYearOfValue(plan: Plan, value: unknown): FnResult<number> {
  const d = parseDate(value);
  if (!d.ok) return bad(`日付として読めません：${String(value)}`, `Not a date: ${String(value)}`);
  return { ok: true, value: fiscalYearOf(d.value, plan.fiscalYear) };
}

/**
 * The fiscal-year label (令和8年度) of a fiscal year or of a date. Whole numbers 1900–2200 are
 * fiscal years; other numbers are date serials; text is read as a fiscal year (2026年度, R8) or
 * else as a date.
 *
 * @example
 * ```ts
 * eraLabel(plan, 2026); // { ok: true, value: '令和8年度' }
 * eraLabel(plan, 46143, 'en'); // { ok: true, value: 'Reiwa 8 (FY2026)' }
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
    return { ok: true, value: formatFiscalYear(fy, plan.fiscalYear.labelStyle, lang) };
  } catch {
    return bad(`和暦で表せない年度です：${fy}`, `No era label for FY${fy}`);
  }
}

/**
 * The closing date of a reporting flow for a fiscal year, as an Excel date serial.
 *
 * @example
 * ```ts
 * flowDueDate(plan, 'district-activity', 2026); // { ok: true, value: 46507 } (2027-04-30)
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
  return { ok: true, value: dateToExcelSerial(due) };
}
