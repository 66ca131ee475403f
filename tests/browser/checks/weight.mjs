// 7. Page weight and no JavaScript: HTML + CSS (+ JS) of the home page and an
// article stay under 40 KB uncompressed; no page has a <script> element.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ARTICLE, fx, LANGS, okPages } from '../fixture.mjs';

export const BUDGET = 40 * 1024;

async function bytes(url) {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(res.status, 200, `${url} answered ${res.status}`);
  return { buf, size: buf.length };
}

async function weigh(path) {
  const page = await fx.ctx.newPage();
  const parts = [];
  try {
    await page.goto(fx.base + path);
    const refs = await page.evaluate(() => ({
      css: [...document.querySelectorAll('link[rel~="stylesheet"][href]')].map((l) => l.href),
      js: [...document.querySelectorAll('script[src]')].map((s) => s.src),
    }));
    const html = await bytes(fx.base + path);
    parts.push({ url: path, kind: 'html', size: html.size });
    const queue = [...refs.css.map((u) => ({ u, kind: 'css' })), ...refs.js.map((u) => ({ u, kind: 'js' }))];
    const done = new Set();
    while (queue.length) {
      const { u, kind } = queue.shift();
      if (done.has(u)) continue;
      done.add(u);
      const r = await bytes(u);
      parts.push({ url: new URL(u).pathname, kind, size: r.size });
      if (kind === 'css') { // follow @import, if any
        for (const m of r.buf.toString('utf8').matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/g)) {
          queue.push({ u: new URL(m[1], u).href, kind: 'css' });
        }
      }
    }
  } finally {
    await page.close();
  }
  return { total: parts.reduce((n, p) => n + p.size, 0), parts };
}

export function weightChecks() {
  describe('page weight and scripts', () => {
    for (const lang of LANGS) {
      for (const path of [`/${lang}/`, ARTICLE[lang]]) {
        it(`${path}: HTML + CSS + JS ≤ ${BUDGET / 1024} KB uncompressed`, async (t) => {
          const { total, parts } = await weigh(path);
          const detail = parts.map((p) => `${p.kind} ${p.url} ${p.size} B`).join(', ');
          t.diagnostic(`${total} B: ${detail}`);
          assert.ok(parts.some((p) => p.kind === 'css'), `no stylesheet found on ${path}`);
          assert.ok(total <= BUDGET, `${path} weighs ${total} B > ${BUDGET} B (${detail})`);
        });
      }
    }

    it('no crawled page has a <script> element', () => {
      const bad = okPages().filter((r) => r.domScripts > 0 || r.rawScripts > 0)
        .map((r) => `${r.key} (${r.domScripts} in DOM, ${r.rawScripts} in HTML)`);
      assert.ok(okPages().length > 0, 'nothing was crawled');
      assert.deepEqual(bad, [], 'pages with <script>');
    });
  });
}
