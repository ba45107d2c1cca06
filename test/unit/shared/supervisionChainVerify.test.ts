import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, canonicalJson, nextEntry, packBlock, recordDigest, sealFull, unpackBlock, type ChainBlock, type ChainEntry, type ChainHead } from '../../../shared/rules/supervisionChain';
import { ChainVerifier, VerifySession } from '../../../shared/rules/supervisionChainVerify';

// Verification's fast path over sealed blocks (shared/rules/supervisionChainVerify.ts) against the chain's own
// checks run entry by entry on the same blocks unpacked: whatever was done to the blocks outside the app, both name
// the same first problem with the same words, count the same entries and keep the same last entry of each record.

const ids = Array.from({ length: 40 }, (_, i) => `rec-${i}`);
const writers = ['干部监督科', '导入（区委组织部）', ''];
const log: ChainEntry[] = [];
for (let i = 0; i < BLOCK_SIZE * 3 + 17; i++) {
  const recordId = ids[(i * 7) % ids.length]!;
  log.push(
    nextEntry(log.at(-1), {
      at: 1_700_000_000_000 + (i % 5) * 1_000,
      table: i % 3 ? 'clues' : 'personalMatters',
      recordId,
      action: i % 4 ? 'update' : 'create',
      digest: recordDigest({ id: recordId, version: i }),
      by: writers[i % writers.length]!,
    }),
  );
}
const sealed = [0, 1, 2].map((b) => packBlock(log.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
/** The same blocks in the hex layout (every prev kept), as blocks sealed before the compact layout are stored. */
const sealedHex = sealed.map((block, b): ChainBlock => {
  const entries = log.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE);
  const [names, rows] = JSON.parse(block.fields) as [unknown, unknown];
  return { start: block.start, hashes: entries.map((e) => e.digest + e.prev + e.hash).join(''), fields: JSON.stringify([names, rows]) };
});
const open = log.slice(BLOCK_SIZE * 3);
const headsOf = (every: number): ChainHead[] => log.filter((e) => e.seq % every === 0).map((e) => ({ seq: e.seq, hash: e.hash }));

/** Everything a verifier found, the last entry of every record included. */
function outcome(v: ChainVerifier) {
  v.end();
  const last = ['clues', 'personalMatters'].flatMap((t) => ids.map((id) => v.last.get(`${t}:${id}`)));
  return { broken: v.broken, count: v.count, lastSeq: v.lastSeq, signedHash: v.signedHash, last: v.broken ? null : last };
}

function both(blocks: unknown[], heads: ChainHead[], signedSeq: number | undefined) {
  const fast = new ChainVerifier(heads, signedSeq);
  for (const b of blocks) fast.addBlock(b);
  fast.addEntries(open);
  const slow = new ChainVerifier(heads, signedSeq);
  for (const b of blocks) slow.addEntries(unpackBlock(b));
  slow.addEntries(open);
  return { fast: outcome(fast), slow: outcome(slow) };
}

const HEXES = '0123456789abcdefA x';
type Damage = (blocks: ChainBlock[]) => unknown[];
const damage: fc.Arbitrary<Damage> = fc.oneof(
  // a character of the hashes (hex, an upper-case or foreign one)
  fc.tuple(fc.nat(2), fc.nat(BLOCK_SIZE * 192 - 1), fc.nat(HEXES.length - 1)).map(([b, at, c]): Damage => (blocks) =>
    blocks.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, at) + HEXES[c] + x.hashes.slice(at + 1) } : x)),
  ),
  // a field of an entry: its number, time, table, record, action or writer, another value or another type
  fc.tuple(fc.nat(2), fc.nat(BLOCK_SIZE - 1), fc.nat(5), fc.constantFrom<unknown>(1, -1, 0.5, '1', null, 'rec-3', 2)).map(([b, row, field, value]): Damage => (blocks) =>
    blocks.map((x, i) => {
      if (i !== b) return x;
      const [names, rows] = JSON.parse(x.fields) as [unknown[], unknown[][]];
      const f = rows[row]!;
      f[field] = typeof value === 'number' && typeof f[field] === 'number' && field < 2 ? (f[field] as number) + value : value;
      return { ...x, fields: JSON.stringify([names, rows]) };
    }),
  ),
  // entries removed or swapped inside a block (their hashes with them)
  fc.tuple(fc.nat(2), fc.nat(BLOCK_SIZE - 2), fc.boolean()).map(([b, row, swap]): Damage => (blocks) =>
    blocks.map((x, i) => {
      if (i !== b) return x;
      const entries = unpackBlock(x);
      if (swap) [entries[row], entries[row + 1]] = [entries[row + 1]!, entries[row]!];
      else entries.splice(row, 1);
      return { ...packBlock(entries), start: x.start };
    }),
  ),
  // a block removed, blocks swapped, a block's strings cut or gone, a name changed
  fc.nat(2).map((b): Damage => (blocks) => blocks.filter((_, i) => i !== b)),
  fc.constant<Damage>((blocks) => [blocks[1], blocks[0], blocks[2]]),
  fc.tuple(fc.nat(2), fc.nat(BLOCK_SIZE * 192)).map(([b, cut]): Damage => (blocks) => blocks.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, cut) } : x))),
  fc.nat(2).map((b): Damage => (blocks) => blocks.map((x, i) => (i === b ? { start: x.start, hashes: x.hashes } : x))),
  fc.tuple(fc.nat(2), fc.constantFrom<unknown>('clue', 'personalMatter', 7, null)).map(([b, name]): Damage => (blocks) =>
    blocks.map((x, i) => {
      if (i !== b) return x;
      const [names, rows] = JSON.parse(x.fields) as [unknown[], unknown[]];
      names[0] = name;
      return { ...x, fields: JSON.stringify([names, rows]) };
    }),
  ),
);

