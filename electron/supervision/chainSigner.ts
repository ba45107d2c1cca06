import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { firstBrokenLink, headText, type ChainEntry, type ChainHead } from '../../shared/rules/supervisionChain';

// The main process's side of the supervision log (docs/supervision.md "Hash-chained log"): it signs the head of
// the renderer's chain with the installation's Ed25519 key — but only a batch that continues the last head it
// signed, checked entry by entry — and keeps every head it signed in an append-only file beside the keys. An entry
// edited straight in IndexedDB breaks the chain; one edited and re-chained no longer matches these heads, and
// cannot be signed again, since the key never leaves this process.

export const HEADS_FILE = 'supervision-heads.log';

export interface ChainSigner {
  sign(entries: readonly ChainEntry[]): Promise<ChainHead & { signature: string }>;
  check(head: ChainHead, signature: string): boolean;
  heads(): Promise<ChainHead[]>;
}

const LINE = /^(\d+) ([0-9a-f]{64})$/;

export function createChainSigner(keysDir: string, identity: { installationId: string; signingPrivateKey: KeyObject }): ChainSigner {
  const file = path.join(keysDir, HEADS_FILE);
  const publicKey = createPublicKey(identity.signingPrivateKey);
  let cache: ChainHead[] | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async (): Promise<ChainHead[]> => {
    if (cache) return cache;
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
    const heads: ChainHead[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      const m = LINE.exec(line);
      if (!m) throw new UserError(`本机的监督日志签署记录（${file}）已损坏，请从备份恢复 keys 文件夹，或联系系统管理员。`);
      heads.push({ seq: Number(m[1]), hash: m[2]! });
    }
    return (cache = heads);
  };

  const signBatch = async (entries: readonly ChainEntry[]) => {
    const heads = await load();
    const last = heads.at(-1);
    const broken = firstBrokenLink(entries, last);
    if (broken) {
      throw new UserError(`监督日志未能签署：${broken.reason}。请在“监督管理 → 日志校验”中校验日志，并联系系统管理员。`);
    }
    const head = { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash };
    await fs.mkdir(keysDir, { recursive: true, mode: 0o700 });
    await fs.appendFile(file, `${head.seq} ${head.hash}\n`, { mode: 0o600 });
    heads.push(head);
    return { ...head, signature: sign(null, Buffer.from(headText(identity.installationId, head)), identity.signingPrivateKey).toString('base64') };
  };

  return {
    // one batch at a time: two windows cannot both extend the same head
    sign: (entries) => {
      const next = queue.then(() => signBatch(entries));
      queue = next.catch(() => undefined);
      return next;
    },
    check: (head, signature) => verify(null, Buffer.from(headText(identity.installationId, head)), publicKey, Buffer.from(signature, 'base64')),
    heads: async () => [...(await load())],
  };
}
