/**
 * The fake office.js refuses what Excel refuses and behaves as Excel behaves: one test per rule
 * (the `strict…` functions in test/fake-office/office.js), each showing the fake now fails or
 * changes where Excel would. Limits are Microsoft's documented ones (see each test).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../fake-office/install.js';
import { run } from '../../src/excel/run.js';

beforeEach(() => fake.reset());

/** Runs a batch and returns the Office error code it failed with (or 'ok'). */
async function outcome(fn: (context: Excel.RequestContext) => Promise<unknown>): Promise<string> {
  try {
    await run(fn);
    return 'ok';
  } catch (e) {
    return String((e as { code?: string }).code ?? e);
  }
}

describe('batches', () => {
  it('fills no load of an over-size response, and keeps what was loaded before', async () => {
    fake.type('Sheet1', 'A1', Array.from({ length: 3000 }, (_, r) => [`${r}:${'あ'.repeat(700)}`]));
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load('name');
      await context.sync();
      const big = sheet.getRange('A1:A3000');
      big.load('values');
      const small = sheet.getRange('A1');
      small.load('values');
      sheet.load('id');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      expect(() => small.values).toThrow(/not available/);
      expect(() => sheet.id).toThrow(/not available/);
      expect(sheet.name).toBe('Sheet1');
    });
  });

  it('applies the actions before the one Excel refuses (a batch is not rolled back)', async () => {
    const code = await outcome(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange('A1').values = [['written']];
      sheet.getRange('A1:B2').values = [['too few']];
      sheet.getRange('C1').values = [['never']];
      await context.sync();
    });
    expect(code).toBe('InvalidArgument');
    expect(fake.cell('Sheet1', 'A1').value).toBe('written');
    expect(fake.cell('Sheet1', 'C1').value).toBe('');
  });

  it('fails loading a user-made rule Excel cannot read (office-js #6827, #6835)', async () => {
    fake.addUserConditionalFormat('Sheet1', 'A1:A3', '=A1>0', '#00FF00', { unreadable: true });
    const code = await outcome(async (context) => {
      const cfs = context.workbook.worksheets.getActiveWorksheet().getRange().conditionalFormats;
      cfs.load('items/type');
      await context.sync();
      cfs.items[0]!.custom.rule.load('formula');
      await context.sync();
    });
    expect(code).toBe('GeneralException');
  });
});

describe('sessions and API sets', () => {
  it('gives every worksheet a new id on reopen, and can lose the add-in settings', async () => {
    const id = fake.addSheet('報告');
    await run(async (context) => {
      context.workbook.settings.add('k', 'v');
      await context.sync();
    });
    fake.reopen({ loseSettings: true });
    const code = await outcome(async (context) => {
      context.workbook.worksheets.getItem(id).load('name');
      await context.sync();
    });
    expect(code).toBe('ItemNotFound');
    expect(fake.settings()).toEqual({});
  });

  it('refuses worksheet custom properties on a host without ExcelApi 1.12, and keys over 255 characters', async () => {
    fake.setExcelApi('1.9');
    expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(false);
    const add = (key: string) =>
      outcome(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().customProperties.add(key, 'v');
        await context.sync();
      });
    expect(await add('k')).toBe('ApiNotFound');
    fake.setExcelApi('1.12');
    expect(await add('k'.repeat(256))).toBe('InvalidArgument');
    expect(await add('k')).toBe('ok');
  });

  it('refuses a name whose formula holds a text over 255 characters', async () => {
    const add = (text: string) =>
      outcome(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().names.add('Tag', `="${text}"`);
        await context.sync();
      });
    expect(await add('x'.repeat(256))).toBe('InvalidArgument');
    expect(await add('x'.repeat(255))).toBe('ok');
    expect(fake.sheetNamesDefined('Sheet1')).toEqual({ Tag: `="${'x'.repeat(255)}"` });
  });
});

