// Which sub-record ids this database holds, as a Bloom filter (docs/bundle-format.md "Sync in this code"). An
// import must refuse a sub-record that another dossier here already holds under the same id; the question is
// asked of every incoming sub-record that is new to the dossier it names. The filter answers "certainly not held"
// for nearly all of them without reading anything per id; a "maybe" is settled exactly by the change index's rows.
// It replaced a multi-entry index over every sub-record id, which cost one IndexedDB index entry per record —
// 2,000,000 at district size, most of an import's write time. Ids are never removed (a deleted record stays as a
// tombstone, and sub-records never move between dossiers), so a Bloom filter, which cannot forget, fits.
//
// Sized for 4,000,000 ids (twice a 100,000-cadre district): 256 shards of 64 KiB, 16 probes per id, all in the id's
// shard, so adding or asking about one id touches one shard. At 2,000,000 ids about 3 in 100 billion answers are a
// wrong "maybe"; at 4,000,000, 3 in 10 million; beyond that it only grows slower, never wrong.

export const FILTER_SHARDS = 256;
export const SHARD_BYTES = 64 * 1024;
const SHARD_BITS = SHARD_BYTES * 8;
const PROBES = 16;

/** The shard of an id and its probe positions (bit indexes within the shard). */
export interface IdProbe {
  shard: number;
  bits: Uint32Array;
}

/** Two independent 32-bit FNV-1a style hashes of the id's UTF-16 code units. */
function hashes(id: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  // final mixing (murmur3's), so that ids differing in the last character still spread over all bits
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, 0x85ebca6b);
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return [a >>> 0, b >>> 0];
}

/** Where an id lives in the filter: the shard from one hash, the probes by double hashing within it. */
export function probeOf(id: string): IdProbe {
  const [a, b] = hashes(id);
  const shard = a >>> 24;
  const step = (b | 1) >>> 0;
  const bits = new Uint32Array(PROBES);
  let at = (a & 0xffffff) ^ (b >>> 8);
  for (let i = 0; i < PROBES; i++) {
    bits[i] = at % SHARD_BITS;
    at = (at + step) >>> 0;
  }
  return { shard, bits };
}

/** Sets the id's bits in its shard (a SHARD_BYTES array). */
export function addToShard(shard: Uint8Array, probe: IdProbe): void {
  for (const bit of probe.bits) shard[bit >>> 3]! |= 1 << (bit & 7);
}

/** False: the id was certainly never added. True: it may have been. */
export function shardMayHold(shard: Uint8Array | undefined, probe: IdProbe): boolean {
  if (!shard) return false;
  for (const bit of probe.bits) if ((shard[bit >>> 3]! & (1 << (bit & 7))) === 0) return false;
  return true;
}
