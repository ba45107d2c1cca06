import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_SIZE, nextEntry, packBlock, recordDigest, unpackBlock, type ChainBlock, type ChainEntry, type ChainHead } from '../../../shared/rules/supervisionChain';
import { decodeBase64, encodeBase64 } from '../../../shared/lrmx/base64';
import { base64Bytes, ChainVerifier } from '../../../shared/rules/supervisionChainVerify';

// The log checked in two parts (日志校验 with its worker: renderer/db/supervisionVerifyPart.ts): the later rows
// from the place the rows before must end at (ChainVerifier.placeBefore), joined after the earlier ones
// (ChainVerifier.join) — or, when they do not meet, checked again after them. Whatever was done to the blocks
// outside the app, and wherever the log is split, the two parts name the same first problem with the same words,
// count the same entries and keep the same last entry of each record as one check in order.

const ids = Array.from({ length: 30 }, (_, i) => `rec-${i}`);
const log: ChainEntry[] = [];
for (let i = 0; i < BLOCK_SIZE * 4 + 11; i++) {
  const recordId = ids[(i * 7) % ids.length]!;
  log.push(
    nextEntry(log.at(-1), {
      at: 1_700_000_000_000 + (i % 5) * 1_000,
      table: i % 3 ? 'clues' : 'personalMatters',
      recordId,
      action: i % 4 ? 'update' : 'create',
      digest: recordDigest({ id: recordId, version: i }),
      by: i % 2 ? '干部监督科' : '导入（区委组织部）',
    }),
  );
}
const sealed = [0, 1, 2, 3].map((b) => packBlock(log.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
const open = log.slice(BLOCK_SIZE * 4);

function outcome(v: ChainVerifier) {
  v.end();
  const last = ['clues', 'personalMatters'].flatMap((t) => ids.map((id) => v.last.get(`${t}:${id}`)));
  return { broken: v.broken, count: v.count, lastSeq: v.lastSeq, signedHash: v.signedHash, last: v.broken ? null : last };
}

function inOrder(blocks: readonly unknown[], heads: ChainHead[], signedSeq: number | undefined) {
  const v = new ChainVerifier(heads, signedSeq);
  for (const b of blocks) v.addBlock(b);
  v.addEntries(open);
  return outcome(v);
}

/** As verifyChain does with a worker: blocks from `at` on checked apart (through a structured clone), then joined. */
function inParts(blocks: readonly unknown[], at: number, heads: ChainHead[], signedSeq: number | undefined) {
  const earlier = new ChainVerifier(heads, signedSeq);
  for (const b of blocks.slice(0, at)) earlier.addBlock(b);
  const from = ChainVerifier.placeBefore(heads, blocks[at]);
  let joined = false;
  if (from) {
    const later = new ChainVerifier(heads, signedSeq, from);
    for (const b of blocks.slice(at)) later.addBlock(b);
    joined = earlier.join(structuredClone(later.part(from)));
  }
  if (!joined) for (const b of blocks.slice(at)) earlier.addBlock(b);
  earlier.addEntries(open);
  return { outcome: outcome(earlier), joined };
}

type Damage = (blocks: ChainBlock[]) => unknown[];
const atEntries = (b: number, f: (entries: ChainEntry[]) => ChainEntry[]): Damage => (blocks) =>
  blocks.map((x, i) => (i === b ? { ...packBlock(f(unpackBlock(x))), start: x.start } : x));
const damage: fc.Arbitrary<Damage> = fc.oneof(
  // nothing
  fc.constant<Damage>((blocks) => blocks),
  // a field of an entry changed, the chain left as it was
  fc.tuple(fc.nat(3), fc.nat(BLOCK_SIZE - 1), fc.constantFrom('digest', 'hash', 'prev', 'by', 'at')).map(([b, row, field]) =>
    atEntries(b, (es) =>
      es.map((e, k) => (k !== row ? e : field === 'at' ? { ...e, at: e.at + 1 } : field === 'by' ? { ...e, by: '他人' } : { ...e, [field]: recordDigest(field) })),
    ),
  ),
  // an entry removed, two swapped
  fc.tuple(fc.nat(3), fc.nat(BLOCK_SIZE - 2), fc.boolean()).map(([b, row, swap]) =>
    atEntries(b, (es) => {
      if (swap) [es[row], es[row + 1]] = [es[row + 1]!, es[row]!];
      else es.splice(row, 1);
      return es;
    }),
  ),
  // an edit re-chained by hand from it to the end of the blocks
  fc.nat(BLOCK_SIZE * 4 - 1).map((at): Damage => () => {
    const out: ChainEntry[] = [];
    for (const e of log.slice(0, BLOCK_SIZE * 4)) {
      const { seq: _s, prev: _p, hash: _h, ...rest } = e;
      out.push(e.seq - 1 < at ? e : nextEntry(out.at(-1), e.seq - 1 === at ? { ...rest, by: '他人' } : rest));
    }
    return [0, 1, 2, 3].map((b) => packBlock(out.slice(b * BLOCK_SIZE, (b + 1) * BLOCK_SIZE)));
  }),
  // a block removed, two swapped, a block's hashes cut short or a character of them changed, a block not a block
  fc.nat(3).map((b): Damage => (blocks) => blocks.filter((_, i) => i !== b)),
  fc.nat(2).map((b): Damage => (blocks) => blocks.map((x, i) => (i === b ? blocks[b + 1]! : i === b + 1 ? blocks[b]! : x))),
  fc.tuple(fc.nat(3), fc.nat(17_000)).map(([b, cut]): Damage => (blocks) => blocks.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, cut) } : x))),
  fc.tuple(fc.nat(3), fc.nat(17_000), fc.constantFrom('A', 'x', '=', '/')).map(([b, at, c]): Damage => (blocks) =>
    blocks.map((x, i) => (i === b ? { ...x, hashes: x.hashes.slice(0, at) + c + x.hashes.slice(at + 1) } : x)),
  ),
  fc.nat(3).map((b): Damage => (blocks) => blocks.map((x, i) => (i === b ? 'nonsense' : x))),
);
// heads every few entries, on the blocks' edges, at the very split, none; one that is no entry's number
const headSets: ChainHead[][] = [
  log.filter((e) => e.seq % 37 === 0),
  log.filter((e) => e.seq % BLOCK_SIZE === 0 || e.seq % BLOCK_SIZE === 1),
  [],
  [...log.filter((e) => e.seq % 150 === 0), { seq: BLOCK_SIZE * 2 + 0.5, hash: log[0]!.hash }].sort((a, b) => a.seq - b.seq),
].map((hs) => hs.map((e) => ({ seq: e.seq, hash: e.hash })));

