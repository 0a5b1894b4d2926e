import { defineConfig } from 'tsup';

// The CLI is one ESM file for Node 20. Its own dependencies (exceljs, commander, csv-parse,
// iconv-lite, fflate, @sasaeai/plan-chiba) stay external: they are installed beside it.
// @sasaeai/core is bundled in, with what it imports (zod, date-fns): core ships one ESM file per
// module so that applications can tree-shake it, and date-fns's root imports some 250 more, so
// loading them one by one was a third of the CLI's start-up (issue 16). Nothing else in the CLI's
// process imports core (the plan preset is plain data), so there is one copy of it.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  dts: false,
  splitting: false,
  noExternal: ['@sasaeai/core', 'date-fns', '@date-fns/utc'],
});
