import { test, expect, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from '../try/args';
import { allowedExtensions } from '../try/chooser';
import { needsBuild } from '../try/freshness';
import { startTry, type TryRun } from '../try/launcher';
import { completeFirstRun, loadDemoCadres } from '../try/steps';

// npm run try (test/try/): the launcher against a temporary profile, headless. It serves the build the e2e run
// already made (build: 'never'): a build here would rewrite out/ under the other specs.

const ROOT = path.resolve('.');
const FIRST_RUN = '欢迎使用干部选育管用信息系统';
let profile = '';

test.beforeEach(async () => {
  profile = await mkdtemp(path.join(tmpdir(), 'cadredesk-try-'));
});
test.afterEach(async () => {
  await rm(profile, { recursive: true, force: true });
});

const answers = (url: string) => fetch(`${url}/index.html`).then((r) => r.ok, () => false);

type StartOptions = { dialogs?: 'chooser' | 'cancel'; startDir?: string; headless?: boolean; extraArgs?: string[] };
async function start(options: StartOptions = {}): Promise<{ run: TryRun; log: string[] }> {
  const log: string[] = [];
  const run = await startTry({ root: ROOT, profileDir: profile, headless: true, build: 'never', log: (l) => log.push(l), ...options });
  return { run, log };
}

/** A marker database written through the page: only a persistent Chromium profile on the same origin keeps it. */
const writeMarker = (page: Page, value: string) =>
  page.evaluate(
    (v) =>
      new Promise<void>((ok, fail) => {
        const open = indexedDB.open('try-marker', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('m');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('m', 'readwrite');
          tx.objectStore('m').put(v, 'value');
          tx.oncomplete = () => (open.result.close(), ok());
          tx.onerror = () => fail(tx.error);
        };
      }),
    value,
  );
const readMarker = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((ok, fail) => {
        const open = indexedDB.open('try-marker', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('m');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('m').objectStore('m').get('value');
          get.onsuccess = () => (open.result.close(), ok(get.result ?? null));
          get.onerror = () => fail(get.error);
        };
      }),
  );

test('the launcher opens the first-run screen, and a second run of the same profile is the same installation', async () => {
  test.setTimeout(120_000);
  const first = await start();
  const page = first.run.page;
  await expect(page.getByText(FIRST_RUN)).toBeVisible();
  // the page reaches the real handlers: what it shows is the identity the main side created in the profile
  const info = await page.evaluate(() => (window as unknown as { cadreDesk: { app: { info(): Promise<{ installationId: string; dataFolder: string }> } } }).cadreDesk.app.info());
  expect(info.installationId).toBe(first.run.identity.installationId);
  expect(info.dataFolder).toBe(path.join(profile, 'userData'));
  await expect(page.getByTestId('fingerprint')).toHaveText(first.run.identity.fingerprint);
  await writeMarker(page, 'kept');
  const url = first.run.url;

  await first.run.stop();
  expect(await answers(url)).toBe(false); // the server went with the browser

  const second = await start();
  try {
    expect(second.run.url).toBe(url); // same origin, or IndexedDB would be another one
    await expect(second.run.page.getByText(FIRST_RUN)).toBeVisible(); // nothing was completed
    expect(second.run.identity.installationId).toBe(info.installationId);
    expect(await readMarker(second.run.page)).toBe('kept');
  } finally {
    await second.run.stop();
  }
  expect([...first.log, ...second.log].filter((l) => l.includes('出错'))).toEqual([]);
});

