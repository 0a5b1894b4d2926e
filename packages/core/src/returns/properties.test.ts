import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnLetters, parseOrigin } from './cells.js';
import { validateGrid, validateGrids, type Issue, type RawCell, type SheetGrid, type ValidationResult } from '../index.js';
import { HEADER, plan, rowCells, today } from './test-fixtures.js';

const japanese = fc.constantFrom(
  '実施済み', '実施済', '中央区', '寒川', '見守り・声かけ活動', '令和8年度', 'R8.5.1', '１２回', '1,200人', '○', '×', '〃', '－',
  '民生委員・児童委員', '学校・PTA', '山田様', '090-1234-5678', '#N/A', '#VALUE!', '実施\n回数', '　', '', ' ', 'C01', '12101-01',
  '=SUM(A1)', '+81', '@x', 'Ｂ', 'おゆみ野', '幕張西', '平成31年度', '元年', '2026/2/30', 'H31.4.30', '令和元年5月1日',
  ...HEADER,
);
const cell: fc.Arbitrary<RawCell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[\s\u3000\u200B\uFEFF]*$/),
  japanese,
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 46143, 46143.5, 60, 2026, 0, 1),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(new Date(Number.NaN)),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom<RawCell>({ error: '#N/A' }, { error: '#REF!' }, { error: '#GETTING_DATA' }),
  fc.constant({ error: 42 } as unknown as RawCell),
  fc.constant({} as unknown as RawCell),
);
const row = fc.array(cell, { maxLength: 18 });
const anyGrid = fc.array(row, { maxLength: 12 });
// Grids that look like returns: a header (maybe shuffled, maybe partial) with arbitrary rows under it.
const returnGrid = fc
  .tuple(
    fc.array(row, { maxLength: 3 }),
    fc.shuffledSubarray([...HEADER], { minLength: 2 }),
    fc.array(fc.oneof(row, fc.constant(rowCells()), fc.array(cell, { minLength: 14, maxLength: 14 })), { maxLength: 10 }),
  )
  .map(([above, header, rows]) => [...above, header, ...rows]);
const origin = fc.oneof(fc.constant(undefined), fc.constantFrom('A1', 'B3', '$C$10', 'Sheet1!D4', 'nonsense', 'ZZZ99999999'));

function width(cells: readonly (readonly RawCell[])[]): number {
  return cells.reduce((w, r) => Math.max(w, Array.isArray(r) ? r.length : 0), 0);
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Every issue lies inside the grid: its row among the grid's rows, its cell in a column of the grid. */
function insideGrid(g: SheetGrid, issues: Issue[]): void {
  const o = parseOrigin(g.origin);
  const rows = g.cells.length;
  const cols = Math.max(width(g.cells), 1);
  for (const i of issues) {
    if (i.row !== undefined) {
      expect(i.row).toBeGreaterThanOrEqual(o.row);
      expect(i.row).toBeLessThan(o.row + rows);
    }
    if (i.cell !== undefined) {
      const m = /^([A-Z]+)(\d+)$/.exec(i.cell);
      expect(m).not.toBeNull();
      expect(Number(m?.[2])).toBe(i.row);
      const c = colNumber(m?.[1] ?? '');
      expect(c).toBeGreaterThanOrEqual(o.col);
      expect(c).toBeLessThan(o.col + cols);
    }
    expect(typeof i.message.ja).toBe('string');
    expect(i.message.ja.length).toBeGreaterThan(0);
    expect(i.message.en.length).toBeGreaterThan(0);
    expect(i.code).toMatch(/^[a-z][a-z0-9_]*$/);
  }
}

/** Nothing is silently dropped: every non-blank row below the header is a record, or the header is missing (an error says so). */
function nothingDropped(g: SheetGrid, r: ValidationResult): void {
  if (r.headerRow === null) {
    expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
    return;
  }
  const o = parseOrigin(g.origin);
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.replace(/[\u200B-\u200D\u2060]/g, '').trim() === '');
  // Columns a blank return comes filled with (fiscal year, units): a row holding only those is
  // not filled in; it is skipped, and one info issue says so.
  const template = plan.templates.find((t) => t.id === r.templateId);
  const prefilled = new Set(
    r.columns
      .filter((c) => ['fiscalYear', 'unit'].includes(template?.fields.find((f) => f.key === c.field)?.type ?? ''))
      .map((c) => c.column - o.col),
  );
  const expected: number[] = [];
  let prefilledOnly = 0;
  for (let k = r.headerRow - o.row + 1; k < g.cells.length; k++) {
    const cells = g.cells[k] ?? [];
    // Totals rows and footers are left out, each listed and noted by an info issue.
    if (r.leftOut.includes(o.row + k)) continue;
    if (cells.some((v, c) => !blank(v) && !prefilled.has(c))) expected.push(o.row + k);
    else if (cells.some((v) => !blank(v))) prefilledOnly++;
  }
  expect(r.records.map((x) => x.ref.row)).toEqual(expected);
  if (r.leftOut.length > 0) expect(r.issues.some((i) => i.code === 'totals_row_skipped' || i.code === 'footer_rows_skipped')).toBe(true);
  expect(r.issues.filter((i) => i.code === 'prefilled_only_rows')).toHaveLength(prefilledOnly > 0 ? 1 : 0);
  // A record counted valid has no error issue on its row.
  const errorRows = new Set(r.issues.filter((i) => i.severity === 'error' && i.row !== undefined).map((i) => i.row));
  for (const rec of r.records) if (rec.errors === 0) expect(errorRows.has(rec.ref.row)).toBe(false);
  for (const rec of r.records) if (errorRows.has(rec.ref.row)) expect(rec.errors).toBeGreaterThan(0);
}

