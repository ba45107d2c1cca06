import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, joinBlocks, nextEntry, packBlock, recordDigest, ROW_SIZE, sealFull, unpackBlock, type ChainBlock, type ChainEntry, type ChainHead } from '../../../shared/rules/supervisionChain';
import { ChainVerifier } from '../../../shared/rules/supervisionChainVerify';

// Ten sealed blocks joined into one row (shared/rules/supervisionChain.ts joinBlocks; schema version 29): the row
// unpacks to the very entries of the blocks, so verification finds exactly what it found in the blocks, whatever
// was done to them outside the app; a stretch damaged in a way a row cannot carry is not joined.

const log: ChainEntry[] = [];
for (let i = 0; i < ROW_SIZE + BLOCK_SIZE + 30; i++) {
  const recordId = `rec-${(i * 7) % 53}`;
  log.push(nextEntry(log.at(-1), { at: 1_700_000_000_000 + (i % 9) * 1_000, table: i % 3 ? 'clues' : 'personalMatters', recordId, action: i % 4 ? 'update' : 'create', digest: recordDigest({ id: recordId, version: i }), by: i % 2 ? '干部监督科' : '导入（区委组织部）' }));
}
const stretch = log.slice(0, ROW_SIZE);
const blocks: ChainBlock[] = Array.from({ length: 10 }, (_, b) => packBlock(stretch.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
const heads: ChainHead[] = log.filter((e) => e.seq % 333 === 0).map((e) => ({ seq: e.seq, hash: e.hash }));

/** What verification finds in the rows, then the rest of the log open: the first problem, the count, each record's last entry. */
function verdict(rows: readonly unknown[]) {
  const v = new ChainVerifier(heads, 1_998);
  for (const r of rows) v.addBlock(r);
  v.addEntries(log.slice(ROW_SIZE));
  v.end();
  const last = v.broken ? null : ['clues', 'personalMatters'].flatMap((t) => Array.from({ length: 53 }, (_, k) => v.last.get(`${t}:rec-${k}`)));
  return { broken: v.broken, count: v.count, lastSeq: v.lastSeq, signedHash: v.signedHash, last };
}

describe('joining sealed blocks into a row', () => {
  it('joins ten sealed blocks into one row of the very same entries, over 64 KiB; sealing in bulk packs a whole stretch so', () => {
    const row = joinBlocks(blocks)!;
    expect(row.start).toBe(1);
    expect(unpackBlock(row)).toEqual(stretch);
    expect(unpackBlock(JSON.parse(JSON.stringify(row)))).toEqual(stretch);
    expect(row.hashes.length + row.fields.length).toBeGreaterThan(64 * 1024);
    expect(verdict([row])).toEqual(verdict(blocks));
    expect(verdict([row]).broken).toBeNull();
    const sealed = sealFull(log);
    expect(sealed.count).toBe(ROW_SIZE + BLOCK_SIZE);
    expect(sealed.blocks.map((b) => b.start)).toEqual([1, ROW_SIZE + 1]);
    expect(sealed.blocks[0]).toEqual(row);
    // from a block's start past a stretch's: blocks up to the next stretch, then a row
    expect(sealFull(log.slice(BLOCK_SIZE * 8)).blocks.map((b) => b.start)).toEqual([BLOCK_SIZE * 8 + 1, BLOCK_SIZE * 9 + 1, ROW_SIZE + 1]);
  });

  it('does not join a stretch that is not whole, in order and linked', () => {
    expect(joinBlocks(blocks.slice(0, 9))).toBeNull();
    expect(joinBlocks(blocks.filter((_, i) => i !== 4))).toBeNull();
    expect(joinBlocks([blocks[1]!, blocks[0]!, ...blocks.slice(2)])).toBeNull();
    expect(joinBlocks(blocks.map((b, i) => (i === 3 ? { ...b, hashes: b.hashes.slice(0, 100) } : b)))).toBeNull();
    expect(joinBlocks(blocks.map((b, i) => (i === 3 ? { start: b.start, hashes: b.hashes } : b)))).toBeNull();
    // a prev that does not link (written in the hex layout, where every prev is kept)
    const unlinked = stretch.map((e) => (e.seq === 777 ? { ...e, prev: stretch[0]!.hash } : e));
    expect(joinBlocks(Array.from({ length: 10 }, (_, b) => packBlock(unlinked.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE))))).toBeNull();
    // not a stretch's start
    const shifted = log.slice(BLOCK_SIZE, ROW_SIZE + BLOCK_SIZE);
    expect(joinBlocks(Array.from({ length: 10 }, (_, b) => packBlock(shifted.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE))))).toBeNull();
  });

  it('whatever was done to the blocks, verification of the joined row (when joined) finds exactly what it finds in the blocks', () => {
    type Damage = (bs: ChainBlock[]) => ChainBlock[];
    const atEntry = (f: (entries: ChainEntry[]) => ChainEntry[], b: number): Damage => (bs) => bs.map((x, i) => (i === b ? { ...packBlock(f(unpackBlock(x))), start: x.start } : x));
    const damage: fc.Arbitrary<Damage> = fc.oneof(
      // a digest, a hash or a writer changed, the chain left as it was
      fc.tuple(fc.nat(9), fc.nat(BLOCK_SIZE - 1), fc.constantFrom('digest', 'hash', 'by', 'at')).map(([b, row, field]) =>
        atEntry((es) => es.map((e, k) => (k !== row ? e : field === 'at' ? { ...e, at: e.at + 1 } : field === 'by' ? { ...e, by: '他人' } : { ...e, [field]: recordDigest(field) })), b),
      ),
      // an entry removed, two swapped
      fc.tuple(fc.nat(9), fc.nat(BLOCK_SIZE - 2), fc.boolean()).map(([b, row, swap]) =>
        atEntry((es) => {
          if (swap) [es[row], es[row + 1]] = [es[row + 1]!, es[row]!];
          else es.splice(row, 1);
          return es;
        }, b),
      ),
      // an edit re-chained by hand from it to the stretch's end
      fc.nat(ROW_SIZE - 1).map((at): Damage => () => {
        const out: ChainEntry[] = [];
        for (const e of stretch) {
          const { seq: _s, prev: _p, hash: _h, ...rest } = e;
          out.push(e.seq - 1 < at ? e : nextEntry(out.at(-1), e.seq - 1 === at ? { ...rest, by: '他人' } : rest));
        }
        return Array.from({ length: 10 }, (_, b) => packBlock(out.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
      }),
      // a block removed, a block's hashes cut short, a character of them changed
      fc.nat(9).map((b): Damage => (bs) => bs.filter((_, i) => i !== b)),
      fc.tuple(fc.nat(9), fc.nat(17_000)).map(([b, cut]): Damage => (bs) => bs.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, cut) } : x))),
      fc.tuple(fc.nat(9), fc.nat(17_000), fc.constantFrom('A', 'x', '=', '/')).map(([b, at, c]): Damage => (bs) => bs.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, at) + c + x.hashes.slice(at + 1) } : x))),
    );
    fc.assert(
      fc.property(damage, (edit) => {
        const edited = edit(blocks.map((b) => ({ ...b })));
        const row = joinBlocks(edited);
        if (row) expect(unpackBlock(row)).toEqual(edited.flatMap(unpackBlock));
        expect(verdict(row ? [row] : edited)).toEqual(verdict(edited));
      }),
      { numRuns: 8 },
    );
    // each run verifies 2,000 entries twice: on a loaded machine that passes vitest's 5 s default
  }, 30_000);
});
