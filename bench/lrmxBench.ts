// In the bench page (bench/benchEntry.ts): 任免审批表 files at batch size, through the app's own code — read and
// map (readBatch), match and check against the roster (planLrmxImport), write all in one transaction
// (commitLrmxImport), and export the imported cadres to one .zip (exportLrmxZip). The files are made here, so
// only the app's work is timed.
import type { CadreDb } from '../renderer/db/database';
import { commitLrmxImport, planLrmxImport } from '../renderer/db/importLrmx';
import { readBatch } from '../renderer/features/lrmx/readBatch';
import { exportLrmxZip } from '../renderer/features/lrmx/exportLrmx';
import { buildLrmx } from '../shared/lrmx';
import { idNumber, samplePerson } from '../test/fixtures/lrmx/samples';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚';

/** `count` distinct people; `run` moves their ID numbers so every run imports new cadres. */
function files(count: number, run: number): { name: string; bytes: Uint8Array }[] {
  const encoder = new TextEncoder();
  return Array.from({ length: count }, (_, i) => {
    const year = 1965 + (i % 30);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (Math.floor(i / 12) % 28)).padStart(2, '0');
    const seq = String((run * 37 + Math.floor(i / 336)) % 1000).padStart(3, '0');
    const id = idNumber(`110105${year}${month}${day}${seq}`);
    // the given name moves with the run too: the same name and birth month would match the earlier run's person
    // (by name and birth month) instead of creating a cadre, and the commit would measure nothing
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${GIVEN[(i * 7 + run * 13) % GIVEN.length]}`;
    return { name: `${name}_${id.slice(-4)}.lrmx`, bytes: encoder.encode(buildLrmx(samplePerson(name, id))) };
  });
}

export interface LrmxBenchResult {
  files: number;
  readMs: number;
  planMs: number;
  commitMs: number;
  commitMsPerHundred: number[];
  created: number;
  exportMs: number;
  zipBytes: number;
}

export async function lrmxBench(db: CadreDb, options: { count: number; run: number; installationId: string }): Promise<LrmxBenchResult> {
  const unit = await db.units.filter((u) => !u.deleted).first();
  if (!unit) throw new Error('no unit to import into');
  const ctx = { actor: { installationId: options.installationId, operator: '基准测试' }, now: () => Date.now() };
  const today = new Date().toISOString().slice(0, 10);
  const batch = files(options.count, options.run);
  const immediate = () => Promise.resolve();

  let t = performance.now();
  const { read, failed } = await readBatch(batch, { today, yieldToPage: immediate });
  const readMs = performance.now() - t;
  t = performance.now();
  const plan = await planLrmxImport(db, read, failed, { today });
  const planMs = performance.now() - t;
  t = performance.now();
  // the commit's time per hundred files: shows whether a file costs the same late in the one transaction as early
  const perHundred: number[] = [];
  let last = t;
  const onProgress = (done: number) => {
    if (done % 100 !== 0) return;
    const now = performance.now();
    perHundred.push(Math.round(now - last));
    last = now;
  };
  const result = await commitLrmxImport(db, ctx, plan, { unitId: unit.id, skipFailed: true, onProgress });
  const commitMs = performance.now() - t;

  const ids = plan.entries.map((e) => e.existing?.id).filter((id): id is string => !!id);
  const created = await db.cadres.where('idNumber').anyOf(plan.entries.map((e) => String(e.createInput.idNumber))).primaryKeys();
  t = performance.now();
  const zip = await exportLrmxZip(db, [...new Set([...ids, ...created.map(String)])], { yieldToPage: immediate });
  const exportMs = performance.now() - t;
  return { files: batch.length, readMs, planMs, commitMs, commitMsPerHundred: perHundred, created: result.created, exportMs, zipBytes: zip.bytes.length };
}
