import { pathToFileURL } from 'node:url';
import { lookup } from '../shared/code';
import type { RewardPunishment } from '../shared/domain/cadre';
import type { PersonalMattersReport, SupervisionAction } from '../shared/domain/supervision';
import { cadreBlocks } from '../shared/rules/blocks';
import { drawReports, dueList, type Levels } from '../shared/rules/personalMatters';
import { firstBrokenLink, nextEntry, type ChainEntry } from '../shared/rules/supervisionChain';
import { stat, type Row } from './measure';

// 管理监督 at scale (issue 15), the pure phases the screens run after reading their rows: this year's due list over
// 100,000 cadres (8,000 who must report, 10 years of reports), a 10 % draw, the blocking periods of every cadre,
// and the verification of a 1,000,000-entry log (recomputing every hash). Timed in Node over generated data; the
// IndexedDB reads in front of them are not included (the roster phases measure reads of this size).
// Run alone: `npx tsx bench/supervisionBench.ts [--smoke]` prints the figures as JSON.

export interface SupervisionBenchOptions {
  cadres: number;
  reporters: number;
  years: number;
  chainEntries: number;
  runs: number;
}

export const FULL: SupervisionBenchOptions = { cadres: 100_000, reporters: 8_000, years: 10, chainEntries: 1_000_000, runs: 3 };
export const SMOKE: SupervisionBenchOptions = { cadres: 2_000, reporters: 160, years: 3, chainEntries: 20_000, runs: 1 };

const LEVELS: Levels = { postLevel: (c) => lookup('postLevel', c)?.level, rank: (c) => lookup('rank', c)?.level };
const ME = 'b'.repeat(32);
const sync = (id: string) => ({ id, vv: { [ME]: 1 }, updatedAt: 0, updatedBy: { installationId: ME, operator: '基准' }, deleted: false });
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function generate(o: SupervisionBenchOptions, year: number) {
  const cadres = Array.from({ length: o.cadres }, (_, i) => ({
    id: `c${pad(i, 6)}`,
    deleted: false,
    status: '01',
    // the first `reporters` are 副处 and above; the rest 正科 and below
    postLevel: i < o.reporters ? (i % 4 === 0 ? '1A' : '1B') : i % 2 ? '2A' : '2B',
    rank: null as string | null,
  }));
  const reports: PersonalMattersReport[] = [];
  for (let y = year - o.years + 1; y <= year; y++) {
    for (let i = 0; i < o.reporters; i++) {
      // this year: 90 % have reported
      if (y === year && i % 10 === 9) continue;
      reports.push({
        ...sync(`p${y}-${i}`),
        cadreId: cadres[i]!.id,
        year: y,
        submitted: `${y}-01-${pad(1 + (i % 28))}`,
        familyItems: [],
        assetItems: [],
        checkKind: i % 10 === 0 ? 'random' : 'none',
        checkedOn: i % 10 === 0 ? `${y}-04-01` : null,
        checkedBy: '',
        result: i % 50 === 0 ? 'omitted' : i % 10 === 0 ? 'consistent' : 'pending',
        handling: i % 50 === 0 ? 'admonishment' : 'none',
        handledOn: i % 50 === 0 ? `${y}-05-01` : null,
        note: '',
      } as PersonalMattersReport);
    }
  }
  // one cadre in 20 has a 纪律处分 or 组织处理, one in 40 an admonishment
  const rewards = new Map<string, RewardPunishment[]>();
  const actions = new Map<string, SupervisionAction[]>();
  cadres.forEach((c, i) => {
    if (i % 20 === 0) {
      rewards.set(c.id, [
        { ...sync(`r${i}`), cadreId: c.id, kind: i % 40 ? 'discipline' : 'organizational', date: `${year - 1}-03`, title: '党内警告', issuer: '', effectiveFrom: `${year - 1}-03`, effectiveTo: null, revoked: null } as RewardPunishment,
      ]);
    }
    if (i % 40 === 0) {
      actions.set(c.id, [
        { ...sync(`a${i}`), cadreId: c.id, kind: 'admonishment', date: `${year}-09-10`, reason: '诫勉', by: '', replyDue: null, replyReceived: null, conclusion: '', months: null, revoked: null, clueId: '' } as SupervisionAction,
      ]);
    }
  });
  const reportsByCadre = new Map<string, PersonalMattersReport[]>();
  for (const r of reports) reportsByCadre.set(r.cadreId, [...(reportsByCadre.get(r.cadreId) ?? []), r]);
  return { cadres, reports, rewards, actions, reportsByCadre };
}

