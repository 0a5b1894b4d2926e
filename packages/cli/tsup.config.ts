import { defineConfig } from 'tsup';

// The CLI is one ESM file for Node 20. Dependencies (exceljs, commander, @sasaeai/core,
// @sasaeai/plan-chiba) stay external: they are installed beside it, and @sasaeai/core resolves
// to packages/core/dist inside the repository.
export default defineConfig({
  entry: { bin: 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  dts: false,
  splitting: false,
});
