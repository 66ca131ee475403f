// What the desk, editor and figures tests share: the clerk made the way a
// town makes one (`townhall superuser upsert`), the API as the clerk calls
// it, and the sign-in form filled in as a person does.
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

/** Fills in the sign-in form on page as who ({ email, password }) and sends it. */
export async function fillSignIn(page, who) {
  await page.locator('#f-email').fill(who.email);
  await page.locator('#f-password').fill(who.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
}
