import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_CHUNK_SIZE, CHUNK_SIZE, PAYLOAD_HEADER_SIZE } from '../../../../electron/bundle/chunked';
import { ENTRY } from '../../../../electron/bundle/container';
import { BundleError } from '../../../../electron/bundle/errors';
import { FileSource } from '../../../../electron/bundle/fileBytes';
import { headerSize, PREAMBLE_SIZE } from '../../../../electron/bundle/header';
import { inspectBundle, openBundle } from '../../../../electron/bundle/reader';
import { sealBundle } from '../../../../electron/bundle/writer';
import { fingerprint } from '../../../../shared/identity/fingerprint';
import {
  baseMeta,
  blob,
  craft,
  open,
  openError,
  party,
  recipientOfParty,
  recordingSink,
  records,
  seal,
  seededRandom,
  sha256hex,
  tempDir,
  trusting,
  unlockAs,
} from './helpers';

const A = party('bundle-test-A', '新城区委组织部干部科');
const B = party('bundle-test-B', '新城区教育局');
const C = party('bundle-test-C', '新城区卫健委');

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const file = (name = 'x.cadre') => path.join(dir, name);
const cadres = records([
  { table: 'cadres', record: { id: 'c1', name: '张三' } },
  { table: 'cadres', record: { id: 'c2', name: '李四' } },
  { table: 'units', record: { id: 'u1', name: '教育局' } },
]);
const photo = randomBytes(40_000);

function headerLength(f: string): number {
  return headerSize(readFileSync(f).subarray(0, PREAMBLE_SIZE));
}

/** The sealed chunks of a one-part bundle: [header+payload header, chunk 0, chunk 1, …]. */
function chunksOf(f: string): { head: Buffer; chunks: Buffer[] } {
  const bytes = readFileSync(f);
  const start = headerLength(f) + PAYLOAD_HEADER_SIZE;
  const chunks: Buffer[] = [];
  for (let o = start; o < bytes.length; o += SEALED_CHUNK_SIZE) chunks.push(bytes.subarray(o, o + SEALED_CHUNK_SIZE));
  return { head: bytes.subarray(0, start), chunks };
}

function expectBundleError(error: Error, ...codes: string[]) {
  expect(error).toBeInstanceOf(BundleError);
  const e = error as BundleError;
  if (codes.length) expect(codes).toContain(e.code);
  expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(e.line()).not.toMatch(/\n/);
}

