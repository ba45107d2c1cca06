import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { LATEST_VERSION, schemaVersions } from '../../renderer/db/schema';
import { Installation, test, expect, screenshot } from './fixture';

// Issue 11, "a start-up that never strands the user": a page that throws, a database from a newer program, and
// the storage figures of 本机设置 — through the real UI, with IndexedDB read directly to prove nothing changed.

const SCREEN = { width: 1366, height: 768 };

/**
 * How a page is made to throw without shipping a crash switch: a record the dossier cannot draw. A birth month
 * written as "1975年3月" instead of "1975-03" is what a hand-edited or foreign bundle could carry; the roster copes
 * (it checks the month), the dossier's header computes an age from it and throws while rendering. Seeded behind
 * the app's back with seedRecords, as a bundle would arrive. (If the dossier learns to show such a month, seed
 * another value it cannot render.)
 */
const BROKEN_BIRTH = '1975年3月';

test('a page that throws shows what failed and a report, and the way back to the roster works', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.setViewportSize(SCREEN);
  await installation.seedRecords('units', [Installation.record({ id: 'u-org', parentId: null, name: '区委组织部', order: 0 })]);
  const cadre = sampleCadre({ unitId: 'u-org', name: '王芳', birth: BROKEN_BIRTH });
  await installation.seedRecords('cadres', [cadre]);

  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByTestId('roster-row').filter({ hasText: '王芳' }).dblclick();
  const failure = page.getByTestId('page-error');
  await expect(failure).toBeVisible();
  await expect(failure).toContainText('“干部档案”页面出错，未能显示');
  await expect(page.getByTestId('page-error-message')).toContainText(BROKEN_BIRTH);
  // the window is not white: the shell around the page still works
  await expect(page.getByTestId('header-installation')).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '本机设置' })).toBeVisible();

  const report = await page.getByTestId('error-report').inputValue();
  expect(report).toContain('程序版本：0.0.0-test');
  expect(report).toContain('位置：干部档案（#/cadre?id=…）');
  expect(report).toContain(BROKEN_BIRTH);
  expect(report).toMatch(/时间：\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
  expect(report).not.toContain(cadre.id); // parameter values stay out
  expect(report).not.toContain(cadre.idNumber);

  await installation.context!.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: '复制错误报告' }).click();
  await expect(page.getByText('已复制错误报告')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(report);
  await screenshot(page, 'resilience-page-error');

  await page.getByRole('button', { name: '返回干部名册' }).click();
  await expect(failure).toBeHidden();
  await expect(page.getByTestId('roster-row').filter({ hasText: '王芳' })).toBeVisible();

  // a route change resets the boundary too: fail again, then leave through the menu
  await page.getByTestId('roster-row').filter({ hasText: '王芳' }).dblclick();
  await expect(failure).toBeVisible();
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(failure).toBeHidden();
  await expect(page.getByTestId('installation-info')).toBeVisible();
  // the broken record was only shown, never changed
  expect(await installation.readAll('cadres')).toEqual([cadre]);
});

