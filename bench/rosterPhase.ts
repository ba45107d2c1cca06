import type { Page } from '@playwright/test';
import type { Installation } from '../test/e2e/fixture';
import { choose, openDialog } from '../test/e2e/ui';
import { stat, type Row } from './measure';
import { profiled } from './profiled';

// The roster's own figures (issue 9) on their own, for `BENCH_PHASE=roster` (bench/alone.ts): over the district
// the harness has loaded, the cold start, the first rows from another page, the stroke-order sorts and a search
// keystroke, as roster.bench.ts measures them; then the app's bulk loader against plain IndexedDB put of the same
// rows, the app's demo load without its screen (cadres and 培养历练 apart), and 本机设置 → 载入 as a user does it.
// Numbers are printed, never asserted.

type LoadHow = 'app' | 'rawKept' | 'rawSets';
type Bench = {
  cadreDeskBench: {
    load(o: object): Promise<{ ms: number; records: number }>;
    demo(o: object): Promise<{ ms: number; cadresMs: number; records: number }>;
    close(): void;
  };
};

export async function deleteDatabases(page: Page, names: string[]): Promise<void> {
  await page.evaluate(async (list) => {
    for (const n of list) {
      await new Promise((ok) => {
        const r = indexedDB.deleteDatabase(n);
        r.onsuccess = r.onerror = r.onblocked = () => ok(null);
      });
    }
  }, names);
}

/** Time from the first input event of `act` to the next change of `selector`'s text, measured in the page. */
export async function timeUntilChange(page: Page, selector: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __t0?: number; __took?: { ms: number } };
    delete w.__t0;
    delete w.__took;
    const target = document.querySelector(sel)!;
    const before = target.textContent;
    const start = (e: Event) => {
      w.__t0 ??= e.timeStamp || performance.now();
    };
    for (const type of ['keydown', 'input', 'mousedown', 'click']) document.addEventListener(type, start, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      const now = document.querySelector(sel);
      if (now && now.textContent !== before && w.__t0 !== undefined) {
        observer.disconnect();
        w.__took = { ms: performance.now() - w.__t0 };
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, selector);
  await act();
  return took(page);
}

/**
 * The time a measurement above left in the page, once it is there. Polled rather than awaited as a page promise:
 * a promise awaited across the DevTools protocol is held weakly, and one CI run failed with "Resulting promise was
 * garbage collected".
 */
async function took(page: Page): Promise<number> {
  const box = await page.waitForFunction(() => (window as unknown as { __took?: { ms: number } }).__took);
  return ((await box.jsonValue()) as { ms: number }).ms;
}

