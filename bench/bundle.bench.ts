// The bundle engine against the tools people would otherwise use (issue 10's performance section), on the same
// bytes in the same run: N MiB of random attachments plus a synthetic district's records (NDJSON, as the app
// writes them) sealed and opened as a bundle; `age -r` / `age -d -i`, `7z a -mx=0 -mhe=on -p…` / `7z x`, and a
// plain copy with fsync (the disk's limit) on one file of the same bytes. Prints one JSON line.
//   npx tsx bench/bundle.bench.ts [MiB] [--cadres N] [--runs N] [--rss-curve 100,500,1000,2000,4000]
// --runs N times every tool N times on the same bytes, in turn (engine, copy, age, 7z, then again), and reports
// medians, with each run's figures under `runs`.
// --rss-curve runs each size again in a process of its own (peak RSS is a per-process high-water mark) sealing and
// opening attachments only, and reports the curve. bench/roster.bench.ts runs this as a phase of `npm run bench`.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs, type WriteStream } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileBytes, FileSource } from '../electron/bundle/fileBytes';
import { openBundle } from '../electron/bundle/reader';
import { ContainerDirSink } from '../electron/cli/containerDir';
import { rawPublic } from '../electron/bundle/primitives';
import { sealBundle, type EntrySource } from '../electron/bundle/writer';
import { installationIdOf } from '../electron/keys/identity';
import { generateDataset } from '../shared/synthetic/cadres';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const mib = Number(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 256);
const cadres = Number(option('--cadres') ?? 0);
const runs = Math.max(1, Number(option('--runs') ?? 1));
const rssOnly = args.includes('--rss-only');
const curve = (option('--rss-curve') ?? '')
  .split(',')
  .filter(Boolean)
  .map(Number);
const BLOB = 8 << 20;
const LINES_PER_ENTRY = 10_000;

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

const write = (out: WriteStream, bytes: Uint8Array) =>
  out.write(bytes) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r()));

/** Runs a shell command and returns its wall time; the output file is synced so the disk's share is counted. */
function timed(command: string): number {
  const t = performance.now();
  execFileSync('sh', ['-c', command], { stdio: ['ignore', 'ignore', 'inherit'] });
  return Math.round(performance.now() - t);
}

const sevenZip = ['7zz', '7z'].find((c) => spawnSync('which', [c]).status === 0);
const hasAge = spawnSync('which', ['age']).status === 0;

