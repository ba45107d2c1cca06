import { createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../shared/errors';
import { firstBrokenLink, headText, type ChainEntry, type ChainGap, type ChainHead } from '../../shared/rules/supervisionChain';

// The main process's side of the supervision log (docs/supervision.md "Hash-chained log"): it signs the head of
// the renderer's chain with the installation's Ed25519 key — but only a batch that continues the last head it
// signed, checked entry by entry — and keeps every head it signed in an append-only file beside the keys. An entry
// edited straight in IndexedDB breaks the chain; one edited and re-chained no longer matches these heads, and
// cannot be signed again, since the key never leaves this process.
//
// When the heads file is lost (deleted, or restored from a backup older than the log) the batch no longer starts
// right after the last head kept here. Refusing would stop every later signing for good; instead signing starts
// again at the chain as found — a restart line `R <seq> <hash>` is kept — and the entries before it become a gap
// that verification shows: they cannot be checked against signed heads, and the user sees it.

export const HEADS_FILE = 'supervision-heads.log';

export interface ChainSigner {
  sign(entries: readonly ChainEntry[]): Promise<ChainHead & { signature: string }>;
  check(head: ChainHead, signature: string): boolean;
  /** The heads signed (and the restart points), in order. */
  heads(): Promise<ChainHead[]>;
  /** The entries whose signed heads were lost, before each restart. */
  gaps(): Promise<ChainGap[]>;
}

const LINE = /^(R )?(\d+) ([0-9a-f]{64})$/;

export function createChainSigner(keysDir: string, identity: { installationId: string; signingPrivateKey: KeyObject }): ChainSigner {
  const file = path.join(keysDir, HEADS_FILE);
  const publicKey = createPublicKey(identity.signingPrivateKey);
  let cache: { heads: ChainHead[]; gaps: ChainGap[] } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const load = async () => {
    if (cache) return cache;
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? '' : Promise.reject(e)));
    const heads: ChainHead[] = [];
    const gaps: ChainGap[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      const m = LINE.exec(line);
      if (!m) throw new UserError(`本机的监督日志签署记录（${file}）已损坏，请从备份恢复 keys 文件夹，或联系系统管理员。`);
      const head = { seq: Number(m[2]), hash: m[3]! };
      if (m[1]) gaps.push({ from: (heads.at(-1)?.seq ?? 0) + 1, to: head.seq });
      heads.push(head);
    }
    return (cache = { heads, gaps });
  };

  const signBatch = async (entries: readonly ChainEntry[]) => {
    // the file removed while the app runs: what it held is lost as surely as at a start
    if (cache?.heads.length && !(await fs.stat(file).then(() => true, () => false))) cache = undefined;
    const { heads, gaps } = await load();
    const first = entries[0];
    if (!first) throw new UserError('监督日志未能签署：没有要签署的日志。');
    let last = heads.at(-1);
    let lines = '';
    let gap: ChainGap | undefined;
    if (first.seq > (last?.seq ?? 0) + 1) {
      // the heads of the entries before this batch are not here: start again at the chain as found, and say so
      gap = { from: (last?.seq ?? 0) + 1, to: first.seq - 1 };
      last = { seq: first.seq - 1, hash: first.prev };
      lines += `R ${last.seq} ${last.hash}\n`;
    }
    const broken = firstBrokenLink(entries, last);
    if (broken) {
      throw new UserError(`监督日志未能签署：${broken.reason}。请在“监督管理 → 日志校验”中校验日志，并联系系统管理员。`);
    }
    const head = { seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash };
    lines += `${head.seq} ${head.hash}\n`;
    await fs.mkdir(keysDir, { recursive: true, mode: 0o700 });
    await fs.appendFile(file, lines, { mode: 0o600 });
    if (gap) {
      heads.push(last!);
      gaps.push(gap);
    }
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
    heads: async () => [...(await load()).heads],
    gaps: async () => [...(await load()).gaps],
  };
}
