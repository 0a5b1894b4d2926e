import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_ISSUE_CODES, CLI_USAGE_CODES, FILE_LEVEL_CODES, type CliIssueCode, type CliUsageCode, type IssueParams, type UsageParams } from './codes.js';
import { cliIssue, usage, UsageError } from './messages.js';

// One set of parameters per code; `satisfies` makes a new code fail to compile until it is here.
const ISSUE_EXAMPLES = {
  file_not_found: { file: 'a.xlsx' },
  file_empty: {},
  file_encrypted: {},
  file_not_xlsx: { kind: 'xls' },
  file_unreadable: { kind: 'damaged', detail: 'end of central directory not found' },
  no_return_sheet: { sheets: ['Sheet1', 'Notes'] },
  nothing_checked: { files: 2, returns: 0 },
  report_workbook: {},
  sheet_hidden: { sheet: 'Report' },
  sheet_skipped: { sheet: 'Notes' },
  lock_file_skipped: { file: '~$a.xlsx' },
  formula_no_result: { cell: 'F9', streamed: false },
  plan_mismatch: { sheetPlan: 'town', plan: 'chiba' },
} satisfies { [C in CliIssueCode]: IssueParams<C> };

const unit = { name: { ja: '中央区', en: 'Chuo' }, code: '12101' };
const USAGE_EXAMPLES = {
  unknown_unit: { what: { ja: '区', en: 'ward' }, text: '中区', near: [unit] },
  ambiguous_unit: { what: { ja: '地区', en: 'district' }, text: '中央', matches: [unit, { ...unit, code: '12101-01' }] },
  plan_unusable: { message: { ja: '計画ファイルが見つかりません。', en: 'Plan file not found.' } },
  unknown_template: { template: 'activity', known: ['district-activity', 'city-measure'] },
  blank_return_failed: { detail: 'unit 12101 is not at a level of the template' },
  no_workbooks: { folder: 'returns' },
  output_is_input: { output: 'a.xlsx' },
  output_is_folder: { output: 'reports' },
  output_exists: { output: 'report.xlsx' },
  output_needs_file: {},
  demo_needs_preset: { preset: 'chiba', municipality: { ja: '千葉市', en: 'Chiba City' } },
  demo_folder_in_use: { folder: 'demo', files: ['a.txt'], more: true },
  demo_folder_is_file: { folder: 'demo.txt' },
  not_a_receiver: { text: '寒川', levels: [{ ja: '区', en: 'ward' }] },
  unit_wrong_level: { text: '寒川', levels: [{ ja: '区', en: 'ward' }], found: [{ name: { ja: '寒川', en: 'Samukawa' }, code: '12101-01' }] },
  review_unit_unknown: { text: '中央', several: true },
  unknown_body: { body: 'council', known: ['ward-council', 'city'] },
  review_files_missing: { files: ['a.xlsx'] },
  review_files_unreadable: { files: ['b.xlsx'] },
  review_no_return: { file: 'a.xlsx', sheet: 'Sheet1' },
  send_back_needs_reason: {},
  meeting_date_invalid: { date: '2027/2/30' },
  not_in_ledger: { file: 'a.xlsx' },
  ledger_unreadable: { file: 'review.json', detail: 'EACCES' },
  ledger_not_json: { file: 'review.json' },
  ledger_invalid: { file: 'review.json', reason: { ja: '計画が違います。', en: 'Another plan.' } },
  include_unaccepted_needs_ledger: {},
  period_needs_fiscal_year: {},
  unknown_period: { text: '3', template: { ja: '区の報告', en: 'Ward report' }, periods: [{ period: 1, flowId: 'ward-interim', content: { ja: '中間報告', en: 'Interim report' }, start: '2026-04-01', due: '2026-10-31' }] },
} satisfies { [C in CliUsageCode]: UsageParams<C> };

describe('the CLI catalogue', () => {
  it.each(Object.keys(CLI_ISSUE_CODES) as CliIssueCode[])('%s: an issue with the catalogue severity and words in both languages', (code) => {
    const issue = cliIssue(code, ISSUE_EXAMPLES[code] as never, { source: 'a.xlsx' });
    expect(issue).toMatchObject({ code, severity: CLI_ISSUE_CODES[code].severity, source: 'a.xlsx' });
    expect(issue.message.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(issue.message.en).toMatch(/^[\x20-\x7e…–“”]+$/);
  });

  it.each(Object.keys(CLI_USAGE_CODES) as CliUsageCode[])('%s: a usage error with its code and words in both languages', (code) => {
    let thrown: unknown;
    try {
      usage(code, USAGE_EXAMPLES[code] as never);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    const e = thrown as UsageError;
    expect(e.code).toBe(code);
    expect(e.text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(e.message).toBe(e.text.en);
  });

  it('keeps the words of a parameter, not a default', () => {
    expect(cliIssue('file_not_found', { file: 'x/受付.xlsx' }).message).toEqual({ ja: 'ファイルが見つかりません：x/受付.xlsx', en: 'File not found: x/受付.xlsx' });
    expect(cliIssue('no_return_sheet', { sheets: [] }).message.en).toBe(
      'No return sheet: no sheet has the header row of a template (Fiscal year…).',
    );
    expect(cliIssue('formula_no_result', { cell: 'F9', streamed: true }).message.en).toContain('could not be read');
  });

  it('derives the file-level codes (exit code 2) from the catalogue', () => {
    expect([...FILE_LEVEL_CODES].sort()).toEqual(['file_empty', 'file_encrypted', 'file_not_found', 'file_not_xlsx', 'file_unreadable']);
  });

  it('is the table of docs/cli.md', () => {
    const doc = readFileSync(new URL('../../../docs/cli.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (error|warning|info) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toEqual(Object.entries(CLI_ISSUE_CODES).map(([code, e]) => [code, e.severity, e.when]));
  });
});
