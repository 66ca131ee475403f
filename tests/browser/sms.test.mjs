// Texts and answers in Chromium: the Ask page answers a question word for
// word from a help page and, with JavaScript off, passes an unanswered one
// to the clerk; the demo resident confirms a mobile number with the code
// texted to it (read from the outbox as the clerk would). Both pages are
// axe-clean and do not scroll sideways at 320 px, in English and Spanish.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { enableAxe } from './browser.mjs';
import { VIEWPORTS, axeClean, inContext, keptRunning, serverAndBrowser } from './suite.mjs';
import { api, demoResident, makeClerk, siteSignIn } from './town.mjs';

const NOJS = { javaScriptEnabled: false };
const ax = { server: null, browser: null, base: '', email: '', password: '', token: '' };

async function submit(page, action) {
  await Promise.all([page.waitForNavigation(), page.locator(`form[action$="${action}"] button[type=submit]`).click()]);
}

/** The demo resident exists (the server printed them); so does a clerk, whose API token reads the outbox. */
async function setupTown() {
  Object.assign(ax, demoResident(ax.server));
  ax.token = await makeClerk(ax.server, { email: 'clerk-sms@aldercreek.example', password: 'clerk password for texts' });
}

/** Checks page at both widths: axe-clean and nothing wider than the window. */
async function clean(page, url, what) {
  for (const [label, viewport] of VIEWPORTS) {
    await page.setViewportSize(viewport);
    const res = await page.goto(url);
    assert.equal(res.status(), 200, `${what} (${label})`);
    await axeClean(page, `${what} (${label})`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow}px at ${label}`);
  }
}

describe('texts and answers in Chromium', { timeout: 600_000 }, () => {
  serverAndBrowser(ax, setupTown, 'read the demo resident and make the clerk');

  it('the Ask page quotes a help page and, with JavaScript off, asks the clerk', async () => {
    const base = ax.server.base;
    await inContext(ax.browser, { bypassCSP: true }, async (axeCtx) => {
      await enableAxe(axeCtx);
      const page = await axeCtx.newPage();
      await clean(page, `${base}/en/ask?q=${encodeURIComponent('when is trash picked up?')}`, 'the English answer');
      await clean(page, `${base}/es/ask?q=${encodeURIComponent('¿cuándo pasa la basura?')}`, 'the Spanish answer');
      await clean(page, `${base}/en/ask?q=${encodeURIComponent('zzqx wibble')}`, 'no answer');
    });
    await inContext(ax.browser, NOJS, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${base}/en/ask`);
      await page.getByLabel('Your question', { exact: true }).fill('when is trash picked up?');
      await Promise.all([page.waitForNavigation(), page.getByLabel('Your question', { exact: true }).press('Enter')]);
      assert.match(await page.textContent('blockquote'), /collects curbside trash every week/);
      assert.ok(await page.getByRole('link', { name: 'Trash and recycling collection' }).isVisible());
      await page.getByLabel('Your question for the clerk').fill('Is there pickup on the day after Thanksgiving?');
      await page.getByLabel(/Email address/).fill('kim@example.org');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Ask the clerk' }).click()]);
      assert.match(page.url(), /\/en\/requests\/\d{4}-\d{4}\/received/);
    });
  });

  it('the resident confirms a mobile number with the texted code, JavaScript off', async () => {
    const base = ax.server.base;
    await inContext(ax.browser, NOJS, async (ctx) => {
      const page = await ctx.newPage();
      await siteSignIn(page, base, ax);
      await page.goto(`${base}/en/account`);
      await page.locator('#f-sms-number').fill('not a number');
      await submit(page, '/account/phone');
      assert.match(await page.textContent('.error-summary'), /Enter a mobile number/);
      await page.locator('#f-sms-number').fill('(555) 010-0177');
      await submit(page, '/account/phone');
      assert.match(page.url(), /\/en\/account\/phone$/);
      const texts = await api(base, 'GET', `/api/collections/outbox/records?filter=${encodeURIComponent("to='+15550100177'")}`, null, ax.token);
      assert.equal(texts.items.length, 1, 'one code texted');
      assert.equal(texts.items[0].channel, 'sms');
      const code = texts.items[0].text.match(/\b\d{6}\b/)[0];
      await page.locator('#f-code').fill(code);
      await submit(page, '/account/phone/confirm');
      assert.match(await page.textContent('[role=status]'), /Your number is confirmed/);
      assert.ok(await page.getByLabel('Text me updates on my requests').isChecked());
    });
    await inContext(ax.browser, { bypassCSP: true }, async (axeCtx) => {
      await enableAxe(axeCtx);
      const page = await axeCtx.newPage();
      await siteSignIn(page, base, ax);
      await page.goto(`${base}/en/account`);
      await page.locator('#f-sms-number').fill('(555) 010-0188');
      await submit(page, '/account/phone');
      await clean(page, `${base}/en/account/phone`, 'the code page');
      await clean(page, `${base}/es/account`, 'the account with texts');
    });
  });

  keptRunning(ax);
});
