import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Installation } from '../test/e2e/fixture';
import { readAll, sealAll } from './mainSide';
import { stat, type Row } from './measure';
import { profiled } from './profiled';

// 备份与恢复 at the district's size (issue 11): the loaded district gets `photos` photos, then each run times the
// page's own work of a full backup (bench/backupPage.ts, every entry dropped in the page), writes the real file
// through this bench's transport, times the main process's own work on it (bench/mainSide.ts: verify, the second
// pass, the sealing and read-back of the same entries), and restores it from memory (the automatic safety backup,
// the page's work only, then the restore proper). The renderer's heap is sampled through CDP
// (Runtime.getHeapUsage) during the page's work; its peak is reported against the 500 MB (476.8 MiB). The
// photos are taken away again afterwards, so later phases see the district as loaded.

type Page = Installation['page'];
/** Per exchange method: calls, and the page's wait for them in all. */
type Waited = Record<string, { calls: number; ms: number }>;
type Bench = {
  restoreRead(o: { passphrase: string }): Promise<{ verifyMs: number; readMs: number }>;
  backupPageOnly(o: undefined): Promise<{ ms: number; rowsMs: number; bytes: number; records: number }>;
  backupPhotos(o: { count: number }): Promise<{ photos: number; bytes: number }>;
  backupRemovePhotos(o: { count: number }): Promise<number>;
  backup(o: { passphrase: string; operator: string }): Promise<{ ms: number; pageMs: number; bytes: number; records: number; waited: Waited }>;
  restore(o: { passphrase: string; operator: string }): Promise<{
    verifyMs: number;
    readMs: number;
    safetyBackupMs: number;
    restoreMs: number;
    records: number;
    safetyBytes: number;
    restored: string;
    waited: Waited;
  }>;
};
const run = <K extends keyof Bench>(page: Page, name: K, arg: Parameters<Bench[K]>[0]) =>
  page.evaluate(
    ([n, a]) => (window as unknown as { cadreDeskBench: Record<string, (a: unknown) => Promise<unknown>> }).cadreDeskBench[n]!(a),
    [name, arg] as const,
  ) as ReturnType<Bench[K]>;

const MiB = 1024 * 1024;
const PASSPHRASE = '基准测试 备份口令 2026 甲乙丙丁';

/**
 * The peak of the page's V8 heap while `work` runs, sampled every `everyMs` (between the page's tasks: a sample
 * waits for the running one). Garbage is collected first, so what an earlier phase left does not count.
 */
async function peakHeapDuring<T>(page: Page, work: () => Promise<T>, everyMs = 100): Promise<{ result: T; peakBytes: number; samples: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  let peakBytes = 0;
  let samples = 0;
  let stop = false;
  const sampler = (async () => {
    while (!stop) {
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      peakBytes = Math.max(peakBytes, usedSize);
      samples++;
      await new Promise((ok) => setTimeout(ok, everyMs));
    }
  })();
  try {
    const result = await work();
    return { result, peakBytes, samples };
  } finally {
    stop = true;
    await sampler.catch(() => undefined);
    await cdp.detach().catch(() => undefined);
  }
}

/** The main process's own work for a backup and a restore of `file` (bench/mainSide.ts), its sealing into `copy`. */
async function mainSide(installation: Installation, file: string, copy: string) {
  const read = await readAll(installation, file, PASSPHRASE);
  const sealed = await sealAll(installation, copy, { passphrase: PASSPHRASE }, read.meta, read.entries);
  return { verifyMs: read.verifyMs, readMs: read.readMs, ...sealed };
}

