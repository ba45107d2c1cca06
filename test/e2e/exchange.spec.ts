import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog } from './ui';

// each test makes its own installations: they may run in separate workers, which keeps CI's two workers even
test.describe.configure({ mode: 'parallel' });

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

test('a bundle from the department to a unit: preview, import, re-import refused, and a conflict settled on screen', async ({ makeInstallation }) => {
  test.setTimeout(180_000);
  const dept = await makeInstallation();
  const unit = await makeInstallation();
  await dept.launch();
  await unit.launch();
  await dept.completeFirstRun('新城区委组织部干部科', '李明', '组织部');
  await unit.completeFirstRun('新城区教育局', '王芳', '单位');
  await dept.seedRecords('units', [Installation.record({ id: 'edu', parentId: null, name: '新城区教育局', order: 0 })]);
  // a dossier with a photo and sub-records
  const photo = await dept.seedPhoto();
  const wang = sampleCadre({ unitId: 'edu', name: '王芳', photo });
  await dept.seedRecords('cadres', [wang]);
  const rec = (id: string, data: object) => Installation.record({ id, cadreId: wang.id, ...data });
  await dept.seedRecords('career', [rec('k1', { from: '2002-07', to: null, unit: '新城区教育局', post: '科员', kind: 'work' })]);
  await dept.seedRecords('family', [
    rec('f1', { relation: '12', name: '陈刚', birth: '1980-02', politicalStatus: '01', employment: '新城区人民医院医生', retired: false, deceased: false }),
  ]);

  // trust both ways (the screens for this are the first test's)
  await unit.trustPeer(dept, 'all');
  await dept.trustPeer(unit, { unitId: 'edu' });

  const send = async (from: Installation, to: string, file: string) => {
    await from.page.getByRole('menuitem', { name: '数据交换' }).click();
    await choose(from.page, from.page, '发往', to);
    from.answerNextDialog([file]);
    // the read-back is a step of its own on screen (it reads the whole file from the stick), with no 取消: the
    // file is whole by then. Noted as it shows: on a small export it lasts a moment.
    await from.page.evaluate(() => {
      const w = window as unknown as { readBack: { seen: boolean; cancellable: boolean } };
      w.readBack = { seen: false, cancellable: false };
      new MutationObserver(() => {
        for (const modal of document.querySelectorAll('.ant-modal')) {
          if (!modal.textContent?.includes('正在从U盘读回数据包，逐块核对写入的内容')) continue;
          w.readBack.seen = true;
          if ([...modal.querySelectorAll('button')].some((b) => b.textContent?.replace(/\s/g, '') === '取消')) w.readBack.cancellable = true;
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await from.page.getByRole('button', { name: '导出数据包…' }).click();
    const done = from.page.getByRole('dialog').filter({ hasText: '可以安全拔出U盘' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    expect(await from.page.evaluate(() => (window as unknown as { readBack: unknown }).readBack)).toEqual({ seen: true, cancellable: false });
    await done.getByRole('button', { name: '知道了' }).click();
    await expect(done).toBeHidden();
  };
  const receive = async (at: Installation, file: string) => {
    await at.page.getByRole('menuitem', { name: '数据交换' }).click();
    at.answerNextDialog([file]);
    await at.page.getByRole('button', { name: '导入数据包…' }).click();
    const ask = at.page.getByRole('dialog').filter({ hasText: '校验数据包' });
    await ask.getByRole('button', { name: '校验并读取' }).click();
    await expect(ask).toBeHidden();
  };
  const apply = async (at: Installation) => {
    const preview = at.page.getByRole('dialog').filter({ hasText: '发来的数据？' });
    await expect(preview.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
    await screenshot(at.page, 'exchange-preview');
    const row = preview.getByTestId('import-preview').getByRole('row').filter({ hasText: '干部' }).first();
    const cells = await row.getByRole('cell').allTextContents();
    await preview.getByRole('button', { name: '导入' }).click();
    const done = at.page.getByRole('dialog').filter({ hasText: '导入完成' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    await done.getByRole('button', { name: '知道了' }).click();
    return cells;
  };

  // department → unit: the unit's cadres arrive
  const first = path.join(dept.root, '第1包.cadre');
  await send(dept, '新城区教育局', first);
  await receive(unit, first);
  expect(await apply(unit)).toEqual(['干部', '1', '0', '0', '0']);
  expect((await unit.readAll<{ id: string; name: string }>('cadres')).map((c) => [c.id, c.name])).toEqual([[wang.id, '王芳']]);
  expect((await unit.readAll<{ id: string }>('career')).map((r) => r.id)).toEqual(['k1']);
  expect((await unit.readAll<{ id: string; name: string }>('family')).map((r) => [r.id, r.name])).toEqual([['f1', '陈刚']]);
  expect((await unit.readAll<{ hash: string; type: string }>('blobs')).map((b) => [b.hash, b.type])).toEqual([[photo, 'image/jpeg']]);
  // and the unit's screens show them: the photo in the dossier, the family on its tab
  await unit.page.getByRole('menuitem', { name: /干部名册/ }).click();
  await unit.page.getByTestId('roster-row').filter({ hasText: '王芳' }).dblclick();
  const shown = unit.page.getByTestId('cadre-photo');
  await expect(shown).toBeVisible();
  expect(await shown.evaluate(async (img: HTMLImageElement) => (await img.decode(), [img.naturalWidth, img.naturalHeight]))).toEqual([400, 500]);
  await unit.page.getByRole('tab', { name: '家庭成员' }).click();
  await expect(unit.page.getByRole('tabpanel')).toContainText('陈刚');
  await screenshot(unit.page, 'exchange-received-dossier');

  // the same bundle again changes nothing
  await receive(unit, first);
  await expect(unit.page.locator('.ant-message-error')).toContainText('已经导入过');

  // both change 王芳's post; the department's version arrives as a conflict, settled field by field
  const editPost = async (i: Installation, post: string) => {
    await i.page.getByRole('menuitem', { name: /干部名册/ }).click();
    await i.page.getByTestId('roster-row').filter({ hasText: '王芳' }).dblclick();
    await i.page.getByTestId('basic-form').getByLabel('现任职务').fill(post);
    await i.page.getByRole('button', { name: '保存基本信息' }).click();
    const warn = i.page.getByRole('button', { name: '仍然保存' });
    if (await warn.isVisible().catch(() => false)) await warn.click();
    await expect(i.page.getByTestId('dossier-summary')).toContainText(post);
  };
  await editPost(dept, '教育局局长');
  await editPost(unit, '教育局副局长');
  const second = path.join(dept.root, '第2包.cadre');
  await send(dept, '新城区教育局', second);
  await receive(unit, second);
  expect(await apply(unit)).toEqual(['干部', '0', '0', '0', '1']);
  const conflicts = unit.page.getByTestId('conflicts');
  await expect(conflicts).toContainText('待处理的冲突（1）');
  await conflicts.getByRole('button', { name: '逐项确定' }).click();
  const settle = unit.page.getByRole('dialog').filter({ hasText: '请逐项选择保留哪一边' });
  await expect(settle.getByTestId('conflict-fields')).toContainText('现任职务');
  await settle.getByRole('radio', { name: '对方：教育局局长' }).check();
  await screenshot(unit.page, 'exchange-conflict');
  await settle.getByRole('button', { name: '保存' }).click();
  await expect(conflicts).toHaveCount(0);
  const stored = (await unit.readAll<{ name: string; currentPost: string }>('cadres'))[0]!;
  expect(stored.currentPost).toBe('教育局局长');

  // the exchange history on both sides: numbered bundles, and no acknowledgement while the unit has sent nothing
  const historyWith = async (at: Installation, peer: string) => {
    await at.page.getByRole('menuitem', { name: '数据交换' }).click();
    await at.page.getByTestId('peers').getByRole('row').filter({ hasText: peer }).getByRole('button', { name: '往来记录' }).click();
    const dialog = at.page.getByRole('dialog').filter({ hasText: `与“${peer}”的往来记录` });
    await expect(dialog.getByTestId('peer-history')).toBeVisible();
    const rows = async (table: string) =>
      (await dialog.getByTestId(table).locator('tbody tr.ant-table-row').all()).map((r) => r.getByRole('cell').allTextContents());
    return { dialog, sent: await Promise.all(await rows('history-sent')), received: await Promise.all(await rows('history-received')) };
  };
  const atDept = await historyWith(dept, '新城区教育局');
  expect(atDept.sent.map((cells) => [cells[0], cells[2], cells[5]])).toEqual([
    ['2', '完整', '尚未确认'],
    ['1', '完整', '尚未确认'],
  ]);
  await expect(atDept.dialog).toContainText('还没有收到过对方的数据包');
  await screenshot(dept.page, 'exchange-history');
  await dept.page.keyboard.press('Escape');
  await expect(atDept.dialog).toBeHidden();
  const atUnit = await historyWith(unit, '新城区委组织部干部科');
  expect(atUnit.received.map((cells) => [cells[0], cells[2]])).toEqual([
    ['2', '完整'],
    ['1', '完整'],
  ]);
  await expect(atUnit.dialog.getByTestId('history-sent')).toContainText('还没有向对方发出过数据包');
});

test('a passphrase bundle of units and tables chosen on screen: a weak passphrase refused, only the chosen data arrives', async ({ makeInstallation }) => {
  const dept = await makeInstallation();
  const unit = await makeInstallation();
  await dept.launch();
  await unit.launch();
  await dept.completeFirstRun('新城区委组织部干部科', '李明', '组织部');
  await unit.completeFirstRun('新城区档案馆', '赵丽', '组织部');
  await dept.seedRecords('units', [
    Installation.record({ id: 'edu', parentId: null, name: '新城区教育局', order: 0 }),
    Installation.record({ id: 'health', parentId: null, name: '新城区卫健委', order: 1 }),
  ]);
  const wang = sampleCadre({ unitId: 'edu', name: '王芳' });
  const liu = sampleCadre({ unitId: 'health', name: '刘强', idNumber: '110101198001010037' });
  await dept.seedRecords('cadres', [wang, liu]);
  await dept.seedRecords('career', [Installation.record({ id: 'k1', cadreId: wang.id, from: '2002-07', to: null, unit: '新城区教育局', post: '科员', kind: 'work' })]);
  await unit.trustPeer(dept, 'all');

  await dept.page.getByRole('menuitem', { name: '数据交换' }).click();
  const card = dept.page.getByTestId('passphrase-export');
  // multiple choice: the list stays open after each pick until Escape
  const pick = async (label: string, options: string[]) => {
    await card.getByLabel(label, { exact: true }).click();
    const dropdown = dept.page.locator('.ant-select-dropdown:visible');
    for (const option of options) await dropdown.locator(`.ant-select-item-option[title="${option}"], .ant-select-tree-node-content-wrapper[title="${option}"]`).first().click();
    await dept.page.keyboard.press('Escape');
    await expect(dropdown).toBeHidden();
  };
  await pick('口令数据包的单位', ['新城区教育局']);
  await pick('口令数据包的数据', ['单位', '干部']);
  await card.getByLabel('口令', { exact: true }).fill('12345678');
  await card.getByLabel('再次输入口令').fill('12345678');
  await card.getByRole('button', { name: '导出口令数据包…' }).click();
  await expect(card.locator('.ant-form-item-explain-error').first()).toBeVisible();
  await card.getByRole('button', { name: '生成口令' }).click();
  const passphrase = (await card.getByTestId('generated-passphrase').textContent())!.trim();
  await screenshot(dept.page, 'exchange-passphrase-export');
  const file = path.join(dept.root, '口令数据包.cadre');
  dept.answerNextDialog([file]);
  await card.getByRole('button', { name: '导出口令数据包…' }).click();
  const done = dept.page.getByRole('dialog').filter({ hasText: '口令数据包已写入并通过校验' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await done.getByRole('button', { name: '知道了' }).click();
  await expect(done).toBeHidden();

  await unit.page.getByRole('menuitem', { name: '数据交换' }).click();
  unit.answerNextDialog([file]);
  await unit.page.getByRole('button', { name: '导入数据包…' }).click();
  const ask = unit.page.getByRole('dialog').filter({ hasText: '校验数据包' });
  await ask.getByLabel('口令').fill(passphrase);
  await ask.getByRole('button', { name: '校验并读取' }).click();
  await expect(ask).toBeHidden();
  const preview = unit.page.getByRole('dialog').filter({ hasText: '发来的数据？' });
  await expect(preview.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await preview.getByRole('button', { name: '导入' }).click();
  const imported = unit.page.getByRole('dialog').filter({ hasText: '导入完成' });
  await expect(imported).toBeVisible({ timeout: 30_000 });
  await imported.getByRole('button', { name: '知道了' }).click();
  // the chosen unit's subtree and the chosen tables only: 王芳 without her 简历, and nobody of 卫健委
  expect((await unit.readAll<{ name: string }>('cadres')).map((c) => c.name)).toEqual(['王芳']);
  expect((await unit.readAll<{ id: string }>('units')).map((u) => u.id)).toEqual(['edu']);
  expect(await unit.readAll('career')).toEqual([]);
});
