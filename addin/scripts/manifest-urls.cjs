// Points the manifest at the add-in's production address (SASAEAI_ADDIN_URL): every
// https://localhost:3000/… URL becomes that address, and every <AppDomain> on the development
// origin becomes the production origin — so a production dist/manifest.xml holds no localhost.
// Used by webpack.config.cjs; tested in test/unit/manifest.test.ts.
const DEV_URL = 'https://localhost:3000/';
const DEV_ORIGIN = new URL(DEV_URL).origin;

/**
 * @param {string} xml the source manifest
 * @param {string} prodUrl the production base URL, ending in '/'
 * @returns {string}
 */
function manifestForUrl(xml, prodUrl) {
  const base = prodUrl.endsWith('/') ? prodUrl : `${prodUrl}/`;
  return xml.split(DEV_URL).join(base).split(DEV_ORIGIN).join(new URL(base).origin);
}

module.exports = { DEV_URL, manifestForUrl };
