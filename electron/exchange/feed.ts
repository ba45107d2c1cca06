/**
 * Items handed from IPC calls to a consumer that pulls them one at a time (the bundle writer's `entries`), with
 * back-pressure: `push` resolves once the consumer has finished with the item and asked for the next, so the
 * renderer never has more than one batch in flight and the main process holds constant memory.
 */
export function createFeed<T>() {
  const queue: { item: T; taken: () => void; failed: (e: unknown) => void }[] = [];
  let current: { taken: () => void; failed: (e: unknown) => void } | null = null;
  let wake: (() => void) | null = null;
  let closed = false;
  let failure: { error: unknown } | null = null;

  const rouse = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  return {
    push(item: T): Promise<void> {
      if (failure) return Promise.reject(failure.error);
      if (closed) return Promise.reject(new Error('feed closed'));
      return new Promise<void>((taken, failed) => {
        queue.push({ item, taken, failed });
        rouse();
      });
    },
    /** No more items: the consumer's loop ends after the queued ones. */
    close(): void {
      closed = true;
      rouse();
    },
    /** The consumer failed or the run was cancelled: every waiting push rejects with this error. */
    fail(error: unknown): void {
      failure ??= { error };
      current?.failed(error);
      current = null;
      for (const w of queue.splice(0)) w.failed(error);
      rouse();
    },
    async *items(): AsyncGenerator<T> {
      for (;;) {
        current?.taken();
        current = null;
        while (!queue.length && !closed && !failure) await new Promise<void>((r) => (wake = r));
        if (failure) throw failure.error;
        const next = queue.shift();
        if (!next) return;
        current = next;
        yield next.item;
      }
    },
  };
}
