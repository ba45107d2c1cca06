import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { createChainSigner } from '../supervision/chainSigner';
import type { Handlers } from './dispatch';

// 管理监督's IPC handlers (shared/contract/supervision.ts): signing and checking the supervision log's head with
// the installation's key, which stays in this process.

export interface SupervisionEffects {
  userDataDir: string;
  identity: { installationId: string; signingPrivateKey: KeyObject };
}

export function supervisionHandlers(fx: SupervisionEffects): Pick<Handlers, 'supervision.signHead' | 'supervision.checkHead'> {
  const signer = createChainSigner(path.join(fx.userDataDir, 'keys'), fx.identity);
  return {
    'supervision.signHead': ({ entries }) => signer.sign(entries),
    'supervision.checkHead': async (input) => ({
      signatureValid: input ? signer.check(input.head, input.signature) : null,
      heads: await signer.heads(),
      gaps: await signer.gaps(),
    }),
  };
}
