import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { validateManifestXml } from '../../scripts/validate-manifest.mjs';

const xml = readFileSync(new URL('../../manifest.xml', import.meta.url), 'utf8');
const validate = (text: string, opts: { dist?: string; production?: boolean } = {}): string[] => validateManifestXml(text, opts);
const { manifestForUrl } = createRequire(import.meta.url)('../../scripts/manifest-urls.cjs') as { manifestForUrl: (xml: string, url: string) => string };

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
    ['a locale code the official schema refuses (zh-12)', (s) => s.replace('<Override Locale="en-us" Value="Sasaeai returns"/>', '<Override Locale="zh-12" Value="Sasaeai returns"/>'), /schema:/],
    ['a URL off the add-in\'s origin', (s) => s.replace('<SupportUrl DefaultValue="https://localhost:3000/support.html"/>', '<SupportUrl DefaultValue="https://example.com/help"/>'), /not on the add-in's origin/],
    ['an AppDomain off the add-in\'s origin', (s) => s.replace('<AppDomain>https://localhost:3000</AppDomain>', '<AppDomain>https://cdn.example.com</AppDomain>'), /not on the add-in's origin/],
    ['an icon without its 80 px image', (s) => s.replace(/<bt:Image size="80" resid="Icon.80x80"\/>/, ''), /no 80 px image/],
    ['a second runtime', (s) => s.replace('<Runtime resid="Taskpane.Url" lifetime="long"/>', '<Runtime resid="Taskpane.Url" lifetime="long"/><Runtime resid="Functions.Script.Url" lifetime="short"/>'), /Runtime/],
  ];
  for (const [what, mutate, expected] of broken)
    it(`rejects ${what}`, () => {
      const problems = validate(mutate(xml));
      expect(problems.join('\n')).toMatch(expected);
    });

  it('makes a production manifest with no localhost left, every URL on the production origin', () => {
    const prod = manifestForUrl(xml, 'https://intranet.example.lg.jp/sasaeai/');
    expect(prod).not.toContain('localhost');
    expect(prod).toContain('<AppDomain>https://intranet.example.lg.jp</AppDomain>');
    expect(validate(prod, { production: true })).toEqual([]);
    // What the build did before: URLs rewritten, the AppDomain left on localhost.
    const before = xml.split('https://localhost:3000/').join('https://intranet.example.lg.jp/sasaeai/');
    expect(validate(before, { production: true }).join('\n')).toMatch(/localhost/);
    expect(validate(xml, { production: true }).join('\n')).toMatch(/a production manifest names localhost/);
  });

  it('checks that each icon file has the size the manifest gives it', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'sasaeai-dist-'));
    try {
      mkdirSync(path.join(dist, 'assets'));
      for (const f of ['taskpane.html', 'functions.js', 'functions.json', 'support.html']) writeFileSync(path.join(dist, f), '');
      for (const n of [16, 32, 64, 80]) copyFileSync(new URL(`../../assets/icon-${n}.png`, import.meta.url), path.join(dist, 'assets', `icon-${n}.png`));
      expect(validate(xml, { dist })).toEqual([]);
      copyFileSync(new URL('../../assets/icon-64.png', import.meta.url), path.join(dist, 'assets', 'icon-80.png'));
      expect(validate(xml, { dist }).join('\n')).toMatch(/icon-80.png is 64×64, the manifest says 80 px/);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