/** A log of `n` entries, a page at a time (a page is what the renderer reads in one go). */
function* chainPages(n: number, page: number): Generator<ChainEntry[]> {
  let last: ChainEntry | undefined;
  for (let start = 0; start < n; start += page) {
    const out: ChainEntry[] = [];
    for (let i = start; i < Math.min(n, start + page); i++) {
      last = nextEntry(last, { at: 1_700_000_000_000 + i, table: 'personalMatters', recordId: `p-${i % 80_000}`, action: i % 7 ? 'update' : 'create', digest: 'a'.repeat(64), by: '李明' });
      out.push(last);
    }
    yield out;
  }
}

export function supervisionBench(o: SupervisionBenchOptions): { rows: Row[]; figures: Record<string, unknown> } {
  const year = 2026;
  const today = `${year}-11-30`;
  const data = generate(o, year);
  const reportsOfYear = data.reports.filter((r) => r.year === year);
  const due: number[] = [];
  const draw: number[] = [];
  const blocks: number[] = [];
  const verify: number[] = [];
  let dueRows = 0;
  let drawn = 0;
  let blocked = 0;
  for (let run = 0; run < o.runs; run++) {
    let t = performance.now();
    const rows = dueList(data.cadres, reportsOfYear, year, today, LEVELS);
    due.push(performance.now() - t);
    dueRows = rows.length;

    t = performance.now();
    drawn = drawReports(reportsOfYear.map((r) => r.cadreId), 10, `${year}-bench${run}`).length;
    draw.push(performance.now() - t);

    t = performance.now();
    blocked = 0;
    for (const c of data.cadres) {
      const b = cadreBlocks({ rewards: data.rewards.get(c.id) ?? [], actions: data.actions.get(c.id) ?? [], reports: data.reportsByCadre.get(c.id) ?? [] });
      if (b.some((p) => p.from <= today && today <= p.to)) blocked++;
    }
    blocks.push(performance.now() - t);

    // generating the log is not timed, only its verification, page by page
    let spent = 0;
    let previous: ChainEntry | undefined;
    for (const page of chainPages(o.chainEntries, 20_000)) {
      t = performance.now();
      if (firstBrokenLink(page, previous)) throw new Error('the generated log is broken');
      spent += performance.now() - t;
      previous = page.at(-1);
    }
    verify.push(spent);
  }
  const k = (n: number) => n.toLocaleString('en');
  return {
    rows: [
      { name: `监督管理：本年度应报名单（${k(o.cadres)} 名干部，${k(o.reporters)} 人应报，${o.years} 年报告）`, unit: 'ms', stat: stat(due), target: 500 },
      { name: `监督管理：随机抽查 10%（${k(reportsOfYear.length)} 份报告中抽 ${k(drawn)} 份）`, unit: 'ms', stat: stat(draw), target: 200 },
      { name: `监督管理：全部 ${k(o.cadres)} 名干部的影响期`, unit: 'ms', stat: stat(blocks), target: 1_000 },
      { name: `监督管理：校验 ${k(o.chainEntries)} 条日志`, unit: 'ms', stat: stat(verify), target: 10_000 },
    ],
    figures: { dueRows, drawn, blockedToday: blocked, reports: data.reports.length },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = supervisionBench(process.argv.includes('--smoke') ? SMOKE : FULL);
  console.log(JSON.stringify({ rows: result.rows.map((r) => ({ name: r.name, medianMs: r.stat.median, min: r.stat.min, max: r.stat.max, runs: r.stat.runs, targetMs: r.target })), figures: result.figures }, null, 2));
}
