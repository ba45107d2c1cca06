import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The port of this run's preview server. Every run (e2e or bench) serves its own build on its own free port: a
 * fixed port let a second checkout's run, or a bench beside `npm test`, test whatever server already listened
 * there. The runner's main process loads its config first and picks the port; it puts it in the environment,
 * which the web server and the worker processes inherit (each of them loads this module again and must agree).
 */
export const PREVIEW_PORT_VARIABLE = 'CADREDESK_PREVIEW_PORT';
export const PREVIEW_PORT = previewPort();
export const BASE_URL = `http://127.0.0.1:${PREVIEW_PORT}`;

function previewPort(): number {
  const given = process.env[PREVIEW_PORT_VARIABLE];
  if (given !== undefined && given !== '') {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${PREVIEW_PORT_VARIABLE}=${given} is not a TCP port (1–65535)`);
    }
    return port;
  }
  const port = freePort();
  process.env[PREVIEW_PORT_VARIABLE] = String(port);
  return port;
}

/**
 * A port that is free on 127.0.0.1 now: the OS picks it (listen on port 0) in a child process, because config
 * modules are loaded synchronously. Another program could take it before the preview server starts; the server
 * uses strictPort, so that fails loudly instead of testing something else.
 */
function freePort(): number {
  const script =
    "const s = require('node:net').createServer();" +
    "s.listen(0, '127.0.0.1', () => { process.stdout.write(String(s.address().port)); s.close(); });";
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 });
  const port = Number(out.trim());
  if (!Number.isInteger(port) || port < 1) throw new Error(`could not find a free port (got "${out}")`);
  return port;
}

/** Debian's Chromium (or CHROMIUM_PATH) with the flags a closed network needs. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--lang=zh-CN',
];

export function assertChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
}
