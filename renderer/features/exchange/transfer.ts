import { UserError } from '../../../shared/errors';
import type { CadreDeskApi, MethodResult } from '../../../shared/ipc';
import type { PeerScope } from '../../../shared/sync/scope';
import type { BundleScope } from '../../../shared/sync/bundleMeta';
import { ndjsonBytes } from '../../sync/ndjsonBytes';
import type { CadreDb } from '../../db/database';
import {
  applyImport,
  assertImportable,
  blobHashesOf,
  checkBundle,
  commitExport,
  discardStaging,
  planExport,
  holdersToFind,
  LiveTables,
  PreviewTally,
  readExport,
  sealMeta,
  stageBlob,
  checkEntry,
  storeEntry,
  type ApplyResult,
  type ExportTarget,
  type Preview,
} from '../../sync';

// The 数据交换 wizards' work (docs/bundle-format.md "Export and import procedure"): the sync engine
// (renderer/sync/) decides what to send and how to merge; the main process seals and opens the file. Records
// cross in NDJSON batches; photos after them, each named by its hash.

type Api = Pick<CadreDeskApi, 'exchange' | 'sync'>;
export type Opened = MethodResult<'exchange.open'>;

export interface Progress {
  done: number;
  total: number;
  /** the step under way once the records are written: the read-back, which reads the whole file from the stick */
  phase?: string;
}

/** What the export says while it reads the bundle back (a minute or more for gigabytes on a slow stick). */
export const READ_BACK_PHASE = '正在从U盘读回数据包，逐块核对写入的内容';

const ENTRY_BYTES = 4 * 1024 * 1024;

interface ExportOptions {
  self: string;
  path: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}
type Exported = { records: number; photos: number; bytes: number; full: boolean };

/** Writes a bundle to a trusted peer (its fixed scope; full or incremental) and commits the stream once verified. */
export function exportToPeer(db: CadreDb, api: Api, options: ExportOptions & { peerId: string; scope: PeerScope; forceFull: boolean }): Promise<Exported> {
  const target = { kind: 'peer', peerId: options.peerId, scope: options.scope, forceFull: options.forceFull } as const;
  return exportBundle(db, api, target, { peer: options.peerId }, options);
}

/**
 * Writes a passphrase bundle of a freely chosen scope (units' subtrees and tables; always full): for a machine
 * that is not a peer, or a one-off hand-over. A restricted table travels only when the scope names it.
 */
export function exportWithPassphrase(db: CadreDb, api: Api, options: ExportOptions & { scope: BundleScope; passphrase: string }): Promise<Exported> {
  return exportBundle(db, api, { kind: 'passphrase', scope: options.scope }, { passphrase: options.passphrase }, options);
}

async function exportBundle(db: CadreDb, api: Api, target: ExportTarget, to: { peer: string } | { passphrase: string }, options: ExportOptions): Promise<Exported> {
  const plan = await planExport(db, options.self, target, api.sync);
  const { sealId } = await api.exchange.sealBegin({ path: options.path, to, meta: sealMeta(plan) });
  let records = 0;
  try {
    const hashes = new Set<string>();
    let batch: string[] = [];
    let size = 0;
    const flush = async () => {
      if (!batch.length) return;
      await api.exchange.sealRecords({ sealId, ndjson: ndjsonBytes(batch) });
      batch = [];
      size = 0;
    };
    for await (const lines of readExport(db, plan)) {
      if (options.signal?.aborted) throw new UserError('已取消导出，没有留下文件。');
      for (const line of lines) {
        for (const h of blobHashesOf(line)) hashes.add(h);
        const text = `${JSON.stringify(line)}\n`;
        batch.push(text);
        size += text.length * 3;
        if (size >= ENTRY_BYTES) await flush();
      }
      records += lines.length;
      options.onProgress?.({ done: records, total: 0 });
    }
    await flush();
    let photos = 0;
    for (const hash of hashes) {
      if (options.signal?.aborted) throw new UserError('已取消导出，没有留下文件。');
      const blob = await db.blobs.get(hash);
      if (!blob) continue;
      await api.exchange.sealBlob({ sealId, sha256: hash, bytes: new Uint8Array(await blob.data.arrayBuffer()) });
      photos++;
    }
    options.onProgress?.({ done: records, total: 0, phase: READ_BACK_PHASE });
    const sealed = await api.exchange.sealFinish({ sealId });
    await commitExport(db, plan, { bundleHash: sealed.bundleHash, records, bytes: sealed.bytes });
    return { records, photos, bytes: sealed.bytes, full: plan.full };
  } catch (error) {
    await api.exchange.sealAbort({ sealId }).catch(() => undefined);
    throw error;
  }
}

