import { Dexie } from 'dexie';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { commitExport, planExport, readExport, type ExportPlan, type ExportTarget, type ReadStats } from '../../../renderer/sync/exportReader';
import { applyImport, assertImportable, checkBundle, discardStaging, previewImport, stageLines, type ApplyResult, type Preview } from '../../../renderer/sync/importer';
import type { SyncLine, BundleMeta } from '../../../shared/sync/bundleMeta';
import type { PeerScope } from '../../../shared/sync/scope';
import { idCheckChar } from '../../../shared/rules/idNumber';
import { newId } from '../../../shared/ids';

// Two (or more) in-memory installations that exchange bundles through the export reader and the importer, without
// the encryption layer (that is electron/bundle's, tested there): a bundle here is its META and its record lines.

export interface Installation {
  id: string;
  name: string;
  db: CadreDb;
  ctx: WriteContext;
}

let clock = 1_700_000_000_000;
export const tick = () => (clock += 1_000);

export async function installation(id: string, name: string): Promise<Installation> {
  const db = openDatabase(`sync-${name}-${newId()}`);
  await db.open();
  return { id, name, db, ctx: { actor: { installationId: id, operator: name }, now: tick } };
}

export async function close(...all: Installation[]): Promise<void> {
  for (const i of all) {
    i.db.close();
    await Dexie.delete(i.db.name);
  }
}

export interface Bundle {
  meta: BundleMeta;
  lines: SyncLine[];
  hash: string;
  plan: ExportPlan;
  stats: ReadStats;
}

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('');

/** An export from `from`, as the main process would seal it (META completed, a hash), committed as verified. */
export async function exportBundle(from: Installation, target: ExportTarget, options: { commit?: boolean; batch?: number } = {}): Promise<Bundle> {
  const plan = await planExport(from.db, from.id, target);
  const stats: ReadStats = { rows: 0, indexRows: 0, lines: 0 };
  const lines: SyncLine[] = [];
  for await (const batch of readExport(from.db, plan, { stats, batch: options.batch ?? 7 })) lines.push(...batch);
  // what the bundle carries is JSON: nothing shared with the sender's objects
  const meta: BundleMeta = JSON.parse(
    JSON.stringify({ ...plan.meta, bundleId: hex(32), source: { installationId: from.id, name: from.name }, appVersion: '0.1.0' }),
  );
  const bundle = { meta, lines: JSON.parse(JSON.stringify(lines)) as SyncLine[], hash: hex(64), plan, stats };
  if (options.commit ?? true) await commitExport(from.db, plan, { bundleHash: bundle.hash, records: bundle.lines.length, bytes: 0 });
  return bundle;
}

/** Stages a bundle at `to` in small batches and previews it (after the ledger check). */
export async function stageBundle(to: Installation, bundle: Bundle): Promise<Preview> {
  assertImportable(await checkBundle(to.db, to.id, bundle.meta));
  await discardStaging(to.db);
  for (let i = 0; i < bundle.lines.length; i += 5) await stageLines(to.db, bundle.lines.slice(i, i + 5));
  return previewImport(to.db);
}

export async function importBundle(to: Installation, bundle: Bundle): Promise<{ preview: Preview; result: ApplyResult }> {
  const preview = await stageBundle(to, bundle);
  const result = await applyImport(to.db, to.id, bundle.meta, { hash: bundle.hash, now: tick, expectedRecords: bundle.lines.length });
  return { preview, result };
}

/** Exports from `from` to `to` (in `scope`) and imports it there. */
export async function exchange(from: Installation, to: Installation, scope: PeerScope = 'all') {
  const bundle = await exportBundle(from, { kind: 'peer', peerId: to.id, scope });
  return { bundle, ...(await importBundle(to, bundle)) };
}

/** The synced data of an installation, in a stable order, to compare two of them. */
export async function syncedData(db: CadreDb) {
  const sets = await db.subRecords.orderBy('cadreId').toArray();
  const subs = sets.flatMap((set) =>
    Object.entries(set)
      .filter(([k]) => k !== 'cadreId')
      .flatMap(([table, list]) => (list as { id: string }[]).map((record) => ({ table, record }))),
  );
  subs.sort((a, b) => (a.record.id < b.record.id ? -1 : 1));
  return { units: await db.units.orderBy('id').toArray(), cadres: await db.cadres.orderBy('id').toArray(), subs };
}

/** A valid 18-digit ID number for the n-th test person (women, born 1975-06-15). */
export function idNumberOf(n: number): string {
  const first17 = `110105197506${String(10 + (n % 18)).padStart(2, '0')}${String(2 * (n % 450)).padStart(3, '0')}`.slice(0, 17);
  return first17 + idCheckChar(first17);
}
