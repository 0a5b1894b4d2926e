/**
 * `sasaeai template --ward 中央区 --district 寒川 --fiscal-year 2026 -o return.xlsx`: a blank return
 * workbook a staff member fills in — the template's table with Japanese headers, widths, Excel
 * data validation with input prompts and error alerts, a frozen header, the district and fiscal
 * year filled in, and the plan and template recorded so that `validate` finds them. With
 * `--period` (a template several flows carry, e.g. an interim and a year-end report), the blank
 * return of one period: its report date bounded by that period's window.
 */
import { blankReturnSheet, exampleReturnSheet, formatFiscalYear, getTemplate, periodWindows, SasaeaiError, type Plan, type PeriodWindow, type SheetModel, type Template } from '@sasaeai/core';
import type { Command } from 'commander';
import { globals, parseCount, parseFiscalYearOption, requirePlanOption } from '../context.js';
import { checkOutput, displayPath } from '../files.js';
import { usage } from '../messages.js';
import { returnUnits } from '../units.js';
import { GENERATOR } from '../version.js';
import { writeWorkbookFile } from '../xlsx/write.js';
import type { Cli } from '../main.js';

interface TemplateOptions {
  template?: string;
  ward?: string;
  district?: string;
  fiscalYear?: number;
  period?: string;
  rows?: number;
  output?: string;
  force?: boolean;
}

/**
 * Registers `template`.
 *
 * @example
 * ```ts
 * registerTemplate(program, cli);
 * ```
 */
export function registerTemplate(program: Command, cli: Cli): void {
  program
    .command('template')
    .summary('write a blank return workbook to fill in / 記入用の報告様式（.xlsx）を作る')
    .description(
      'Write a blank return workbook: Japanese headers, dropdowns and number checks with prompts, a frozen\n' +
        'header, the ward, district and fiscal year filled in, and the template recorded for validate.\n' +
        '記入用の報告様式を書き出します（見出し、入力規則と入力時メッセージ、報告する単位と年度の記入済み）。',
    )
    .option('--template <id>', 'template id (default: the plan\'s first template) / 様式')
    .option('--ward <ward>', 'receiving unit (a ward), name or code / 受け手の単位', undefined)
    .option('--district <district>', 'reporting unit (a district), name or code / 報告する単位', undefined)
    .option('--fiscal-year <year>', 'fiscal year, e.g. 2026 or 令和8年度 / 年度', parseFiscalYearOption)
    .option('--period <period>', 'one period of the year: its number (1, 2 …), flow id or name, e.g. 中間報告; needs --fiscal-year / 期間（番号・報告の流れのID・名前）', undefined)
    .option('--rows <n>', 'blank rows to prepare / 入力用の行数', parseCount)
    .option('-o, --output <file>', 'the workbook to write (.xlsx) / 書き出すブック')
    .option('--force', 'overwrite the output file / 出力ファイルを上書きする')
    .action(async (opts: TemplateOptions, cmd: Command) => {
      const { lang, plan: planName } = globals(cmd);
      const plan = await requirePlanOption(planName, lang, cli.io);
      const templateId = opts.template ?? plan.templates[0]!.id;
      const template = getTemplate(plan, templateId);
      if (!template)
        usage('unknown_template', { template: templateId, known: plan.templates.map((t) => t.id) });
      const { ward, district } = returnUnits(plan, templateId, { ward: opts.ward, district: opts.district });
      const window = opts.period === undefined ? undefined : resolvePeriod(plan, template, opts.period, opts.fiscalYear);

      let sheet: SheetModel;
      try {
        sheet = blankReturnSheet(plan, templateId, {
          lang,
          ...(ward ? { ward: ward.code } : {}),
          ...(district ? { district: district.code } : {}),
          ...(opts.fiscalYear !== undefined ? { fiscalYear: opts.fiscalYear } : {}),
          ...(window ? { period: window.period } : {}),
          ...(opts.rows !== undefined ? { rows: opts.rows } : {}),
        });
      } catch (e) {
        // Units are resolved above; what core still refuses (a unit outside the template's
        // levels) is a usage error, not a fault.
        if (e instanceof SasaeaiError) usage('blank_return_failed', { detail: e.message });
        throw e;
      }
      const who = district ?? ward;
      const out =
        opts.output ??
        `${(template.sheetName ?? template.name)[lang]}${who ? `_${who.name[lang]}` : ''}${opts.fiscalYear ? `_${opts.fiscalYear}` : ''}${window ? `_${window.period}` : ''}.xlsx`.replace(
          /[\\/:*?"<>|\s]+/g,
          '_',
        );
      await checkOutput(out, { force: opts.force === true, inputs: planName.toLowerCase().endsWith('.json') ? [planName] : [] });
      // The plan's example rows, when its template has them, on a 記入例 sheet beside the form.
      const example = exampleReturnSheet(plan, templateId, { lang });
      await writeWorkbookFile(
        {
          sheets: example ? [sheet, example] : [sheet],
          metadata: { 'sasaeai.plan': plan.id, 'sasaeai.planVersion': plan.version, 'sasaeai.template': templateId },
        },
        out,
        { lang, generator: GENERATOR },
      );
      const fy = opts.fiscalYear !== undefined ? formatFiscalYear(opts.fiscalYear, 'era', lang) : null;
      const per = window ? (lang === 'ja' ? `・${window.content.ja}（報告日 ${window.start}〜${window.due}）` : ` · ${window.content.en} (report date ${window.start} to ${window.due})`) : '';
      cli.io.stdout.write(
        lang === 'ja'
          ? `報告様式を書き出しました：${displayPath(out)}（様式：${template.name.ja}${ward ? `・${ward.name.ja}` : ''}${district ? `・${district.name.ja}` : ''}${fy ? `・${fy}` : ''}${per}）\n`
          : `Blank return written: ${displayPath(out)} (template: ${template.name.en}${ward ? ` · ${ward.name.en}` : ''}${district ? ` · ${district.name.en}` : ''}${fy ? ` · ${fy}` : ''}${per})\n`,
      );
      cli.exit(0);
    });
}

/**
 * The period `--period` names: its number, the id of the flow that owes it, or that flow's name
 * (what it reports, e.g. 中間報告), among the periods of the template's flows in the fiscal year.
 * Never a default: without a fiscal year, or with a text that names no period, a usage error that
 * lists the periods there are.
 */
function resolvePeriod(plan: Plan, template: Template, text: string, fiscalYear: number | undefined): PeriodWindow {
  if (fiscalYear === undefined) usage('period_needs_fiscal_year', {});
  const windows = periodWindows(plan, template.id, fiscalYear);
  const t = text.trim().normalize('NFKC');
  const found =
    (/^\d+$/.test(t) ? windows.find((w) => w.period === Number(t)) : undefined) ??
    windows.find((w) => w.flowId === t) ??
    windows.find((w) => w.content.ja.normalize('NFKC') === t || w.content.en.toLowerCase() === t.toLowerCase()) ??
    // A flow's name often carries the template's: 区の推進状況（中間報告） is found by 中間報告.
    single(windows.filter((w) => t.length > 1 && (w.content.ja.normalize('NFKC').includes(t) || w.content.en.toLowerCase().includes(t.toLowerCase()))));
  if (!found)
    usage('unknown_period', {
      text,
      template: template.name,
      periods: windows.map((w) => ({ period: w.period, flowId: w.flowId, content: w.content, start: w.start, due: w.due })),
    });
  return found;
}

function single<T>(xs: readonly T[]): T | undefined {
  return xs.length === 1 ? xs[0] : undefined;
}
