#!/usr/bin/env node
// Offline validation of the add-in only (XML) manifest. `office-addin-manifest validate` posts XML
// manifests to an online Microsoft service, which is not reachable here (and misses broken resid
// references anyway), so this script checks, without any network:
//   1. well-formed XML, parsed with libxml2 (libxml2-wasm);
//   2. the structure, order, types and string limits against schema/manifest.rng (RELAX NG);
//   3. cross-references: every resid resolves to a resource of the right kind, ids are unique and
//      all used; the shared runtime, the custom functions page and the task pane are one page;
//   4. Japanese and English: DefaultLocale is ja-JP and every display string has an en-us override;
//   5. every URL is https on the add-in's origin, and each file it names exists in dist/ (when a
//      build is given);
//   6. office-addin-manifest's own reader (readManifestFile) parses it and sees an Excel add-in.
// Usage: node scripts/validate-manifest.mjs [manifest.xml] [--dist dist]
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RelaxNGValidator, XmlDocument } from 'libxml2-wasm';

const here = path.dirname(fileURLToPath(import.meta.url));
const NS = {
  o: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
};

/** Which resource list each referring element must point into. */
function kindOf(el) {
  const name = el.name;
  const parent = el.parent?.name;
  if (name === 'Image') return 'Images';
  if (name === 'SourceLocation' || name === 'Runtime' || name === 'FunctionFile' || name === 'LearnMoreUrl') return 'Urls';
  if (name === 'Description' && (parent === 'Supertip' || parent === 'GetStarted' || parent === 'VersionOverrides')) return 'LongStrings';
  return 'ShortStrings';
}

/**
 * Validates a manifest; returns a list of problems (empty when valid).
 * @param {string} xml
 * @param {{ dist?: string, schema?: string, production?: boolean }} [opts] `production`: a manifest for
 *   deployment, where no URL may be on localhost
 */
