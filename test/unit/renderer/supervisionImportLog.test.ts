import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCadre } from '../../../renderer/db/cadres';
import { createUnit } from '../../../renderer/db/units';
import { chainTable, signPending, verifyChain, writeSupervision, type ChainApi } from '../../../renderer/db/supervision';
import { fakeChainSigner } from './fakeChainSigner';
import { clueType } from '../../../shared/domain/supervision';
import { sampleCadreInput } from '../../fixtures/cadre';
import { close, exchange, idNumberOf, installation, type Installation } from './syncHarness';

// Restricted records stored by an import are appended to the importing installation's own log, in the import's
// transaction (renderer/db/supervision.ts logImported, called by renderer/sync/importer.ts), so the log covers
// every supervision record here however it arrived, and verification stays whole after an import.

let A: Installation;
let B: Installation;
let mainA: ChainApi;
let mainB: ChainApi;
beforeEach(async () => {
  A = await installation('a'.repeat(32), '区委组织部');
  B = await installation('b'.repeat(32), '区委组织部备用机');
  mainA = fakeChainSigner();
  mainB = fakeChainSigner();
});
afterEach(() => close(A, B));

async function seed() {
  const unit = await createUnit(A.db, A.ctx, null, '新城区');
  const cadre = await createCadre(A.db, A.ctx, { ...sampleCadreInput({ unitId: unit.id, birth: '1975-06', idNumber: idNumberOf(1) }), name: '王芳' });
  const clue = await writeSupervision(A.db, A.ctx, clueType, { kind: 'create', input: { cadreId: cadre.id, channel: 'petition', received: '2023-05-01', summary: '反映违规兼职' } }, mainA);
  return { cadreId: cadre.id, clue: clue! };
}

describe('records arriving by import', () => {
  it('are logged at the importer, named as imported, and the log verifies and is signed', async () => {
    const { clue } = await seed();
    await exchange(A, B, 'all');
    const log = await chainTable(B.db).toArray();
    expect(log.map((e) => [e.seq, e.table, e.recordId, e.action])).toEqual([[1, 'clues', clue.id, 'create']]);
    expect(log[0]!.by).toBe('导入（区委组织部）');
    await signPending(B.db, mainB);
    expect(await verifyChain(B.db, mainB, B.id)).toMatchObject({ entries: 1, unsigned: 0, broken: null, signatureValid: true });
  });

  it('an imported record later edited straight in IndexedDB is found', async () => {
    const { clue } = await seed();
    await exchange(A, B, 'all');
    await B.db.table('clues').put({ ...(await B.db.table('clues').get(clue.id)), summary: '被改过的摘要' });
    expect((await verifyChain(B.db, mainB, B.id)).broken).toMatchObject({ seq: 1, reason: expect.stringContaining('在程序之外被改动过') });
  });

  it('a record of ours merged with the same edit made elsewhere stays whole: the merged version is logged', async () => {
    const { cadreId, clue } = await seed();
    await exchange(A, B, 'all');
    await exchange(B, A, 'all');
    // the same edit on both sides, ours (B) last: the import merges the vectors and keeps our record
    await writeSupervision(A.db, A.ctx, clueType, { kind: 'update', id: clue.id, cadreId, patch: { status: 'verifying' } }, mainA);
    await writeSupervision(B.db, B.ctx, clueType, { kind: 'update', id: clue.id, cadreId, patch: { status: 'verifying' } }, mainB);
    const { result } = await exchange(A, B, 'all');
    expect(result.merged).toBe(1);
    expect((await B.db.table('clues').get(clue.id)).updatedBy.installationId).toBe(B.id);
    expect((await chainTable(B.db).toArray()).map((e) => e.action)).toEqual(['create', 'update', 'update']);
    await signPending(B.db, mainB);
    expect(await verifyChain(B.db, mainB, B.id)).toMatchObject({ entries: 3, unsigned: 0, broken: null });
  });

  it('records that are not restricted are not logged', async () => {
    await seed();
    await exchange(A, B, 'all');
    expect((await chainTable(B.db).toArray()).every((e) => e.table === 'clues')).toBe(true);
    expect(await B.db.table('cadres').count()).toBe(1);
  });
});
