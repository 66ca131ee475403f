// Screenshots of the home page for the README (not a test):
//   node screenshot.mjs OUTDIR
// starts the server like the suite does (fresh demo town on a free port) and
// writes OUTDIR/home-en.png (1280×900) and OUTDIR/home-es-mobile.png (390×844).
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

const outDir = process.argv[2];
if (!outDir) {
  console.error('usage: node screenshot.mjs OUTDIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

const shots = [
  { file: 'home-en.png', path: '/en/', viewport: { width: 1280, height: 900 } },
  { file: 'home-es-mobile.png', path: '/es/', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
];

const server = await startServer();
let browser;
try {
  browser = await launchBrowser();
  for (const s of shots) {
    const ctx = await browser.newContext({ viewport: s.viewport, deviceScaleFactor: 1, isMobile: !!s.isMobile, hasTouch: !!s.hasTouch });
    const page = await ctx.newPage();
    const resp = await page.goto(server.base + s.path, { waitUntil: 'load' });
    if (resp.status() !== 200) throw new Error(`${s.path} answered ${resp.status()}`);
    const file = path.join(outDir, s.file);
    await page.screenshot({ path: file, fullPage: false });
    console.log(`wrote ${file} (${s.viewport.width}×${s.viewport.height})`);
    await ctx.close();
  }
} finally {
  if (browser) await browser.close();
  await server.stop();
}
