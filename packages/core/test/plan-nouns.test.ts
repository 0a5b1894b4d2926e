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

/**
 * The files that render reports and sheets staff see: their headers, tab names and notes name a
 * level, a unit, a subject or a body only through the plan's labels. Besides the preset's nouns,
 * generic municipal nouns (区, 地区, 取組み, 施策, ward, district …) may not be written there.
 */
const REPORT_FILES = [
  'packages/core/src/rollup/workbook.ts',
  'packages/core/src/rollup/verification.ts',
  'packages/core/src/rollup/notices.ts',
  'packages/core/src/rollup/flows.ts',
  'packages/core/src/sheet/template.ts',
  'packages/core/src/sheet/sample-notes.ts',
];
const MUNICIPAL = /地区|取組|施策|全区|全市|区別|^区$|区・|・区|市全体|\b(wards?|districts?|initiatives?|measures?|council|committee|city)\b/i;

/**
 * The string literals of a line of code (comments already blanked): their text outside `${…}`,
 * without the ones that are plain identifiers (ids, keys such as 'by-district'), which staff never
 * see as words.
 */
function literals(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  // Code up to the end of the line, or up to the `}` closing a `${` when inside one.
  const expr = (inside: boolean): void => {
    let depth = 0;
    while (i < line.length) {
      const c = line[i]!;
      if (c === "'" || c === '"' || c === '`') {
        i++;
        str(c);
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') {
        if (inside && depth === 0) {
          i++;
          return;
        }
        depth--;
      }
      i++;
    }
  };
  // A literal's text (a `${…}` counts as a space; the literals inside it are read too).
  const str = (quote: string): void => {
    let text = '';
    while (i < line.length && line[i] !== quote) {
      if (line[i] === '\\') {
        text += line[i + 1] ?? '';
        i += 2;
      } else if (quote === '`' && line[i] === '$' && line[i + 1] === '{') {
        i += 2;
        text += ' ';
        expr(true);
      } else text += line[i++];
    }
    i++;
    if (!/^[a-z0-9._\-=/:*]*$/.test(text)) out.push(text);
  };
  expr(false);
  return out;
}

describe('plans are data', () => {
  it('no municipal noun in the strings of the files that render reports and sheets', () => {
    const found: string[] = [];
    for (const rel of REPORT_FILES)
      code(readFileSync(path.join(root, rel), 'utf8')).forEach((line, i) => {
        for (const t of literals(line)) if (MUNICIPAL.test(t)) found.push(`${rel}:${i + 1}: ${t.trim().slice(0, 100)}`);
      });
    expect(found).toEqual([]);
  });

  it('the report check sees a header word and not an id', () => {
    expect(literals("col('reported', '報告のあった地区', 'Districts reported', 'integer')").filter((t) => MUNICIPAL.test(t))).toEqual(['報告のあった地区', 'Districts reported']);
    expect(literals("col('ward', '区', 'Ward', 'text')").filter((t) => MUNICIPAL.test(t))).toEqual(['区', 'Ward']);
    expect(literals("lt(`${level.ja}別`, `By ${level.en}`); id: 'by-district'").filter((t) => MUNICIPAL.test(t))).toEqual([]);
  });

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