export function validateManifestXml(xml, opts = {}) {
  const problems = [];
  let doc;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (e) {
    return [`not well-formed XML: ${e.message.trim()}`];
  }
  const schemaDoc = XmlDocument.fromString(readFileSync(opts.schema ?? path.join(here, '../schema/manifest.rng'), 'utf8'));
  const validator = RelaxNGValidator.fromDoc(schemaDoc);
  try {
    validator.validate(doc);
  } catch (e) {
    const details = e.details?.length ? e.details.map((d) => `line ${d.line}: ${d.message.trim()}`) : [e.message.trim()];
    problems.push(...details.map((d) => `schema: ${d}`));
  } finally {
    validator.dispose();
    schemaDoc.dispose();
  }

  // Resources by kind, and every reference.
  const resources = new Map();
  for (const kind of ['Images', 'Urls', 'ShortStrings', 'LongStrings']) {
    for (const el of doc.find(`//ov:Resources/bt:${kind}/*`, NS)) {
      const id = el.attr('id')?.value;
      if (!id) continue;
      if (resources.has(id)) problems.push(`resource id "${id}" is defined twice`);
      resources.set(id, { kind, el, used: false });
    }
  }
  for (const el of doc.find('//*[@resid]', NS)) {
    const id = el.attr('resid').value;
    const res = resources.get(id);
    const want = kindOf(el);
    if (!res) problems.push(`line ${el.line}: <${el.name} resid="${id}"> does not resolve to a resource`);
    else if (res.kind !== want) problems.push(`line ${el.line}: <${el.name} resid="${id}"> points to ${res.kind}, expected ${want}`);
    else res.used = true;
  }
  for (const [id, res] of resources) if (!res.used) problems.push(`resource "${id}" (${res.kind}) is never used`);

  // Shared runtime: the runtime, the functions page, the function file and the task pane are one page.
  const runtime = doc.get('//ov:Runtimes/ov:Runtime/@resid', NS)?.value;
  const page = doc.get('//ov:ExtensionPoint[@xsi:type="CustomFunctions"]/ov:Page/ov:SourceLocation/@resid', NS)?.value;
  const funcFile = doc.get('//ov:FunctionFile/@resid', NS)?.value;
  const paneAction = doc.get('//ov:Action[@xsi:type="ShowTaskpane"]/ov:SourceLocation/@resid', NS)?.value;
  if (!runtime) problems.push('no <Runtimes><Runtime>: custom functions would not share the task pane runtime');
  for (const [what, id] of [['CustomFunctions <Page>', page], ['<FunctionFile>', funcFile], ['the task pane button', paneAction]])
    if (runtime && id !== runtime) problems.push(`${what} uses "${id}", not the shared runtime "${runtime}"`);
  const runtimes = doc.find('//ov:Runtimes/ov:Runtime', NS);
  if (runtimes.length > 1) problems.push(`${runtimes.length} <Runtime> elements: the pane and the functions must share one runtime`);
  if (doc.get('//ov:Runtimes/ov:Runtime/@lifetime', NS)?.value !== 'long') problems.push('the shared runtime must have lifetime="long"');

  // Icons: Office requires the 16, 32 and 80 px images on every ribbon group and button.
  for (const icon of doc.find('//ov:Icon', NS)) {
    const sizes = icon.find('bt:Image/@size', NS).map((a) => a.value);
    for (const need of ['16', '32', '80']) if (!sizes.includes(need)) problems.push(`line ${icon.line}: <Icon> has no ${need} px image (16, 32 and 80 are required)`);
    for (const img of icon.find('bt:Image', NS)) {
      const res = resources.get(img.attr('resid')?.value);
      if (res) (res.sizes ??= new Set()).add(Number(img.attr('size')?.value));
    }
  }
  if (!doc.get('/o:OfficeApp/o:Requirements/o:Sets/o:Set[@Name="SharedRuntime"]', NS)) problems.push('Requirements must name the SharedRuntime set');
  const paneUrl = runtime ? resources.get(runtime)?.el.attr('DefaultValue')?.value : undefined;
  const defaultSource = doc.get('/o:OfficeApp/o:DefaultSettings/o:SourceLocation/@DefaultValue', NS)?.value;
  if (paneUrl && defaultSource !== paneUrl) problems.push(`DefaultSettings/SourceLocation (${defaultSource}) differs from the runtime page (${paneUrl})`);

  // Languages: Japanese by default, an English override on every display string.
  const defaultLocale = doc.get('/o:OfficeApp/o:DefaultLocale', NS)?.content.trim();
  if (!/^ja-JP$/i.test(defaultLocale ?? '')) problems.push(`DefaultLocale is "${defaultLocale}", expected ja-JP`);
  const texts = [
    ...doc.find('/o:OfficeApp/o:DisplayName | /o:OfficeApp/o:Description', NS),
    ...doc.find('//ov:Resources/bt:ShortStrings/bt:String | //ov:Resources/bt:LongStrings/bt:String', NS),
  ];
  for (const el of texts) {
    const id = el.attr('id')?.value ?? el.name;
    if (id === 'Functions.Namespace') continue; // the formula prefix is the same in every language
    const value = el.attr('DefaultValue')?.value ?? '';
    if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(value)) problems.push(`${id}: the default (ja-JP) text has no Japanese: "${value}"`);
    const en = el.find('*[local-name()="Override"][translate(@Locale, "ENUS", "enus")="en-us"]');
    if (en.length !== 1) problems.push(`${id}: needs exactly one en-us override, found ${en.length}`);
  }
  if (!/^[A-Z][A-Z0-9.]*$/.test(resources.get('Functions.Namespace')?.el.attr('DefaultValue')?.value ?? ''))
    problems.push('the custom functions namespace must be upper-case letters and digits');

  // URLs: https on one origin; files present in the build.
  const urls = [
    ...doc.find('//@DefaultValue | //@Value', NS).map((a) => a.value).filter((v) => /^[a-z]+:\/\//i.test(v)),
    ...doc.find('//o:AppDomain', NS).map((e) => e.content.trim()),
  ];
  const origin = paneUrl ? new URL(paneUrl).origin : null;
  for (const u of urls) {
    let url;
    try {
      url = new URL(u);
    } catch {
      problems.push(`not a URL: ${u}`);
      continue;
    }
    if (url.protocol !== 'https:') problems.push(`not https: ${u}`);
    // Every URL, AppDomains included, on the add-in's own origin: the support page ships with it.
    if (origin && url.origin !== origin) problems.push(`not on the add-in's origin ${origin}: ${u}`);
    if (opts.production && /^(localhost|127\.|\[::1\])/.test(url.hostname)) problems.push(`a production manifest names ${url.hostname}: ${u}`);
  }
  if (opts.dist && origin && paneUrl) {
    const base = paneUrl.slice(0, paneUrl.lastIndexOf('/') + 1);
    for (const u of new Set(urls)) {
      if (!u.startsWith(base)) continue;
      const rel = decodeURIComponent(new URL(u).pathname.slice(new URL(base).pathname.length));
      if (rel && !existsSync(path.join(opts.dist, rel))) problems.push(`${u} names ${rel}, which the build did not produce`);
    }
    // Each icon file has the size the manifest gives it (PNG: width and height in the IHDR chunk).
    for (const [id, res] of resources) {
      if (!res.sizes) continue;
      const u = res.el.attr('DefaultValue')?.value ?? '';
      if (!u.startsWith(base)) continue;
      const file = path.join(opts.dist, decodeURIComponent(new URL(u).pathname.slice(new URL(base).pathname.length)));
      if (!existsSync(file)) continue;
      const png = readFileSync(file);
      const w = png.readUInt32BE(16);
      const h = png.readUInt32BE(20);
      for (const size of res.sizes) if (w !== size || h !== size) problems.push(`${id}: ${path.basename(file)} is ${w}×${h}, the manifest says ${size} px`);
    }
  }
  doc.dispose();
  return problems;
}

