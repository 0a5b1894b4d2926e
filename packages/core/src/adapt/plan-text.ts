/**
 * A plan file's text, as a user picks it (the CLI's `--plan file.json`, the add-in's file input,
 * the copy stored in a workbook): one way to read it, so that a file one adapter accepts the
 * other accepts too. Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON.
 */
import { lt, type LocalizedText } from '../i18n/text.js';
import { loadPlan, type PlanIssue } from '../plan/load.js';
import type { Plan } from '../plan/schema.js';
import type { Result } from '../result.js';

const BOM = 0xfeff;

/** The words of `plan_not_json`, once per language. */
function notJsonMessage(detail: string): LocalizedText {
  return lt(`計画ファイルを JSON として読めません：${detail}`, `The plan file is not valid JSON: ${detail}`);
}

/**
 * Reads a plan file's text: a leading byte-order mark is dropped, text that is not JSON gives a
 * `plan_not_json` issue with the parser's reason, and JSON goes to {@link loadPlan}. Never throws.
 *
 * @example
 * ```ts
 * const r = parsePlanText(await file.text());
 * if (r.ok) use(r.value);
 * else for (const i of r.issues) console.log(i.path, i.message.en);
 * ```
 */
export function parsePlanText(text: string): Result<Plan, PlanIssue> {
  const body = text.charCodeAt(0) === BOM ? text.slice(1) : text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ code: 'plan_not_json', severity: 'error', path: '', message: notJsonMessage(detail) }] };
  }
  return loadPlan(json);
}
