/**
 * The sheet-level decisions both writers take from core: number formats, names, data validation
 * and the issues sheet.
 */
import { chibaPlan } from '@sasaeai/plan-chiba';
import { describe, expect, it } from 'vitest';
import {
  blankReturnSheet,
  cellNumberFormat,
  columnNumberFormat,
  dataValidationOf,
  inlineListSource,
  issuesSheet,
  lt,
  requirePlan,
  uniqueSheetName,
  uniqueSheetNames,
  uniqueTableName,
  validateGrid,
  type SheetColumn,
} from '../index.js';

const chiba = requirePlan(chibaPlan);
const col = (kind: SheetColumn['kind'], extra: Partial<SheetColumn> = {}): SheetColumn => ({ key: 'k', header: lt('見出し', 'Header'), kind, ...extra });

describe('number formats', () => {
  it('gives every kind a default and keeps a column format', () => {
    expect(columnNumberFormat(col('integer'))).toBe('#,##0');
    expect(columnNumberFormat(col('percent'))).toBe('0.0%');
    expect(columnNumberFormat(col('date'))).toBe('yyyy/m/d');
    expect(columnNumberFormat(col('text'))).toBe('@');
    expect(columnNumberFormat(col('enum'))).toBe('@');
    expect(columnNumberFormat(col('number'))).toBe('General');
    expect(columnNumberFormat(col('integer', { numberFormat: '0' }))).toBe('0');
  });
  it('writes a string as text in any column, and a number never as text', () => {
    expect(cellNumberFormat(col('integer'), '=1+1')).toBe('@');
    expect(cellNumberFormat(col('integer'), 12)).toBe('#,##0');
    expect(cellNumberFormat(col('text'), 12)).toBe('General');
    expect(cellNumberFormat(col('integer'), Number.NaN)).toBe('General');
    expect(cellNumberFormat(col('integer'), null)).toBe('#,##0');
    expect(cellNumberFormat(col('text'), { date: '2026-05-01' })).toBe('yyyy/m/d');
    expect(cellNumberFormat(col('date', { numberFormat: 'ggge年m月d日' }), { date: '2026-05-01' })).toBe('ggge年m月d日');
    expect(cellNumberFormat(col('date'), { date: '2026-02-29' })).toBe('@');
    expect(cellNumberFormat(col('link'), { link: { text: 'A1', sheet: 's', cell: 'A1' } })).toBe('General');
    expect(cellNumberFormat(col('boolean'), true)).toBe('General');
  });
});

describe('sheet and table names', () => {
  it('makes names Excel accepts, unique ignoring case', () => {
    expect(uniqueSheetName('a/b:c', [])).toBe('a_b_c');
    expect(uniqueSheetName('Issues', ['issues'])).toBe('Issues (2)');
    expect(uniqueSheetName('Issues', ['issues', 'Issues (2)'])).toBe('Issues (3)');
    expect(uniqueSheetName('x'.repeat(40), ['x'.repeat(31)])).toHaveLength(31);
    expect(uniqueSheetName('History', [])).toBe('History_');
    expect(uniqueSheetName('_sasaeai', [])).toBe('_sasaeai_');
    expect(uniqueSheetName("'  '", [])).toBe('Sheet');
    expect(uniqueSheetNames(['概要', '概要', '概要'])).toEqual(['概要', '概要 (2)', '概要 (3)']);
    expect(uniqueTableName('District returns', [])).toBe('District_returns');
    expect(uniqueTableName('2026', [])).toBe('_2026');
    expect(uniqueTableName('A1', [])).toBe('A1_');
    expect(uniqueTableName('R1C1', [])).toBe('R1C1_');
    expect(uniqueTableName('報告', ['報告'])).toBe('報告_2');
  });
});

describe('data validation', () => {
  it('states bounds explicitly, warns rather than stops, cuts texts to Excel limits', () => {
    const whole = dataValidationOf(col('integer', { validation: { type: 'whole', min: 0 }, prompt: lt('0以上', '0 or more') }), 'ja');
    expect(whole).toEqual({
      rule: { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] },
      style: 'warning',
      allowBlank: true,
      error: { title: '見出し', message: '整数を入力してください。' },
      prompt: { title: '見出し', message: '0以上' },
    });
    expect(dataValidationOf(col('number', { validation: { type: 'decimal' } }), 'en')?.rule).toEqual({ type: 'decimal', operator: 'between', formulae: [-1e15, 1e15] });
    expect(dataValidationOf(col('date', { validation: { type: 'date', min: '2026-04-01' } }), 'en')?.rule).toEqual({ type: 'date', operator: 'between', formulae: ['2026-04-01', '9999-12-31'] });
    const long = dataValidationOf(col('text', { header: lt('長い\n見出し'.repeat(10), 'x'), validation: { type: 'textLength', max: 5 }, errorAlert: lt('あ'.repeat(300), 'x') }), 'ja')!;
    expect(long.error!.title.length).toBe(32);
    expect(long.error!.title).not.toContain('\n');
    expect(long.error!.message).toHaveLength(225);
    // a prompt alone (a free-text list of several values) still reaches the user
    expect(dataValidationOf(col('text', { prompt: lt('区切って', 'Separate') }), 'en')).toEqual({ rule: null, style: 'warning', allowBlank: true, prompt: { title: 'Header', message: 'Separate' } });
    expect(dataValidationOf(col('text'), 'en')).toBeNull();
  });
  it('holds a list inline only when Excel can', () => {
    expect(inlineListSource(['実施済み', '実施中'])).toBe('実施済み,実施中');
    expect(inlineListSource(['a,b'])).toBeNull();
    expect(inlineListSource(['a"b'])).toBeNull();
    expect(inlineListSource([' '])).toBeNull();
    expect(inlineListSource(Array.from({ length: 60 }, (_, i) => `地区${i}`))).toBeNull();
  });
  it('gives the blank return of the Chiba plan a rule or a prompt on its list columns', () => {
    const sheet = blankReturnSheet(chiba, 'district-activity', { ward: '12101', fiscalYear: 2026, lang: 'ja' });
    const specs = sheet.columns.map((c) => dataValidationOf(c, 'ja'));
    expect(specs.filter((s) => s?.rule?.type === 'list').length).toBeGreaterThan(2);
  });
});

describe('issues sheet', () => {
  it('lists every issue with a link to its cell and the field label of the template', () => {
    const result = validateGrid(
      {
        sheet: '報告',
        cells: [
          ['年度', '区', '地区', '報告日', '取組み', '実施状況', '実施回数'],
          ['令和8年度', '中央区', '寒川', '2026-05-01', '見守り・声かけ活動', '実施済み', '=1'],
        ],
      },
      { plan: chiba, today: '2026-12-01' },
    );
    expect(result.issues.length).toBeGreaterThan(0);
    const sheet = issuesSheet(chiba, result.issues, { sheet: '報告', templateId: result.templateId, lang: 'ja' });
    expect(sheet.name.ja).toBe('問題一覧_報告');
    expect(sheet.rows).toHaveLength(result.issues.length);
    const withCell = result.issues.findIndex((i) => i.cell !== undefined);
    expect(sheet.rows[withCell]![1]).toEqual({ link: { text: result.issues[withCell]!.cell, sheet: '報告', cell: result.issues[withCell]!.cell } });
    expect(issuesSheet(chiba, [], { sheet: 'x'.repeat(40), templateId: null, lang: 'en' }).name.en).toHaveLength(31);
  });
});
