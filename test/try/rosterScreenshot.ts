import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTry } from './launcher';

/**
 * The README's picture of the roster (docs/images/roster.png), taken the way a person would see it: the try
 * launcher, headless, on a fresh profile; first run completed, 1,000 demo cadres loaded through 本机设置 →
 * 培训与演示数据, then 干部名册. Run: npx tsx test/try/rosterScreenshot.ts (builds first if out/ is stale).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, 'docs', 'images', 'roster.png');
const profileDir = await mkdtemp(path.join(tmpdir(), 'cadredesk-screenshot-'));
const run = await startTry({ root, profileDir, headless: true, build: 'auto', log: (l) => console.log(l) });
try {
  const page = run.page;
  page.setDefaultTimeout(30_000);
  await page.getByLabel('本机名称').fill('新城区委组织部干部科');
  await page.getByLabel('操作员姓名').fill('李明');
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByTestId('header-installation').waitFor();

  await page.getByRole('menuitem', { name: '本机设置' }).click();
  const size = (await page.getByTestId('demo-size').textContent()) ?? '';
  if (!size.includes('1,000 名干部')) throw new Error(`演示数据规模不是 1,000 名干部：${size}`);
  await page.getByTestId('demo-load').click();
  await page.getByRole('dialog').getByRole('button', { name: '载入' }).click();
  await page.getByTestId('demo-result').filter({ hasText: /已载入 1,000 名干部/ }).waitFor({ timeout: 120_000 });

  await page.locator('.ant-message-notice').waitFor({ state: 'detached' }); // the load's toast has gone
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByTestId('roster-count').filter({ hasText: '共 1000 人' }).waitFor();
  await page.mouse.move(1300, 780); // no hover highlight in the picture
  await page.waitForTimeout(500); // let the menu's selection transition finish
  await page.screenshot({ path: target });
  console.log(`已保存 ${path.relative(root, target)}`);
} finally {
  await run.stop();
  await rm(profileDir, { recursive: true, force: true });
}
