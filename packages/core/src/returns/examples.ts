/**
 * A template's example rows (記入例): the plan may give a few, as staff would type them. The blank
 * return shows them on a sheet of their own (sheet/example.ts), and a sheet whose rows repeat them — the example
 * sheet copied or renamed, filled in no further — is an example, not a return: counting it would
 * add the example's figures to a district's.
 */
import type { Plan, Template } from '../plan/schema.js';
import { getTemplate } from '../plan/queries.js';
import type { FieldValue, RawCell, SheetGrid } from './types.js';
import { validateGrid } from './validate.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A cell of an example row: a value as typed, or a calendar date. */
export type ExampleCell = string | number | boolean | null | { date: string };

/**
 * The example rows of a template as cells in field order (dates as dates), or [] when it has none.
 *
 * @example
 * ```ts
 * exampleCells(getTemplate(plan, 'area-report')!); // [['2026年度', '北地区', …]]
 * ```
 */
export function exampleCells(template: Template): ExampleCell[][] {
  return (template.examples ?? []).map((ex) =>
    template.fields.map((f) => {
      const v = ex[f.key];
      if (v === undefined) return null;
      return f.type === 'date' && typeof v === 'string' && ISO_DATE.test(v) ? { date: v } : v;
    }),
  );
}

/** A normalised value as a comparison key. */
function key(v: FieldValue | undefined): string {
  return JSON.stringify(v ?? null);
}

/** Largest number of rows a sheet may have to be compared with the examples at all. */
const MAX_EXAMPLE_ROWS = 200;

/**
 * Whether every report row of a sheet repeats one of its template's example rows (each value the
 * example gives, compared as validation normalises them: 寒川 and 12101-01, 2026/5/1 and a date
 * serial are the same). A sheet with no report rows, or a template with no examples, does not.
 *
 * @example
 * ```ts
 * repeatsExamples(plan, 'area-report', grid); // true for the 記入例 sheet copied as Sheet2
 * ```
 */
export function repeatsExamples(plan: Plan, templateId: string, grid: SheetGrid): boolean {
  const template = getTemplate(plan, templateId);
  const examples = template?.examples ?? [];
  if (template === undefined || examples.length === 0 || !Array.isArray(grid.cells) || grid.cells.length > MAX_EXAMPLE_ROWS) return false;
  const header: RawCell[] = template.fields.map((f) => f.label.ja);
  const cells = exampleCells(template).map((r) => r.map((v): RawCell => (v !== null && typeof v === 'object' ? ('date' in v ? v.date : null) : v)));
  // No example is a future report: the date checks do not matter here, only the values.
  const today = '2999-12-31';
  const wanted = validateGrid({ sheet: '記入例', cells: [header, ...cells] }, { plan, template: templateId, today }).records.map((r, i) => {
    const ex = examples[i] ?? {};
    return Object.keys(ex).map((k) => [k, key(r.values[k])] as const);
  });
  const got = validateGrid(grid, { plan, template: templateId, today }).records;
  if (got.length === 0 || wanted.length === 0) return false;
  return got.every((rec) => wanted.some((ex) => ex.every(([k, v]) => key(rec.values[k]) === v)));
}
