import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { sampleCadre } from '../fixtures/cadre';
import { fullYears, monthOf } from '../../shared/rules/months';
import { Installation, test, expect, screenshot } from './fixture';

// Printing (issue 12, items 1–3): the 干部任免审批表 of a full dossier in the preview, its form-only fields filled in
// without touching the dossier, saved as PDF through the same handlers as the app (the printer is a Playwright page
// of the same browser context at the print route) and checked with poppler: two pages, the text, the embedded
// font; a roster over two pages with its header row on each; one PDF per cadre into a folder. Every PDF page is
// rendered to PNG under test-results/screens for people to look at.

const SHOTS = path.join('test-results', 'screens');
const pdftotext = (file: string, page?: number) =>
  execFileSync('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', file, '-'], { encoding: 'utf8' });
const pdfPages = (file: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
function toPng(file: string, name: string): void {
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-r', '60', '-png', file, path.join(SHOTS, name)]);
}

/** A 4:5 JPEG made in the page, stored as the cadre's photo blob (by its SHA-256, as the app stores photos). */

test('干部任免审批表: preview, form fields kept apart from the dossier, PDF of two A4 pages with the font embedded', async ({ installation }) => {
  test.setTimeout(90_000);
  await installation.completeFirstRun();
  const page = installation.page;
  const out = mkdtempSync(path.join(tmpdir(), 'cadredesk-print-'));
  await installation.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '中共新城区委员会组织部', order: 0 })]);
  const photo = await installation.seedPhoto();
  const cadre = sampleCadre({
    unitId: 'org',
    name: '欧阳文华',
    idNumber: '320102198005151238',
    birth: '1980-05',
    sex: '1',
    nativePlace: '江苏南京',
    birthPlace: '江苏南京',
    partyJoined: '2001-06',
    workStarted: '2002-07',
    professionalTitle: '经济师',
    expertise: '干部人事管理',
    fullTimeEducation: { education: '21', degree: '403', school: '南京大学', major: '法学专业' },
    inServiceEducation: { education: '11', degree: '312', school: '中共江苏省委党校', major: '公共管理专业' },
    currentPost: '中共新城区委员会组织部副部长',
    photo,
  });
  await installation.seedRecords('cadres', [cadre]);
  const rec = (table: string, id: string, data: object) => Installation.record({ id, cadreId: cadre.id, ...data });
  await installation.seedRecords('career', [
    rec('career', 'k1', { from: '1998-09', to: '2002-07', unit: '南京大学法学院法学专业学习', post: '', kind: 'study' }),
    rec('career', 'k2', { from: '2002-07', to: '2008-07', unit: '新城区东街道办事处', post: '科员', kind: 'work' }),
    rec('career', 'k3', { from: '2008-07', to: '2015-03', unit: '中共新城区委员会组织部干部科', post: '副科长、科长', kind: 'work' }),
    rec('career', 'k4', { from: '2015-03', to: null, unit: '中共新城区委员会组织部', post: '副部长', kind: 'work' }),
  ]);
  await installation.seedRecords('family', [
    rec('family', 'f1', { relation: '52', name: '李秀英', birth: '1955-03', politicalStatus: '13', employment: '退休', retired: true, deceased: false }),
    rec('family', 'f2', { relation: '51', name: '欧阳建国', birth: '1952-01', politicalStatus: '01', employment: '', retired: false, deceased: true }),
    rec('family', 'f3', { relation: '32', name: '欧阳小雨', birth: '2010-09', politicalStatus: '13', employment: '新城区实验小学学生', retired: false, deceased: false }),
    rec('family', 'f4', { relation: '12', name: '陈静', birth: '1982-02', politicalStatus: '01', employment: '新城区人民医院护士长', retired: false, deceased: false }),
    rec('family', 'f5', { relation: '22', name: '欧阳小明', birth: '2007-04', politicalStatus: '03', employment: '南京市第一中学学生', retired: false, deceased: false }),
  ]);
  await installation.seedRecords('assessments', [
    rec('assessments', 'a1', { year: 2021, grade: '2' }),
    rec('assessments', 'a2', { year: 2022, grade: '2' }),
    rec('assessments', 'a3', { year: 2023, grade: '2' }),
    rec('assessments', 'a4', { year: 2024, grade: '1' }),
  ]);

  // from the dossier to the preview: two pages, everything fits
  await page.goto(`${page.url().split('#')[0]}#/cadre?id=${cadre.id}`);
  await page.getByRole('button', { name: '打印任免审批表' }).click();
  await expect(page.getByTestId('preview-pages')).toHaveText('共 2 页');
  await expect(page.getByTestId('overflow-report')).toHaveCount(0);
  const doc = page.getByTestId('print-document');
  await expect(doc.getByTestId('pd-front')).toHaveCount(1);
  await expect(doc.getByTestId('pd-back')).toHaveCount(1);

  // the form's own fields: saved in the form's record, not in the dossier
  const fields = page.getByTestId('appointment-fields');
  await fields.getByLabel('拟任职务').fill('中共新城区委员会组织部部长');
  await fields.getByLabel('拟免职务').fill('中共新城区委员会组织部副部长');
  await fields.getByLabel('任免理由').fill('工作需要');
  await fields.getByLabel('呈报单位').fill('中共新城区委员会');
  await fields.getByLabel('填表人').fill('李明');
  await fields.getByRole('button', { name: '保存填写内容' }).click();
  await expect(page.getByText('已保存任免审批表的填写内容')).toBeVisible();
  await expect(doc).toContainText('中共新城区委员会组织部部长');
  await expect(page.getByTestId('preview-pages')).toHaveText('共 2 页');
  const stored = await installation.readAll<{ cadreId: string; proposedPost: string }>('appointmentForms');
  expect(stored).toEqual([expect.objectContaining({ cadreId: cadre.id, proposedPost: '中共新城区委员会组织部部长' })]);
  const [dossier] = await installation.readAll<{ currentPost: string; vv: object }>('cadres');
  expect(dossier).toMatchObject({ currentPost: '中共新城区委员会组织部副部长', vv: cadre.vv });
  await screenshot(page, 'print-preview-appointment');

  // 打印…: the same route through print.print (the tests' printer lays it out; there is no system dialog here)
  await page.getByRole('button', { name: /打印…/ }).click();
  await expect(page.getByText('已送往打印机')).toBeVisible();

  // 另存为PDF: the route printed by the handlers, written where the dialog said
  const pdf = path.join(out, '欧阳文华-任免审批表.pdf');
  installation.answerNextDialog([pdf]);
  await page.getByRole('button', { name: '另存为PDF' }).click();
  await expect(page.getByText(/已保存 2 页到/)).toBeVisible({ timeout: 30_000 });
  expect(pdfPages(pdf)).toBe(2);
  const age = fullYears('1980-05', monthOf(new Date()));
  const front = pdftotext(pdf, 1).replace(/[ \t]+/g, ' ');
  for (const text of ['干部任免审批表', '欧阳文华', `1980.05(${age}岁)`, '江苏南京', '2001.06', '经济师', '法学学士', '中共新城区委员会组织部部长', '1998.09--2002.07', '2015.03--']) {
    expect(front, text).toContain(text);
  }
  const back = pdftotext(pdf, 2).replace(/[ \t]+/g, ' ');
  for (const text of ['奖惩情况', '无', '2023年度考核称职；2024年度考核优秀', '工作需要', '陈静', '欧阳小明', '李秀英', '中共新城区委员会', '填表人：李明']) {
    expect(back, text).toContain(text);
  }
  expect(back).not.toContain('2022年度考核');
  // family in the official order: spouse, children eldest first, father, mother; no age for the deceased father
  const order = ['陈静', '欧阳小明', '欧阳小雨', '欧阳建国', '李秀英'].map((n) => back.indexOf(n));
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(back).toMatch(new RegExp(`父亲\\s+欧阳建国\\s+中共党员`));
  expect(execFileSync('pdffonts', [pdf], { encoding: 'utf8' })).toMatch(/NotoSerifSC.*\byes\b/);
  toPng(pdf, 'print-appointment');
  expect(readdirSync(SHOTS).filter((f) => f.startsWith('print-appointment-')).length).toBe(2);
  expect(installation.errors).toEqual([]);
});

