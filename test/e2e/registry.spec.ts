import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { choose, openDialog } from './ui';

test('the dossier as a records officer expects it: every problem at once, warnings, no lost edits, a whole life', async ({ installation }) => {
  test.setTimeout(120_000); // one long walk through the dossier, as a person would make it
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '区委组织部', order: 0 })]);
  const wang = sampleCadre({ unitId: 'org', name: '王芳' });
  await installation.seedRecords('cadres', [wang]);

  // 1. a new cadre with four problems: all four are shown at their fields in one save, and nothing is written
  await page.getByRole('button', { name: '新增干部' }).click();
  const form = page.getByTestId('basic-form');
  await form.getByLabel('姓名').fill('张'.repeat(200));
  await form.getByLabel('身份证号码').fill('320102198005151239'); // the check character should be 8
  await choose(page, form, '性别', '男');
  await form.getByLabel('出生年月').fill('1980-05');
  await choose(page, form, '政治面貌', '中共党员');
  await form.getByLabel('入党时间').fill('1979-01'); // before birth
  await form.getByLabel('参加工作时间').fill('1979-06'); // before birth too
  await choose(page, form, '所在单位', '区委组织部');
  await form.getByRole('button', { name: '保存基本信息' }).click();
  await expect(form.getByText('姓名不能超过30个字')).toBeVisible();
  await expect(form.getByText(/校验位不正确/)).toBeVisible();
  await expect(form.getByText('入党时间 1979.01 早于出生年月 1980.05，请核对')).toBeVisible();
  await expect(form.getByText('参加工作时间 1979.06 早于出生年月 1980.05，请核对')).toBeVisible();
  await screenshot(page, 'four-problems');
  expect(await installation.readAll('cadres')).toHaveLength(1);

  // a valid number whose birth month and sex disagree with the form: both refused, each at its field
  await form.getByLabel('姓名').fill('张三');
  await form.getByLabel('身份证号码').fill('320102198005151238');
  await choose(page, form, '性别', '女');
  await form.getByLabel('出生年月').fill('1980-06');
  await form.getByLabel('入党时间').fill('2003-07');
  await form.getByRole('button', { name: '保存基本信息' }).click();
  await expect(form.getByText('出生年月 1980.06 与身份证号码中的 1980.05 不一致，请核对')).toBeVisible();
  await expect(form.getByText(/性别与身份证号码不一致/)).toBeVisible();

  // 2. a warning is shown at save and the person may save anyway
  await choose(page, form, '性别', '男');
  await form.getByLabel('出生年月').fill('1980-05');
  await form.getByLabel('参加工作时间').fill('1994-09'); // at 14
  await form.getByRole('button', { name: '保存基本信息' }).click();
  const warning = page.getByTestId('save-warnings');
  await expect(warning).toContainText('不满16周岁');
  await page.getByRole('button', { name: '仍然保存' }).click();
  await expect(page.getByTestId('dossier-name')).toHaveText('张三');

  // 3. leaving with unsaved changes asks; staying keeps the edit, leaving discards it
  await page.getByTestId('basic-form').getByLabel('现任职务').fill('干部科科长');
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  const ask = page.getByRole('dialog').filter({ hasText: '有尚未保存的修改' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: '留在本页' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByTestId('basic-form').getByLabel('现任职务')).toHaveValue('干部科科长');
  await page.goBack(); // the browser's back button asks too (back is the new-cadre form this came from)
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: '放弃修改并离开' }).click();
  await expect(ask).toBeHidden();
  await expect(page.getByRole('button', { name: '保存基本信息' })).toBeVisible();
  await page.getByRole('menuitem', { name: /干部名册/ }).click(); // nothing entered there: no question
  await expect(page.getByTestId('roster-count')).toBeVisible();
  expect((await installation.readAll<{ name: string; currentPost: string }>('cadres')).find((c) => c.name === '张三')!.currentPost).toBe('');

  // 4. a 职务任免 entry updates 现任职务 and 职务层次 on the basic record in the same save
  await page.getByTestId('roster-row').filter({ hasText: '张三' }).dblclick();
  await page.getByRole('tab', { name: '职务任免', exact: true }).click();
  await page.getByRole('button', { name: '新增职务任免' }).click();
  let dialog = await openDialog(page);
  await dialog.getByLabel('职务名称', { exact: true }).fill('区委组织部干部科科长');
  await choose(page, dialog, '职务层次', '正科');
  await dialog.getByLabel('任职时间', { exact: true }).fill('2018-03');
  await expect(dialog.getByRole('checkbox', { name: /同时将基本信息中的现任职务/ })).toBeChecked();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  const stored = (await installation.readAll<{ name: string; currentPost: string; postLevel: string }>('cadres')).find((c) => c.name === '张三')!;
  expect([stored.currentPost, stored.postLevel]).toEqual(['区委组织部干部科科长', '2A']);

  // 5. 调出 with its date and reason: the roster hides the cadre, and shows it with 含调出
  await page.getByRole('button', { name: /人员变动/ }).click();
  await page.getByRole('menuitem', { name: '调出' }).click();
  dialog = await openDialog(page);
  await dialog.getByLabel('原因').fill('调任市发展改革委');
  await dialog.getByRole('button', { name: '登记' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('dossier-status')).toContainText('调出');
  await page.getByRole('tab', { name: '变更记录' }).click();
  await expect(page.getByTestId('cadre-history')).toContainText('干部“张三”调出');
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 1 人');
  await page.getByRole('checkbox', { name: '含调出' }).check();
  await expect(page.getByTestId('roster-count')).toHaveText('共 2 人');
  await expect(page.getByTestId('roster-row').filter({ hasText: '张三' })).toBeVisible();

  // 6. 删除档案 asks, naming the cadre, and leaves a tombstone
  await page.getByTestId('roster-row').filter({ hasText: '王芳' }).dblclick();
  await page.getByRole('button', { name: /人员变动/ }).click();
  await page.getByRole('menuitem', { name: '删除档案（误建）' }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '删除“王芳”的档案？' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: '删除档案' }).click();
  await expect(page.getByText('已删除“王芳”的档案')).toBeVisible();
  await expect(page.getByTestId('roster-count')).toHaveText('共 0 人'); // 张三 has left, 王芳 is gone
  expect((await installation.readAll<{ id: string; deleted: boolean }>('cadres')).find((c) => c.id === wang.id)!.deleted).toBe(true);

  // the dossier at the smallest supported window
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.getByRole('checkbox', { name: '含调出' }).check();
  await page.getByTestId('roster-row').filter({ hasText: '张三' }).dblclick();
  await expect(page.getByTestId('dossier-name')).toHaveText('张三');
  await screenshot(page, 'dossier-1024');
  for (const tab of ['基本信息', '简历', '学历学位', '家庭成员', '奖惩情况', '年度考核', '职务任免', '职级变动', '变更记录']) {
    await expect(page.getByRole('tab', { name: tab, exact: true })).toBeVisible(); // none hidden behind “…”
  }

  // the roster at 1366 px: 姓名, 所在单位, 现任职务, 职级 and 身份证号码 without scrolling sideways
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await page.getByRole('checkbox', { name: '含调出' }).check();
  const table = page.getByRole('table', { name: '干部名册' });
  const frame = (await table.boundingBox())!;
  for (const header of ['姓名', '所在单位', '现任职务', '职级', '身份证号码']) {
    // the sorted column carries ▲ after its name
    const box = (await table.getByRole('columnheader', { name: new RegExp(`^${header}`) }).first().boundingBox())!;
    expect(box.x + box.width, header).toBeLessThanOrEqual(frame.x + frame.width);
  }
  await screenshot(page, 'roster-1366');
});
