import { readFileSync } from 'node:fs';
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  annualReport,
  annualReportWorkbook,
  blankReturnSheet,
  completeness,
  completenessSheet,
  headerFooterString,
  HEADER_FOOTER_MAX,
  lt,
  printHeaderFooter,
  printRanges,
  printRowHeights,
  printSettings,
  requirePlan,
  submissionFromValidation,
  validateGrid,
  wardProgress,
  wardProgressWorkbook,
  type Plan,
  type SheetModel,
} from '../index.js';
import { generateReturns } from '../samples/index.js';

const chiba = requirePlan(chibaPlan);
const town = requirePlan(JSON.parse(readFileSync(new URL('../../../../examples/custom-plan/town.plan.json', import.meta.url), 'utf8')) as unknown);

// The town's plan has too few areas for the sample generator: its reports are built with no returns.
function reports(plan: Plan, ward: string, samples: boolean): SheetModel[] {
  const gen = samples ? generateReturns(plan, { seed: 3, rows: 200, badShare: 0.05, rowsPerSheet: 20 }) : undefined;
  const subs = (gen?.grids ?? []).map((g) => submissionFromValidation(validateGrid(g, { plan, today: gen!.expected.asOf })));
  return [
    ...wardProgressWorkbook(wardProgress(plan, subs, { fiscalYear: 2026, ward }), 'ja').sheets,
    ...annualReportWorkbook(annualReport(plan, subs, { fiscalYear: 2026 }), 'en').sheets,
    completenessSheet(completeness(plan, subs, { fiscalYear: 2026 }), 'ja'),
  ];
}

describe.each([
  { name: 'Chiba', plan: chiba, ward: '12101', template: 'district-activity', samples: true },
  { name: 'the town (no wards)', plan: town, ward: 'T', template: 'area-report', samples: false },
])('print settings with $name', ({ plan, ward, template, samples }) => {
  const sheets = reports(plan, ward, samples);

  it('every report sheet prints on A4, one page wide, with title and fiscal year, figure ids off paper', () => {
    expect(sheets.length).toBeGreaterThan(5);
    for (const s of sheets) {
      const p = s.print;
      expect(p, s.id).toBeDefined();
      expect(p!.paper).toBe('A4');
      expect(p!.pagesTall).toBe(0);
      expect(p!.title.ja).toMatch(/\S/);
      expect(p!.fiscalYear?.en).toContain('2026');
      const printed = s.columns.slice(0, p!.printedColumns).map((c) => c.key);
      const last = s.columns.at(-1)!.key;
      // a trailing technical column stays on screen; in the middle (sources, changes) it is the content
      if (last === 'figure' || last === 'id') expect(printed, s.id).not.toContain(last);
      else expect(p!.printedColumns).toBe(s.columns.length);
    }
    const wide = sheets.filter((s) => s.print!.orientation === 'landscape').map((s) => s.id);
    const narrow = sheets.filter((s) => s.print!.orientation === 'portrait').map((s) => s.id);
    expect(wide).toContain('by-district');
    expect(narrow).toContain('summary');
  });

  it('the blank return prints on one page, with rows tall enough to write in', () => {
    const blank = blankReturnSheet(plan, template, { fiscalYear: 2026 });
    expect(blank.print).toMatchObject({ paper: 'A4', pagesTall: 1, printedColumns: blank.columns.length });
    const heights = printRowHeights(blank, 'ja');
    expect(heights.rows).toHaveLength(blank.rows.length + (blank.blankRows ?? 0));
    expect(heights.rows.every((h) => h !== null && h >= 30)).toBe(true);
  });
});

describe('printHeaderFooter', () => {
  const sheet: SheetModel = { id: 'x', name: lt('表', 'Table'), columns: [{ key: 'a', header: lt('a', 'a'), kind: 'text' }], rows: [['a']] };

  it('escapes & and keeps the header within Excel 255 characters', () => {
    const p = printSettings(sheet, { title: lt(`R&D ${'長い題名'.repeat(80)}`, 'R&D'), fiscalYear: lt('令和8年度', 'FY2026') });
    const hf = printHeaderFooter(p, 'ja');
    expect(hf.header.left.startsWith('R&&D ')).toBe(true);
    expect(hf.header.left.endsWith('…')).toBe(true);
    expect(headerFooterString(hf.header).length).toBeLessThanOrEqual(HEADER_FOOTER_MAX);
    expect(headerFooterString(hf.header)).toMatch(/&C&A&R令和8年度$/);
    expect(headerFooterString(hf.footer)).toBe('&C&P / &N');
    expect(printHeaderFooter(p, 'en').header.left).toBe('R&&D');
  });

  it('gives the print area up to the last printed column and the header row as print titles', () => {
    const s: SheetModel = {
      ...sheet,
      preamble: { title: lt('t', 't'), lines: [lt('a long note '.repeat(20), 'n')] },
      columns: [...sheet.columns, { key: 'figure', header: lt('図表ID', 'Figure id'), kind: 'text' }],
      rows: [['一行に収まらない長い文章です。'.repeat(4), 'x/y']],
    };
    s.print = printSettings(s, { title: lt('t', 't') }, { screenOnly: ['figure'] });
    expect(s.print.printedColumns).toBe(1);
    expect(printRanges(s)).toEqual({ area: 'A1:A5', titleRows: '$4:$4' });
    const h = printRowHeights(s, 'ja');
    expect(h.rows[0]).toBeGreaterThan(100);
    expect(h.preamble[1]).toBeGreaterThan(16);
  });
});
