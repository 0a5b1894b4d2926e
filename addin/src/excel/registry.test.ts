import { OfficeMockObject } from 'office-addin-mock';
import { describe, expect, it } from 'vitest';
import { loadRegistry, parseRegistry, REGISTRY_KEY, saveRegistry } from './registry.js';

describe('registry of written sheets', () => {
  it('reads what was saved and ignores anything malformed', () => {
    const reg = { '{1}': { model: 'ward-progress/summary', group: 'ward-progress:12101:2026', metadata: { 'sasaeai.plan': 'x' } } };
    expect(parseRegistry(JSON.stringify(reg))).toEqual(reg);
    expect(parseRegistry('not json')).toEqual({});
    expect(parseRegistry(null)).toEqual({});
    expect(parseRegistry({ a: { model: 1 }, b: { model: 'm', group: 'g' } })).toEqual({ b: { model: 'm', group: 'g' } });
  });

  it('loads the setting with one load and saves with one add (office-addin-mock)', async () => {
    const added: [string, unknown][] = [];
    const seed = {
      context: {
        workbook: {
          settings: {
            stored: { value: JSON.stringify({ '{9}': { model: 'm', group: 'g' } }) },
            getItemOrNullObject(key: string) {
              expect(key).toBe(REGISTRY_KEY);
              return this.stored;
            },
            add(key: string, value: unknown) {
              added.push([key, value]);
            },
          },
        },
      },
    };
    const mock = new OfficeMockObject(seed) as unknown as { context: Excel.RequestContext };
    const setting = loadRegistry(mock.context);
    await mock.context.sync();
    expect(parseRegistry(setting.value)).toEqual({ '{9}': { model: 'm', group: 'g' } });
    saveRegistry(mock.context, { '{10}': { model: 'n', group: 'h' } });
    expect(added).toEqual([[REGISTRY_KEY, JSON.stringify({ '{10}': { model: 'n', group: 'h' } })]]);
  });
});
