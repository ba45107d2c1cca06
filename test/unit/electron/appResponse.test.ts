import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/protocol/appResponse';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/security/csp';

const root = path.join(path.sep, 'app', 'out', 'renderer');
const files = new Map([[path.join(root, 'index.html'), '<!doctype html><title>干部</title>']]);
const read: string[] = [];
const handle = createAppProtocolHandler({
  rendererRoot: root,
  readFile: async (filePath) => {
    read.push(filePath);
    const text = files.get(filePath);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return Buffer.from(text);
  },
});

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
}

describe('the app:// protocol handler', () => {
  it('serves a page with its type and the CSP', async () => {
    const response = await handle({ url: 'app://cadredesk/index.html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(response);
    expect(await response.text()).toBe('<!doctype html><title>干部</title>');
  });

  it('answers a missing file with 404, still with the CSP', async () => {
    const response = await handle({ url: 'app://cadredesk/assets/missing.js' });
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('refuses a path outside the renderer folder without reading it', async () => {
    read.length = 0;
    const response = await handle({ url: 'app://cadredesk/..%2f..%2fmain%2fmain.js' });
    expect(response.status).toBe(403);
    expectSecurityHeaders(response);
    expect(read).toEqual([]);
  });

  it('refuses another host', async () => {
    const response = await handle({ url: 'app://elsewhere/index.html' });
    expect(response.status).toBe(403);
    expectSecurityHeaders(response);
  });
});
