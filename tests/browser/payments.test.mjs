// Paying online in Chromium, against stripe-mock (Stripe's own API mock):
// the demo resident's booking shows "Pay $40 now", which sends the browser
// to the Checkout address Stripe (the mock) gave; the test stops it there
// and never loads Stripe's page. A webhook signed with the test secret marks
// it paid; the receipt page, the booking and the clerk's desk payments page
// say so. The reservation, receipt and desk pages are axe-clean at desktop
// and 320-px widths and do not scroll sideways. JavaScript off for paying.
//
// Runs its own server and its own stripe-mock on loopback; without
// stripe-mock the file is skipped, except in CI (CI=true), where it fails.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { enableAxe } from './browser.mjs';
import { withTimeout } from './crawl.mjs';
import { VIEWPORTS, checkPages, inContext, keptRunning, serverAndBrowser } from './suite.mjs';
import { demoResident, api as townApi, fillSignIn, makeClerk, siteSignIn } from './town.mjs';

const CLERK = { email: 'clerk@pay.example', password: 'a-long-clerk-password' };
const SECRET = 'whsec_browser_test';
// The Stripe API version stripe-go v82 speaks (its API_VERSION file); an
// event of another release train is refused.
const API_VERSION = '2025-08-27.basil';
const s = { server: null, mock: null, browser: null, base: '', token: '', email: '', password: '', booking: '', payment: '', session: '' };

function stripeMockBinary() {
  const dirs = (process.env.PATH || '').split(path.delimiter);
  if (process.env.GOBIN) dirs.push(process.env.GOBIN);
  for (const p of (process.env.GOPATH || '').split(path.delimiter)) if (p) dirs.push(path.join(p, 'bin'));
  dirs.push(path.join(os.homedir(), 'go', 'bin'));
  return dirs.map((d) => path.join(d, 'stripe-mock')).find((p) => fs.existsSync(p)) || '';
}
const mockBin = stripeMockBinary();
if (!mockBin && process.env.CI === 'true') throw new Error('stripe-mock is not installed: scripts/install-test-deps.sh installs it');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** stripe-mock on a free loopback port, once it answers. */
async function startStripeMock() {
  const port = await freePort();
  const child = spawn(mockBin, ['-http-addr', `127.0.0.1:${port}`], { stdio: 'ignore' });
  process.on('exit', () => child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(`${base}/v1/balance`, { headers: { Authorization: 'Bearer sk_test_browser' } });
      if (res.ok) return { base, stop: () => child.kill('SIGTERM') };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('stripe-mock did not answer within a minute');
}

const api = (method, url, body) => townApi(s.base, method, url, body, s.token);

/** The clerk, the Stripe keys (pointing at the mock) and a $40 booking of the demo resident. */
async function setupTown() {
  Object.assign(s, demoResident(s.server));
  s.token = await makeClerk(s.server, CLERK);
  await api('POST', '/api/collections/payment_settings/records', {
    name: 'Stripe', stripe_secret_key: 'sk_test_browser', webhook_secret: SECRET, stripe_api_base: s.mock.base, currency: 'usd', refund_rule: 'full',
  });
  const users = await api('GET', `/api/collections/users/records?filter=${encodeURIComponent(`email='${s.email}'`)}`);
  const fac = await api('GET', `/api/collections/facilities/records?filter=${encodeURIComponent("slug='pavilion'")}`);
  for (let days = 45; days < 60; days++) {
    const start = new Date(Date.now() + days * 86_400_000);
    start.setUTCHours(15, 0, 0, 0);
    const res = await fetch(`${s.base}/api/collections/reservations/records`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: s.token },
      body: JSON.stringify({ facility: fac.items[0].id, resident: users.items[0].id, starts: start.toISOString(),
        ends: new Date(start.getTime() + 2 * 3_600_000).toISOString(), status: 'approved', fee: 40, purpose: 'Birthday', attendees: 20, language: 'en' }),
    });
    if (res.ok) { s.booking = (await res.json()).id; return; }
  }
  throw new Error('could not book the pavilion for the test');
}

/** A checkout.session.completed event signed with the endpoint secret, as Stripe signs it. */
function signedEvent(session) {
  const payload = JSON.stringify({ id: `evt_${session}`, object: 'event', type: 'checkout.session.completed', api_version: API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object: { id: session, object: 'checkout.session', status: 'complete', payment_status: 'paid', payment_intent: 'pi_browser' } } });
  const t = Math.floor(Date.now() / 1000);
  const sig = crypto.createHmac('sha256', SECRET).update(`${t}.${payload}`).digest('hex');
  return { payload, header: `t=${t},v1=${sig}` };
}

