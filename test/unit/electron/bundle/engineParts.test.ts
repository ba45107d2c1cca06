// The bundle engine's speed-ups that must not change a byte: the record counter's in-place fast path, sealing and
// opening on two workers from shared memory (decided by size for a writer: 'auto'), reads ahead of the caller
// (docs/bundle-format.md "Speed").
import { createHash, randomBytes } from 'node:crypto';
import { promises as fsp, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordCounter } from '../../../../electron/bundle/container';
import { fileBytes } from '../../../../electron/bundle/fileBytes';
import { BUFFER_SIZE, createHashing, type Hashing } from '../../../../electron/bundle/hashing';
import { CHUNK_SIZE, ChunkSealer, openChunked, PAYLOAD_HEADER_SIZE, SEALED_CHUNK_SIZE } from '../../../../electron/bundle/chunked';
import { headerSize, PREAMBLE_SIZE } from '../../../../electron/bundle/header';
import { listParts, PartWriter, readParts } from '../../../../electron/bundle/parts';
import { createSealEngine, FEEDS, type Feeds } from '../../../../electron/bundle/sealEngine';
import { blob, open, openError, party, recipientOfParty, recordingSink, records, seal, seededRandom, tempDir, trusting } from './helpers';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('cadre-engine-')));
afterEach(() => cleanup());

