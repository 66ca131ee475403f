// The knowledge-base editor in Chromium: a volunteer with the editor role
// edits a page with JavaScript off (Preview button) and on (live preview,
// under the site's real CSP), publishes, and finds the change on the site
// and in search; axe finds nothing on the editor's pages.
//
// Runs its own server (node runs each test file in its own process). The
// editor account is made the way a clerk would: a superuser (created with
// `townhall superuser upsert`) gives a user the editor role through the API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { enableAxe, formatViolations, launchBrowser, newContext, runAxe } from './browser.mjs';
import { withTimeout } from './crawl.mjs';
import { startServer } from './server.mjs';
import { api as call, fillSignIn, makeClerk } from './town.mjs';

const EDITOR = { email: 'volunteer@editor.example', password: 'a-long-editor-password', name: 'Vera Volunteer' };
const CLERK = { email: 'clerk@editor.example', password: 'a-long-clerk-password' };
const BULK = '/en/help/waste/bulk-item-pickup';
const BULK_ES = '/es/help/waste/recogida-de-objetos-voluminosos';

const s = { server: null, browser: null, base: '', noJs: null, js: null, axe: null };

const api = (method, url, body, token) => call(s.base, method, url, body, token);

/** The clerk makes a superuser, then gives a new user the editor role. */
async function createEditor() {
  const token = await makeClerk(s.server, CLERK);
  await api('POST', '/api/collections/users/records', {
    email: EDITOR.email, password: EDITOR.password, passwordConfirm: EDITOR.password,
    name: EDITOR.name, role: 'editor', verified: true, language: 'en',
  }, token);
}

async function signIn(ctx) {
  const page = await ctx.newPage();
  try {
    await page.goto(`${s.base}/en/signin`);
    await fillSignIn(page, EDITOR);
    const cookies = await ctx.cookies();
    assert.ok(cookies.some((c) => c.name === 'th_session'), 'signed in');
  } finally {
    await page.close();
  }
}

async function axeClean(page, what) {
  const v = await runAxe(page);
  assert.deepEqual(v, [], `axe violations on ${what}:\n${formatViolations(page.url(), v)}`);
}

