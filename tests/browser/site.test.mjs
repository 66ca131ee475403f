// The browser suite: one Townhall server, one Chromium and one crawl shared by
// every check (node --test runs each *.test.mjs file in its own process, so the
// checks live in checks/*.mjs and are registered here).
import { after, before, describe } from 'node:test';
import { setup, teardown } from './fixture.mjs';
import { crawlChecks } from './checks/crawl.mjs';
import { noJsChecks } from './checks/nojs.mjs';
import { langChecks } from './checks/langs.mjs';
import { redirectChecks } from './checks/redirects.mjs';
import { keyboardChecks } from './checks/keyboard.mjs';
import { printChecks } from './checks/print.mjs';
import { weightChecks } from './checks/weight.mjs';

describe('Townhall site in Chromium', { timeout: 300_000 }, () => {
  before(setup, { timeout: 180_000 });
  after(teardown, { timeout: 30_000 });

  crawlChecks();
  noJsChecks();
  langChecks();
  redirectChecks();
  keyboardChecks();
  printChecks();
  weightChecks();
});
