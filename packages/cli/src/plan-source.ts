/**
 * The `--plan` option: the Chiba preset by name, or a municipality's plan file (JSON), loaded by
 * the same core function either way.
 */
import { readFile } from 'node:fs/promises';
import { loadPlan, parsePlanText, type LocalizedText, type Plan, type PlanIssue, type Result } from '@sasaeai/core';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { lt } from './messages.js';

/** Preset plans known by name. */
export const PRESETS: Readonly<Record<string, unknown>> = { chiba: chibaPlan };

/** A loaded plan, or why it could not be loaded. */
export type PlanSource =
  | { ok: true; plan: Plan; issues: PlanIssue[]; name: string }
  /** `unreadable`: missing file or not JSON; `invalid`: JSON that is not a valid plan. */
  | { ok: false; kind: 'unreadable' | 'invalid'; issues: PlanIssue[]; message: LocalizedText; name: string };

/**
 * Loads the plan named by `--plan`: a preset name (`chiba`) or the path of a plan file.
 *
 * @example
 * ```ts
 * const src = await loadPlanSource('chiba');
 * if (src.ok) console.log(src.plan.name.ja);
 * ```
 */
export async function loadPlanSource(value: string): Promise<PlanSource> {
  const preset = PRESETS[value.toLowerCase()];
  let r: Result<Plan, PlanIssue>;
  if (preset !== undefined) r = loadPlan(preset);
  else {
    let text: string;
    try {
      text = await readFile(value, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const names = Object.keys(PRESETS).join(', ');
      return {
        ok: false,
        kind: 'unreadable',
        issues: [],
        name: value,
        message:
          code === 'ENOENT'
            ? lt(
                `計画ファイル「${value}」が見つかりません（組み込みの計画：${names}）。`,
                `Plan file "${value}" not found (built-in plans: ${names}).`,
              )
            : lt(`計画ファイル「${value}」を読めません（${code ?? ''}）。`, `Cannot read the plan file "${value}" (${code ?? ''}).`),
      };
    }
    // Core reads the text (a byte-order mark, JSON that does not parse) as the add-in does.
    r = parsePlanText(text);
    const notJson = r.issues.find((i) => i.code === 'plan_not_json');
    if (notJson)
      return { ok: false, kind: 'unreadable', issues: [], name: value, message: lt(`「${value}」：${notJson.message.ja}`, `"${value}": ${notJson.message.en}`) };
  }
  if (r.ok) return { ok: true, plan: r.value, issues: r.issues, name: value };
  const errors = r.issues.filter((i) => i.severity === 'error').length;
  return {
    ok: false,
    kind: 'invalid',
    issues: r.issues,
    name: value,
    message: lt(
      `計画ファイル「${value}」に誤りが ${errors} 件あります。`,
      `The plan file "${value}" has ${errors} error${errors === 1 ? '' : 's'}.`,
    ),
  };
}
