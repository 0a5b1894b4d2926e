/**
 * Guards the layering of core (docs/architecture.md, "Layering"): which folder may import which,
 * read from the sources' import statements with the TypeScript parser. A new import that crosses
 * a layer fails here, in review, instead of surfacing later as a cycle or a bundle that grew.
 */
import { readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, type ModuleImport } from '../scripts/module-graph.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SRC = path.resolve(here, '../src');
const REPO = path.resolve(here, '../../..');

/** Test code and its fixtures: they may import anything. */
const isTestOnly = (rel: string) => /\.test\.ts$|\.test-helpers\.ts$|(^|\/)test-fixtures\.ts$/.test(rel);

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Edge extends ModuleImport {
  /** Importing file, relative to `src/`, e.g. `rollup/workbook.ts`. */
  from: string;
  /** Imported file relative to `src/`, for relative imports. */
  to?: string;
}

const library: Edge[] = walk(SRC)
  .map((f) => path.relative(SRC, f).split(path.sep).join('/'))
  .filter((rel) => !isTestOnly(rel))
  .flatMap((rel) =>
    importsOf(path.join(SRC, rel)).map((i) => {
      const edge: Edge = { ...i, from: rel };
      if (i.resolved) edge.to = path.relative(SRC, i.resolved).split(path.sep).join('/');
      return edge;
    }),
  );

/** The top folder of a file under `src/` (`period`, `rollup`…), or the file itself at the top. */
const layer = (rel: string) => rel.split('/')[0] ?? rel;
const show = (e: Edge) => `${e.from}:${e.line} → ${e.to ?? e.specifier}${e.typeOnly ? ' (types)' : ''}`;

/**
 * For each folder, the folders it must not import (types included). The foundations — period,
 * text, i18n — know nothing of plans, returns, reports or reviews; the review workflow sits above
 * the roll-up (it snapshots ward progress when a ward council confirms it), so the roll-up must
 * not reach back into the workflow; both read the review state's data (schemas, types, status
 * labels) from `review-state/`, which knows only i18n and period (the one schema of a date); `adapt/` (the decisions both adapters take
 * the same way) sits on top and nothing in the library imports it; nothing but the samples' own
 * tests uses the samples.
 */
const FORBIDDEN: Record<string, readonly string[]> = {
  i18n: ['period', 'review-state', 'text', 'plan', 'returns', 'rules', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  text: ['period', 'review-state', 'plan', 'returns', 'rules', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  period: ['review-state', 'plan', 'returns', 'rules', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  plan: ['review-state', 'returns', 'rules', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  rules: ['review-state', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  returns: ['review-state', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
  sheet: ['rollup', 'workflow', 'adapt', 'samples'],
  rollup: ['workflow', 'adapt', 'samples'],
  workflow: ['adapt', 'samples'],
  adapt: ['samples'],
  'review-state': ['text', 'plan', 'returns', 'rules', 'sheet', 'rollup', 'workflow', 'adapt', 'samples'],
};

/**
 * Crossings that exist today and are owned by another piece of work. Each entry must still occur —
 * when it is fixed, delete it here, so the list can only shrink. (Empty: the review state's data
 * moved to `review-state/`, beneath both the roll-up and the workflow.)
 */
const KNOWN: readonly string[] = [];
const key = (e: Edge) => `${e.from} → ${e.to ?? e.specifier}`;

describe('core layering', () => {
  const crossings = library.filter((e) => e.to !== undefined && (FORBIDDEN[layer(e.from)] ?? []).includes(layer(e.to)));

  it('no folder imports a layer above it', () => {
    expect(crossings.filter((e) => !KNOWN.includes(key(e))).map(show)).toEqual([]);
  });

  it('every known crossing still exists (delete the entry once it is fixed)', () => {
    const present = new Set(crossings.map(key));
    expect(KNOWN.filter((k) => !present.has(k))).toEqual([]);
  });

  it('library code never imports the public entry (tests do; modules import each other directly)', () => {
    expect(library.filter((e) => e.to === 'index.ts').map(show)).toEqual([]);
  });

  it('library code never imports test code or fixtures', () => {
    expect(library.filter((e) => e.to !== undefined && isTestOnly(e.to)).map(show)).toEqual([]);
  });

  it('core uses no Node API and no package besides zod and date-fns (with its UTCDate)', () => {
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const external = library.filter((e) => !e.specifier.startsWith('.'));
    expect(external.filter((e) => builtins.has(e.specifier) || e.specifier.startsWith('node:')).map(show)).toEqual([]);
    expect(external.filter((e) => !/^(zod|date-fns|@date-fns\/utc)(\/|$)/.test(e.specifier)).map(show)).toEqual([]);
  });
});

describe('users of core', () => {
  it('import only the public entries, never a file inside the package', () => {
    const allowed = new Set(['@sasaeai/core', '@sasaeai/core/samples', '@sasaeai/core/plan.schema.json', '@sasaeai/core/package.json']);
    const roots = ['packages/cli/src', 'packages/cli/test', 'packages/bench/src', 'addin/src', 'addin/test', 'examples', 'docs/scripts'].map((r) =>
      path.join(REPO, r),
    );
    const files = roots.flatMap((r) => {
      try {
        return walk(r).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`));
      } catch {
        return [];
      }
    });
    expect(files.length).toBeGreaterThan(20);
    const deep = files.flatMap((f) =>
      importsOf(f)
        .filter((i) => i.specifier.startsWith('@sasaeai/core') && !allowed.has(i.specifier))
        .map((i) => `${path.relative(REPO, f)}:${i.line} → ${i.specifier}`),
    );
    expect(deep).toEqual([]);
  });
});