test('roster print: landscape pages with the header row on each and 第 X 页 共 Y 页; batch PDF per cadre; overflow reported', async ({ installation }) => {
  test.setTimeout(90_000);
  await installation.completeFirstRun();
  const page = installation.page;
  const out = mkdtempSync(path.join(tmpdir(), 'cadredesk-roster-print-'));
  await installation.seedRecords('units', [Installation.record({ id: 'org', parentId: null, name: '中共新城区委员会组织部', order: 0 })]);
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
  const cadres = Array.from({ length: 45 }, (_, i) => {
    const seq = String(100 + i * 2 + 1).padStart(3, '0');
    const body = `32010219800515${seq}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k]!, 0);
    const idNumber = body + '10X98765432'[sum % 11]!;
    return sampleCadre({ unitId: 'org', name: `${surnames[i % 10]}${'一二三四五六七八九十'[Math.floor(i / 10) % 10]}${i}`, idNumber, birth: '1980-05', sex: '1', currentPost: i % 7 === 0 ? '中共新城区委员会组织部副部长、区委编办主任（兼）、区人才工作领导小组办公室主任' : '科员' });
  });
  // one whose 简历 cannot fit even at the smallest size: the preview must say so
  const long = cadres[0]!;
  await installation.seedRecords('cadres', cadres);
  await installation.seedRecords(
    'career',
    Array.from({ length: 60 }, (_, k) =>
      Installation.record({ id: `long${k}`, cadreId: long.id, from: `${1960 + k}-01`, to: `${1961 + k}-01`, unit: '中共新城区委员会组织部干部监督科'.repeat(4), post: '科员', kind: 'work' }),
    ),
  );

  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 45 人');
  await page.getByRole('button').filter({ hasText: /^\s*打印\s*$/ }).click();
  await page.getByRole('menuitem', { name: '打印名册' }).click();
  await expect(page.getByTestId('preview-pages')).toHaveText(/共 [2-9] 页/);
  const pages = Number(/共 (\d+) 页/.exec((await page.getByTestId('preview-pages').textContent())!)![1]);
  await expect(page.getByTestId('print-document').getByTestId('pd-roster-page')).toHaveCount(pages);
  await screenshot(page, 'print-preview-roster');
  const pdf = path.join(out, '干部名册.pdf');
  installation.answerNextDialog([pdf]);
  await page.getByRole('button', { name: '另存为PDF' }).click();
  await expect(page.getByText(new RegExp(`已保存 ${pages} 页到`))).toBeVisible({ timeout: 30_000 });
  expect(pdfPages(pdf)).toBe(pages);
  const second = pdftotext(pdf, 2);
  // pdftotext drops the spaces of "第 2 页 共 3 页" set in a CJK font
  expect(second.replace(/\s+/g, '')).toContain(`第2页共${pages}页`);
  for (const header of ['序号', '姓名', '所在单位', '现任职务', '身份证号码']) expect(second, header).toContain(header);
  expect(second).toContain('干部名册');
  // every cadre printed once, in the roster's order (序号 1…45)
  const all = pdftotext(pdf);
  for (const c of cadres) expect(all, c.name).toContain(c.name);
  const landscape = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(landscape).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+/);
  toPng(pdf, 'print-roster');

  // the long 简历 is reported in its preview, not cut silently
  await page.getByRole('button', { name: '返回' }).click();
  await page.getByTestId('roster-row').filter({ hasText: long.name }).getByRole('checkbox').check();
  await page.getByTestId('roster-row').filter({ hasText: cadres[1]!.name }).getByRole('checkbox').check();
  await page.getByRole('button').filter({ hasText: /^\s*打印\s*$/ }).click();
  await page.getByRole('menuitem', { name: /批量导出任免审批表PDF（2人）/ }).click();
  const dialog = page.getByRole('dialog', { name: '批量导出任免审批表PDF' });
  await dialog.getByText('每人一个PDF文件').click();
  const folder = path.join(out, 'forms');
  mkdirSync(folder);
  installation.answerNextDialog([folder]);
  await dialog.getByRole('button', { name: '选择保存位置并导出' }).click();
  await expect(dialog).toBeHidden();
  const warning = page.getByRole('dialog').filter({ hasText: '已导出 2 个文件' });
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(warning).toContainText(`${long.name}：简历 超出格子，请精简后再打印`);
  const files = readdirSync(folder).sort();
  expect(files).toEqual([`${cadres[1]!.name}.pdf`, `${long.name}.pdf`].sort());
  for (const f of files) {
    expect(pdfPages(path.join(folder, f))).toBe(2);
    expect(statSync(path.join(folder, f)).size).toBeGreaterThan(10_000);
  }
  toPng(path.join(folder, `${long.name}.pdf`), 'print-overflow');
  await warning.getByRole('button', { name: /知道了|OK|确定/ }).click();
  await expect(warning).toBeHidden();

  await page.goto(`${page.url().split('#')[0]}#/printPreview?kind=appointment&ids=${long.id}`);
  await expect(page.getByTestId('overflow-report')).toContainText(`${long.name}：简历 超出格子，请精简后再打印`);
  await screenshot(page, 'print-preview-overflow');
});
