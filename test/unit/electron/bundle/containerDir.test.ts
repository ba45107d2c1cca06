import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBundle } from '../../../../electron/bundle/reader';
import { sealBundle } from '../../../../electron/bundle/writer';
import { ContainerDirSink, readContainerDir } from '../../../../electron/cli/containerDir';
import { party, recipientOfParty, sha256hex, tempDir, trusting, unlockAs } from './helpers';

const A = party('dir-A');
const B = party('dir-B');
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('cadre-dir-')));
afterEach(() => cleanup());

describe('container folders', () => {
  it('a folder sealed and opened comes back the same, blobs across many write batches', async () => {
    const src = path.join(dir, 'in');
    mkdirSync(path.join(src, 'records'), { recursive: true });
    mkdirSync(path.join(src, 'blobs'), { recursive: true });
    writeFileSync(path.join(src, 'meta.json'), JSON.stringify({ schemaVersion: 3 }));
    const lines = '{"table":"cadres","record":{"id":"1"}}\n';
    writeFileSync(path.join(src, 'records', 'a.ndjson'), lines);
    const blobs = [randomBytes(3.5 * 2 ** 20), randomBytes(10), Buffer.alloc(0)];
    for (const b of blobs) writeFileSync(path.join(src, 'blobs', sha256hex(b)), b);
    const input = await readContainerDir(src, '9.9.9');
    expect(input.meta).toMatchObject({ kind: 'full', seq: 1, appVersion: '9.9.9', scope: { units: 'all', tables: 'all' } });
    const out = path.join(dir, 'x.cadre');
    await sealBundle({
      signer: { installationId: A.id, name: A.name, signingPrivateKey: A.signingPrivateKey },
      to: { recipient: recipientOfParty(B) },
      meta: input.meta,
      entries: input.entries,
      out,
    });
    const target = path.join(dir, 'out');
    const sink = await ContainerDirSink.create(target);
    await openBundle({ file: out, unlock: unlockAs(B), trust: trusting(A), sink });
    await sink.commit(target);
    expect(readFileSync(path.join(target, 'records', '0001.ndjson'), 'utf8')).toBe(lines);
    for (const b of blobs) expect(readFileSync(path.join(target, 'blobs', sha256hex(b))).equals(b)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['in', 'out', 'x.cadre']);
  });

  it('meta.json must say its schema version', async () => {
    mkdirSync(path.join(dir, 'in'));
    writeFileSync(path.join(dir, 'in', 'meta.json'), JSON.stringify({ scope: { units: 'all', tables: 'all' } }));
    await expect(readContainerDir(path.join(dir, 'in'), '1')).rejects.toMatchObject({ code: 'input' });
  });

  it('a discarded staging folder leaves nothing', async () => {
    const sink = await ContainerDirSink.create(path.join(dir, 'out'));
    await sink.start({ kind: 3, name: 'a'.repeat(64), length: 1, index: 1 });
    await sink.data({ kind: 3, name: 'a'.repeat(64), length: 1, index: 1 }, Buffer.of(1));
    await sink.discard();
    expect(readdirSync(dir)).toEqual([]);
  });
});
