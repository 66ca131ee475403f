// 6. Print: navigation and search are hidden, the article is printed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTICLE, fx, LANGS } from '../fixture.mjs';

/** Whether the element or one of its ancestors has computed display: none. */
const displayNone = (page, selector) => page.evaluate((sel) => {
  const el = document.querySelector(sel);
  if (!el) return null;
  for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true;
  return false;
}, selector);

export function printChecks() {
  describe('print stylesheet', () => {
    for (const lang of LANGS) {
      it(`printing ${ARTICLE[lang]} hides the main nav and search form and keeps the article`, async () => {
        const page = await fx.ctx.newPage();
        try {
          await page.goto(fx.base + ARTICLE[lang]);
          // Sanity: on screen both are shown.
          assert.equal(await displayNone(page, 'nav.main-nav'), false, 'main nav hidden on screen');
          await page.emulateMedia({ media: 'print' });
          assert.equal(await page.evaluate(() => matchMedia('print').matches), true);
          for (const sel of ['nav.main-nav', 'form.header-search']) {
            const hidden = await displayNone(page, sel);
            assert.notEqual(hidden, null, `${sel} not found`);
            assert.equal(hidden, true, `${sel} is not display:none in print`);
          }
          assert.ok(await page.locator('main article h1').isVisible(), 'article h1 not visible in print');
          const prose = page.locator('main article .prose');
          assert.ok(await prose.isVisible(), 'article text (.prose) not visible in print');
          assert.ok((await prose.innerText()).trim().length > 100, 'article text is (nearly) empty in print');
        } finally {
          await page.emulateMedia({ media: 'screen' });
          await page.close();
        }
      });
    }
  });
}
