/**
 * One fix to exceljs 4.4's writer: links to a cell of the same workbook.
 *
 * exceljs writes every hyperlink with an external relationship, and an internal one with a
 * `location` as well; Excel then joins the two into a link that goes nowhere
 * (exceljs/exceljs#3027). An internal link must carry only `location`. The patch keeps exceljs's
 * own test for "internal" (`Sheet!A1`), drops the relationship and the `r:id` of such links, and
 * leaves external links untouched.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface HyperlinkModel {
  address: string;
  target?: string;
  tooltip?: string;
  rId?: string;
}
interface XmlStream {
  leafNode(name: string, attributes: Record<string, string | undefined>): void;
}

let applied = false;

/** True for a target such as `'活動 一覧'!A5` (exceljs's own rule). */
export function isInternalTarget(target: string | undefined): boolean {
  return typeof target === 'string' && /^[^!]+![a-zA-Z]+[\d]+$/.test(target);
}

/**
 * Applies the patch once per process.
 *
 * @example
 * ```ts
 * patchExceljs();
 * cell.value = { text: '集計', hyperlink: "'集計'!A1" }; // a working link inside the workbook
 * ```
 */
export function patchExceljs(): void {
  if (applied) return;
  applied = true;
  const HyperlinkXform = require('exceljs/lib/xlsx/xform/sheet/hyperlink-xform.js') as {
    prototype: { render(xml: XmlStream, model: HyperlinkModel): void };
  };
  const WorksheetXform = require('exceljs/lib/xlsx/xform/sheet/worksheet-xform.js') as {
    prototype: { prepare(model: { hyperlinks?: HyperlinkModel[]; rels?: { Id: string }[] }, options: unknown): void };
  };
  const render = HyperlinkXform.prototype.render;
  HyperlinkXform.prototype.render = function (xml, model) {
    if (!isInternalTarget(model.target)) return render.call(this, xml, model);
    xml.leafNode('hyperlink', { ref: model.address, location: model.target, tooltip: model.tooltip, display: undefined });
  };
  const prepare = WorksheetXform.prototype.prepare;
  WorksheetXform.prototype.prepare = function (model, options) {
    prepare.call(this, model, options);
    const internal = new Set<string>();
    for (const h of model.hyperlinks ?? [])
      if (isInternalTarget(h.target) && h.rId !== undefined) {
        internal.add(h.rId);
        delete h.rId;
      }
    if (internal.size > 0 && model.rels) model.rels = model.rels.filter((r) => !internal.has(r.Id));
  };
}
