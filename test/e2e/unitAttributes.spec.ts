import type { Page } from '@playwright/test';
import { addUnit, choose, openDialog, unitNode } from './ui';
import { test, expect, screenshot } from './fixture';

// Units with attributes, the unit-name limit, the new-cadre prompt when there is no unit, and renaming the
// installation and the operator in 本机设置.

const WIDE = { width: 1366, height: 768 };
const NARROW = { width: 1024, height: 768 };

interface StoredUnit {
  name: string;
  code?: string;
  level?: string | null;
  category?: string | null;
  affiliation?: string | null;
  deleted: boolean;
}

/** Nothing sticks out sideways: the page needs no horizontal scroll bar at this width. */
async function fitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function lookAt(page: Page, name: string): Promise<void> {
  for (const [size, viewport] of [['1366', WIDE], ['1024', NARROW]] as const) {
    await page.setViewportSize(viewport);
    await fitsWidth(page);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(WIDE);
}

test('unit attributes, the name limit, the new-cadre prompt and renaming the operator', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.setViewportSize(WIDE);

  // 新增干部 with no unit yet: say so, and offer 单位管理.
  await page.getByRole('button', { name: '新增干部' }).click();
  await expect(page.getByText('还没有单位', { exact: true })).toBeVisible();
  await expect(page.getByText('请先到“单位管理”新增单位')).toBeVisible();
  await expect(page.getByLabel('姓名')).toHaveCount(0);
  await page.getByRole('button', { name: '去单位管理' }).click();
  await expect(page).toHaveURL(/#\/units/);

  // A 200-character name is kept whole in the input and refused with the limit; nothing is created.
  await page.getByRole('button', { name: '新增顶级单位' }).click();
  const dialog = await openDialog(page);
  await dialog.getByLabel('单位名称').fill('长'.repeat(200));
  await expect(dialog.getByLabel('单位名称')).toHaveValue('长'.repeat(200));
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('单位名称不能超过100个字')).toBeVisible();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  expect(await installation.readAll('units')).toEqual([]);

  await addUnit(page, '新增顶级单位', '新城区');
  await addUnit(page, '新增下级单位', '中山街道');

  // Set 单位代码, 级别, 类别 and 隶属关系 of 中山街道.
  const form = page.getByTestId('unit-attributes');
  await form.getByLabel('单位代码').fill('11330102MB1234567X');
  await choose(page, form, '单位级别', '正科级');
  await choose(page, form, '单位类别', '街道');
  await choose(page, form, '隶属关系', '区属');
  // an over-long code is refused at its field, with the limit
  await form.getByLabel('单位代码').fill('代'.repeat(31));
  await form.getByRole('button', { name: '保存单位属性' }).click();
  await expect(form.getByText('单位代码不能超过30个字')).toBeVisible();
  await form.getByLabel('单位代码').fill('11330102MB1234567X');
  await form.getByRole('button', { name: '保存单位属性' }).click();
  await expect(page.getByText('已保存单位属性')).toBeVisible();
  await expect(page.getByTestId('unit-history')).toContainText('单位级别：（空）→正科级');

  const stored = (await installation.readAll<StoredUnit>('units')).find((u) => u.name === '中山街道')!;
  expect(stored).toMatchObject({ code: '11330102MB1234567X', level: '2A', category: '09', affiliation: '50', deleted: false });

  await lookAt(page, 'units-attributes');

  // After a reload the attributes are still there.
  await page.reload();
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await unitNode(page, '中山街道').click();
  await expect(form.getByLabel('单位代码')).toHaveValue('11330102MB1234567X');
  for (const value of ['正科级', '街道', '区属']) await expect(form.getByText(value, { exact: true })).toBeVisible();
  // another unit shows its own (empty) attributes
  await unitNode(page, '新城区').click();
  await expect(form.getByLabel('单位代码')).toHaveValue('');
  await expect(form.getByText('正科级', { exact: true })).toHaveCount(0);

  // With a unit, 新增干部 opens the form.
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByRole('button', { name: '新增干部' }).click();
  await expect(page.getByLabel('姓名', { exact: true })).toBeVisible();
  await expect(page.getByText('还没有单位', { exact: true })).toHaveCount(0);

  // 本机设置: rename the operator and the installation; empty and over-long names are refused at the field.
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  const installationId = await page.getByTestId('installation-id').textContent();
  const names = page.getByTestId('profile-names');
  await names.getByLabel('操作员姓名').fill('');
  await expect(names.getByText('请填写操作员姓名')).toBeVisible();
  await names.getByLabel('操作员姓名').fill('王'.repeat(31));
  await expect(names.getByText('操作员姓名不能超过30个字')).toBeVisible();
  await names.getByLabel('本机名称').fill('名'.repeat(61));
  await names.getByRole('button', { name: '更改名称' }).click();
  await expect(names.getByText('本机名称不能超过60个字')).toBeVisible();
  await expect(page.getByTestId('header-installation')).toContainText('操作员：李明');

  await names.getByLabel('本机名称').fill('新城区委组织部');
  await names.getByLabel('操作员姓名').fill('王五');
  await names.getByRole('button', { name: '更改名称' }).click();
  await expect(page.getByText('已保存本机名称和操作员')).toBeVisible();
  const header = page.getByTestId('header-installation');
  await expect(header).toContainText('操作员：王五');
  await expect(header).toContainText('新城区委组织部');
  await expect(page.getByTestId('installation-info')).toContainText('王五');
  await expect(page.getByTestId('installation-id')).toHaveText(installationId!);
  await lookAt(page, 'settings');

  // The new names last, the id is the same, and later writes carry the new operator.
  await page.reload();
  await expect(page.getByTestId('header-installation')).toContainText('操作员：王五');
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await expect(page.getByTestId('installation-id')).toHaveText(installationId!);
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await unitNode(page, '中山街道').click();
  await choose(page, form, '单位级别', '副处级');
  await form.getByRole('button', { name: '保存单位属性' }).click();
  await expect(page.getByTestId('unit-history')).toContainText('单位级别：正科级→副处级');
  await expect(page.getByTestId('unit-history').locator('li').first()).toContainText('（王五）');
});
