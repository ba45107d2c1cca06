import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generatePassphrase, passphraseBits, passphraseProblem } from '../../../shared/rules/passphrase';

const random = (bytes: Uint8Array) => crypto.getRandomValues(new Uint8Array(bytes.length));

describe('passphraseProblem', () => {
  it('refuses short, padded and trivial passphrases with a reason in Chinese', () => {
    expect(passphraseProblem('abc')).toContain('至少需要 12 个字符');
    expect(passphraseProblem(' K7QM-X2PD-9RTA ')).toContain('空格');
    expect(passphraseProblem('aaaaaaaaaaaaaaaa')).toContain('太简单');
    expect(passphraseProblem('123456789012')).toContain('太简单');
    expect(passphraseProblem('abcdefghijklmn')).toContain('太简单');
  });

  it('accepts mixed passphrases and Chinese sentences', () => {
    expect(passphraseProblem('Xinch3ng-Qu#2026!')).toBeNull();
    expect(passphraseProblem('春风又绿江南岸明月何时照我还')).toBeNull();
  });

  it('every generated passphrase is accepted, unambiguous, and they differ', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generatePassphrase(random);
      expect(p).toMatch(/^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/);
      expect(passphraseProblem(p)).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it('the estimate never rises when a character is repeated', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), (s) => {
        const last = [...s].at(-1)!;
        expect(passphraseBits(s + last)).toBeLessThanOrEqual(passphraseBits(s) + 0);
      }),
    );
  });
});
