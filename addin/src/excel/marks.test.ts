import type { Issue } from '@sasaeai/core';
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { MAX_ADDRESS_CHARS } from './address.js';
import { cellsToMark, isMarkFormula, markFormula, queueMarks } from './marks.js';

const issue = (cell: string | undefined, severity: Issue['severity']): Issue => ({
  code: 'rule_x',
  severity,
  ...(cell ? { cell } : {}),
  message: { ja: 'x', en: 'x' },
});

describe('cellsToMark', () => {
  it('marks each cell once, errors over warnings, nothing for infos or table-level issues', () => {
    expect(cellsToMark([issue('B2', 'warning'), issue('B2', 'error'), issue('C3', 'warning'), issue('D4', 'info'), issue(undefined, 'error')])).toEqual({
      error: ['B2'],
      warning: ['C3'],
    });
  });
  it('recognises only its own formulas', () => {
    expect(isMarkFormula(markFormula('error'))).toBe(true);
    expect(isMarkFormula('=A1>0')).toBe(false);
    expect(isMarkFormula(null)).toBe(false);
  });
});

describe('queueMarks (office-addin-mock)', () => {
  function mockSheet() {
    const calls: { address: string; cf: { type: string; custom: { rule: { formula?: string }; format: { fill: { color?: string }; font: { color?: string } } } } }[] = [];
    const seed = {
      context: {
        workbook: {
          sheet: {
            getRanges(address: string) {
              return {
                conditionalFormats: {
                  add(type: string) {
                    const cf = { type, custom: { rule: {}, format: { fill: {}, font: {} } } };
                    calls.push({ address, cf });
                    return cf;
                  },
                },
              };
            },
          },
        },
      },
    };
    const mock = new OfficeMockObject(seed) as unknown as { context: { workbook: { sheet: Excel.Worksheet } } };
    return { sheet: mock.context.workbook.sheet, calls };
  }

  it('adds one custom conditional format per packed address string and severity', () => {
    const { sheet, calls } = mockSheet();
    const n = queueMarks(sheet, [issue('F12', 'error'), issue('F13', 'error'), issue('K3', 'warning')]);
    expect(n).toEqual({ formats: 2, cells: 3 });
    expect(calls.map((c) => [c.address, c.cf.type, c.cf.custom.rule.formula])).toEqual([
      ['F12:F13', 'Custom', markFormula('error')],
      ['K3', 'Custom', markFormula('warning')],
    ]);
    expect(calls[0]!.cf.custom.format.fill.color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('splits thousands of scattered cells into address strings under 8,192 characters', () => {
    const { sheet, calls } = mockSheet();
    const issues = Array.from({ length: 6000 }, (_, i) => issue(`${['B', 'E', 'H'][i % 3]}${2 + 2 * i}`, 'error'));
    const n = queueMarks(sheet, issues).formats;
    expect(n).toBe(calls.length);
    expect(n).toBeGreaterThan(1);
    expect(n).toBeLessThan(20);
    for (const c of calls) expect(c.address.length).toBeLessThanOrEqual(MAX_ADDRESS_CHARS);
    expect(calls.flatMap((c) => c.address.split(',')).length).toBe(6000);
  });
});
