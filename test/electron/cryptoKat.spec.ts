import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronBinary } from './binary';
import { KAT_CHECKS } from '../unit/electron/bundle/katChecks';

// The bundle format's known-answer checks under the Electron binary run as Node (ELECTRON_RUN_AS_NODE=1), so the
// crypto is checked against Electron's BoringSSL and not only Node's OpenSSL. Skips, saying why, where the binary
// is absent (here: no download on this network); a missing vectors folder fails.

const found = electronBinary();
if ('reason' in found) console.log(`[electron crypto KAT] skipped: ${found.reason}; run npm install with internet access to download it.`);

test.describe('crypto known-answer tests under Electron', () => {
  test.skip('reason' in found, 'reason' in found ? found.reason : '');

  test('every vector file passes with ELECTRON_RUN_AS_NODE=1', () => {
    const repoRoot = path.resolve('.');
    const vectors = path.resolve(repoRoot, '../shared/testvectors');
    expect(existsSync(vectors), `missing ${vectors}`).toBe(true);
    const run = spawnSync((found as { path: string }).path, ['test/electron/cryptoKatRunner.mjs', vectors], {
      cwd: repoRoot,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as {
      versions: Record<string, string>;
      results: { file: string; checked: number; failures: string[] }[];
    };
    expect(report.versions.electron, 'not running inside Electron').toBeTruthy();
    expect(report.results.map((r) => r.file).sort()).toEqual(Object.keys(KAT_CHECKS).sort());
    for (const r of report.results) {
      expect(r.failures, r.file).toEqual([]);
      expect(r.checked, r.file).toBeGreaterThan(0);
    }
    expect(run.status).toBe(0);
  });
});