describe('sealing and opening', () => {
  it('round-trips records and blobs to the recipient, with the bundle hash of the bytes on disk', async () => {
    const sealed = await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(photo)]);
    const rec = recordingSink();
    const opened = await open(file(), B, trusting(A), rec.sink);
    expect(opened.bundleHash).toBe(sha256hex(readFileSync(file())));
    expect(opened.bundleHash).toBe(sealed.bundleHash);
    expect(opened.meta).toEqual(sealed.meta);
    expect(opened.meta.source).toEqual({ installationId: A.id, name: A.name });
    expect(opened.meta.destination).toBe(B.id);
    expect(opened.manifest.counts).toEqual({ cadres: 2, units: 1 });
    expect(opened.signer.fingerprint).toBe(fingerprint(A.id));
    expect(rec.entries.map((e) => e.entry.name)).toEqual(['meta.json', 'records/0001.ndjson', sha256hex(photo)]);
    expect(rec.content(sha256hex(photo)).equals(photo)).toBe(true);
    expect(rec.content('records/0001.ndjson').equals(cadres.data as Buffer)).toBe(true);
    expect(JSON.parse(rec.content('meta.json').toString())).toEqual(opened.meta);
    expect(existsSync(`${file()}.partial`)).toBe(false);
  });

  it('writes the same bytes whether it hashes on a worker thread or not, and reads them either way', async () => {
    const big = randomBytes(3 * CHUNK_SIZE + 5);
    const fixed = () => ({ random: seededRandom('same'), now: () => new Date('2026-01-02T03:04:05Z') });
    const one = await seal(file('a.cadre'), A, { recipient: recipientOfParty(B) }, [cadres, blob(big)], { ...fixed(), parallel: false });
    const two = await seal(file('b.cadre'), A, { recipient: recipientOfParty(B) }, [cadres, blob(big)], { ...fixed(), parallel: true });
    expect(readFileSync(file('a.cadre')).equals(readFileSync(file('b.cadre')))).toBe(true);
    expect(two.bundleHash).toBe(one.bundleHash);
    const inThread = await open(file('a.cadre'), B, trusting(A), undefined, false);
    const onWorker = await open(file('a.cadre'), B, trusting(A), undefined, true);
    expect(onWorker.bundleHash).toBe(inThread.bundleHash);
    expect(onWorker.manifest).toEqual(inThread.manifest);
    // an import's first pass verifies all of it without the bundle hash (the second pass computes it)
    for (const parallel of [false, true]) {
      const unhashed = await openBundle({ file: file('a.cadre'), unlock: unlockAs(B), trust: trusting(A), parallel, hashFile: false });
      expect(unhashed.bundleHash).toBeNull();
      expect(unhashed.manifest).toEqual(inThread.manifest);
      expect(unhashed.meta).toEqual(inThread.meta);
    }
  });

  it('an empty exchange (no records, no blobs) still carries META, MANIFEST and SIGNATURE', async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, []);
    const opened = await open(file(), B, trusting(A));
    expect(opened.manifest).toEqual({ counts: {}, entries: [expect.objectContaining({ kind: 1, name: 'meta.json' })] });
  });

  it('a payload that is an exact multiple of 16 KiB ends with an empty chunk and opens', async () => {
    // Find the blob size that makes the container an exact multiple of 16 KiB (the manifest's digits may shift).
    let size = 2 * CHUNK_SIZE;
    for (let round = 0; round < 5; round++) {
      await seal(file(), A, { recipient: recipientOfParty(B) }, [blob(Buffer.alloc(size, 7))]);
      const payload = statSync(file()).size - headerLength(file()) - PAYLOAD_HEADER_SIZE;
      const chunks = Math.ceil(payload / SEALED_CHUNK_SIZE);
      const plain = payload - chunks * 16;
      if (plain % CHUNK_SIZE === 0) break;
      size += CHUNK_SIZE - (plain % CHUNK_SIZE);
    }
    const { chunks } = chunksOf(file());
    expect(chunks.at(-1)!.length).toBe(16); // the empty last chunk: a tag alone
    expect(chunks.slice(0, -1).every((c) => c.length === SEALED_CHUNK_SIZE)).toBe(true);
    await expect(open(file(), B, trusting(A))).resolves.toBeDefined();
  });

  it('inspect shows the header without any key', async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres]);
    const info = await inspectBundle(file());
    expect(info.header.signerId).toBe(A.id);
    expect(info.header.stanzas).toEqual([{ type: 'recipient', recipientId: B.id, fingerprint: fingerprint(B.id) }]);
  });

  it('a failed seal leaves nothing behind (a blob whose content is not its name)', async () => {
    const wrong = { ...blob(photo), sha256: sha256hex(Buffer.from('other')) };
    await expect(seal(file(), A, { recipient: recipientOfParty(B) }, [wrong])).rejects.toMatchObject({ code: 'blobName' });
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('tampering with a recipient bundle', () => {
  it('every bit of the header flipped: a clear error, nothing released', async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(photo)]);
    const original = readFileSync(file());
    const size = headerLength(file());
    expect(size).toBe(16 + 41 + 3 + 96 + 32);
    const codes = new Set<string>();
    for (let bit = 0; bit < size * 8; bit++) {
      const bytes = Buffer.from(original);
      bytes[bit >> 3]! ^= 1 << (bit & 7);
      writeFileSync(file(), bytes);
      const rec = recordingSink();
      const error = await openError(file(), B, trusting(A), rec.sink);
      expectBundleError(error);
      codes.add((error as BundleError).code);
      expect(rec.released(), `bit ${bit} released plaintext`).toBe(0);
      expect(rec.entries).toEqual([]);
    }
    // Each part of the header is caught by the check meant for it.
    expect([...codes].sort()).toEqual(
      ['header', 'headerMac', 'notBundle', 'suite', 'unknownSigner', 'version', 'wrongRecipient'].sort(),
    );
  }, 120_000);

  it('truncation at every chunk boundary and one byte either side', async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(randomBytes(3 * CHUNK_SIZE + 100))]);
    const original = readFileSync(file());
    const start = headerLength(file()) + PAYLOAD_HEADER_SIZE;
    const cuts = new Set<number>();
    for (let b = start; b <= original.length; b += SEALED_CHUNK_SIZE) [b - 1, b, b + 1].forEach((c) => cuts.add(c));
    [start - PAYLOAD_HEADER_SIZE, original.length - 1, original.length - 16, 0, 5].forEach((c) => cuts.add(c));
    for (const cut of [...cuts].filter((c) => c >= 0 && c < original.length)) {
      writeFileSync(file(), original.subarray(0, cut));
      const error = await openError(file(), B, trusting(A));
      expectBundleError(error, 'truncated', 'chunk', 'notBundle');
    }
  });

  describe('chunks moved about', () => {
    let head: Buffer;
    let chunks: Buffer[];
    beforeEach(async () => {
      await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(randomBytes(4 * CHUNK_SIZE))]);
      ({ head, chunks } = chunksOf(file()));
      expect(chunks.length).toBeGreaterThanOrEqual(5);
    });
    const write = (parts: Buffer[]) => writeFileSync(file(), Buffer.concat([head, ...parts]));
    const cases: [string, (c: Buffer[]) => Buffer[], number][] = [
      ['dropped', (c) => [c[0]!, ...c.slice(2)], 1],
      ['duplicated', (c) => [c[0]!, c[0]!, ...c.slice(1)], 1],
      ['swapped', (c) => [c[1]!, c[0]!, ...c.slice(2)], 0],
      ['the last dropped', (c) => c.slice(0, -1), -1],
    ];
    for (const [what, change, at] of cases) {
      it(`a chunk ${what}`, async () => {
        write(change(chunks));
        const rec = recordingSink();
        const error = await openError(file(), B, trusting(A), rec.sink);
        expectBundleError(error, 'chunk', 'truncated');
        if (at >= 0) expect((error as BundleError).chunk).toBe(at);
      });
    }
    it('a chunk spliced from another bundle', async () => {
      await seal(file('other.cadre'), A, { recipient: recipientOfParty(B) }, [cadres, blob(randomBytes(4 * CHUNK_SIZE))]);
      const other = chunksOf(file('other.cadre')).chunks;
      write([chunks[0]!, other[1]!, ...chunks.slice(2)]);
      const error = await openError(file(), B, trusting(A));
      expectBundleError(error, 'chunk');
      expect((error as BundleError).chunk).toBe(1);
    });
    it('trailing bytes after the last chunk: one byte, a tag, a whole chunk', async () => {
      for (const extra of [Buffer.of(0), Buffer.alloc(16), chunks[1]!]) {
        write([...chunks, extra]);
        expectBundleError(await openError(file(), B, trusting(A)), 'chunk', 'trailing');
      }
    });
    it('a header with no payload at all', async () => {
      writeFileSync(file(), head.subarray(0, headerLength(file())));
      expectBundleError(await openError(file(), B, trusting(A)), 'truncated');
    });
  });

  describe('parts', () => {
    const partSize = 5000;
    let list: string[];
    beforeEach(async () => {
      const sealed = await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(photo)], { partSize });
      list = sealed.parts;
      expect(list.length).toBeGreaterThan(4);
      expect(list.slice(0, -1).every((p) => statSync(p).size === partSize)).toBe(true);
      expect(path.basename(list[1]!)).toBe('x.cadre.002');
    });
    it('opens when all are there, named by the first', async () => {
      const opened = await open(file(), B, trusting(A));
      const whole = Buffer.concat(list.map((p) => readFileSync(p)));
      expect(opened.bundleHash).toBe(sha256hex(whole));
    });
    it('a missing part in the middle', async () => {
      unlinkSync(list[1]!);
      expectBundleError(await openError(file(), B, trusting(A)), 'parts');
    });
    it('a missing last part', async () => {
      unlinkSync(list.at(-1)!);
      expectBundleError(await openError(file(), B, trusting(A)), 'chunk', 'truncated');
    });
    it('an extra part after the end', async () => {
      writeFileSync(`${file()}.${String(list.length + 1).padStart(3, '0')}`, Buffer.alloc(10));
      expectBundleError(await openError(file(), B, trusting(A)), 'chunk', 'trailing', 'parts');
    });
    it('parts in the wrong order', async () => {
      renameSync(list[1]!, `${list[1]}.tmp`);
      renameSync(list[2]!, list[1]!);
      renameSync(`${list[1]}.tmp`, list[2]!);
      expectBundleError(await openError(file(), B, trusting(A)), 'chunk', 'header', 'headerMac');
    });
    it('a later part named instead of the first', async () => {
      expectBundleError(await openError(list[1]!, B, trusting(A)), 'parts');
    });
    it('a part cut short', async () => {
      truncateSync(list[2]!, partSize - 1);
      expectBundleError(await openError(file(), B, trusting(A)), 'parts');
    });
  });
});

