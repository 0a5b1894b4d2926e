/**
 * scripts/check-syntax.mjs, which `pnpm --filter addin test` runs on dist/ (ES2020) and core's
 * dist/ (ES2022): it must reject what an older Office webview cannot parse.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { checkSource } from '../../scripts/check-syntax.mjs';

const check = checkSource as (code: string, ecmaVersion: number, file?: string) => string[];

describe('check-syntax', () => {
  it('accepts ES2020 (optional chaining, nullish coalescing, named groups)', () => {
    expect(check('const a = x?.y ?? 1; const r = /(?<year>\\d{4})/u;\nexport default a;', 2020)).toEqual([]);
  });

  it('rejects syntax newer than the target', () => {
    expect(check('class A { #p = 1; static { } }', 2020)[0]).toMatch(/not ES2020/);
    expect(check('a ||= b;', 2020)[0]).toMatch(/not ES2020/);
    expect(check('a ||= b;', 2021)).toEqual([]);
  });

  it('rejects a lookbehind, as a literal or as RegExp source text, even at a target that allows it', () => {
    expect(check('const r = /(?<=\\d)-/g;', 2022)).toEqual(['<source>:1: regular-expression lookbehind (not parsed by WebKit before Safari 16.4)']);
    expect(check('const k = "a";\nconst r = new RegExp(`(?<![${k}])x`);', 2020)).toEqual([
      '<source>:2: regular-expression lookbehind (not parsed by WebKit before Safari 16.4)',
    ]);
  });
});
