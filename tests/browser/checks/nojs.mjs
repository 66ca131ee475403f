// 2. Without JavaScript: every page renders, and search works from the home page.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fx, LANGS, okPages, SEARCH_WORD } from '../fixture.mjs';

const GIBBERISH = 'qzxvkwjpfh';

async function searchFromHome(page, lang, words) {
  await page.goto(`${fx.base}/${lang}/`);
  const box = page.locator('main form[role="search"] input[name="q"]');
  await box.click();
  await box.pressSequentially(words);
  const [resp] = await Promise.all([
    page.waitForNavigation(),
    box.press('Enter'),
  ]);
  return resp;
}

export function noJsChecks() {
  describe('without JavaScript', () => {
    it('every crawled page renders its h1 and main, and its subresources load', async (t) => {
      const page = await fx.noJs.newPage();
      const failures = [];
      page.on('response', (r) => {
        if (r.request().resourceType() !== 'document' && r.status() >= 400) failures.push(`${r.url()} → ${r.status()}`);
      });
      // ERR_ABORTED is a late request (e.g. the icon) cut off by the next navigation.
      page.on('requestfailed', (r) => {
        const why = r.failure()?.errorText || '';
        if (!why.includes('ERR_ABORTED')) failures.push(`${r.url()} → ${why}`);
      });
      try {
        for (const r of okPages()) {
          await t.test(r.key, async () => {
            failures.length = 0;
            const resp = await page.goto(fx.base + r.key);
            assert.equal(resp.status(), 200);
            const got = await page.evaluate(() => ({
              h1: document.querySelector('h1')?.textContent.trim() ?? '',
              main: !!document.querySelector('main#main'),
              mainText: document.querySelector('main#main')?.textContent.trim().length ?? 0,
            }));
            assert.ok(got.main, `${r.key}: no <main id="main">`);
            assert.ok(got.mainText > 0, `${r.key}: <main> is empty`);
            assert.notEqual(got.h1, '', `${r.key}: no h1 text`);
            assert.ok(await page.locator('h1').first().isVisible(), `${r.key}: h1 is not visible`);
            assert.ok(await page.locator('main#main').isVisible(), `${r.key}: main is not visible`);
            assert.deepEqual(failures, [], `${r.key}: subresources failed to load`);
          });
        }
      } finally {
        await page.close();
      }
    });

    for (const lang of LANGS) {
      it(`/${lang}/ home search for "${SEARCH_WORD[lang]}" submits with Enter and finds a ${lang} help article first`, async () => {
        const page = await fx.noJs.newPage();
        try {
          const resp = await searchFromHome(page, lang, SEARCH_WORD[lang]);
          assert.equal(resp.status(), 200);
          const u = new URL(page.url());
          assert.equal(u.pathname, `/${lang}/search`);
          assert.equal(u.searchParams.get('q'), SEARCH_WORD[lang]);
          assert.equal(await page.locator('html').getAttribute('lang'), lang);
          const first = page.locator('main ol.results > li a').first();
          assert.ok(await first.count(), `no results for ${SEARCH_WORD[lang]} on ${page.url()}`);
          const href = new URL(await first.getAttribute('href'), page.url());
          assert.equal(href.origin, new URL(fx.base).origin);
          assert.match(href.pathname, new RegExp(`^/${lang}/help/[^/]+/[^/]+$`),
            `first result ${href.pathname} is not a /${lang}/help/{section}/{slug} article`);
          const [nav] = await Promise.all([page.waitForNavigation(), first.click()]);
          assert.equal(nav.status(), 200, `first result ${href.pathname} answered ${nav.status()}`);
          assert.equal(await page.locator('html').getAttribute('lang'), lang);
          assert.notEqual((await page.locator('main h1').first().textContent()).trim(), '');
        } finally {
          await page.close();
        }
      });

      it(`/${lang}/ search for gibberish shows the no-results block with a link to ask the clerk`, async () => {
        const page = await fx.noJs.newPage();
        try {
          const resp = await searchFromHome(page, lang, GIBBERISH);
          assert.equal(resp.status(), 200);
          assert.equal(new URL(page.url()).pathname, `/${lang}/search`);
          const none = page.locator('main .no-results');
          assert.ok(await none.isVisible(), `no visible .no-results block on ${page.url()}`);
          assert.match(await none.textContent(), new RegExp(GIBBERISH));
          assert.equal(await page.locator('main ol.results').count(), 0, 'results list shown for gibberish');
          const ask = none.locator(`a[href="/${lang}/services/general"]`);
          assert.equal(await ask.count(), 1, `no link to /${lang}/services/general (ask the clerk) in the no-results block`);
          assert.notEqual((await ask.textContent()).trim(), '');
          const [nav] = await Promise.all([page.waitForNavigation(), ask.click()]);
          assert.equal(nav.status(), 200, `ask-the-clerk link answered ${nav.status()}`);
        } finally {
          await page.close();
        }
      });
    }
  });
}