describe('passphrase bundles (scrypt with log2N = 15)', () => {
  const to = (passphrase: string) => ({ passphrase, log2N: 15 });
  it('opens with the passphrase, in NFC or NFD', async () => {
    await seal(file(), A, to('Caf\u00e9 口令 2026 长一些'), [cadres], { meta: { kind: 'backup' } });
    const opened = await open(file(), 'Cafe\u0301 口令 2026 长一些', trusting(A));
    expect(opened.meta.destination).toBeNull();
    expect(opened.header.stanzas).toEqual([{ type: 'passphrase', log2N: 15 }]);
  });
  it('refuses a wrong passphrase, releasing nothing', async () => {
    await seal(file(), A, to('正确的口令 correct horse'), [cadres]);
    const rec = recordingSink();
    expectBundleError(await openError(file(), '错误的口令 wrong horse', trusting(A), rec.sink), 'wrongPassphrase');
    expect(rec.released()).toBe(0);
  });
  it('refuses a recipient key for a passphrase bundle, and a passphrase for a recipient bundle', async () => {
    await seal(file('p.cadre'), A, to('正确的口令 correct horse'), [cadres]);
    expectBundleError(await openError(file('p.cadre'), B, trusting(A)), 'wrongRecipient');
    await seal(file('r.cadre'), A, { recipient: recipientOfParty(B) }, [cadres]);
    expectBundleError(await openError(file('r.cadre'), 'anything at all', trusting(A)), 'wrongPassphrase');
  });
  it('refuses a work factor outside 15..18 before running scrypt', async () => {
    await seal(file(), A, to('正确的口令 correct horse'), [cadres]);
    const bytes = readFileSync(file());
    bytes[16 + 41 + 3] = 30; // log2N
    writeFileSync(file(), bytes);
    const t = performance.now();
    expectBundleError(await openError(file(), '正确的口令 correct horse', trusting(A)), 'header');
    // scrypt at 2^30 would run for minutes (or fail for memory): refused first, it takes a fraction of a second
    expect(performance.now() - t).toBeLessThan(10_000);
  });
});