describe('what Excel refuses', () => {
  const onSheet = (fn: (sheet: Excel.Worksheet) => void) =>
    outcome(async (context) => {
      fn(context.workbook.worksheets.getActiveWorksheet());
      await context.sync();
    });

  it('data-validation titles over 32, messages and list sources over 255 characters', async () => {
    const dv = (fn: (d: Excel.DataValidation) => void) => onSheet((s) => fn(s.getRange('A1:A5').dataValidation));
    expect(await dv((d) => (d.prompt = { showPrompt: true, title: 't'.repeat(33), message: 'm' }))).toBe('InvalidArgument');
    expect(await dv((d) => (d.prompt = { showPrompt: true, title: 't'.repeat(32), message: 'm'.repeat(256) }))).toBe('InvalidArgument');
    expect(await dv((d) => (d.errorAlert = { showAlert: true, style: 'Warning', title: 't'.repeat(33), message: 'm' }))).toBe('InvalidArgument');
    expect(await dv((d) => (d.rule = { list: { inCellDropDown: true, source: 'a,'.repeat(128) } }))).toBe('InvalidArgument');
    expect(await dv((d) => (d.prompt = { showPrompt: true, title: 't'.repeat(32), message: 'm'.repeat(255) }))).toBe('ok');
  });

  it('table names that read as cell references, R and C', async () => {
    for (const bad of ['A1', 'R1C1', 'R', 'C', 'xfd1048576', 'r2c']) {
      // The table of a refused name stays (a batch is not rolled back): start afresh each time.
      fake.reset();
      fake.type('Sheet1', 'A1', [['h'], ['1']]);
      const code = await onSheet((s) => {
        s.tables.add('A1:A2', true).name = bad;
      });
      expect([bad, code]).toEqual([bad, 'InvalidArgument']);
    }
    fake.reset();
    fake.type('Sheet1', 'A1', [['h'], ['1']]);
    expect(await onSheet((s) => (s.tables.add('A1:A2', true).name = 'Returns_2026'))).toBe('ok');
  });

  it('table names over 255 characters, with a space, or not starting with a letter, "_" or "\\"', async () => {
    for (const [name, want] of [
      ['T' + 'x'.repeat(255), 'InvalidArgument'],
      ['返送 一覧', 'InvalidArgument'],
      ['1表', 'InvalidArgument'],
      ['T' + 'x'.repeat(254), 'ok'],
      ['\\報告_2026', 'ok'],
      ['_報告.2026', 'ok'],
    ] as const) {
      fake.reset();
      fake.type('Sheet1', 'A1', [['h'], ['1']]);
      const code = await onSheet((s) => {
        s.tables.add('A1:A2', true).name = name;
      });
      expect([name.slice(0, 12), code]).toEqual([name.slice(0, 12), want]);
    }
  });

  it('formulas over 8,192 characters, written or in a name', async () => {
    const sum = (n: number) => '=' + Array.from({ length: n }, () => 'A1').join('+');
    const long = sum(2731); // 1 + 2731 × 3 − 1 = 8,193 characters
    expect(long.length).toBe(8193);
    expect(await onSheet((s) => (s.getRange('B1').formulas = [[long]]))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.getRange('B1').values = [[long]]))).toBe('InvalidArgument');
    expect(await onSheet((s) => s.names.add('Long', long))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.getRange('B1').formulas = [[long.slice(0, 8192)]]))).toBe('ok');
  });

  it('a request over 5 MB, before any of it runs', async () => {
    fake.resetStats();
    const big = Array.from({ length: 2000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `${r}:${c}:${'い'.repeat(100)}`));
    expect(await onSheet((s) => (s.getRange('A1:J2000').values = big))).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.values('Sheet1')).toEqual([]);
    expect(fake.stats.requests.at(-1)).toMatchObject({ error: 'RequestPayloadSizeLimitExceeded' });
  });

  it('custom XML parts that are not well-formed XML', async () => {
    const add = (xml: string) =>
      outcome(async (context) => {
        context.workbook.customXmlParts.add(xml);
        await context.sync();
      });
    for (const bad of ['{"kind":"review"}', '<a><b></a></b>', '<a>A & B</a>', '<a>1 < 2</a>', '<a/><b/>', '<a x=1/>', '<a>', ''])
      expect([bad, await add(bad)]).toEqual([bad, 'InvalidArgument']);
    for (const good of ['<?xml version="1.0"?><a xmlns="urn:x" p=\'1\'><b>A &amp; B &lt;注&gt; &#x3042;</b><!-- c --><c/></a>', '<review xmlns="urn:x"><json>{"a":"&quot;"}</json></review>'])
      expect([good, await add(good)]).toEqual([good, 'ok']);
  });

  it('sheet names History, empty, or with an apostrophe at either end', async () => {
    for (const bad of ['History', 'history', "'報告", "報告'", ' ']) {
      const code = await outcome(async (context) => {
        context.workbook.worksheets.add(bad);
        await context.sync();
      });
      expect([bad, code]).toEqual([bad, 'InvalidArgument']);
    }
    expect(await onSheet((s) => (s.name = 'History'))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.name = "報告's"))).toBe('ok');
  });

  it('unknown conditional-format types and custom formulas without "="', async () => {
    expect(await onSheet((s) => s.getRange('A1').conditionalFormats.add('Bogus' as Excel.ConditionalFormatType))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.getRange('A1').conditionalFormats.add('Custom').custom.rule.formula = 'ISTEXT(A1)'))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.getRange('A1').conditionalFormats.add('Custom').custom.rule.formula = '=ISTEXT(A1)'))).toBe('ok');
  });

  it('cell values over 32,767 characters', async () => {
    expect(await onSheet((s) => (s.getRange('A1').values = [['x'.repeat(32768)]]))).toBe('InvalidArgument');
    expect(await onSheet((s) => (s.getRange('A1').values = [['x'.repeat(32767)]]))).toBe('ok');
    expect(() => fake.type('Sheet1', 'B1', [['y'.repeat(32768)]])).toThrow(/32,767/);
  });
});

