// 日志校验 with its worker (renderer/db/supervisionVerifyPart.ts): the worker opens the database itself and digests
// every supervision record while the window checks the log. Here the worker's part runs in the test's thread on the
// same fake IndexedDB. Whatever was done to the log or the records, verification with it finds exactly what
// verification in one thread finds — a record edited straight in IndexedDB above all.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { chainBlocksTable, signPending, storeLogged, verifyChain, type VerifyHelper } from '../../../renderer/db/supervision';
import { digestRecords, VERIFY_WORKER_FAILED, type PartRequest } from '../../../renderer/db/supervisionVerifyPart';
import { clueType, SUPERVISION_TYPES } from '../../../shared/domain/supervision';
import { newId } from '../../../shared/ids';
import { BLOCK_SIZE, packBlock, unpackBlock, type ChainEntry } from '../../../shared/rules/supervisionChain';
import { fakeChainSigner } from './fakeChainSigner';
import { loggedClues } from './loggedClues';

const ME = 'c'.repeat(32);
const OTHER = 'd'.repeat(32);

let db: CadreDb;
let main: ReturnType<typeof fakeChainSigner>;
let requests: PartRequest[];
/** The worker's part, run here. */
const helper: VerifyHelper = async (request) => {
  requests.push(request);
  return digestRecords(indexedDB, request);
};

beforeEach(async () => {
  db = openDatabase(`supervision-part-${newId()}`);
  main = fakeChainSigner();
  requests = [];
  // 175 records of ours and 5 written elsewhere: 5 blocks of BLOCK_SIZE and 65 open entries
  expect(await storeLogged(db, [...loggedClues(ME, 175, 6), ...loggedClues(OTHER, 5, 3)], Date.UTC(2026, 5, 1))).toBe(1_065);
  expect(await chainBlocksTable(db).count()).toBe(5);
  await signPending(db, main);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

/** Verification with the worker's part and in one thread: the same outcome. */
async function both() {
  const helped = await verifyChain(db, main, ME, 20_000, helper);
  const alone = await verifyChain(db, main, ME, 20_000, undefined);
  expect(helped).toEqual(alone);
  return helped;
}

async function editBlock(seq: number, edit: (entries: ChainEntry[]) => ChainEntry[]) {
  const start = seq - ((seq - 1) % BLOCK_SIZE);
  const block = await chainBlocksTable(db).get(start);
  await chainBlocksTable(db).put({ ...packBlock(edit(unpackBlock(block))), start });
}

describe('verification with the worker digesting the records', () => {
  it('opens the database by its name and digests every record: a sound log verifies whole', async () => {
    expect(await both()).toEqual({ entries: 1_065, signatureValid: true, unsigned: 0, broken: null, gaps: [] });
    expect(requests).toEqual([{ database: db.name, self: ME, tables: SUPERVISION_TYPES.map((t) => t.table) }]);
    const digests = await digestRecords(indexedDB, requests[0]!);
    expect(digests).toHaveLength(180);
    expect(digests.filter((r) => r.mine)).toHaveLength(175);
  });

  it('names a record edited straight in IndexedDB, ours or one written elsewhere that the log holds', async () => {
    const rows = await db.table(clueType.table).toArray();
    const theirs = rows.find((r) => r.updatedBy.installationId === OTHER)!;
    await db.table(clueType.table).put({ ...theirs, summary: '改过' });
    expect((await both()).broken).toMatchObject({ reason: expect.stringContaining('在程序之外被改动过') });
    await db.table(clueType.table).put(theirs);
    expect((await both()).broken).toBeNull();
    const ours = rows.find((r) => r.updatedBy.installationId === ME)!;
    await db.table(clueType.table).put({ ...ours, summary: '改过' });
    expect((await both()).broken).toMatchObject({ reason: expect.stringContaining('在程序之外被改动过') });
  });

  it('names an entry changed in the log as in one thread', async () => {
    await editBlock(700, (es) => es.map((e) => (e.seq === 700 ? { ...e, by: '他人' } : e)));
    expect((await both()).broken).toMatchObject({ seq: 700, reason: expect.stringContaining('与其哈希不符') });
  });

  it('a worker that fails leaves the records to the thread, and says so', async () => {
    const [first] = await db.table(clueType.table).toArray();
    await db.table(clueType.table).put({ ...first, summary: '改过' });
    const failing: VerifyHelper = () => Promise.reject(new Error('no worker'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await verifyChain(db, main, ME, 20_000, failing)).toEqual(await verifyChain(db, main, ME, 20_000, undefined));
    expect((await verifyChain(db, main, ME, 20_000, failing)).broken).toMatchObject({ reason: expect.stringContaining('在程序之外被改动过') });
    expect(warn).toHaveBeenCalledWith(VERIFY_WORKER_FAILED, expect.any(Error));
    warn.mockRestore();
  });
});
