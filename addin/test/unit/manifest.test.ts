import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { validateManifestXml } from '../../scripts/validate-manifest.mjs';

const xml = readFileSync(new URL('../../manifest.xml', import.meta.url), 'utf8');
const validate = (text: string): string[] => validateManifestXml(text);

describe('offline manifest validation', () => {
  it('accepts the manifest', () => {
    expect(validate(xml)).toEqual([]);
  });

  const broken: [string, (s: string) => string, RegExp][] = [
    ['malformed XML', (s) => s.replace('</OfficeApp>', ''), /not well-formed/],
    ['an element the schema does not know', (s) => s.replace('<Permissions>', '<Bogus/><Permissions>'), /schema:/],
    ['a missing Version', (s) => s.replace(/<Version>[^<]*<\/Version>/, ''), /schema:/],
    ['an Id that is not a GUID', (s) => s.replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'), /schema:/],
    ['a display name over 125 characters', (s) => s.replace('DefaultValue="支え合い 報告ツール"', `DefaultValue="${'長'.repeat(126)}"`), /schema:/],
    ['a long string over 250 characters', (s) => s.replace('DefaultValue="報告シートの作成・検証・集計を行う', `DefaultValue="${'長'.repeat(251)}`), /schema:/],
    ['a resid over 32 characters', (s) => s.replaceAll('Functions.Namespace', 'Functions.Namespace.That.Is.Much.Too.Long'), /schema:/],
    ['an http URL', (s) => s.replace('https://localhost:3000/assets/icon-16.png', 'http://localhost:3000/assets/icon-16.png'), /schema:|not https/],
    ['a resid that resolves to nothing', (s) => s.replace('<Label resid="Group.Label"/>', '<Label resid="Group.Missing"/>'), /does not resolve/],
    ['a resid of the wrong kind', (s) => s.replace('<Description resid="TaskpaneButton.Tooltip"/>', '<Description resid="Group.Label"/>'), /expected LongStrings/],
    ['a missing English override', (s) => s.replace('<bt:Override Locale="en-us" Value="Sasaeai"/>', ''), /en-us override/],
    ['a runtime that is not the task pane', (s) => s.replace('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Functions.Script.Url" lifetime="long"/>'), /shared runtime/],
    ['an English default locale', (s) => s.replace('<DefaultLocale>ja-JP</DefaultLocale>', '<DefaultLocale>en-US</DefaultLocale>'), /DefaultLocale/],
  ];
  for (const [what, mutate, expected] of broken)
    it(`rejects ${what}`, () => {
      const problems = validate(mutate(xml));
      expect(problems.join('\n')).toMatch(expected);
    });
});
