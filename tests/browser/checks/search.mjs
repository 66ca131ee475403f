// 9. Search forgives mistakes, with JavaScript off: a typo offers the word
// the site knows, and a word of the other language finds its pages there;
// both result pages are axe-clean.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatViolations, runAxe } from '../browser.mjs';
import { fx } from '../fixture.mjs';

async function search(page, lang, words) {
  await page.goto(`${fx.base}/${lang}/search`);
  await page.locator('#search-q').fill(words);
  await Promise.all([page.waitForNavigation(), page.locator('form.big-search button[type=submit]').click()]);
}

export function searchChecks() {
  describe('search forgives mistakes', () => {
    it('"recyling" offers "recycling", and "basura" on the English site shows the Spanish pages (no JavaScript)', async () => {
      const page = await fx.noJs.newPage();
      try {
        await search(page, 'en', 'recyling');
        const fix = page.locator('.did-you-mean a');
        assert.equal((await fix.textContent()).trim(), 'recycling');
        await Promise.all([page.waitForNavigation(), fix.click()]);
        assert.ok(await page.locator('ol.results li').count() > 0, 'the corrected search found nothing');
        await search(page, 'en', 'basura');
        const other = page.locator('ol.results[lang="es"] a[hreflang="es"]');
        assert.ok(await other.count() > 0, 'no Spanish results for "basura" on the English site');
        assert.match(await other.first().getAttribute('href'), /^\/es\/(help|services)\//);
      } finally {
        await page.close();
      }
      const axePage = await fx.axeDesktop.newPage();
      try {
        for (const path of ['/en/search?q=recyling', '/en/search?q=basura', '/es/search?q=reciclje']) {
          await axePage.goto(fx.base + path);
          const v = await runAxe(axePage);
          assert.equal(v.length, 0, `${path}: ${v.length} axe rule(s) violated:\n${formatViolations(path, v)}`);
        }
      } finally {
        await axePage.close();
      }
    });
  });
}
