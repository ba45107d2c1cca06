import type { CadreDeskApi } from '../../shared/ipc';
import { BASE_URL } from './env';
import { test, expect } from './fixture';

type AppWindow = Window & { cadreDesk: CadreDeskApi };

test('the page runs under the production CSP: inline scripts, string eval and remote loads are refused', async ({ installation }) => {
  const page = installation.page;
  const result = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const w = window as unknown as Record<string, unknown>;
    const inline = document.createElement('script');
    inline.textContent = 'window.__inlineRan = true';
    document.body.append(inline);
    // A string handed to setTimeout is compiled later by the page itself, so CSP applies (unlike evaluate()).
    (setTimeout as unknown as (code: string, ms: number) => void)('window.__evalRan = true', 0);
    const img = new Image();
    img.src = 'http://127.0.0.2:9/x.png';
    const fetched = await fetch('http://127.0.0.2:9/x').then(
      () => 'loaded',
      () => 'blocked',
    );
    await new Promise((r) => setTimeout(r, 300));
    return { violations, inline: w.__inlineRan ?? false, evaluated: w.__evalRan ?? false, fetched };
  });
  expect(result.inline).toBe(false);
  expect(result.evaluated).toBe(false);
  expect(result.fetched).toBe('blocked');
  expect(new Set(result.violations)).toEqual(new Set(['script-src-elem', 'script-src', 'img-src', 'connect-src']));
});

test('the IPC handlers refuse frames from another origin and invalid arguments', async ({ installation }) => {
  const page = installation.page;
  // Same binding, but the calling frame is not the app's origin: the dispatcher must refuse.
  await page.goto('about:blank');
  const foreign = await page.evaluate(() =>
    (window as unknown as { __cadreDeskInvoke(m: string, a: unknown): Promise<unknown> }).__cadreDeskInvoke('app.info', undefined),
  );
  expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  await page.goto(`${BASE_URL}/index.html`);
  const invalid = await page.evaluate(() =>
    (window as unknown as AppWindow).cadreDesk.app.setup({ name: '', type: 'department', operator: 'x' }).then(
      () => 'accepted',
      (e: Error & { code?: string }) => `${e.code}: ${e.message}`,
    ),
  );
  expect(invalid).toMatch(/^invalid-argument: 参数不正确：name：请填写本机名称/);
  const info = await page.evaluate(() => (window as unknown as AppWindow).cadreDesk.app.info());
  expect(info.profile).toBeNull();
  // Only public identity leaves the main process.
  expect(Object.keys(info).sort()).toEqual(
    ['appName', 'dataFolder', 'fingerprint', 'installationId', 'keyProtection', 'profile', 'version'].sort(),
  );
});
