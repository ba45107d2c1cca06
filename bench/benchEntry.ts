// Built only by `npm run bench` (bench/vite.bench.config.ts, into bench/.build/, never into out/): gives the
// benchmark the app's own database code on the app's origin (bench/preview.bench.config.ts serves it under
// /bench/ beside the built app), so data loaded here is what the roster then shows.
// The data set is generated here, in the page, so only the writes are timed and nothing crosses Playwright.
import '../renderer/zodConfig';
import { openDatabase } from '../renderer/db/database';
import { bulkLoadBatch, type IncomingRecord } from '../renderer/db/bulkLoad';
import { generateDataset } from '../shared/synthetic/cadres';
import { asPacked, asSets, factsOfSets, keptOfFacts, setsOf } from './storedRows';
import { deferDossierFacts, type DossierFactsOf } from '../renderer/db/dossierFacts';
import { loadDemoData } from '../renderer/features/demoData/loadDemoData';
import { lrmxBench } from './lrmxBench';
import { loadCultivationBench, measureCultivationBench } from './cultivationPage';
import { benchAdopt, benchChange, benchExport, benchExportPageOnly, benchImport } from './exchangePage';
import { loadPerformanceBench, measurePerformanceBench } from './performancePage';
import { loadSupervisionBench, measureSupervisionBench } from './supervisionPage';
import { addPhotos, benchBackup, benchBackupPageOnly, benchRestore, benchRestoreRead, removePhotos } from './backupPage';

const db = openDatabase();
const TABLES = ['units', 'cadres', 'career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks', 'subRecords'];

/**
 * How the records are written: the app's loader, or plain IndexedDB put — of exactly the rows the app stores, into
 * the app's own stores with their indexes (rawKept: the loader's fair baseline), of the dossier sets alone into
 * stores without indexes (rawSets, the older reference), or one row per record (rawRows).
 */
export type LoadHow = 'app' | 'rawKept' | 'rawSets' | 'rawRows';

async function openRaw(name: string, how: LoadHow): Promise<IDBDatabase> {
  if (how === 'rawKept') {
    // the app's schema, every store and index as the app declares them, then opened without Dexie
    const app = openDatabase(name, undefined, { keptTables: false });
    await app.open();
    app.close();
    return new Promise((ok, fail) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => ok(open.result);
      open.onerror = () => fail(open.error);
    });
  }
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    for (const t of TABLES) open.result.createObjectStore(t, { keyPath: t === 'subRecords' ? 'cadreId' : 'id' });
  };
  return new Promise((ok, fail) => {
    open.onsuccess = () => ok(open.result);
    open.onerror = () => fail(open.error);
  });
}