test('a database from a newer program shows its screen and is left exactly as it was', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.setViewportSize(SCREEN);
  const unit = Installation.record({ id: 'u-org', parentId: null, name: '区委组织部', order: 0 });
  await installation.seedRecords('units', [unit]);
  await expect(page.getByTestId('header-installation')).toBeVisible();
  // a backup made before, with this program (本机设置 → 备份与恢复)
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await page.getByTestId('backup-card').getByRole('button', { name: '立即备份' }).click();
  const ask = page.getByRole('dialog').filter({ hasText: '设置备份口令' });
  await ask.getByRole('button', { name: '生成口令' }).click();
  const passphrase = (await ask.getByTestId('generated-passphrase').textContent())!.trim();
  const backupFile = path.join(installation.root, '备份.cadre');
  installation.answerNextDialog([backupFile]);
  await ask.getByRole('button', { name: '选择保存位置并备份' }).click();
  await expect(page.getByText(/备份完成并已通过读回校验/)).toBeVisible();

  // A newer program upgrades the database while this window has it open. Dexie stores schema version N as native
  // IndexedDB version 10·N, so "newer" must be compared there: a raw LATEST+10 would be an *older* version.
  const newerNative = (LATEST_VERSION + 10) * 10;
  await page.evaluate(
    (version) =>
      new Promise<void>((ok, fail) => {
        const request = indexedDB.open('cadredesk', version);
        request.onupgradeneeded = () => request.result.createObjectStore('recordsOfTheFuture').put('kept', 'k');
        request.onsuccess = () => {
          request.result.close();
          ok();
        };
        request.onerror = () => fail(request.error);
      }),
    newerNative,
  );
  // this window let go of the database so the upgrade could run, and says so
  const screen = page.getByTestId('database-problem');
  await expect(screen).toHaveAttribute('data-kind', 'versionchange');
  await expect(screen).toContainText('本机数据库已被另一个窗口升级或更换');
  await screenshot(page, 'resilience-database-versionchange');

  // Starting this program again on that database: the newer-schema screen, not a white window, nothing deleted.
  await page.reload();
  await expect(screen).toHaveAttribute('data-kind', 'newer');
  await expect(screen).toContainText('本机数据库来自更新版本的程序');
  await expect(screen).toContainText(`数据库版本 ${LATEST_VERSION + 10}，本程序只支持到版本 ${LATEST_VERSION}`);
  await expect(screen).toContainText('程序没有删除或改动本机数据库中的任何数据');
  await expect(screen.getByTestId('restore-hint')).toContainText('现在这个数据库原样保留');
  await expect(page.getByTestId('header-installation')).toBeHidden();
  await screenshot(page, 'resilience-database-newer');
  const untouched = async () => {
    const listed = (await page.evaluate(() => indexedDB.databases())).find((d) => d.name === 'cadredesk');
    expect(listed?.version).toBe(newerNative);
    const kept = await page.evaluate(
      () =>
        new Promise<unknown[]>((ok, fail) => {
          const request = indexedDB.open('cadredesk');
          request.onerror = () => fail(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction('recordsOfTheFuture').objectStore('recordsOfTheFuture').getAll();
            all.onsuccess = () => (request.result.close(), ok(all.result));
          };
        }),
    );
    expect(kept).toEqual(['kept']);
  };
  await untouched();

  // the way out: restore the backup into a fresh database; the newer one stays exactly as it was
  installation.answerNextDialog([backupFile]);
  await screen.getByRole('button', { name: '从备份恢复' }).click();
  const phrase = page.getByRole('dialog').filter({ hasText: '输入备份口令' });
  await phrase.getByLabel('口令').fill(passphrase);
  await phrase.getByRole('button', { name: '校验备份' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '用这个备份替换本机的全部数据？' });
  await expect(confirm).toContainText('无法打开的本机数据库会原样保留');
  await confirm.getByRole('button', { name: '恢复' }).click();
  const done = page.getByRole('dialog').filter({ hasText: '恢复完成' });
  await done.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('header-installation')).toBeVisible();
  expect(await installation.readAll('units')).toEqual([unit]);
  await untouched();
});

/** The object stores of schema `version` as Dexie declares them: name → [primary key, ...indexes]. */
function storesAt(version: number): Record<string, string[]> {
  const stores: Record<string, string[]> = {};
  for (const v of schemaVersions.filter((x) => x.version <= version)) {
    for (const [name, spec] of Object.entries(v.stores)) {
      if (spec === null) delete stores[name];
      else stores[name] = spec.split(',').map((part) => part.trim());
    }
  }
  return stores;
}