/** Seals and opens `mib` MiB (plus `cadres` cadres' records) and measures the baselines on the same bytes. */
async function measure(dir: string): Promise<Record<string, unknown>> {
  // The same bytes twice: as the bundle's entries (record files and 8 MiB blobs) and as one file for the tools.
  const records: { file: string; length: number }[] = [];
  const blobs: { file: string; sha256: string; length: number }[] = [];
  const all = path.join(dir, 'all.bin');
  const allOut = createWriteStream(all);
  let recordLines = 0;
  if (cadres > 0) {
    const encoder = new TextEncoder();
    let lines: string[] = [];
    const flush = async () => {
      const bytes = encoder.encode(lines.join(''));
      const file = path.join(dir, `records-${records.length}.ndjson`);
      await fs.writeFile(file, bytes);
      await write(allOut, bytes);
      records.push({ file, length: bytes.length });
      lines = [];
    };
    for (const item of generateDataset({ seed: 20261130, cadres, installationId: 'b'.repeat(32), asOf: '2026-11', operator: '基准测试' })) {
      lines.push(`${JSON.stringify(item)}\n`);
      recordLines++;
      if (lines.length === LINES_PER_ENTRY) await flush();
    }
    if (lines.length) await flush();
  }
  // Not `mib << 20`: a shift is 32-bit, and 4,000 MiB came out negative (the curve's last point sealed nothing).
  for (let left = mib * 2 ** 20; left > 0; left -= BLOB) {
    const bytes = randomBytes(Math.min(BLOB, left));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const file = path.join(dir, sha256);
    await fs.writeFile(file, bytes);
    await write(allOut, bytes);
    blobs.push({ file, sha256, length: bytes.length });
  }
  await new Promise<void>((r) => allOut.end(() => r()));
  const recordBytes = records.reduce((a, b) => a + b.length, 0);
  const bytes = recordBytes + blobs.reduce((a, b) => a + b.length, 0);
  // Let the set-up's writes reach the disk first, so they do not slow what is timed.
  execFileSync('sync');

  const A = keys();
  const B = keys();
  const entries: EntrySource[] = [
    ...records.map((r): EntrySource => ({ kind: 'records', length: r.length, data: new FileSource(r.file) })),
    ...blobs.map((b): EntrySource => ({ kind: 'blob', sha256: b.sha256, length: b.length, data: new FileSource(b.file) })),
  ];
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  const result: Record<string, unknown> = { mib, cadres, recordLines, recordBytes, bytes };
  const rounds: Record<string, number>[] = [];
  for (let round = 0; round < (rssOnly ? 1 : runs); round++) rounds.push(await timeRound(dir, all, entries, A, B));
  for (const k of Object.keys(rounds[0]!)) result[k] = median(rounds.map((r) => r[k]!));
  if (rounds.length > 1) result.runs = rounds;
  result.peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  result.rssBeforeMB = Math.round(rssBefore);
  if (rssOnly) return result;
  const ratio = (a: number, b: number) => +(a / b).toFixed(2);
  // Ratios of the medians; each run's own ratios are in `runs`.
  const sealMs = result.sealMs as number;
  const openMs = result.openMs as number;
  if (hasAge) {
    result.sealVsAge = ratio(sealMs, result.ageSealMs as number);
    result.openVsAge = ratio(openMs, result.ageOpenMs as number);
    result.openToDirVsAge = ratio(result.openToDirMs as number, result.ageOpenMs as number);
  } else {
    result.age = 'not installed: apt-get install -y age';
  }
  if (sevenZip) {
    result.sealVs7z = ratio(sealMs, result.sevenZipSealMs as number);
    result.openVs7z = ratio(openMs, result.sevenZipOpenMs as number);
  } else {
    result.sevenZip = 'not installed: apt-get install -y 7zip';
  }
  result.sealVsCopy = ratio(sealMs, result.copyFsyncMs as number);
  result.openVsCopy = ratio(openMs, result.copyFsyncMs as number);
  result.loadAverage = +loadavg()[0]!.toFixed(1);
  return result;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
};

type Keys = ReturnType<typeof keys>;