/** Counting by parsing every line: what the fast path must agree with. */
function countByParsing(text: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') continue;
    const table = (JSON.parse(line) as { table: string }).table;
    counts[table] = (counts[table] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

const lineKinds = [
  (t: string) => `{"table":"${t}","record":{"id":"x","名":"张三"}}`,
  // other key order, spaces, an escaped name, CRLF: all outside the fast path
  (t: string) => `{"record":{"id":"y"},"table":"${t}"}`,
  (t: string) => `{ "table": "${t}", "record": {} }`,
  (t: string) => `{"table":"${t.slice(0, 1)}\\u00${t.charCodeAt(1).toString(16)}${t.slice(2)}","record":{}}`,
  (t: string) => `{"table":"${t}","record":{"a":1}}\r`,
  // a name the fast path stops inside, and a near miss of the infix
  (t: string) => `{"table":"${t}-x","record":{}}`,
  (t: string) => `{"table":"${t}","recordx":{},"record":{}}`,
];

describe('record counter', () => {
  it('counts like a full parse of every line, however the bytes are sliced', () => {
    // 'cadre' and 'ab' begin other tables' names: a known name must be followed by `","record":` to match
    const tables = ['cadres', 'subRecords', 'units', 'ab_9', 'cadre', 'ab'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: tables.length - 1 }), fc.integer({ min: 0, max: lineKinds.length - 1 })), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (lines, cuts, lastNewline) => {
          const text = lines.map(([t, k]) => lineKinds[k]!(tables[t]!)).join('\n') + (lastNewline ? '\n' : '');
          const bytes = Buffer.from(text, 'utf8');
          const counter = new RecordCounter();
          // pieces of varying sizes, as plain Uint8Arrays (not Buffers) every other time
          let at = 0;
          for (let i = 0; at < bytes.length; i++) {
            const n = cuts[i % cuts.length]!;
            const piece = bytes.subarray(at, at + n);
            counter.push(i % 2 ? new Uint8Array(piece) : piece);
            at += n;
          }
          counter.endEntry();
          expect(counter.toJSON()).toEqual(countByParsing(text));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a line that is not JSON or lacks a record', () => {
    const bad = new RecordCounter();
    expect(() => bad.push(Buffer.from('{"table":"a"\n'))).toThrow(/JSON/);
    const noRecord = new RecordCounter();
    expect(() => noRecord.push(Buffer.from('{"table":"a","rec":{}}\n'))).toThrow(/record/);
  });
});

function feed(h: Hashing, data: Buffer, piece: number): void {
  for (let at = 0, i = 0; at < data.length; at += piece, i++) {
    const part = data.subarray(at, at + piece);
    if (i % 3 === 0) h.entryHeader(part);
    else h.content(part);
    if (i % 5 === 4) h.endEntry();
    h.file(part);
  }
  h.endEntry();
}

async function digests(h: Hashing) {
  const out = { entries: (await h.entryDigests()).map((d) => d.toString('hex')), signature: (await h.signatureDigest()).toString('hex'), file: (await h.fileDigest()).toString('hex') };
  await h.close();
  return out;
}

describe('hashing', () => {
  it('gives the digests of the bytes as fed, however they are sliced', async () => {
    const data = randomBytes(3 << 19);
    const h = createHashing();
    feed(h, data, 50_001);
    const result = await digests(h);
    expect(result.file).toBe(createHash('sha256').update(data).digest('hex'));
    expect(result.entries.length).toBeGreaterThan(1);
  });

  it('takes whole pool buffers back, with the same file digest', async () => {
    const data = randomBytes(3 * BUFFER_SIZE + 17);
    const h = createHashing();
    for (let at = 0; at < data.length; at += BUFFER_SIZE) {
      const buffer = h.takeBuffer();
      const n = data.copy(buffer, 0, at, at + BUFFER_SIZE);
      h.fileOwned(buffer.subarray(0, n));
      await h.drain();
    }
    expect((await h.fileDigest()).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    await h.close();
  });
});

describe('reading ahead', () => {
  it('fileBytes gives the file in order; each piece stays intact until the next is asked for', async () => {
    const data = randomBytes(5 * 4096 + 123);
    const file = path.join(dir, 'f');
    writeFileSync(file, data);
    const seen: Buffer[] = [];
    for await (const piece of fileBytes(file, 4096)) {
      const copy = Buffer.from(piece);
      await new Promise((r) => setTimeout(r, 1)); // the read of the next piece runs meanwhile
      expect(Buffer.from(piece)).toEqual(copy);
      seen.push(copy);
    }
    expect(Buffer.concat(seen)).toEqual(data);
    expect(seen.length).toBe(6);
  });

  it('readParts gives every part in order with reads in flight, and stops cleanly when the caller stops', async () => {
    const first = path.join(dir, 'x.cadre');
    const parts = [randomBytes(10_000), randomBytes(10_000), randomBytes(2_345)];
    writeFileSync(first, parts[0]!);
    writeFileSync(`${first}.002`, parts[1]!);
    writeFileSync(`${first}.003`, parts[2]!);
    const list = await listParts(first);
    const got: Buffer[] = [];
    for await (const piece of readParts(list, () => Buffer.allocUnsafe(3000), 3)) got.push(Buffer.from(piece));
    expect(Buffer.concat(got)).toEqual(Buffer.concat(parts));
    let pieces = 0;
    for await (const _ of readParts(list, () => Buffer.allocUnsafe(3000), 3)) if (++pieces === 2) break;
    expect(pieces).toBe(2);
  });
});

describe('seal engine', () => {
  /** Seals `data` fed in pieces with varying feeds; what was written and every digest. */
  async function sealWith(mode: boolean | 'auto', data: Buffer, out: string, autoFrom?: number, via: 'put' | 'read' | 'file' = 'put', hashFile = true, partSize = 3 << 20) {
    const key = Buffer.alloc(32, 9);
    const context = Buffer.from('context');
    const sealer = new ChunkSealer(key, context, seededRandom('engine'));
    const parts = new PartWriter(out, partSize);
    const prefix = Buffer.from('the header, outside the payload');
    const engine = createSealEngine(mode, { sealer, parts, prefix: [prefix, sealer.header], hashFile }, autoFrom);
    const feeds: Feeds[] = [FEEDS.entry, FEEDS.signature, FEEDS.none];
    const entries: Buffer[] = [];
    for (let at = 0, i = 0; at < data.length; i++) {
      const n = [1, 777, CHUNK_SIZE, 1 << 20, 3 * CHUNK_SIZE + 5][i % 5]!;
      if (via === 'read' && i % 2 === 1) {
        // as a file is read into the engine: short reads of odd sizes, each piece shown before it is sealed
        const piece = data.subarray(at, at + n);
        let from = 0;
        let calls = 0;
        const shown: Buffer[] = [];
        const read = async (into: Buffer, offset: number, length: number) => {
          const take = Math.min(length, piece.length - from, [999, 50_000, 1 << 20][calls++ % 3]!);
          piece.copy(into, offset, from, from + take);
          from += take;
          return take;
        };
        // asked for more than the piece holds: the read's 0 ends it, with the bytes taken so far
        const taken = await engine.putFrom(read, n + 7, feeds[i % 3]!, (b) => shown.push(Buffer.from(b)));
        expect(taken).toBe(piece.length);
        expect(Buffer.concat(shown).equals(piece)).toBe(true);
      } else if (via === 'file' && i % 2 === 1) {
        // a file the engine reads itself (on the content worker, hashing as it reads), from an offset inside it
        const piece = data.subarray(at, at + n);
        const source = `${out}.source`;
        writeFileSync(source, Buffer.concat([Buffer.from('skip'), piece]));
        const handle = await fsp.open(source, 'r');
        const shown: Buffer[] = [];
        const taken = await engine.putFile({ fd: handle.fd, position: 4 }, n + 7, feeds[i % 3]!, (b) => shown.push(Buffer.from(b)));
        await handle.close();
        expect(taken).toBe(piece.length);
        expect(Buffer.concat(shown).equals(piece)).toBe(true);
      } else await engine.put(data.subarray(at, at + n), feeds[i % 3]!);
      if (i % 4 === 3) engine.endEntry();
      at += n;
      if (i === 6) entries.push(...(await engine.entryDigests()));
    }
    engine.endEntry();
    entries.push(...(await engine.entryDigests()));
    const signature = await engine.signatureDigest();
    const file = await engine.finish();
    const written = (await parts.finish()).map((f) => readFileSync(f));
    const bytes = Buffer.concat(written);
    if (hashFile) expect(file?.equals(createHash('sha256').update(bytes).digest())).toBe(true);
    else expect(file).toBeNull();
    expect(bytes.subarray(0, prefix.length).equals(prefix)).toBe(true);
    expect(openChunked(key, context, bytes.subarray(prefix.length)).equals(data)).toBe(true);
    return { bytes, entries: entries.map((d) => d.toString('hex')), signature: signature.toString('hex') };
  }

  it('writes the same bytes and digests on the workers as in this thread, across slot and part boundaries', async () => {
    const slot = 128 * CHUNK_SIZE;
    for (const size of [0, 1, CHUNK_SIZE, slot, slot + 1, 2 * slot - 3, 5 * slot + CHUNK_SIZE]) {
      const data = randomBytes(size);
      const inThread = await sealWith(false, data, path.join(dir, `a${size}.cadre`));
      const onWorkers = await sealWith(true, data, path.join(dir, `b${size}.cadre`));
      const decided = await sealWith('auto', data, path.join(dir, `c${size}.cadre`), 1 << 20);
      // pieces read straight into the engine's memory (a FileSource) rather than handed over
      const read = await Promise.all([false, true, 'auto' as const].map((mode, k) => sealWith(mode, data, path.join(dir, `r${k}-${size}.cadre`), 1 << 20, 'read')));
      // without the bundle hash (the app's export, which reads the bundle back): the same bytes, no digest
      const unhashed = await Promise.all([false, true].map((mode, k) => sealWith(mode, data, path.join(dir, `u${k}-${size}.cadre`), 1 << 20, 'put', false)));
      // files read by the engine itself, with and without the bundle hash (the lanes the content worker keeps differ)
      const files = await Promise.all(
        [false, true, 'auto' as const].flatMap((mode, k) => [true, false].map((hashed) => sealWith(mode, data, path.join(dir, `f${k}${hashed}-${size}.cadre`), 1 << 20, 'file', hashed))),
      );
      // parts that do not start on a page boundary: the workers' slots are copied there rather than written in place
      const shifted = await sealWith(true, data, path.join(dir, `s${size}.cadre`), undefined, 'put', true, (3 << 20) + 5);
      for (const other of [onWorkers, decided, ...read, ...unhashed, shifted, ...files]) {
        expect(other.bytes.equals(inThread.bytes)).toBe(true);
        expect(other.entries).toEqual(inThread.entries);
        expect(other.signature).toBe(inThread.signature);
      }
    }
  }, 60_000);
  it('reads a file of more slots than there are ahead of itself: the same bytes, digests and pieces shown', async () => {
    const data = randomBytes((40 << 20) + 12_345);
    const source = path.join(dir, 'large-source');
    writeFileSync(source, data);
    const results: { bytes: Buffer; entries: string[]; signature: string }[] = [];
    for (const parallel of [false, true]) {
      const sealer = new ChunkSealer(Buffer.alloc(32, 9), Buffer.from('context'), seededRandom('engine'));
      const out = path.join(dir, `large-${parallel}.cadre`);
      const parts = new PartWriter(out);
      const engine = createSealEngine(parallel, { sealer, parts, prefix: [sealer.header], hashFile: false });
      await engine.put(Buffer.from('an entry header'), FEEDS.signature);
      const handle = await fsp.open(source, 'r');
      const shown: Buffer[] = [];
      expect(await engine.putFile({ fd: handle.fd, position: 0 }, data.length, FEEDS.entry, (b) => shown.push(Buffer.from(b)))).toBe(data.length);
      await handle.close();
      expect(Buffer.concat(shown).equals(data)).toBe(true);
      engine.endEntry();
      const entries = (await engine.entryDigests()).map((d) => d.toString('hex'));
      const signature = (await engine.signatureDigest()).toString('hex');
      await engine.finish();
      results.push({ bytes: Buffer.concat((await parts.finish()).map((f) => readFileSync(f))), entries, signature });
    }
    expect(results[1]!.entries).toEqual([createHash('sha256').update(data).digest('hex')]);
    expect(results[1]!.entries).toEqual(results[0]!.entries);
    expect(results[1]!.signature).toBe(results[0]!.signature);
    expect(results[1]!.bytes.equals(results[0]!.bytes)).toBe(true);
  });

  it('keeps a sealed slot as it was until the disk has taken it, across more slots than there are', async () => {
    // parts that take every slot in place and say it is done 30 ms later, checking then that its bytes did not move
    // (and that each slot lies where its addresses are its offsets in the stream, counting from the offset the
    // parts said is aligned: here the probed memory's start)
    let bytes = 0;
    let inPlace = 0;
    let moved = 0;
    let misplaced = 0;
    let aligned = 0;
    const done: Promise<void>[] = [];
    const parts = {
      get bytes() {
        return bytes;
      },
      alignmentOf: (memory: Buffer) => {
        aligned = memory.byteOffset;
        return Promise.resolve(0);
      },
      write: (data: Uint8Array) => {
        bytes += data.length;
        return Promise.resolve();
      },
      writeInPlace: (data: Buffer) => {
        inPlace++;
        if ((data.byteOffset - aligned - bytes) % 4096 !== 0) misplaced++;
        bytes += data.length;
        const copy = Buffer.from(data);
        const taken = new Promise<void>((resolve) =>
          setTimeout(() => {
            if (!copy.equals(data)) moved++;
            resolve();
          }, 30),
        );
        done.push(taken);
        return Promise.resolve({ done: taken });
      },
    } as unknown as PartWriter;
    const sealer = new ChunkSealer(Buffer.alloc(32, 9), Buffer.from('context'), seededRandom('engine'));
    for (const stop of ['finish', 'abort'] as const) {
      bytes = 0; // a new bundle
      const engine = createSealEngine(true, { sealer, parts, prefix: [sealer.header], hashFile: false });
      const piece = randomBytes(1 << 20);
      for (let i = 0; i < 40; i++) await engine.put(piece, FEEDS.entry); // ten slots of 4 MiB
      let allTaken = false;
      void Promise.all(done).then(() => (allTaken = true));
      if (stop === 'finish') await engine.finish();
      else await engine.abort();
      // the memory goes back to the pool (the next bundle's) only once every write from it is done
      await Promise.resolve();
      expect(allTaken).toBe(true);
    }
    expect(inPlace).toBeGreaterThan(10);
    expect(misplaced).toBe(0);
    expect(moved).toBe(0);
  });

  it('has no read of a file still queued when it gives up on that file, so the caller may close it', async () => {
    const sealer = new ChunkSealer(Buffer.alloc(32, 9), Buffer.from('context'), seededRandom('engine'));
    const out = path.join(dir, 'counted.cadre');
    const parts = new PartWriter(out);
    const engine = createSealEngine(true, { sealer, parts, prefix: [sealer.header], hashFile: false });
    const source = path.join(dir, 'bad-records');
    writeFileSync(source, randomBytes(6 << 20)); // more than a slot: the next read is asked for before the counter runs
    const handle = await fsp.open(source, 'r');
    const refuse = () => {
      throw new Error('a record line is not JSON');
    };
    await expect(engine.putFile({ fd: handle.fd, position: 0 }, 6 << 20, FEEDS.entry, refuse)).rejects.toThrow('not JSON');
    // every call on the worker that reads has been answered
    expect((engine as unknown as { content: { load: number } }).content.load).toBe(0);
    await handle.close();
    await engine.abort();
    await parts.abort();
  });

  it('fails with the system error, and writes nothing, when the content worker cannot read a file', async () => {
    const sealer = new ChunkSealer(Buffer.alloc(32, 9), Buffer.from('context'), seededRandom('engine'));
    const out = path.join(dir, 'unreadable.cadre');
    const parts = new PartWriter(out);
    const engine = createSealEngine(true, { sealer, parts, prefix: [sealer.header], hashFile: false });
    const handle = await fsp.open(dir, 'r'); // a directory: reading it fails with EISDIR
    await expect(engine.putFile({ fd: handle.fd, position: 0 }, 100, FEEDS.entry)).rejects.toMatchObject({ code: 'EISDIR' });
    await handle.close();
    await engine.abort();
    await parts.abort();
    expect(readdirSync(dir).filter((f) => f.startsWith('unreadable'))).toEqual([]);
  });
});

describe('open engine', () => {
  const A = party('engine-A');
  const B = party('engine-B');
  const lines = Array.from({ length: 3000 }, (_, i) => ({ table: i % 3 ? 'cadres' : 'units', record: { id: `r${i}`, note: 'x'.repeat(i % 97) } }));

  it('opens on the workers what this thread opens, and refuses the same damage with the same error', async () => {
    const file = path.join(dir, 'b.cadre');
    const content = randomBytes(5 << 20);
    const sealed = await seal(file, A, { recipient: recipientOfParty(B) }, [records(lines), blob(content)], { parallel: true });
    const pristine = readFileSync(file);
    const both = async () => {
      const inThread = await open(file, B, trusting(A), recordingSink().sink, false).catch((e: Error & { code?: string }) => e);
      const onWorkers = await open(file, B, trusting(A), recordingSink().sink, true).catch((e: Error & { code?: string }) => e);
      return [inThread, onWorkers] as const;
    };
    const rec = recordingSink();
    const opened = await open(file, B, trusting(A), rec.sink, true);
    expect(opened.bundleHash).toBe(sealed.bundleHash);
    expect(opened.manifest).toEqual(sealed.manifest);
    expect(rec.content(sealed.manifest.entries[2]!.name).equals(content)).toBe(true);

    const payloadAt = headerSize(pristine.subarray(0, PREAMBLE_SIZE)) + PAYLOAD_HEADER_SIZE;
    const damage: [string, (b: Buffer) => Buffer][] = [
      ['a flipped byte in a middle chunk', (b) => { const c = Buffer.from(b); c[Math.floor(c.length / 2)]! ^= 1; return c; }],
      ['a flipped byte in the last chunk', (b) => { const c = Buffer.from(b); c[c.length - 3]! ^= 1; return c; }],
      ['cut at a chunk boundary', (b) => b.subarray(0, b.length - ((b.length - payloadAt) % SEALED_CHUNK_SIZE))],
      ['cut leaving a last piece shorter than a tag', (b) => b.subarray(0, b.length - ((b.length - payloadAt) % SEALED_CHUNK_SIZE) + 7)],
      ['bytes after the end', (b) => Buffer.concat([b, Buffer.alloc(5)])],
      ['cut inside the payload header', (b) => b.subarray(0, 200)],
    ];
    for (const [what, change] of damage) {
      writeFileSync(file, change(pristine));
      const [inThread, onWorkers] = await both();
      expect(inThread, what).toBeInstanceOf(Error);
      expect(onWorkers, what).toBeInstanceOf(Error);
      const [a, b] = [inThread as Error & { code?: string }, onWorkers as Error & { code?: string }];
      expect(b.code, what).toBe(a.code);
      expect(b.message, what).toBe(a.message);
    }
  }, 60_000);

  it('reads parts on the workers as one file, and says which chunk failed', async () => {
    const file = path.join(dir, 'p.cadre');
    await seal(file, A, { recipient: recipientOfParty(B) }, [records(lines), blob(randomBytes(3 << 20))], { parallel: true, partSize: 1_000_003 });
    expect((await open(file, B, trusting(A), undefined, true)).manifest.entries).toHaveLength(3);
    const second = `${file}.002`;
    const bytes = readFileSync(second);
    bytes[10]! ^= 0x80;
    writeFileSync(second, bytes);
    const [a, b] = [await openError(file, B, trusting(A), undefined, false), await openError(file, B, trusting(A), undefined, true)];
    expect(b.code).toBe('chunk');
    expect(b.chunk).toBe(a.chunk);
  }, 60_000);
});
