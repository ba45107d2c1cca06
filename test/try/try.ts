import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, USAGE } from './args';
import { startTry, TryError } from './launcher';

/**
 * npm run try [-- --headless] [--profile <dir>] [--build | --no-build]
 * Opens the app and waits until its window is closed (or Ctrl+C), then stops the server and exits 0.
 * --headless (or CADREDESK_TRY_HEADLESS=1): no window, for CI and smoke runs; it runs until stopped by a signal.
 */
async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2), process.env);
  if ('error' in parsed) {
    console.error(`${parsed.error}\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const log = (line: string) => console.log(line);
  let run;
  try {
    run = await startTry({ root, ...parsed, log });
  } catch (e) {
    console.error(e instanceof TryError ? e.message : e);
    return 1;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void run.stop());
  log(`干部选育管用信息系统（试用）已打开：${run.url}/index.html`);
  log(`试用目录：${parsed.profileDir}（本机标识 ${run.identity.installationId}）`);
  log(parsed.headless ? '无界面运行中，按 Ctrl+C 结束。' : '关闭浏览器窗口即结束。');
  await run.finished;
  log('已关闭。');
  return 0;
}

// exit explicitly: the run is over once the browser and server are gone, whatever handles Node still holds
process.exit(await main());
