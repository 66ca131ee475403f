// What the tests of a town share: the clerk made the way a town makes one
// (`townhall superuser upsert`), the API as the clerk calls it, the demo
// resident the server printed, and the sign-in forms filled in as a person
// does.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './server.mjs';

/** Calls the server's REST API at base, failing the test on any error status. */
export async function api(base, method, url, body, token) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: token } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await res.json().catch(() => ({}));
  assert.ok(res.ok, `${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
  return data;
}

/** Makes clerk ({ email, password }) a superuser of server and returns their API token. */
export async function makeClerk(server, clerk) {
  const bin = process.env.TOWNHALL_BIN || path.join(repoRoot, 'townhall');
  execFileSync(bin, ['superuser', 'upsert', clerk.email, clerk.password, '--dir', server.dir], { stdio: 'pipe' });
  const { token } = await api(server.base, 'POST', '/api/collections/_superusers/auth-with-password',
    { identity: clerk.email, password: clerk.password });
  return token;
}

/** Fills in the sign-in form (the site's or the desk's, in any language) on page as who ({ email, password }) and sends it. */
export async function fillSignIn(page, who) {
  await page.locator('#f-email').fill(who.email);
  await page.locator('#f-password').fill(who.password);
  await Promise.all([page.waitForNavigation(), page.locator('form[action$="/signin"] button[type=submit]').click()]);
}

/** Signs who ({ email, password }) in on the site's sign-in page in lang (on base), on page. */
export async function siteSignIn(page, base, who, lang = 'en') {
  await page.goto(`${base}/${lang}/signin`);
  await fillSignIn(page, who);
}

/** Opens path on base in a new page of ctx, is sent to the desk's sign-in, signs who in and lands back on path. */
export async function deskSignIn(ctx, base, path, who) {
  const page = await ctx.newPage();
  await page.goto(`${base}${path}`);
  assert.match(page.url(), /\/staff\/signin\?next=/);
  await fillSignIn(page, who);
  assert.equal(new URL(page.url()).pathname, path);
  return page;
}

/** The demo resident's { email, password }, as server printed them when it seeded the town. */
export function demoResident(server) {
  const m = server.output().match(/Demo resident:\s+(\S+)\s+password:\s+(\S+)/);
  assert.ok(m, `demo resident not printed by the server:\n${server.output().slice(-2000)}`);
  return { email: m[1], password: m[2] };
}