describe('Japanese typing', () => {
  /** What a cell holds after typing `input` in Japanese Excel. */
  const typed = (input: string) => {
    fake.setTypingLocale('ja-JP');
    fake.type('Sheet1', 'A1', [[input]]);
    const c = fake.cell('Sheet1', 'A1');
    fake.reset();
    return { value: c.value, numberFormat: c.numberFormat };
  };
  const serial = (y: number, m: number, d: number) => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);

  it('stores 和暦 and 年月日 dates as date serials with a date format', () => {
    expect(typed('R8.5.1')).toEqual({ value: serial(2026, 5, 1), numberFormat: 'ggge"年"m"月"d"日"' });
    expect(typed('令和8年5月1日')).toEqual({ value: serial(2026, 5, 1), numberFormat: 'ggge"年"m"月"d"日"' });
    expect(typed('令和元年5月1日').value).toBe(serial(2019, 5, 1));
    expect(typed('H31.4.30').value).toBe(serial(2019, 4, 30));
    expect(typed('2026年4月1日')).toEqual({ value: serial(2026, 4, 1), numberFormat: 'yyyy"年"m"月"d"日"' });
  });

  it('reads m/d as a date of this year', () => {
    expect(typed('5/1')).toEqual({ value: serial(new Date().getFullYear(), 5, 1), numberFormat: 'm"月"d"日"' });
  });

  it('stores full-width digits, 1,234 and 50% as numbers', () => {
    expect(typed('１２３').value).toBe(123);
    expect(typed('1,234')).toEqual({ value: 1234, numberFormat: '#,##0' });
    expect(typed('１，２３４').value).toBe(1234);
    expect(typed('50%')).toEqual({ value: 0.5, numberFormat: '0%' });
  });

  it('keeps text that is none of these, and what an apostrophe makes text', () => {
    expect(typed('実施中').value).toBe('実施中');
    expect(typed("'R8.5.1").value).toBe('R8.5.1');
    // Without the Japanese mode the fake stays as it was: 和暦 stays text.
    fake.type('Sheet1', 'A1', [['R8.5.1']]);
    expect(fake.cell('Sheet1', 'A1').value).toBe('R8.5.1');
  });
});

