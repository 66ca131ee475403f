// 1. Crawl: every page reachable from /en/ and /es/ answers 200 text/html
// and has no axe violations; key pages are also checked on a phone viewport.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatViolations, runAxe } from '../browser.mjs';
import { ARTICLE, fx, LANGS, SEARCH_WORD } from '../fixture.mjs';
import { MAX_PAGES } from '../crawl.mjs';

export function crawlChecks() {
  describe('crawl and accessibility', () => {
    it('reaches the main sections of both languages within the page cap', () => {
      const keys = fx.crawl.order;
      assert.ok(keys.length <= MAX_PAGES, `crawled ${keys.length} pages, cap is ${MAX_PAGES}`);
      for (const lang of LANGS) {
        for (const p of ['/', '/help', '/services', '/departments', '/notices']) {
          assert.ok(keys.includes(`/${lang}${p}`), `crawl never reached /${lang}${p} (crawled: ${keys.join(', ')})`);
        }
        assert.ok(keys.includes(ARTICLE[lang]), `crawl never reached ${ARTICLE[lang]}`);
        assert.ok(keys.some((k) => /^\/[a-z]{2}\/services\/[^/]+$/.test(k) && k.startsWith(`/${lang}/`)), `no /${lang}/services/{code} page crawled`);
      }
    });

    it('every crawled page answers 200 text/html with zero axe violations (desktop 1280×800)', async (t) => {
      for (const key of fx.crawl.order) {
        const r = fx.crawl.pages.get(key);
        await t.test(key, () => {
          assert.equal(r.error, null, `${key} (linked from ${r.from}) failed to load: ${r.error}`);
          assert.equal(r.status, 200, `${key} (linked from ${r.from}) answered ${r.status}`);
          assert.match(r.contentType, /^text\/html/, `${key} content-type is ${r.contentType}`);
          assert.equal(r.violations.length, 0,
            `${key}: ${r.violations.length} axe rule(s) violated:\n${formatViolations(key, r.violations)}`);
        });
      }
    });

    it('every crawled page has a meta description and comes gzipped (Lighthouse SEO and performance)', () => {
      const missing = [];
      const plain = [];
      for (const key of fx.crawl.order) {
        const r = fx.crawl.pages.get(key);
        if (r.status !== 200 || !r.contentType.startsWith('text/html')) continue;
        if (!r.description || r.description.trim().length < 20) missing.push(`${key} (${JSON.stringify(r.description)})`);
        if (r.encoding !== 'gzip' && r.encoding !== 'br') plain.push(key);
      }
      assert.deepEqual(missing, [], `pages without a meta description:\n${missing.join('\n')}`);
      assert.deepEqual(plain, [], `pages sent uncompressed:\n${plain.join('\n')}`);
    });

    it('axe passes on home, article, search results and 404 at desktop and mobile widths', async (t) => {
      const targets = [];
      for (const lang of LANGS) {
        targets.push({ path: `/${lang}/`, status: 200 });
        targets.push({ path: ARTICLE[lang], status: 200 });
        targets.push({ path: `/${lang}/search?q=${encodeURIComponent(SEARCH_WORD[lang])}`, status: 200 });
        targets.push({ path: `/${lang}/no-such-page-for-axe`, status: 404 });
      }
      for (const [name, ctx] of [['desktop 1280×800', fx.axeDesktop], ['mobile 390×844', fx.axeMobile]]) {
        const page = await ctx.newPage();
        try {
          for (const { path, status } of targets) {
            await t.test(`${name} ${path}`, async () => {
              const resp = await page.goto(fx.base + path);
              assert.equal(resp.status(), status, `${path} answered ${resp.status()}`);
              const v = await runAxe(page);
              assert.equal(v.length, 0, `${path} (${name}): ${v.length} axe rule(s) violated:\n${formatViolations(path, v)}`);
            });
          }
        } finally {
          await page.close();
        }
      }
    });
  });
}
