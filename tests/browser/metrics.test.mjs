// Figures in Chromium: the desk's metrics page (server-drawn SVG charts with
// their tables) and the public performance page are axe-clean in English
// and Spanish at desktop and 320-px width with no sideways scroll; the
// "is it fixed?" link from the resolved email leads to a one-button page
// that, with JavaScript off, reopens the request with what is still wrong.
//
// Runs its own server. The clerk is a superuser made with
// `townhall superuser upsert`; the request is entered and resolved through
// the API, which applies the same rules and queues the same email.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inContext, keptRunning, pagesAxeClean, serverAndBrowser } from './suite.mjs';
import { api as call, deskSignIn, makeClerk } from './town.mjs';

const CLERK = { email: 'clerk@metrics.example', password: 'a-long-clerk-password' };
const NOJS = { javaScriptEnabled: false };
const s = { server: null, browser: null, base: '', number: '', token: '', id: '' };

const api = (method, url, body) => call(s.base, method, url, body, s.token);

/** The clerk exists; a resident phoned in a pothole, which was resolved. */
async function setupTown() {
  s.token = await makeClerk(s.server, CLERK);
  const svc = await api('GET', `/api/collections/services/records?filter=${encodeURIComponent("code='pothole'")}`);
  const req = await api('POST', '/api/collections/requests/records', {
    service: svc.items[0].id, channel: 'phone', description: 'Deep pothole by the school crossing',
    address: '40 Mill Street', location: { lon: -72.5, lat: 44.2 }, answers: { size: 'large' },
    contact_name: 'Lucía Gómez', contact_email: 'lucia@example.com', language: 'en',
  });
  s.number = req.number;
  s.id = req.id;
  await api('PATCH', `/api/collections/requests/records/${req.id}`, { status: 'resolved' });
}

/** The "No, it isn't" link of the resolved email, as the resident gets it. */
async function noLink() {
  const mail = await api('GET', `/api/collections/outbox/records?filter=${encodeURIComponent("to='lucia@example.com'")}&sort=-created`);
  for (const m of mail.items) {
    const link = m.text.match(/https?:\/\/\S+\/fixed\?answer=no&key=[0-9a-f]+/);
    if (link) return new URL(link[0]).pathname + new URL(link[0]).search;
  }
  assert.fail(`no "is it fixed?" link in the emails:\n${mail.items.map((m) => m.text).join('\n---\n')}`);
}

/** The clerk signs in on the desk (sent there from the metrics page) in ctx. */
const signIn = (ctx) => deskSignIn(ctx, s.base, '/en/staff/metrics', CLERK);

describe('figures in Chromium', { timeout: 480_000 }, () => {
  serverAndBrowser(s, setupTown, 'create the clerk and a resolved request');

  pagesAxeClean(s, 'metrics, performance and "is it fixed?" pages', signIn, async () => ['/en/staff/metrics', '/es/staff/metrics?period=this_year',
    ['/en/staff/metrics?period=custom&from=x', 422], '/en/performance', '/es/performance', await noLink()]);

  it('the metrics page counts the request and draws its charts without JavaScript', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      await page.getByLabel('Period', { exact: true }).selectOption('this_year');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show' }).click()]);
      assert.ok(await page.locator('svg.chart').count() >= 4, 'charts drawn');
      // The demo town's own requests count too: as many as the API lists
      // since the town's (Alder Creek, UTC-5 in January) new year.
      const year = `created >= '${new Date().getUTCFullYear()}-01-01 05:00:00'`;
      const total = async (f) => (await api('GET', `/api/collections/requests/records?perPage=1&filter=${encodeURIComponent(f)}`)).totalItems;
      const [all, phoned] = [await total(year), await total(`${year} && channel = 'phone'`)];
      assert.ok(phoned >= 1, 'the phoned-in pothole is counted');
      const received = await page.locator('.metric-card', { hasText: 'Received' }).first().innerText();
      assert.match(received, new RegExp(`\\b${all}\\b`));
      assert.match(await page.getByRole('table', { name: 'Received by channel' }).innerText(), new RegExp(`Phone\\s+${phoned}\\b`));
    });
  });

  it('"No, it isn\'t" reopens the request with what is still wrong, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await ctx.newPage();
      await page.goto(`${s.base}${await noLink()}`);
      const before = await api('GET', `/api/collections/requests/records/${s.id}`);
      assert.equal(before.satisfaction, '', 'opening the link answered');
      await page.getByLabel('What is still wrong?').fill('The hole opened again after the rain.');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: "No, it isn't fixed" }).click()]);
      await page.getByText('We have your answer: it is not fixed.').waitFor();
      await page.getByText('The request is open again').waitFor();
      const got = await api('GET', `/api/collections/requests/records/${s.id}`);
      assert.equal(got.satisfaction, 'no');
      assert.equal(got.status, 'new');
    });
  });

  keptRunning(s);
});
