// The staff desk in Chromium: the clerk signs in with the dashboard email
// and password, opens a request from the queue and resolves it with a
// Spanish reply template, enters a phone call whose missing answer is shown
// beside its question, and assigns three requests at once, all with
// JavaScript off; axe finds nothing on the queue, the request screen and
// the phone entry at desktop and 320-px mobile width, and none scrolls
// sideways.
//
// Runs its own server. The clerk is a superuser made with
// `townhall superuser upsert`; the request is a phone call the clerk enters
// through the API, which applies the same rules as every channel.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inContext, keptRunning, pagesAxeClean, serverAndBrowser } from './suite.mjs';
import { api as call, deskSignIn, makeClerk } from './town.mjs';

const CLERK = { email: 'clerk@desk.example', password: 'a-long-clerk-password' };
const NOJS = { javaScriptEnabled: false };
const s = { server: null, browser: null, base: '', number: '', bulk: [], sam: '', token: '' };

const api = (method, url, body, token) => call(s.base, method, url, body, token);

/** The clerk exists as a superuser; a resident phoned in a pothole. */
async function setupTown() {
  const token = await makeClerk(s.server, CLERK);
  const svc = await api('GET', `/api/collections/services/records?filter=${encodeURIComponent("code='pothole'")}`, null, token);
  const req = await api('POST', '/api/collections/requests/records', {
    service: svc.items[0].id, channel: 'phone', description: 'Deep pothole by the school crossing',
    address: '40 Mill Street', location: { lon: -72.5, lat: 44.2 }, answers: { size: 'large' },
    contact_name: 'Lucía Gómez', contact_email: 'lucia@example.com', contact_phone: '555-0199', language: 'es',
  }, token);
  s.number = req.number;
  s.token = token;
  // A reply template in both languages that goes with "resolved".
  await api('POST', '/api/collections/response_templates/records', {
    name: 'Pothole filled', service: svc.items[0].id, status: 'resolved',
    text_en: 'Request {number}: we filled the pothole.', text_es: 'Solicitud {number}: rellenamos el bache. ¡Gracias!',
  }, token);
  // A staff member of the service's department, and three more requests.
  const sam = await api('POST', '/api/collections/users/records', {
    email: 'sam@desk.example', password: 'a-long-staff-password', passwordConfirm: 'a-long-staff-password',
    name: 'Sam Rivera', role: 'staff', department: svc.items[0].department, verified: true,
  }, token);
  s.sam = sam.id;
  for (const n of [1, 2, 3]) {
    const r = await api('POST', '/api/collections/requests/records', {
      service: svc.items[0].id, channel: 'phone', description: `Pothole number ${n}`,
      address: `${n} Elm Street`, answers: { size: 'small' },
    }, token);
    s.bulk.push(r.number);
  }
}

/** The clerk signs in on the desk (sent there from the queue) in ctx. */
const signIn = (ctx) => deskSignIn(ctx, s.base, '/en/staff', CLERK);

describe('staff desk in Chromium', { timeout: 480_000 }, () => {
  serverAndBrowser(s, setupTown, 'create the clerk and a request');

  pagesAxeClean(s, 'queue and request screen', signIn, () => ['/en/staff', `/en/staff/requests/${s.number}`, '/es/staff', `/es/staff/requests/${s.number}`,
    '/en/staff/new?service=pothole', '/es/staff/new?service=pothole']);

  it('the clerk resolves a request with a Spanish template reply, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      await page.getByRole('link', { name: 'Unassigned' }).click();
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: new RegExp(s.number) }).click()]);
      assert.equal(new URL(page.url()).pathname, `/en/staff/requests/${s.number}`);
      await page.getByText('Bigger than a car tyre').waitFor(); // the answer under its question
      await page.getByText('Lucía Gómez').waitFor();
      await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Pothole filled' });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Use this template' }).click()]);
      await page.getByText('is filled in below, in Español').waitFor();
      assert.equal(await page.getByLabel('New status').inputValue(), 'resolved');
      assert.equal(await page.getByLabel('Note to the resident').inputValue(), `Solicitud ${s.number}: rellenamos el bache. ¡Gracias!`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Change status' }).click()]);
      await page.getByText('The status was changed.').waitFor();
      const timeline = await page.locator('.timeline').innerText();
      assert.match(timeline, /Status changed: Resolved/);
      assert.match(timeline, /rellenamos el bache\. ¡Gracias!/);
      assert.match(timeline, /To lucia@example\.com: Novedades de la solicitud/);
    });
  });

  it('a phone entry missing a required answer shows the error beside the field, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'New phone or walk-in request' }).click()]);
      await page.getByLabel('Service', { exact: true }).selectOption('pothole');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show its form' }).click()]);
      await page.locator('#f-description').fill('A pothole by the library');
      await page.locator('#f-address').fill('9 Library Lane');
      await page.locator('#f-contact-email').fill('caller@example.com');
      await page.locator('#f-language').selectOption('es');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'File the request' }).click()]);
      const error = page.locator('#f-attr-size #f-attr-size-error');
      assert.match(await error.innerText(), /Answer “How big is it\?”/); // the question in the page's language, not the caller's
      assert.equal(await page.locator('#f-contact-email').inputValue(), 'caller@example.com'); // nothing typed is lost
      await page.getByLabel('Bigger than a car tyre').check();
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'File the request' }).click()]);
      await page.getByText('The request was filed.').waitFor();
      assert.match(await page.locator('.timeline').innerText(), /To caller@example\.com: /);
    });
  });

  it('the clerk assigns three requests at once from the queue, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      for (const n of s.bulk) await page.getByLabel(`Choose ${n}`).check();
      await page.getByLabel('Assign them').check();
      await page.locator('#f-bulk-assignee').selectOption({ label: 'Sam Rivera' });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Apply to the chosen requests' }).click()]);
      await page.getByText('The chosen requests were changed.').waitFor();
      for (const n of s.bulk) {
        const list = await api('GET', `/api/collections/requests/records?filter=${encodeURIComponent(`number='${n}'`)}`, null, s.token);
        assert.equal(list.items[0].assignee, s.sam, `${n} assigned`);
      }
      assert.equal((await page.getByText('Assigned to Sam Rivera').all()).length, 3);
    });
  });

  keptRunning(s);
});
