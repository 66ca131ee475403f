// Bookings and programs on the staff desk in Chromium: the clerk declines
// a pending booking (a note is required, shown beside its field) and
// approves another, all with JavaScript off, and finds it on its day's
// list; opens a session's roster and registers a walk-in under the site's
// rules (a child of the wrong age is refused beside the child's name);
// approves a third booking with the keyboard alone; on the form-question
// editor an unknown type is refused with a translated error and a moved
// question keeps its Spanish text. The bookings page, a roster, the
// notification choice and the question editor are axe-clean in English and
// Spanish at desktop and 320 px and do not scroll sideways.
//
// Runs its own server on the demo town (its pavilion needs approval; its
// youth soccer has an ages 8 to 14 session). The clerk is a superuser made
// with `townhall superuser upsert`; the pending bookings are the demo
// resident's, made through the API, which applies the booking rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inContext, keptRunning, pagesAxeClean, serverAndBrowser } from './suite.mjs';
import { api as call, deskSignIn, makeClerk } from './town.mjs';

const CLERK = { email: 'clerk@bookings.example', password: 'a-long-clerk-password' };
const NOJS = { javaScriptEnabled: false };
const s = { server: null, browser: null, base: '', token: '', held: {}, session: '' };

const api = (method, url, body) => call(s.base, method, url, body, s.token);

const first = async (collection, filter) =>
  (await api('GET', `/api/collections/${collection}/records?filter=${encodeURIComponent(filter)}`)).items[0];

/** The clerk exists; the demo resident asked for the pavilion three times. */
async function setupTown() {
  s.token = await makeClerk(s.server, CLERK);
  const resident = await first('users', "email='resident@aldercreek.example'");
  const pavilion = await first('facilities', "slug='pavilion'");
  s.session = (await first('program_sessions', 'min_age=8')).id;
  const day = new Date();
  day.setUTCHours(15, 0, 0, 0); // 10 or 11 a.m. in Alder Creek
  for (const [i, purpose] of ['Birthday picnic', 'Church supper', 'Book club'].entries()) {
    const starts = new Date(day.getTime() + (30 + i) * 86_400_000);
    const ends = new Date(starts.getTime() + 2 * 3_600_000);
    const r = await api('POST', '/api/collections/reservations/records', {
      facility: pavilion.id, resident: resident.id, status: 'pending', purpose, attendees: 25, fee: 40, language: 'es',
      starts: starts.toISOString().replace('T', ' '), ends: ends.toISOString().replace('T', ' '),
    });
    s.held[purpose] = { id: r.id, day: starts.toISOString().slice(0, 10) };
  }
}

/** The clerk signs in on the desk (sent there from the bookings page) in ctx. */
const signIn = (ctx) => deskSignIn(ctx, s.base, '/en/staff/bookings', CLERK);

/** The list item of a pending booking, found by its purpose. */
const pending = (page, purpose) => page.locator('ol.desk-queue > li').filter({ hasText: purpose });

