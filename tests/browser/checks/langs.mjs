// 3. Language switcher: reciprocal links between languages, matching the
// hreflang <link>s in the head.
//
// Paths are compared by pathname, as the brief for these tests asks.
// Every crawled page was loaded in the browser, so "following" a switcher
// link to another crawled page reuses what the crawl saw at that URL (a page
// the crawl did not reach is loaded here). Real clicks on the switcher are
// made on one page of every kind in each language, and on the article pair.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLangs, siteKey } from '../crawl.mjs';
import { ARTICLE, fx, okPages } from '../fixture.mjs';

/**
 * Pathname of an href: hreflang links are absolute on the configured base
 * URL, and the switcher links to each language's version of the page, not to
 * its query (e.g. /en/signup?next=… switches to /es/signup).
 */
const pathOf = (href) => new URL(href, fx.base).pathname;

/** The kind of page: /en/help/waste/x → /L/help/*\/*. */
const kindOf = (key) => key.replace(/^\/[a-z]{2}(?=\/)/, '/L').split('/').map((s, i) => (i > 2 && s ? '*' : s)).join('/');

async function follow(page, lang) {
  const link = page.locator(`nav.langs a[hreflang="${lang}"]`);
  const [resp] = await Promise.all([page.waitForNavigation(), link.click()]);
  return resp;
}

/** What is at path: the crawl's record if it has one, else a fresh load. */
async function visit(page, path) {
  const r = fx.crawl.pages.get(path);
  if (r && r.status !== null && r.finalKey === path && r.langs) return { status: r.status, ...r.langs };
  const resp = await page.goto(fx.base + path);
  return { status: resp.status(), ...(await readLangs(page)) };
}

export function langChecks() {
  describe('language switcher', () => {
    it('every crawled page: the switcher marks the current language and matches the hreflang links', async (t) => {
      for (const r of okPages()) {
        await t.test(r.key, () => {
          const here = r.langs;
          assert.ok(here.switcher.length >= 2, `${r.key}: language switcher has ${here.switcher.length} link(s)`);
          const current = here.switcher.filter((s) => s.current === 'true');
          assert.equal(current.length, 1, `${r.key}: ${current.length} switcher links have aria-current="true"`);
          assert.equal(current[0].lang, here.lang, `${r.key}: aria-current link is ${current[0].lang}, html lang is ${here.lang}`);
          assert.equal(pathOf(current[0].href), pathOf(r.key), `${r.key}: current-language link points to ${current[0].href}`);
          const links = Object.fromEntries(here.alternates.filter((a) => a.lang !== 'x-default')
            .map((a) => [a.lang, pathOf(a.href)]));
          const switcher = Object.fromEntries(here.switcher.map((s) => [s.lang, pathOf(s.href)]));
          assert.deepEqual(links, switcher, `${r.key}: <link hreflang> paths differ from the switcher hrefs`);
          const xDefault = here.alternates.filter((a) => a.lang === 'x-default');
          assert.equal(xDefault.length, 1, `${r.key}: expected one hreflang="x-default" link`);
          assert.ok(Object.values(switcher).includes(pathOf(xDefault[0].href)),
            `${r.key}: x-default ${xDefault[0].href} is none of the language versions`);
        });
      }
    });

    it('every crawled page: the other language\'s link lands on a 200 page in that language that links back', async (t) => {
      const page = await fx.ctx.newPage();
      try {
        for (const r of okPages()) {
          await t.test(r.key, async () => {
            const others = r.langs.switcher.filter((s) => s.current !== 'true');
            assert.ok(others.length > 0, `${r.key}: no other language in the switcher`);
            for (const other of others) {
              const target = siteKey(other.href, fx.base);
              assert.ok(target, `${r.key}: switcher link ${other.href} leaves the site`);
              const there = await visit(page, target);
              assert.equal(there.status, 200, `${r.key} → ${target} answered ${there.status}`);
              assert.equal(there.lang, other.lang, `${r.key} → ${target}: html lang is ${there.lang}`);
              const back = there.switcher.find((s) => s.lang === r.langs.lang);
              assert.ok(back, `${target}: no switcher link back to ${r.langs.lang}`);
              assert.equal(pathOf(back.href), pathOf(r.key),
                `${r.key} → ${target} → ${r.langs.lang} switcher leads to ${back.href}, not back to ${r.key}`);
            }
          });
        }
      } finally {
        await page.close();
      }
    });

    it('clicking the switcher round-trips on one page of every kind in each language', async (t) => {
      const sample = new Map();
      for (const r of okPages()) {
        const k = `${r.langs.lang} ${kindOf(pathOf(r.key))}`;
        if (!sample.has(k)) sample.set(k, r);
      }
      const page = await fx.ctx.newPage();
      try {
        for (const r of sample.values()) {
          await t.test(r.key, async () => {
            for (const other of r.langs.switcher.filter((s) => s.current !== 'true')) {
              await page.goto(fx.base + r.key);
              let resp = await follow(page, other.lang);
              assert.equal(resp.status(), 200, `${r.key} → ${page.url()} answered ${resp.status()}`);
              assert.equal(pathOf(page.url()), pathOf(other.href));
              assert.equal(await page.locator('html').getAttribute('lang'), other.lang);
              resp = await follow(page, r.langs.lang);
              assert.equal(resp.status(), 200);
              assert.equal(pathOf(page.url()), pathOf(r.key), `switching back from ${other.href} landed on ${page.url()}`);
              assert.equal(await page.locator('html').getAttribute('lang'), r.langs.lang);
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
