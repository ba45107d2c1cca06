import type { CadreDb } from '../renderer/db/database';
import { chainBlocksTable, chainTable, recordDraw, reportsOfYear, signPending, storeLogged, verifyChain, verifyWorker, type ChainApi, type VerifyHelper, type LoggedRecord } from '../renderer/db/supervision';
import { blockedOn, CODE_LEVELS, loadDueList } from '../renderer/db/supervisionLists';
import { rosterIndexOf } from '../renderer/features/roster/rosterIndex';
import { FactsCache } from '../renderer/features/selection/factsCache';
import type { Cadre } from '../shared/domain/cadre';
import { naturalId, newId } from '../shared/ids';
import { drawReports, mustReport } from '../shared/rules/personalMatters';
import { SUPERVISION_TYPES } from '../shared/domain/supervision';
import { recordDigest, type ChainBlock, type ChainHead } from '../shared/rules/supervisionChain';
import { ChainVerifier } from '../shared/rules/supervisionChainVerify';

// The 管理监督 phases' page side (bench/supervisionBench.ts drives them), on the cadres already loaded:
// 1. stored, untimed in the figures: ten years of personal-matters reports of 8 % of the cadres (of those the rule names),
//    admonishments for one cadre in 40 and 漏报 findings with their handling for one report in 50, through the area's
//    bulk path (storeLogged: the records and every version of each in the hash-chained log, one transaction per
//    batch), so the log holds `chainEntries` entries;
// 2. timed where the screens run them, with their IndexedDB reads: this year's due list (the year's reports and the
//    settings read, the cadres from the roster's index as 个人事项 holds them), a 10 % draw (from the year's reports
//    the due list holds, as the screen draws; with them read again and saving one draw, each timed apart), every cadre's blocking periods on a day (the blocking
//    supervision records read, the 奖惩 from the dossier facts the selection area keeps), and the verification of
//    the whole log as 日志校验 runs it. The first run of the due list and of the blocks also reads what the window
//    then keeps in memory (the roster's index, the dossier facts): reported apart.
// Signing is the main process's (Ed25519 over the head); here a stand-in keeps the heads it is given, so verify
// compares the chain with them as it does with the real heads file, without the one signature check.

const OPERATOR = '基准测试';
const pad = (n: number) => String(n).padStart(2, '0');

function benchChainApi(): ChainApi {
  const heads: ChainHead[] = [];
  return {
    signHead: async ({ entries }) => {
      const last = entries.at(-1)!;
      heads.push({ seq: last.seq, hash: last.hash });
      return { seq: last.seq, hash: last.hash, signature: 'bench' };
    },
    checkHead: async () => ({ signatureValid: heads.length ? true : null, heads: [...heads], gaps: [] }),
  };
}
let api: ChainApi | null = null;

/** A record's earlier versions before the one stored: the report as first entered, then edited. */
function versionsOf<T extends { updatedAt: number }>(record: T, n: number): T[] {
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? record : { ...record, updatedAt: record.updatedAt - (n - 1 - k) * 60_000 }));
}

