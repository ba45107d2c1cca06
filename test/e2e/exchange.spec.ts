import path from 'node:path';
import { Installation, test, expect, screenshot } from './fixture';
import { openDialog } from './ui';

// 数据交换, the trust part: two installations swap contact cards, each trusts the other only after the fingerprint
// read out over the telephone matches, a wrong one is refused, and a lost PC is revoked.

test('contact cards: add a peer, refuse a wrong fingerprint, trust on the right one, revoke', async ({ makeInstallation }) => {
  const dept = await makeInstallation();
  const unit = await makeInstallation();
  await dept.launch();
  await unit.launch();
  await dept.completeFirstRun('新城区委组织部干部科', '李明', '组织部');
  await unit.completeFirstRun('新城区教育局', '王芳', '单位');
  await dept.seedRecords('units', [Installation.record({ id: 'edu', parentId: null, name: '新城区教育局', order: 0 })]);

  /** Exports this installation's card through the UI and returns the file and the fingerprint it shows. */
  const exportCard = async (inst: Installation, file: string) => {
    await inst.page.getByRole('menuitem', { name: '数据交换' }).click();
    const fingerprint = (await inst.page.getByTestId('own-fingerprint').textContent())!.trim();
    inst.answerNextDialog([file]);
    await inst.page.getByRole('button', { name: '导出联系卡' }).click();
    await expect(inst.page.getByText(/联系卡已保存到/)).toBeVisible();
    return fingerprint;
  };
  const deptCard = path.join(dept.root, '组织部-联系卡.json');
  const unitCard = path.join(unit.root, '教育局-联系卡.json');
  const deptFingerprint = await exportCard(dept, deptCard);
  const unitFingerprint = await exportCard(unit, unitCard);

  // the unit adds the department; its scope is its own data
  let page = unit.page;
  unit.answerNextDialog([deptCard]);
  await page.getByRole('button', { name: '导入联系卡…' }).click();
  let dialog = await openDialog(page);
  await expect(dialog).toContainText('添加交换对象“新城区委组织部干部科”');
  await dialog.getByRole('button', { name: '添加' }).click();
  let check = page.getByRole('dialog').filter({ hasText: '核对“新城区委组织部干部科”的指纹' });
  await expect(check.getByTestId('card-fingerprint')).toHaveText(deptFingerprint);
  await check.getByLabel('对方念出的指纹').fill(unitFingerprint); // misheard: not the card's
  await check.getByRole('button', { name: '一致，信任' }).click();
  await expect(page.locator('.ant-message-error')).toContainText('指纹不一致');
  const peers = page.getByTestId('peers');
  await expect(peers.getByRole('row').filter({ hasText: '新城区委组织部干部科' })).toContainText('待核对指纹');
  await peers.getByRole('button', { name: '核对指纹' }).click();
  check = page.getByRole('dialog').filter({ hasText: '核对“新城区委组织部干部科”的指纹' });
  await check.getByLabel('对方念出的指纹').fill(deptFingerprint.toLowerCase()); // case and spacing do not matter
  await check.getByRole('button', { name: '一致，信任' }).click();
  await expect(peers.getByRole('row').filter({ hasText: '新城区委组织部干部科' })).toContainText('已信任');
  await expect(peers.getByRole('row').filter({ hasText: '新城区委组织部干部科' })).toContainText('本机全部数据');
  await screenshot(page, 'exchange-unit');

  // the department adds the unit with its unit subtree as the fixed scope, then revokes it
  page = dept.page;
  dept.answerNextDialog([unitCard]);
  await page.getByRole('button', { name: '导入联系卡…' }).click();
  dialog = await openDialog(page);
  await dialog.getByRole('button', { name: '添加' }).click();
  await expect(dialog.getByText('请选择对方所属的单位')).toBeVisible();
  await dialog.getByLabel('单位', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle('新城区教育局').click();
  await dialog.getByRole('button', { name: '添加' }).click();
  check = page.getByRole('dialog').filter({ hasText: '核对“新城区教育局”的指纹' });
  await check.getByLabel('对方念出的指纹').fill(unitFingerprint);
  await check.getByRole('button', { name: '一致，信任' }).click();
  const row = page.getByTestId('peers').getByRole('row').filter({ hasText: '新城区教育局' });
  await expect(row).toContainText('已信任');
  await expect(row.getByRole('cell').nth(2)).toHaveText('新城区教育局');
  await row.getByRole('button', { name: '撤销信任' }).click();
  const revoke = page.getByRole('dialog').filter({ hasText: '撤销对“新城区教育局”的信任？' });
  await revoke.getByRole('button', { name: '撤销信任' }).click();
  await expect(row).toContainText('已撤销');
  await expect(row.getByRole('button', { name: '撤销信任' })).toHaveCount(0);
  await screenshot(page, 'exchange-department');

  // a card that is not one is refused in Chinese, and nothing is added
  dept.answerNextDialog([path.join(dept.root, 'userData', 'profile.json')]);
  await page.getByRole('button', { name: '导入联系卡…' }).click();
  dialog = await openDialog(page);
  await dialog.getByRole('radio', { name: /全部数据/ }).check();
  await dialog.getByRole('button', { name: '添加' }).click();
  await expect(page.locator('.ant-message-error').last()).toContainText(/联系卡/);
  await expect(page.getByTestId('peers').getByRole('row')).toHaveCount(2);
});
