// The one headless Chromium of the suite, and the axe-core helper.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 390, height: 844 };

const LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** Launch Chromium; a launch that hangs is retried once rather than stalling the suite. */
export async function launchBrowser({ attempts = 2, timeout = 45_000 } = {}) {
  for (let i = 1; ; i++) {
    try {
      return await chromium.launch({ ...LAUNCH, timeout });
    } catch (err) {
      if (i >= attempts) throw new Error(`could not launch ${CHROMIUM} (${i} attempts): ${err.message}`);
      console.error(`Chromium launch attempt ${i} failed, retrying: ${String(err.message).split('\n')[0]}`);
    }
  }
}

/** A context with sensible timeouts. Pass bypassCSP: true only for axe. */
export async function newContext(browser, options = {}) {
  const ctx = await browser.newContext({ viewport: DESKTOP, ...options });
  ctx.setDefaultTimeout(15_000);
  ctx.setDefaultNavigationTimeout(20_000);
  return ctx;
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
// axe is served to the page as an external script from this made-up path
// (intercepted, never sent to the server) so Chromium can cache its
// compiled code across the crawl instead of parsing 500 KB on every page.
const AXE_PATH = '/__browser-tests__/axe.min.js';

/** Make axe injectable in every page of a bypassCSP context. */
export async function enableAxe(context) {
  await context.route(`**${AXE_PATH}`, (route) => route.fulfill({
    status: 200, contentType: 'text/javascript', body: axeSource,
    headers: { 'cache-control': 'public, max-age=3600' },
  }));
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * Run axe on the page. Its context must have bypassCSP: true (the site's CSP
 * allows no injected script) and enableAxe(). Returns the violations, simplified.
 */
export async function runAxe(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.addScriptTag({ url: AXE_PATH });
  // resultTypes only trims passes/incomplete/inapplicable; violations stay complete.
  const result = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  }), AXE_TAGS);
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
      html: n.html,
      summary: n.failureSummary,
    })),
  }));
}

/** One line per violated rule and node, for assertion messages. */
export function formatViolations(url, violations) {
  const lines = [];
  for (const v of violations) {
    for (const n of v.nodes) {
      lines.push(`  ${url} [${v.id}] (${v.impact}) ${v.help} — target: ${n.target} — ${String(n.summary || '').replace(/\s+/g, ' ').trim()}`);
    }
  }
  return lines.join('\n');
}
