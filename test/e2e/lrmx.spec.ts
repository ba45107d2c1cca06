import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { buildLrmx, parseLrmx } from '../../shared/lrmx';
import { sampleCadre } from '../fixtures/cadre';
import { idNumber, samplePerson } from '../fixtures/lrmx/samples';
import { Installation, test, expect, screenshot } from './fixture';

// 任免审批表 files through the real UI: a folder's worth of .lrmx files (one of them broken) imported with the
// preview, the broken one skipped, then the roster selection exported as a .zip and one dossier as 姓名.lrmx.

const WANG_FANG = '11010519491231002X';
const PEOPLE = [
  ['张伟', idNumber('32010219800515123')],
  ['李娜', idNumber('32010219900312222')],
  ['王强', idNumber('32010219850101201')],
  ['赵敏', idNumber('32010219750808302')],
] as const;

test('LRMX: import a folder with one broken file (named, skipped), then export the selection and a dossier', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [
    Installation.record({ id: 'r', parentId: null, name: '新城区', order: 0 }),
    Installation.record({ id: 'org', parentId: 'r', name: '区委组织部', order: 0 }),
  ]);
  await installation.seedRecords('cadres', [sampleCadre({ unitId: 'org', name: '王芳', status: '01', currentPost: '干部科科长' })]);
  const count = page.getByTestId('roster-count');
  await expect(count).toHaveText('共 1 人');

  // the folder: four new people, 王芳 again with a new post, and a file that is not XML
  const folder = path.join(installation.root, '报送材料');
  await mkdir(folder);
  const files: string[] = [];
  for (const [name, id] of PEOPLE) {
    const file = path.join(folder, `${name}.lrmx`);
    await writeFile(file, buildLrmx(samplePerson(name, id)));
    files.push(file);
  }
  const wang = path.join(folder, '王芳.lrmx');
  await writeFile(
    wang,
    buildLrmx(
      samplePerson('王芳', WANG_FANG, {
        XingBie: '女',
        ChuShengNianYue: '194912',
        RuDangShiJian: '197506',
        CanJiaGongZuoShiJian: '196809',
        XianRenZhiWu: '区委组织部副部长',
        JianLi: '1968.09--  区委组织部干部',
        JiaTingChengYuan: [],
      }),
    ),
  );
  files.push(wang);
  const broken = path.join(folder, '损坏的文件.lrmx');
  await writeFile(broken, '这不是任免审批表，是一段文字');
  files.push(broken);

  // a first look, then 取消: nothing is imported
  const openImport = async () => {
    installation.answerNextDialog(files);
    await page.getByRole('button', { name: '任免表（LRMX）' }).click();
    await page.getByRole('menuitem', { name: /导入任免表/ }).click();
  };
  const dialog = page.getByRole('dialog', { name: '导入任免审批表（LRMX）' });
  const summary = dialog.getByTestId('lrmx-summary');
  await openImport();
  await expect(summary).toContainText('共 6 个文件');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(count).toHaveText('共 1 人');

  await openImport();
  await expect(summary).toContainText('共 6 个文件：新增人员 4 人，身份证号码相同 1 人，姓名和出生年月相同 0 人；1 个文件无法导入');
  await expect(dialog.getByTestId('lrmx-failed')).toContainText('损坏的文件.lrmx：不是有效的任免审批表文件');
  const preview = dialog.getByTestId('lrmx-preview');
  const wangRow = preview.getByRole('row').filter({ hasText: '王芳.lrmx' });
  await expect(wangRow).toContainText('身份证号码相同王芳（尾号 002X）');
  await expect(wangRow).toContainText('现任职务：干部科科长 → 区委组织部副部长');
  await expect(preview.getByRole('row').filter({ hasText: '张伟.lrmx' })).toContainText('新建档案，含简历 2 段、家庭成员 1 人、年度考核 2 年');
  // nothing is imported while the broken file is in the batch
  const importButton = dialog.getByRole('button', { name: '导入', exact: true });
  await expect(importButton).toBeDisabled();
  await screenshot(page, 'lrmx-preview');
  // the whole dialog, also below the window's edge
  await dialog.screenshot({ path: path.join('test-results', 'screens', 'lrmx-preview-dialog.png') });

  await dialog.getByRole('checkbox', { name: /跳过无法导入的文件/ }).check();
  await expect(importButton).toBeEnabled();
  await importButton.click();
  const report = dialog.getByTestId('lrmx-report');
  await expect(report).toContainText('导入完成：新增 4 人，更新 1 人，1 个文件无法导入、未导入');
  await expect(report).toContainText('损坏的文件.lrmx');
  await screenshot(page, 'lrmx-report');
  await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(dialog).toBeHidden();
  await expect(count).toHaveText('共 5 人');
  await expect(page.getByTestId('roster-row').filter({ hasText: '王芳' })).toContainText('区委组织部副部长');

  // export every one of them as a .zip of .lrmx files
  await page.getByRole('checkbox', { name: '全选' }).check();
  const zipPath = path.join(installation.root, '任免表.zip');
  installation.answerNextDialog([zipPath]);
  await page.getByRole('button', { name: '任免表（LRMX）' }).click();
  await expect(page.getByRole('menuitem', { name: '导出所选 5 人（.zip）…' })).toBeVisible();
  await screenshot(page, 'lrmx-roster-menu');
  await page.getByRole('menuitem', { name: '导出所选 5 人（.zip）…' }).click();
  await expect(page.getByText(/已导出 5 人的任免审批表/)).toBeVisible();
  const entries = unzipSync(new Uint8Array(await readFile(zipPath)));
  const back = Object.entries(entries).map(([name, bytes]) => [name, parseLrmx(new TextDecoder().decode(bytes))] as const);
  const expected = [...PEOPLE, ['王芳', WANG_FANG] as const].map(([name, id]) => [`${name}_${id.slice(-4)}.lrmx`, name, id]);
  expect(back.map(([file, p]) => [file, p.XingMing, p.ShenFenZheng]).sort()).toEqual(expected.sort());
  // the imported files' form-only fields came back from what the import kept
  expect(back.find(([, p]) => p.XingMing === '张伟')![1].NiRenZhiWu).toBe('新城区委组织部副部长');
  expect(back.find(([, p]) => p.XingMing === '王芳')![1].XianRenZhiWu).toBe('区委组织部副部长');

  // one dossier: 导出任免表 LRMX saves 姓名.lrmx
  await page.getByTestId('roster-row').filter({ hasText: '张伟' }).dblclick();
  await expect(page.getByTestId('dossier-name')).toHaveText('张伟');
  await screenshot(page, 'lrmx-dossier');
  const single = path.join(installation.root, '张伟.lrmx');
  installation.answerNextDialog([single]);
  await page.getByRole('button', { name: '导出任免表 LRMX' }).click();
  await expect(page.getByText(/已导出任免审批表到/)).toBeVisible();
  const one = parseLrmx(await readFile(single, 'utf8'));
  expect([one.XingMing, one.ShenFenZheng, one.ChuShengNianYue, one.RenMianLiYou]).toEqual(['张伟', PEOPLE[0][1], '198005', '工作需要']);
});