/** office-addin-manifest's reader: what Office tooling will see. */
export async function readWithOfficeTooling(file) {
  const { OfficeAddinManifest, getOfficeAppsForManifestHosts } = await import('office-addin-manifest');
  const info = await OfficeAddinManifest.readManifestFile(file);
  return { info, apps: getOfficeAppsForManifestHosts(info.hosts) };
}

async function main() {
  const args = process.argv.slice(2);
  const distIdx = args.indexOf('--dist');
  const dist = distIdx >= 0 ? path.resolve(args[distIdx + 1]) : undefined;
  const file = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--dist') ?? path.join(here, '../manifest.xml'));
  // A build for a server (SASAEAI_ADDIN_URL set) is a production manifest: no localhost in it.
  const production = args.includes('--production') || (dist !== undefined && Boolean(process.env.SASAEAI_ADDIN_URL));
  const problems = validateManifestXml(readFileSync(file, 'utf8'), { ...(dist ? { dist } : {}), production });
  try {
    const { info, apps } = await readWithOfficeTooling(file);
    if (!apps.includes('excel')) problems.push(`office-addin-manifest sees hosts ${JSON.stringify(info.hosts)}, not Excel`);
    console.log(`office-addin-manifest: ${info.displayName} ${info.version} (${info.id}), default locale ${info.defaultLocale}, apps ${apps.join(', ')}`);
  } catch (e) {
    problems.push(`office-addin-manifest cannot read it: ${e.message}`);
  }
  if (problems.length > 0) {
    console.error(`${path.relative(process.cwd(), file)}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  - ${p}`);
    process.exit(1);
  }
  console.log(`${path.relative(process.cwd(), file)}: valid (schema/manifest.rng, references, ja/en strings, https${dist ? ', files in ' + path.relative(process.cwd(), dist) : ''})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
