// The staff desk in Chromium: the clerk signs in with the dashboard email
// and password, opens a request from the queue and resolves it with a
// public note, all with JavaScript off; axe finds nothing on the queue and
// the request screen at desktop and 320-px mobile width, and neither
// scrolls sideways.
//
// Runs its own server. The clerk is a superuser made with
// `townhall superuser upsert`; the request is a phone call the clerk enters
// through the API, which applies the same rules as every channel.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, enableAxe, formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';
import { withTimeout } from './crawl.mjs';
import { repoRoot, startServer } from './server.mjs';

const CLERK = { email: 'clerk@desk.example', password: 'a-long-clerk-password' };
const NARROW = { width: 320, height: 640 };
const s = { server: null, browser: null, base: '', number: '' };

async function api(method, url, body, token) {
  const res = await fetch(`${s.base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  assert.ok(res.ok, `${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

/** The clerk exists as a superuser; a resident phoned in a pothole. */
async function setupTown() {
  const bin = process.env.TOWNHALL_BIN || path.join(repoRoot, 'townhall');
  execFileSync(bin, ['superuser', 'upsert', CLERK.email, CLERK.password, '--dir', s.server.dir], { stdio: 'pipe' });
  const { token } = await api('POST', '/api/collections/_superusers/auth-with-password', { identity: CLERK.email, password: CLERK.password });
  const svc = await api('GET', `/api/collections/services/records?filter=${encodeURIComponent("code='pothole'")}`, null, token);
  const req = await api('POST', '/api/collections/requests/records', {
    service: svc.items[0].id, channel: 'phone', description: 'Deep pothole by the school crossing',
    address: '40 Mill Street', location: { lon: -72.5, lat: 44.2 }, answers: { size: 'large' },
    contact_name: 'Lucía Gómez', contact_email: 'lucia@example.com', contact_phone: '555-0199', language: 'es',
  }, token);
  s.number = req.number;
}

async function signIn(ctx) {
  const page = await ctx.newPage();
  await page.goto(`${s.base}/en/staff`); // sent to the desk's sign-in
  assert.match(page.url(), /\/en\/staff\/signin\?next=/);
  await page.locator('#f-email').fill(CLERK.email);
  await page.locator('#f-password').fill(CLERK.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  assert.equal(new URL(page.url()).pathname, '/en/staff');
  return page;
}

describe('staff desk in Chromium', { timeout: 480_000 }, () => {
  before(async () => {
    s.server = await withTimeout(startServer({ readyTimeoutMs: 120_000 }), 130_000, 'start townhall');
    s.base = s.server.base;
    await withTimeout(setupTown(), 30_000, 'create the clerk and a request');
    s.browser = await withTimeout(launchBrowser(), 120_000, 'launch chromium');
  }, { timeout: 300_000 });

  after(async () => {
    if (s.browser) await withTimeout(s.browser.close(), 15_000, 'closing chromium').catch(() => {});
    if (s.server) await s.server.stop();
  });

  for (const [label, viewport] of [['desktop', DESKTOP], ['320 px', NARROW]]) {
    it(`queue and request screen are axe-clean with no sideways scroll (${label})`, async () => {
      const ctx = await newContext(s.browser, { bypassCSP: true, viewport });
      try {
        await enableAxe(ctx);
        const page = await signIn(ctx);
        for (const url of ['/en/staff', `/en/staff/requests/${s.number}`, '/es/staff', `/es/staff/requests/${s.number}`]) {
          const res = await page.goto(`${s.base}${url}`);
          assert.equal(res.status(), 200, url);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px`);
          const v = await runAxe(page);
          assert.deepEqual(v, [], `axe violations on ${url}:\n${formatViolations(page.url(), v)}`);
        }
      } finally {
        await ctx.close();
      }
    });
  }

  it('the clerk resolves a request with a public note, JavaScript off', async () => {
    const ctx = await newContext(s.browser, { javaScriptEnabled: false });
    try {
      const page = await signIn(ctx);
      await page.getByRole('link', { name: 'Unassigned' }).click();
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: new RegExp(s.number) }).click()]);
      assert.equal(new URL(page.url()).pathname, `/en/staff/requests/${s.number}`);
      await page.getByText('Bigger than a car tyre').waitFor(); // the answer under its question
      await page.getByText('Lucía Gómez').waitFor();
      await page.getByLabel('New status').selectOption('resolved');
      await page.getByLabel('Note to the resident').fill('We filled it this morning. Thank you!');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Change status' }).click()]);
      await page.getByText('The status was changed.').waitFor();
      const timeline = await page.locator('.timeline').innerText();
      assert.match(timeline, /Status changed: Resolved/);
      assert.match(timeline, /We filled it this morning\. Thank you!/);
      assert.match(timeline, /To lucia@example\.com: Novedades de la solicitud/);
    } finally {
      await ctx.close();
    }
  });

  it('kept running', () => {
    assert.equal(s.server.unexpectedExit(), null, `townhall exited during the suite:\n${s.server.output()}`);
  });
});
