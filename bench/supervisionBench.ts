import type { Page } from '@playwright/test';
import { stat, type Row } from './measure';

// 管理监督 at scale (issue 15), on the bench page over the cadres already loaded (bench/supervisionPage.ts does the
// work): ten years of personal-matters reports of 8,000 of those the reporting rule names, admonishments and findings,
// stored with a hash-chained log of `chainEntries` entries through the area's bulk path; then this year's due list
// (target ≤ 500 ms), a 10 % draw (≤ 200 ms), every cadre's blocking periods on a day (≤ 1 s) and the verification of
// the whole log (≤ 10 s), each timed in the page with its IndexedDB reads.

export interface SupervisionBenchOptions {
  years: number;
  /** How many of those the reporting rule names have reports (the issue: 8,000 of 100,000). */
  reporters: number;
  chainEntries: number;
  runs: number;
  verifyRuns: number;
}

export const FULL: SupervisionBenchOptions = { years: 10, reporters: 8_000, chainEntries: 1_000_000, runs: 5, verifyRuns: 3 };
export const SMOKE: SupervisionBenchOptions = { years: 2, reporters: 80, chainEntries: 5_000, runs: 2, verifyRuns: 1 };

type BenchWindow = {
  cadreDeskBench: {
    supervisionLoad(o: object): Promise<{ ms: number; mustReport: number; reporters: number; reports: number; actions: number; findings: number; entries: number }>;
    supervisionMeasure(o: object): Promise<{
      due: number[];
      firstDue: number;
      dueRows: number;
      dueSubmitted: number;
      draw: number[];
      drawRead: number[];
      drawn: number;
      saveDraw: number;
      blocks: number[];
      firstBlocks: number;
      cadres: number;
      blocked: number;
      verify: number[];
      verified: number;
      verifyReadMs: number;
      verifyHashMs: number;
      verifyRecords: number;
      verifyRecordsReadMs: number;
      verifyRecordsDigestMs: number;
      verifyInThread: number[];
      verifyWideReads: number[];
      verifyWorkerMs: number[];
      verifyWorkerAloneMs: number;
    }>;
  };
};

export async function supervisionBench(page: Page, o: SupervisionBenchOptions & { installationId: string }): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const year = 2026;
  const loaded = await page.evaluate(
    (options) => (window as unknown as BenchWindow).cadreDeskBench.supervisionLoad(options),
    { installationId: o.installationId, year, years: o.years, reporters: o.reporters, chainEntries: o.chainEntries, batch: 2_000 },
  );
  const m = await page.evaluate(
    (options) => (window as unknown as BenchWindow).cadreDeskBench.supervisionMeasure(options),
    { year, today: `${year}-11-30`, runs: o.runs, verifyRuns: o.verifyRuns, self: o.installationId },
  );
  const k = (n: number) => n.toLocaleString('en');
  return {
    rows: [
      { name: `监督管理：本年度应报名单（${k(m.cadres)} 名干部，${k(m.dueRows)} 人应报，其中 ${k(loaded.reporters)} 人有 ${o.years} 年共 ${k(loaded.reports)} 份报告）`, unit: 'ms', stat: stat(m.due), target: 500 },
      { name: '  首次应报名单（含读入花名册索引）', unit: 'ms', stat: stat([m.firstDue]) },
      { name: `监督管理：随机抽查 10%（从应报名单已读入的本年度报告中抽取 ${k(m.drawn)} 人）`, unit: 'ms', stat: stat(m.draw), target: 200 },
      { name: '  同一抽取，先重新读入本年度报告', unit: 'ms', stat: stat(m.drawRead) },
      { name: `  保存抽查结果（${k(m.drawn)} 份报告标为随机抽查，逐条记入日志）`, unit: 'ms', stat: stat([m.saveDraw]) },
      { name: `监督管理：全部 ${k(m.cadres)} 名干部在 ${year}-11-30 的影响期（${k(m.blocked)} 人在影响期内）`, unit: 'ms', stat: stat(m.blocks), target: 1_000 },
      { name: '  首次影响期（含读入全部干部的任职、考核、奖惩摘要）', unit: 'ms', stat: stat([m.firstBlocks]) },
      { name: `监督管理：校验 ${k(m.verified)} 条日志（含与现存记录比对）`, unit: 'ms', stat: stat(m.verify), target: 10_000 },
      { name: '  同一校验，记录也在窗口线程中读入并摘要（不用工作线程）', unit: 'ms', stat: stat(m.verifyInThread) },
      { name: '  同一校验，每次读入 100 行日志（而非 10 行）', unit: 'ms', stat: stat(m.verifyWideReads) },
    ],
    figures: { storeMs: Math.round(loaded.ms), ...loaded, dueRows: m.dueRows, dueSubmitted: m.dueSubmitted, drawn: m.drawn, blocked: m.blocked, verified: m.verified, verifyReadMs: Math.round(m.verifyReadMs), verifyHashMs: Math.round(m.verifyHashMs), verifyRecords: m.verifyRecords, verifyRecordsReadMs: Math.round(m.verifyRecordsReadMs), verifyRecordsDigestMs: Math.round(m.verifyRecordsDigestMs), verifyWorkerMs: m.verifyWorkerMs.map(Math.round), verifyWorkerAloneMs: Math.round(m.verifyWorkerAloneMs) },
  };
}