describe('keys and trust', () => {
  beforeEach(async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, [cadres, blob(photo)]);
  });
  it('a bundle for someone else', async () => {
    expectBundleError(await openError(file(), C, trusting(A)), 'wrongRecipient');
  });
  it('an unknown signer is refused before any decryption, with its fingerprint', async () => {
    // C cannot even unwrap the key: the trust refusal must come first.
    const rec = recordingSink();
    const error = (await openError(file(), C, trusting(B, C), rec.sink)) as BundleError;
    expectBundleError(error, 'unknownSigner');
    expect(error.fingerprint).toBe(fingerprint(A.id));
    expect(error.zh).toContain(fingerprint(A.id));
    expect(rec.entries).toEqual([]);
  });
  it('a revoked or unconfirmed signer is refused the same way', async () => {
    for (const state of ['revoked', 'pending'] as const) {
      const error = (await openError(file(), C, () => ({ state }))) as BundleError;
      expectBundleError(error, state === 'revoked' ? 'revokedSigner' : 'untrustedSigner');
      expect(error.zh).toContain(fingerprint(A.id));
    }
  });
  it('a signer trusted under another key is a bad signature', async () => {
    const impostor = () => ({ state: 'trusted' as const, signingKey: C.signingKey, name: 'x' });
    expectBundleError(await openError(file(), B, impostor), 'badSignature');
  });
  it('a valid signature over another header', async () => {
    const otherHeader = readFileSync(file()).subarray(0, headerLength(file()));
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], signedHeader: otherHeader });
    expectBundleError(await openError(file('y.cadre'), B, trusting(A)), 'badSignature');
  });
  it('META source other than the signer', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], meta: (m) => ({ ...m, source: { installationId: C.id, name: 'x' } }) });
    expectBundleError(await openError(file('y.cadre'), B, trusting(A, C)), 'meta');
  });
  it('META bundleId other than the header', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], meta: (m) => ({ ...m, bundleId: 'ab'.repeat(16) }) });
    expectBundleError(await openError(file('y.cadre'), B, trusting(A)), 'meta');
  });
  it('META destination other than this installation', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], meta: (m) => ({ ...m, destination: C.id }) });
    expectBundleError(await openError(file('y.cadre'), B, trusting(A)), 'meta');
  });
  it('a META key the format does not name', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], meta: (m) => ({ ...m, note: 'x' }) as typeof m });
    expectBundleError(await openError(file('y.cadre'), B, trusting(A)), 'meta');
  });
  it('a META marked demo opens with the mark, so that the import can refuse it saying why', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [], meta: (m) => ({ ...m, demo: true }) });
    await expect(open(file('y.cadre'), B, trusting(A))).resolves.toMatchObject({ meta: { demo: true } });
  });
  it('a crafted bundle that bends nothing opens (the helper is honest)', async () => {
    await craft(file('y.cadre'), { signer: A, to: B, entries: [{ kind: ENTRY.RECORDS, name: 'records/0001.ndjson', data: cadres.data as Buffer }] });
    await expect(open(file('y.cadre'), B, trusting(A))).resolves.toMatchObject({ manifest: { counts: { cadres: 2, units: 1 } } });
  });
});