/** The image type of a photo from its first bytes (bundles carry blobs by content only). */
export function imageTypeOf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  return 'application/octet-stream';
}

/** Pass 1 and the ledger: verified, and importable here (or a gap, which the caller shows). */
export async function openForImport(db: CadreDb, api: Api, options: { self: string; path: string; passphrase?: string }) {
  const opened = await api.exchange.open({ path: options.path, passphrase: options.passphrase || undefined });
  const decision = await checkBundle(db, options.self, opened.meta);
  try {
    assertImportable(decision);
  } catch (error) {
    await api.exchange.close({ openId: opened.openId }).catch(() => undefined);
    throw error;
  }
  return { opened, decision };
}

/**
 * Pass 2: every record and photo into staging, and the preview counted as the entries arrive. The live data is not
 * touched. The next entry is asked of the main process while this one is checked and stored, and an entry's
 * staging write and its preview's reads go to IndexedDB together: on a two-core office PC the decryption, the
 * checks and IndexedDB then run side by side rather than in turn.
 */
export async function stageImport(db: CadreDb, api: Api, opened: Opened, onProgress?: (p: Progress) => void): Promise<Staged> {
  await discardStaging(db);
  const total = Object.values(opened.counts).reduce((a, b) => a + b, 0);
  const tally = new PreviewTally();
  const findHolders = await holdersToFind(db);
  const live = await LiveTables.of(db);
  let done = 0;
  const ask = () => {
    const reading = api.exchange.read({ openId: opened.openId });
    reading.catch(() => undefined); // awaited below; a refusal after this loop has stopped must not go unhandled
    return reading;
  };
  let next = ask();
  let bundleHash: string | undefined;
  for (;;) {
    const { entries, done: finished, bundleHash: hash } = await next;
    bundleHash = hash;
    if (!finished) next = ask();
    for (const entry of entries) {
      if (entry.kind === 'blob') {
        const type = imageTypeOf(entry.bytes);
        await stageBlob(db, { hash: entry.sha256, type, data: new Blob([entry.bytes as Uint8Array<ArrayBuffer>], { type }) });
        tally.blobs++;
        continue;
      }
      const lines = checkEntry(entry.ndjson);
      await Promise.all([storeEntry(db, entry.ndjson, lines.length), tally.add(db, live, lines, findHolders)]);
      done += lines.length;
    }
    onProgress?.({ done, total });
    if (finished) break;
  }
  // the main process reports it with the last entries; without it the ledger could not record this bundle
  if (!bundleHash) throw new UserError('程序内部错误：读取数据包后没有得到它的摘要，请重新导入。');
  return { preview: tally.result(), bundleHash };
}

/** What pass 2 gives: the preview, and the bundle hash the ledger records (of the file as pass 2 read it). */
export interface Staged {
  preview: Preview;
  bundleHash: string;
}

/** The one apply transaction. */
export function applyStaged(db: CadreDb, opened: Opened, staged: Staged, self: string): Promise<ApplyResult> {
  const expectedRecords = Object.values(opened.counts).reduce((a, b) => a + b, 0);
  return applyImport(db, self, opened.meta, { hash: staged.bundleHash, expectedRecords });
}
