import { rm } from 'node:fs/promises';
import type { Installation } from '../test/e2e/fixture';
import { BASE_URL } from '../test/e2e/env';
import { BACKUP_CARD_TABLE } from '../shared/contract/exchange';

// The main process's own work on a bundle, timed by calling its handlers here (the same dispatcher and handlers
// the page calls) with the entries ready in memory: no page and no transport in between. Playwright's binding moves
// bytes at a few MiB a second where Electron's IPC copies them at memory speed, so the bench times the page's work
// and the main process's work apart (docs/architecture.md "Backup and restore", docs/bundle-format.md).

/** A main-process call straight to the handlers, as the app's page makes it. */
export async function callMain<T>(installation: Installation, method: string, arg: unknown): Promise<T> {
  const result = await installation.dispatch!(`${BASE_URL}/index.html`, method, arg, { emit: () => undefined });
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value as T;
}

export type Entry = { kind: 'records'; ndjson: Uint8Array } | { kind: 'blob'; sha256: string; bytes: Uint8Array };
/** The META fields the page gives sealBegin (shared/sync/bundleMeta.ts SealMeta). */
export interface SealMetaFields {
  kind: string;
  seq: number;
  prevBundleHash: string | null;
  scope: unknown;
  schemaVersion: number;
  knowledge: Record<string, number>;
}

/**
 * Pass 1 (exchange.open: every chunk, the manifest and the signature verified) and pass 2 (exchange.read until
 * done: decrypted again and handed over entry by entry) of `file`, as an import or a restore makes them; the
 * entries are kept for sealAll. `passphrase` for a passphrase bundle; otherwise the installation's own keys open it.
 */
export async function readAll(installation: Installation, file: string, passphrase?: string) {
  installation.answerNextDialog([file]);
  await callMain(installation, 'dialog.openFile', {});
  const t0 = performance.now();
  const opened = await callMain<{ openId: string; meta: SealMetaFields & { destination: string | null } }>(installation, 'exchange.open', {
    path: file,
    ...(passphrase ? { passphrase } : {}),
  });
  const t1 = performance.now();
  const entries: Entry[] = [];
  for (;;) {
    const r = await callMain<{ entries: Entry[]; done: boolean }>(installation, 'exchange.read', { openId: opened.openId });
    entries.push(...r.entries);
    if (r.done) break;
  }
  const t2 = performance.now();
  await callMain(installation, 'exchange.close', { openId: opened.openId });
  return { verifyMs: Math.round(t1 - t0), readMs: Math.round(t2 - t1), entries, meta: opened.meta };
}

/**
 * The sealing of `entries` into `copy` as an export or a backup makes it: sealBegin, one call per entry, and
 * sealFinish (which reads the file back and verifies it). `sealFinishMs` is the part after the last entry was
 * taken. The copy is removed afterwards. A backup's first entry (the main process's own card) is left out: sealBegin
 * writes it again.
 */
export async function sealAll(installation: Installation, copy: string, to: { passphrase: string } | { peer: string }, meta: SealMetaFields, entries: readonly Entry[]) {
  const card = `{"table":${JSON.stringify(BACKUP_CARD_TABLE)}`;
  const first = entries[0];
  const own = meta.kind === 'backup' && first?.kind === 'records' && Buffer.from(first.ndjson.subarray(0, card.length)).toString() === card;
  installation.answerNextDialog([copy]);
  await callMain(installation, 'dialog.saveFile', { defaultName: 'copy.cadre' });
  const { kind, seq, prevBundleHash, scope, schemaVersion, knowledge } = meta;
  const t0 = performance.now();
  const { sealId } = await callMain<{ sealId: string }>(installation, 'exchange.sealBegin', { path: copy, to, meta: { kind, seq, prevBundleHash, scope, schemaVersion, knowledge } });
  for (const entry of own ? entries.slice(1) : entries) {
    if (entry.kind === 'records') await callMain(installation, 'exchange.sealRecords', { sealId, ndjson: entry.ndjson });
    else await callMain(installation, 'exchange.sealBlob', { sealId, sha256: entry.sha256, bytes: entry.bytes });
  }
  const t1 = performance.now();
  await callMain(installation, 'exchange.sealFinish', { sealId });
  const t2 = performance.now();
  await rm(copy, { force: true });
  return { sealMs: Math.round(t2 - t0), sealFinishMs: Math.round(t2 - t1) };
}
