// Breadth-first crawl of the public site in a real browser. Each page is
// loaded once (desktop viewport, in a bypassCSP context so axe can be
// injected); its status, content type, <script> count, links and axe
// violations are recorded for the tests to assert on.
import { runAxe } from './browser.mjs';

export const MAX_PAGES = 400;

/** Fail with a clear message instead of hanging the whole crawl on one step. */
export function withTimeout(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

const SKIP_PREFIXES = ['/_/', '/api/', '/static/'];
const SKIP_SUFFIXES = ['.atom', '.xml', '.txt'];

/** html[lang], the language switcher links and the hreflang <link>s of the page. */
export function readLangs(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    switcher: [...document.querySelectorAll('nav.langs a[hreflang]')].map((a) => ({
      lang: a.getAttribute('hreflang'), href: a.getAttribute('href'), current: a.getAttribute('aria-current'),
    })),
    alternates: [...document.querySelectorAll('head link[rel="alternate"][hreflang]')].map((l) => ({
      lang: l.getAttribute('hreflang'), href: l.getAttribute('href'),
    })),
  }));
}

/** The crawl key (pathname + search) of href if it is a site HTML page, else null. */
export function siteKey(href, base) {
  let u;
  try { u = new URL(href, base); } catch { return null; }
  const origin = new URL(base).origin;
  if (u.origin !== origin) return null; // other sites, mailto:, tel:, javascript:
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const p = u.pathname;
  if (p === '/_' || p === '/api' || SKIP_PREFIXES.some((s) => p.startsWith(s))) return null;
  if (SKIP_SUFFIXES.some((s) => p.endsWith(s))) return null;
  return p + u.search;
}

/** Pages are told apart by pathname: /en/signup?next=a and ?next=b are one page. */
const pathnameOf = (key) => key.split('?')[0];

/**
 * Crawl from starts (paths) with a page of a bypassCSP context.
 * Returns { pages: Map<key, record>, order: key[], capped: boolean, left: key[] (found, not crawled) }.
 */
export async function crawl(context, base, starts, { max = MAX_PAGES, axe = true } = {}) {
  let page = await context.newPage();
  const queue = starts.map((s) => ({ key: s, from: '(start)' }));
  const seen = new Set(starts.map(pathnameOf));
  const pages = new Map();
  const order = [];
  let capped = false;
  try {
    while (queue.length) {
      if (pages.size >= max) { capped = true; break; }
      const { key, from } = queue.shift();
      const rec = { key, from, status: null, contentType: '', error: null, finalKey: key,
        lang: null, h1: null, description: null, encoding: '', langs: null, domScripts: 0, rawScripts: 0, violations: [], links: [] };
      pages.set(key, rec);
      order.push(key);
      const t0 = Date.now();
      try {
        await visitPage(page, base, rec, seen, queue, axe);
      } catch (err) {
        rec.error = String(err.message || err).split('\n')[0];
        // The page may be stuck: start over with a fresh one.
        await withTimeout(page.close(), 5_000, 'closing a page').catch(() => {});
        page = await context.newPage();
      }
      if (process.env.BROWSER_TESTS_DEBUG) console.error(`crawl ${Date.now() - t0} ms ${key} ${rec.status} ${rec.error || ''}`);
    }
    if (queue.length) capped = true;
  } finally {
    await page.close();
  }
  return { pages, order, capped, left: queue.map((q) => q.key) };
}

async function visitPage(page, base, rec, seen, queue, axe) {
  const { key } = rec;
  const resp = await withTimeout(page.goto(base + key, { waitUntil: 'load' }), 30_000, `loading ${key}`);
  if (!resp) throw new Error('no response');
  rec.status = resp.status();
  rec.contentType = resp.headers()['content-type'] || '';
  rec.encoding = resp.headers()['content-encoding'] || '';
  rec.finalKey = siteKey(page.url(), base) || page.url();
  if (rec.finalKey !== key) seen.add(pathnameOf(rec.finalKey));
  if (!rec.contentType.startsWith('text/html')) return;
  try {
    const body = await withTimeout(resp.text(), 10_000, `reading the body of ${key}`);
    rec.rawScripts = (body.match(/<script\b/gi) || []).length;
  } catch { /* body unavailable; the DOM count below still holds */ }
  const info = await withTimeout(page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelector('h1')?.textContent.trim() ?? null,
    description: document.querySelector('head meta[name="description"]')?.getAttribute('content') ?? null,
    domScripts: document.querySelectorAll('script').length,
    links: [...document.querySelectorAll('a[href]')]
      .map((a) => ({ raw: a.getAttribute('href'), abs: a.href })),
  })), 10_000, `reading the DOM of ${key}`);
  rec.lang = info.lang;
  rec.h1 = info.h1;
  rec.description = info.description;
  rec.domScripts = info.domScripts;
  rec.langs = await withTimeout(readLangs(page), 10_000, `reading the language links of ${key}`);
  for (const { raw, abs } of info.links) {
    if (raw.trim().startsWith('#')) continue; // in-page fragment
    const k = siteKey(abs, base);
    if (!k) continue;
    rec.links.push(k);
    if (!seen.has(pathnameOf(k))) {
      seen.add(pathnameOf(k));
      queue.push({ key: k, from: key });
    }
  }
  if (axe && rec.status === 200) rec.violations = await withTimeout(runAxe(page), 30_000, `running axe on ${key}`);
}
