import type { CadreDeskApi } from '../shared/ipc';
import type { CadreDb } from '../renderer/db/database';
import { updateCadres } from '../renderer/db/cadres';
import { raiseKnowledge, SELF_KNOWLEDGE } from '../renderer/sync/knowledge';
import { applyStaged, exportToPeer, openForImport, stageImport } from '../renderer/features/exchange/transfer';
import { previewImport } from '../renderer/sync';
import { droppingSeal } from './backupPage';
import { allDossierSets } from '../renderer/db/dossierPacks';

// The exchange through the app's own code (issue 10's app-level targets), in the bench page: the 数据交换 page's
// functions (renderer/features/exchange/transfer.ts) with the real main-process handlers behind window.cadreDesk,
// timed in the page. The file paths are granted the way the app gets them: the Node side answers the next file
// dialog, and the page asks for it.

type Api = Pick<CadreDeskApi, 'exchange' | 'sync'>;
const api = () => (window as unknown as { cadreDesk: CadreDeskApi }).cadreDesk;
const self = async () => (await api().app.info()).installationId;

/** A full or incremental export to a trusted peer, into the file the next save dialog answers. */
export async function benchExport(db: CadreDb, options: { peerId: string; forceFull: boolean }) {
  const choice = await api().dialog.saveFile({ defaultName: 'bench.cadre' });
  const path = choice.filePaths[0]!;
  const t0 = performance.now();
  const r = await exportToPeer(db, api(), { self: await self(), peerId: options.peerId, scope: 'all', forceFull: options.forceFull, path });
  return { ms: Math.round(performance.now() - t0), ...r };
}

/**
 * The page's own work of a full export and nothing else (bench/backupPage.ts droppingSeal): every entry dropped in
 * the page, so neither the transport nor the main process's sealing is in the time. It records a sent bundle that
 * was never written, so the bench runs it last.
 */
export async function benchExportPageOnly(db: CadreDb, options: { peerId: string }) {
  const t0 = performance.now();
  const r = await exportToPeer(db, { ...api(), exchange: droppingSeal(api().exchange) }, { self: await self(), peerId: options.peerId, scope: 'all', forceFull: true, path: '/page-only' });
  return { ms: Math.round(performance.now() - t0), ...r };
}

/** Verify (pass 1), stage (pass 2) and preview, then apply unless told not to: each timed. */
export async function benchImport(db: CadreDb, options: { apply: boolean }) {
  const choice = await api().dialog.openFile({});
  const path = choice.filePaths[0]!;
  const me = await self();
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const { opened } = await openForImport(db, api(), { self: me, path });
  const verifyMs = lap();
  // The read calls go through this bench's transport (Playwright's binding), which moves a few MiB a second;
  // Electron's IPC copies them at memory speed. So the whole bundle is read first and timed on its own, and the
  // staging then reads from memory: what is timed as staging is the app's own work.
  const entries: Awaited<ReturnType<Api['exchange']['read']>>[] = [];
  for (;;) {
    const r = await api().exchange.read({ openId: opened.openId });
    entries.push(r);
    if (r.done) break;
  }
  const readMs = lap();
  const fromMemory: Api = {
    ...api(),
    exchange: {
      ...api().exchange,
      read: async () => entries.shift() ?? { entries: [], done: true },
    },
  };
  const staged = await stageImport(db, fromMemory, opened);
  const { preview } = staged;
  const stageAndPreviewMs = lap();
  // the preview alone, once more, read back from staging (it only reads)
  await previewImport(db);
  const parts = { readMs, previewMs: lap() };
  await api().exchange.close({ openId: opened.openId }).catch(() => undefined);
  lap();
  const records = Object.values(opened.counts).reduce((a, b) => a + b, 0);
  const counts = preview.tables.map(({ ids: _ids, ...t }) => t);
  if (!options.apply) return { verifyMs, stageAndPreviewMs, ...parts, applyMs: 0, records, preview: counts };
  const applied = await applyStaged(db, opened, staged, me);
  const applyMs = lap();
  return { verifyMs, stageAndPreviewMs, ...parts, applyMs, records, preview: counts, applied };
}

/** Changes `count` cadres' 现任职务 in one batch, as 批量修改 would: what the incremental export then carries. */
export async function benchChange(db: CadreDb, options: { count: number; operator: string }) {
  const ids = (await db.cadres.limit(options.count).primaryKeys()) as string[];
  const ctx = { actor: { installationId: await self(), operator: options.operator }, now: () => Date.now() };
  await updateCadres(db, ctx, ids.map((id, i) => ({ id, patch: { currentPost: `基准测试岗位 ${i}` } })));
  return ids.length;
}

/**
 * Raises this installation's knowledge of `origin` to the highest counter its records carry, as importing them in
 * a bundle would have: the bench loads its district with another installation's counters straight into the
 * database. Returns that counter.
 */
export async function benchAdopt(db: CadreDb, options: { origin: string }) {
  let max = 0;
  const see = (vv: Record<string, number> | undefined) => (max = Math.max(max, vv?.[options.origin] ?? 0));
  await db.cadres.each((c) => see(c.vv));
  await db.units.each((u) => see(u.vv));
  for await (const page of allDossierSets(db))
    for (const set of page) for (const [key, list] of Object.entries(set)) if (key !== 'cadreId' && Array.isArray(list)) for (const r of list as { vv: Record<string, number> }[]) see(r.vv);
  await db.transaction('rw', db.knowledge, () => raiseKnowledge(db, SELF_KNOWLEDGE, { [options.origin]: max }, Date.now()));
  return max;
}