describe('the container', () => {
  const rec = { kind: ENTRY.RECORDS, name: 'records/0001.ndjson', data: cadres.data as Buffer };
  const photoEntry = { kind: ENTRY.BLOB, name: sha256hex(photo), data: photo };
  const refused = async (spec: Omit<Parameters<typeof craft>[1], 'signer' | 'to'>, ...codes: string[]) => {
    await craft(file('y.cadre'), { signer: A, to: B, ...spec });
    const sink = recordingSink();
    const error = await openError(file('y.cadre'), B, trusting(A), sink.sink);
    expectBundleError(error, ...codes);
    return sink;
  };
  it('a manifest count that does not match', async () => {
    await refused({ entries: [rec], manifest: (m) => ({ ...m, counts: { ...m.counts, cadres: 3 } }) }, 'manifest');
  });
  it('a manifest that leaves out a table', async () => {
    await refused({ entries: [rec], manifest: (m) => ({ ...m, counts: { cadres: 2 } }) }, 'manifest');
  });
  it('a manifest hash that does not match', async () => {
    await refused(
      { entries: [rec], manifest: (m) => ({ ...m, entries: m.entries.map((e, i) => (i === 1 ? { ...e, sha256: '0'.repeat(64) } : e)) }) },
      'manifest',
    );
  });
  it('an entry missing (the manifest lists one more)', async () => {
    await refused(
      { entries: [rec], manifest: (m) => ({ ...m, entries: [...m.entries, { kind: 3, name: sha256hex(photo), length: photo.length, sha256: sha256hex(photo) }] }) },
      'manifest',
    );
  });
  it('an extra entry (one the manifest does not list)', async () => {
    await refused({ entries: [rec, photoEntry], manifest: (m) => ({ ...m, entries: m.entries.slice(0, 2) }) }, 'manifest');
  });
  it('a blob whose name is not its hash', async () => {
    const other = sha256hex(Buffer.from('not the photo'));
    await refused({ entries: [{ ...photoEntry, name: other }], manifest: (m) => m }, 'blobName');
  });
  it('a blob named ../x never reaches a sink', async () => {
    const sink = await refused({ entries: [rec, { ...photoEntry, name: '../x' }] }, 'blobName');
    expect(sink.entries.map((e) => e.entry.name)).not.toContain('../x');
  });
  it('no manifest', async () => {
    await refused({ entries: [rec], omitManifest: true }, 'container');
  });
  it('an entry after the signature', async () => {
    await refused({ entries: [rec], after: [photoEntry] }, 'container');
  });
  it('META not first', async () => {
    await refused({ entries: [rec], metaFirst: false }, 'container');
  });
  it('blobs before records', async () => {
    await refused({ entries: [photoEntry, rec] }, 'container');
  });
  it('records entries numbered out of order', async () => {
    await refused({ entries: [{ ...rec, name: 'records/0002.ndjson' }] }, 'container');
  });
  it('a record line that is not a record', async () => {
    await refused({ entries: [{ ...rec, data: Buffer.from('{"table":"cadres","record":{}}\nnot json\n') }] }, 'container');
  });
});

