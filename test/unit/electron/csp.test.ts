import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../electron/security/csp';

/** directive → sources, as a browser parses the header (lower-cased names, whitespace-separated values). */
function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out.has(name.toLowerCase()), `duplicate directive ${name}`).toBe(false);
    out.set(name.toLowerCase(), values);
  }
  return out;
}

const csp = parseCsp(CONTENT_SECURITY_POLICY);
const sourcesOf = (d: string) => csp.get(d) ?? csp.get('default-src') ?? [];

describe('Content-Security-Policy', () => {
  it('default-src is self', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
  });

  it("script-src is 'self' only: no unsafe-inline, unsafe-eval or wasm eval for scripts", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.has('script-src-elem')).toBe(false);
    expect(csp.has('script-src-attr')).toBe(false);
  });

  it('has no unsafe-eval anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/i);
  });

  it('has no remote, wildcard or scheme-wide network sources', () => {
    for (const [name, values] of csp) {
      for (const v of values) {
        expect(v, `${name} ${v}`).not.toMatch(/^(https?|wss?|ftp|file|app):?$/i);
        expect(v, `${name} ${v}`).not.toMatch(/^(https?|wss?):\/\//i);
        expect(v, `${name} ${v}`).not.toContain('*');
      }
    }
  });

  it("object-src 'none', frame-ancestors 'none', base-uri 'none', form-action 'none'", () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('connect-src is self only (the app talks to nothing over the network)', () => {
    expect(sourcesOf('connect-src')).toEqual(["'self'"]);
  });

  it('unsafe-inline appears only for styles (antd CSS-in-JS)', () => {
    for (const [name, values] of csp) {
      if (values.includes("'unsafe-inline'")) expect(name).toBe('style-src');
    }
  });
});

describe('SECURITY_HEADERS', () => {
  it('carries the CSP and the hardening headers', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
    expect(SECURITY_HEADERS['Cross-Origin-Opener-Policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['Referrer-Policy']).toBe('no-referrer');
  });
});
