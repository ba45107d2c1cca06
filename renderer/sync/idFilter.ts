import { Dexie, type EntityTable } from 'dexie';
import { addToShard, probeOf, SHARD_BYTES, shardMayHold, type IdProbe } from '../../shared/sync/idFilter';

// The sub-record id filter as stored (shared/sync/idFilter.ts; docs/bundle-format.md "Sync in this code"): one row
// per shard, read when an id of that shard is first asked about or added, kept for the life of the object (an
// import's whole apply, or one local write), and written back once, in the caller's transaction.

export interface IdFilterShard {
  shard: number;
  bits: Uint8Array;
}

export type IdFilterTable = EntityTable<IdFilterShard, 'shard'>;

export class IdFilter {
  private readonly shards = new Map<number, Uint8Array | undefined>();
  private readonly dirty = new Set<number>();

  constructor(private readonly table: IdFilterTable) {}

  // These return Dexie's own promises (then-chains, no async functions): awaited inside a transaction, a native
  // promise wrapping the read loses the transaction's zone in Dexie 4, and the transaction commits too early.

  /** Reads the shards of these ids not read yet (one bulkGet). */
  load(probes: readonly IdProbe[]): Promise<void> {
    const missing = [...new Set(probes.map((p) => p.shard))].filter((s) => !this.shards.has(s));
    if (!missing.length) return Dexie.Promise.resolve();
    return this.table.bulkGet(missing).then((rows) => {
      missing.forEach((s, i) => this.shards.set(s, rows[i]?.bits));
    });
  }

  /** Of these ids, the ones the filter may hold; the others are certainly not here. */
  mayHold(ids: readonly string[]): Promise<string[]> {
    const probes = ids.map(probeOf);
    return this.load(probes).then(() => ids.filter((_, i) => shardMayHold(this.shards.get(probes[i]!.shard), probes[i]!)));
  }

  add(ids: readonly string[]): Promise<void> {
    if (!ids.length) return Dexie.Promise.resolve();
    const probes = ids.map(probeOf);
    return this.load(probes).then(() => {
      for (const probe of probes) {
        let bits = this.shards.get(probe.shard);
        if (!bits) this.shards.set(probe.shard, (bits = new Uint8Array(SHARD_BYTES)));
        addToShard(bits, probe);
        this.dirty.add(probe.shard);
      }
    });
  }

  /** Writes the shards changed since the last save. */
  save(): Promise<void> {
    if (!this.dirty.size) return Dexie.Promise.resolve();
    const rows = [...this.dirty].map((shard) => ({ shard, bits: this.shards.get(shard)! }));
    this.dirty.clear();
    return this.table.bulkPut(rows).then(() => undefined);
  }
}

/** Whether any sub-record id was ever added here: if none was, no incoming sub-record can belong to another dossier. */
export function anyIdsHere(table: IdFilterTable): Promise<boolean> {
  return table.limit(1).primaryKeys().then((keys) => keys.length > 0);
}