/** Time from the first mousedown of `act` until `selector` matches an element, measured in the page. */
export async function timeUntilPresent(page: Page, selector: string, act: () => Promise<void>): Promise<number> {
  await page.evaluate((sel) => {
    const w = window as unknown as { __t0?: number; __took?: { ms: number } };
    delete w.__t0;
    delete w.__took;
    document.addEventListener('mousedown', (e) => (w.__t0 ??= e.timeStamp), { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (document.querySelector(sel) && w.__t0 !== undefined) {
        observer.disconnect();
        w.__took = { ms: performance.now() - w.__t0 };
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
  }, selector);
  await act();
  return took(page);
}

export interface RosterPhaseOptions {
  baseUrl: string;
  benchPage: string;
  cadres: number;
  runs: number;
  heavyRuns: number;
  installationId: string;
  full: boolean;
  /** stop after the roster's figures (no loaders, no demo load) */
  rosterOnly?: boolean;
}

export async function rosterPhase(installation: Installation, o: RosterPhaseOptions): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const page = installation.page;
  const rows: Row[] = [];
  const coldStart: number[] = [];
  const liveStart: number[] = [];
  const snapshotPaint: number[] = [];
  const firstRows: number[] = [];
  const firstSort: number[] = [];
  // a session before: the roster's default view looked at for a moment, so its first screen is kept as the snapshot
  // a start paints first (renderer/features/roster/snapshot.ts); the runs below leave it in place (no writes)
  await page.goto(`${o.baseUrl}/index.html#/roster`);
  await page.getByTestId('roster-count').filter({ hasText: /^共/ }).waitFor({ timeout: 120_000 });
  await page.waitForFunction(() => localStorage.getItem('cadredesk.rosterSnapshot') !== null, null, { timeout: 30_000 });
  const snapshotChars = await page.evaluate(() => localStorage.getItem('cadredesk.rosterSnapshot')!.length);
  // notes when the boot script put the snapshot in, until the page has loaded
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector('[data-snapshot]')) return;
      (window as unknown as { snapshotAt?: number }).snapshotAt = performance.now();
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
    addEventListener('load', () => observer.disconnect());
  });
  for (let i = 0; i < o.runs; i++) {
    await page.goto('about:blank');
    const t0 = Date.now();
    // not waiting for the load event: the first rows may be the snapshot, painted before the app's scripts have run
    await page.goto(`${o.baseUrl}/index.html#/roster`, { waitUntil: 'commit' });
    // a row of the snapshot (its test ids are kept under data-snapshot-testid) or of the live roster
    await page.locator('[data-snapshot-testid="roster-row"], [data-testid="roster-row"]').first().waitFor({ timeout: 120_000 });
    coldStart.push(Date.now() - t0);
    // the first row the live roster drew (not the snapshot's, renderer/features/roster/snapshot.ts): from here it
    // takes clicks and keys
    await page.waitForFunction(() => document.querySelector('[data-testid="roster-row"]') !== null, null, { timeout: 120_000, polling: 'raf' });
    liveStart.push(Date.now() - t0);
    // when the snapshot reached the screen: the page's first contentful paint, if the snapshot was there by then
    // (Playwright sees the row only once the main thread is free, often after the app's scripts have run)
    snapshotPaint.push(
      await page.evaluate((start) => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const shownAt = (window as unknown as { snapshotAt?: number }).snapshotAt;
        return paint && shownAt !== undefined && shownAt <= paint.startTime ? performance.timeOrigin + paint.startTime - start : NaN;
      }, t0),
    );
    // the whole roster, not only its first screen, before the next steps
    await page.getByTestId('roster-count').filter({ hasText: /^共/ }).waitFor({ timeout: 120_000 });
    await page.getByRole('menuitem', { name: '单位管理' }).click();
    await page.getByTestId('unit-tree').waitFor();
    firstRows.push(await timeUntilPresent(page, '[data-testid="roster-row"]', () => page.getByRole('menuitem', { name: '干部名册' }).click()));
    await page.getByLabel('排序').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="姓氏笔画"]');
    await option.waitFor();
    firstSort.push(await timeUntilChange(page, '[data-testid="roster-row"]', () => option.click()));
  }
  rows.push({ name: '名册首行（冷启动：打开页面到首行）', unit: 'ms', stat: stat(coldStart), target: 1_000 });
  rows.push({ name: '名册可操作（冷启动：打开页面到实时首行，非快照）', unit: 'ms', stat: stat(liveStart) });
  rows.push({ name: '名册首行（从其他页面进入名册）', unit: 'ms', stat: stat(firstRows), target: 500 });
  rows.push({ name: '按姓氏笔画排序（页面打开后第一次）', unit: 'ms', stat: stat(firstSort), target: 200 });

  const search = page.getByLabel('快速查找');
  const full = (await page.getByTestId('roster-count').textContent())!;
  const queries = ['z', 'w', 'l', 'c', 'y', 'h'];
  const keystroke: number[] = [];
  await profiled(page, 'keystroke', async () => {
    for (let i = 0; i < o.runs; i++) {
      await search.fill('');
      await page.getByTestId('roster-count').filter({ hasText: full }).waitFor();
      keystroke.push(await timeUntilChange(page, '[data-testid="roster-count"]', () => search.pressSequentially(queries[i % queries.length]!)));
    }
  });
  await search.fill('');
  rows.push({ name: '快速查找（一次按键）', unit: 'ms', stat: stat(keystroke), target: 50 });

  const sort: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    for (const [label, measure] of [['单位顺序', false], ['姓氏笔画', true]] as const) {
      await page.getByLabel('排序').click();
      const option = page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`);
      await option.waitFor();
      if (!measure) await option.click();
      else sort.push(await timeUntilChange(page, '[data-testid="roster-row"]', () => option.click()));
    }
  }
  rows.push({ name: '按姓氏笔画排序（再次切换）', unit: 'ms', stat: stat(sort), target: 200 });
  // BENCH_ROSTER_ONLY=1: the roster's own figures, without the loaders' 25 minutes at 100,000 cadres
  if (o.rosterOnly) return { rows, figures: { snapshotChars, snapshotPaint } };

  // the loaders, in the bench page: the app's against plain put of the same rows, then the demo load's parts
  await page.goto(o.benchPage);
  const times: Record<LoadHow, number[]> = { app: [], rawKept: [], rawSets: [] };
  let records = 0;
  for (let i = 0; i < o.heavyRuns; i++) {
    for (const how of ['app', 'rawKept', 'rawSets'] as const) {
      await page.evaluate(() => (window as unknown as Bench).cadreDeskBench.close());
      await deleteDatabases(page, ['cadredesk', 'bench-rawKept', 'bench-rawSets']);
      await page.reload();
      const r = await page.evaluate((opts) => (window as unknown as Bench).cadreDeskBench.load(opts), { how, cadres: o.cadres, seed: 20261124, installationId: o.installationId, batch: 5000 });
      times[how].push(r.ms);
      records = r.records;
    }
  }
  rows.push({
    name: `加载 ${o.cadres} 名干部（${records} 条记录，应用）`,
    unit: 'ms',
    stat: stat(times.app),
    baseline: { name: 'IndexedDB put，应用存储的同样的行（同样的库表、索引与保留表）', stat: stat(times.rawKept) },
  });
  rows.push({ name: '  参考：IndexedDB put，仅干部与档案行、无索引（旧基准）', unit: 'ms', stat: stat(times.rawSets) });
  const demo = await demoLoadRows(page, o);
  rows.push(...demo.rows);

  rows.push(...(await demoScreenRows(page, o)));
  return { rows, figures: { snapshotChars, snapshotPaint, records, demoRecords: demo.records, loaderRatio: stat(times.app).median / stat(times.rawKept).median, ratioToOldBaseline: stat(times.app).median / stat(times.rawSets).median } };
}

/**
 * 本机设置 → 载入, from the click until the result shows (generation, the progress bar, 培养历练 included): the
 * issue's figure, each run into a new database; and until the screen says its second step, the 培养历练, began (the
 * cadres and their dossiers alone, which is all the load held when the issue set its figure).
 */
export async function demoScreenRows(page: Page, o: Pick<RosterPhaseOptions, 'baseUrl' | 'benchPage' | 'cadres' | 'heavyRuns' | 'full'>): Promise<Row[]> {
  const ui: number[] = [];
  const stepOne: number[] = [];
  const size = `${o.cadres.toLocaleString('en')} 名干部`;
  for (let i = 0; i < o.heavyRuns; i++) {
    await page.goto(o.benchPage);
    await page.evaluate(() => (window as unknown as Bench).cadreDeskBench.close());
    await deleteDatabases(page, ['cadredesk']);
    await page.goto(`${o.baseUrl}/index.html#/settings`);
    const card = page.getByTestId('demo-card');
    if (o.cadres !== 1_000) await choose(page, card, '演示数据规模', size);
    await page.getByTestId('demo-load').click();
    const dialog = await openDialog(page);
    // when the screen first says step 2 (the 培养历练): the cadres and their dossiers are in, their facts written
    await page.evaluate(() => {
      const w = window as unknown as { __t0?: number; __stepTwo?: number };
      delete w.__stepTwo;
      const observer = new MutationObserver(() => {
        if (w.__t0 === undefined || !document.querySelector('[data-testid="demo-progress-text"]')?.textContent?.includes('第 2 步')) return;
        w.__stepTwo = performance.now() - w.__t0;
        observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    ui.push(await profiled(page, `demo-screen-${i + 1}`, () => timeUntilPresent(page, '[data-testid="demo-result"]', () => dialog.getByRole('button', { name: '载入' }).click())));
    await page.getByTestId('demo-result').filter({ hasText: size.replace(' 名干部', '') }).waitFor();
    const two = await page.evaluate(() => (window as unknown as { __stepTwo?: number }).__stepTwo);
    if (two !== undefined) stepOne.push(two);
  }
  return [
    { name: `本机设置载入 ${o.cadres} 名演示干部（含生成与进度条）`, unit: 'ms', stat: stat(ui), target: o.full ? 45_000 : undefined },
    ...(stepOne.length ? [{ name: '  其中第 1 步：干部与档案（至界面显示第 2 步）', unit: 'ms', stat: stat(stepOne) }] : []),
  ];
}

/**
 * The app's demo load without its screen, in the bench page (cadres and 培养历练 apart), each run into a new
 * database; with BENCH_PROFILE, each run's CPU profile of the page (bench/profiled.ts).
 */
export async function demoLoadRows(page: Page, o: Pick<RosterPhaseOptions, 'benchPage' | 'cadres' | 'heavyRuns' | 'installationId'>): Promise<{ rows: Row[]; records: number }> {
  await page.goto(o.benchPage);
  const demo: { ms: number[]; cadresMs: number[]; records: number } = { ms: [], cadresMs: [], records: 0 };
  for (let i = 0; i < o.heavyRuns; i++) {
    await page.evaluate(() => (window as unknown as Bench).cadreDeskBench.close());
    await deleteDatabases(page, ['cadredesk', 'bench-rawKept', 'bench-rawSets']);
    await page.reload();
    const d = await profiled(page, `demo-${i + 1}`, () =>
      page.evaluate((opts) => (window as unknown as Bench).cadreDeskBench.demo(opts), { cadres: o.cadres, installationId: o.installationId }),
    );
    demo.ms.push(d.ms);
    demo.cadresMs.push(d.cadresMs);
    demo.records = d.records;
  }
  const rows: Row[] = [
    { name: `演示数据载入（不含界面，${demo.records} 条记录）`, unit: 'ms', stat: stat(demo.ms) },
    { name: '  其中干部与档案', unit: 'ms', stat: stat(demo.cadresMs) },
    { name: '  其中培养历练', unit: 'ms', stat: stat(demo.ms.map((ms, i) => ms - demo.cadresMs[i]!)) },
  ];
  return { rows, records: demo.records };
}
