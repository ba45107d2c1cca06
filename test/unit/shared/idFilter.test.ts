import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToShard, FILTER_SHARDS, probeOf, SHARD_BYTES, shardMayHold } from '../../../shared/sync/idFilter';

// The sub-record id filter (docs/bundle-format.md "Sync in this code"): never a wrong "no", rarely a wrong "maybe".

function filterOf(ids: readonly string[]) {
  const shards = new Map<number, Uint8Array>();
  for (const id of ids) {
    const probe = probeOf(id);
    let bits = shards.get(probe.shard);
    if (!bits) shards.set(probe.shard, (bits = new Uint8Array(SHARD_BYTES)));
    addToShard(bits, probe);
  }
  return (id: string) => {
    const probe = probeOf(id);
    return shardMayHold(shards.get(probe.shard), probe);
  };
}

const subRecordId = (i: number) => `career:${i.toString(16).padStart(8, '0')}-4b1e-8c3a-${(i * 7919).toString(16).padStart(12, '0')}`;

describe('the sub-record id filter', () => {
  it('holds every id added to it, whatever the ids', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 60 }), { minLength: 1, maxLength: 300 }), (ids) => {
        const has = filterOf(ids);
        for (const id of ids) expect(has(id)).toBe(true);
      }),
    );
  });

  it('says "certainly not" for an id never added (no shard at all, or a missing bit)', () => {
    expect(shardMayHold(undefined, probeOf('career:x'))).toBe(false);
    const has = filterOf(['career:a', 'career:b']);
    expect(has('career:c')).toBe(false);
  });

  it('spreads ids over all shards and gives no wrong "maybe" among 100,000 others at 200,000 ids', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => subRecordId(i));
    expect(new Set(ids.map((id) => probeOf(id).shard)).size).toBe(FILTER_SHARDS);
    const has = filterOf(ids);
    let wrong = 0;
    for (let i = 200_000; i < 300_000; i++) if (has(subRecordId(i))) wrong++;
    // at this load the expected rate is below one in a billion: any hit means the hashing is broken
    expect(wrong).toBe(0);
  });

  it('keeps its hashing: a filter stored by an earlier version must still hold its ids', () => {
    // pinned: a change here silently turns stored filters into wrong "certainly not" answers — a new hashing
    // needs a schema version that rebuilds the filter from the change index's lists
    const probe = probeOf('career:0f3c2a');
    expect(probe.shard).toBe(253);
    expect([...probe.bits].slice(0, 4)).toEqual([166759, 235268, 303777, 372286]);
    expect(new Set(probe.bits).size).toBe(probe.bits.length);
    for (const bit of probe.bits) expect(bit).toBeLessThan(SHARD_BYTES * 8);
  });
});
