import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { openDialog } from './ui';

// 备份与恢复 as an office user meets it: the reminder on the home screen, a backup under a generated passphrase,
// data changed afterwards, a wrong passphrase and a damaged file refused, then the restore bringing the earlier
// data back — checked in IndexedDB — with the replaced data kept as a safety backup.

test('back up, change data, restore: the earlier data is back and the replaced data is kept', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '区委组织部', order: 0 })]);
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '王芳' })]);
  const reminder = page.getByTestId('backup-reminder');
  await expect(reminder).toContainText('还没有备份过');

  // a backup under a generated passphrase, saved where the person chose
  await reminder.getByRole('button', { name: '去备份' }).click();
  const card = page.getByTestId('backup-card');
  await expect(card.getByTestId('last-backup')).toHaveText('本机还没有备份过。');
  await card.getByRole('button', { name: '立即备份' }).click();
  let dialog = await openDialog(page);
  await dialog.getByLabel('口令', { exact: true }).fill('123456789012');
  await dialog.getByLabel('再次输入口令').fill('123456789012');
  await dialog.getByRole('button', { name: '选择保存位置并备份' }).click();
  await expect(dialog.getByText(/口令太简单/)).toBeVisible();
  await dialog.getByRole('button', { name: '生成口令' }).click();
  const passphrase = (await dialog.getByTestId('generated-passphrase').textContent())!.trim();
  expect(passphrase).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
  await screenshot(page, 'backup-passphrase');
  const file = path.join(installation.root, '干部信息备份.cadre');
  installation.answerNextDialog([file]);
  await dialog.getByRole('button', { name: '选择保存位置并备份' }).click();
  await expect(page.getByText(/备份完成并已通过读回校验/)).toBeVisible();
  await expect(card.getByTestId('backup-history').getByRole('row')).toHaveCount(2); // header + one backup
  await expect(card.getByTestId('last-backup')).toContainText('最近一次备份');
  await screenshot(page, 'backup-done');
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);

  // data changed after the backup
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '张三', idNumber: '320102198005151238', birth: '1980-05', sex: '1' })]);
  await expect(page.getByTestId('roster-row')).toHaveCount(2);

  const chooseBackup = async (chosen: string, phrase: string) => {
    await page.getByRole('menuitem', { name: '本机设置' }).click();
    installation.answerNextDialog([chosen]);
    await page.getByTestId('backup-card').getByRole('button', { name: '从备份恢复…' }).click();
    await openDialog(page);
    const ask = page.getByRole('dialog').filter({ hasText: '输入备份口令' });
    await ask.getByLabel('口令', { exact: true }).fill(phrase);
    await ask.getByRole('button', { name: '校验备份' }).click();
    await expect(ask).toBeHidden();
  };

  // a wrong passphrase, and a damaged copy: refused in Chinese, nothing changed
  await chooseBackup(file, 'ABCD-EFGH-JKMN-PQRS');
  await expect(page.locator('.ant-message-error')).toContainText(/口令/);
  const damaged = path.join(installation.root, '损坏的备份.cadre');
  const bytes = readFileSync(file);
  writeFileSync(damaged, bytes.subarray(0, bytes.length - 100));
  await chooseBackup(damaged, passphrase);
  await expect(page.locator('.ant-message-error').last()).toContainText(/[\u4e00-\u9fff]/);
  expect((await installation.readAll<{ name: string }>('cadres')).map((c) => c.name).sort()).toEqual(['张三', '王芳']);

  // the restore: a summary to confirm, then the earlier data, and the replaced data in a safety backup
  await chooseBackup(file, passphrase);
  dialog = page.getByRole('dialog').filter({ hasText: '用这个备份替换本机的全部数据？' });
  await expect(dialog.getByTestId('restore-summary')).toContainText('制作者：新城区委组织部干部科');
  await screenshot(page, 'restore-confirm');
  await dialog.getByRole('button', { name: '恢复' }).click();
  const done = page.getByRole('dialog').filter({ hasText: '恢复完成' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  await done.getByRole('button', { name: '确定' }).click();
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  await expect(page.getByTestId('roster-row')).toContainText('王芳');
  expect((await installation.readAll<{ name: string }>('cadres')).map((c) => c.name)).toEqual(['王芳']);
  const safety = readdirSync(path.join(installation.userDataDir, 'backups'));
  expect(safety).toHaveLength(1);
  expect(safety[0]).toMatch(/^恢复前自动备份-\d{8}-\d{6}\.cadre$/);

  // the replaced database is gone after the restart, and the restored one stays in use
  await installation.restart();
  await expect(installation.page.getByTestId('roster-row')).toHaveCount(1);
  const names = await installation.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
  expect(names).toHaveLength(1);
  expect(names[0]).toMatch(/^cadredesk-/);
});