describe('memory', () => {
  it('seals and opens 160 MiB streamed in pieces with far less extra memory than that', async () => {
    const piece = randomBytes(1 << 20);
    const hash = createHash('sha256');
    for (let i = 0; i < 160; i++) hash.update(piece);
    const source = {
      kind: 'blob' as const,
      sha256: hash.digest('hex'),
      length: 160 << 20,
      data: async function* () {
        for (let i = 0; i < 160; i++) yield piece;
      },
    };
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      await seal(file(), A, { recipient: recipientOfParty(B) }, [source], { parallel: true });
      await open(file(), B, trusting(A));
    } finally {
      clearInterval(timer);
    }
    expect(statSync(file()).size).toBeGreaterThan(160 << 20);
    // A worker thread and some garbage, not the payload.
    expect(peak - before).toBeLessThan(96 << 20);
  }, 120_000);
});

describe('blobs whose names the caller vouches for', () => {
  it('gives the same manifest and an opening bundle without hashing blob content twice', async () => {
    const fixed = () => ({ random: seededRandom('vouched'), now: () => new Date('2026-01-02T03:04:05Z') });
    const hashed = await seal(file('a.cadre'), A, { recipient: recipientOfParty(B) }, [cadres, blob(photo)], fixed());
    const vouched = await sealBundleVouched(file('b.cadre'), [cadres, blob(photo)], fixed());
    expect(vouched.manifest).toEqual(hashed.manifest);
    expect(readFileSync(file('b.cadre')).equals(readFileSync(file('a.cadre')))).toBe(true);
    await expect(open(file('b.cadre'), B, trusting(A))).resolves.toBeDefined();
  });
  it('a vouched name that is wrong is caught when the bundle is read back', async () => {
    const wrong = { ...blob(photo), sha256: sha256hex(Buffer.from('other')) };
    await sealBundleVouched(file(), [wrong], {});
    expectBundleError(await openError(file(), B, trusting(A)), 'blobName');
  });
});

