// @vitest-environment node
// Node's own Blob and Web Crypto, with fake-indexeddb (from setup.ts): jsdom's Blob is not structured-cloneable
// by fake-indexeddb (it would be stored as {}), and its ArrayBuffers come from another realm, which Node's
// crypto.subtle refuses. Chromium, where the app runs, has one realm and clones Blobs natively.
import { createHash } from 'node:crypto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { getBlob, hashBlob, putBlob, setCadrePhoto } from '../../../renderer/db/blobs';
import { sampleCadreInput } from '../../fixtures/cadre';
import { createCadre } from '../../../renderer/db/cadres';
import { createUnit } from '../../../renderer/db/units';
import { UserError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 5, 15);
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());
const jpeg = (seed: number) => new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, seed, 1, 2, 3, 0xff, 0xd9])], { type: 'image/jpeg' });

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`blobs-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('putBlob / getBlob', () => {
  it('stores the bytes under their SHA-256 and returns it', async () => {
    const blob = jpeg(7);
    const bytes = await bytesOf(blob);
    const hash = await putBlob(db, blob, 'image/jpeg');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(sha256(bytes));
    expect(await hashBlob(blob)).toBe(hash);
    const entry = await getBlob(db, hash);
    expect(entry).toMatchObject({ hash, type: 'image/jpeg' });
    expect(await bytesOf(entry!.data)).toEqual(bytes);
  });

  it('knows the SHA-256 of the empty input and of "abc" (FIPS 180-2)', async () => {
    expect(await hashBlob(new Blob([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await hashBlob(new Blob(['abc']))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('is idempotent: the same content again is one entry, left as it was', async () => {
    const first = await putBlob(db, jpeg(1), 'image/jpeg');
    const again = await putBlob(db, jpeg(1), 'application/octet-stream');
    expect(again).toBe(first);
    expect(await db.blobs.count()).toBe(1);
    expect((await getBlob(db, first))!.type).toBe('image/jpeg');
    const other = await putBlob(db, jpeg(2), 'image/jpeg');
    expect(other).not.toBe(first);
    expect(await db.blobs.count()).toBe(2);
  });

  it('answers undefined for a hash it does not hold', async () => {
    expect(await getBlob(db, 'a'.repeat(64))).toBeUndefined();
  });
});

describe('setCadrePhoto', () => {
  let cadreId: string;
  beforeEach(async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const cadre = await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '王芳' }));
    cadreId = cadre.id;
  });

  const summaries = async () => (await db.audit.where({ table: 'cadres', recordId: cadreId }).sortBy('at')).map((a) => a.summary);

  it('stores the blob and sets the hash through updateCadre: vv bumped, stamped, audited', async () => {
    const before = (await db.cadres.get(cadreId))!;
    const counter = await currentCounter(db);
    const photo = jpeg(3);
    const updated = await setCadrePhoto(db, ctx, cadreId, photo);
    const hash = sha256(await bytesOf(photo));
    expect(updated.photo).toBe(hash);
    expect(updated.vv[ME]).toBe(counter + 1);
    expect(updated.vv[ME]).toBeGreaterThan(before.vv[ME]!);
    expect(updated.updatedAt).toBe(NOW);
    expect((await db.cadres.get(cadreId))!.photo).toBe(hash);
    expect((await getBlob(db, hash))!.type).toBe('image/jpeg');
    expect(await summaries()).toContain('修改干部“王芳”的照片');
    const audit = await db.audit.where({ table: 'cadres', recordId: cadreId }).toArray();
    expect(audit.find((a) => a.summary === '修改干部“王芳”的照片')).toMatchObject({
      action: 'update',
      before: { photo: null },
      after: { photo: hash },
    });
  });

  it('setting the same photo again changes nothing', async () => {
    await setCadrePhoto(db, ctx, cadreId, jpeg(3));
    const counter = await currentCounter(db);
    const audits = await db.audit.count();
    await setCadrePhoto(db, ctx, cadreId, jpeg(3));
    expect(await currentCounter(db)).toBe(counter);
    expect(await db.audit.count()).toBe(audits);
    expect(await db.blobs.count()).toBe(1);
  });

  it('replacing and removing: the record points to the new photo, then to none; the blobs stay', async () => {
    await setCadrePhoto(db, ctx, cadreId, jpeg(3));
    const replaced = await setCadrePhoto(db, ctx, cadreId, jpeg(4));
    expect(replaced.photo).toBe(sha256(await bytesOf(jpeg(4))));
    const removed = await setCadrePhoto(db, ctx, cadreId, null);
    expect(removed.photo).toBeNull();
    expect(removed.vv[ME]).toBe(replaced.vv[ME]! + 1);
    expect(await db.blobs.count()).toBe(2);
    expect((await summaries()).filter((s) => s === '修改干部“王芳”的照片')).toHaveLength(3);
  });

  it.each([
    ['an unknown cadre', async () => 'nope'],
    [
      'a deleted cadre',
      async (db: CadreDb, id: string) => {
        await db.cadres.update(id, { deleted: true });
        return id;
      },
    ],
  ])('for %s it refuses in Chinese and writes nothing, not even the blob', async (_what, target) => {
    const id = await target(db, cadreId);
    const state = async () => ({
      blobs: await db.blobs.count(),
      audit: await db.audit.count(),
      counter: await currentCounter(db),
      cadres: await db.cadres.toArray(),
    });
    const before = await state();
    const error = await setCadrePhoto(db, ctx, id, jpeg(9)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/档案已不存在/);
    expect(await state()).toEqual(before);
  });

  it('a failure after the blob was written rolls the blob back too', async () => {
    // the audit write is the last step of updateCadre: make it fail
    db.audit.hook('creating', () => {
      throw new Error('disk full');
    });
    await expect(setCadrePhoto(db, ctx, cadreId, jpeg(5))).rejects.toThrow('disk full');
    expect(await db.blobs.count()).toBe(0);
    expect((await db.cadres.get(cadreId))!.photo).toBeNull();
  });
});
