import { defineConfig } from 'tsup';

// The benchmark runs as one bundle built from source, like the shipped packages (tsup, no
// keepNames): running it under tsx would time tsx's per-closure `__name` helper as well.
export default defineConfig({
  entry: { run: 'src/run.ts', 'cli-probe': 'src/cli-probe.ts', 'read-probe': 'src/read-probe.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  splitting: false,
  sourcemap: true,
  noExternal: [/^@sasaeai\//],
  esbuildOptions(options) {
    options.conditions = ['@sasaeai/source'];
  },
});
