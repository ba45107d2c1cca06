import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { openDialog } from './ui';

// each test makes its own installations: they may run in separate workers, which keeps CI's two workers even
test.describe.configure({ mode: 'parallel' });

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

/** 本机设置 → 立即备份 under a generated passphrase, into `file`; returns the passphrase. */
async function backUp(installation: Installation, file: string): Promise<string> {
  const page = installation.page;
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  await page.getByTestId('backup-card').getByRole('button', { name: '立即备份' }).click();
  const dialog = await openDialog(page);
  await dialog.getByRole('button', { name: '生成口令' }).click();
  const passphrase = (await dialog.getByTestId('generated-passphrase').textContent())!.trim();
  installation.answerNextDialog([file]);
  await dialog.getByRole('button', { name: '选择保存位置并备份' }).click();
  await expect(page.getByText(/备份完成并已通过读回校验/)).toBeVisible({ timeout: 30_000 });
  await expect(dialog).toBeHidden();
  return passphrase;
}

/** 本机设置 → 从备份恢复…: the file and its passphrase, up to the first confirmation. */
async function startRestore(installation: Installation, file: string, passphrase: string): Promise<void> {
  const page = installation.page;
  await page.getByRole('menuitem', { name: '本机设置' }).click();
  installation.answerNextDialog([file]);
  await page.getByTestId('backup-card').getByRole('button', { name: '从备份恢复…' }).click();
  await openDialog(page);
  const ask = page.getByRole('dialog').filter({ hasText: '输入备份口令' });
  await ask.getByLabel('口令', { exact: true }).fill(passphrase);
  await ask.getByRole('button', { name: '校验备份' }).click();
  await expect(ask).toBeHidden();
}

test("a replaced PC: the new installation restores the old one's backup once its fingerprint is confirmed", async ({ makeInstallation }) => {
  const old = await makeInstallation();
  await old.launch();
  await old.completeFirstRun();
  await old.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '区委组织部', order: 0 })]);
  await old.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '王芳' })]);
  const file = path.join(old.root, '旧电脑的备份.cadre');
  const passphrase = await backUp(old, file);

  const fresh = await makeInstallation();
  await fresh.launch();
  await fresh.completeFirstRun('新城区委组织部干部科（新电脑）');
  const page = fresh.page;
  await startRestore(fresh, file, passphrase);
  const elsewhere = page.getByRole('dialog').filter({ hasText: '这个备份由另一台电脑制作' });
  await expect(elsewhere.getByTestId('restore-elsewhere')).toContainText('“新城区委组织部干部科”');
  await expect(elsewhere.getByTestId('restore-elsewhere-fingerprint')).toHaveText(old.identity!.fingerprint);
  await expect(elsewhere).toContainText('恢复后本机的全部数据都将被它替换');
  await screenshot(page, 'restore-elsewhere');
  await elsewhere.getByRole('button', { name: '指纹一致，继续' }).click();
  await expect(elsewhere).toBeHidden();
  const summary = page.getByRole('dialog').filter({ hasText: '用这个备份替换本机的全部数据？' });
  await summary.getByRole('button', { name: '恢复' }).click();
  const done = page.getByRole('dialog').filter({ hasText: '恢复完成' });
  await expect(done.getByTestId('restore-done')).toContainText('导出联系卡', { timeout: 30_000 });
  await screenshot(page, 'restore-elsewhere-done');
  await done.getByRole('button', { name: '确定' }).click();
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(1);
  expect((await fresh.readAll<{ name: string }>('cadres')).map((c) => c.name)).toEqual(['王芳']);
  // this installation keeps its own identity; what the old one knew of its peers is gone
  expect(await fresh.readAll('knowledge')).toEqual([]);
  await expect(page.getByTestId('backup-reminder')).toHaveCount(0);
  expect([...old.errors, ...fresh.errors]).toEqual([]);
});

test('a window closed in the middle of a restore: the data in use is as before, and the half-filled database goes', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '区委组织部', order: 0 })]);
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '王芳' })]);
  // some change history: the first batch read from the backup is written before the reads stop answering
  const pad = '修改记录'.repeat(50);
  const audit = Array.from({ length: 500 }, (_, i) => ({
    id: `audit-${String(i).padStart(6, '0')}`,
    at: i,
    actor: { installationId: installation.identity!.installationId, operator: '李明' },
    table: 'cadres',
    recordId: 'x',
    action: 'update',
    summary: pad,
    before: null,
    after: null,
  }));
  await installation.seedRecords('audit', audit);
  const file = path.join(installation.root, '备份.cadre');
  const passphrase = await backUp(installation, file);
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '张三', idNumber: '320102198005151238', birth: '1980-05', sex: '1' })]);
  const before = { cadres: await installation.readAll('cadres'), audit: (await installation.readAll('audit')).length, meta: await installation.readAll('meta') };

  await startRestore(installation, file, passphrase);
  // the window closes while the fresh database is being written: the first batch read from the backup goes on
  // to be written, and the next read waits for ever, so the close can never come after the switch
  await page.evaluate(() => {
    type Envelope = { ok: boolean; value?: { done: boolean } };
    const w = window as unknown as { __cadreDeskInvoke(method: string, arg: unknown): Promise<Envelope>; __batches: number };
    const invoke = w.__cadreDeskInvoke;
    w.__batches = 0;
    w.__cadreDeskInvoke = async (method, arg) => {
      if (method !== 'exchange.read') return invoke(method, arg);
      if (w.__batches++ > 0) return new Promise(() => {});
      const envelope = await invoke(method, arg);
      return envelope.ok ? { ...envelope, value: { ...envelope.value!, done: false } } : envelope;
    };
  });
  await page.getByRole('dialog').filter({ hasText: '用这个备份替换本机的全部数据？' }).getByRole('button', { name: '恢复' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __batches: number }).__batches), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(await page.evaluate(() => localStorage.getItem('cadredesk.restoringDatabase'))).toMatch(/^cadredesk-/);
  await installation.close();

  await installation.launch();
  await expect(installation.page.getByTestId('backup-reminder').or(installation.page.getByTestId('roster-row').first())).toBeVisible();
  expect(await installation.readAll('cadres')).toEqual(before.cadres);
  expect((await installation.readAll('audit')).length).toBe(before.audit);
  expect(await installation.readAll('meta')).toEqual(before.meta);
  await expect
    .poll(() => installation.page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .toEqual(['cadredesk']);
  expect(await installation.page.evaluate(() => localStorage.getItem('cadredesk.database'))).toBeNull();
});
