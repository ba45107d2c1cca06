import path from 'node:path';
import { Installation } from '../test/e2e/fixture';
import { stat, type Row } from './measure';
import { readAll, sealAll } from './mainSide';
import { profiled } from './profiled';

// The exchange through the app (issue 10): installation A (the roster bench's, holding the run's district) and a
// second installation B trust each other's cards; A exports everything to B, B verifies, stages, previews and
// applies it, and answers with a bundle of its own (its acknowledgement); A then changes 1,000 cadres, exports
// incrementally, and B previews that bundle. Each step is timed in the page (bench/exchangePage.ts), with the real
// main-process handlers behind it.

type Bench = {
  exportTo(o: { peerId: string; forceFull: boolean }): Promise<{ ms: number; records: number; photos: number; bytes: number; full: boolean }>;
  exportPageOnly(o: { peerId: string }): Promise<{ ms: number; records: number; photos: number; bytes: number; full: boolean }>;
  importFrom(o: { apply: boolean }): Promise<{ verifyMs: number; stageAndPreviewMs: number; readMs: number; previewMs: number; applyMs: number; records: number }>;
  change(o: { count: number; operator: string }): Promise<number>;
  adopt(o: { origin: string }): Promise<number>;
};
const bench = (i: Installation) => ({
  run: <K extends keyof Bench>(name: K, arg: Parameters<Bench[K]>[0]) =>
    i.page.evaluate(
      ([n, a]) => (window as unknown as { cadreDeskBench: Record<string, (a: unknown) => Promise<unknown>> }).cadreDeskBench[n]!(a),
      [name, arg] as const,
    ) as ReturnType<Bench[K]>,
});

export async function exchangeBench(
  a: Installation,
  options: { root: string; benchPage: string; full: boolean; changed: number; loadedFrom: string },
): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const b = new Installation(path.join(options.root, 'receiver'), { byteChannel: true });
  await b.launch();
  try {
    await b.completeFirstRun('基准测试接收机', '基准', '组织部');
    await a.page.goto(options.benchPage);
    await b.page.goto(options.benchPage);
    await a.trustPeer(b, 'all');
    await b.trustPeer(a, 'all');
    // the bench loaded A's district as records of another installation, without the bundle that would have
    // brought them: A's knowledge is raised as that import would have raised it
    await bench(a).run('adopt', { origin: options.loadedFrom });
    const peerId = b.identity!.installationId;

    const fullFile = path.join(options.root, 'full.cadre');
    a.answerNextDialog([fullFile]);
    const full = await bench(a).run('exportTo', { peerId, forceFull: true });
    b.answerNextDialog([fullFile]);
    const imported = await profiled(b.page, 'import-full', () => bench(b).run('importFrom', { apply: true }));
    // the main processes' own work on the same bundle, without the page or this bench's transport
    // (bench/mainSide.ts): B's two passes over it, and A's sealing of its entries
    const mainRead = await readAll(b, fullFile);
    const mainSeal = await sealAll(a, path.join(options.root, 'full-copy.cadre'), { peer: peerId }, mainRead.meta, mainRead.entries);
    mainRead.entries.length = 0;

    // B answers with its own bundle: its META carries what it now holds of A's, so A's next export is incremental
    const ackFile = path.join(options.root, 'acknowledgement.cadre');
    b.answerNextDialog([ackFile]);
    const answer = await bench(b).run('exportTo', { peerId: a.identity!.installationId, forceFull: false });
    a.answerNextDialog([ackFile]);
    await bench(a).run('importFrom', { apply: true });

    const changed = await bench(a).run('change', { count: options.changed, operator: '基准' });
    const incFile = path.join(options.root, 'incremental.cadre');
    a.answerNextDialog([incFile]);
    const incremental = await bench(a).run('exportTo', { peerId, forceFull: false });
    b.answerNextDialog([incFile]);
    const preview = await bench(b).run('importFrom', { apply: false });
    // last: it records a sent bundle that was never written
    const fullPage = await bench(a).run('exportPageOnly', { peerId });

    const one = (ms: number) => stat([ms]);
    // Electron's IPC moves the entries at memory speed, this bench's transport at a few MiB a second: the figures
    // against the targets are the page's work and the main process's, each timed without the transport, added as
    // if neither overlapped the other (in the app they run at once, in two processes: upper bounds)
    const exportMs = fullPage.ms + mainSeal.sealMs;
    const importMs = mainRead.verifyMs + mainRead.readMs + imported.stageAndPreviewMs + imported.applyMs;
    const rows: Row[] = [
      { name: `完整导出（${full.records} 条记录）：页面 + 主进程封装并读回校验，不计重叠的上限`, unit: 'ms', stat: one(exportMs), target: options.full ? 60_000 : undefined },
      { name: '  其中页面自身的工作（读取、序列化；不经传输）', unit: 'ms', stat: one(fullPage.ms) },
      { name: '  其中主进程：封装同样的内容并读回校验（直接调用处理函数）', unit: 'ms', stat: one(mainSeal.sealMs) },
      { name: '  （参考）经本测试传输的完整导出', unit: 'ms', stat: one(full.ms) },
      { name: '导入该数据包：主进程校验 + 主进程第二遍解密 + 页面暂存与预览 + 应用，不计重叠的上限', unit: 'ms', stat: one(importMs), target: options.full ? 120_000 : undefined },
      { name: '  其中主进程校验（第一遍）', unit: 'ms', stat: one(mainRead.verifyMs) },
      { name: '  其中主进程第二遍解密', unit: 'ms', stat: one(mainRead.readMs) },
      { name: '  其中页面暂存与预览（第二遍，从内存读取）', unit: 'ms', stat: one(imported.stageAndPreviewMs) },
      { name: '  其中应用（一个事务）', unit: 'ms', stat: one(imported.applyMs) },
      { name: '  （参考）校验经本测试的传输（一次调用）', unit: 'ms', stat: one(imported.verifyMs) },
      { name: '  （参考）第二遍的读取经本测试的传输', unit: 'ms', stat: one(imported.readMs) },
      { name: '  （对照）从暂存区重新计算预览', unit: 'ms', stat: one(imported.previewMs) },
      { name: `增量导出（${changed} 名干部有改动，${incremental.records} 条记录）`, unit: 'ms', stat: one(incremental.ms), target: 5_000 },
      { name: '增量数据包的校验与预览', unit: 'ms', stat: one(preview.verifyMs + preview.readMs + preview.stageAndPreviewMs), target: 3_000 },
    ];
    return { rows, figures: { full, fullPage, mainRead: { verifyMs: mainRead.verifyMs, readMs: mainRead.readMs }, mainSeal, imported, answer, changed, incremental, preview } };
  } finally {
    await b.close();
  }
}
