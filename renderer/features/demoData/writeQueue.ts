// The demo load's writes, a few at a time (renderer/features/demoData/loadDemoData.ts). IndexedDB runs transactions
// over the same stores in the order they were made, so a batch's transaction can be made — its values cloned and
// handed to the database — while the batch before it still commits: the database never waits for the page, and the
// page goes on generating. With one write at a time the database idled while the page cloned each batch, and the
// page while the database committed it (docs/architecture.md "Write path").

/** What a write is given: settles once every write queued before it has (rejected if any of them failed). */
export type Before = Promise<void>;

export interface WriteQueue {
  /**
   * Starts `write` once fewer than the limit are running (waiting for one to end first), and returns. A write that
   * reports progress awaits `before` first, so that reports come in the order the writes were queued. Throws the
   * first failure of any write so far, and starts nothing after it.
   */
  add(write: (before: Before) => Promise<void>): Promise<void>;
  /** Waits until every write queued has ended, then throws the first failure, if any. */
  drain(): Promise<void>;
}

export function writeQueue(limit: number): WriteQueue {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | null = null;
  // every write so far done (rejected at the first failure)
  let done: Promise<void> = Promise.resolve();
  const surface = () => {
    if (failure) throw failure.error;
  };
  return {
    async add(write) {
      surface();
      while (running.size >= limit) {
        await Promise.race(running);
        surface();
      }
      const before = done;
      const run = write(before);
      done = Promise.all([before, run]).then(() => undefined);
      done.catch(() => undefined); // surfaced through `failure`
      const settled = run.then(
        () => undefined,
        (error: unknown) => {
          failure ??= { error };
        },
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
    },
    async drain() {
      // nothing is added while draining; a write leaves `running` once it has ended
      while (running.size) await Promise.all(running);
      surface();
    },
  };
}
