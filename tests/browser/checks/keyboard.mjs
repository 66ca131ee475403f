// 5. Keyboard: skip link first, focus moves into main, header controls are
// reachable by Tab, and every focused element shows a focus indicator.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fx } from '../fixture.mjs';

/** Describe document.activeElement, with its computed focus style. */
const active = (page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body' };
  const cs = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const main = document.getElementById('main');
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    cls: el.className,
    href: el.getAttribute('href'),
    text: (el.textContent || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 60),
    inLangs: !!el.closest('nav.langs'),
    inMain: !!main && (el === main || main.contains(el)),
    outlineStyle: cs.outlineStyle,
    outlineWidth: cs.outlineWidth,
    boxShadow: cs.boxShadow,
    box: { x: r.x, y: r.y, w: r.width, h: r.height },
    viewport: { w: window.innerWidth, h: window.innerHeight },
  };
});

const label = (a) => `<${a.tag}${a.id ? `#${a.id}` : ''}${a.cls ? `.${String(a.cls).split(/\s+/).join('.')}` : ''}${a.href ? ` href="${a.href}"` : ''}> "${a.text}"`;
const hasIndicator = (a) => (a.outlineStyle !== 'none' && a.outlineWidth !== '0px') || (a.boxShadow && a.boxShadow !== 'none');

export function keyboardChecks() {
  describe('keyboard', () => {
    it('on /en/ the first Tab focuses a visible skip link, and Enter moves focus into #main', async () => {
      const page = await fx.ctx.newPage();
      try {
        await page.goto(`${fx.base}/en/`);
        await page.keyboard.press('Tab');
        const a = await active(page);
        assert.equal(a.tag, 'a', `first Tab focused ${label(a)}`);
        assert.match(String(a.cls), /\bskip-link\b/, `first Tab focused ${label(a)}, not a.skip-link`);
        assert.equal(a.href, '#main');
        assert.ok(await page.locator('a.skip-link').isVisible(), 'skip link is not visible when focused');
        assert.ok(a.box.w > 0 && a.box.h > 0 && a.box.x >= 0 && a.box.y >= 0
          && a.box.x + a.box.w <= a.viewport.w && a.box.y + a.box.h <= a.viewport.h,
        `focused skip link is outside the viewport: ${JSON.stringify(a.box)}`);
        assert.ok(hasIndicator(a), `skip link has no focus indicator: ${JSON.stringify(a)}`);

        await page.keyboard.press('Enter');
        await page.waitForFunction(() => location.hash === '#main');
        const b = await active(page);
        assert.ok(b.inMain, `after activating the skip link focus is on ${label(b)}, not in #main`);
        await page.keyboard.press('Tab');
        const c = await active(page);
        assert.ok(c.inMain, `the Tab after the skip link focused ${label(c)}, outside #main`);
      } finally {
        await page.close();
      }
    });

    it('on /en/ Tab reaches the language switcher and the header search box, all with a visible focus indicator', async () => {
      const page = await fx.ctx.newPage();
      try {
        await page.goto(`${fx.base}/en/`);
        const seen = [];
        for (let i = 0; i < 40; i++) {
          await page.keyboard.press('Tab');
          const a = await active(page);
          if (a.tag === 'body') break;
          seen.push(a);
          if (a.inMain) break; // past the header
        }
        const path = seen.map(label).join('\n  ');
        assert.ok(seen.some((a) => a.inLangs && a.tag === 'a'), `Tab never reached the language switcher:\n  ${path}`);
        assert.ok(seen.some((a) => a.id === 'header-q'), `Tab never reached the header search box:\n  ${path}`);
        const bare = seen.filter((a) => !hasIndicator(a));
        assert.deepEqual(bare.map(label), [], 'focused elements without a visible outline or box-shadow');
      } finally {
        await page.close();
      }
    });
  });
}
