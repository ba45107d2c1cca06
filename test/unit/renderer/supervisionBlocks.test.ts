// The log's sealed blocks (schema version 28, renderer/db/supervision.ts): entries fill blocks of BLOCK_SIZE
// whether they come one write at a time or in bulk, the log reads and signs across blocks and open entries, and an
// entry changed, removed or reordered inside a block — or a whole block removed — is still named by verification.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCadre } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { chainBlocksTable, chainTable, signPending, storeLogged, verifyChain, writeSupervision } from '../../../renderer/db/supervision';
import { fakeChainSigner } from './fakeChainSigner';
import { loggedClues } from './loggedClues';
import { clueType } from '../../../shared/domain/supervision';
import { newId } from '../../../shared/ids';
import { sampleCadreInput } from '../../fixtures/cadre';
import { BLOCK_SIZE, firstBrokenLink, nextEntry, packBlock, sealFull, unpackBlock, type ChainBlock, type ChainEntry } from '../../../shared/rules/supervisionChain';

const ME = 'c'.repeat(32);
let clock = Date.UTC(2026, 5, 1);
const ctx: WriteContext = { actor: { installationId: ME, operator: '干部监督科' }, now: () => (clock += 1000) };

/** `n` clues stored in bulk, each with `versions` versions logged: n × versions entries. */
const clues = (n: number, versions: number) => loggedClues(ME, n, versions);

