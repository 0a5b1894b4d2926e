import { lt, type SheetModel } from '@sasaeai/core';
import { describe, expect, it } from 'vitest';
import { estimateJsonBytes, hyperlinkFormula, layoutSheet, TEXT_FORMAT } from './layout.js';

const model: SheetModel = {
  id: 'test/sheet',
  name: lt('テスト', 'Test'),
  preamble: { title: lt('表題', 'Title'), lines: [lt('注記', 'Note')] },
  columns: [
    { key: 'name', header: lt('名前', 'Name'), kind: 'text' },
    { key: 'count', header: lt('件数', 'Count'), kind: 'integer', numberFormat: '#,##0' },
    { key: 'day', header: lt('日付', 'Date'), kind: 'date', numberFormat: 'yyyy/m/d' },
    { key: 'ok', header: lt('可否', 'OK'), kind: 'boolean' },
    { key: 'at', header: lt('セル', 'Cell'), kind: 'link' },
  ],
  rows: [
    ['=SUM(A1)', 12, { date: '2026-05-01' }, true, { link: { text: 'F12', sheet: "O'Brien", cell: 'F12' } }],
    ['+81 3', null, null, false, { link: { text: 'A"1', sheet: 'S', cell: 'A1' } }],
    ['-', '12', null, null, null],
  ],
  freezeHeader: true,
  tableName: 'T',
};

describe('layoutSheet', () => {
  const l = layoutSheet(model, 'ja');

  it('puts the header after the preamble and one blank row', () => {
    expect(l.preamble).toEqual(['表題', '注記']);
    expect(l.headerRow).toBe(3);
    expect(l.values[0]).toEqual(['名前', '件数', '日付', '可否', 'セル']);
    expect(l.tableAddress).toBe('A4:E7');
  });

  it('formats every string cell as text, whatever its column', () => {
    expect(l.numberFormat[0]).toEqual(Array(5).fill(TEXT_FORMAT));
    expect(l.numberFormat[1]![0]).toBe(TEXT_FORMAT);
    expect(l.numberFormat[2]![0]).toBe(TEXT_FORMAT);
    expect(l.numberFormat[3]![1]).toBe(TEXT_FORMAT); // the string '12' in a number column stays text
    expect(l.values[1]![0]).toBe('=SUM(A1)');
    expect(l.numberFormat[1]![1]).toBe('#,##0');
  });

  it('writes dates as serials and links as HYPERLINK formulas in a separate run', () => {
    expect(l.values[1]![2]).toBe(46143);
    expect(l.values[1]![4]).toBe('');
    expect(l.links).toEqual([
      { row: 1, col: 4, formulas: [[`=HYPERLINK("#'O''Brien'!F12","F12")`], [`=HYPERLINK("#'S'!A1","A""1")`]] },
    ]);
  });

  it('uses the language asked for', () => {
    expect(layoutSheet(model, 'en').values[0]).toEqual(['Name', 'Count', 'Date', 'OK', 'Cell']);
  });

  it('cuts link texts to the 255 characters Excel allows in a formula string', () => {
    const f = hyperlinkFormula({ text: 'x'.repeat(300), sheet: 'S', cell: 'A1' });
    expect(f).toContain(`"${'x'.repeat(255)}"`);
    expect(f).not.toContain('x'.repeat(256));
  });
});

describe('payload size', () => {
  it('estimates JSON size with UTF-8 for Japanese', () => {
    const rows = [['a', 1, true], ['bc', 2.5, '']];
    expect(estimateJsonBytes(rows)).toBeGreaterThanOrEqual(JSON.stringify(rows).length);
    expect(estimateJsonBytes(rows)).toBeLessThan(JSON.stringify(rows).length * 2);
    expect(estimateJsonBytes([['区']])).toBeGreaterThanOrEqual(Buffer.byteLength(JSON.stringify([['区']])));
  });
});
