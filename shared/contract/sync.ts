import type { MethodSpec } from './method';

/** The exchange's part of the IPC contract (docs/architecture.md#ipc-contract): filled in by the sync feature. */
export const syncMethods = {} as const satisfies Record<`sync.${string}`, MethodSpec>;