let db: CadreDb;
let main: ReturnType<typeof fakeChainSigner>;
beforeEach(() => {
  db = openDatabase(`supervision-blocks-${newId()}`);
  main = fakeChainSigner();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('blocks, as packed', () => {
  it('unpack to the very entries packed; a full block is sealed only from a consecutive start', () => {
    const entries: ChainEntry[] = [];
    for (let i = 0; i < BLOCK_SIZE * 2 + 7; i++) entries.push(nextEntry(entries.at(-1), { at: 1_000 + i, table: 'clues', recordId: `r${i}`, action: 'create', digest: 'ab'.repeat(32), by: i % 2 ? '王芳' : '' }));
    expect(unpackBlock(packBlock(entries.slice(0, BLOCK_SIZE)))).toEqual(entries.slice(0, BLOCK_SIZE));
    const sealed = sealFull(entries);
    expect([sealed.blocks.length, sealed.count]).toEqual([2, BLOCK_SIZE * 2]);
    expect(sealed.blocks.flatMap(unpackBlock)).toEqual(entries.slice(0, BLOCK_SIZE * 2));
    // a number missing in the second block: only the first is sealed; not starting at a block's start: none
    expect(sealFull([...entries.slice(0, BLOCK_SIZE + 10), ...entries.slice(BLOCK_SIZE + 11)]).count).toBe(BLOCK_SIZE);
    expect(sealFull(entries.slice(1)).count).toBe(0);
    // a block mangled outside the app unpacks to entries the chain's checks refuse
    expect(firstBrokenLink(unpackBlock({ ...packBlock(entries.slice(0, BLOCK_SIZE)), hashes: 'x' }), undefined)).not.toBeNull();
    expect(unpackBlock('nonsense')).toEqual([]);
    expect(unpackBlock({ ...packBlock(entries.slice(0, BLOCK_SIZE)), fields: '[[1,' })).toEqual([]);
    // a block is two one-byte strings, whatever the names in it, and stays under 64 KiB
    const wide = entries.slice(0, BLOCK_SIZE).map((e, i) => ({ ...e, by: `导入（区委组织部干部监督科${'😀'.repeat(i % 3)}）`, recordId: `${i}`.padStart(36, 'x') }));
    const packed = packBlock(wide);
    expect([...packed.fields].every((c) => c.charCodeAt(0) < 0x80)).toBe(true);
    expect(unpackBlock(JSON.parse(JSON.stringify(packed)))).toEqual(wide);
    expect(packed.hashes.length + packed.fields.length).toBeLessThan(60 * 1024);
  });
});

describe('the log in blocks', () => {
  async function stored(): Promise<number> {
    // 2 full blocks and 50 open entries, then single writes across the next block's end
    const entries = await storeLogged(db, clues(150, 3), Date.UTC(2026, 5, 1));
    expect(entries).toBe(450);
    expect([await chainBlocksTable(db).count(), await chainTable(db).count()]).toEqual([2, 50]);
    await signPending(db, main);
    return entries;
  }

  it('entries fill blocks in bulk and one write at a time; the log reads, signs and verifies across both', async () => {
    // 2 full blocks and 197 open entries, then single writes across the third block's end
    expect(await storeLogged(db, clues(199, 3), Date.UTC(2026, 5, 1))).toBe(597);
    expect([await chainBlocksTable(db).count(), await chainTable(db).count()]).toEqual([2, 197]);
    await signPending(db, main);
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const cadreId = (await createCadre(db, ctx, { ...sampleCadreInput({ unitId: unit.id }), name: '王芳' })).id;
    for (let i = 0; i < 4; i++) {
      await writeSupervision(db, ctx, clueType, { kind: 'create', input: { cadreId, channel: 'petition', received: '2026-06-01', summary: `逐条${i}` } }, i % 2 ? main : undefined);
    }
    await signPending(db, main);
    // the third block was sealed by the write that filled it: one entry is open
    expect([await chainBlocksTable(db).count(), (await chainTable(db).toArray()).map((e) => e.seq)]).toEqual([3, [BLOCK_SIZE * 3 + 1]]);
    const all = [...(await chainBlocksTable(db).toArray()).flatMap(unpackBlock), ...(await chainTable(db).toArray())];
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: BLOCK_SIZE * 3 + 1 }, (_, i) => i + 1));
    expect(firstBrokenLink(all, undefined)).toBeNull();
    expect(main.heads.at(-1)?.seq).toBe(BLOCK_SIZE * 3 + 1);
    expect(await verifyChain(db, main, ME, 300)).toEqual({ entries: BLOCK_SIZE * 3 + 1, signatureValid: true, unsigned: 0, broken: null, gaps: [] });
  });

  /** Rewrites the block holding entry `seq` through `edit` of its entries, straight in IndexedDB. */
  async function editBlock(seq: number, edit: (entries: ChainEntry[]) => ChainEntry[] | ChainBlock) {
    const start = seq - ((seq - 1) % BLOCK_SIZE);
    const block = await chainBlocksTable(db).get(start);
    const changed = edit(unpackBlock(block));
    await chainBlocksTable(db).put(Array.isArray(changed) ? { ...packBlock(changed), start } : changed);
  }

  it('an entry changed inside a block is named', async () => {
    await stored();
    await editBlock(260, (entries) => entries.map((e) => (e.seq === 260 ? { ...e, by: '他人' } : e)));
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 260, reason: expect.stringContaining('与其哈希不符') });
  });

  it('an entry removed from a block is named', async () => {
    await stored();
    await editBlock(123, (entries) => entries.filter((e) => e.seq !== 123));
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 123, reason: expect.stringContaining('缺失') });
  });

  it('two entries swapped inside a block are named', async () => {
    await stored();
    await editBlock(301, (entries) => entries.map((e, i, all) => (e.seq === 301 ? all[i + 1]! : e.seq === 302 ? all[i - 1]! : e)));
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 301 });
  });

  it('an edit re-chained by hand inside a block is found against the signed heads', async () => {
    await stored();
    await editBlock(210, (entries) => {
      const out: ChainEntry[] = entries.filter((e) => e.seq < 210);
      let last: ChainEntry | undefined = out.at(-1);
      for (const e of entries.filter((x) => x.seq >= 210)) {
        const { seq: _s, prev: _p, hash: _h, ...rest } = e;
        const next = nextEntry(last, e.seq === 210 ? { ...rest, by: '他人' } : rest);
        out.push(next);
        last = next;
      }
      return out;
    });
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ reason: expect.stringMatching(/衔接不上|重新串联/) });
  });

  it('a whole block removed is named', async () => {
    await stored();
    await chainBlocksTable(db).delete(1);
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: 1, reason: expect.stringContaining('缺失') });
  });

  it('a block mangled outside the app is named at its first entry', async () => {
    await stored();
    await editBlock(BLOCK_SIZE + 1, (entries) => ({ ...packBlock(entries), start: BLOCK_SIZE + 1, hashes: '' }));
    expect((await verifyChain(db, main, ME)).broken).toMatchObject({ seq: BLOCK_SIZE + 1 });
  });
});
