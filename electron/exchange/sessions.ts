import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { UserError } from '../../shared/errors';
import type { ExchangeEntry } from '../../shared/contract/exchange';
import type { SealMeta } from '../../shared/sync/bundleMeta';
import { openBundle, sealBundle, type EntrySource, type OpenedBundle, type SealResult, type TrustResolver } from '../bundle';
import type { Unlock } from '../bundle/header';
import { ENTRY } from '../bundle/container';
import type { Identity } from '../keys/identity';
import { buildCard, recipientOf, verifyCard } from '../keys/card';
import { findPeer, trustResolver, type PeerStore } from '../keys/peers';
import { backupCardLine, embeddedCard } from '../backup/embeddedCard';
import { createFeed } from './feed';
import { writeFailure } from './writeErrors';

// Bundles written from and read into the renderer a batch at a time (docs/bundle-format.md "Export and import
// procedure"). The main process holds one batch at a time, never the database; every session is named by a random
// id that only the page that opened it learns.

export interface ExchangeEffects {
  identity: Identity;
  peers: PeerStore;
  appVersion: string;
  /** The installation's name as peers see it (the profile's). */
  installationName(): Promise<string>;
}

/** Progress, in bytes, for a task the renderer named (the `progress` event to the calling window). */
export type OnProgress = (taskId: string, label: string, done: number, total: number) => void;

type SealTo = { peer: string } | { passphrase: string };

interface SealSession {
  feed: ReturnType<typeof createFeed<EntrySource>>;
  sealed: Promise<SealResult>;
  abort: AbortController;
  unlock: Unlock;
  bytesWritten: number;
  blobsStarted: boolean;
}

interface OpenSession {
  path: string;
  unlock: Unlock;
  trust: TrustResolver;
  opened: OpenedBundle;
  reading: Reader | null;
}

