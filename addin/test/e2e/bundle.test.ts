/**
 * What the build ships: no way to evaluate strings as code, no HTML parsing of data, nothing
 * fetched but office.js, and a bundle size report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDIN, DIST } from './harness.js';

const read = (f: string) => readFileSync(path.join(DIST, f), 'utf8');
/** The two entries; the pane's operations are chunks of their own (app/lazy-operations.ts). */
const bundles = ['taskpane.js', 'functions.js'];
const scripts = readdirSync(DIST).filter((f) => f.endsWith('.js')).sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('the built add-in', () => {
  it.each(scripts)('%s holds no eval, no Function constructor and no string timers', (file) => {
    const js = read(file);
    expect(js.length).toBeGreaterThan(10_000);
    expect(js).not.toMatch(/\beval\s*\(/);
    expect(js).not.toMatch(/new\s+Function\s*\(/);
    expect(js).not.toMatch(/[=:(,]\s*Function\s*[;,)]/); // aliases such as `const F = Function;`
    expect(js).not.toMatch(/\bFunction\s*\(\s*["'`]/);
    expect(js).not.toMatch(/set(Timeout|Interval)\s*\(\s*["'`]/);
  });

  it('parses no HTML anywhere in the task pane code', () => {
    for (const f of sources(path.join(ADDIN, 'src'))) {
      const ts = readFileSync(f, 'utf8');
      expect(ts, f).not.toMatch(/\.(innerHTML|outerHTML)\b|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
    }
    expect(read('taskpane.js')).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write\(/);
  });

  it('loads nothing from the network but office.js', () => {
    const html = read('taskpane.html');
    const urls = [...html.matchAll(/\b(?:src|href)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
    expect(urls).toContain('taskpane.js');
    expect(urls.filter((u) => /^(https?:)?\/\//.test(u))).toEqual(['https://appsforoffice.microsoft.com/lib/1/hosted/office.js']);
    for (const f of scripts) expect(read(f)).not.toMatch(/\bfetch\(|XMLHttpRequest|new WebSocket|sendBeacon/);
  });

  it('generated the custom functions metadata and registers every function', () => {
    const meta = JSON.parse(read('functions.json')) as { functions: { id: string }[] };
    const ids = meta.functions.map((f) => f.id).sort();
    expect(ids).toEqual(['DUEDATE', 'ERALABEL', 'FISCALYEAR']);
    for (const f of bundles) for (const id of ids) expect(read(f)).toContain(`CustomFunctions.associate("${id}"`);
  });

  it('keeps validation, roll-up, report writing and the plan schemas out of what the pane loads first', () => {
    const pane = read('taskpane.js');
    const lazy = scripts.filter((f) => f.startsWith('operations.'));
    expect(lazy).toHaveLength(1);
    // zod's object schema, and core's validation and roll-up, are only in the lazily loaded chunks.
    for (const marker of ['$ZodObject', 'totals_row_skipped', 'merged_cells_filled']) {
      expect(pane, marker).not.toContain(marker);
      expect(scripts.some((f) => f !== 'taskpane.js' && f !== 'functions.js' && read(f).includes(marker)), marker).toBe(true);
    }
  });

  it('reports its size', () => {
    const report = JSON.parse(read('bundle-size.json')) as { files: { file: string; raw: number; gzip: number }[]; total: { raw: number; gzip: number } };
    expect(report.files.map((f) => f.file)).toEqual(['taskpane.js', 'taskpane.css', 'taskpane.html']);
    expect(report.total.gzip).toBeLessThan(report.total.raw);
    expect(report.files[0]!.raw).toBe(Buffer.byteLength(read('taskpane.js')));
  });
});
