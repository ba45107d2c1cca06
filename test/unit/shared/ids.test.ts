import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cadreId, naturalId, newId, PROJECT_NAMESPACE, unitId } from '../../../shared/ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{12}$/;

/** RFC 4122 §4.3 name-based UUID with SHA-1, written out here so the test does not trust the uuid package. */
function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(Buffer.from(name, 'utf8')).digest().subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The version nibble (first hex digit of the third group) and RFC 4122 variant bits. */
function versionOf(id: string): { version: string; variant: string } {
  const m = UUID.exec(id);
  expect(m, `${id} is not a UUID`).not.toBeNull();
  return { version: m![1]!, variant: m![2]! };
}

describe('naturalId / unitId / cadreId (UUID v5)', () => {
  it('the project namespace is fixed forever', () => {
    // Changing it would give every record a different id on upgraded machines.
    expect(PROJECT_NAMESPACE).toBe('6f1d3c2a-8b4e-5a7d-9c31-2e0f4b6a8d15');
  });

  it('is deterministic and equals RFC 4122 v5 computed independently', () => {
    expect(naturalId('unit', 'root', '新城区委')).toBe(naturalId('unit', 'root', '新城区委'));
    // If the namespace, the separator (U+001F) or the part order changed, ids on other machines would stop matching.
    expect(naturalId('unit', 'root', '新城区委')).toBe(uuidV5('unit\u001froot\u001f新城区委', PROJECT_NAMESPACE));
    expect(cadreId('11010519491231002X')).toBe(uuidV5('cadre\u001f11010519491231002X', PROJECT_NAMESPACE));
  });

  it('equals the independent v5 on any parts of any text, Chinese and astral characters included', () => {
    const part = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('陈', '欧阳', '𠀋', '\u001f', 'é', 'x'), maxLength: 80 }));
    fc.assert(
      fc.property(part, fc.array(part, { maxLength: 4 }), (kind, parts) => {
        expect(naturalId(kind, ...parts)).toBe(uuidV5([kind, ...parts].join('\u001f'), PROJECT_NAMESPACE));
      }),
      { numRuns: 500 },
    );
    // a name of several SHA-1 blocks
    expect(naturalId('unit', 'x'.repeat(200), '单位'.repeat(50))).toBe(uuidV5(`unit\u001f${'x'.repeat(200)}\u001f${'单位'.repeat(50)}`, PROJECT_NAMESPACE));
  });

  it('has version nibble 5 and the RFC 4122 variant', () => {
    for (const id of [naturalId('x'), unitId(null, 'a'), unitId('p', 'a'), cadreId('11010519491231002X')]) {
      const { version, variant } = versionOf(id);
      expect(version).toBe('5');
      expect(['8', '9', 'a', 'b']).toContain(variant);
    }
  });

  it('differs by kind, by each part, and by how parts are split', () => {
    const ids = [
      naturalId('unit', 'root', 'a'),
      naturalId('cadre', 'root', 'a'),
      naturalId('unit', 'root', 'b'),
      naturalId('unit', 'other', 'a'),
      // the separator keeps ('ab','c') and ('a','bc') apart
      naturalId('unit', 'ab', 'c'),
      naturalId('unit', 'a', 'bc'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('unitId depends on parent and name; a top-level unit uses "root"', () => {
    const parent = unitId(null, '新城区委');
    expect(unitId(parent, '组织部')).not.toBe(unitId(null, '组织部'));
    expect(unitId(parent, '组织部')).not.toBe(unitId(parent, '宣传部'));
    expect(unitId(parent, '组织部')).toBe(naturalId('unit', parent, '组织部'));
    expect(unitId(null, '组织部')).toBe(naturalId('unit', 'root', '组织部'));
  });

  it('cadreId is case-insensitive on the check character X', () => {
    expect(cadreId('11010519491231002x')).toBe(cadreId('11010519491231002X'));
    expect(cadreId('11010519491231002X')).toBe(naturalId('cadre', '11010519491231002X'));
    expect(cadreId('110105194912310021')).not.toBe(cadreId('110105194912310022'));
  });
});

describe('newId (UUID v7)', () => {
  it('is a v7 UUID', () => {
    const { version, variant } = versionOf(newId());
    expect(version).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(variant);
  });

  it('is unique and time-ordered (lexicographic order = creation order)', () => {
    const ids = Array.from({ length: 500 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('carries the current time in its first 48 bits', () => {
    const before = Date.now();
    const id = newId();
    const after = Date.now();
    const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });
});
