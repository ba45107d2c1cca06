import { choose, openDialog } from './ui';
import { test, expect } from './fixture';

test('demo data: 1,000 generated cadres load into an empty database with a progress bar, flagged everywhere, and are cleared again', async ({ installation }) => {
  // a load, a restart and a clear of 1,000 dossiers: more than the default minute on a busy 2-core machine
  test.setTimeout(150_000);
  await installation.completeFirstRun();
  const page = installation.page;
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);

  await page.getByRole('menuitem', { name: '本机设置' }).click();
  const card = page.getByTestId('demo-card');
  await expect(card).toContainText('不得用于实际工作');
  await choose(page, card, '演示数据规模', '1,000 名干部');
  await expect(page.getByTestId('demo-size')).toContainText('1,000 名干部');
  await page.getByTestId('demo-load').click();

  const dialog = await openDialog(page);
  await expect(dialog).toContainText('载入 1,000 名虚构干部？');
  await expect(dialog).toContainText('可在“本机设置 → 培训与演示数据”中点击“清除演示数据”');
  // every text the progress line shows, kept by the page itself: at 1,000 cadres the whole load takes about a
  // second, too short for a look from outside to be sure of catching each step
  await page.evaluate(() => {
    const seen: string[] = [];
    const w = window as unknown as { progressSeen: string[]; animated: boolean };
    w.progressSeen = seen;
    w.animated = false;
    const note = () => {
      const text = document.querySelector('[data-testid="demo-progress-text"]')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
      // no shimmer on the bar and no spinner on the button: repainted 60 times a second they took CPU from the load
      if (document.querySelector('[data-testid="demo-progress"].ant-progress-status-active, [data-testid="demo-load"].ant-btn-loading')) w.animated = true;
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await dialog.getByRole('button', { name: '载入' }).click();

  // Generous wait for slow machines: this is not a timing assertion.
  const done = /已载入 1,000 名干部（共 [\d,]+ 条记录），用时 [\d.]+ 秒/;
  await expect(page.locator('.ant-message')).toContainText(done, { timeout: 50_000 });
  // two steps, each with the bar: the cadres, then the 培养历练 (the bar does not stand full meanwhile)
  const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const step1 = seen.findIndex((t) => /第 1 步（共 2 步）：已载入 [\d,]+ \/ 1,000 名干部/.test(t));
  const step2 = seen.findIndex((t) => /第 2 步（共 2 步）：1,000 名干部已载入，正在载入培养历练记录（培训班、参训学员、挂职等），已完成 \d+%/.test(t));
  expect(step1, seen.join('\n')).toBeGreaterThanOrEqual(0);
  expect(step2, seen.join('\n')).toBeGreaterThan(step1);
  expect(await page.evaluate(() => (window as unknown as { animated: boolean }).animated)).toBe(false);

  await expect(page.getByTestId('demo-result')).toContainText(done);
  const bar = page.getByTestId('demo-progress');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('role', 'progressbar');
  await expect(bar).toHaveAttribute('aria-valuenow', '100');

  await expect(page.getByTestId('demo-banner')).toContainText(
    '本机数据库载入了演示数据（虚构人员），仅供培训和测试使用，不得用于实际工作。',
  );
  await expect(page.getByTestId('demo-load')).toBeDisabled();
  await expect(page.getByTestId('demo-blocked')).toContainText('本机数据库已载入演示数据，不能再次载入。');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/demo-data.png' });

  // What was stored: the mark says the load completed, and the counter moved past the loaded records.
  const meta = await installation.readAll<{ key: string; value: unknown }>('meta');
  const mark = meta.find((m) => m.key === 'demoData')?.value as { cadres: number; loadedAt: number | null; records: number };
  expect(mark.cadres).toBe(1000);
  expect(mark.loadedAt).not.toBeNull();
  expect(meta.find((m) => m.key === 'counter')?.value).toBe(mark.records);

  await page.getByRole('menuitem', { name: '干部名册' }).click();
  // the roster shows the 在职 by default; with the retired (the district has no others) all 1,000 are there
  await expect(page.getByTestId('roster-count')).toHaveText(/^共 \d+ 人$/);
  await page.getByRole('checkbox', { name: '含退休' }).check();
  await expect(page.getByTestId('roster-count')).toHaveText('共 1000 人');
  await expect(page.getByTestId('demo-banner')).toBeVisible();

  // The flag outlives the session.
  await installation.restart();
  await expect(installation.page.getByTestId('demo-banner')).toBeVisible();
  await installation.page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(installation.page.getByTestId('demo-load')).toBeDisabled();
  await expect(installation.page.getByTestId('demo-blocked')).toContainText('已载入演示数据');

  // 清除演示数据 asks first; cancelling deletes nothing
  const again = installation.page;
  const counter = (await installation.readAll<{ key: string; value: unknown }>('meta')).find((m) => m.key === 'counter')?.value;
  await again.getByTestId('demo-clear').click();
  let confirm = await openDialog(again);
  await expect(confirm).toContainText('清除全部演示数据？');
  await expect(confirm).toContainText('删除后不能恢复');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(confirm).toBeHidden();
  expect(await installation.readAll('cadres')).toHaveLength(1000);

  await again.getByTestId('demo-clear').click();
  confirm = await openDialog(again);
  await confirm.getByRole('button', { name: '清除' }).click();
  await expect(again.locator('.ant-message')).toContainText(/已清除演示数据：1,000 名干部、[\d,]+ 个单位/, { timeout: 60_000 });
  await expect(again.getByTestId('demo-banner')).toHaveCount(0);
  await expect(again.getByTestId('demo-clear')).toHaveCount(0);
  await expect(again.getByTestId('demo-load')).toBeEnabled();
  // what is stored: no units, cadres, dossiers or mark; the counter did not go back
  expect(await installation.readAll('cadres')).toEqual([]);
  expect(await installation.readAll('units')).toEqual([]);
  expect(await installation.readAll('dossierPacks')).toEqual([]);
  const metaAfter = await installation.readAll<{ key: string; value: unknown }>('meta');
  expect(metaAfter.find((m) => m.key === 'demoData')).toBeUndefined();
  expect(metaAfter.find((m) => m.key === 'counter')?.value).toBe(counter);
  await again.getByRole('menuitem', { name: '干部名册' }).click();
  await expect(again.getByTestId('roster-count')).toHaveText('共 0 人');
});

test('demo data cannot be loaded into a database that already has units', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await page.getByRole('button', { name: '新增顶级单位' }).click();
  const dialog = await openDialog(page);
  await dialog.getByLabel('单位名称').fill('新城区');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(page.getByTestId('demo-load')).toBeDisabled();
  await expect(page.getByTestId('demo-blocked')).toContainText('本机数据库中已有单位记录');
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
});
