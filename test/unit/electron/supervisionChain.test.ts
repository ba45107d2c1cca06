import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HEADS_FILE, createChainSigner, type ChainSigner } from '../../../electron/supervision/chainSigner';
import { loadOrCreateIdentity, type Identity } from '../../../electron/keys/identity';
import { sha256, sha256HexThenText, sha256HexThenTextIs } from '../../../shared/rules/sha256';
import {
  GENESIS,
  entryText,
  firstBrokenLink,
  firstChangedRecord,
  firstUnmatchedHead,
  nextEntry,
  recordDigest,
  type ChainEntry,
} from '../../../shared/rules/supervisionChain';

// The supervision log (shared/rules/supervisionChain.ts, electron/supervision/chainSigner.ts): an edited entry is
// found and named; an edit re-chained by hand (every later hash recomputed) is found against the heads the main
// process signed, cannot be signed again, and its old signature does not fit the new head.

let dir: string;
let identity: Identity;
let signer: ChainSigner;
beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'cadredesk-chain-'));
  identity = await loadOrCreateIdentity(path.join(dir, 'keys'), null);
  signer = createChainSigner(path.join(dir, 'keys'), identity);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const records = Array.from({ length: 5 }, (_, i) => ({ id: `r${i + 1}`, cadreId: 'c1', summary: `线索${i + 1}`, vv: { a: i + 1 } }));

function chainOf(n: number): ChainEntry[] {
  const out: ChainEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(nextEntry(out.at(-1), { at: 1_700_000_000_000 + i, table: 'clues', recordId: records[i]!.id, action: 'create', digest: recordDigest(records[i]), by: '李明' }));
  }
  return out;
}

/** Recomputes every hash from `from` on, as someone re-chaining an edit by hand would. */
function rechain(entries: ChainEntry[], from: number): ChainEntry[] {
  const out = entries.slice(0, from);
  for (const e of entries.slice(from)) {
    const { seq: _s, prev: _p, hash: _h, ...rest } = e;
    out.push(nextEntry(out.at(-1), rest));
  }
  return out;
}

describe('sha256', () => {
  it('agrees with Node’s for empty, padding-boundary, long and Chinese texts', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'x'.repeat(5000), '王芳2024年度个人有关事项报告𠀋']) {
      expect(sha256(text), text.slice(0, 10)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });
  it('hashes 32-byte values then a text as Node does, and compares a hash without making its text', () => {
    for (const text of ['', 'cadredesk-supervision-log/1|1|2|clues|x|create|王芳', 'y'.repeat(300)]) {
      const a = sha256(`a${text}`);
      const b = sha256(`b${text}`);
      const expected = createHash('sha256').update(Buffer.concat([Buffer.from(a, 'hex'), Buffer.from(b, 'hex'), Buffer.from(text, 'utf8')])).digest('hex');
      expect(sha256HexThenText([a, b], text)).toBe(expected);
      expect(sha256HexThenTextIs([a, b], text, expected)).toBe(true);
      // one digit off, upper case, short or not hex: not the hash
      for (const other of [`${expected.slice(0, 63)}${expected[63] === '0' ? '1' : '0'}`, expected.toUpperCase(), expected.slice(1), `${expected.slice(0, 63)}g`]) {
        if (other !== expected) expect(sha256HexThenTextIs([a, b], text, other), other).toBe(false);
      }
    }
  });
});

