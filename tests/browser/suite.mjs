// What a suite with its own server and Chromium needs: start both before
// its tests and stop them after (and check the server kept running), open
// a context that is always closed, and check that pages answer 200, do not
// scroll sideways and are axe-clean, at desktop and 320-px width.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { DESKTOP, enableAxe, formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';
import { withTimeout } from './crawl.mjs';
import { startServer } from './server.mjs';

/** Registers before/after hooks filling s.server, s.base and s.browser; setup runs once the server is up. */
export function serverAndBrowser(s, setup, what) {
  before(async () => {
    s.server = await withTimeout(startServer({ readyTimeoutMs: 120_000 }), 130_000, 'start townhall');
    s.base = s.server.base;
    await withTimeout(setup(), 30_000, what);
    s.browser = await withTimeout(launchBrowser(), 120_000, 'launch chromium');
  }, { timeout: 300_000 });
  after(async () => {
    if (s.browser) await withTimeout(s.browser.close(), 15_000, 'closing chromium').catch(() => {});
    if (s.server) await s.server.stop();
  });
}

/** The widths every page is checked at, with their labels. */
export const VIEWPORTS = [['desktop', DESKTOP], ['320 px', { width: 320, height: 640 }]];

/** Adds the suite's last test: the server s started did not exit during it. */
export function keptRunning(s) {
  it('kept running', () => {
    assert.equal(s.server.unexpectedExit(), null, `townhall exited during the suite:\n${s.server.output()}`);
  });
}

/** Runs fn with a new browser context, closed afterwards whatever happens. */
export async function inContext(browser, options, fn) {
  const ctx = await newContext(browser, options);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** The page has no axe violations; what names it in the failure. */
export async function axeClean(page, what) {
  const v = await runAxe(page);
  assert.deepEqual(v, [], `axe violations on ${what}:\n${formatViolations(page.url(), v)}`);
}

/**
 * Each of urls (on base) answers 200, fits the viewport's width and has no
 * axe violations; a url given as [url, status] answers status instead.
 */
export async function checkPages(page, base, urls) {
  for (const entry of urls) {
    const [url, status] = Array.isArray(entry) ? entry : [entry, 200];
    const res = await page.goto(`${base}${url}`);
    assert.equal(res.status(), status, url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const wide = await page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.visually-hidden'))
      .map((el) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') || ''}">`).slice(0, 6));
    assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px: ${wide.join(' ')}`);
    await axeClean(page, url);
  }
}

/**
 * Adds one test per viewport ("<what> are axe-clean with no sideways
 * scroll"): in a context with axe, signIn(ctx) opens the page on which
 * checkPages checks the urls that urls() returns.
 */
export function pagesAxeClean(s, what, signIn, urls) {
  for (const [label, viewport] of VIEWPORTS) {
    it(`${what} are axe-clean with no sideways scroll (${label})`, async () => {
      await inContext(s.browser, { bypassCSP: true, viewport }, async (ctx) => {
        await enableAxe(ctx);
        await checkPages(await signIn(ctx), s.base, await urls());
      });
    });
  }
}
