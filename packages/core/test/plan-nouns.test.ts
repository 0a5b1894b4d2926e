/**
 * Plans are data: no municipality's nouns in the code strings of core, the CLI or the add-in. The
 * words a report, a message or the add-in shows for a level, a body, a report or a chapter come
 * from the plan. This test reads the source trees and fails on any of the Chiba preset's nouns in
 * code (comments, tests, samples and the demo may hold them), so they cannot creep back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const TREES = ['packages/core/src', 'packages/cli/src', 'addin/src'];
const NOUNS = /地区部会|区計画|第4章|第４章|協議会|分科会|推進状況|千葉|区役所|社協/;

/** Files that may hold the preset's nouns: tests, samples and the demo. */
const ALLOWED_FILE = [/\.test\.ts$/, /\.test-helpers\.ts$/, /test-fixtures\.ts$/, /\/samples\//, /\/demo[^/]*\.ts$/];

/** Lines that may: each with the reason. */
const ALLOWED_LINE: { file: RegExp; line: RegExp; why: string }[] = [
  { file: /rules\/pii\.ts$/, line: /Array\.from\('/, why: 'a list of single characters that end a name (社, 協…), not a noun' },
  { file: /returns\/codes\.ts$/, line: /^\s*example:/, why: 'a catalogue example is a sample input staff typed' },
  { file: /cli\/src\/codes\.ts$/, line: /デモ/, why: "the demo's own message: the demo is the preset's sample" },
];

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The source with comments blanked (line by line, so line numbers stay), strings kept. */
function code(text: string): string[] {
  const lines: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    let line = '';
    let quote: string | null = null;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (inBlock) {
        if (c === '*' && raw[i + 1] === '/') {
          inBlock = false;
          i++;
        }
        continue;
      }
      if (quote) {
        line += c;
        if (c === '\\') line += raw[++i] ?? '';
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '/' && raw[i + 1] === '/') break;
      if (c === '/' && raw[i + 1] === '*') {
        inBlock = true;
        i++;
        continue;
      }
      if (c === "'" || c === '"' || c === '`') quote = c;
      line += c;
    }
    lines.push(line);
  }
  return lines;
}

describe('plans are data', () => {
  it('no municipality nouns in the code strings of core, the CLI or the add-in', () => {
    const found: string[] = [];
    for (const tree of TREES)
      for (const file of files(path.join(root, tree))) {
        const rel = path.relative(root, file).split(path.sep).join('/');
        if (ALLOWED_FILE.some((re) => re.test(rel))) continue;
        code(readFileSync(file, 'utf8')).forEach((line, i) => {
          if (!NOUNS.test(line)) return;
          if (ALLOWED_LINE.some((a) => a.file.test(rel) && a.line.test(line))) return;
          found.push(`${rel}:${i + 1}: ${line.trim().slice(0, 120)}`);
        });
      }
    expect(found).toEqual([]);
  });

  it('the check sees a noun in a string and not in a comment', () => {
    expect(code("const a = '地区部会'; // 地区部会").join('\n')).toBe("const a = '地区部会'; ");
    expect(code('/* 区計画 */ const b = 1;').join('\n')).toBe(' const b = 1;');
    expect(NOUNS.test(code('const c = `第4章 ${x}`;').join(''))).toBe(true);
  });
});
