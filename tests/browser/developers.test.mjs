// The page for developers of Open311 clients (/en/developers, /es/developers):
// axe-clean in both languages, at desktop and mobile widths, with every
// example readable without sideways scrolling, and the API it documents
// answering in the spec's content types. Own server and browser (node runs
// each test file in its own process); helpers from server.mjs and browser.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer } from './server.mjs';
import { MOBILE, enableAxe, formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';

const pages = {
  en: { h1: 'Open311 API for developers', key: 'Getting an API key' },
  es: { h1: 'API Open311 para desarrolladores', key: 'Cómo obtener una clave de API' },
};

describe('Open311 developer page in Chromium', { timeout: 400_000 }, () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, { timeout: 200_000 });
  after(async () => {
    await browser?.close();
    await server?.stop();
  }, { timeout: 30_000 });

  for (const [lang, want] of Object.entries(pages)) {
    for (const [label, viewport] of [['desktop', undefined], ['mobile', MOBILE]]) {
      it(`/${lang}/developers has no axe violations (${label})`, async () => {
        const ctx = await newContext(browser, { bypassCSP: true, ...(viewport ? { viewport } : {}) });
        try {
          await enableAxe(ctx);
          const page = await ctx.newPage();
          const res = await page.goto(`${server.base}/${lang}/developers`);
          assert.equal(res.status(), 200);
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          assert.equal((await page.textContent('h1')).trim(), want.h1);
          assert.ok(await page.getByRole('heading', { name: want.key }).isVisible());
          const examples = await page.locator('pre code').allTextContents();
          assert.ok(examples.length >= 10, `only ${examples.length} examples`);
          assert.ok(examples.every((c) => c.startsWith('curl ') || c.includes('/open311/v2')), examples.join('\n'));
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
          const violations = await runAxe(page);
          assert.equal(violations.length, 0, `axe violations:\n${formatViolations(page.url(), violations)}`);
        } finally {
          await ctx.close();
        }
      });
    }
  }

  it('the language switcher leads to the other language and back', async () => {
    const ctx = await newContext(browser);
    try {
      const page = await ctx.newPage();
      await page.goto(`${server.base}/en/developers`);
      await page.click('nav.langs a[hreflang="es"]');
      await page.waitForURL('**/es/developers');
      assert.equal((await page.textContent('h1')).trim(), pages.es.h1);
      await page.click('nav.langs a[hreflang="en"]');
      await page.waitForURL('**/en/developers');
    } finally {
      await ctx.close();
    }
  });

  it('the documented API answers in the spec\'s content types', async () => {
    for (const [path, type] of [['/open311/v2/discovery.xml', 'text/xml; charset=utf-8'],
      ['/open311/v2/services.json', 'application/json; charset=utf-8']]) {
      const res = await fetch(server.base + path);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('content-type'), type, path);
      await res.arrayBuffer();
    }
  });
});