const newId = () => randomBytes(16).toString('hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const abortError = () => new UserError('已取消。');

/** The session or a plain message: a page that lost its session (reloaded) is told to start again. */
function sessionOf<T>(sessions: Map<string, T>, id: string): T {
  const session = sessions.get(id);
  if (!session) throw new UserError('这次数据交换已经结束或被取消，请重新开始。');
  return session;
}

export function createExchangeSessions(fx: ExchangeEffects) {
  const seals = new Map<string, SealSession>();
  const opens = new Map<string, OpenSession>();
  const self = fx.identity;
  const selfRecipient = { installationId: Buffer.from(self.installationId, 'hex'), encryptionKey: self.encryptionPublicKey };
  const selfUnlock: Unlock = { kind: 'identity', installationId: Buffer.from(self.installationId, 'hex'), encryptionPrivateKey: self.encryptionPrivateKey };

  /** Peers as the reader asks, and this installation itself (its own backups and exports read back). */
  const trustWithSelf = async (): Promise<TrustResolver> => {
    const peers = trustResolver(await fx.peers.load());
    const name = await fx.installationName();
    return (id) => (id === self.installationId ? { state: 'trusted', signingKey: self.signingPublicKey, name } : peers(id));
  };

  return {
    async sealBegin(input: { path: string; to: SealTo; meta: SealMeta; taskId?: string; onProgress?: OnProgress }): Promise<string> {
      let to: { recipient: ReturnType<typeof recipientOf>; alsoTo: typeof selfRecipient } | { passphrase: string };
      let unlock: Unlock;
      if ('peer' in input.to) {
        const peer = findPeer(await fx.peers.load(), input.to.peer);
        if (!peer) throw new UserError('找不到这个交换对象，请先导入它的联系卡。');
        if (peer.trust !== 'trusted') {
          throw new UserError(peer.trust === 'revoked' ? `“${peer.name}”已被撤销信任，不能再向它发送数据。` : `“${peer.name}”的指纹尚未核对，请先核对指纹并确认信任。`);
        }
        to = { recipient: recipientOf(verifyCard(peer.card)), alsoTo: selfRecipient };
        unlock = selfUnlock;
      } else {
        to = { passphrase: input.to.passphrase };
        unlock = { kind: 'passphrase', passphrase: input.to.passphrase };
      }
      const feed = createFeed<EntrySource>();
      const abort = new AbortController();
      const id = newId();
      const session: SealSession = { feed, abort, unlock, bytesWritten: 0, blobsStarted: false, sealed: null as unknown as Promise<SealResult> };
      session.sealed = sealBundle({
        signer: { installationId: self.installationId, name: await fx.installationName(), signingPrivateKey: self.signingPrivateKey },
        to,
        meta: { ...input.meta, appVersion: fx.appVersion },
        entries: feed.items(),
        out: input.path,
        // sealBlob has checked every blob against its name: the writer need not hash its content a second time
        blobNamesVerified: true,
        // sealFinish reads the bundle back and takes its hash from there: no need to hash it while writing
        hashFile: false,
        signal: abort.signal,
        onProgress: (bytes) => {
          session.bytesWritten = bytes;
          if (input.taskId) input.onProgress?.(input.taskId, '正在写入数据包', bytes, 0);
        },
      }).catch((error: unknown) => {
        // a full disk, a pulled USB stick: said in Chinese (the writer removed its unfinished files)
        throw writeFailure(error);
      });
      // a failed or cancelled write ends every waiting batch with its error; the writer removed its files
      session.sealed.catch((error: unknown) => feed.fail(error));
      seals.set(id, session);
      if (input.meta.kind === 'backup') {
        // the first line: this installation's card, so a replaced PC can check who made the backup
        const line = backupCardLine(buildCard(self, await fx.installationName()));
        await feed.push({ kind: 'records', length: line.byteLength, data: line });
      }
      return id;
    },

    async sealRecords(sealId: string, ndjson: Uint8Array): Promise<number> {
      const session = sessionOf(seals, sealId);
      if (session.blobsStarted) throw new UserError('程序内部错误：记录须在附件之前写入。');
      await session.feed.push({ kind: 'records', length: ndjson.byteLength, data: ndjson });
      return session.bytesWritten;
    },

    async sealBlob(sealId: string, hash: string, bytes: Uint8Array): Promise<number> {
      const session = sessionOf(seals, sealId);
      // a blob is named by its hash: a mismatch is a damaged attachment in this database, never to be sent on
      if (sha256(bytes) !== hash) throw new UserError(`附件 ${hash.slice(0, 12)}… 的内容与其摘要不符，可能已损坏，未写入数据包。`);
      session.blobsStarted = true;
      await session.feed.push({ kind: 'blob', sha256: hash, length: bytes.byteLength, data: bytes });
      return session.bytesWritten;
    },

    /**
     * Finishes the file, then reads it back from where it was written and verifies every byte. The bundle hash is
     * the read-back's: of the bytes as they came back from the disk, what the receiver will hash too.
     */
    async sealFinish(sealId: string): Promise<SealResult & { bundleHash: string }> {
      const session = sessionOf(seals, sealId);
      seals.delete(sealId);
      session.feed.close();
      const result = await session.sealed;
      try {
        const check = await openBundle({ file: result.parts[0]!, unlock: session.unlock, trust: await trustWithSelf(), destination: result.meta.destination });
        // every chunk and the signature verified: what is there is a whole bundle of ours; this one, not another
        if (check.meta.bundleId !== result.bundleId || !check.bundleHash) throw new Error('another bundle on read-back');
        return { ...result, bundleHash: check.bundleHash };
      } catch {
        await Promise.all(result.parts.map((p) => fs.rm(p, { force: true })));
        throw new UserError('数据包写入后读回校验未通过（U盘可能损坏或已拔出），已删除写坏的文件。请换一个U盘或位置重试。');
      }
    },

    async sealAbort(sealId: string): Promise<boolean> {
      const session = seals.get(sealId);
      if (!session) return false;
      seals.delete(sealId);
      session.abort.abort();
      session.feed.fail(abortError());
      await session.sealed.catch(() => undefined);
      return true;
    },

    /** Pass 1: everything decrypted and verified, nothing kept but META and the counts. */
    async open(input: { path: string; passphrase?: string; taskId?: string; onProgress?: OnProgress }): Promise<{ openId: string; opened: OpenedBundle }> {
      const unlock: Unlock = input.passphrase ? { kind: 'passphrase', passphrase: input.passphrase } : selfUnlock;
      const known = await trustWithSelf();
      // a passphrase backup by a signer not trusted here (a replaced PC) is checked against the card inside it
      const embedded = input.passphrase ? embeddedCard() : null;
      const trust: TrustResolver = (id) => {
        const decision = known(id);
        if (!embedded || (decision.state !== 'unknown' && decision.state !== 'pending')) return decision;
        return { state: 'embedded', resolve: () => embedded.resolve(id) };
      };
      const opened = await openBundle({
        file: input.path,
        unlock,
        trust,
        sink: embedded?.sink,
        onProgress: (done, total) => input.taskId && input.onProgress?.(input.taskId, '正在校验数据包', done, total),
        // the bundle hash is for the ledger: pass 2 computes it, over the bytes it hands over
        hashFile: false,
      });
      const signer = embedded?.resolved();
      // pass 2 checks the signature against the same key, now known
      const again: TrustResolver = signer ? (id) => (id === opened.signer.installationId ? { state: 'trusted', ...signer } : known(id)) : known;
      const openId = newId();
      opens.set(openId, { path: input.path, unlock, trust: again, opened, reading: null });
      return { openId, opened };
    },

    /** Pass 2, a few entries at a time. */
    async read(openId: string): Promise<{ entries: ExchangeEntry[]; done: boolean }> {
      const session = sessionOf(opens, openId);
      session.reading ??= startReader(session);
      const batch = await session.reading.next();
      if (batch.done) opens.delete(openId);
      return batch;
    },

    async close(openId: string): Promise<boolean> {
      const session = opens.get(openId);
      if (!session) return false;
      opens.delete(openId);
      await session.reading?.cancel();
      return true;
    },
  };
}

export type ExchangeSessions = ReturnType<typeof createExchangeSessions>;

/** Up to this much plaintext is handed over per exchange.read. */
const BATCH_BYTES = 8 * 1024 * 1024;

interface Reader {
  /** `bundleHash` comes with `done` */
  next(): Promise<{ entries: ExchangeEntry[]; done: boolean; bundleHash?: string }>;
  cancel(): Promise<void>;
}

/**
 * Decrypts the bundle a second time, handing whole entries over as the renderer asks for them: the reader waits
 * while a batch is ready and not yet taken, so memory stays at about one batch. The file must hold the bundle pass
 * 1 verified (its META, id included, and manifest, both signed, so the same content): another fails the read at the
 * end. This pass computes the bundle hash, for the ledger.
 */
function startReader(session: OpenSession): Reader {
  const ready: ExchangeEntry[] = [];
  let readyBytes = 0;
  let finished = false;
  let failure: unknown = null;
  let wakeConsumer: (() => void) | null = null;
  let wakeProducer: (() => void) | null = null;
  const abort = new AbortController();
  const rouse = (which: 'consumer' | 'producer') => {
    const w = which === 'consumer' ? wakeConsumer : wakeProducer;
    if (which === 'consumer') wakeConsumer = null;
    else wakeProducer = null;
    w?.();
  };

  let chunks: Buffer[] = [];
  let bundleHash = '';
  const reading = openBundle({
    file: session.path,
    unlock: session.unlock,
    trust: session.trust,
    signal: abort.signal,
    sink: {
      start: () => {
        chunks = [];
      },
      data: (_entry, bytes) => {
        chunks.push(Buffer.from(bytes));
      },
      end: async (entry) => {
        if (entry.kind === ENTRY.META) return;
        const bytes = new Uint8Array(Buffer.concat(chunks));
        chunks = [];
        ready.push(entry.kind === ENTRY.RECORDS ? { kind: 'records', ndjson: bytes } : { kind: 'blob', sha256: entry.name, bytes });
        readyBytes += bytes.byteLength;
        rouse('consumer');
        while (readyBytes >= BATCH_BYTES && !abort.signal.aborted) await new Promise<void>((r) => (wakeProducer = r));
      },
    },
  }).then((again) => {
    // what pass 1 decided on (META: seq, knowledge …) and what was staged (the manifest), both signed
    const same = JSON.stringify(again.meta) === JSON.stringify(session.opened.meta) && JSON.stringify(again.manifest) === JSON.stringify(session.opened.manifest);
    if (!same || !again.bundleHash) throw new UserError('数据包在校验后被改动过，请重新选择文件导入。');
    bundleHash = again.bundleHash;
  });
  reading.then(
    () => {
      finished = true;
      rouse('consumer');
    },
    (error: unknown) => {
      failure = error;
      rouse('consumer');
    },
  );

  return {
    async next() {
      while (!ready.length && !finished && failure === null) await new Promise<void>((r) => (wakeConsumer = r));
      if (failure !== null) throw failure;
      const entries = ready.splice(0);
      readyBytes = 0;
      rouse('producer');
      const done = finished && !ready.length;
      return done ? { entries, done, bundleHash } : { entries, done };
    },
    async cancel() {
      abort.abort();
      rouse('producer');
      await reading.catch(() => undefined);
    },
  };
}
