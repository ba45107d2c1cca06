import { describe, expect, it } from 'vitest';
import { base32, hexToBytes } from '../../../shared/identity/base32';
import { fingerprint } from '../../../shared/identity/fingerprint';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base32 (RFC 4648, no padding)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('RFC 4648 §10 vector %j → %j', (input, expected) => {
    expect(base32(utf8(input))).toBe(expected);
  });

  it('uses the A–Z2–7 alphabet at the edges', () => {
    expect(base32(new Uint8Array(5))).toBe('AAAAAAAA');
    expect(base32(new Uint8Array(5).fill(0xff))).toBe('77777777');
    // 0x00 0x44 0x32 0x14 0xc7 → 00000 00001 00010 00011 00100 00101 00110 00111
    expect(base32(new Uint8Array([0x00, 0x44, 0x32, 0x14, 0xc7]))).toBe('ABCDEFGH');
  });

  it('16 bytes → 26 characters (long inputs keep no stray bits)', () => {
    expect(base32(new Uint8Array(16).fill(0xff))).toBe('7'.repeat(25) + '4');
    const long = new Uint8Array(1000).map((_, i) => (i * 37) & 0xff);
    expect(base32(long)).toHaveLength(Math.ceil((1000 * 8) / 5));
  });
});

describe('hexToBytes', () => {
  it('decodes either case', () => {
    expect([...hexToBytes('00ff7fAb')]).toEqual([0x00, 0xff, 0x7f, 0xab]);
    expect(hexToBytes('')).toHaveLength(0);
  });

  it('rejects odd length and non-hex', () => {
    expect(() => hexToBytes('abc')).toThrow('invalid hex');
    expect(() => hexToBytes('zz')).toThrow('invalid hex');
  });
});

describe('fingerprint', () => {
  const id = '00112233445566778899aabbccddeeff';

  it('is the base32 of the 16 id bytes in 7 groups of 4, last of 2, joined by "-"', () => {
    const fp = fingerprint(id);
    expect(fp).toMatch(/^([A-Z2-7]{4}-){6}[A-Z2-7]{2}$/);
    const groups = fp.split('-');
    expect(groups.map((g) => g.length)).toEqual([4, 4, 4, 4, 4, 4, 2]);
    expect(groups.join('')).toHaveLength(26);
    expect(groups.join('')).toBe(base32(hexToBytes(id)));
  });

  it('known answer', () => {
    // base32 of 00 11 22 … ff, computed by hand from RFC 4648 (and cross-checked with `base32` from coreutils)
    expect(fingerprint(id)).toBe('AAIS-EM2E-KVTH-PCEZ-VK54-ZXPO-74');
    expect(fingerprint('0'.repeat(32))).toBe('AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AA');
  });

  it('differs for different ids', () => {
    expect(fingerprint(id)).not.toBe(fingerprint(id.replace(/f$/, 'e')));
  });

  it.each([
    ['too short', '0011'],
    ['too long', id + '00'],
    ['uppercase', id.toUpperCase()],
    ['non-hex', 'g'.repeat(32)],
    ['empty', ''],
    ['with dashes (a UUID)', '00112233-4455-6677-8899-aabbccddeeff'],
  ])('rejects a bad id: %s', (_why, bad) => {
    expect(() => fingerprint(bad)).toThrow();
  });
});
