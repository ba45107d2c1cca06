import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTry } from './launcher';
import { completeFirstRun, loadDemoCadres } from './steps';

/**
 * The README's picture of the roster (docs/images/roster.png), taken the way a person would see it: the try
 * launcher, headless, on a fresh profile; first run completed, 1,000 demo cadres loaded through 本机设置 →
 * 培训与演示数据, then 干部名册. Run: npx tsx test/try/rosterScreenshot.ts (builds first if out/ is stale).
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, 'docs', 'images', 'roster.png');
const profileDir = await mkdtemp(path.join(tmpdir(), 'cadredesk-screenshot-'));
const run = await startTry({ root, profileDir, headless: true, build: 'auto', log: (l) => console.log(l) });
try {
  const page = run.page;
  page.setDefaultTimeout(30_000);
  await completeFirstRun(page);
  await loadDemoCadres(page);
  await page.mouse.move(1300, 780); // no hover highlight in the picture
  await page.waitForTimeout(500); // let the menu's selection transition finish
  await page.screenshot({ path: target });
  console.log(`已保存 ${path.relative(root, target)}`);
} finally {
  await run.stop();
  await rm(profileDir, { recursive: true, force: true });
}