/** One round: the engine (sealed as the app and as the tool, opened, opened to a folder), copy+fsync, age, 7z. */
async function timeRound(dir: string, all: string, entries: EntrySource[], A: Keys, B: Keys): Promise<Record<string, number>> {
  const out = path.join(dir, 'bench.cadre');
  // vouched: as the app seals (sealBlob checked each name; the export's read-back proves them, and gives the
  // bundle hash, so the file is not hashed while written); checked: as the command-line tool seals a folder,
  // hashing every blob on the way and the file. Both read the entries' files as the tool does (FileSource:
  // straight into the engine's memory); the app's come over IPC instead.
  const sealAs = (blobNamesVerified: boolean, target: string) =>
    time(() =>
      sealBundle({
        hashFile: !blobNamesVerified,
        signer: { installationId: A.id, name: 'bench', signingPrivateKey: A.s.privateKey },
        to: { recipient: { installationId: Buffer.from(B.id, 'hex'), encryptionKey: B.encryptionKey } },
        meta: { kind: 'full', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, appVersion: 'bench', schemaVersion: 1, knowledge: {} },
        entries,
        out: target,
        parallel: true,
        blobNamesVerified,
      }),
    );
  const unlock = { kind: 'identity' as const, installationId: Buffer.from(B.id, 'hex'), encryptionPrivateKey: B.e.privateKey };
  const trust = (id: string) => (id === A.id ? { state: 'trusted' as const, signingKey: A.signingKey, name: 'bench' } : { state: 'unknown' as const });

  const result: Record<string, number> = {};
  if (!rssOnly) {
    const [sealCheckedMs, sealCheckedCpuMs] = await sealAs(false, path.join(dir, 'checked.cadre'));
    await fs.rm(path.join(dir, 'checked.cadre'));
    Object.assign(result, { sealCheckedMs, sealCheckedCpuMs });
  }
  const [sealMs, sealCpuMs] = await sealAs(true, out);
  // Every tool opens a file it has just written, so age's and 7z's are in the page cache; ours is written past it
  // (electron/bundle/partFile.ts), so it is read through once, untimed, to open on the same terms.
  await cacheFile(out);
  // as the app's import verifies (its first pass): everything checked, the bundle hash left to the second pass
  const [openMs, openCpuMs] = await time(() => openBundle({ file: out, unlock, trust, hashFile: false }));
  Object.assign(result, { sealMs, openMs, sealCpuMs, openCpuMs });
  if (rssOnly) return result;
  // As the command-line tool opens: verified content written out as a container folder (what `age -d` also does).
  const [openToDirMs] = await time(async () => {
    const target = path.join(dir, 'opened');
    const sink = await ContainerDirSink.create(target);
    await openBundle({ file: out, unlock, trust, sink });
    await sink.commit(target);
  });
  await fs.rm(path.join(dir, 'opened'), { recursive: true, force: true });
  result.openToDirMs = openToDirMs;
  await fs.rm(out);

  const [copyFsyncMs] = await time(async () => {
    const target = path.join(dir, 'copy.bin');
    await fs.copyFile(all, target);
    const h = await fs.open(target, 'r+');
    await h.sync();
    await h.close();
  });
  await fs.rm(path.join(dir, 'copy.bin'));
  result.copyFsyncMs = copyFsyncMs;

  if (hasAge) {
    const id = path.join(dir, 'age.key');
    await fs.rm(id, { force: true });
    execFileSync('age-keygen', ['-o', id], { stdio: 'ignore' });
    const recipient = execFileSync('age-keygen', ['-y', id]).toString().trim();
    const enc = path.join(dir, 'all.age');
    const dec = path.join(dir, 'all.dec');
    result.ageSealMs = timed(`age -r ${recipient} -o "${enc}" "${all}" && sync "${enc}"`);
    result.ageOpenMs = timed(`age -d -i "${id}" -o "${dec}" "${enc}" && sync "${dec}"`);
    await fs.rm(enc);
    await fs.rm(dec);
  }
  if (sevenZip) {
    const archive = path.join(dir, 'all.7z');
    const outDir = path.join(dir, 'x7z');
    const password = randomBytes(12).toString('hex');
    result.sevenZipSealMs = timed(`${sevenZip} a -bd -bso0 -bsp0 -mx=0 -mhe=on -p${password} "${archive}" "${all}" && sync "${archive}"`);
    result.sevenZipOpenMs = timed(`${sevenZip} x -bd -bso0 -bsp0 -p${password} -o"${outDir}" "${archive}" && sync "${outDir}/all.bin"`);
    await fs.rm(archive);
    await fs.rm(outDir, { recursive: true, force: true });
  }
  return result;
}

/** Reads a file once, so its bytes are in the page cache. */
async function cacheFile(file: string): Promise<void> {
  for await (const _ of fileBytes(file));
}

async function inTempDir<T>(f: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(process.env.BENCH_TMP ?? tmpdir(), 'cadre-bundle-bench-'));
  try {
    return await f(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const result = await inTempDir(measure);
if (curve.length) {
  // each size in a fresh process of its own: maxRSS never goes down within one
  const self = fileURLToPath(import.meta.url);
  result.rssCurve = curve.map((size) => {
    const run = spawnSync(process.execPath, [...process.execArgv, self, String(size), '--rss-only'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`bundle bench at ${size} MiB failed`);
    const line = JSON.parse(run.stdout.trim().split('\n').pop()!) as { peakRssMB: number; sealMs: number; openMs: number };
    return { mib: size, peakRssMB: line.peakRssMB, sealMs: line.sealMs, openMs: line.openMs };
  });
}
console.log(JSON.stringify(result));
