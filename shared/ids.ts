import { v7 as uuidv7 } from 'uuid';
import { encodeInto, HEX } from './rules/sha256';
import { sha1Into } from './rules/sha1';

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
/** The namespace, then the name's UTF-8 bytes and SHA-1's padding; reused between calls (ids are made synchronously). */
let input = new Uint8Array(256);
input.set(NAMESPACE_BYTES);

/**
 * RFC 9562 §5.5 (name-based, SHA-1) in the project's namespace. The demo load of 100,000 cadres derives 825,000 ids
 * (the cadres' and the 年度考核's) in the renderer's main thread: the uuid package's v5 took 5.7 s of it,
 * @noble/hashes's SHA-1 3.0 s, ./rules/sha1.ts with one reused buffer a third of that.
 * test/unit/shared/ids.test.ts holds it to an independent v5 on any text.
 */
function uuidV5(name: string): string {
  if (input.length < 16 + name.length * 3 + 72) {
    input = new Uint8Array(2 * (16 + name.length * 3 + 72));
    input.set(NAMESPACE_BYTES);
  }
  const h = sha1Into(input, encodeInto(name, input, 16));
  const w0 = h[0]!, w1 = h[1]!, w2 = h[2]!, w3 = h[3]!;
  // the version (5) in the high nibble of byte 6, the variant (10) in the top bits of byte 8
  const b6 = (((w1 >>> 8) & 255) & 0x0f) | 0x50;
  const b8 = ((w2 >>> 24) & 0x3f) | 0x80;
  return (
    HEX[w0 >>> 24]! + HEX[(w0 >>> 16) & 255]! + HEX[(w0 >>> 8) & 255]! + HEX[w0 & 255]! + '-' + HEX[w1 >>> 24]! + HEX[(w1 >>> 16) & 255]! + '-' +
    HEX[b6]! + HEX[w1 & 255]! + '-' + HEX[b8]! + HEX[(w2 >>> 16) & 255]! + '-' + HEX[(w2 >>> 8) & 255]! + HEX[w2 & 255]! +
    HEX[w3 >>> 24]! + HEX[(w3 >>> 16) & 255]! + HEX[(w3 >>> 8) & 255]! + HEX[w3 & 255]!
  );
}

/** Time-ordered random id for records without a natural key. */
export function newId(): string {
  return uuidv7();
}

export const unitId = (parentId: string | null, name: string): string =>
  naturalId('unit', parentId ?? 'root', name);

export const cadreId = (idNumber18: string): string => naturalId('cadre', idNumber18.toUpperCase());
