// The browser suite: one Townhall server, one Chromium and one crawl shared by
// every check (node --test runs each *.test.mjs file in its own process, so the
// checks live in checks/*.mjs and are registered here).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fx, setup, teardown } from './fixture.mjs';
import { crawlChecks } from './checks/crawl.mjs';
import { noJsChecks } from './checks/nojs.mjs';
import { langChecks } from './checks/langs.mjs';
import { redirectChecks } from './checks/redirects.mjs';
import { keyboardChecks } from './checks/keyboard.mjs';
import { printChecks } from './checks/print.mjs';
import { weightChecks } from './checks/weight.mjs';
import { requestChecks } from './checks/requests.mjs';
import { searchChecks } from './checks/search.mjs';
import { phoneChecks } from './checks/phones.mjs';

// Timeouts are backstops against a hang, well above the ~2–3 minutes a run takes.
describe('Townhall site in Chromium', { timeout: 540_000 }, () => {
  before(setup, { timeout: 300_000 });
  after(teardown, { timeout: 30_000 });

  crawlChecks();
  noJsChecks();
  langChecks();
  redirectChecks();
  keyboardChecks();
  printChecks();
  weightChecks();
  requestChecks();
  searchChecks();
  phoneChecks();

  // Connection errors above are explained here: the server must have stayed
  // up (someone else's `pkill townhall` stops it too).
  it('the townhall server stayed up for the whole suite', () => {
    const died = fx.server.unexpectedExit();
    assert.equal(died, null, `townhall exited during the suite (${JSON.stringify(died)}); its last output:\n${fx.server.output().slice(-2000)}`);
  });
});
