// The main process's side of the supervision log, for renderer tests: like electron/supervision/chainSigner.ts it
// signs only extensions of its last head, and checks a signature against what it signed.
import type { ChainApi } from '../../../renderer/db/supervision';
import { UserError } from '../../../shared/errors';
import { firstBrokenLink, type ChainHead } from '../../../shared/rules/supervisionChain';

export function fakeChainSigner(): ChainApi & { heads: ChainHead[] } {
  const heads: ChainHead[] = [];
  const sig = (h: ChainHead) => btoa(`${h.seq}:${h.hash}`);
  return {
    heads,
    signHead: async ({ entries }) => {
      const broken = firstBrokenLink(entries, heads.at(-1));
      if (broken) throw new UserError(`监督日志未能签署：${broken.reason}`);
      const head = { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash };
      heads.push(head);
      return { ...head, signature: sig(head) };
    },
    checkHead: async (input) => ({ signatureValid: input ? input.signature === sig(input.head) : null, heads: [...heads], gaps: [] }),
  };
}