describe('bookings and programs on the staff desk in Chromium', { timeout: 480_000 }, () => {
  serverAndBrowser(s, setupTown, 'create the clerk and the bookings');

  pagesAxeClean(s, 'bookings page and roster', signIn, () => ['/en/staff/bookings', '/es/staff/bookings', `/en/staff/sessions/${s.session}`,
    `/es/staff/sessions/${s.session}`, '/en/staff/notifications', '/es/staff/notifications',
    '/en/staff/questions?service=pothole', '/es/staff/questions?service=pothole']);

  it('the clerk declines one booking with a note and approves another, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      const picnic = s.held['Birthday picnic'];
      await Promise.all([page.waitForNavigation(), pending(page, 'Birthday picnic').getByRole('button', { name: 'Decline' }).click()]);
      const error = page.locator(`#f-note-${picnic.id}-error`);
      assert.match(await error.innerText(), /Write a note to the resident saying why/);
      await page.locator(`#f-note-${picnic.id}`).fill('El pabellón está cerrado por obras ese día.');
      await Promise.all([page.waitForNavigation(), pending(page, 'Birthday picnic').getByRole('button', { name: 'Decline' }).click()]);
      await page.getByText('The booking was declined; the resident is told by email.').waitFor();
      assert.equal(await pending(page, 'Birthday picnic').count(), 0);

      await Promise.all([page.waitForNavigation(), pending(page, 'Church supper').getByRole('button', { name: 'Approve' }).click()]);
      await page.getByText('The booking was approved; the resident is told by email.').waitFor();
      await page.getByLabel('Day', { exact: true }).fill(s.held['Church supper'].day);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Show this day' }).click()]);
      const day = await page.locator('main').innerText();
      assert.match(day, /Church supper/);
      assert.match(day, /Confirmed/);

      const mail = await first('outbox', `dedupe_key='reservation:${picnic.id}:declined'`);
      assert.equal(mail.language, 'es');
      assert.match(mail.text, /El pabellón está cerrado por obras ese día\./);
    });
  });

  it('the clerk registers a walk-in on a roster, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /ages 8 to 14/ }).click()]);
      assert.equal(new URL(page.url()).pathname, `/en/staff/sessions/${s.session}`);
      await page.getByText('Nobody is registered yet.').waitFor();
      const session = await first('program_sessions', `id='${s.session}'`);
      const firstDay = new Date(session.first_day.replace(' ', 'T'));
      const born = (years) => `${firstDay.getUTCFullYear() - years}-01-15`;
      await page.getByLabel("Child's name").fill('Leo Ruiz');
      await page.getByLabel("Child's date of birth").fill(born(5));
      await page.getByLabel("Parent's email").fill('ana@example.com');
      await page.getByLabel("Parent's name").fill('Ana Ruiz');
      await page.locator('#f-language').selectOption('es');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Register', exact: true }).click()]);
      assert.match(await page.locator('#f-new-name-error').innerText(), /Leo Ruiz is not the right age for this session \(8 to 14\)/);
      assert.equal(await page.getByLabel("Parent's email").inputValue(), 'ana@example.com'); // nothing typed is lost
      await page.getByLabel("Child's date of birth").fill(born(10));
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Register', exact: true }).click()]);
      await page.getByText('Registered: a place is theirs.').waitFor();
      const roster = await page.locator('#desk-roster + ol').innerText();
      assert.match(roster, /Leo Ruiz/);
      assert.match(roster, /ana@example\.com/);
      const reg = await first('registrations', `session='${s.session}'`);
      assert.equal(reg.fee, 40);
    });
  });

  it('the clerk approves a booking with the keyboard alone', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      const club = s.held['Book club'];
      const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || '');
      let steps = 0;
      while ((await focused()) !== `f-note-${club.id}`) {
        assert.ok(++steps < 80, 'Tab never reached the note of the Book club booking');
        await page.keyboard.press('Tab');
      }
      await page.keyboard.type('Las llaves están en la recepción.');
      await page.keyboard.press('Tab');
      assert.equal(await focused(), 'Approve');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      await page.getByText('The booking was approved; the resident is told by email.').waitFor();
      const r = await first('reservations', `id='${club.id}'`);
      assert.equal(r.status, 'approved');
      assert.equal(r.decision_note, 'Las llaves están en la recepción.');
    });
  });

  it('the question editor refuses an unknown type with a translated error', async () => {
    // A crafted post: the page offers only the six types, so the test adds one.
    await inContext(s.browser, {}, async (ctx) => {
      const page = await signIn(ctx);
      await page.goto(`${s.base}/es/staff/questions?service=pothole`);
      await page.evaluate(() => {
        const select = document.querySelector('#f-q-0-datatype');
        select.add(new Option('dropdown', 'dropdown', true, true));
      });
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Guardar las preguntas' }).first().click()]);
      assert.match(await page.locator('#f-q-0-datatype-error').innerText(), /«dropdown» no es un tipo de pregunta/);
      await page.locator('.error-summary').getByText(/«dropdown»/).waitFor();
      const svc = await first('services', "code='pothole'");
      assert.equal(svc.fields.find((q) => q.code === 'size').datatype, 'singlevaluelist');
    });
  });

  it('the clerk moves a question down and its Spanish text stays, JavaScript off', async () => {
    await inContext(s.browser, NOJS, async (ctx) => {
      const page = await signIn(ctx);
      await page.goto(`${s.base}/es/staff/questions?service=pothole`);
      assert.equal(await page.locator('#f-q-0-description-es').inputValue(), '¿De qué tamaño es?');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Bajar (Pregunta 1)' }).click()]);
      await page.getByText('Se movió la pregunta y se guardaron las preguntas.').waitFor();
      assert.equal(await page.locator('#f-q-0-description-es').inputValue(), '¿En qué carril o lado de la calle?');
      assert.equal(await page.locator('#f-q-1-description-es').inputValue(), '¿De qué tamaño es?');
      assert.equal(await page.locator('#f-q-1-description-en').inputValue(), 'How big is it?');
      const svc = await first('services', "code='pothole'");
      assert.deepEqual(svc.fields.map((q) => q.code), ['lane', 'size']);
    });
  });

  keptRunning(s);
});
