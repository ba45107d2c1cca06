import type { Page } from 'playwright-core';

/** Steps through the app's UI that the README picture and the launcher's tests both take. */

/** The first-run screen, filled in and completed. */
export async function completeFirstRun(page: Page): Promise<void> {
  await page.getByLabel('本机名称').fill('新城区委组织部干部科');
  await page.getByLabel('操作员姓名').fill('李明');
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByTestId('header-installation').waitFor();
}

/**
 * 本机设置 → 培训与演示数据: 1,000 demo cadres loaded, the toast gone, back on 干部名册 with its rows (those 在职
 * by default, so fewer than 1,000).
 */
export async function loadDemoCadres(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  const size = (await page.getByTestId('demo-size').textContent()) ?? '';
  if (!size.includes('1,000 名干部')) throw new Error(`演示数据规模不是 1,000 名干部：${size}`);
  // 本机设置's upper cards fill in as their data arrives and move this one down: a click aimed just before that lands
  // beside the button (once in CI, the dialog never opened). Click again until the confirmation is there.
  const dialog = page.getByRole('dialog').filter({ hasText: '虚构干部' });
  for (let attempt = 1; ; attempt++) {
    if (!(await dialog.isVisible())) await page.getByTestId('demo-load').click();
    try {
      await dialog.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
  await dialog.getByRole('button', { name: '载入' }).click();
  await page.getByTestId('demo-result').filter({ hasText: /已载入 1,000 名干部/ }).waitFor({ timeout: 120_000 });
  await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByTestId('roster-count').filter({ hasText: /共 [1-9]\d* 人/ }).waitFor();
}