function ordered(issues: Issue[]): void {
  const key = (i: Issue) => [i.row ?? 0, i.cell === undefined ? 0 : colNumber(/^[A-Z]+/.exec(i.cell)?.[0] ?? '')] as const;
  for (let k = 1; k < issues.length; k++) {
    const a = key(issues[k - 1] as Issue);
    const b = key(issues[k] as Issue);
    expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])).toBe(true);
  }
}

// Property runs take seconds on a loaded machine; the default 5 s timeout would make them flaky.
describe('validation properties', { timeout: 120_000 }, () => {
  it('never throws on arbitrary grids; issues point inside; nothing dropped; ordered', () => {
    fc.assert(
      fc.property(fc.oneof(anyGrid, returnGrid), origin, fc.constantFrom(undefined, 'district-activity', 'city-measure'), (cells, org, template) => {
        const g: SheetGrid = org === undefined ? { sheet: 'S', cells } : { sheet: 'S', origin: org, cells };
        const r = validateGrid(g, template === undefined ? { plan, today } : { plan, today, template });
        expect(r.issues.some((i) => i.code === 'internal_error')).toBe(false);
        insideGrid(g, r.issues);
        nothingDropped(g, r);
        ordered(r.issues);
        expect(r.summary.rowsRead).toBe(r.records.length);
        expect(r.summary.rowsValid + r.summary.rowsWithErrors).toBe(r.records.length);
      }),
      { numRuns: 400 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(returnGrid, (cells) => {
        const g = { sheet: 'S', cells };
        expect(validateGrid(g, { plan, today })).toEqual(validateGrid(g, { plan, today }));
      }),
      { numRuns: 100 },
    );
  });

  it('filters and the cap keep the summary consistent', () => {
    fc.assert(
      fc.property(returnGrid, fc.nat({ max: 5 }), (cells, max) => {
        const g = { sheet: 'S', cells };
        const all = validateGrid(g, { plan, today });
        const capped = validateGrid(g, { plan, today, maxIssues: max });
        expect(capped.issues).toEqual(all.issues.slice(0, max));
        expect(capped.omittedIssues).toBe(Math.max(0, all.issues.length - max));
        expect(capped.summary).toEqual(all.summary);
        const errorsOnly = validateGrid(g, { plan, today, severities: ['error'] });
        expect(errorsOnly.issues).toEqual(all.issues.filter((i) => i.severity === 'error'));
        expect(errorsOnly.summary.warnings).toBe(0);
        const noDup = validateGrid(g, { plan, today, excludeCodes: ['duplicate_row'], codes: undefined as never });
        expect(noDup.issues).toEqual(all.issues.filter((i) => i.code !== 'duplicate_row'));
      }),
      { numRuns: 100 },
    );
  });

  it('validateGrids never throws and adds up', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyGrid, returnGrid), { maxLength: 3 }), (grids) => {
        const gs = grids.map((cells, k) => ({ sheet: `S${k}`, cells }));
        const r = validateGrids(gs, { plan, today });
        expect(r.results).toHaveLength(gs.length);
        expect(r.summary.rowsRead).toBe(r.results.reduce((a, x) => a + x.records.length, 0));
        r.results.forEach((x, k) => insideGrid(gs[k] as SheetGrid, x.issues));
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on inputs that break the types', () => {
    const weird: unknown[] = [null, undefined, 1, 'x', {}, { cells: null }, { sheet: 1, cells: [null, 1, 'a', [1], [[]]] }, { sheet: 'S', cells: 'abc' }];
    for (const g of weird) {
      expect(() => validateGrid(g as SheetGrid, { plan, today })).not.toThrow();
      expect(() => validateGrids(g as SheetGrid[], { plan, today })).not.toThrow();
    }
    expect(() => validateGrid({ sheet: 'S', cells: [] }, { plan, today, maxIssues: -1, severities: 'x' as never })).not.toThrow();
    // A "today" that is no date is a programmer error: it throws rather than being replaced by the clock.
    expect(() => validateGrid({ sheet: 'S', cells: [] }, { plan, today: 'tomorrow' as never })).toThrow(/today/);
    // Nor is "today" taken as the machine's UTC day when the plan's zone is unknown: that is a bad plan.
    expect(() => validateGrid({ sheet: 'S', cells: [] }, { plan: { ...plan, timeZone: 'Asia/Tokio' } })).toThrow(/timeZone/);
  });

  it('column letters round-trip', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 16384 }), (n) => {
      expect(colNumber(columnLetters(n))).toBe(n);
    }));
  });
});
