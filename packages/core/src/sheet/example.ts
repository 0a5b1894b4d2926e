/**
 * The example sheet (記入例) of a blank return: the template's example rows from the plan, on a
 * sheet beside the form, so staff see how to fill it in (returns/examples.ts then leaves such a
 * sheet out of validation).
 */
import type { Lang } from '../i18n/text.js';
import { getTemplate } from '../plan/queries.js';
import type { Plan } from '../plan/schema.js';
import { exampleCells } from '../returns/examples.js';
import type { SheetModel } from './model.js';
import { blankReturnSheet } from './template.js';

/**
 * The example sheet (記入例) of a blank return: the template's columns with its example rows
 * filled in, under a title that says it is an example. Null when the template has no examples.
 *
 * @throws SasaeaiError `unknown_template` for a template not in the plan.
 * @example
 * ```ts
 * const ex = exampleReturnSheet(plan, 'area-report');
 * ex?.name.ja; // '記入例'
 * ```
 */
export function exampleReturnSheet(plan: Plan, templateId: string, opts: { lang?: Lang } = {}): SheetModel | null {
  const blank = blankReturnSheet(plan, templateId, { rows: 0, ...(opts.lang !== undefined ? { lang: opts.lang } : {}) });
  const template = getTemplate(plan, templateId);
  if (template === undefined || (template.examples ?? []).length === 0) return null;
  const name = template.sheetName ?? template.name;
  const sheet: SheetModel = {
    ...blank,
    id: `example-return/${template.id}`,
    name: { ja: '記入例', en: 'Example' },
    preamble: {
      title: { ja: `記入例：${name.ja}`, en: `Example: ${name.en}` },
      lines: [{ ja: 'このシートは記入のしかたの例です。報告には使われません。', en: 'This sheet shows how to fill in the return; it is not read as a return.' }],
    },
    rows: exampleCells(template),
    blankRows: 0,
    metadata: { 'sasaeai.plan': plan.id, 'sasaeai.example': template.id },
  };
  if (blank.tableName !== undefined) sheet.tableName = `${blank.tableName}_example`;
  delete sheet.print;
  return sheet;
}