describe('knowledge-base editor in Chromium', { timeout: 300_000 }, () => {
  before(async () => {
    s.server = await withTimeout(startServer(), 130_000, 'start townhall');
    s.base = s.server.base;
    await withTimeout(createEditor(), 30_000, 'create the editor account');
    s.browser = await withTimeout(launchBrowser(), 120_000, 'launch chromium');
    s.noJs = await newContext(s.browser, { javaScriptEnabled: false });
    s.js = await newContext(s.browser); // the site's CSP enforced
    s.axe = await newContext(s.browser, { bypassCSP: true });
    await enableAxe(s.axe);
    for (const ctx of [s.noJs, s.js, s.axe]) await signIn(ctx);
  }, { timeout: 200_000 });

  after(async () => {
    if (s.browser) await withTimeout(s.browser.close(), 15_000, 'closing chromium').catch(() => {});
    if (s.server) await s.server.stop();
  }, { timeout: 30_000 });

  it('JavaScript off: edit from the article, preview, publish, see it on the site and in search', async () => {
    const page = await s.noJs.newPage();
    try {
      await page.goto(`${s.base}${BULK}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Edit this page' }).click()]);
      assert.match(page.url(), /\/en\/editor\/pages\/[a-z0-9]+$/);
      assert.equal(await page.locator('#preview').isVisible(), false, 'no preview before asking for one');
      const body = page.locator('#f-body');
      await body.fill(`${await body.inputValue()}\n\nThe **quetzal** rule: one sofa per pickup.`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Preview' }).click()]);
      assert.ok(await page.locator('#preview').isVisible(), 'the Preview button shows the preview');
      assert.equal(await page.locator('#preview strong', { hasText: 'quetzal' }).count(), 1);
      assert.match(await page.locator('#f-body').inputValue(), /The \*\*quetzal\*\* rule/, 'the text is kept');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publish', exact: true }).click()]);
      assert.equal(new URL(page.url()).pathname, BULK);
      assert.ok(await page.getByText('one sofa per pickup').isVisible(), 'the change is on the site');

      const visitor = await s.browser.newContext({ javaScriptEnabled: false });
      const v = await visitor.newPage();
      await v.goto(`${s.base}/en/search?q=quetzal`);
      assert.equal(await v.locator(`a[href="${BULK}"]`).count() > 0, true, 'search finds the change at once');
      await visitor.close();
    } finally {
      await page.close();
    }
  });

  it('JavaScript on, real CSP: the preview follows the typing, then publish', async () => {
    const page = await s.js.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    try {
      await page.goto(`${s.base}${BULK_ES}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Editar esta página' }).click()]);
      await page.locator('#f-body').fill('Los sofás se recogen con **ocelote** y _cuidado_.');
      await page.locator('#preview strong', { hasText: 'ocelote' }).waitFor({ timeout: 10_000 });
      assert.ok(await page.locator('#preview').isVisible(), 'the live preview is shown without pressing a button');
      assert.deepEqual(errors, [], 'no script errors (and no CSP violations)');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Publicar', exact: true }).click()]);
      assert.equal(new URL(page.url()).pathname, BULK_ES);
      assert.ok(await page.locator('.prose strong', { hasText: 'ocelote' }).isVisible());
    } finally {
      await page.close();
    }
  });

  it('axe finds nothing on the editor pages', async () => {
    const page = await s.axe.newPage();
    try {
      await page.goto(`${s.base}/en/editor`);
      await axeClean(page, 'the Pages workspace');
      const editLink = page.locator('table a[href^="/en/editor/pages/"]').first();
      const editor = await editLink.getAttribute('href');
      for (const p of [editor, `${editor}/history`, '/en/editor/new', '/es/editor/guide', '/es/editor']) {
        await page.goto(`${s.base}${p}`);
        await axeClean(page, p);
      }
      // After a preview, with an error, and in the history views.
      await page.goto(`${s.base}${editor}`);
      await page.locator('#f-title').fill('');
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
      assert.ok(await page.locator('.error-summary').isVisible());
      await axeClean(page, 'the editor with an error');
      await page.goto(`${s.base}${editor}`);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Preview' }).click()]);
      await axeClean(page, 'the editor with a preview');
      await page.goto(`${s.base}${editor}/history`);
      const rev = await page.locator('a[href*="/revisions/"]').last().getAttribute('href');
      await page.goto(`${s.base}${rev}`);
      await axeClean(page, 'an old version');
      // A translation, with its source beside it.
      await page.goto(`${s.base}/es/editor`);
      const es = await page.locator('table a[lang="es"][href^="/es/editor/pages/"]').first().getAttribute('href');
      await page.goto(`${s.base}${es}`);
      assert.ok(await page.locator('.editor-source').count(), 'the source is shown beside a translation');
      await axeClean(page, 'a translation with its source');
      // The conflict page: the same page saved in another tab meanwhile.
      await page.goto(`${s.base}${editor}`);
      const other = await s.axe.newPage();
      await other.goto(`${s.base}${editor}`);
      await other.locator('#f-body').fill('Saved in the other tab.');
      await Promise.all([other.waitForNavigation(), other.getByRole('button', { name: 'Save draft' }).click()]);
      await other.close();
      await page.locator('#f-body').fill('Saved in the first tab.');
      const [res] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Save draft' }).click()]);
      assert.equal(res.status(), 409, 'a conflict, not an overwrite');
      assert.equal(await page.locator('#f-body').inputValue(), 'Saved in the first tab.');
      await axeClean(page, 'the conflict page');
      await page.goto(`${s.base}${editor}/history`);
      if (await page.getByRole('button', { name: 'Compare the chosen versions' }).count()) {
        await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Compare the chosen versions' }).click()]);
        await axeClean(page, 'a comparison');
      }
    } finally {
      await page.close();
    }
  });

  it('the townhall server stayed up', () => {
    assert.equal(s.server.unexpectedExit(), null, s.server.output().slice(-2000));
  });
});
