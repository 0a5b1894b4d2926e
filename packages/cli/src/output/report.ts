/**
 * The JSON of a compiled report, one shape for `rollup` (from returns) and `compile` (from units'
 * workbooks): which report, where it was written, what each command adds about its inputs, the
 * roll-up's notices and the figures.
 */
import type { AnnualReport, Lang, WardProgress } from '@sasaeai/core';

/** What a command adds to the report's JSON: where the workbook went, then its own fields. */
export type ReportJsonExtra = { output: string | undefined } & Record<string, unknown>;

/**
 * The report as the JSON text a command prints (two-space indented, with a final newline): kind,
 * fiscal year, title and output first, then the command's own fields in the order given, then the
 * notices (code, severity, message, submissions concerned) and the figures.
 *
 * @example
 * ```ts
 * cli.io.stdout.write(reportJson(report, 'ja', { output: 'report.xlsx', counted: 3 }));
 * ```
 */
export function reportJson(report: WardProgress | AnnualReport, lang: Lang, extra: ReportJsonExtra): string {
  const { output, ...fields } = extra;
  const json = {
    kind: report.kind,
    fiscalYear: report.fiscalYear,
    title: report.title[lang],
    output: output ?? null,
    ...fields,
    notices: report.notices.map((n) => ({ code: n.code, severity: n.severity, message: n.message[lang], submissions: n.submissions })),
    figures: report.figures,
  };
  return JSON.stringify(json, null, 2) + '\n';
}
