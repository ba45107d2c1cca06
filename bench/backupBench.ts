import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Installation } from '../test/e2e/fixture';
import { stat, type Row } from './measure';

// 备份与恢复 at the district's size (issue 11): the loaded district gets `photos` photos, then each run writes a full
// backup (sealed and read back by the main process) and restores it (verify, the automatic safety backup, the
// restore proper), timed in the page (bench/backupPage.ts) with the real main-process handlers behind it. The
// renderer's heap is sampled through CDP (Runtime.getHeapUsage) during both; its peak is reported. The photos are
// taken away again afterwards, so later phases see the district as loaded.

type Page = Installation['page'];
/** Per exchange method: calls, and the page's wait for them in all. */
type Waited = Record<string, { calls: number; ms: number }>;
type Bench = {
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

export async function backupBench(
  installation: Installation,
  options: { root: string; benchPage: string; runs: number; photos: number; full: boolean },
): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const page = installation.page;
  await page.goto(options.benchPage);
  const operator = '基准';
  const photos = await run(page, 'backupPhotos', { count: options.photos });
  const times = {
    backup: [] as number[],
    backupPage: [] as number[],
    verifyAndRestore: [] as number[],
    verify: [] as number[],
    read: [] as number[],
    restore: [] as number[],
    safety: [] as number[],
  };
  const heap = { backup: [] as number[], restore: [] as number[] };
  const figures: Record<string, unknown> = { photos };
  const safetyDir = path.join(installation.userDataDir, 'backups');
  try {
    for (let i = 0; i < options.runs; i++) {
      const file = path.join(options.root, `backup-${i + 1}.cadre`);
      installation.answerNextDialog([file]);
      const backup = await peakHeapDuring(page, () => run(page, 'backup', { passphrase: PASSPHRASE, operator }));
      installation.answerNextDialog([file]);
      const restore = await peakHeapDuring(page, () => run(page, 'restore', { passphrase: PASSPHRASE, operator }));
      times.backup.push(backup.result.ms);
      times.backupPage.push(backup.result.pageMs);
      times.verify.push(restore.result.verifyMs);
      times.read.push(restore.result.readMs);
      times.restore.push(restore.result.restoreMs);
      times.verifyAndRestore.push(restore.result.verifyMs + restore.result.restoreMs);
      times.safety.push(restore.result.safetyBackupMs);
      heap.backup.push(backup.peakBytes / MiB);
      heap.restore.push(restore.peakBytes / MiB);
      figures[`run${i + 1}`] = { backup: backup.result, restore: restore.result, heapSamples: [backup.samples, restore.samples] };
      // each run's files go: at 100,000 cadres a backup is hundreds of MB
      await rm(file, { force: true });
      for (const f of await readdir(safetyDir).catch(() => [] as string[])) await rm(path.join(safetyDir, f), { force: true });
    }
  } finally {
    await run(page, 'backupRemovePhotos', { count: options.photos });
  }
  const records = (figures.run1 as { backup: { records: number; bytes: number } }).backup;
  const rows: Row[] = [
    {
      name: `完整备份（${records.records} 行，含 ${photos.photos} 张照片，${Math.round(records.bytes / MiB)} MiB；封装并读回校验，经本测试的传输）`,
      unit: 'ms',
      stat: stat(times.backup),
      target: options.full ? 90_000 : undefined,
    },
    { name: '  其中页面的工作（读取 IndexedDB、序列化，至交出最后一批）', unit: 'ms', stat: stat(times.backupPage) },
    { name: '校验并恢复（不含自动安全备份，不计本测试传输的读取）', unit: 'ms', stat: stat(times.verifyAndRestore), target: options.full ? 180_000 : undefined },
    { name: '  其中校验（第一遍）', unit: 'ms', stat: stat(times.verify) },
    { name: '  其中恢复（从内存读取，写入新数据库、核对、升级、切换）', unit: 'ms', stat: stat(times.restore) },
    { name: '  （另计）第二遍的读取（经本测试的传输，非 Electron IPC）', unit: 'ms', stat: stat(times.read) },
    { name: '恢复前的自动安全备份（另计）', unit: 'ms', stat: stat(times.safety) },
    { name: '备份期间渲染进程堆内存峰值', unit: 'MiB', stat: stat(heap.backup), target: 500 },
    { name: '恢复期间（含安全备份）渲染进程堆内存峰值', unit: 'MiB', stat: stat(heap.restore), target: 500 },
  ];
  return { rows, figures };
}

/** Photos given to the district before the phase: the 2,000 at full size, fewer for the quick looks. */
export const PHOTOS = { full: 2_000, quick: 2_000, smoke: 20 } as const;