function rawPut(raw: IDBDatabase, rows: readonly { table: string; row: object }[]): Promise<void> {
  const tx = raw.transaction([...new Set(rows.map((r) => r.table))], 'readwrite');
  for (const { table, row } of rows) tx.objectStore(table).put(row);
  return new Promise((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
}

/**
 * Generates the data set and writes it in batches of `batch` records (whole dossiers: a batch never splits one);
 * returns the time spent writing and the number of records.
 */
async function load(options: { how: LoadHow; cadres: number; seed: number; installationId: string; batch: number }): Promise<{ ms: number; records: number }> {
  const raw = options.how === 'app' ? null : await openRaw(`bench-${options.how}`, options.how);
  // as the demo load does: into a database without dossiers, the sets are written unread
  const newDossiers = !raw && (await db.subRecords.limit(1).primaryKeys()).length === 0;
  let ms = 0;
  let records = 0;
  let batch: IncomingRecord[] = [];
  // the dossiers' kept facts are written once, after the last batch, as the demo load writes them
  // (renderer/db/dossierFacts.ts): by the app's deferral, or as the packs it ends up storing
  const deferred = raw ? null : deferDossierFacts(db);
  const facts = new Map<string, DossierFactsOf>();
  const flush = async () => {
    const sets = options.how === 'rawRows' ? null : asSets(batch);
    // rawKept: the rows the app stores, the sets in its packs (bench/storedRows.ts)
    const rows = sets === null ? batch.map((r) => ({ table: r.table, row: r.record })) : options.how === 'rawKept' ? asPacked(sets) : sets;
    if (options.how === 'rawKept') for (const [id, f] of factsOfSets(setsOf(sets!))) facts.set(id, f);
    const t0 = performance.now();
    if (raw) await rawPut(raw, rows);
    else await bulkLoadBatch(db, batch, { newDossiers });
    ms += performance.now() - t0;
    records += batch.length;
    batch = [];
  };
  try {
    for (const r of generateDataset({ seed: options.seed, cadres: options.cadres, installationId: options.installationId, asOf: '2026-11', operator: '基准测试' })) {
      if (r.table === 'cadres' && batch.length >= options.batch) await flush();
      batch.push(r as unknown as IncomingRecord);
    }
    if (batch.length) await flush();
    const t0 = performance.now();
    if (deferred) await deferred.flush();
    if (raw && facts.size) await rawPut(raw, keptOfFacts(facts));
    ms += performance.now() - t0;
  } finally {
    deferred?.end();
  }
  raw?.close();
  return { ms, records };
}

/**
 * 本机设置's demo load without its screen (renderer/features/demoData/loadDemoData.ts): generation included, and
 * the time until the last cadre was stored, so the 培养历练 that follow are timed apart.
 */
async function demo(options: { cadres: number; installationId: string }): Promise<{ ms: number; cadresMs: number; records: number }> {
  const t0 = performance.now();
  let cadresMs = 0;
  const result = await loadDemoData(db, {
    cadres: options.cadres,
    installationId: options.installationId,
    operator: '基准测试',
    asOf: '2026-11',
    onProgress: (done, total) => {
      if (done === total && !cadresMs) cadresMs = performance.now() - t0;
    },
  });
  return { ms: performance.now() - t0, cadresMs, records: result.records };
}

Object.assign(window, {
  cadreDeskBench: {
    load,
    demo,
    count: () => db.cadres.count(),
    close: () => db.close(),
    lrmx: (o: Parameters<typeof lrmxBench>[1]) => lrmxBench(db, o),
    exportTo: (o: Parameters<typeof benchExport>[1]) => benchExport(db, o),
    exportPageOnly: (o: Parameters<typeof benchExportPageOnly>[1]) => benchExportPageOnly(db, o),
    importFrom: (o: Parameters<typeof benchImport>[1]) => benchImport(db, o),
    change: (o: Parameters<typeof benchChange>[1]) => benchChange(db, o),
    adopt: (o: Parameters<typeof benchAdopt>[1]) => benchAdopt(db, o),
    cultivationLoad: (o: Parameters<typeof loadCultivationBench>[1]) => loadCultivationBench(db, o),
    cultivationMeasure: (o: Parameters<typeof measureCultivationBench>[1]) => measureCultivationBench(db, o),
    performanceLoad: (o: Parameters<typeof loadPerformanceBench>[1]) => loadPerformanceBench(db, o),
    performanceMeasure: (o: Parameters<typeof measurePerformanceBench>[1]) => measurePerformanceBench(db, o),
    supervisionLoad: (o: Parameters<typeof loadSupervisionBench>[1]) => loadSupervisionBench(db, o),
    supervisionMeasure: (o: Parameters<typeof measureSupervisionBench>[1]) => measureSupervisionBench(db, o),
    backupPhotos: (o: Parameters<typeof addPhotos>[1]) => addPhotos(db, o),
    backupRemovePhotos: (o: Parameters<typeof removePhotos>[1]) => removePhotos(db, o),
    backup: (o: Parameters<typeof benchBackup>[1]) => benchBackup(db, o),
    backupPageOnly: () => benchBackupPageOnly(db),
    restoreRead: (o: Parameters<typeof benchRestoreRead>[0]) => benchRestoreRead(o),
    restore: (o: Parameters<typeof benchRestore>[1]) => benchRestore(db, o),
  },
});
