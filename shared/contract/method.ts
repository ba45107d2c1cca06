import type { z } from 'zod';

/**
 * One method of the IPC contract (docs/architecture.md#ipc-contract): at most one argument, validated by `input`
 * in the main process before its handler runs; `output` documents (and in tests checks) what comes back.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> => ({
  input,
  output,
});
