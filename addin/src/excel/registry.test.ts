import { describe, expect, it } from 'vitest';
import { parseRegistry, parseTag } from './registry.js';

describe('registry of written sheets', () => {
  it('reads a tag from a custom property value or from a name formula, and ignores anything malformed', () => {
    const entry = { model: 'ward-progress/summary', group: 'ward-progress:12101:2026', metadata: { 'sasaeai.plan': 'x' }, state: 'live' as const };
    expect(parseTag(JSON.stringify(entry))).toEqual(entry);
    expect(parseTag(`="${JSON.stringify(entry).replace(/"/g, '""')}"`)).toEqual(entry);
    expect(parseTag('{"model":"m","group":"g","state":"bogus"}')).toEqual({ model: 'm', group: 'g' });
    expect(parseTag('not json')).toBeNull();
    expect(parseTag(null)).toBeNull();
    expect(parseTag('{"model":1}')).toBeNull();
  });

  it('still reads the settings registry of an earlier version', () => {
    const reg = { '{1}': { model: 'ward-progress/summary', group: 'ward-progress:12101:2026', metadata: { 'sasaeai.plan': 'x' } } };
    expect(parseRegistry(JSON.stringify(reg))).toEqual(reg);
    expect(parseRegistry('not json')).toEqual({});
    expect(parseRegistry(null)).toEqual({});
    expect(parseRegistry({ a: { model: 1 }, b: { model: 'm', group: 'g' } })).toEqual({ b: { model: 'm', group: 'g' } });
  });
});
