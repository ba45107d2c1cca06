import { test, expect, _electron as electron } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from './binary';

const found = electronBinary();
if ('reason' in found) console.log(`[electron smoke] skipped: ${found.reason}; run npm install with internet access to download it.`);

test.describe('Electron smoke', () => {
  test.skip('reason' in found, 'reason' in found ? found.reason : '');

  test('starts, loads app://cadredesk without Node in the page, shows the first-run screen', async () => {
    const userData = await mkdtemp(path.join(tmpdir(), 'cadredesk-electron-'));
    const app = await electron.launch({
      executablePath: (found as { path: string }).path,
      args: [path.resolve('.')],
      env: { ...process.env, CADREDESK_USER_DATA_DIR: userData } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByText('欢迎使用干部选育管用信息系统')).toBeVisible();
      expect(page.url()).toBe('app://cadredesk/index.html');
      // No Node in the page (nodeIntegration off, context isolation on): only the bridged API is there.
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
      const info = await page.evaluate(() => (window as unknown as { cadreDesk: { app: { info(): Promise<{ installationId: string }> } } }).cadreDesk.app.info());
      expect(info.installationId).toMatch(/^[0-9a-f]{32}$/);
      // Navigation away from the app origin is refused.
      await page.evaluate(() => (location.href = 'https://example.com/'));
      await page.waitForTimeout(500);
      expect(page.url()).toBe('app://cadredesk/index.html');
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});
