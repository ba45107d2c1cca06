import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveAppRequest, type AppRequest } from '../../../electron/protocol/appProtocol';

// A renderer folder with a secret beside it: nothing under app://cadredesk/ may reach the sibling.
const base = mkdtempSync(path.join(tmpdir(), 'cadredesk-protocol-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
writeFileSync(path.join(base, 'secret.js'), 'secret');
mkdirSync(path.join(base, 'renderer-evil'));
writeFileSync(path.join(base, 'renderer-evil', 'x.js'), 'evil');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const resolve = (url: string) => resolveAppRequest(url, root);
const inside = (file: string) => file.startsWith(root + path.sep);

function ok(r: AppRequest): { filePath: string; mime: string } {
  if (!r.ok) throw new Error(`expected a file, got ${JSON.stringify(r)}`);
  return { filePath: r.filePath, mime: r.mime };
}

describe('resolveAppRequest: what it serves', () => {
  it("'/' and the bare origin serve index.html", () => {
    for (const url of ['app://cadredesk/', 'app://cadredesk']) {
      expect(resolve(url)).toEqual({ ok: true, filePath: path.join(root, 'index.html'), mime: 'text/html; charset=utf-8' });
    }
  });

  it.each([
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['/assets/index-CRaHKkFU.js', 'assets/index-CRaHKkFU.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-DSs3VRm6.css', 'assets/index-DSs3VRm6.css', 'text/css; charset=utf-8'],
    ['/assets/noto-serif-sc.woff2', 'assets/noto-serif-sc.woff2', 'font/woff2'],
    ['/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['/assets/photo.PNG', 'assets/photo.PNG', 'image/png'],
    ['/assets/x.wasm', 'assets/x.wasm', 'application/wasm'],
    ['/assets/%E5%AD%97%E4%BD%93.ttf', 'assets/字体.ttf', 'font/ttf'],
    ['/index.html?x=1#/units', 'index.html', 'text/html; charset=utf-8'],
    ['//assets/a.js', 'assets/a.js', 'text/javascript; charset=utf-8'],
  ])('%s → %s (%s)', (p, rel, mime) => {
    expect(ok(resolve(`app://cadredesk${p}`))).toEqual({ filePath: path.join(root, rel), mime });
  });
});

describe('resolveAppRequest: what it refuses', () => {
  // The WHATWG parser already folds '..' and '%2e%2e' segments at the root ('/secret'); these must still stay
  // inside the folder. Encoded slashes survive parsing and are decoded by the resolver: those must be refused.
  it.each([
    '/../secret.js',
    '/%2e%2e/secret.js',
    '/.%2e/secret.js',
    '/assets/../../secret.js',
    '/..%2fsecret.js',
    '/%2e%2e%2fsecret.js',
    '/assets/..%2f..%2fsecret.js',
    '/..%2frenderer-evil/x.js',
    '/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/%2fetc%2fpasswd.js',
  ])('path traversal %s never leaves the root', (p) => {
    const r = resolve(`app://cadredesk${p}`);
    if (r.ok) {
      expect(inside(r.filePath), r.filePath).toBe(true);
      expect(r.filePath).not.toBe(path.join(base, 'secret.js'));
    }
  });

  it.each(['/..%2fsecret.js', '/%2e%2e%2fsecret.js', '/assets/..%2f..%2fsecret.js', '/..%2frenderer-evil/x.js'])(
    'an encoded traversal %s is 403',
    (p) => {
      expect(resolve(`app://cadredesk${p}`)).toEqual({ ok: false, status: 403 });
    },
  );

  it('a traversal folded by the URL parser lands inside the root', () => {
    expect(ok(resolve('app://cadredesk/../secret.js')).filePath).toBe(path.join(root, 'secret.js'));
    expect(ok(resolve('app://cadredesk/%2e%2e/secret.js')).filePath).toBe(path.join(root, 'secret.js'));
  });

  it.each(['/..%5csecret.js', '/assets%5c..%5c..%5csecret.js', '/index.html%00.js', '/%00', '/assets/a%00b.js'])(
    'an encoded backslash or NUL (%s) is 400',
    (p) => {
      expect(resolve(`app://cadredesk${p}`)).toEqual({ ok: false, status: 400 });
    },
  );

  it.each([
    'app://evil/index.html',
    'app://cadredesk.evil.com/index.html',
    'app://cadredesk:8080/index.html',
    'https://cadredesk/index.html',
    'http://127.0.0.1:4173/index.html',
    'file:///index.html',
    `file://${root}/index.html`,
  ])('another host or scheme is 403: %s', (url) => {
    expect(resolve(url)).toEqual({ ok: false, status: 403 });
  });

  it.each(['/secret.key', '/README', '/assets/', '/assets', '/index.html.bak', '/app.exe'])(
    'an unknown extension or a folder is 404: %s',
    (p) => {
      expect(resolve(`app://cadredesk${p}`)).toEqual({ ok: false, status: 404 });
    },
  );

  it.each(['app://cadredesk/%', 'app://cadredesk/%E0%A4%A', 'app://cadredesk/%FF.js', 'not a url', ''])(
    'bad percent-encoding or an unparsable URL is 400: %j',
    (url) => {
      expect(resolve(url)).toEqual({ ok: false, status: 400 });
    },
  );
});
