import { cadreType, type Cadre } from '../../shared/domain/cadre';
import { updateCadre } from './cadres';
import type { BlobEntry, CadreDb } from './database';
import { writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

// Photos and scanned attachments (docs/architecture.md#blobs): Blobs in their own table, keyed by the SHA-256 of
// their bytes, so the same content is stored once, and two installations that hold it hold the same record.

const toHex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of the blob's bytes, as 64 lowercase hex digits. */
export async function hashBlob(data: Blob): Promise<string> {
  const bytes = new Uint8Array(await data.arrayBuffer());
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * Hashes outside any transaction: IndexedDB commits a transaction as soon as it waits for anything that is not
 * IndexedDB (reading a Blob, Web Crypto), so the entry is made first and written afterwards.
 */
async function entryOf(data: Blob, type: string): Promise<BlobEntry> {
  return { hash: await hashBlob(data), type, data };
}

/** Writes the entry unless its content is already there (the hash is the content: nothing to update). */
async function storeEntry(db: CadreDb, entry: BlobEntry): Promise<void> {
  if ((await db.blobs.where('hash').equals(entry.hash).count()) === 0) await db.blobs.add(entry);
}

/** Stores a blob by content hash and returns the hash; storing the same bytes again changes nothing. */
export async function putBlob(db: CadreDb, data: Blob, type: string): Promise<string> {
  const entry = await entryOf(data, type);
  await db.transaction('rw', db.blobs, () => storeEntry(db, entry));
  return entry.hash;
}

export async function getBlob(db: CadreDb, hash: string): Promise<BlobEntry | undefined> {
  return db.blobs.get(hash);
}

/**
 * Sets (or, with null, removes) a cadre's photo: the blob and the cadre's `photo` are written in one transaction
 * through updateCadre, so the version vector, the stamp and the audit line (修改干部“X”的照片) come with it, and a
 * refused update stores no blob. Removing keeps the blob: another record or installation may reference it.
 */
export async function setCadrePhoto(db: CadreDb, ctx: WriteContext, cadreId: string, photo: Blob | null): Promise<Cadre> {
  const entry = photo ? await entryOf(photo, photo.type || 'application/octet-stream') : null;
  // a nested transaction may use only its parent's tables: updateCadre's scope + blobs
  return writeTransaction(db, [...writeScope(db, cadreType), db.blobs], async () => {
    if (entry) await storeEntry(db, entry);
    return updateCadre(db, ctx, cadreId, { photo: entry?.hash ?? null });
  });
}