describe('verification of sealed blocks', () => {
  it('on a sound log: nothing broken, every entry counted, the signed hash and each record’s last entry kept', () => {
    // both layouts unpack to the very entries packed; a linked run is packed in the compact one
    expect(sealed.flatMap(unpackBlock)).toEqual(log.slice(0, BLOCK_SIZE * 3));
    expect(sealedHex.flatMap(unpackBlock)).toEqual(log.slice(0, BLOCK_SIZE * 3));
    expect(sealed[0]!.hashes.length).toBeLessThan(sealedHex[0]!.hashes.length / 2);
    expect(both(sealedHex, headsOf(50), 450)).toEqual(both(sealed, headsOf(50), 450));
    const { fast, slow } = both(sealed, headsOf(50), 450);
    expect(fast).toEqual(slow);
    expect(fast.broken).toBeNull();
    expect([fast.count, fast.lastSeq, fast.signedHash]).toEqual([log.length, log.length, log[449]!.hash]);
    // the last entry of a record, as the record comparison reads it
    const last = [...log].reverse().find((e) => e.table === 'clues' && e.recordId === 'rec-5')!;
    const v = new ChainVerifier([], undefined);
    sealed.forEach((b) => v.addBlock(b));
    v.addEntries(open);
    expect(v.last.get('clues:rec-5')).toEqual({ seq: last.seq, digest: last.digest });
    expect(v.last.get('clues:nowhere')).toBeUndefined();
  });

  it('names what was done to the blocks as the chain’s own checks do, entry by entry', () => {
    fc.assert(
      fc.property(damage, fc.constantFrom(1, 50, 7), fc.boolean(), (edit, every, hex) => {
        const edited = edit(hex ? sealedHex : sealed);
        const { fast, slow } = both(edited, headsOf(every), 450);
        expect(fast).toEqual(slow);
        // every change the app did not make is found (a value set to what it was is no change)
        if (canonicalJson(edited.flatMap(unpackBlock)) !== canonicalJson(log.slice(0, BLOCK_SIZE * 3))) expect(fast.broken).not.toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('seals only entries that link: a prev that does not stays open, in sight', () => {
    const broken = log.slice(0, BLOCK_SIZE * 2).map((e) => (e.seq === 250 ? { ...e, prev: log[0]!.hash } : e));
    expect(sealFull(broken).count).toBe(BLOCK_SIZE);
    expect(sealFull(log.slice(0, BLOCK_SIZE * 2)).count).toBe(BLOCK_SIZE * 2);
  });

  it('finds a re-chained edit against the signed heads, and a signed head past the end', () => {
    const rechained: ChainEntry[] = [];
    for (const e of log.slice(0, BLOCK_SIZE * 2)) {
      const { seq: _s, prev: _p, hash: _h, ...rest } = e;
      rechained.push(nextEntry(rechained.at(-1), e.seq === 230 ? { ...rest, by: '他人' } : rest));
    }
    const blocks = [packBlock(rechained.slice(0, BLOCK_SIZE)), packBlock(rechained.slice(BLOCK_SIZE))];
    const v = new ChainVerifier(headsOf(50), undefined);
    blocks.forEach((b) => v.addBlock(b));
    v.end();
    expect(v.broken).toEqual({ seq: 201, reason: '第201至250条之间日志与已签署的记录不符，日志被改动后重新串联过' });
    const short = new ChainVerifier([{ seq: log.length + 5, hash: log[0]!.hash }], undefined);
    sealed.forEach((b) => short.addBlock(b));
    short.end();
    expect(short.broken).toMatchObject({ seq: log.length + 5, reason: expect.stringContaining('不见了') });
  });

  it('as requests: the records compared on a sound log only, this installation’s and those the log holds', () => {
    const session = new VerifySession();
    const run = (records: { table: string; id: string; digest: string; mine: boolean }[]) => {
      // what a worker receives and answers: structured clones
      const ask = (request: Parameters<VerifySession['handle']>[0]) => structuredClone(session.handle(structuredClone(request)));
      ask({ kind: 'start', heads: headsOf(50), signedSeq: undefined });
      ask({ kind: 'blocks', blocks: sealed });
      ask({ kind: 'entries', entries: open });
      const reply = ask({ kind: 'end', records });
      return reply.kind === 'done' ? reply.outcome : null;
    };
    const last = [...log].reverse().find((e) => e.table === 'clues' && e.recordId === 'rec-5')!;
    expect(run([{ table: 'clues', id: 'rec-5', digest: last.digest, mine: true }])).toMatchObject({ broken: null, changed: null, count: log.length });
    expect(run([{ table: 'clues', id: 'rec-5', digest: '0'.repeat(64), mine: false }])?.changed).toMatchObject({ seq: last.seq, reason: expect.stringContaining('在程序之外被改动过') });
    // a record of another installation the log does not hold is left to its origin's log; one of ours is named
    expect(run([{ table: 'clues', id: 'elsewhere', digest: '0'.repeat(64), mine: false }])?.changed).toBeNull();
    expect(run([{ table: 'clues', id: 'elsewhere', digest: '0'.repeat(64), mine: true }])?.changed).toMatchObject({ seq: 0, reason: expect.stringContaining('不在日志中') });
  });
});
