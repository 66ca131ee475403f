// Shared state of the suite: one server, one browser, one crawl. Filled in by
// setup() (a `before` hook in site.test.mjs) and read by the checks.
import fs from 'node:fs';
import path from 'node:path';
import { enableAxe, launchBrowser, MOBILE, newContext } from './browser.mjs';
import { crawl, withTimeout } from './crawl.mjs';
import { repoRoot, startServer } from './server.mjs';

export const LANGS = ['en', 'es'];

/** Known pages of the demo town used by several checks. */
export const ARTICLE = {
  en: '/en/help/waste/trash-and-recycling-collection',
  es: '/es/help/waste/recogida-de-basura-y-reciclaje',
};
export const SEARCH_WORD = { en: 'recycling', es: 'reciclaje' };

export const fx = {
  server: null,
  base: '',
  browser: null,
  /** Normal context: JavaScript on, the site's CSP enforced. */
  ctx: null,
  /** axe contexts (bypassCSP), desktop and mobile. */
  axeDesktop: null,
  axeMobile: null,
  /** JavaScript disabled. */
  noJs: null,
  crawl: null,
  crawlMs: 0,
  /** How long each setup step took (printed at the end). */
  steps: [],
};

export async function setup() {
  // Each step is named so a failure or hang says where it happened.
  const step = async (what, ms, fn) => {
    const t0 = Date.now();
    try {
      return await withTimeout(fn(), ms, what);
    } finally {
      fx.steps.push(`${what}: ${Date.now() - t0} ms`);
    }
  };
  fx.server = await step('start townhall', 130_000, () => startServer());
  fx.base = fx.server.base;
  fx.browser = await step('launch chromium', 120_000, () => launchBrowser());
  await step('open browser contexts', 30_000, async () => {
    fx.ctx = await newContext(fx.browser);
    fx.axeDesktop = await newContext(fx.browser, { bypassCSP: true });
    fx.axeMobile = await newContext(fx.browser, { bypassCSP: true, viewport: MOBILE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await enableAxe(fx.axeDesktop);
    await enableAxe(fx.axeMobile);
    fx.noJs = await newContext(fx.browser, { javaScriptEnabled: false });
  });
  const t0 = Date.now();
  fx.crawl = await step('crawl', 200_000, () => crawl(fx.axeDesktop, fx.base, LANGS.map((l) => `/${l}/`)));
  fx.crawlMs = Date.now() - t0;
}

export async function teardown() {
  console.log(`setup: ${fx.steps.join(', ')}`);
  if (fx.crawl) console.log(`crawl: ${fx.crawl.order.length} pages${fx.crawl.capped ? `, capped; not crawled: ${fx.crawl.left.join(' ')}` : ''}`);
  const died = fx.server?.unexpectedExit();
  if (died) console.log(`townhall exited during the suite: ${JSON.stringify(died)}`);
  try {
    if (fx.crawl) writeArtifacts();
  } catch { /* artifacts are a convenience only */ }
  if (fx.browser) await withTimeout(fx.browser.close(), 15_000, 'closing chromium').catch(() => {});
  if (fx.server) await fx.server.stop();
}

/** Crawled pages that answered 200 text/html (the pages the other checks use). */
export function okPages() {
  return fx.crawl.order.map((k) => fx.crawl.pages.get(k))
    .filter((r) => !r.error && r.status === 200 && r.contentType.startsWith('text/html') && r.finalKey === r.key);
}

/** Translated message from the app's locale files (locales/*.LANG.toml; simple TOML: [key]\nother = "..."). */
export function message(lang, key) {
  const dir = path.join(repoRoot, 'locales');
  const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\[${esc}\\]\\s*\\n(?:[^\\[\\n][^\\n]*\\n)*?other\\s*=\\s*"((?:[^"\\\\]|\\\\.)*)"`, 'm');
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith(`.${lang}.toml`)).sort()) {
    const m = fs.readFileSync(path.join(dir, f), 'utf8').match(re);
    if (m) return JSON.parse(`"${m[1]}"`);
  }
  throw new Error(`no message ${key} for ${lang} in ${dir}`);
}

/** Keep the crawl's findings as JSON under artifacts/ (git-ignored) for humans. */
function writeArtifacts() {
  const dir = path.join(repoRoot, 'tests', 'browser', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const pages = fx.crawl.order.map((k) => {
    const r = fx.crawl.pages.get(k);
    return { path: r.key, from: r.from, status: r.status, contentType: r.contentType, error: r.error,
      finalPath: r.finalKey, lang: r.lang, scripts: r.domScripts, violations: r.violations };
  });
  fs.writeFileSync(path.join(dir, 'crawl.json'), JSON.stringify({ base: fx.base, capped: fx.crawl.capped, notCrawled: fx.crawl.left, pages }, null, 2));
}
