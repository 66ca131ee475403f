// Booking end to end in Chromium: the demo resident books the pavilion with
// JavaScript off and on, in both languages; a bad booking shows its reasons
// and keeps what was typed; the booking, program and calendar pages have no
// axe violations. Its own server and browser (node runs each test file in
// its own process).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enableAxe } from './browser.mjs';
import { message } from './fixture.mjs';
import { axeClean, inContext, serverAndBrowser } from './suite.mjs';
import { demoResident, siteSignIn } from './town.mjs';

const bx = { server: null, browser: null, base: '', email: '', password: '' };

/** A date n days from today, as the form wants it. */
function dayAhead(n) {
  const d = new Date(Date.now() + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Opens the pavilion's day table from the first day at least n days ahead with 10:00 free. */
async function openFreeDay(page, lang, n) {
  for (let i = 0; i < 7; i++) {
    const date = dayAhead(n + i);
    await page.goto(`${bx.server.base}/${lang}/book/pavilion?day=${date}`);
    const link = page.locator('a[href*="start=10%3A00"]');
    if (await link.count() > 0) return { date, link: link.first() };
  }
  throw new Error(`no free 10:00 at the pavilion from ${n} days ahead`);
}

describe('booking in Chromium', { timeout: 480_000 }, () => {
  serverAndBrowser(bx, async () => Object.assign(bx, demoResident(bx.server)), 'read the demo resident');

  const runs = [['en', false, 20], ['es', true, 30], ['en', true, 40], ['es', false, 50]];
  for (const [lang, js, offset] of runs) {
    it(`${lang}, JavaScript ${js ? 'on (axe on every page)' : 'off'}: book the pavilion`, async () => {
      await inContext(bx.browser, js ? { bypassCSP: true } : { javaScriptEnabled: false }, async (ctx) => {
        if (js) await enableAxe(ctx);
        const check = js ? axeClean : async () => {};
        const page = await ctx.newPage();
        await siteSignIn(page, bx.base, bx, lang);
        // The account page says that signing out signs out every device.
        await page.goto(`${bx.server.base}/${lang}/account`);
        assert.ok(await page.getByRole('button', { name: message(lang, 'account.signout.button') }).isVisible());
        await check(page, `${lang} account page`);
        await page.goto(`${bx.server.base}/${lang}/book`);
        assert.equal(await page.locator('h1').textContent(), message(lang, 'booking.index.title'));
        await check(page, `${lang} booking index`);
        await Promise.all([page.waitForNavigation(), page.locator(`a[href="/${lang}/book/pavilion"]`).first().click()]);
        assert.ok(await page.locator('table.availability caption').isVisible(), 'the week table has a caption');
        await check(page, `${lang} pavilion week`);
        const { date, link } = await openFreeDay(page, lang, offset);
        await check(page, `${lang} pavilion day`);
        await Promise.all([page.waitForNavigation(), link.click()]);
        assert.equal(await page.locator('#f-date').inputValue(), date);
        assert.equal(await page.locator('#f-start').inputValue(), '10:00');
        await check(page, `${lang} booking form`);

        // Outside the opening hours: the reasons, and what was typed, stay.
        await page.locator('#f-start').fill('19:00');
        await page.locator('#f-end').fill('21:00');
        await page.locator('#f-purpose').fill(`Graduation ${lang} ${js}`);
        await page.locator('#f-attendees').fill('45');
        await Promise.all([page.waitForNavigation(), page.locator('form[action$="/reserve"] button[type=submit]').click()]);
        assert.equal(await page.locator('.error-summary h2').textContent(), message(lang, 'form.error_summary'));
        assert.match(await page.locator('.error-summary').textContent(), new RegExp(message(lang, 'booking.error.outside_hours').slice(0, 20)));
        assert.equal(await page.locator('#f-purpose').inputValue(), `Graduation ${lang} ${js}`);
        assert.equal(await page.locator('#f-start').inputValue(), '19:00');
        await check(page, `${lang} booking form with errors`);

        await page.locator('#f-start').fill('10:00');
        await page.locator('#f-end').fill('14:00');
        await Promise.all([page.waitForNavigation(), page.locator('form[action$="/reserve"] button[type=submit]').click()]);
        assert.match(page.url(), new RegExp(`/${lang}/reservations/[a-z0-9]+$`));
        assert.equal(await page.locator('.banner-success').textContent(), message(lang, 'booking.flash.requested'));
        assert.equal(await page.locator('.tag').textContent(), message(lang, 'booking.status.pending'));
        await check(page, `${lang} reservation page`);

        // The same time is now taken for everyone.
        await page.goto(`${bx.server.base}/${lang}/book/pavilion?day=${date}`);
        assert.equal(await page.locator('a[href*="start=10%3A00"]').count(), 0, 'the booked time is no longer offered');

        await page.goto(`${bx.server.base}/${lang}/reservations`);
        assert.ok((await page.locator('main').textContent()).includes(message(lang, 'booking.status.pending')));
        await check(page, `${lang} my bookings`);
        for (const p of ['/programs/youth-soccer', '/calendar']) {
          const resp = await page.goto(`${bx.server.base}/${lang}${p}`);
          assert.equal(resp.status(), 200);
          await check(page, `${lang} ${p}`);
        }
        await Promise.all([page.waitForNavigation(), page.goto(`${bx.server.base}/${lang}/programs/youth-soccer`)]);
        await Promise.all([page.waitForNavigation(), page.locator('a.button[href*="/register?session="]').first().click()]);
        assert.ok(await page.locator('#f-new-name').isVisible());
        await check(page, `${lang} program registration form`);
      });
    });
  }
});