test('an older database held open by another window: start-up waits visibly, then goes on by itself', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.setViewportSize(SCREEN);
  // Another window of the same origin (a plain stylesheet page, so no app code runs in it) replaces the database
  // with one of the previous schema and keeps its connection open, ignoring versionchange — as an old program
  // still running would. This window's app lets go of the database so the replacement can happen.
  const stylesheet = await page.evaluate(() => document.querySelector<HTMLLinkElement>('link[rel=stylesheet]')!.href);
  const other = await installation.context!.newPage();
  await other.goto(stylesheet);
  const previous = LATEST_VERSION - 1;
  await other.evaluate(
    ([native, stores]) =>
      new Promise<void>((ok, fail) => {
        const deletion = indexedDB.deleteDatabase('cadredesk');
        deletion.onerror = () => fail(deletion.error);
        deletion.onsuccess = () => {
          const request = indexedDB.open('cadredesk', native);
          request.onupgradeneeded = () => {
            for (const [name, [key, ...indexes]] of Object.entries(stores)) {
              // Dexie's index syntax: &unique, *multi-entry, [compound+key]
              const bare = (spec: string) => spec.replace(/^[&*]/, '');
              const path = (spec: string) => (bare(spec).startsWith('[') ? bare(spec).slice(1, -1).split('+') : bare(spec));
              const store = request.result.createObjectStore(name, { keyPath: path(key!) });
              for (const index of indexes) store.createIndex(bare(index), path(index), { unique: index.startsWith('&'), multiEntry: index.startsWith('*') });
            }
          };
          request.onsuccess = () => {
            (window as unknown as { held: IDBDatabase }).held = request.result;
            ok();
          };
          request.onerror = () => fail(request.error);
        };
      }),
    [previous * 10, storesAt(previous)] as const,
  );
  const screen = page.getByTestId('database-problem');
  await expect(screen).toHaveAttribute('data-kind', 'versionchange');

  // This program starts again and must upgrade the database, but the other window holds it.
  await page.reload();
  await expect(screen).toHaveAttribute('data-kind', 'blocked');
  await expect(screen).toContainText('正在等待其他窗口让出本机数据库');
  await expect(screen).toContainText('关闭后本窗口会自动继续');
  await screenshot(page, 'resilience-database-blocked');

  // The other window closes its connection: the upgrade runs and the app appears, with no click.
  await other.evaluate(() => (window as unknown as { held: IDBDatabase }).held.close());
  await expect(page.getByTestId('header-installation')).toBeVisible();
  await expect(screen).toBeHidden();
  const version = await page.evaluate(async () => (await indexedDB.databases()).find((d) => d.name === 'cadredesk')?.version);
  expect(version).toBe(LATEST_VERSION * 10);
  await other.close();
});

test('本机设置 shows the storage used, the quota and whether storage is persistent', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.setViewportSize(SCREEN);
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  const card = page.getByTestId('storage-card');
  await expect(card).toBeVisible();
  const browser = await page.evaluate(async () => {
    const { usage, quota } = await navigator.storage.estimate();
    return { usage: usage ?? 0, quota: quota ?? 0, persisted: await navigator.storage.persisted() };
  });
  expect(browser.quota).toBeGreaterThan(0);
  const size = /^\d+(\.\d)? (B|KB|MB|GB|TB)$/;
  await expect(card.getByTestId('storage-usage')).toHaveText(size);
  await expect(card.getByTestId('storage-quota')).toHaveText(size);
  // the quota shown is the browser's figure, in the card's units
  const shownQuota = (await card.getByTestId('storage-quota').textContent())!;
  const [value, unit] = shownQuota.split(' ') as [string, string];
  const scale = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }[unit]!;
  expect(Math.abs(Number(value) * scale - browser.quota) / browser.quota).toBeLessThan(0.01);
  await expect(card.getByTestId('storage-persisted')).toHaveText(
    browser.persisted ? /已设为持久保存/ : /未获持久保存许可/,
  );
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'resilience-storage-card');
});