describe('merged cells and hidden rows', () => {
  const onSheet = (fn: (sheet: Excel.Worksheet) => void) =>
    outcome(async (context) => {
      fn(context.workbook.worksheets.getActiveWorksheet());
      await context.sync();
    });
  const values = (address: string) =>
    run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRange(address);
      r.load('values');
      await context.sync();
      return r.values;
    });

  it('merging keeps only the top-left value; across merges each row on its own', async () => {
    fake.type('Sheet1', 'A1', [['年度', 'x'], ['2026', 'y'], ['2025', 'z']]);
    expect(await onSheet((s) => s.getRange('A1:A3').merge())).toBe('ok');
    expect(await values('A1:B3')).toEqual([['年度', 'x'], ['', 'y'], ['', 'z']]);
    expect(fake.merges('Sheet1')).toEqual(['A1:A3']);
    fake.reset();
    fake.type('Sheet1', 'A1', [['a', 'b'], ['c', 'd']]);
    expect(await onSheet((s) => s.getRange('A1:B2').merge(true))).toBe('ok');
    expect(fake.merges('Sheet1')).toEqual(['A1:B1', 'A2:B2']);
    expect(await values('A1:B2')).toEqual([['a', ''], ['c', '']]);
  });

  it('a 2-D array written over a merged area keeps only the top-left value, and so does typing; unmerge frees the cells', async () => {
    fake.merge('Sheet1', 'B2:B4');
    expect(await onSheet((s) => (s.getRange('B2:B4').values = [['区'], ['二'], ['三']]))).toBe('ok');
    expect(await values('B2:B4')).toEqual([['区'], [''], ['']]);
    fake.type('Sheet1', 'B3', [['typed']]);
    expect(fake.cell('Sheet1', 'B3').value).toBe('');
    // Unmerged, the cells take values again; what was cleared stays cleared.
    expect(await onSheet((s) => s.getRange('B3').unmerge())).toBe('ok');
    expect(fake.merges('Sheet1')).toEqual([]);
    expect(await values('B2:B4')).toEqual([['区'], [''], ['']]);
    fake.type('Sheet1', 'B3', [['typed']]);
    expect(fake.cell('Sheet1', 'B3').value).toBe('typed');
  });

  it('refuses a merge inside a table and one cutting through a merged area', async () => {
    fake.type('Sheet1', 'A1', [['h', 'i'], ['1', '2'], ['3', '4']]);
    expect(await onSheet((s) => void s.tables.add('A1:B3', true))).toBe('ok');
    expect(await onSheet((s) => s.getRange('A2:A3').merge())).toBe('InvalidOperation');
    expect(fake.merges('Sheet1')).toEqual([]);
    fake.merge('Sheet1', 'D1:D3');
    expect(await onSheet((s) => s.getRange('D2:E4').merge())).toBe('InvalidOperation');
    expect(await onSheet((s) => s.getRange('D1:E4').merge())).toBe('ok');
    expect(fake.merges('Sheet1')).toEqual(['D1:E4']);
  });

  it('getMergedAreasOrNullObject finds areas by their top-left cell, gives a null object when none, fails over 512, needs ExcelApi 1.13', async () => {
    fake.merge('Sheet1', 'A2:A4');
    fake.merge('Sheet1', 'C2:D3');
    const merged = (address: string) =>
      run(async (context) => {
        const m = context.workbook.worksheets.getActiveWorksheet().getRange(address).getMergedAreasOrNullObject();
        m.load('address,areaCount');
        m.areas.load('items/address');
        await context.sync();
        return m.isNullObject ? null : { address: m.address, count: m.areaCount, areas: m.areas.items.map((a) => a.address) };
      });
    expect(await merged('A1:E10')).toEqual({ address: 'Sheet1!A2:A4,Sheet1!C2:D3', count: 2, areas: ['Sheet1!A2:A4', 'Sheet1!C2:D3'] });
    // A merged area whose top-left is in the range comes whole; one that only runs into the range
    // from above is not found (office-js #3611).
    expect(await merged('A1:C10')).toEqual({ address: 'Sheet1!A2:A4,Sheet1!C2:D3', count: 2, areas: ['Sheet1!A2:A4', 'Sheet1!C2:D3'] });
    expect(await merged('A3:E10')).toBeNull();
    expect(await merged('F1:F9')).toBeNull();
    for (let r = 0; r < 513; r++) fake.merge('Sheet1', `H${r + 1}:I${r + 1}`);
    expect(await outcome(() => merged('H1:I600'))).toBe('GeneralException');
    fake.setExcelApi('1.12');
    expect(await outcome(() => merged('A1:E10'))).toBe('ApiNotFound');
  });

  it('rowHidden and getRowProperties report hidden rows (0-based rowIndex), the latter needs ExcelApi 1.9', async () => {
    fake.type('Sheet1', 'A1', [['a'], ['b'], ['c'], ['d']]);
    expect(await onSheet((s) => (s.getRange('A3:A3').rowHidden = true))).toBe('ok');
    fake.hideRows('Sheet1', '4:4');
    const props = await run(async (context) => {
      const range = context.workbook.worksheets.getActiveWorksheet().getRange('A2:B4');
      range.load('rowHidden');
      const rows = range.getRowProperties({ rowIndex: true, rowHidden: true });
      await context.sync();
      return { all: range.rowHidden, rows: rows.value };
    });
    expect(props).toEqual({
      all: null,
      rows: [
        { rowIndex: 1, rowHidden: false },
        { rowIndex: 2, rowHidden: true },
        { rowIndex: 3, rowHidden: true },
      ],
    });
    fake.setExcelApi('1.8');
    expect(await onSheet((s) => void s.getRange('A1:A4').getRowProperties({ rowHidden: true }))).toBe('ApiNotFound');
  });
});

