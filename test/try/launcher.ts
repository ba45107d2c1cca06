import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, readlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { z } from 'zod';
import type { Identity } from '../../electron/keys/identity';
import { assertChromium, CHROMIUM_ARGS, CHROMIUM_PATH, PREVIEW_PORT_VARIABLE } from '../e2e/env';
import { createMainSide, wireContext } from '../e2e/transport';
import { createChooserDialogs } from './chooser';
import { builtAt, needsBuild, newestMtime, RENDERER_SOURCES, type BuildMode } from './freshness';

/**
 * `npm run try`: the built app in Chromium with the real main-process handlers behind it, through the e2e
 * transport (test/e2e/transport.ts), for machines where Electron's binary cannot be installed. Test tooling: it
 * lives beside the e2e code it shares and never ships.
 *
 * A profile folder holds one installation and persists between runs:
 *   userData/   the main process's folder (keys/, the installation profile), as Electron's userData
 *   chromium/   Chromium's --user-data-dir, where the app's IndexedDB lives
 *   try.json    the preview server's port. IndexedDB belongs to an origin, and http://127.0.0.1:<port> is a
 *               different origin on another port, so every run of a profile must use the port its first run chose.
 */

export const DEFAULT_PROFILE_DIR = path.join(homedir(), '.cadredesk-try');

const TrySettingsSchema = z.object({ port: z.number().int().min(1024).max(65535) });
type TrySettings = z.infer<typeof TrySettingsSchema>;

export interface TryOptions {
  /** The checkout (where out/ and test/e2e/preview.config.ts are). */
  root: string;
  profileDir: string;
  headless: boolean;
  build: BuildMode;
  /** File dialogs: the in-page chooser, or cancelled (nobody to answer). Default: chooser unless headless. */
  dialogs?: 'chooser' | 'cancel';
  /** The folder the first file dialog opens in; default the home folder. */
  startDir?: string;
  /** More Chromium flags (the test runs the windowed path without a display through --ozone-platform=headless). */
  extraArgs?: readonly string[];
  /** Progress and problems, in Chinese, for the person at the terminal. */
  log: (line: string) => void;
}

export interface TryRun {
  url: string;
  identity: Identity;
  context: BrowserContext;
  page: Page;
  /** Settles once the browser is closed and the server has stopped. */
  finished: Promise<void>;
  /** Closes the browser (as closing its window does) and waits for everything to stop. */
  stop(): Promise<void>;
}

/** A problem the person can fix; the CLI prints its message and exits 1. */
export class TryError extends Error {}