describe('the chain', () => {
  it('links each entry to the one before: a sound chain has no broken link', () => {
    const chain = chainOf(5);
    expect(chain[0]!.prev).toBe(GENESIS);
    expect(chain[3]!.prev).toBe(chain[2]!.hash);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(firstBrokenLink(chain, undefined)).toBeNull();
  });

  it('an entry edited in place is named: its hash no longer fits its content', () => {
    const chain = chainOf(5);
    chain[2] = { ...chain[2]!, recordId: 'r9' };
    expect(firstBrokenLink(chain, undefined)).toMatchObject({ seq: 3, reason: expect.stringContaining('第3条') });
  });

  it('an entry removed is named as missing', () => {
    const chain = chainOf(5);
    chain.splice(1, 1);
    expect(firstBrokenLink(chain, undefined)).toMatchObject({ seq: 2, reason: expect.stringContaining('缺失') });
  });

  it('a live record edited outside the app no longer matches its last entry', () => {
    const chain = chainOf(5);
    const last = new Map(chain.map((e) => [`${e.table}:${e.recordId}`, e]));
    const live = records.map((record) => ({ table: 'clues', record }));
    expect(firstChangedRecord(last, live)).toBeNull();
    live[3] = { table: 'clues', record: { ...records[3]!, summary: '改过' } };
    expect(firstChangedRecord(last, live)).toMatchObject({ seq: 4 });
    expect(firstChangedRecord(last, [...live.slice(0, 3), { table: 'clues', record: { id: 'x1' } as never }])).toMatchObject({ seq: 0, reason: expect.stringContaining('不在日志中') });
  });
});

describe('the main process’s signatures', () => {
  it('signs each batch that extends the last head, keeps the heads, and checks a signature', async () => {
    const chain = chainOf(5);
    const first = await signer.sign(chain.slice(0, 2));
    const second = await signer.sign(chain.slice(2));
    expect(first).toMatchObject({ seq: 2, hash: chain[1]!.hash });
    expect(await signer.heads()).toEqual([
      { seq: 2, hash: chain[1]!.hash },
      { seq: 5, hash: chain[4]!.hash },
    ]);
    expect(signer.check({ seq: 5, hash: chain[4]!.hash }, second.signature)).toBe(true);
    // another signer over the same folder reads the same heads from the file
    expect(await createChainSigner(path.join(dir, 'keys'), identity).heads()).toHaveLength(2);
    expect(readFileSync(path.join(dir, 'keys', HEADS_FILE), 'utf8')).not.toMatch(/PRIVATE|BEGIN/);
  });

  it('a re-chained edit: the chain links again, but the signed heads catch it, the old signature does not fit, and it cannot be signed', async () => {
    const chain = chainOf(5);
    for (const e of chain) await signer.sign([e]);
    chain.push(nextEntry(chain[4], { at: 9, table: 'clues', recordId: 'r1', action: 'update', digest: 'b'.repeat(64), by: '李明' }));
    const signed = await signer.sign([chain[5]!]);

    const edited = [...chain];
    edited[2] = { ...edited[2]!, digest: recordDigest({ ...records[2], summary: '悄悄改过' }) };
    const rechained = rechain(edited, 2);
    expect(firstBrokenLink(rechained, undefined)).toBeNull();

    const heads = await signer.heads();
    const hashAt = (seq: number) => rechained[seq - 1]?.hash;
    expect(firstUnmatchedHead(hashAt, heads)).toMatchObject({ seq: 3, reason: expect.stringContaining('第3条') });
    expect(firstUnmatchedHead((seq) => chain[seq - 1]?.hash, heads)).toBeNull();
    // the new head with the old signature
    expect(signer.check({ seq: 6, hash: rechained[5]!.hash }, signed.signature)).toBe(false);
    expect(signer.check({ seq: 6, hash: chain[5]!.hash }, signed.signature)).toBe(true);
    // the main process signs only what extends its last head: the rewritten tail is refused
    await expect(signer.sign(rechained.slice(2))).rejects.toThrow(/未能签署/);
    expect(await signer.heads()).toEqual(heads);
  });

  it('a truncated chain misses a signed head', async () => {
    const chain = chainOf(3);
    for (const e of chain) await signer.sign([e]);
    expect(firstUnmatchedHead((seq) => chain.slice(0, 2)[seq - 1]?.hash, await signer.heads())).toMatchObject({ seq: 3, reason: expect.stringContaining('截短') });
  });

  it('a signature made with another installation’s key is refused', async () => {
    const other = await loadOrCreateIdentity(path.join(dir, 'other'), null);
    const chain = chainOf(1);
    const theirs = await createChainSigner(path.join(dir, 'other'), other).sign(chain);
    expect(signer.check({ seq: 1, hash: chain[0]!.hash }, theirs.signature)).toBe(false);
    expect(entryText(chain[0]!)).toContain('cadredesk-supervision-log/1');
  });
});

