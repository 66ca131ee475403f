// 4. The root redirect by cookie and Accept-Language, and translated 404s.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newContext } from '../browser.mjs';
import { fx, message } from '../fixture.mjs';

async function landOnRoot(contextOptions, cookies = []) {
  const ctx = await newContext(fx.browser, contextOptions);
  try {
    if (cookies.length) await ctx.addCookies(cookies.map((c) => ({ ...c, url: fx.base })));
    const page = await ctx.newPage();
    const resp = await page.goto(`${fx.base}/`);
    const first = resp.request().redirectedFrom();
    return {
      redirectStatus: first ? (await first.response()).status() : null,
      redirectFrom: first ? new URL(first.url()).pathname : null,
      status: resp.status(),
      path: new URL(page.url()).pathname,
      lang: await page.locator('html').getAttribute('lang'),
    };
  } finally {
    await ctx.close();
  }
}

async function notFound(path) {
  const page = await fx.ctx.newPage();
  try {
    const resp = await page.goto(fx.base + path);
    return {
      status: resp.status(),
      contentType: resp.headers()['content-type'] || '',
      lang: await page.locator('html').getAttribute('lang'),
      h1: (await page.locator('h1').first().textContent()).trim(),
      robots: await page.locator('meta[name="robots"]').getAttribute('content').catch(() => null),
    };
  } finally {
    await page.close();
  }
}

export function redirectChecks() {
  describe('root redirect and 404 pages', () => {
    it('/ with Accept-Language es-MX,es redirects (302) to /es/', async () => {
      const r = await landOnRoot({ extraHTTPHeaders: { 'Accept-Language': 'es-MX,es' } });
      assert.equal(r.redirectFrom, '/');
      assert.equal(r.redirectStatus, 302);
      assert.equal(r.path, '/es/');
      assert.equal(r.status, 200);
      assert.equal(r.lang, 'es');
    });

    it('/ with cookie th_lang=en and Accept-Language es redirects (302) to /en/', async () => {
      const r = await landOnRoot({ extraHTTPHeaders: { 'Accept-Language': 'es' } }, [{ name: 'th_lang', value: 'en' }]);
      assert.equal(r.redirectStatus, 302);
      assert.equal(r.path, '/en/');
      assert.equal(r.status, 200);
      assert.equal(r.lang, 'en');
    });

    it('/es/nope is a 404 in Spanish', async () => {
      const r = await notFound('/es/nope');
      assert.equal(r.status, 404);
      assert.match(r.contentType, /^text\/html/);
      assert.equal(r.lang, 'es');
      assert.equal(r.h1, message('es', 'error.404.title'));
      assert.notEqual(r.h1, message('en', 'error.404.title'));
      assert.equal(r.robots, 'noindex');
    });

    it('/xx/nope (a language the town does not offer) is a 404 in English', async () => {
      const r = await notFound('/xx/nope');
      assert.equal(r.status, 404);
      assert.match(r.contentType, /^text\/html/);
      assert.equal(r.lang, 'en');
      assert.equal(r.h1, message('en', 'error.404.title'));
    });
  });
}