test('npm run try --headless: the command serves the app, keeps its installation, and exits 0 when stopped', async () => {
  test.setTimeout(120_000);
  const once = async () => {
    // tsx as a loader in this one process, not its CLI: the CLI is a parent process that relays a signal only once
    // its child has told it about its handler, so an early SIGTERM could kill the wrapper (exit 143) instead
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/try/try.ts', '--headless', '--no-build', '--profile', profile], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await expect.poll(() => out + err, { timeout: 60_000 }).toContain('按 Ctrl+C 结束');
    const url = /已打开：(http:\/\/127\.0\.0\.1:\d+)\/index\.html/.exec(out)?.[1];
    const id = /本机标识 ([0-9a-f]{32})/.exec(out)?.[1];
    expect(url).toBeDefined();
    expect(id).toBeDefined();
    const response = await fetch(`${url}/index.html`);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('已关闭。');
    expect(await answers(url!)).toBe(false);
    return { url, id };
  };
  const first = await once();
  const second = await once();
  expect(second).toEqual(first);
});

test('with a window: closing the last tab of the app, as closing the window does, ends the run and stops the server', async () => {
  // the windowed code path (no --headless, the page sized by the window) on a machine without a display
  const { run } = await start({ headless: false, extraArgs: ['--ozone-platform=headless'] });
  await expect(run.page.getByText(FIRST_RUN)).toBeVisible();
  expect(await run.page.evaluate(() => window.innerWidth)).toBe(1366);
  await run.page.close();
  await run.finished;
  expect(await answers(run.url)).toBe(false);
});

test('a second launcher on a profile that is open is refused in Chinese, and the first one goes on', async () => {
  const first = await start();
  try {
    await expect(start()).rejects.toThrow(/端口 \d+ 已被占用：可能这个试用目录已经在另一个窗口中打开/);
    expect(await answers(first.run.url)).toBe(true);
  } finally {
    await first.run.stop();
  }
});

test('file dialogs: the chooser browses folders, opens a picked file, and asks before a save replaces one', async () => {
  const folder = path.join(profile, 'files');
  await mkdir(path.join(folder, '子目录'), { recursive: true });
  await writeFile(path.join(folder, '名册.xlsx'), 'x');
  await writeFile(path.join(folder, '说明.txt'), 'x');
  await writeFile(path.join(folder, '子目录', '另一个.xlsx'), 'y');
  const { run } = await start({ dialogs: 'chooser', startDir: folder });
  try {
    const page = run.page;
    await expect(page.getByText(FIRST_RUN)).toBeVisible();
    type Api = { cadreDesk: { dialog: Record<'openFile' | 'saveFile', (o: object) => Promise<{ canceled: boolean; filePaths: string[] }>> } };
    const open = page.evaluate(() =>
      (window as unknown as Api).cadreDesk.dialog.openFile({ title: '选择要导入的干部名册', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] }),
    );
    const chooser = page.getByRole('dialog', { name: '选择要导入的干部名册' });
    await expect(chooser.getByRole('option')).toHaveText(['子目录/', '名册.xlsx']); // the filter hides 说明.txt
    await chooser.getByRole('option', { name: '子目录/' }).click();
    await expect(chooser.getByRole('option')).toHaveText(['另一个.xlsx']);
    await chooser.getByRole('button', { name: '上一级' }).click();
    await chooser.getByRole('option', { name: '名册.xlsx' }).click();
    await chooser.getByRole('button', { name: '打开' }).click();
    expect(await open).toEqual({ canceled: false, filePaths: [path.join(folder, '名册.xlsx')] });
    // the chosen path was granted to the real file handlers, and only that one
    type Files = { cadreDesk: { file: { read(a: { path: string }): Promise<{ bytes: Uint8Array }> } } };
    const read = (p: string) =>
      page.evaluate((file) => (window as unknown as Files).cadreDesk.file.read({ path: file }).then((r) => new TextDecoder().decode(r.bytes)), p);
    expect(await read(path.join(folder, '名册.xlsx'))).toBe('x');
    await expect(read(path.join(folder, '说明.txt'))).rejects.toThrow();

    const save = page.evaluate(() => (window as unknown as Api).cadreDesk.dialog.saveFile({ title: '导出名册', defaultName: '名册.xlsx' }));
    const saver = page.getByRole('dialog', { name: '导出名册' });
    await expect(saver.getByLabel('文件名')).toHaveValue('名册.xlsx');
    await saver.getByRole('button', { name: '保存' }).click();
    await expect(saver).toContainText('名册.xlsx 已存在。再点一次“保存”将替换它');
    await saver.getByRole('button', { name: '保存' }).click();
    expect(await save).toEqual({ canceled: false, filePaths: [path.join(folder, '名册.xlsx')] });

    const typed = page.evaluate(() => (window as unknown as Api).cadreDesk.dialog.openFile({ title: '打开' }));
    const again = page.getByRole('dialog', { name: '打开' });
    await again.getByLabel('文件路径').fill(path.join(folder, '没有这个.xlsx'));
    await again.getByRole('button', { name: '打开' }).click();
    await expect(again).toContainText('找不到文件');
    await again.getByRole('button', { name: '取消' }).click();
    expect(await typed).toEqual({ canceled: true, filePaths: [] });
    expect(await readFile(path.join(folder, '名册.xlsx'), 'utf8')).toBe('x'); // choosing writes nothing
  } finally {
    await run.stop();
  }
});