describe('a lost heads file', () => {
  const file = () => path.join(dir, 'keys', HEADS_FILE);

  it('does not stop signing: signing starts again at the chain as found, and the entries before are a gap', async () => {
    const chain = chainOf(5);
    await signer.sign(chain.slice(0, 3));
    rmSync(file());
    // a new start of the app: the heads are gone, the renderer sends what it has not had signed
    const restarted = createChainSigner(path.join(dir, 'keys'), identity);
    const head = await restarted.sign(chain.slice(3));
    expect(restarted.check({ seq: 5, hash: chain[4]!.hash }, head.signature)).toBe(true);
    expect(await restarted.gaps()).toEqual([{ from: 1, to: 3 }]);
    expect(await restarted.heads()).toEqual([
      { seq: 3, hash: chain[2]!.hash },
      { seq: 5, hash: chain[4]!.hash },
    ]);
    // kept in the file: read again, the gap is still shown; signing goes on without a new gap
    const again = createChainSigner(path.join(dir, 'keys'), identity);
    expect(await again.gaps()).toEqual([{ from: 1, to: 3 }]);
    chain.push(nextEntry(chain[4], { at: 9, table: 'clues', recordId: 'r1', action: 'update', digest: 'b'.repeat(64), by: '李明' }));
    await again.sign([chain[5]!]);
    expect(await again.gaps()).toHaveLength(1);
    // after the restart an edit re-chained by hand is still caught against the heads signed since
    const rechained = rechain([...chain.slice(0, 4), { ...chain[4]!, by: '他人' }, chain[5]!], 4);
    expect(firstUnmatchedHead((seq) => rechained[seq - 1]?.hash, await again.heads())).toMatchObject({ seq: 4 });
  });

  it('removed while the app runs, is noticed at the next batch', async () => {
    const chain = chainOf(4);
    await signer.sign(chain.slice(0, 2));
    rmSync(file());
    await signer.sign(chain.slice(2));
    expect(await signer.gaps()).toEqual([{ from: 1, to: 2 }]);
    expect(readFileSync(file(), 'utf8')).toBe(`R 2 ${chain[1]!.hash}\n4 ${chain[3]!.hash}\n`);
  });

  it('a batch that does not link to where it claims to start is still refused, and nothing is kept', async () => {
    const chain = chainOf(4);
    await signer.sign(chain.slice(0, 2));
    const forged = { ...chain[3]!, by: '他人' };
    await expect(signer.sign([forged])).rejects.toThrow(/未能签署/);
    expect(await signer.gaps()).toEqual([]);
    expect(await signer.heads()).toHaveLength(1);
  });

  it('a damaged file is refused with what to do', async () => {
    writeFileSync(file(), 'nonsense\n');
    await expect(createChainSigner(path.join(dir, 'keys'), identity).heads()).rejects.toThrow(/已损坏/);
  });
});

describe('an entry’s hash', () => {
  it('is SHA-256 of the previous hash and the digest as bytes, then the entry’s text', () => {
    const [e] = chainOf(1);
    const bytes = Buffer.concat([Buffer.from(e!.prev, 'hex'), Buffer.from(e!.digest, 'hex'), Buffer.from(entryText(e!), 'utf8')]);
    expect(e!.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(entryText(e!)).toContain('李明');
  });

  it('a digest that is not hex names the entry instead of failing', () => {
    const chain = chainOf(3);
    chain[1] = { ...chain[1]!, digest: `q${chain[1]!.digest.slice(1)}` };
    expect(firstBrokenLink(chain, undefined)).toMatchObject({ seq: 2 });
  });
});