export async function loadSupervisionBench(
  db: CadreDb,
  o: { installationId: string; year: number; years: number; reporters: number; chainEntries: number; batch: number },
): Promise<{ ms: number; mustReport: number; reporters: number; reports: number; actions: number; findings: number; entries: number }> {
  const cadres = (await db.cadres.toArray()).filter((c) => !c.deleted);
  // the shape: `reporters` of those the rule names report (8 % of the district); the others the rule
  // names have no reports and show 逾期
  const named = cadres.filter((c) => mustReport(c, CODE_LEVELS));
  const reporters = named.slice(0, o.reporters);
  const sync = (id: string, at: number) => ({ id, vv: { [o.installationId]: 1 }, updatedAt: at, updatedBy: { installationId: o.installationId, operator: OPERATOR }, deleted: false });
  const records: { table: string; record: Record<string, unknown> & { id: string; deleted: boolean; updatedAt: number } }[] = [];
  let findings = 0;
  for (let y = o.year - o.years + 1; y <= o.year; y++) {
    reporters.forEach((c, i) => {
      // this year one in ten has not reported yet
      const submitted = y === o.year && i % 10 === 9 ? null : `${y}-01-${pad(2 + (i % 27))}`;
      const finding = y < o.year && i % 50 === 0;
      if (finding) findings++;
      const checked = y < o.year && i % 10 === 0;
      records.push({
        table: 'personalMatters',
        record: {
          ...sync(naturalId('personalmatters', c.id, String(y)), Date.UTC(y, 1, 1)),
          cadreId: c.id,
          year: y,
          submitted,
          familyItems: [{ kind: 'marriage', detail: '配偶从业情况无变化' }],
          assetItems: [{ kind: 'realEstate', detail: '住房一套', amount: 120 }],
          checkKind: checked ? 'random' : 'none',
          checkedOn: checked ? `${y}-04-01` : null,
          checkedBy: checked ? '干部监督科' : '',
          result: finding ? 'omitted' : checked ? 'consistent' : 'pending',
          handling: finding ? 'admonishment' : 'none',
          handledOn: finding ? `${y}-05-01` : null,
          note: '',
        },
      });
    });
  }
  let actions = 0;
  cadres.forEach((c, i) => {
    if (c.status !== '01' || i % 40) return;
    actions++;
    records.push({
      table: 'supervisionActions',
      record: {
        ...sync(newId(), Date.UTC(o.year, 8, 10)),
        cadreId: c.id,
        kind: 'admonishment',
        date: `${o.year}-${pad(1 + (i % 11))}-10`,
        reason: '工作作风问题',
        by: '区委组织部',
        replyDue: null,
        replyReceived: null,
        conclusion: '',
        months: null,
        revoked: null,
        clueId: '',
      },
    });
  });
  // the log: every record's versions, as many as make `chainEntries` entries in all
  const per = Math.floor(o.chainEntries / records.length);
  const extra = o.chainEntries % records.length;
  let ms = 0;
  let entries = 0;
  for (let i = 0; i < records.length; i += o.batch) {
    const batch: LoggedRecord[] = records.slice(i, i + o.batch).map((r, k) => ({ table: r.table, versions: versionsOf(r.record, Math.max(1, per + (i + k < extra ? 1 : 0))) }));
    const t0 = performance.now();
    entries += await storeLogged(db, batch, Date.UTC(o.year, 10, 15));
    ms += performance.now() - t0;
  }
  api = benchChainApi();
  await signPending(db, api);
  return { ms, mustReport: named.length, reporters: reporters.length, reports: records.length - actions, actions, findings, entries };
}

async function rosterCadres(db: CadreDb, month: string): Promise<Cadre[]> {
  const index = rosterIndexOf(db);
  await index.load(month);
  return index.sortedBy('unit').map((r) => r.cadre);
}

