import { z } from 'zod';
import { ChainEntrySchema, ChainGapSchema, ChainHeadSchema } from '../rules/supervisionChain';
import { method, type MethodSpec } from './method';

// 管理监督's part of the IPC contract (docs/architecture.md#ipc-contract; docs/supervision.md "Hash-chained log"):
// the renderer keeps the log; the main process, which alone holds the installation's Ed25519 key, signs its head
// after each write batch — only a batch that extends the head it signed last — and keeps the heads it signed.
// No key material crosses: the renderer gets signatures and answers.

const SignatureSchema = z.string().regex(/^[A-Za-z0-9+/]+=*$/).max(200);

export const supervisionMethods = {
  /** Signs the head after `entries`, which must continue the last head signed here. */
  'supervision.signHead': method(
    z.object({ entries: z.array(ChainEntrySchema).min(1).max(10_000) }),
    z.object({ seq: z.number().int().positive(), hash: z.string(), signature: SignatureSchema }),
  ),
  /**
   * Checks a head's signature, and gives the heads signed here so far (in order) and the gaps: entries whose signed
   * heads were lost, after which signing started again.
   */
  'supervision.checkHead': method(
    z.object({ head: ChainHeadSchema, signature: SignatureSchema }).nullable(),
    z.object({ signatureValid: z.boolean().nullable(), heads: z.array(ChainHeadSchema), gaps: z.array(ChainGapSchema) }),
  ),
} as const satisfies Record<`supervision.${string}`, MethodSpec>;