test('through the app: 导出 Excel writes the roster where the person browsed to and typed a name', async () => {
  test.setTimeout(90_000);
  const folder = path.join(profile, 'files');
  await mkdir(path.join(folder, '报表'), { recursive: true });
  const { run } = await start({ dialogs: 'chooser', startDir: folder });
  try {
    const page = run.page;
    await completeFirstRun(page);
    await loadDemoCadres(page); // 导出 Excel needs cadres to export
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const chooser = page.getByRole('dialog', { name: '导出干部名册' });
    await expect(chooser.getByLabel('文件名')).toHaveValue(/^干部名册-\d{4}-\d{2}-\d{2}\.xlsx$/);
    // typed with the keyboard, as a person does: the app's own handlers must not take the keys
    await chooser.getByLabel('文件名').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('本周名册.xlsx');
    await chooser.getByRole('option', { name: '报表/' }).click(); // the typed name stays while moving
    await expect(chooser).toContainText(path.join(folder, '报表'));
    await expect(chooser.getByLabel('文件名')).toHaveValue('本周名册.xlsx');
    await page.keyboard.press('Enter');
    await expect(chooser).toHaveCount(0);

    const written = path.join(folder, '报表', '本周名册.xlsx');
    await expect.poll(() => readFile(written).then((b) => b.subarray(0, 2).toString('latin1'), () => '')).toBe('PK'); // a zip: xlsx
  } finally {
    await run.stop();
  }
});

test('launcher decisions: when it builds, its arguments, and which files a dialog lists', () => {
  expect(needsBuild('auto', null, 5)).toBe(true);
  expect(needsBuild('auto', 10, 11)).toBe(true);
  expect(needsBuild('auto', 10, 9)).toBe(false);
  expect(needsBuild('never', null, 9)).toBe(false);
  expect(needsBuild('always', 10, 9)).toBe(true);

  expect(parseArgs(['--headless', '--profile', 'p', '--no-build'], {})).toEqual({ profileDir: path.resolve('p'), headless: true, build: 'never' });
  expect(parseArgs([], { CADREDESK_TRY_HEADLESS: '1', CADREDESK_TRY_PROFILE: '/x' })).toEqual({ profileDir: '/x', headless: true, build: 'auto' });
  expect(parseArgs(['--profile'], {})).toEqual({ error: '--profile 后面需要一个目录。' });
  expect(parseArgs(['--fast'], {})).toEqual({ error: '不认识的参数 --fast。' });

  expect(allowedExtensions(undefined)).toBeNull();
  expect(allowedExtensions([{ name: 'a', extensions: ['*'] }])).toBeNull();
  expect([...(allowedExtensions([{ name: 'a', extensions: ['XLSX', '.lrmx'] }]) ?? [])]).toEqual(['xlsx', 'lrmx']);
});
