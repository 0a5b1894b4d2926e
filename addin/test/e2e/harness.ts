/**
 * Opens the built task pane (dist/) in headless Chromium with the fake office.js in place of
 * Microsoft's CDN script. Every request is answered from disk or refused: the pane gets no network
 * at all, and the HTML is served with a strict Content-Security-Policy (no eval, no inline script),
 * so a stray `new Function` or remote fetch fails the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ADDIN = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const DIST = path.join(ADDIN, 'dist');
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const ORIGIN = 'https://localhost:3000/';
export const CSP =
  "default-src 'none'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self'; img-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Content types of the files the pane loads. */
export const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
};

/**
 * The browser the tests drive: `CHROMIUM_PATH`, else Debian's Chromium, else (on a machine
 * without apt, where scripts/setup.sh installed it) the Chromium Playwright downloaded.
 */
export const CHROMIUM_EXECUTABLE: string | undefined = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Chromium headless, with nothing that reaches for the network on its own. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launch(): Promise<Browser> {
  if (!existsSync(path.join(DIST, 'taskpane.html'))) throw new Error('addin/dist is missing: run `pnpm --filter addin build` first');
  return chromium.launch({ ...(CHROMIUM_EXECUTABLE ? { executablePath: CHROMIUM_EXECUTABLE } : {}), args: CHROMIUM_ARGS });
}

export interface Pane {
  context: BrowserContext;
  page: Page;
  /** Every URL the pane asked for. */
  requests: string[];
  /** Requests refused because they were not office.js or the add-in's own files. */
  refused: string[];
  /** Uncaught errors and console errors in the pane. */
  errors: string[];
}

/**
 * Opens the pane with Office reporting `displayLanguage`, and waits until it is ready.
 */
export async function openPane(browser: Browser, displayLanguage: string, seed?: { customXmlParts?: string[]; settings?: Record<string, unknown>; workbook?: unknown }): Promise<Pane> {
  const context = await browser.newContext({ locale: displayLanguage, viewport: { width: 380, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const pane: Pane = { context, page, requests: [], refused: [], errors: [] };
  await page.addInitScript(([lang, seedJson]) => {
    (window as unknown as { __FAKE_OFFICE_LANG: string }).__FAKE_OFFICE_LANG = lang;
    if (seedJson) (window as unknown as { __FAKE_OFFICE_SEED: unknown }).__FAKE_OFFICE_SEED = JSON.parse(seedJson);
    const violations: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  }, [displayLanguage, seed ? JSON.stringify(seed) : ''] as const);
  const fakeOffice = readFileSync(path.join(ADDIN, 'test/fake-office/office.js'), 'utf8');
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    pane.requests.push(url);
    if (url.split('?')[0] === OFFICE_JS) return route.fulfill({ status: 200, contentType: TYPES['.js']!, body: fakeOffice });
    if (url.startsWith(ORIGIN)) {
      const rel = decodeURIComponent(new URL(url).pathname.slice(1));
      const file = path.join(DIST, rel);
      if (!file.startsWith(DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'content-type': type };
      if (type.startsWith('text/html')) headers['content-security-policy'] = CSP;
      return route.fulfill({ status: 200, headers, body: readFileSync(file) });
    }
    pane.refused.push(url);
    return route.abort('blockedbyclient');
  });
  page.on('pageerror', (e) => pane.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pane.errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${ORIGIN}taskpane.html`);
  await page.locator('#status[data-kind="ok"]').waitFor({ timeout: 30_000 });
  return pane;
}

/** Runs the fake workbook's test handle inside the page. */
export function fakeCall<T>(page: Page, fn: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([name, a]) => {
      const handle = (window as unknown as { __fakeExcel: Record<string, (...x: unknown[]) => unknown> }).__fakeExcel;
      return handle[name as string]!(...(a as unknown[])) as T;
    },
    [fn, args] as const,
  ) as Promise<T>;
}

/** Sync statistics of the fake workbook. */
export function stats(page: Page): Promise<{ syncs: number; requests: { requestBytes: number; responseBytes: number; error?: string }[] }> {
  return page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { __fakeExcel: { stats: unknown } }).__fakeExcel.stats)));
}

/** Waits for the pane to finish an operation (status set, not busy). */
export async function settle(page: Page): Promise<string> {
  await page.locator('main[aria-busy="false"]').waitFor({ timeout: 120_000 });
  return (await page.locator('#status').textContent()) ?? '';
}

/** axe-core from node_modules, injected into the page; returns the violations. */
export async function axe(page: Page): Promise<{ id: string; impact: string | null; help: string; nodes: string[] }[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  });
}
