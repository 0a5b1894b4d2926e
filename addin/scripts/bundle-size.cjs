// A tiny webpack plugin: prints the size of the task pane (raw and gzip) after each build and
// writes it to dist/bundle-size.json, so the size is visible in every build log and in CI.
const zlib = require('node:zlib');

const kb = (n) => (n / 1024).toFixed(1) + ' KiB';

class BundleSizePlugin {
  constructor(options) {
    this.options = options;
    this.lines = [];
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('BundleSizePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'BundleSizePlugin', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          const files = [];
          for (const name of this.options.assets) {
            const asset = assets[name];
            if (!asset) continue;
            const buf = Buffer.from(asset.source());
            files.push({ file: name, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length });
          }
          const total = files.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
          compilation.emitAsset(this.options.report, new compiler.webpack.sources.RawSource(JSON.stringify({ files, total }, null, 2) + '\n'));
          this.lines = [
            'Task pane bundle size:',
            ...files.map((r) => `  ${r.file.padEnd(16)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`),
            `  ${'total'.padEnd(16)} ${kb(total.raw).padStart(10)} raw ${kb(total.gzip).padStart(10)} gzip`,
          ];
        },
      );
    });
    // Printed after webpack's own summary, so it is the last thing in the build log.
    compiler.hooks.done.tap('BundleSizePlugin', () => {
      if (this.lines.length > 0) console.log(this.lines.join('\n'));
    });
  }
}

module.exports = { BundleSizePlugin };
