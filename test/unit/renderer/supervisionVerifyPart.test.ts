// 日志校验 split over two threads (renderer/db/supervisionVerifyPart.ts): the worker opens the database itself,
// digests the records and checks the last rows of the log from the place the rows before must end at; the window
// joins it. Here the worker's part runs in the test's thread on the same fake IndexedDB. Whatever was done to the
// log or the records, verification with the part finds exactly what verification in one thread finds.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { chainBlocksTable, signPending, splitFor, storeLogged, verifyChain, type VerifyHelper } from '../../../renderer/db/supervision';
import { VERIFY_WORKER_FAILED, verifyPart, type PartRequest } from '../../../renderer/db/supervisionVerifyPart';
import { clueType } from '../../../shared/domain/supervision';
import { newId } from '../../../shared/ids';
import { BLOCK_SIZE, nextEntry, packBlock, unpackBlock, type ChainEntry } from '../../../shared/rules/supervisionChain';
import { fakeChainSigner } from './fakeChainSigner';
import { loggedClues } from './loggedClues';

const ME = 'c'.repeat(32);

let db: CadreDb;
let main: ReturnType<typeof fakeChainSigner>;
let requests: PartRequest[];
let joinable: number;
/** The worker's part, run here; counts the parts that came back with rows checked. */
const helper: VerifyHelper = async (request) => {
  requests.push(request);
  const reply = await verifyPart(indexedDB, request);
  if (reply.log) joinable++;
  return reply;
};

beforeEach(async () => {
  db = openDatabase(`supervision-part-${newId()}`);
  main = fakeChainSigner();
  requests = [];
  joinable = 0;
  // 175 records, 5 blocks of BLOCK_SIZE and 50 open entries: the worker takes the last two blocks (splitFor)
  expect(await storeLogged(db, loggedClues(ME, 175, 6), Date.UTC(2026, 5, 1))).toBe(1_050);
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

const rechained = (from: number) => (entries: ChainEntry[]) => {
  const out: ChainEntry[] = entries.filter((e) => e.seq < from);
  for (const e of entries.filter((x) => x.seq >= from)) {
    const { seq: _s, prev: _p, hash: _h, ...rest } = e;
    out.push(nextEntry(out.at(-1), e.seq === from ? { ...rest, by: '他人' } : rest));
  }
  return out;
};

describe('verification with the worker part', () => {
  it('checks the last rows apart and joins them: a sound log verifies whole', async () => {
    expect(await both()).toEqual({ entries: 1_050, signatureValid: true, unsigned: 0, broken: null, gaps: [] });
    expect(requests[0]).toMatchObject({ from: BLOCK_SIZE * 3 + 1, tables: expect.arrayContaining([clueType.table]) });
    expect(joinable).toBe(1);
  });

  it('names an entry changed in either part, and one changed at the join, as in one thread', async () => {
    await editBlock(700, (es) => es.map((e) => (e.seq === 700 ? { ...e, by: '他人' } : e)));
    expect((await both()).broken).toMatchObject({ seq: 700, reason: expect.stringContaining('与其哈希不符') });
    await editBlock(100, (es) => es.map((e) => (e.seq === 100 ? { ...e, by: '他人' } : e)));
    expect((await both()).broken).toMatchObject({ seq: 100 });
  });

  it('names the entry at the join whose link or hash was changed', async () => {
    await editBlock(601, (es) => es.map((e) => (e.seq === 601 ? { ...e, prev: es[1]!.hash } : e)));
    expect((await both()).broken).toMatchObject({ seq: 601 });
  });

  it('finds an edit re-chained by hand across the join against the signed heads', async () => {
    await editBlock(590, rechained(590));
    expect((await both()).broken).toMatchObject({ reason: expect.stringMatching(/衔接不上|重新串联/) });
    await chainBlocksTable(db).put({ ...packBlock(rechained(650)(unpackBlock(await chainBlocksTable(db).get(601)))), start: 601 });
    expect((await both()).broken).not.toBeNull();
  });

  it('names a row removed at the join or in the worker part', async () => {
    await chainBlocksTable(db).delete(BLOCK_SIZE * 3 + 1);
    expect((await both()).broken).toMatchObject({ seq: BLOCK_SIZE * 3 + 1, reason: expect.stringContaining('缺失') });
    await chainBlocksTable(db).delete(BLOCK_SIZE * 4 + 1);
    expect((await both()).broken).toMatchObject({ seq: BLOCK_SIZE * 3 + 1 });
  });

  it('names a record edited straight in IndexedDB, the records digested by the worker', async () => {
    const [first] = await db.table(clueType.table).toArray();
    await db.table(clueType.table).put({ ...first, summary: '改过' });
    expect((await both()).broken).toMatchObject({ reason: expect.stringContaining('在程序之外被改动过') });
  });

  it('gives the worker as many of the last rows beside the records as leaves both threads about as much to do', () => {
    const keys = Array.from({ length: 500 }, (_, i) => i * 2_000 + 1);
    // no records: half the rows; 10,000 cadres (19,792 records): 160; 100,000 (84,000), records that outweigh the log: none
    expect(splitFor(keys, 0)).toBe(keys[250]);
    expect(splitFor(keys, 19_792)).toBe(keys[340]);
    expect(splitFor(keys, 84_000)).toBeNull();
    expect(splitFor([], 0)).toBeNull();
    expect(splitFor([1], 0)).toBeNull();
  });

  it('a worker that fails leaves the whole verification to the thread', async () => {
    await editBlock(800, (es) => es.map((e) => (e.seq === 800 ? { ...e, at: e.at + 1 } : e)));
    const failing: VerifyHelper = () => Promise.reject(new Error('no worker'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await verifyChain(db, main, ME, 20_000, failing)).toEqual(await verifyChain(db, main, ME, 20_000, undefined));
    expect((await verifyChain(db, main, ME, 20_000, failing)).broken).toMatchObject({ seq: 800 });
    expect(warn).toHaveBeenCalledWith(VERIFY_WORKER_FAILED, expect.any(Error));
    warn.mockRestore();
  });
});
