import { dataValidationOf, lt, type ColumnValidation, type SheetModel } from '@sasaeai/core';
import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { Batch } from './batch.js';
import { validationRule, queueSheet } from './write.js';

const model: SheetModel = {
  id: 'returns/blank',
  name: lt('報告', 'Return'),
  columns: [
    { key: 'status', header: lt('実施状況', 'Status'), kind: 'enum', validation: { type: 'list', values: ['実施済み', '実施中'] }, prompt: lt('選んでください', 'Choose'), errorAlert: lt('一覧から', 'From the list'), width: 10 },
    { key: 'sessions', header: lt('実施回数', 'Sessions'), kind: 'integer', numberFormat: '0', validation: { type: 'whole', min: 0 } },
    { key: 'outcomes', header: lt('成果', 'Outcomes'), kind: 'text', validation: { type: 'textLength', max: 400 } },
  ],
  rows: [['実施済み', 3, '=cmd']],
  blankRows: 2,
  freezeHeader: true,
  tableName: 'Returns',
};

/** Core's rule for a column with this validation, in Office.js's words. */
const ruleFor = (validation: ColumnValidation) => validationRule(dataValidationOf({ key: 'k', header: lt('h', 'h'), kind: 'text', validation }, 'ja')!.rule!);

describe('validationRule', () => {
  it('maps the model to Excel rules', () => {
    expect(ruleFor({ type: 'list', values: ['a', 'b'] })).toEqual({ list: { inCellDropDown: true, source: 'a,b' } });
    expect(ruleFor({ type: 'whole', min: 0 })).toEqual({ wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } });
    expect(ruleFor({ type: 'decimal', min: 0, max: 1 })).toEqual({ decimal: { formula1: 0, formula2: 1, operator: 'Between' } });
    expect(ruleFor({ type: 'date', min: '2026-04-01', max: '2027-03-31' })).toEqual({ date: { formula1: '2026-04-01', formula2: '2027-03-31', operator: 'Between' } });
    expect(ruleFor({ type: 'textLength', max: 400 })).toEqual({ textLength: { formula1: 400, operator: 'LessThanOrEqualTo' } });
  });
  it('leaves out lists Excel cannot hold inline (over 255 characters, or commas in an item)', () => {
    expect(ruleFor({ type: 'list', values: Array.from({ length: 60 }, (_, i) => `地区${i}`) })).toBeNull();
    expect(ruleFor({ type: 'list', values: ['a,b'] })).toBeNull();
  });
});

describe('queueSheet (office-addin-mock)', () => {
  it('writes header and rows as one 2-D block, text formatted before values, and the table, validation and freeze', async () => {
    const ranges = new Map<string, Record<string, unknown>>();
    const log: string[] = [];
    const range = (address: string) => {
      if (!ranges.has(address)) {
        const r: Record<string, unknown> = { format: { font: {}, fill: {} }, dataValidation: {} };
        for (const prop of ['numberFormat', 'values', 'formulas']) {
          Object.defineProperty(r, prop, {
            set(v) {
              log.push(`${address}.${prop}`);
              r[`_${prop}`] = v;
            },
            get() {
              return r[`_${prop}`];
            },
          });
        }
        ranges.set(address, r);
      }
      return ranges.get(address)!;
    };
    const tables: { address: string; headers: boolean; t: Record<string, unknown> }[] = [];
    let frozen = -1;
    const seed = {
      context: {
        workbook: {
          sheet: {
            id: '{1}',
            name: '報告',
            getRange: (a: string) => range(a),
            tables: { add: (address: string, headers: boolean) => { const t = {}; tables.push({ address, headers, t }); return t; } },
            freezePanes: { freezeRows: (n: number) => { frozen = n; } },
            charts: { add: () => { throw new Error('no chart expected'); } },
          },
        },
      },
    };
    const mock = new OfficeMockObject(seed) as unknown as { context: Excel.RequestContext & { workbook: { sheet: Excel.Worksheet } } };
    let syncs = 0;
    const batch = new Batch({ sync: async () => void syncs++ });
    await queueSheet(batch, mock.context.workbook.sheet, model, 'ja', { tableName: 'Returns' });
    expect(syncs).toBe(0);
    expect(log).toEqual(['A1:C4.numberFormat', 'A1:C4.values']);
    const block = range('A1:C4');
    expect(block.values).toEqual([
      ['実施状況', '実施回数', '成果'],
      ['実施済み', 3, '=cmd'],
      ['', '', ''],
      ['', '', ''],
    ]);
    expect((block.numberFormat as string[][])[1]).toEqual(['@', '0', '@']);
    expect((block.numberFormat as string[][])[2]).toEqual(['@', '0', '@']);
    expect(range('A2:A4').dataValidation).toMatchObject({
      rule: { list: { inCellDropDown: true, source: '実施済み,実施中' } },
      prompt: { showPrompt: true, title: '実施状況', message: '選んでください' },
      errorAlert: { showAlert: true, style: 'Warning' },
    });
    expect(range('B2:B4').dataValidation).toMatchObject({ rule: { wholeNumber: { formula1: 0 } } });
    expect(tables).toEqual([{ address: 'A1:C4', headers: true, t: { name: 'Returns', style: 'TableStyleMedium2' } }]);
    expect(frozen).toBe(1);
    expect((range('A:A').format as { columnWidth: number }).columnWidth).toBe(70);
  });
});
