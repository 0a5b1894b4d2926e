/**
 * Add-in load: what the task pane loads before it is ready (addin/dist: taskpane.html, .js, .css)
 * raw and gzip, the chunks it loads on first use (validation, roll-up, report writing, plan
 * schemas: app/lazy-operations.ts) beside it, and the time to first interactive in headless
 * Chromium with the fake office.js — from navigation start until the pane says it is ready
 * (`#status[data-kind="ok"]`), on the page's own clock — against a page that loads only office.js
 * and waits for Office.onReady (what any add-in pays before its own code runs).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';
import { log, median } from '../lib/timing.js';
import type { CaseResult } from '../lib/types.js';
import { CHROMIUM_ARGS, OFFICE_JS, ORIGIN, TYPES } from '../../../../addin/test/e2e/harness.js';

const BASELINE_HTML = `<!doctype html><html><head><meta charset="utf-8"><script src="${OFFICE_JS}"></script></head>
<body><main id="status">…</main><script src="baseline.js"></script></body></html>`;
const BASELINE_JS = `Office.onReady(() => { const s = document.getElementById('status'); s.textContent = 'ready'; s.dataset.kind = 'ok'; });`;

async function open(browser: Browser, dist: string, fakeOffice: string, page: 'taskpane.html' | 'baseline.html'): Promise<number> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 380, height: 900 } });
  try {
    const p = await context.newPage();
    await p.addInitScript(() => {
      (globalThis as unknown as { __FAKE_OFFICE_LANG: string }).__FAKE_OFFICE_LANG = 'ja-JP';
      // The moment the page says it is ready, on the page's own clock (from navigation start):
      // what Playwright adds (routing every request through Node, polling for the selector) is
      // left out, and it was most of the time on a busy machine.
      const w = globalThis as unknown as { __readyAt?: number };
      new MutationObserver(() => {
        if (w.__readyAt === undefined && document.querySelector('#status[data-kind="ok"]')) w.__readyAt = performance.now();
      }).observe(document, { subtree: true, attributes: true, childList: true });
    });
    await p.route('**/*', async (route) => {
      const url = route.request().url().split('?')[0] ?? '';
      if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: TYPES['.js'] ?? '', body: fakeOffice });
      if (!url.startsWith(ORIGIN)) return route.abort('blockedbyclient');
      const rel = decodeURIComponent(new URL(url).pathname.slice(1));
      if (rel === 'baseline.html') return route.fulfill({ status: 200, contentType: TYPES['.html'] ?? '', body: BASELINE_HTML });
      if (rel === 'baseline.js') return route.fulfill({ status: 200, contentType: TYPES['.js'] ?? '', body: BASELINE_JS });
      const file = path.join(dist, rel);
      if (!file.startsWith(dist) || !existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
      return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    await p.goto(`${ORIGIN}${page}`);
    await p.locator('#status[data-kind="ok"]').waitFor({ timeout: 60_000 });
    const readyAt = await p.evaluate(() => (globalThis as unknown as { __readyAt?: number }).__readyAt);
    if (typeof readyAt !== 'number') throw new Error(`${page}: the ready status was not observed`);
    return readyAt;
  } finally {
    await context.close();
  }
}

export async function addinCases(opts: { addin: string; chromium: string; runs: number }): Promise<CaseResult[]> {
  const dist = path.join(opts.addin, 'dist');
  const assets = ['taskpane.html', 'taskpane.js', 'taskpane.css'].filter((f) => existsSync(path.join(dist, f)));
  const files = assets.map((f) => {
    const buf = readFileSync(path.join(dist, f));
    return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  });
  const raw = files.reduce((a, f) => a + f.raw, 0);
  const gzip = files.reduce((a, f) => a + f.gzip, 0);
  // Every other script of the pane is a chunk loaded after it is ready (functions.js is the
  // manifest's own script, not the pane's).
  const lazy = readdirSync(dist)
    .filter((f) => f.endsWith('.js') && f !== 'taskpane.js' && f !== 'functions.js')
    .map((f) => {
      const buf = readFileSync(path.join(dist, f));
      return { file: f, raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
    });
  const lazyRaw = lazy.reduce((a, f) => a + f.raw, 0);
  const fakeOffice = readFileSync(path.join(opts.addin, 'test/fake-office/office.js'), 'utf8');
  log('add-in: headless Chromium, first interactive');
  const browser = await chromium.launch({ executablePath: opts.chromium, args: CHROMIUM_ARGS });
  try {
    const cold = await open(browser, dist, fakeOffice, 'taskpane.html');
    await open(browser, dist, fakeOffice, 'baseline.html');
    const pane: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      pane.push(await open(browser, dist, fakeOffice, 'taskpane.html'));
      base.push(await open(browser, dist, fakeOffice, 'baseline.html'));
    }
    const ms = median(pane);
    const peer = median(base);
    return [
      {
        name: 'add-in task pane: first interactive (headless Chromium, fake office.js)',
        rows: 0,
        ms,
        peer: { name: 'a page with only office.js, ready at Office.onReady', ms: peer },
        ratio: ms / peer,
        floor: 'first interactive ≤ 500 ms (issue 16)',
        holds: ms <= 500,
        detail: `loaded before ready ${Math.round(raw / 1024)} KB raw, ${Math.round(gzip / 1024)} KB gzip (+ ${Math.round(lazyRaw / 1024)} KB of chunks on first use); cold ${Math.round(cold)} ms`,
        metrics: {
          coldMs: Math.round(cold),
          bundleRawBytes: raw,
          bundleGzipBytes: gzip,
          files,
          lazyFiles: lazy,
          samples: pane.map(Math.round),
          peerSamples: base.map(Math.round),
        },
      },
    ];
  } finally {
    await browser.close();
  }
}
