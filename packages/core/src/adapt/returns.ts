/**
 * Which sheets of a workbook hold a return, and under which template: one decision for the CLI
 * (files of returns) and the add-in (sheets the user picks to roll up), so that a sheet one door
 * counts the other counts too.
 */
import { getTemplate } from '../plan/queries.js';
import type { Plan } from '../plan/schema.js';
import { SasaeaiError, SasaeaiErrorCode } from '../result.js';
import { notAReturn, notAReturnIssue } from '../returns/sheets.js';
import type { Issue, SheetGrid } from '../returns/types.js';
import { detectTemplate, validateGrids, type ValidateOptions, type ValidationResult } from '../returns/validate.js';

/** What a sheet is, for validation and roll-up. */
export type ReturnSheet =
  | {
      kind: 'return';
      templateId: string;
      /**
       * `header`: the headers name the template (validate it with the others, which also finds
       * rows sent twice across sheets); `recorded`: only the template recorded in a blank return
       * names it (its header is damaged) — validate it against that template, which then reports
       * the missing columns precisely.
       */
      by: 'header' | 'recorded';
    }
  /** A filled-in example (記入例), a cover or a summary of other sheets: it has the header, but is no return. */
  | { kind: 'not-a-return'; issue: Issue }
  /** No template of the plan: not a return at all (a note, a chart, an empty sheet). */
  | { kind: 'none' };

/**
 * What a sheet is: a return (by its headers, else by the template recorded in the blank return it
 * was made from), an example or summary sheet that looks like one, or no return.
 *
 * @example
 * ```ts
 * const what = returnSheet(plan, grid, { recordedTemplate: metadata['sasaeai.template'] });
 * if (what.kind === 'return' && what.by === 'recorded') validateGrid(grid, { plan, template: what.templateId });
 * ```
 */
export function returnSheet(plan: Plan, grid: SheetGrid, opts: { recordedTemplate?: string | undefined } = {}): ReturnSheet {
  const detected = detectTemplate(grid, plan);
  const recorded = opts.recordedTemplate !== undefined && getTemplate(plan, opts.recordedTemplate) ? opts.recordedTemplate : undefined;
  if (!detected && recorded === undefined) return { kind: 'none' };
  const why = notAReturn(grid, detected ? detected.headerRow - 1 : 0, plan, detected?.templateId ?? recorded);
  if (why !== null) return { kind: 'not-a-return', issue: notAReturnIssue(grid, why) };
  if (detected) return { kind: 'return', templateId: detected.templateId, by: 'header' };
  return recorded === undefined ? { kind: 'none' } : { kind: 'return', templateId: recorded, by: 'recorded' };
}

/** A sheet offered as a return: its grid, and the template recorded in it when it was made from a blank return. */
export interface OfferedSheet {
  grid: SheetGrid;
  recordedTemplate?: string | undefined;
}

/** What {@link validateReturns} found for one offered sheet. */
export type CheckedSheet = { what: Extract<ReturnSheet, { kind: 'return' }>; result: ValidationResult } | { what: Exclude<ReturnSheet, { kind: 'return' }> };

/**
 * Tells which offered sheets are returns ({@link returnSheet}) and validates those: the ones
 * found by their headers together — so that a row sent twice in two sheets or files is found —
 * and those known only by their recorded template one template at a time. One entry per offered
 * sheet, in the order given.
 *
 * @example
 * ```ts
 * const checked = validateReturns(plan, sheets.map((grid) => ({ grid })), { today: '2026-07-01' });
 * const results = checked.flatMap((c) => ('result' in c ? [c.result] : []));
 * ```
 */
export function validateReturns(plan: Plan, sheets: readonly OfferedSheet[], opts: Omit<ValidateOptions, 'plan' | 'template'> = {}): CheckedSheet[] {
  // Grids validated together: detected ones under no template (validation detects each), recorded ones by template.
  const groups = new Map<string | undefined, number[]>();
  const whats = sheets.map((s) => returnSheet(plan, s.grid, { recordedTemplate: s.recordedTemplate }));
  whats.forEach((what, i) => {
    if (what.kind !== 'return') return;
    const key = what.by === 'recorded' ? what.templateId : undefined;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const results = new Map<number, ValidationResult>();
  for (const [template, idx] of groups) {
    const { results: rs } = validateGrids(
      idx.map((i) => sheets[i]!.grid),
      template === undefined ? { ...opts, plan } : { ...opts, plan, template },
    );
    idx.forEach((i, k) => results.set(i, rs[k]!));
  }
  return whats.map((what, i): CheckedSheet => {
    if (what.kind !== 'return') return { what };
    const result = results.get(i);
    if (!result) throw new SasaeaiError(SasaeaiErrorCode.Internal, `sheet ${i} was not validated`);
    return { what, result };
  });
}
