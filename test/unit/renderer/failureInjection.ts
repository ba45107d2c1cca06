import { vi } from 'vitest';
import type { CadreDb } from '../../../renderer/db/database';

// Failure injection for the all-or-nothing paths (docs/architecture.md "Backup and restore"): a write that fails
// half-way through a transaction, the way a bug or a full disk makes it fail, and a dump of every table to prove
// that what is stored afterwards is exactly what was stored before. Runs on fake-indexeddb, under Node's own Blob
// (a file using it says `@vitest-environment node`, see blobs.test.ts for why).

/** How the injected write fails. */
export type Failure =
  /** a bug: the request throws a plain error */
  | 'thrown'
  /** the disk is full: the request itself is refused with a QuotaExceededError */
  | 'quota'
  /**
   * the disk fills at commit (what Chromium does): every request of the transaction succeeds, then the
   * transaction aborts with a QuotaExceededError; failHalfWay picks the last write of the half-way transaction
   */
  | 'quotaAtCommit';

export const FAILURES: readonly Failure[] = ['thrown', 'quota', 'quotaAtCommit'];

const WRITES = ['put', 'add', 'delete', 'clear'] as const;

export const INJECTED = '注入的故障';

/**
 * Counts every write request (put, add, delete, clear) on any object store from now on; at the `failAt`-th one
 * (1-based) it fails as `failure` says. `restore()` puts IndexedDB back as it was.
 */
export function injectWriteFailure(options: { failAt: number; failure: Failure } | { failAt: null }): {
  writes: () => number;
  /** For each write (0-based), which transaction it ran in, numbered in order of their first write. */
  transactions: () => number[];
  restore: () => void;
} {
  let writes = 0;
  const numbers = new Map<IDBTransaction, number>();
  const transactions: number[] = [];
  const spies = WRITES.map((name) => {
    const original = IDBObjectStore.prototype[name] as (...args: unknown[]) => IDBRequest;
    return vi.spyOn(IDBObjectStore.prototype, name).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      writes++;
      if (!numbers.has(this.transaction)) numbers.set(this.transaction, numbers.size);
      transactions.push(numbers.get(this.transaction)!);
      if (options.failAt === null || writes !== options.failAt) return original.apply(this, args);
      if (options.failure === 'thrown') throw new Error(INJECTED);
      if (options.failure === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      const request = original.apply(this, args);
      // What Chromium does when the disk fills at commit: the transaction's requests all succeed (reads after this
      // write too), and when it would complete it aborts with that error's name instead (fake-indexeddb's internal
      // abort, called where it would mark the transaction finished).
      const tx = this.transaction as unknown as { error: unknown; _abort(name: string): void; _markFinished(): void };
      const finish = tx._markFinished.bind(tx);
      let aborted = false;
      tx._markFinished = () => {
        if (!aborted && !tx.error) {
          aborted = true;
          tx._abort('QuotaExceededError');
        }
        finish();
      };
      return request;
    } as never);
  });
  return { writes: () => writes, transactions: () => transactions, restore: () => spies.forEach((s) => s.mockRestore()) };
}

/** Bytes of a stored Blob (Node's Blob; a jsdom Blob would have been stored as {}). */
async function plain(value: unknown): Promise<unknown> {
  if (value instanceof Blob) return { blob: value.type, bytes: Array.from(new Uint8Array(await value.arrayBuffer())) };
  if (Array.isArray(value)) return Promise.all(value.map(plain));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = await plain(v);
    return out;
  }
  return value;
}

/** Every row of every table, in primary-key order, blobs as their bytes: what "exactly as before" compares. */
export async function dumpDatabase(db: CadreDb): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of [...db.tables].sort((a, b) => a.name.localeCompare(b.name))) {
    dump[table.name] = (await plain(await table.toCollection().toArray())) as unknown[];
  }
  return dump;
}

/**
 * Runs `attempt` on a fresh copy of a scene twice: once to count its writes, once failing the write half-way
 * through them. Returns the second run's error and the counted writes; the caller compares dumps.
 */
export async function failHalfWay<T>(
  scene: () => Promise<T>,
  attempt: (scene: T) => Promise<unknown>,
  failure: Failure,
): Promise<{ scene: T; error: unknown; writes: number }> {
  const dry = await scene();
  const counting = injectWriteFailure({ failAt: null });
  try {
    await attempt(dry);
  } finally {
    counting.restore();
  }
  const writes = counting.writes();
  if (writes < 2) throw new Error(`the attempt made ${writes} writes: nothing to fail half-way`);
  const half = Math.ceil(writes / 2);
  const inTx = counting.transactions();
  const failAt = failure === 'quotaAtCommit' ? inTx.lastIndexOf(inTx[half - 1]!) + 1 : half;
  const wet = await scene();
  const failing = injectWriteFailure({ failAt, failure });
  let error: unknown = null;
  try {
    await attempt(wet);
  } catch (e) {
    error = e;
  } finally {
    failing.restore();
  }
  return { scene: wet, error, writes };
}
