// Service requests end to end: the two-step form with a photo, with
// JavaScript on and off, in both languages; errors keep what was typed;
// every page of the flow is axe-clean.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { enableAxe, formatViolations, newContext, runAxe } from '../browser.mjs';
import { fx } from '../fixture.mjs';

// A 1×1 PNG, written once for the file input.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

const TEXT = {
  en: { size: 'Bigger than a car tyre', cont: 'Continue', send: 'Send request', received: 'Request received', problem: 'There is a problem' },
  es: { size: 'Más grande que una rueda de coche', cont: 'Continuar', send: 'Enviar la solicitud', received: 'Solicitud recibida', problem: 'Hay un problema' },
};

// axe needs script, so it runs in the JavaScript-on flows, which use the
// axe context (the site's CSP would refuse the injected script).
async function axeClean(page, what) {
  if (!page.context()._axe) return;
  const v = await runAxe(page);
  assert.deepEqual(v, [], `axe violations on ${what}:\n${formatViolations(page.url(), v)}`);
}

export function requestChecks() {
  describe('service requests', () => {
    const photo = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'th-photo-')), 'hole.png');
    fs.writeFileSync(photo, PNG);

    for (const [lang, js] of [['en', false], ['es', true], ['en', true], ['es', false]]) {
      it(`${lang}, JavaScript ${js ? 'on (and axe on every step)' : 'off'}: report a pothole with a photo`, async () => {
        const ctx = js ? fx.axeDesktop : fx.noJs;
        ctx._axe = js;
        const page = await ctx.newPage();
        const tx = TEXT[lang];
        try {
          await page.goto(`${fx.base}/${lang}/services/pothole/request`);
          await axeClean(page, `${lang} request form, step 1`);
          await page.locator('#f-description').fill('Deep hole by the mailbox');
          await page.locator('#f-address').fill('31 Mill Street');
          await page.getByLabel(tx.size).check();
          await page.locator('#f-contact-email').fill(`browser-${lang}-${js}@example.com`);
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: tx.cont }).click()]);
          await axeClean(page, `${lang} request form, step 2`);
          assert.ok(await page.getByText('Deep hole by the mailbox').isVisible(), 'step 2 shows what was typed');
          await page.locator('#f-photos').setInputFiles(photo);
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: tx.send }).click()]);
          assert.equal(await page.locator('h1').textContent(), tx.received);
          const number = (await page.locator('.big-number').textContent()).trim();
          assert.match(number, /^\d{4}-\d{4}$/);
          assert.equal(await page.locator('.photos img').count(), 1, 'the photo is shown to the reporter');
          assert.ok(await page.locator('.photos img').evaluate((img) => img.complete && img.naturalWidth > 0), 'the photo loads for the reporter');
          await axeClean(page, `${lang} confirmation`);
          const track = await page.goto(`${fx.base}/${lang}/requests/${number}`);
          assert.equal(track.status(), 200);
          assert.equal(await page.getByText(`browser-${lang}-${js}@example.com`).count(), 0, 'the public page shows no email address');
          const body = await page.locator('main').textContent();
          assert.ok(body.includes('Mill Street') && !body.includes('31 Mill Street'), 'the public page shows the street, not the house number');
          await axeClean(page, `${lang} tracking page`);
        } finally {
          await page.close();
        }
      });
    }

    for (const js of [false, true]) {
      it(`the home address is a one-click choice, never filled in unasked (JavaScript ${js ? 'on, axe' : 'off'})`, async () => {
        const ctx = await newContext(fx.browser, js ? { bypassCSP: true } : { javaScriptEnabled: false });
        if (js) await enableAxe(ctx);
        const page = await ctx.newPage();
        try {
          const m = fx.server.output().match(/Demo resident:\s+(\S+)\s+password:\s+(\S+)/);
          assert.ok(m, 'the server printed the demo resident');
          await page.goto(`${fx.base}/en/signin`);
          await page.locator('#f-email').fill(m[1]);
          await page.locator('#f-password').fill(m[2]);
          await Promise.all([page.waitForNavigation(), page.locator('form[action$="/signin"] button[type=submit]').click()]);
          await page.goto(`${fx.base}/en/services/streetlight/request`);
          assert.equal(await page.locator('#f-address').inputValue(), '', 'Where? starts empty');
          if (js) {
            const v = await runAxe(page);
            assert.deepEqual(v, [], `axe violations on the form with the home-address button:\n${formatViolations(page.url(), v)}`);
          }
          await page.locator('#f-description').fill('Light out near the school');
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Use my home address' }).click()]);
          assert.equal(await page.locator('#f-address').inputValue(), '31 Mill Street, Alder Creek');
          assert.equal(await page.locator('#f-description').inputValue(), 'Light out near the school');
        } finally {
          await ctx.close();
        }
      });
    }

    for (const lang of ['en', 'es']) {
      it(`${lang}: a form with errors shows them and keeps what was typed`, async () => {
        const page = await fx.noJs.newPage();
        try {
          await page.goto(`${fx.base}/${lang}/services/pothole/request`);
          await page.locator('#f-description').fill('Words I typed');
          await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: TEXT[lang].cont }).click()]);
          assert.ok(await page.locator('.error-summary').isVisible(), 'error summary shown');
          assert.equal(await page.locator('.error-summary h2').textContent(), TEXT[lang].problem);
          assert.equal(await page.locator('#f-description').inputValue(), 'Words I typed');
        } finally {
          await page.close();
        }
      });
    }
  });
}
