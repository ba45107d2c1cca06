import { test, expect, screenshot } from './fixture';

test('first run asks once for the installation, the shell loads in Chinese, the id survives restarts', async ({ installation }) => {
  const page = installation.page;
  const id = installation.identity!.installationId;

  await expect(page.getByText('欢迎使用干部选育管用信息系统')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('fingerprint')).toHaveText(installation.identity!.fingerprint);
  await screenshot(page, 'first-run');

  // Empty fields are refused at the field, in Chinese, and nothing is saved.
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('请填写本机名称')).toBeVisible();
  await expect(page.getByText('请填写操作员姓名')).toBeVisible();
  // An over-long name is kept whole and refused with its limit, never cut to fit.
  const longName = '新城区委组织部干部科'.repeat(7);
  await page.getByLabel('本机名称').fill(longName);
  await expect(page.getByLabel('本机名称')).toHaveValue(longName);
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('本机名称不能超过60个字')).toBeVisible();
  await expect(page.getByText('70 / 60')).toBeVisible();

  await installation.completeFirstRun('新城区委组织部干部科', '李明');
  const header = page.getByTestId('header-installation');
  await expect(header).toContainText('新城区委组织部干部科');
  await expect(header).toContainText('组织部');
  await expect(header).toContainText('操作员：李明');
  const sidebar = page.getByRole('menu');
  await expect(sidebar.getByRole('menuitem')).toHaveText(['干部名册', '档案记录', '实绩档案', '培养历练', '监督管理', '选拔任用', '数据校验', '单位管理', '数据交换', '本机设置']);
  await expect(page.getByText('干部名册', { exact: true }).last()).toBeVisible();
  await expect(page.getByText('还没有干部')).toBeVisible();
  await screenshot(page, 'shell');

  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(page.getByTestId('installation-id')).toHaveText(id);
  await expect(page.getByRole('menuitem', { name: '本机设置' })).toHaveClass(/ant-menu-item-selected/);
  await expect(page.getByRole('menuitem', { name: '干部名册' })).not.toHaveClass(/ant-menu-item-selected/);
  await page.mouse.move(800, 700);
  await page.waitForTimeout(400); // let the menu's highlight transition finish before the picture
  await screenshot(page, 'settings');

  // Restart: no first-run screen, same installation id (created once, in the main process).
  await installation.restart();
  await expect(installation.page.getByTestId('header-installation')).toContainText('新城区委组织部干部科');
  await expect(installation.page.getByText('欢迎使用干部选育管用信息系统')).toHaveCount(0);
  expect(installation.identity!.installationId).toBe(id);
  await installation.page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(installation.page.getByTestId('installation-id')).toHaveText(id);
  await expect(installation.page.getByText('仅当前用户可读的文件', { exact: false })).toBeVisible();
});

test('two installations have different ids; a unit installation is told where its unit tree comes from', async ({ makeInstallation }) => {
  const a = await makeInstallation();
  const b = await makeInstallation();
  await a.launch();
  await b.launch();
  expect(a.identity!.installationId).not.toBe(b.identity!.installationId);
  await b.completeFirstRun('东街道党工委组织办', '王芳', '单位');
  await expect(b.page.getByTestId('header-installation')).toContainText('单位');
  await b.page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(b.page.getByText('尚无单位树')).toBeVisible();
});
