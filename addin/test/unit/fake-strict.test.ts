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
