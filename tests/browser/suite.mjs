// What a suite with its own server and Chromium needs: start both before
// its tests and stop them after, open a context that is always closed, and
// check that pages answer 200, do not scroll sideways and are axe-clean.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';
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

/** Runs fn with a new browser context, closed afterwards whatever happens. */
export async function inContext(browser, options, fn) {
  const ctx = await newContext(browser, options);
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** Each of urls (on base) answers 200, fits the viewport's width and has no axe violations. */
export async function checkPages(page, base, urls) {
  for (const url of urls) {
    const res = await page.goto(`${base}${url}`);
    assert.equal(res.status(), 200, url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px`);
    const v = await runAxe(page);
    assert.deepEqual(v, [], `axe violations on ${url}:\n${formatViolations(page.url(), v)}`);
  }
}

