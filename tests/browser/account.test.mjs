// My account in Chromium, with JavaScript off: the demo resident changes
// their password, asks to change their email address, and deletes the
// account after a confirmation page. Every account page is axe-clean in
// English and Spanish. Own server and browser (node runs each file in its
// own process); helpers from server.mjs and browser.mjs.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer } from './server.mjs';
import { enableAxe, formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';

const ax = { server: null, browser: null, email: '', password: '' };

async function axeClean(page, what) {
  const v = await runAxe(page);
  assert.deepEqual(v, [], `axe violations on ${what}:\n${formatViolations(page.url(), v)}`);
}

async function signIn(page, base, password) {
  await page.goto(`${base}/en/signin`);
  await page.locator('#f-email').fill(ax.email);
  await page.locator('#f-password').fill(password);
  await submit(page, '/signin');
}

async function submit(page, action) {
  await Promise.all([page.waitForNavigation(), page.locator(`form[action$="${action}"] button[type=submit]`).click()]);
}

describe('my account in Chromium', { timeout: 600_000 }, () => {
  before(async () => {
    ax.server = await startServer({ readyTimeoutMs: 90_000 });
    const m = ax.server.output().match(/Demo resident:\s+(\S+)\s+password:\s+(\S+)/);
    assert.ok(m, `demo resident not printed by the server:\n${ax.server.output().slice(-2000)}`);
    [, ax.email, ax.password] = m;
    ax.browser = await launchBrowser();
  }, { timeout: 180_000 });

  after(async () => {
    if (ax.browser) await ax.browser.close().catch(() => {});
    if (ax.server) await ax.server.stop();
  });

  it('every account page is axe-clean in English and Spanish, and so is a form with an error', async () => {
    // axe is injected as a script, so this runs with JavaScript on; the flow
    // below runs with it off.
    const ctx = await newContext(ax.browser, { bypassCSP: true });
    try {
      await enableAxe(ctx);
      const page = await ctx.newPage();
      const base = ax.server.base;
      await signIn(page, base, ax.password);
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
    } finally {
      await ctx.close();
    }
  });

  it('JavaScript off: change the password, ask for a new email address, delete the account', async () => {
    const ctx = await newContext(ax.browser, { javaScriptEnabled: false });
    try {
      const page = await ctx.newPage();
      const base = ax.server.base;
      await signIn(page, base, ax.password);

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

      await page.goto(`${base}/en/signin`);
      await page.locator('#f-email').fill(ax.email);
      await page.locator('#f-password').fill('a brand new password');
      await submit(page, '/signin');
      assert.match(await page.textContent('.error-summary'), /not right/);
    } finally {
      await ctx.close();
    }
  });

  it('the townhall server stayed up', () => {
    const died = ax.server.unexpectedExit();
    assert.equal(died, null, `townhall exited (${JSON.stringify(died)}); its last output:\n${ax.server.output().slice(-2000)}`);
  });
});
