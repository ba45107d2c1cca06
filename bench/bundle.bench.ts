// Seals and opens N MiB of random attachments as a bundle and prints JSON {sealMs, openMs, peakRssMB, bytes, …};
// where `age` is installed, times `age -r` / `age -d -i` on the same bytes, and a plain copy with fsync as the
// disk's limit. Run: npx tsx bench/bundle.bench.ts [MiB] (default 256). Not part of bench/run.mjs.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { openBundle } from '../electron/bundle/reader';
import { ContainerDirSink } from '../electron/cli/containerDir';
import { rawPublic } from '../electron/bundle/primitives';
import { sealBundle, type EntrySource } from '../electron/bundle/writer';
import { installationIdOf } from '../electron/keys/identity';

const mib = Number(process.argv[2] ?? 256);
const BLOB = 8 << 20;
const dir = await fs.mkdtemp(path.join(process.env.BENCH_TMP ?? tmpdir(), 'cadre-bundle-bench-'));

function keys() {
  const s = generateKeyPairSync('ed25519');
  const e = generateKeyPairSync('x25519');
  const signingKey = rawPublic(s.publicKey);
  return { id: installationIdOf(signingKey), s, e, signingKey, encryptionKey: rawPublic(e.publicKey) };
}

/** Wall time and this process's CPU time (all threads): the machine may be shared, CPU time says what it cost. */
async function time<T>(f: () => Promise<T>): Promise<[number, number, T]> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const r = await f();
  const used = process.cpuUsage(cpu);
  return [Math.round(performance.now() - t), Math.round((used.user + used.system) / 1000), r];
}

try {
  // The attachments: random (incompressible) files of 8 MiB, and the same bytes as one file for the baselines.
  const blobs: { file: string; sha256: string; length: number }[] = [];
  const all = path.join(dir, 'all.bin');
  const allOut = createWriteStream(all);
  for (let left = mib << 20; left > 0; left -= BLOB) {
    const bytes = randomBytes(Math.min(BLOB, left));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(dir, sha256);
    await fs.writeFile(file, bytes);
    if (!allOut.write(bytes)) await new Promise<void>((r) => allOut.once('drain', () => r()));
    blobs.push({ file, sha256, length: bytes.length });
  }
  await new Promise<void>((r) => allOut.end(() => r()));
  const bytes = blobs.reduce((a, b) => a + b.length, 0);
  // Let the set-up's writes reach the disk first, so they do not slow what is timed.
  execFileSync('sync');

  const A = keys();
  const B = keys();
  const out = path.join(dir, 'bench.cadre');
  const entries: EntrySource[] = blobs.map((b) => ({
    kind: 'blob',
    sha256: b.sha256,
    length: b.length,
    data: () => createReadStream(b.file, { highWaterMark: 1 << 20 }),
  }));
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  // vouched: as the app seals, from its content-addressed blob store (names checked when stored; the export's
  // read-back proves them); checked: as the command-line tool seals a folder, hashing every blob on the way.
  const sealAs = (blobNamesVerified: boolean, target: string) =>
    time(() =>
      sealBundle({
        signer: { installationId: A.id, name: 'bench', signingPrivateKey: A.s.privateKey },
        to: { recipient: { installationId: Buffer.from(B.id, 'hex'), encryptionKey: B.encryptionKey } },
        meta: {
          kind: 'full',
          seq: 1,
          prevBundleHash: null,
          scope: { units: 'all', tables: 'all' },
          appVersion: 'bench',
          schemaVersion: 1,
          knowledge: {},
        },
        entries,
        out: target,
        parallel: true,
        blobNamesVerified,
      }),
    );
  const [sealCheckedMs, sealCheckedCpuMs] = await sealAs(false, path.join(dir, 'checked.cadre'));
  await fs.rm(path.join(dir, 'checked.cadre'));
  const [sealMs, sealCpuMs] = await sealAs(true, out);
  const [openMs, openCpuMs] = await time(() =>
    openBundle({
      file: out,
      unlock: { kind: 'identity', installationId: Buffer.from(B.id, 'hex'), encryptionPrivateKey: B.e.privateKey },
      trust: (id) => (id === A.id ? { state: 'trusted', signingKey: A.signingKey, name: 'bench' } : { state: 'unknown' }),
    }),
  );
  // As the command-line tool opens: verified content written out as a container folder (what `age -d` also does).
  const [openToDirMs] = await time(async () => {
    const target = path.join(dir, 'opened');
    const sink = await ContainerDirSink.create(target);
    await openBundle({
      file: out,
      unlock: { kind: 'identity', installationId: Buffer.from(B.id, 'hex'), encryptionPrivateKey: B.e.privateKey },
      trust: (id) => (id === A.id ? { state: 'trusted', signingKey: A.signingKey, name: 'bench' } : { state: 'unknown' }),
      sink,
    });
    await sink.commit(target);
  });
  await fs.rm(path.join(dir, 'opened'), { recursive: true, force: true });
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);

  const [copyFsyncMs] = await time(async () => {
    const target = path.join(dir, 'copy.bin');
    await fs.copyFile(all, target);
    const h = await fs.open(target, 'r+');
    await h.sync();
    await h.close();
  });

  const result: Record<string, unknown> = {
    mib,
    bytes,
    sealMs,
    sealCheckedMs,
    openMs,
    openToDirMs,
    sealCpuMs,
    sealCheckedCpuMs,
    openCpuMs,
    peakRssMB,
    rssBeforeMB: Math.round(rssBefore),
    copyFsyncMs,
    loadAverage: +loadavg()[0]!.toFixed(1),
  };
  if (spawnSync('which', ['age']).status === 0) {
    const id = path.join(dir, 'age.key');
    execFileSync('age-keygen', ['-o', id], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', id]).toString().trim();
    const enc = path.join(dir, 'all.age');
    const t1 = performance.now();
    execFileSync('sh', ['-c', `age -r ${recipient} -o "${enc}" "${all}" && sync "${enc}"`]);
    result.ageSealMs = Math.round(performance.now() - t1);
    const t2 = performance.now();
    execFileSync('sh', ['-c', `age -d -i "${id}" -o "${path.join(dir, 'all.dec')}" "${enc}"`]);
    result.ageOpenMs = Math.round(performance.now() - t2);
    result.sealVsAge = +(sealMs / (result.ageSealMs as number)).toFixed(2);
    result.openVsAge = +(openMs / (result.ageOpenMs as number)).toFixed(2);
    result.openToDirVsAge = +(openToDirMs / (result.ageOpenMs as number)).toFixed(2);
  } else {
    result.age = 'not installed (Debian package "age")';
  }
  result.sealVsCopy = +(sealMs / copyFsyncMs).toFixed(2);
  result.openVsCopy = +(openMs / copyFsyncMs).toFixed(2);
  console.log(JSON.stringify(result));
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
