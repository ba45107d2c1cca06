import { describe, expect, it } from 'vitest';
import {
  allowNavigation,
  allowPermission,
  isTrustedSender,
  windowOpenDecision,
} from '../../../electron/security/guards';
import { APP_ORIGIN, isSameOrigin, originOf } from '../../../electron/security/origin';

const TEST_ORIGIN = 'http://127.0.0.1:4173';

const HOSTILE: (string | undefined | null)[] = [
  'app://cadredesk.evil.com/',
  'app://cadredesk.evil.com/index.html',
  'app://evil/',
  'app://evil/index.html',
  'app://cadredesk@evil/',
  'app://user:pw@cadredesk/',
  'app://user@cadredesk/index.html',
  'app://cadredesk:8080/',
  'app://cadredesk./index.html',
  'apps://cadredesk/index.html',
  'http://cadredesk/index.html',
  'file:///etc/passwd',
  'file://cadredesk/index.html',
  'https://example.com',
  'https://example.com/?app://cadredesk/',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:',
  'blob:app://cadredesk/0b1f',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  '',
  'not a url',
  undefined,
  null,
];

describe('the app origin', () => {
  it('is app://cadredesk', () => {
    expect(APP_ORIGIN).toBe('app://cadredesk');
  });
});

describe('originOf', () => {
  it('is scheme://host[:port], also for the non-special app: scheme', () => {
    expect(originOf('app://cadredesk/index.html')).toBe('app://cadredesk');
    expect(originOf('app://cadredesk/')).toBe('app://cadredesk');
    expect(originOf('app://cadredesk')).toBe('app://cadredesk');
    expect(originOf('app://cadredesk/assets/x.js?v=1#frag')).toBe('app://cadredesk');
    expect(originOf('app://cadredesk:8080/')).toBe('app://cadredesk:8080');
    expect(originOf('http://127.0.0.1:4173/index.html')).toBe('http://127.0.0.1:4173');
    expect(originOf('https://example.com/a')).toBe('https://example.com');
  });

  it('normalises scheme case and default ports like the browser', () => {
    expect(originOf('HTTP://LocalHost:80/')).toBe('http://localhost');
    expect(originOf('APP://cadredesk/index.html')).toBe('app://cadredesk');
    // (Node's WHATWG URL keeps the host case of a non-special scheme; Chromium canonicalises a registered standard
    // scheme before the guards see it, and a mismatch would fail closed anyway.)
  });

  it('is null without a host, with credentials, or for garbage', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:', 'about:blank', '', 'nope', undefined, null]) {
      expect(originOf(url), String(url)).toBeNull();
    }
    expect(originOf('app://cadredesk@evil/')).toBeNull();
    expect(originOf('app://user:pw@cadredesk/')).toBeNull();
  });

  it('isSameOrigin compares origins exactly', () => {
    expect(isSameOrigin('app://cadredesk/x', APP_ORIGIN)).toBe(true);
    expect(isSameOrigin('app://cadredesk.evil.com/x', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin(undefined, APP_ORIGIN)).toBe(false);
  });
});

describe('allowNavigation and isTrustedSender (production origin)', () => {
  it.each(['app://cadredesk/index.html', 'app://cadredesk/', 'app://cadredesk/#/units', 'app://cadredesk/print?id=1'])(
    'allows %s',
    (url) => {
      expect(allowNavigation(url, APP_ORIGIN)).toBe(true);
      expect(isTrustedSender(url, APP_ORIGIN)).toBe(true);
    },
  );

  it.each(HOSTILE.map((u) => [String(u), u] as const))('denies %s', (_label, url) => {
    if (typeof url === 'string') expect(allowNavigation(url, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(url, APP_ORIGIN)).toBe(false);
  });

  it('denies the test origin in production', () => {
    expect(allowNavigation(`${TEST_ORIGIN}/index.html`, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(`${TEST_ORIGIN}/index.html`, APP_ORIGIN)).toBe(false);
  });
});

describe('with the test origin http://127.0.0.1:4173 allowed', () => {
  it('allows that origin only', () => {
    expect(allowNavigation('http://127.0.0.1:4173/index.html', TEST_ORIGIN)).toBe(true);
    expect(isTrustedSender('http://127.0.0.1:4173/', TEST_ORIGIN)).toBe(true);
    for (const url of [
      'http://127.0.0.1:4174/index.html',
      'http://localhost:4173/index.html',
      'https://127.0.0.1:4173/index.html',
      'http://127.0.0.1/index.html',
      'http://127.0.0.2:4173/',
      'http://user@127.0.0.1:4173/',
      'app://cadredesk/index.html',
    ]) {
      expect(allowNavigation(url, TEST_ORIGIN), url).toBe(false);
      expect(isTrustedSender(url, TEST_ORIGIN), url).toBe(false);
    }
  });
});

describe('allowPermission', () => {
  it('grants clipboard-sanitized-write to the app origin', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://cadredesk/index.html', APP_ORIGIN)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', 'app://cadredesk', APP_ORIGIN)).toBe(true);
    expect(allowPermission('clipboard-sanitized-write', `${TEST_ORIGIN}/`, TEST_ORIGIN)).toBe(true);
  });

  it('denies clipboard-sanitized-write to any other origin', () => {
    for (const url of HOSTILE) {
      expect(allowPermission('clipboard-sanitized-write', url ?? undefined, APP_ORIGIN), String(url)).toBe(false);
    }
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'openExternal',
    'clipboard-read',
    'midi',
    'pointerLock',
    'fullscreen',
    'display-capture',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'unknown',
    '',
  ])('denies %j even to the app origin', (permission) => {
    expect(allowPermission(permission, 'app://cadredesk/index.html', APP_ORIGIN)).toBe(false);
  });
});

describe('windowOpenDecision', () => {
  it.each(['app://cadredesk/index.html', 'https://example.com', 'about:blank', 'javascript:alert(1)', ''])(
    'always denies (%j)',
    (url) => {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    },
  );
});
