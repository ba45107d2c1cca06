import { sha1 } from '@noble/hashes/legacy.js';
import { v7 as uuidv7 } from 'uuid';
import { encodeInto, HEX } from './rules/sha256';

/**
 * The project's UUID v5 namespace. Fixed forever: two installations that create the same natural key must
 * derive the same id (docs/architecture.md#which-data-syncs-and-how-ids-are-made).
 */
export const PROJECT_NAMESPACE = '6f1d3c2a-8b4e-5a7d-9c31-2e0f4b6a8d15';

/** Id from a natural key: identical on every machine. Parts are joined with a separator no part contains. */
export function naturalId(kind: string, ...parts: string[]): string {
  return uuidV5([kind, ...parts].join('\u001f'));
}

const NAMESPACE_BYTES = Uint8Array.from(PROJECT_NAMESPACE.replace(/-/g, '').match(/../g)!, (h) => parseInt(h, 16));

/**
 * RFC 9562 §5.5 (name-based, SHA-1) in the project's namespace. The uuid package's own v5 hashes in JavaScript in
 * the renderer at about 5 µs an id and parses the namespace each time: the demo load of 100,000 cadres derives
 * 825,000 ids (the cadres' and the 年度考核's), 5.7 s of its main thread. @noble/hashes's SHA-1 takes a third of
 * that. test/unit/shared/ids.test.ts holds it to an independent v5 on any text.
 */
function uuidV5(name: string): string {
  const input = new Uint8Array(16 + name.length * 3);
  input.set(NAMESPACE_BYTES);
  const h = sha1(input.subarray(0, encodeInto(name, input, 16)));
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  return (
    HEX[h[0]!]! + HEX[h[1]!]! + HEX[h[2]!]! + HEX[h[3]!]! + '-' + HEX[h[4]!]! + HEX[h[5]!]! + '-' + HEX[h[6]!]! + HEX[h[7]!]! + '-' +
    HEX[h[8]!]! + HEX[h[9]!]! + '-' + HEX[h[10]!]! + HEX[h[11]!]! + HEX[h[12]!]! + HEX[h[13]!]! + HEX[h[14]!]! + HEX[h[15]!]!
  );
}

/** Time-ordered random id for records without a natural key. */
export function newId(): string {
  return uuidv7();
}

export const unitId = (parentId: string | null, name: string): string =>
  naturalId('unit', parentId ?? 'root', name);

export const cadreId = (idNumber18: string): string => naturalId('cadre', idNumber18.toUpperCase());
