// Phones: at 320 and 390 pixels no page scrolls sideways and no value is
// squeezed or cut: the crawled pages (a few of each kind), and a report's own
// pages (the check step, the confirmation and the tracking page) with a long
// email address.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newContext } from '../browser.mjs';
import { fx, okPages } from '../fixture.mjs';

const WIDTHS = [320, 390];
const PER_KIND = 3;
const LONG_EMAIL = 'maria-fernanda.gonzalez-rodriguez.de-la-fuente@ayuntamiento-example.org';

/** A few crawled pages of each kind: grouped by their first two path segments and depth. */
function samplePages() {
  const kinds = new Map();
  for (const r of okPages()) {
    const parts = r.key.split('?')[0].split('/');
    const kind = parts.slice(0, 3).join('/') + (parts.length > 3 ? '/*' : '');
    const list = kinds.get(kind) || [];
    if (list.length < PER_KIND) list.push(r.key);
    kinds.set(kind, list);
  }
  return [...kinds.values()].flat();
}

/**
 * What is wrong with the page at this width: sideways scroll, an element that
 * cuts its own text, or a value of a summary list squeezed beside its label.
 */
function layoutProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth) out.push(`scrolls sideways by ${doc.scrollWidth - window.innerWidth} px`);
    for (const el of document.querySelectorAll('main *')) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || el.closest('.visually-hidden')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > window.innerWidth + 1) {
        out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> ends at ${Math.round(r.right)} px: "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    for (const dd of document.querySelectorAll('main dl.summary-list dd')) {
      const dl = dd.closest('dl').getBoundingClientRect();
      const w = dd.getBoundingClientRect().width;
      if (w < dl.width * 0.6) out.push(`summary value "${dd.textContent.trim().slice(0, 30)}" gets ${Math.round(w)} of ${Math.round(dl.width)} px`);
    }
    return [...new Set(out)].slice(0, 8);
  });
}

export function phoneChecks() {
  describe('phones (320 and 390 px)', () => {
    for (const width of WIDTHS) {
      it(`${width} px: no crawled page scrolls sideways or squeezes a value`, async () => {
        const ctx = await newContext(fx.browser, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
        const page = await ctx.newPage();
        const bad = [];
        try {
          for (const key of samplePages()) {
            await page.goto(fx.base + key);
            const problems = await layoutProblems(page);
            if (problems.length) bad.push(`${key}: ${problems.join('; ')}`);
          }
        } finally {
          await ctx.close();
        }
        assert.deepEqual(bad, [], `pages that do not fit ${width} px:\n${bad.join('\n')}`);
      });
    }

    for (const [lang, width] of [['en', 320], ['es', 390]]) {
      it(`${lang}, ${width} px: a report with a long email address fits on every step`, async () => {
        const ctx = await newContext(fx.browser, { viewport: { width, height: 800 }, isMobile: true, hasTouch: true });
        const page = await ctx.newPage();
        try {
          await page.goto(`${fx.base}/${lang}/services/pothole/request`);
          await page.locator('#f-description').fill('Deep hole by the mailbox on the corner');
          await page.locator('#f-address').fill('31 Mill Street');
          await page.locator('input[name="attr.size"]').first().check();
          await page.locator('#f-contact-email').fill(LONG_EMAIL);
          await Promise.all([page.waitForNavigation(), page.locator('button[name=action][value=review]').click()]);
          assert.deepEqual(await layoutProblems(page), [], `the check step (${page.url()})`);
          await Promise.all([page.waitForNavigation(), page.locator('button[name=action][value=submit]').click()]);
          const number = (await page.locator('.big-number').textContent()).trim();
          assert.match(number, /^\d{4}-\d{4}$/, 'the request was received');
          assert.deepEqual(await layoutProblems(page), [], 'the confirmation page');
          const numberLines = await page.locator('.big-number').evaluate((el) => el.getClientRects().length);
          assert.equal(numberLines, 1, 'the request number stays on one line');
          const track = await page.locator(`a[href*="/requests/${number}?key="]`).getAttribute('href');
          await page.goto(fx.base + track);
          assert.deepEqual(await layoutProblems(page), [], `the tracking page (${track})`);
        } finally {
          await ctx.close();
        }
      });
    }
  });
}