export async function backupBench(
  installation: Installation,
  options: { root: string; benchPage: string; runs: number; photos: number; full: boolean },
): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const page = installation.page;
  await page.goto(options.benchPage);
  const operator = '基准';
  const photos = await run(page, 'backupPhotos', { count: options.photos });
  const times = {
    pageOnly: [] as number[],
    pageRows: [] as number[],
    mainSeal: [] as number[],
    mainSealFinish: [] as number[],
    backupBound: [] as number[],
    backupOverlapped: [] as number[],
    backupTransport: [] as number[],
    mainVerify: [] as number[],
    mainRead: [] as number[],
    restore: [] as number[],
    restoreBound: [] as number[],
    readTransport: [] as number[],
    safety: [] as number[],
  };
  const heap = { backup: [] as number[], restore: [] as number[], read: [] as number[] };
  const figures: Record<string, unknown> = { photos };
  const safetyDir = path.join(installation.userDataDir, 'backups');
  try {
    for (let i = 0; i < options.runs; i++) {
      const file = path.join(options.root, `backup-${i + 1}.cadre`);
      // the page's own work, nothing sent (its heap is the backup's: the transport's copies are the bench's)
      const pageOnly = await peakHeapDuring(page, () => profiled(page, `backup-page-${i + 1}`, () => run(page, 'backupPageOnly', undefined)));
      // the real file, through this bench's transport (for the main side and the restore; its time for reference)
      installation.answerNextDialog([file]);
      const backup = await run(page, 'backup', { passphrase: PASSPHRASE, operator });
      const main = await mainSide(installation, file, path.join(options.root, `copy-${i + 1}.cadre`));
      installation.answerNextDialog([file]);
      const read = await peakHeapDuring(page, () => run(page, 'restoreRead', { passphrase: PASSPHRASE }));
      const restore = await peakHeapDuring(page, () => profiled(page, `restore-${i + 1}`, () => run(page, 'restore', { passphrase: PASSPHRASE, operator })));
      times.pageOnly.push(pageOnly.result.ms);
      times.pageRows.push(pageOnly.result.rowsMs);
      times.mainSeal.push(main.sealMs);
      times.mainSealFinish.push(main.sealFinishMs);
      times.backupBound.push(pageOnly.result.ms + main.sealMs);
      times.backupOverlapped.push(pageOnly.result.ms + main.sealFinishMs);
      times.backupTransport.push(backup.ms);
      times.mainVerify.push(main.verifyMs);
      times.mainRead.push(main.readMs);
      times.restore.push(restore.result.restoreMs);
      times.restoreBound.push(main.verifyMs + main.readMs + restore.result.restoreMs);
      times.readTransport.push(restore.result.readMs);
      times.safety.push(restore.result.safetyBackupMs);
      heap.backup.push(pageOnly.peakBytes / MiB);
      heap.restore.push(restore.peakBytes / MiB);
      heap.read.push(read.peakBytes / MiB);
      figures[`run${i + 1}`] = { pageOnly: pageOnly.result, main, backup, restore: restore.result, heapSamples: [pageOnly.samples, read.samples, restore.samples] };
      // each run's files go: at 100,000 cadres a backup is hundreds of MB
      await rm(file, { force: true });
      for (const f of await readdir(safetyDir).catch(() => [] as string[])) await rm(path.join(safetyDir, f), { force: true });
    }
  } finally {
    await run(page, 'backupRemovePhotos', { count: options.photos });
  }
  const first = figures.run1 as { backup: { records: number; bytes: number } };
  // Electron's IPC moves these entries at memory speed, this bench's transport at tens of MiB a second: the app's
  // figures are the page's work and the main process's, each timed without the transport, added as if neither
  // overlapped the other (in the app they run at once, in two processes, so these sums are upper bounds).
  const rows: Row[] = [
    {
      name: `完整备份（${first.backup.records} 行，含 ${photos.photos} 张照片，${Math.round(first.backup.bytes / MiB)} MiB）：页面 + 主进程，不计重叠的上限`,
      unit: 'ms',
      stat: stat(times.backupBound),
      target: options.full ? 90_000 : undefined,
    },
    { name: '  其中页面自身的工作（读取 IndexedDB、序列化；不经传输）', unit: 'ms', stat: stat(times.pageOnly) },
    { name: '    其中读取并序列化全部数据行（其后是照片）', unit: 'ms', stat: stat(times.pageRows) },
    { name: '  其中主进程：封装同样的内容并读回校验（直接调用处理函数）', unit: 'ms', stat: stat(times.mainSeal) },
    { name: '    其中交出最后一批后：余下的封装与读回校验', unit: 'ms', stat: stat(times.mainSealFinish) },
    { name: '  （参考）两进程同时工作时的估计：页面 + 交出最后一批后主进程余下的部分', unit: 'ms', stat: stat(times.backupOverlapped) },
    { name: '  （参考）经本测试传输的完整备份', unit: 'ms', stat: stat(times.backupTransport) },
    { name: '校验并恢复（不含自动安全备份）：主进程校验 + 主进程第二遍解密 + 页面恢复，不计重叠的上限', unit: 'ms', stat: stat(times.restoreBound), target: options.full ? 180_000 : undefined },
    { name: '  其中主进程校验（第一遍）', unit: 'ms', stat: stat(times.mainVerify) },
    { name: '  其中主进程第二遍解密', unit: 'ms', stat: stat(times.mainRead) },
    { name: '  其中页面恢复（从内存读取，写入新数据库、核对、升级、切换）', unit: 'ms', stat: stat(times.restore) },
    { name: '  （参考）第二遍的读取经本测试的传输', unit: 'ms', stat: stat(times.readTransport) },
    { name: '恢复前的自动安全备份（另计；页面自身的工作，主进程的封装同上）', unit: 'ms', stat: stat(times.safety) },
    { name: '备份期间渲染进程堆内存峰值（页面自身的工作）', unit: 'MiB', stat: stat(heap.backup), target: 500_000_000 / MiB },
    { name: '恢复期间（安全备份与恢复，从内存读取）渲染进程堆内存峰值', unit: 'MiB', stat: stat(heap.restore), target: 500_000_000 / MiB },
    { name: '  （参考）经本测试的传输读入第二遍期间的堆内存峰值', unit: 'MiB', stat: stat(heap.read) },
  ];
  return { rows, figures };
}

/** Photos given to the district before the phase: the 2,000 at full size, fewer for the quick looks. */
export const PHOTOS = { full: 2_000, quick: 2_000, smoke: 20 } as const;
