// My account in Chromium, with JavaScript off: the demo resident changes
// their password, asks to change their email address, and deletes the
// account after a confirmation page. Every account page is axe-clean in
// English and Spanish. Own server and browser (node runs each file in its
// own process); helpers from suite.mjs and town.mjs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enableAxe } from './browser.mjs';
import { axeClean, inContext, keptRunning, serverAndBrowser } from './suite.mjs';
import { demoResident, siteSignIn } from './town.mjs';

const ax = { server: null, browser: null, base: '', email: '', password: '' };

async function submit(page, action) {
  await Promise.all([page.waitForNavigation(), page.locator(`form[action$="${action}"] button[type=submit]`).click()]);
}

describe('my account in Chromium', { timeout: 600_000 }, () => {
  serverAndBrowser(ax, async () => Object.assign(ax, demoResident(ax.server)), 'read the demo resident');

  it('every account page is axe-clean in English and Spanish, and so is a form with an error', async () => {
    // axe is injected as a script, so this runs with JavaScript on; the flow
    // below runs with it off.
    await inContext(ax.browser, { bypassCSP: true }, async (ctx) => {
      await enableAxe(ctx);
      const page = await ctx.newPage();
      const base = ax.server.base;
      await siteSignIn(page, base, ax);
      for (const lang of ['es', 'en']) {
        for (const p of ['/account', '/account/password', '/account/email', '/account/delete']) {
          const res = await page.goto(`${base}/${lang}${p}`);
          assert.equal(res.status(), 200, `${lang}${p}`);
          await axeClean(page, `${lang}${p}`);
        }
      }
      await page.goto(`${base}/en/account/password`);
      await page.locator('#f-current').fill('not my password');
      await page.locator('#f-password').fill('a brand new password');
      await submit(page, '/account/password');
      assert.match(await page.textContent('.error-summary'), /Your current password is not right/);
      await axeClean(page, 'password form with an error');
    });
  });

  it('JavaScript off: change the password, ask for a new email address, delete the account', async () => {
    await inContext(ax.browser, { javaScriptEnabled: false }, async (ctx) => {
      const page = await ctx.newPage();
      const base = ax.server.base;
      await siteSignIn(page, base, ax);

      // A new password, only with the current one.
      await page.goto(`${base}/en/account`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Change my password' }).click()]);
      await page.locator('#f-current').fill('not my password');
      await page.locator('#f-password').fill('a brand new password');
      await submit(page, '/account/password');
      assert.match(await page.textContent('.error-summary'), /Your current password is not right/);
      await page.locator('#f-current').fill(ax.password);
      await page.locator('#f-password').fill('a brand new password');
      await submit(page, '/account/password');
      assert.match(await page.textContent('[role=status]'), /Your new password is saved/);

      // A new email address waits for its link.
      await page.goto(`${base}/en/account/email`);
      await page.locator('#f-email').fill('moved@example.com');
      await page.locator('#f-current').fill('a brand new password');
      await submit(page, '/account/email');
      assert.match(await page.textContent('main'), /moved@example\.com/);

      // Deleting asks first, on its own page.
      await page.goto(`${base}/en/account`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Delete my account' }).click()]);
      assert.match(await page.textContent('main'), /Requests you sent stay with the town/);
      await page.locator('#f-current').fill('a brand new password');
      await submit(page, '/account/delete');
      assert.match(await page.textContent('[role=status]'), /Your account is deleted/);
      assert.ok(await page.getByRole('link', { name: 'Sign in' }).first().isVisible(), 'still signed in after deleting');

      await siteSignIn(page, base, { email: ax.email, password: 'a brand new password' });
      assert.match(await page.textContent('.error-summary'), /not right/);
    });
  });

  keptRunning(ax);
});