describe('formula cells and the date system', () => {
  it('getSpecialCellsOrNullObject("Formulas") gives the formula cells, a null object when none, needs ExcelApi 1.9; =SUM computes', async () => {
    fake.type('Sheet1', 'A1', [[1], [2], [3], ['=SUM(A1:A3)']]);
    fake.type('Sheet1', 'B4', '=SUM(A1:A2)');
    expect(fake.cell('Sheet1', 'A4').value).toBe(6);
    const read = (address: string) =>
      run(async (context) => {
        const cells = context.workbook.worksheets.getActiveWorksheet().getRange(address).getSpecialCellsOrNullObject(Excel.SpecialCellType.formulas);
        cells.load('address');
        cells.areas.load('items/address,items/formulas');
        await context.sync();
        return cells.isNullObject ? null : { address: cells.address, formulas: cells.areas.items.map((a) => a.formulas) };
      });
    expect(await read('A1:B4')).toEqual({ address: 'Sheet1!A4,Sheet1!B4', formulas: [[['=SUM(A1:A3)']], [['=SUM(A1:A2)']]] });
    expect(await read('A1:A3')).toBeNull();
    fake.setExcelApi('1.8');
    expect(await outcome((context) => read('A1:B4').then(() => context.sync()))).toBe('ApiNotFound');
  });

  it('DATE(1904,1,1) is 1462 in a 1900 workbook and 0 in a 1904 one, where dates typed are stored 1,462 days lower; functions need ExcelApi 1.2', async () => {
    const date = () =>
      run(async (context) => {
        const r = context.workbook.functions.date(1904, 1, 1);
        r.load('value');
        await context.sync();
        return r.value;
      });
    expect(await date()).toBe(1462);
    fake.type('Sheet1', 'A1', '2026/6/15');
    const serial = fake.cell('Sheet1', 'A1').value;
    fake.reset();
    fake.setDate1904(true);
    expect(await date()).toBe(0);
    fake.type('Sheet1', 'A1', '2026/6/15');
    expect(fake.cell('Sheet1', 'A1').value).toBe((serial as number) - 1462);
    fake.setExcelApi('1.1');
    expect(await outcome(() => date())).toBe('ApiNotFound');
  });
});