describe('entries read from files (FileSource)', () => {
  const fixed = () => ({ random: seededRandom('files'), now: () => new Date('2026-01-02T03:04:05Z') });
  // large enough for the workers, with a record entry and a blob that straddle their memory's slots
  const big = randomBytes(9 << 20);
  const onDisk = (name: string, bytes: Buffer) => {
    writeFileSync(file(name), bytes);
    return new FileSource(file(name));
  };
  const recordBytes = cadres.data as Buffer;

  it('writes the same bundle as the same bytes handed over, in this thread, on the workers and decided by size', async () => {
    const handed = [cadres, blob(photo), blob(big)];
    const read = [
      { ...cadres, data: onDisk('records.ndjson', recordBytes) },
      { ...blob(photo), data: onDisk('photo', photo) },
      { ...blob(big), data: onDisk('big', big) },
    ];
    for (const parallel of [false, true, undefined]) {
      const fromBytes = await seal(file('a.cadre'), A, { recipient: recipientOfParty(B) }, handed, { ...fixed(), parallel });
      const fromFiles = await seal(file('b.cadre'), A, { recipient: recipientOfParty(B) }, read, { ...fixed(), parallel });
      expect(readFileSync(file('b.cadre')).equals(readFileSync(file('a.cadre')))).toBe(true);
      expect(fromFiles.manifest).toEqual(fromBytes.manifest);
      expect(fromFiles.manifest.counts).toEqual({ cadres: 2, units: 1 });
    }
    await expect(open(file('b.cadre'), B, trusting(A))).resolves.toBeDefined();
  }, 60_000);

  it('refuses a file shorter or longer than declared, and leaves nothing behind', async () => {
    for (const parallel of [false, true]) {
      for (const bytes of [big.subarray(0, big.length - 1), Buffer.concat([big, Buffer.from([1])])]) {
        const entry = { ...blob(big), data: onDisk('changed', bytes) };
        await expect(seal(file('c.cadre'), A, { recipient: recipientOfParty(B) }, [entry], { parallel })).rejects.toMatchObject({ en: expect.stringContaining('declared') });
        expect(existsSync(file('c.cadre'))).toBe(false);
        expect(existsSync(file('c.cadre.partial'))).toBe(false);
      }
    }
  }, 60_000);
});

function sealBundleVouched(out: string, entries: Parameters<typeof seal>[3], extra: { random?: ReturnType<typeof seededRandom>; now?: () => Date }) {
  return sealBundle({
    signer: { installationId: A.id, name: A.name, signingPrivateKey: A.signingPrivateKey },
    to: { recipient: recipientOfParty(B) },
    meta: baseMeta(),
    entries,
    out,
    blobNamesVerified: true,
    ...extra,
  });
}

describe('cancelling', () => {
  const slowBlob = (n: number) => {
    const piece = randomBytes(1 << 16);
    const whole = createHash('sha256');
    for (let i = 0; i < n; i++) whole.update(piece);
    return {
      kind: 'blob' as const,
      sha256: whole.digest('hex'),
      length: n * piece.length,
      data: async function* () {
        for (let i = 0; i < n; i++) yield piece;
      },
    };
  };
  it('a cancelled seal rejects and leaves no file behind; progress was reported until then', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const sealing = sealBundle({
      signer: { installationId: A.id, name: A.name, signingPrivateKey: A.signingPrivateKey },
      to: { recipient: recipientOfParty(B) },
      meta: baseMeta(),
      entries: [slowBlob(64)],
      out: file(),
      partSize: 1 << 20,
      signal: controller.signal,
      onProgress: (n) => {
        seen.push(n);
        if (n >= 2 << 20) controller.abort();
      },
    });
    await expect(sealing).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen.length).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('a cancelled open rejects', async () => {
    await seal(file(), A, { recipient: recipientOfParty(B) }, [slowBlob(64)]);
    const controller = new AbortController();
    controller.abort();
    await expect(
      openBundle({ file: file(), unlock: unlockAs(B), trust: trusting(A), signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
