import type { Page } from '@playwright/test';
import type { Installation } from '../test/e2e/fixture';
import { stat, type Row } from './measure';
import { profiled } from './profiled';

// 选拔任用 at scale (issue 16), through the screens on the cadres already loaded: the district's vacancy table
// (every unit given an establishment first), the eligibility list of the whole district as of a month, and the
// candidate search with a combined sentence. Each is timed in the page, from the click to the result on screen
// (reading the dossiers, the rules and the first page of rows rendered). The first run of each also reads from
// IndexedDB what the window then keeps in memory (every cadre for the roster's index, every dossier's facts):
// it is reported on its own row as well, and every run reads the small tables (establishments, pools, cases,
// supervision records) from IndexedDB again.

/** Time from the next mousedown to the first element matching `selector`, measured in the page. */
async function clickUntil(page: Page, selector: string, click: () => Promise<void>): Promise<number> {
  await page.evaluate(
    ({ sel, mark }) => {
      const w = window as unknown as { __selT0?: number; __selDone?: Promise<number> };
      // when profiling: a millisecond of work in a function of this name at each end, so the profile's summary
      // can keep only the samples between them
      const benchWindowEdge = () => {
        const t = performance.now();
        while (mark && performance.now() - t < 1);
      };
      delete w.__selT0;
      document.addEventListener('mousedown', (e) => ((w.__selT0 ??= e.timeStamp), benchWindowEdge()), { capture: true, once: true });
      w.__selDone = new Promise((ok) => {
        const observer = new MutationObserver(() => {
          if (document.querySelector(sel) && w.__selT0 !== undefined) {
            observer.disconnect();
            ok(performance.now() - w.__selT0);
            benchWindowEdge();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true });
      });
    },
    { sel: selector, mark: !!process.env.BENCH_PROFILE },
  );
  await click();
  return page.evaluate(() => (window as unknown as { __selDone: Promise<number> }).__selDone);
}

/** One establishment per unit, written straight into the app's database (as a bundle from the department would). */
async function seedEstablishments(page: Page, origin: string): Promise<number> {
  return page.evaluate(
    (installationId) =>
      new Promise<number>((ok, fail) => {
        const request = indexedDB.open('cadredesk');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const units = db.transaction('units').objectStore('units').getAllKeys();
          units.onerror = () => fail(units.error);
          units.onsuccess = () => {
            const tx = db.transaction('establishments', 'readwrite');
            units.result.forEach((unitId, i) => {
              tx.objectStore('establishments').put({
                id: `bench-establishment-${String(unitId)}`,
                unitId,
                administrative: 20 + (i % 30),
                institutional: i % 10,
                chiefCounty: i % 3 === 0 ? 1 : 0,
                deputyCounty: i % 3 === 0 ? 3 : 0,
                chiefSection: 2 + (i % 4),
                deputySection: 3 + (i % 5),
                approvedBy: '',
                approvedOn: null,
                vv: { [installationId]: 1 },
                updatedAt: 0,
                updatedBy: { installationId, operator: '基准测试' },
                deleted: false,
              });
            });
            tx.oncomplete = () => {
              db.close();
              ok(units.result.length);
            };
            tx.onerror = () => fail(tx.error);
          };
        };
      }),
    origin,
  );
}

export async function selectionBench(installation: Installation, o: { baseUrl: string; runs: number; origin: string; asOf: string }): Promise<{ rows: Row[]; figures: Record<string, unknown> }> {
  const page = installation.page;
  await page.goto(`${o.baseUrl}/index.html#/selection?view=cases`);
  const units = await seedEstablishments(page, o.origin);
  await page.reload();
  const view = (label: string) => page.locator('.ant-segmented').getByText(label, { exact: true });
  await view('选任纪实').waitFor();
  const vacancy: number[] = [];
  const eligibility: number[] = [];
  const search: number[] = [];
  let eligibleText = '';
  let searchText = '';
  for (let i = 0; i < o.runs; i++) {
    await view('选任纪实').click();
    vacancy.push(await profiled(page, `vacancy-${i}`, () => clickUntil(page, '[data-testid^="vacancy-"]', () => view('职数空缺').click())));

    await view('职级晋升').click();
    await page.getByLabel('计算时间').fill(o.asOf);
    eligibility.push(await clickUntil(page, '[data-testid="eligibility-summary"]', () => page.getByRole('button', { name: '生成符合条件名单' }).click()));
    eligibleText = (await page.getByTestId('eligibility-summary').textContent()) ?? '';

    await view('干部库与人选查找').click();
    await page.getByLabel('组合条件').fill('40岁以下正科, 大学, 近三年考核有优秀');
    search.push(await clickUntil(page, '[data-testid="search-count"]', () => page.getByRole('button', { name: '查找人选' }).click()));
    searchText = (await page.getByTestId('search-count').textContent()) ?? '';
  }
  return {
    rows: [
      { name: `选拔任用：全区职数空缺表（${units} 个单位）`, unit: 'ms', stat: stat(vacancy), target: 500 },
      { name: `选拔任用：全区职级晋升符合条件名单（${o.asOf}）`, unit: 'ms', stat: stat(eligibility), target: 2_000 },
      { name: '选拔任用：人选查找（40岁以下正科、大学、近三年有优秀）', unit: 'ms', stat: stat(search), target: 500 },
      { name: '  首次职数空缺表（含读入全部干部）', unit: 'ms', stat: stat(vacancy.slice(0, 1)) },
      { name: '  首次符合条件名单（含读入全部档案的任职、考核、奖惩）', unit: 'ms', stat: stat(eligibility.slice(0, 1)) },
      { name: '  首次人选查找', unit: 'ms', stat: stat(search.slice(0, 1)) },
    ],
    figures: { units, eligibility: eligibleText, search: searchText },
  };
}
