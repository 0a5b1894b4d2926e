/**
 * Excel custom functions (namespace SASAEAI), registered by custom-functions-metadata-plugin
 * from the JSDoc below. They run in the shared runtime with the task pane and use the plan the
 * workbook carries: a call made before the pane has read it waits (a promise Excel shows as
 * #BUSY!), and loading or resetting a plan recalculates the workbook.
 */
import { langFromLocale } from '@sasaeai/core';
import { whenPlanReady } from '../app/plan-state.js';
import { eraLabel, fiscalYearOfValue, flowDueDate, type FnResult } from './logic.js';

declare const CustomFunctions: {
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { invalidValue: string };
};
function lang() {
  const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
  return langFromLocale(office?.context?.displayLanguage);
}

function unwrap<T>(r: FnResult<T>): T {
  if (r.ok) return r.value;
  throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, r.issues.map((m) => m[lang()]).join(' '));
}

/**
 * 日付の年度を返します。Returns the fiscal year (年度) of a date.
 * @customfunction FISCALYEAR
 * @param date 日付（セルの日付、または 令和8年5月1日 などの文字列） / a date, or text such as R8.5.1
 * @returns 年度（例 2026） / the fiscal year, e.g. 2026
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom-functions-metadata maps `any` to an Excel parameter of any type
export async function fiscalYear(date: any): Promise<number> {
  return unwrap(fiscalYearOfValue((await whenPlanReady()).plan, date));
}

/**
 * 年度の和暦表記を返します（令和8年度）。Returns the era label of a fiscal year or date.
 * @customfunction ERALABEL
 * @param value 年度（2026）または日付 / a fiscal year (2026) or a date
 * @returns 例 令和8年度 / e.g. 令和8年度
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom-functions-metadata maps `any` to an Excel parameter of any type
export async function eraLabelOf(value: any): Promise<string> {
  return unwrap(eraLabel((await whenPlanReady()).plan, value, 'ja'));
}

/**
 * 報告の締切日を返します。Returns the closing date of a reporting flow for a fiscal year.
 * @customfunction DUEDATE
 * @param flowId 報告の流れ（例 district-activity） / the flow id, e.g. district-activity
 * @param fiscalYear 年度（2026 や 令和8年度） / the fiscal year (2026 or 令和8年度)
 * @returns 締切日（Excel の日付シリアル値） / the due date as an Excel date serial
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- custom-functions-metadata maps `any` to an Excel parameter of any type
export async function dueDateOf(flowId: string, fiscalYear: any): Promise<number> {
  return unwrap(flowDueDate((await whenPlanReady()).plan, flowId, fiscalYear));
}
