import { createHash } from 'node:crypto';
import { UserError } from '../../../shared/errors';
import { BACKUP_CARD_TABLE, type ExchangeEntry } from '../../../shared/contract/exchange';
import type { BundleMeta, SealMeta } from '../../../shared/sync/bundleMeta';
import type { ExchangeApi } from '../../../renderer/features/backup/backupFile';

// The main process's exchange.* methods as a backup and a restore use them, in memory: a "file" is the META and
// the entries the renderer streamed, under its passphrase. The real sealing and verifying is electron/bundle's and
// electron/exchange's, tested there (test/unit/electron/exchange.test.ts); here only the renderer's side counts.

export interface FakeSigner {
  installationId: string;
  name: string;
  fingerprint: string;
}

interface FakeFile {
  meta: BundleMeta;
  passphrase: string;
  entries: ExchangeEntry[];
  counts: Record<string, number>;
  signer: FakeSigner;
  hash: string;
}

const hex = (n: number, seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, n);

export interface FakeExchange extends ExchangeApi {
  files: Map<string, FakeFile>;
  /** Who signs what is sealed from now on. */
  signer: FakeSigner;
}

export function fakeExchange(signer: FakeSigner): FakeExchange {
  const files = new Map<string, FakeFile>();
  const seals = new Map<string, { path: string; passphrase: string; meta: SealMeta; entries: ExchangeEntry[] }>();
  const opens = new Map<string, FakeFile>();
  let n = 0;
  const id = () => hex(32, `session-${++n}`);
  const api = {
    files,
    signer,
    async sealBegin({ path, to, meta }: { path: string; to: { passphrase: string } | { peer: string }; meta: SealMeta }) {
      if (!('passphrase' in to)) throw new Error('the fake seals passphrase bundles only');
      const sealId = id();
      const entries: ExchangeEntry[] = [];
      // as the main process does: a backup's first line is its signer's card (here only its public facts)
      if (meta.kind === 'backup') {
        const card = { format: 'cadredesk-card/1', name: api.signer.name, installationId: api.signer.installationId };
        entries.push({ kind: 'records', ndjson: new TextEncoder().encode(`${JSON.stringify({ table: BACKUP_CARD_TABLE, record: card })}\n`) });
      }
      seals.set(sealId, { path, passphrase: to.passphrase, meta, entries });
      return { sealId };
    },
    async sealRecords({ sealId, ndjson }: { sealId: string; ndjson: Uint8Array }) {
      seals.get(sealId)!.entries.push({ kind: 'records', ndjson: ndjson.slice() });
      return { bytesWritten: 0 };
    },
    async sealBlob({ sealId, sha256, bytes }: { sealId: string; sha256: string; bytes: Uint8Array }) {
      seals.get(sealId)!.entries.push({ kind: 'blob', sha256, bytes: bytes.slice() });
      return { bytesWritten: 0 };
    },
    async sealFinish({ sealId }: { sealId: string }) {
      const seal = seals.get(sealId)!;
      seals.delete(sealId);
      const counts: Record<string, number> = {};
      for (const e of seal.entries) {
        if (e.kind !== 'records') continue;
        for (const line of new TextDecoder().decode(e.ndjson).split('\n')) {
          if (line) counts[(JSON.parse(line) as { table: string }).table] = (counts[(JSON.parse(line) as { table: string }).table] ?? 0) + 1;
        }
      }
      const s = api.signer;
      const meta: BundleMeta = {
        format: 'cadredesk-bundle/1',
        bundleId: id(),
        source: { installationId: s.installationId, name: s.name },
        destination: null,
        ...seal.meta,
        createdAt: new Date(1_700_000_000_000 + n).toISOString(),
        appVersion: '0.1.0',
      };
      const hash = hex(64, `bundle-${n}`);
      files.set(seal.path, { meta, passphrase: seal.passphrase, entries: seal.entries, counts, signer: s, hash });
      return { bundleId: meta.bundleId, bundleHash: hash, bytes: 1000, parts: [seal.path], meta };
    },
    async sealAbort({ sealId }: { sealId: string }) {
      return { aborted: seals.delete(sealId) };
    },
    async open({ path, passphrase }: { path: string; passphrase?: string }) {
      const file = files.get(path);
      if (!file) throw new UserError('找不到这个文件。');
      if (file.passphrase !== passphrase) throw new UserError('口令不正确，或文件已损坏。');
      const openId = id();
      opens.set(openId, file);
      return { openId, meta: file.meta, signer: file.signer, counts: file.counts, bytes: 1000 };
    },
    /** Two entries at a time, so the restore's reading loop goes round. */
    async read({ openId }: { openId: string }) {
      const file = opens.get(openId);
      if (!file) throw new UserError('这次数据交换已经结束或被取消，请重新开始。');
      const at = (file as FakeFile & { at?: number }).at ?? 0;
      const entries = file.entries.slice(at, at + 2);
      (file as FakeFile & { at?: number }).at = at + 2;
      const done = at + 2 >= file.entries.length;
      if (done) {
        opens.delete(openId);
        (file as FakeFile & { at?: number }).at = 0;
      }
      return done ? { entries, done, bundleHash: file.hash } : { entries, done };
    },
    async close({ openId }: { openId: string }) {
      return { closed: opens.delete(openId) };
    },
    async safetyBackupPath() {
      return { path: `/data/backups/恢复前自动备份-${++n}.cadre` };
    },
  };
  return api as unknown as FakeExchange;
}
