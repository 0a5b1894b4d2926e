import { defineConfig, type Options } from 'tsup';
import { runtimeClosure } from './scripts/module-graph.js';

/**
 * The public entry points: the package root and the sample generators, kept apart so that an
 * application never ships the generators by accident.
 */
const ENTRIES = { index: 'src/index.ts', 'samples/index': 'src/samples/index.ts' };

const common: Options = { dts: { entry: ENTRIES }, sourcemap: true, target: 'es2022', clean: false };

export default defineConfig([
  {
    // ESM keeps one file per source module (not one bundle): with `sideEffects: false` a bundler
    // then drops every module a user does not import, so `formatFiscalYear` no longer carries the
    // zod schemas of plans and reviews that a single bundle evaluates at its top level. The files
    // are exactly the modules the entries reach at run time (tests and fixtures never ship).
    ...common,
    entry: runtimeClosure(Object.values(ENTRIES)),
    format: ['esm'],
    bundle: false,
  },
  {
    // CommonJS users load the whole entry anyway (require is not tree-shaken): one file each.
    ...common,
    entry: ENTRIES,
    format: ['cjs'],
    treeshake: true,
  },
]);