describe('the log checked in two parts and joined', () => {
  it('finds exactly what one check in order finds, wherever it is split and whatever was done to the blocks', () => {
    let joins = 0;
    fc.assert(
      fc.property(damage, fc.integer({ min: 1, max: 3 }), fc.nat(headSets.length - 1), fc.constantFrom(undefined, 1, BLOCK_SIZE * 2, log.length), (edit, at, h, signedSeq) => {
        const blocks = edit(sealed.map((b) => ({ ...b })));
        const heads = headSets[h]!;
        if (at >= blocks.length) return;
        const parts = inParts(blocks, at, heads, signedSeq);
        if (parts.joined) joins++;
        expect(parts.outcome).toEqual(inOrder(blocks, heads, signedSeq));
      }),
      { numRuns: 60 },
    );
    // the joins were made, not only the checks again in order
    expect(joins).toBeGreaterThan(10);
  }, 60_000);

  it('joins a sound log, and does not join where the earlier part does not end at the later one\'s start', () => {
    const heads = headSets[0]!;
    expect(inParts(sealed, 2, heads, undefined)).toEqual({ outcome: inOrder(sealed, heads, undefined), joined: true });
    const unlinked = atEntries(2, (es) => es.map((e, k) => (k === 0 ? { ...e, prev: recordDigest('x') } : e)))(sealed);
    const parts = inParts(unlinked, 2, heads, undefined);
    expect(parts.joined).toBe(false);
    expect(parts.outcome.broken).toMatchObject({ seq: BLOCK_SIZE * 2 + 1 });
    expect(parts.outcome).toEqual(inOrder(unlinked, heads, undefined));
  });
});

describe('the rows\' base64, decoded by the fast path', () => {
  it('gives the bytes decodeBase64 gives wherever it gives any, and all of them for what packBlock writes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(base64Bytes(encodeBase64(bytes))).toEqual(bytes);
      }),
    );
    const text = fc.string({ unit: fc.constantFrom('A', 'z', '0', '+', '/', '=', ' ', '\n', 'é', '-'), maxLength: 24 });
    fc.assert(
      fc.property(text, (t) => {
        const strict = base64Bytes(t);
        if (strict) expect(strict).toEqual(decodeBase64(t));
        if (!/[\s]/.test(t)) expect(strict === null).toBe(decodeBase64(t) === null);
      }),
      { numRuns: 2_000 },
    );
  });
});
