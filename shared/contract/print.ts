import type { MethodSpec } from './method';

/** Printing's part of the IPC contract (docs/architecture.md#ipc-contract): filled in by the printing feature. */
export const printMethods = {} as const satisfies Record<`print.${string}`, MethodSpec>;
