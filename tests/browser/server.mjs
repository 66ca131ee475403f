// Starts one Townhall server on a free loopback port with a fresh data dir
// (the first start seeds the demo town) and stops it again. Used by the test
// suite (site.test.mjs) and by screenshot.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const defaultBinary = path.join(repoRoot, 'townhall');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Start `townhall serve` and wait until GET /en/ answers 200.
 * Returns { base, dir, port, output(), stop() }.
 */
export async function startServer({ binary = process.env.TOWNHALL_BIN || defaultBinary, readyTimeoutMs = 120_000 } = {}) {
  if (!fs.existsSync(binary)) {
    throw new Error(`Townhall binary not found at ${binary}: run \`make build\` in ${repoRoot} first (or set TOWNHALL_BIN).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'townhall-browser-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The first 16 KB (the start banner with the demo accounts) and the last
  // 64 KB of what the server prints.
  let head = '';
  let log = '';
  const keep = (chunk) => {
    const s = chunk.toString();
    if (head.length < 16_000) head += s;
    else log += s;
    if (log.length > 64_000) log = log.slice(-64_000);
  };
  // --dev=false: PocketBase turns dev mode (every SQL statement printed) on
  // for a binary under the temp folder, as in a CI clone made by mktemp.
  const child = spawn(binary, ['serve', '--dev=false', '--dir', dir, '--http', `127.0.0.1:${port}`], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  // Never leave an orphan server behind, even if the runner dies.
  const killOnExit = () => { if (!exited) child.kill('SIGKILL'); };
  process.on('exit', killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => { if (!exited) child.kill('SIGKILL'); }, 5_000);
      await exitPromise;
      clearTimeout(t);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`townhall exited before it was ready (${JSON.stringify(exited)}):\n${log}`);
    }
    try {
      const res = await fetch(`${base}/en/`, { redirect: 'manual', signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`townhall did not answer 200 on ${base}/en/ within ${readyTimeoutMs} ms:\n${log}`);
    }
    await sleep(100);
  }
  return {
    base, dir, port, stop,
    output: () => head + log,
    /** Why the server stopped if it was not stop() that stopped it (else null). */
    unexpectedExit: () => (exited && !stopped ? exited : null),
  };
}
