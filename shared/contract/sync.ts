import { z } from 'zod';
import { method, type MethodSpec } from './method';

/** A value of the installation's write counter (docs/bundle-format.md "Sync in this code"). */
export const CounterSchema = z.object({ counter: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) });

/** The exchange's part of the IPC contract (docs/architecture.md#ipc-contract). */
export const syncMethods = {
  /**
   * The highest write counter this identity is known to have used, kept beside the keys so that a fresh or
   * restored database on an old identity never reuses a counter. 0 when nothing was recorded yet.
   */
  'sync.counterHighWater': method(z.undefined(), CounterSchema),
  /** Raises the high-water mark to `counter` (never lowers it); returns the mark now kept. */
  'sync.recordCounter': method(CounterSchema, CounterSchema),
} as const satisfies Record<`sync.${string}`, MethodSpec>;