export async function startTry(o: TryOptions): Promise<TryRun> {
  assertChromium();
  await buildIfStale(o);
  await mkdir(o.profileDir, { recursive: true });
  const settings = await loadOrChoosePort(o.profileDir);
  const url = `http://127.0.0.1:${settings.port}`;

  const server = await startPreviewServer(o.root, settings.port);
  // Remember the port only once a server really listened on it.
  await writeFile(path.join(o.profileDir, 'try.json'), JSON.stringify(settings, null, 2) + '\n');
  let context: BrowserContext | null = null;
  try {
    const headless = o.headless;
    const { identity, dispatch } = await createMainSide({
      userDataDir: path.join(o.profileDir, 'userData'),
      allowedOrigin: url,
      appVersion: await appVersion(o.root),
      dialogs: createChooserDialogs({
        page: () => context?.pages().filter((p) => p.url().startsWith(url)).at(-1) ?? null,
        startDir: o.startDir ?? homedir(),
        answer: (o.dialogs ?? (headless ? 'cancel' : 'chooser')) === 'chooser',
        log: o.log,
      }),
      logError: (method, e) => o.log(`处理 ${method} 时出错：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    });
    const chromiumDir = path.join(o.profileDir, 'chromium');
    context = await chromium.launchPersistentContext(chromiumDir, {
      executablePath: CHROMIUM_PATH,
      // headed: the page follows the window, which a person resizes; headless: the e2e's screen size
      args: [...CHROMIUM_ARGS, ...(headless ? [] : ['--window-size=1366,900']), ...(o.extraArgs ?? [])],
      headless,
      locale: 'zh-CN',
      viewport: headless ? { width: 1366, height: 800 } : null,
    });
    const browser = context;
    const browserPid = await lockHolder(chromiumDir); // read now: Chromium removes the lock early in its shutdown
    await wireContext(browser, dispatch);
    const page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => o.log(`页面出错：${e.message}`));

    const finished = new Promise<void>((resolve) => {
      browser.on('close', () => void Promise.all([stopServer(server), exited(browserPid)]).then(() => resolve()));
    });
    // The server gone while the window is open: the app cannot reload any more, so end the run instead.
    server.once('exit', () => void browser.close().catch(() => undefined));
    await page.goto(`${url}/index.html`);
    return {
      url,
      identity,
      context: browser,
      page,
      finished,
      stop: async () => {
        await browser.close().catch(() => undefined);
        await finished;
      },
    };
  } catch (e) {
    await context?.close().catch(() => undefined);
    await stopServer(server);
    throw e;
  }
}

async function buildIfStale(o: TryOptions): Promise<void> {
  const built = await builtAt(o.root);
  if (!needsBuild(o.build, built, await newestMtime(o.root, RENDERER_SOURCES))) {
    if (built === null) throw new TryError('没有找到构建结果 out/renderer：请先运行 npm run build，或去掉 --no-build。');
    return;
  }
  o.log(built === null ? '尚未构建，正在构建（npm run build）……' : '源代码比构建结果新，正在重新构建（npm run build）……');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'build'], { cwd: o.root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new TryError('构建失败（npm run build），请查看上面的输出，修正后再试。');
}

async function loadOrChoosePort(profileDir: string): Promise<TrySettings> {
  const file = path.join(profileDir, 'try.json');
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return { port: await freePort() };
  let parsed: ReturnType<typeof TrySettingsSchema.safeParse>;
  try {
    parsed = TrySettingsSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = TrySettingsSchema.safeParse(null);
  }
  if (!parsed.success) throw new TryError(`${file} 已损坏：请删除它后再试（删除后本试用目录中的数据库将无法再打开）。`);
  if (!(await isFree(parsed.data.port))) {
    throw new TryError(
      `端口 ${parsed.data.port} 已被占用：可能这个试用目录已经在另一个窗口中打开，请先关闭那个窗口。` +
        '本试用目录的数据库只能在这个端口上打开。',
    );
  }
  return parsed.data;
}

/** A port the OS says is free now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

/** test/e2e/preview.config.ts: out/renderer with the production security headers, on this profile's port. */
async function startPreviewServer(root: string, port: number): Promise<ChildProcess> {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const server = spawn(process.execPath, [vite, 'preview', '--config', 'test/e2e/preview.config.ts'], {
    cwd: root,
    env: { ...process.env, [PREVIEW_PORT_VARIABLE]: String(port), VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new TryError(`预览服务器没有启动（端口 ${port}）：\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/index.html`).then((r) => r.ok, () => false);
    if (ok) return server;
    if (Date.now() > deadline) {
      await stopServer(server);
      throw new TryError(`预览服务器一分钟内没有响应（端口 ${port}）：\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });
}

/**
 * The pid of the Chromium holding the profile, from its SingletonLock ("<host>-<pid>"; Linux and macOS, null
 * elsewhere). When a person closes the window, Playwright reports the context closed while Chromium is still
 * shutting down and writing its profile; a run started again at once, or the folder deleted to start over, would
 * meet it half-written. So the run ends only once that process has exited.
 */
async function lockHolder(chromiumDir: string): Promise<number | null> {
  const lock = await readlink(path.join(chromiumDir, 'SingletonLock')).catch(() => null);
  const pid = Number(lock?.split('-').at(-1));
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Waits (at most 10 s) for a process to exit. */
async function exited(pid: number | null): Promise<void> {
  if (pid === null) return;
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + 10_000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

async function appVersion(root: string): Promise<string> {
  const pkg = z.object({ version: z.string() }).parse(JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')));
  return `${pkg.version}-try`;
}
