import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { addUnit, unitNode, unitTree } from './ui';
import { Installation, test, expect, screenshot } from './fixture';

const tree = unitTree;
const node = unitNode;

async function siblingsOrder(page: Page): Promise<string[]> {
  return tree(page).locator('.ant-tree-title').allTextContents();
}

test('unit tree: create, rename, reorder, move, refuse and delete — and it survives reload and restart', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await expect(page.getByText('还没有单位')).toBeVisible();

  await addUnit(page, '新增顶级单位', '新城区');
  await addUnit(page, '新增下级单位', '区委组织部');
  await node(page, '新城区').click();
  await addUnit(page, '新增下级单位', '区发展改革委');
  await node(page, '新城区').click();
  await addUnit(page, '新增下级单位', '东街道');
  expect(await siblingsOrder(page)).toEqual(['新城区', '区委组织部', '区发展改革委', '东街道']);

  // Bad input: a duplicate sibling name and an empty name are refused at the field; nothing changes.
  await node(page, '新城区').click();
  await page.getByRole('button', { name: '新增下级单位' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位名称').fill('东街道');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('同一上级单位下已有名为“东街道”的单位')).toBeVisible();
  await dialog.getByLabel('单位名称').fill('   ');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('请填写单位名称')).toBeVisible();
  // A 200-character name is refused with the limit, never cut (test/e2e/unitAttributes.spec.ts saves it too).
  await dialog.getByLabel('单位名称').fill('长'.repeat(200));
  await expect(dialog.getByText('单位名称不能超过100个字')).toBeVisible();
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await siblingsOrder(page)).toEqual(['新城区', '区委组织部', '区发展改革委', '东街道']);

  // Rename.
  await node(page, '区发展改革委').click();
  await page.getByRole('button', { name: '重命名' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('单位名称').fill('区发展和改革委员会');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(node(page, '区发展和改革委员会')).toBeVisible();

  // Reorder: move 东街道 up twice; the first sibling cannot move further up.
  await node(page, '东街道').click();
  await page.getByRole('button', { name: '上移' }).click();
  await page.getByRole('button', { name: '上移' }).click();
  await expect(page.getByRole('button', { name: '上移' })).toBeDisabled();
  expect(await siblingsOrder(page)).toEqual(['新城区', '东街道', '区委组织部', '区发展和改革委员会']);

  // Move 区委组织部 under 东街道, then back to the top level.
  await node(page, '区委组织部').click();
  await page.getByRole('button', { name: '移动到…' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByTestId('move-target').click();
  await page.locator('.ant-select-tree').getByTitle('东街道', { exact: true }).click();
  await dialog.getByRole('button', { name: '移动' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('新城区 › 东街道 › 区委组织部')).toBeVisible();

  // Deleting a unit that has sub-units is refused, and the reason is given.
  await node(page, '东街道').click();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('不能删除：该单位还有 1 个下级单位')).toBeVisible();
  await page.getByRole('button', { name: '知道了' }).click();

  // A unit with cadres cannot be deleted either (a cadre row as the registry will write it).
  await node(page, '区发展和改革委员会').click();
  const unitId = (await installation.readAll<{ id: string; name: string; deleted: boolean }>('units')).find((u) => u.name === '区发展和改革委员会' && !u.deleted)!.id;
  await installation.seedRecords('cadres', [sampleCadre({ unitId })]);
  await node(page, '区发展和改革委员会').click();
  await expect(page.getByText('1 人')).toBeVisible();
  await page.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('还有 1 名干部')).toBeVisible();
  await page.getByRole('button', { name: '知道了' }).click();

  // Delete a leaf: confirmed, gone.
  await node(page, '区委组织部').click();
  await page.getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
  await expect(node(page, '区委组织部')).toHaveCount(0);

  // The change history of a unit comes from the audit log.
  await node(page, '区发展和改革委员会').click();
  await expect(page.getByTestId('unit-history')).toContainText('将单位“区发展改革委”更名为“区发展和改革委员会”');
  await expect(page.getByTestId('unit-history')).toContainText('新增单位“区发展改革委”');
  await screenshot(page, 'units');

  const expected = ['新城区', '东街道', '区发展和改革委员会'];
  expect(await siblingsOrder(page)).toEqual(expected);
  await page.reload();
  await expect(node(page, '新城区')).toBeVisible();
  expect(await siblingsOrder(page)).toEqual(expected);
  await installation.restart();
  await installation.page.getByRole('menuitem', { name: '单位管理' }).click();
  await expect(node(installation.page, '新城区')).toBeVisible();
  expect(await siblingsOrder(installation.page)).toEqual(expected);
});

test('a unit installation picks its unit in the settings and edits only its internal sub-units', async ({ installation }) => {
  await installation.completeFirstRun('区教育局组织人事科', '赵敏', '单位');
  const page = installation.page;
  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await expect(page.getByTestId('unit-scope-note')).toContainText('请先在“本机设置”中选择本单位');
  await expect(page.getByRole('button', { name: '新增顶级单位' })).toHaveCount(0);

  // The department's tree arrives (here written directly, as the first bundle will write it).
  await installation.seedRecords('units', [
    Installation.record({ id: 'u-root', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'u-edu', parentId: 'u-root', name: '区教育局', order: 0 }),
    Installation.record({ id: 'u-fin', parentId: 'u-root', name: '区财政局', order: 1 }),
  ]);
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await page.locator('.ant-tree-select').click();
  await page.locator('.ant-select-tree').getByTitle('区教育局', { exact: true }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('当前本单位：新城区 › 区教育局')).toBeVisible();

  await page.getByRole('menuitem', { name: '单位管理' }).click();
  await expect(page.getByTestId('unit-scope-note')).toContainText('可在本单位下增设');
  await node(page, '区财政局').click();
  for (const name of ['新增下级单位', '重命名', '移动到…', '删除']) {
    await expect(page.getByRole('button', { name })).toBeDisabled();
  }
  await node(page, '区教育局').click();
  await expect(page.getByRole('button', { name: '重命名' })).toBeDisabled();
  await addUnit(page, '新增下级单位', '人事科');
  await node(page, '人事科').click();
  await expect(page.getByRole('button', { name: '重命名' })).toBeEnabled();
  await expect(page.getByRole('button', { name: '删除' })).toBeEnabled();
  await screenshot(page, 'units-unit-installation');

  await installation.restart();
  await installation.page.getByRole('menuitem', { name: '单位管理' }).click();
  await expect(node(installation.page, '人事科')).toBeVisible();
});
