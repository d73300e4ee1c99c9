// Starts the real Porpoise server for a test: a free port, a fresh temporary data directory,
// `porpoise standalone-server --port N --data-dir DIR` run from the repository root (so it finds
// web/dist), and waits until the UI answers. stop() ends it (SIGTERM, then SIGKILL) and removes
// the data directory unless PORPOISE_KEEP_DATA=1.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function serverBinary() {
  return process.env.PORPOISE_BIN ? path.resolve(process.env.PORPOISE_BIN) : path.join(repoRoot, 'build/bin/porpoise');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startServer() {
  const binary = serverBinary();
  if (!fs.existsSync(binary)) {
    throw new Error(`Server binary not found at ${binary}. Build it (cmake + ninja, target porpoise) or set PORPOISE_BIN.`);
  }
  const uiIndex = path.join(repoRoot, 'web/dist/index.html');
  if (!fs.existsSync(uiIndex)) {
    throw new Error(`The UI is not built (${uiIndex} is missing): run "cd web && npm ci && npm run build".`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porpoise-browser-'));
  const output = [];
  const child = spawn(binary, ['standalone-server', '--port', String(port), '--data-dir', dataDir], {
    cwd: repoRoot,
    env: { ...process.env, PORPOISE_WEB_DIR: path.join(repoRoot, 'web/dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk) => {
    output.push(chunk.toString());
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = { code, signal };
  });

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) {
      throw new Error(`The server exited early (${JSON.stringify(exited)}):\n${output.join('').slice(-3000)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/dolphinscheduler/ui/`);
      if (response.ok && (await response.text()).includes('<div id="root">')) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The server did not serve the UI on port ${port} within 30 s:\n${output.join('').slice(-3000)}`);
    }
    await sleep(200);
  }

  return {
    baseUrl,
    port,
    dataDir,
    log: () => output.join(''),
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        const until = Date.now() + 10000;
        while (!exited && Date.now() < until) await sleep(100);
        if (!exited) child.kill('SIGKILL');
      }
      if (process.env.PORPOISE_KEEP_DATA !== '1') fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