async function residentSignIn(ctx) {
  const page = await ctx.newPage();
  await siteSignIn(page, s.base, s);
  return page;
}

async function clerkSignIn(ctx) {
  const page = await ctx.newPage();
  await page.goto(`${s.base}/en/staff/signin`);
  await fillSignIn(page, CLERK);
  return page;
}

describe('paying online in Chromium', { timeout: 480_000, skip: mockBin ? false : 'stripe-mock is not installed' }, () => {
  before(async () => { s.mock = await withTimeout(startStripeMock(), 70_000, 'start stripe-mock'); }, { timeout: 80_000 });
  after(() => { if (s.mock) s.mock.stop(); });
  serverAndBrowser(s, setupTown, 'set up the keys and a booking');

  it('Pay now goes to the Checkout address Stripe gave, JavaScript off; a signed webhook marks it paid', async () => {
    await inContext(s.browser, { javaScriptEnabled: false }, async (ctx) => {
      // Never reach Stripe: the form post goes to Townhall, whose answer (a
      // redirect to Stripe's page) is kept and not followed.
      let checkout = '';
      await ctx.route('**/en/pay/**', async (route) => {
        const req = route.request();
        const cookie = (await ctx.cookies(s.base)).map((c) => `${c.name}=${c.value}`).join('; ');
        const res = await fetch(req.url(), { method: 'POST', body: req.postData() || '', redirect: 'manual',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: s.base, 'Sec-Fetch-Site': 'same-origin' } });
        checkout = res.status === 303 ? res.headers.get('location') : `status ${res.status}`;
        await route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Stripe Checkout (stand-in)</title>' });
      });
      const page = await residentSignIn(ctx);
      await page.goto(`${s.base}/en/reservations/${s.booking}`);
      await page.getByText('$40 – not paid yet').waitFor();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Pay $40 now' }).click()]);
      assert.match(checkout, /^https:\/\/checkout\.stripe\.com\//, 'Pay sends the browser to Stripe Checkout');
      const list = await api('GET', `/api/collections/payments/records?filter=${encodeURIComponent(`item='${s.booking}'`)}`);
      assert.equal(list.items.length, 1);
      assert.equal(list.items[0].state, 'open');
      s.payment = list.items[0].id;
      s.session = list.items[0].session_id;
      assert.match(s.session, /^cs_/);

      const bad = await fetch(`${s.base}/payments/stripe/webhook`, { method: 'POST', body: signedEvent(s.session).payload, headers: { 'Stripe-Signature': 't=1,v1=00' } });
      assert.equal(bad.status, 400);
      const { payload, header } = signedEvent(s.session);
      const ok = await fetch(`${s.base}/payments/stripe/webhook`, { method: 'POST', body: payload, headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header } });
      assert.equal(ok.status, 200, await ok.text());

      await page.goto(`${s.base}/en/payments/return?session_id=${encodeURIComponent(s.session)}`);
      assert.equal(new URL(page.url()).pathname, `/en/payments/${s.payment}`);
      await page.getByText('Thank you: your payment is recorded.').waitFor();
      await page.goto(`${s.base}/en/reservations/${s.booking}`);
      await page.getByText('$40 – paid').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Pay $40 now' }).count(), 0);
    });
  });

  for (const [label, viewport] of VIEWPORTS) {
    it(`the receipt and the desk's payments page are axe-clean with no sideways scroll (${label})`, async () => {
      assert.ok(s.payment, 'the payment flow ran first');
      await inContext(s.browser, { bypassCSP: true, viewport }, async (ctx) => {
        await enableAxe(ctx);
        const page = await residentSignIn(ctx);
        await checkPages(page, s.base, [`/en/payments/${s.payment}`, `/es/payments/${s.payment}`, `/en/reservations/${s.booking}`, '/en/account/water']);
        const desk = await clerkSignIn(ctx);
        await checkPages(desk, s.base, ['/en/staff/payments', '/es/staff/payments']);
        await desk.goto(`${s.base}/en/staff/payments`);
        assert.match(await desk.locator('.metric-cards').innerText(), /Reservation\s+\$40/);
      });
    });
  }

  keptRunning(s);
});
