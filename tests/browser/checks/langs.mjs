// 3. Language switcher: reciprocal links between languages, matching the
// hreflang <link>s in the head.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTICLE, fx, okPages } from '../fixture.mjs';

/** Path + query of an href, ignoring its origin (hreflang links are absolute on the configured base URL). */
const pathOf = (href, base) => { const u = new URL(href, base); return u.pathname + u.search; };

async function readLangs(page) {
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

async function follow(page, lang) {
  const link = page.locator(`nav.langs a[hreflang="${lang}"]`);
  const [resp] = await Promise.all([page.waitForNavigation(), link.click()]);
  return resp;
}

export function langChecks() {
  describe('language switcher', () => {
    it('every crawled page: switcher matches hreflang links and each language round-trips', async (t) => {
      const page = await fx.ctx.newPage();
      try {
        for (const r of okPages()) {
          await t.test(r.key, async () => {
            await page.goto(fx.base + r.key);
            const here = await readLangs(page);
            assert.ok(here.switcher.length >= 2, `${r.key}: language switcher has ${here.switcher.length} link(s)`);
            const current = here.switcher.filter((s) => s.current === 'true');
            assert.equal(current.length, 1, `${r.key}: ${current.length} switcher links have aria-current="true"`);
            assert.equal(current[0].lang, here.lang, `${r.key}: aria-current link is ${current[0].lang}, html lang is ${here.lang}`);
            assert.equal(pathOf(current[0].href, fx.base), r.key, `${r.key}: current-language link points to ${current[0].href}`);

            // hreflang <link> pathnames equal the switcher hrefs.
            const links = Object.fromEntries(here.alternates.filter((a) => a.lang !== 'x-default')
              .map((a) => [a.lang, pathOf(a.href, fx.base)]));
            const switcher = Object.fromEntries(here.switcher.map((s) => [s.lang, pathOf(s.href, fx.base)]));
            assert.deepEqual(links, switcher, `${r.key}: <link hreflang> paths differ from the switcher hrefs`);
            const xDefault = here.alternates.filter((a) => a.lang === 'x-default');
            assert.equal(xDefault.length, 1, `${r.key}: expected one hreflang="x-default" link`);
            assert.ok(Object.values(switcher).includes(pathOf(xDefault[0].href, fx.base)),
              `${r.key}: x-default ${xDefault[0].href} is none of the language versions`);

            for (const other of here.switcher.filter((s) => s.current !== 'true')) {
              await page.goto(fx.base + r.key);
              const resp = await follow(page, other.lang);
              assert.equal(resp.status(), 200, `${r.key} → ${other.href} answered ${resp.status()}`);
              const there = await readLangs(page);
              assert.equal(there.lang, other.lang, `${r.key} → ${other.href}: html lang is ${there.lang}`);
              const back = there.switcher.find((s) => s.lang === here.lang);
              assert.ok(back, `${other.href}: no switcher link back to ${here.lang}`);
              assert.equal(pathOf(back.href, fx.base), r.key,
                `${r.key} → ${other.href} → ${here.lang} switcher leads to ${back.href}, not back to ${r.key}`);
            }
          });
        }
      } finally {
        await page.close();
      }
    });

    it(`the article ${ARTICLE.en} switches to ${ARTICLE.es} and back`, async () => {
      const page = await fx.ctx.newPage();
      try {
        await page.goto(fx.base + ARTICLE.en);
        let resp = await follow(page, 'es');
        assert.equal(resp.status(), 200);
        assert.equal(new URL(page.url()).pathname, ARTICLE.es);
        assert.equal(await page.locator('html').getAttribute('lang'), 'es');
        resp = await follow(page, 'en');
        assert.equal(resp.status(), 200);
        assert.equal(new URL(page.url()).pathname, ARTICLE.en);
        assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      } finally {
        await page.close();
      }
    });
  });
}
