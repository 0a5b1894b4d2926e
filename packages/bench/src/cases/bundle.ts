/**
 * Bundle weight: what an application ships when it imports one thing from `@sasaeai/core` as npm
 * users get it (the built `dist/`, not the sources), bundled by esbuild for the browser, minified,
 * tree-shaken. Three typical imports — a period helper, validation, plan loading — and, for scale,
 * the whole entry.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** One import and what it costs. */
export interface BundleSize {
  name: string;
  /** The source bundled, e.g. `import { formatFiscalYear } from '@sasaeai/core'`. */
  source: string;
  bytes: number;
  gzipBytes: number;
  /** How many bytes of the output come from zod. */
  zodBytes: number;
}

const IMPORTS: readonly { name: string; names: string }[] = [
  { name: 'a period helper', names: 'formatFiscalYear' },
  { name: 'validation', names: 'validateGrid' },
  { name: 'plan loading', names: 'requirePlan' },
];

async function measure(name: string, source: string, resolveDir: string): Promise<BundleSize> {
  const out = await build({
    stdin: { contents: source, resolveDir, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const file = out.outputFiles[0];
  if (!file) throw new Error(`esbuild wrote nothing for ${source}`);
  const inputs = Object.values(out.metafile.outputs)[0]?.inputs ?? {};
  const zodBytes = Object.entries(inputs)
    .filter(([p]) => /node_modules[\\/](\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?zod[\\/]/.test(p))
    .reduce((n, [, v]) => n + v.bytesInOutput, 0);
  return { name, source, bytes: file.contents.byteLength, gzipBytes: gzipSync(file.contents).byteLength, zodBytes };
}

/**
 * Bundles each typical import from the bench package's own dependency on `@sasaeai/core`
 * (resolved without the source condition, so from `dist/`).
 */
export async function bundleSizes(resolveDir: string): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const i of IMPORTS) {
    out.push(await measure(i.name, `import { ${i.names} } from '@sasaeai/core';\nconsole.log(${i.names});\n`, resolveDir));
  }
  out.push(await measure('the whole entry', `import * as core from '@sasaeai/core';\nconsole.log(core);\n`, resolveDir));
  return out;
}
