// Webpack build of the Sasaeai Excel add-in, after the Office-Addin-TaskPane template:
// task pane (with the custom functions, shared runtime), functions.js for the manifest's Script
// element, functions.json generated from JSDoc, manifest and icons copied. `webpack --mode
// production` needs no certificates; only `webpack serve` (pnpm dev) asks office-addin-dev-certs.
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { BundleSizePlugin } = require('./scripts/bundle-size.cjs');
const { DEV_URL, manifestForUrl } = require('./scripts/manifest-urls.cjs');

const urlDev = DEV_URL;
// Where the built files are hosted in production; the manifest in dist/ points there.
const urlProd = process.env.SASAEAI_ADDIN_URL || urlDev;

async function httpsOptions() {
  // Only for `webpack serve`: never required for a production build or the tests.
  const devCerts = require('office-addin-dev-certs');
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env, options) => {
  const dev = options.mode === 'development';
  const serving = Boolean(env && env.WEBPACK_SERVE);
  return {
    mode: dev ? 'development' : 'production',
    // No eval-based source maps: the task pane must run under a CSP without 'unsafe-eval'.
    devtool: 'source-map',
    context: __dirname,
    // The declared target of everything in dist/ (ts-loader compiles to ES2020 too), checked by
    // scripts/check-syntax.mjs: the webviews of older Excel for Mac and Windows parse no newer.
    target: ['web', 'es2020'],
    entry: {
      taskpane: './src/taskpane/taskpane.ts',
      functions: './src/functions/entry.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      // The operations the pane loads on first use (app/lazy-operations.ts): named by content, so
      // that a webview holding an older copy in its cache never mixes it with a newer pane.
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.js', '.json'],
      // Bundle @sasaeai/core and @sasaeai/plan-chiba from source (no build of the packages needed).
      conditionNames: ['@sasaeai/source', 'browser', 'import', 'module', 'default'],
      extensionAlias: { '.js': ['.ts', '.js'] },
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules[\\/](?!@sasaeai)/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.resolve(__dirname, 'tsconfig.build.json') } },
        },
        {
          // zod keeps a code generator behind `jitless`; take the Function constructor out of the
          // bundle altogether so that no code path can evaluate strings.
          test: /[\\/]zod[\\/].*\.js$/,
          use: { loader: path.resolve(__dirname, 'scripts/no-eval-loader.cjs') },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: 'asset/resource', generator: { filename: 'assets/[name][ext]' } },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: './src/functions/functions.ts', output: 'functions.json' }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        inject: 'head',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'src/taskpane/taskpane.css', to: 'taskpane.css' },
          // SupportUrl and LearnMoreUrl point here: a page that ships with the add-in always exists.
          { from: 'src/support/support.html', to: 'support.html' },
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform(content) {
              return dev ? content : manifestForUrl(content.toString(), urlProd);
            },
          },
        ],
      }),
      new BundleSizePlugin({ assets: ['taskpane.js', 'taskpane.css', 'taskpane.html'], report: 'bundle-size.json' }),
    ],
    performance: { hints: false },
    devServer: serving
      ? {
          headers: { 'Access-Control-Allow-Origin': '*' },
          server: { type: 'https', options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await httpsOptions() },
          port: Number(process.env.npm_package_config_dev_server_port || 3000),
        }
      : undefined,
  };
};