export async function measureSupervisionBench(db: CadreDb, o: { year: number; today: string; runs: number; verifyRuns: number; self: string }) {
  const time = async <T>(runs: number, f: (run: number) => Promise<T>) => {
    const ms: number[] = [];
    let last: T | undefined;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      last = await f(i);
      ms.push(performance.now() - t0);
    }
    return { ms, last: last! };
  };
  const month = o.today.slice(0, 7);
  // the first due list of a window also loads the roster's index
  const first = await time(1, async () => loadDueList(db, o.year, o.today, await rosterCadres(db, month)));
  const due = await time(o.runs, async () => loadDueList(db, o.year, o.today, await rosterCadres(db, month)));
  // the draw as 个人事项 makes it: from the year's reports the screen already holds for its due list
  const held = due.last.reports;
  const draw = await time(o.runs, async (run) => drawReports(held.filter((r) => r.submitted).map((r) => r.cadreId), 10, `${o.year}-bench-${run}`));
  // the same draw with the year's reports read again first (reported apart)
  const drawRead = await time(o.runs, async (run) => {
    const submitted = (await reportsOfYear(db, o.year)).filter((r) => r.submitted);
    return drawReports(submitted.map((r) => r.cadreId), 10, `${o.year}-bench-${run}`);
  });
  if (drawRead.last.join() !== drawReports(held.filter((r) => r.submitted).map((r) => r.cadreId), 10, `${o.year}-bench-${o.runs - 1}`).join()) {
    throw new Error('the draw from the held reports differs from the draw from the reports read');
  }
  // saving a draw (once a year): the draw kept and the drawn reports marked 随机抽查, each write logged and signed
  const submitted = (await reportsOfYear(db, o.year)).filter((r) => r.submitted);
  const saveDraw = await time(1, () => recordDraw(db, { actor: { installationId: o.self, operator: OPERATOR }, now: () => Date.now() }, { year: o.year, percent: 10, seed: `${o.year}-bench`, drawn: draw.last }, submitted, api ?? undefined));
  // the blocks: every cadre, on the day; the first run also reads every cadre's dossier facts
  const cadres = await rosterCadres(db, month);
  const ids = cadres.map((c) => c.id);
  const cache = new FactsCache(db);
  const firstBlocks = await time(1, async () => {
    const facts = await cache.all();
    return blockedOn(db, o.today, ids, (id) => facts.get(id)?.rewards);
  });
  const blocks = await time(o.runs, async () => {
    const facts = await cache.all();
    return blockedOn(db, o.today, ids, (id) => facts.get(id)?.rewards);
  });
  // as 日志校验 runs it (the records digested in a worker beside the window), then all in the window's thread
  const worker = verifyWorker();
  const workerMs: number[] = [];
  const helper: VerifyHelper | undefined = worker
    ? async (request) => {
        const t0 = performance.now();
        const records = await worker(request);
        workerMs.push(performance.now() - t0);
        return records;
      }
    : undefined;
  const verify = await time(o.verifyRuns, () => verifyChain(db, api ?? benchChainApi(), o.self, undefined, helper));
  const inThread = await time(o.verifyRuns, () => verifyChain(db, api ?? benchChainApi(), o.self, undefined, undefined));
  // as 日志校验 runs it, but 100 rows a read instead of 10 (the parts below read 100 a read)
  const wideReads = await time(o.verifyRuns, () => verifyChain(db, api ?? benchChainApi(), o.self, 200_000, helper));
  if (wideReads.last.broken || wideReads.last.entries !== verify.last.entries) throw new Error('the verification with wide reads differs');
  if (inThread.last.broken || inThread.last.entries !== verify.last.entries) throw new Error('the verification in the thread differs');
  // the worker's part alone, the window idle
  let workerAloneMs = NaN;
  if (worker) {
    const t0 = performance.now();
    await worker({ database: db.name, self: o.self, tables: SUPERVISION_TYPES.map((t) => t.table) });
    workerAloneMs = performance.now() - t0;
  }
  const result = verify.last;
  if (result.broken) throw new Error(`the stored log does not verify: ${result.broken.reason}`);
  // where the time goes, once: the blocks read alone, then checked alone (in this thread)
  let readMs = 0;
  let hashMs = 0;
  const checker = new ChainVerifier([], undefined);
  let after: number | null = null;
  for (;;) {
    let t0 = performance.now();
    const blocks: ChainBlock[] = await (after === null ? chainBlocksTable(db).toCollection() : chainBlocksTable(db).where(':id').above(after)).limit(100).toArray();
    const open = blocks.length ? [] : await chainTable(db).toArray();
    readMs += performance.now() - t0;
    t0 = performance.now();
    for (const b of blocks) checker.addBlock(b);
    checker.addEntries(open);
    hashMs += performance.now() - t0;
    if (!blocks.length) break;
    after = blocks.at(-1)!.start;
  }
  checker.end();
  if (checker.broken) throw new Error('the stored log does not chain');
  // and the records verification compares with the log: read alone, then digested alone
  let t0 = performance.now();
  const records = await Promise.all(SUPERVISION_TYPES.map((type) => db.table(type.table).toArray()));
  const recordsReadMs = performance.now() - t0;
  t0 = performance.now();
  for (const rows of records) for (const r of rows) recordDigest(r);
  const recordsDigestMs = performance.now() - t0;
  return {
    due: due.ms,
    firstDue: first.ms[0]!,
    dueRows: due.last.rows.length,
    dueSubmitted: due.last.rows.filter((r) => r.status === 'submitted').length,
    draw: draw.ms,
    drawRead: drawRead.ms,
    drawn: draw.last.length,
    saveDraw: saveDraw.ms[0]!,
    blocks: blocks.ms,
    firstBlocks: firstBlocks.ms[0]!,
    cadres: ids.length,
    blocked: blocks.last.size,
    verify: verify.ms,
    verified: result.entries,
    verifyReadMs: readMs,
    verifyHashMs: hashMs,
    verifyRecords: records.reduce((n, rows) => n + rows.length, 0),
    verifyRecordsReadMs: recordsReadMs,
    verifyRecordsDigestMs: recordsDigestMs,
    verifyInThread: inThread.ms,
    verifyWideReads: wideReads.ms,
    verifyWorkerMs: workerMs,
    verifyWorkerAloneMs: workerAloneMs,
  };
}
