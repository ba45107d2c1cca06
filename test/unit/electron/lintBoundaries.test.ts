import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * docs/architecture.md "Boundaries" are enforced by lint, not by memory: this proves each boundary in eslint.config.js
 * fires, and that the allowed cases stay allowed. The files are virtual: lintText only needs a path for the
 * config to pick the right block.
 */

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const IMPORTS = '@typescript-eslint/no-restricted-imports';
const GLOBALS = 'no-restricted-globals';
const SYNTAX = 'no-restricted-syntax';
const BOUNDARY_RULES = new Set([IMPORTS, GLOBALS, SYNTAX]);

let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: repoRoot });
  // Loads the config and the TypeScript parser once, outside the per-test timeout.
  await eslint.lintText('export {};\n', { filePath: join(repoRoot, 'shared/warmup.ts') });
}, 30_000);

async function lint(relPath: string, code: string): Promise<Linter.LintMessage[]> {
  const filePath = join(repoRoot, relPath);
  expect(await eslint.isPathIgnored(filePath), `${relPath} must not be ignored`).toBe(false);
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result!.messages;
  // A parse error or "file ignored" warning has no rule id: it would make every negative assertion vacuous.
  expect(messages.filter((m) => m.ruleId == null)).toEqual([]);
  return messages;
}

/** The boundary rule ids reported, one per message, in order. */
async function boundaryRules(relPath: string, code: string): Promise<string[]> {
  return (await lint(relPath, code)).map((m) => m.ruleId!).filter((id) => BOUNDARY_RULES.has(id));
}

async function expectOnly(relPath: string, code: string, ruleIds: string[]): Promise<Linter.LintMessage[]> {
  const messages = await lint(relPath, code);
  expect(messages.map((m) => m.ruleId)).toEqual(ruleIds);
  for (const m of messages) expect(m.message).toContain('(docs/architecture.md "Boundaries")');
  return messages;
}

describe('shared/ is pure', () => {
  it('may not import renderer/ or electron/ by relative path', async () => {
    const [m] = await expectOnly(
      'shared/foo.ts',
      `import { x } from '../renderer/x';\nexport const y = x;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain('shared/ imports nothing from renderer/ or electron/');
    await expectOnly('shared/sync/foo.ts', `export * from '../../electron/y';\n`, [IMPORTS]);
    await expectOnly(
      'shared/sync/foo.ts',
      `import type { Db } from '../../renderer/db';\nexport type T = Db;\n`,
      [IMPORTS],
    );
  });

  it('may not import Node built-ins, bare or node:-prefixed', async () => {
    const [m] = await expectOnly(
      'shared/foo.ts',
      `import { readFile } from 'node:fs';\nexport const r = readFile;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain('shared/ is pure');
    await expectOnly(
      'shared/foo.ts',
      `import path from 'path';\nimport { createHash } from 'crypto';\nimport fsp from 'fs/promises';\n` +
        `export const a = [path, createHash, fsp];\n`,
      [IMPORTS, IMPORTS, IMPORTS],
    );
  });

  it('may not import electron, react or dexie', async () => {
    await expectOnly(
      'shared/foo.ts',
      `import { app } from 'electron';\nimport { useState } from 'react';\nimport Dexie from 'dexie';\n` +
        `export const a = [app, useState, Dexie];\n`,
      [IMPORTS, IMPORTS, IMPORTS],
    );
  });

  it('may not use DOM or Node globals', async () => {
    const messages = await expectOnly(
      'shared/foo.ts',
      `export const a = window.location.href;\nexport const b = process.env.HOME;\n` +
        `export const c = crypto.subtle;\nexport const d = Buffer.from('x');\n`,
      [GLOBALS, GLOBALS, GLOBALS, GLOBALS],
    );
    expect(messages.map((m) => m.message.match(/'(\w+)'/)?.[1])).toEqual([
      'window',
      'process',
      'crypto',
      'Buffer',
    ]);
    expect(messages[0]!.message).toContain('shared/ is pure: no Node or DOM APIs');
  });

  it('may not reach a forbidden module by dynamic import', async () => {
    await expectOnly('shared/foo.ts', `export const load = () => import('node:fs');\n`, [SYNTAX]);
  });

  it('may import shared code, zod and uuid, and use TextEncoder', async () => {
    expect(
      await boundaryRules(
        'shared/sync/foo.ts',
        `import { z } from 'zod';\nimport { v7 } from 'uuid';\nimport { naturalId } from '../ids';\n` +
          `import type { Rec } from './record';\n` +
          `export const a = [z, v7, naturalId, new TextEncoder().encode('x')];\nexport type R = Rec;\n`,
      ),
    ).toEqual([]);
  });

  it('a local binding named like a global is fine', async () => {
    expect(
      await boundaryRules(
        'shared/foo.ts',
        `export function run(process: () => void): void {\n  process();\n}\n`,
      ),
    ).toEqual([]);
  });
});

describe('renderer/ never imports electron/ or Node', () => {
  it("may not import 'electron'", async () => {
    const [m] = await expectOnly(
      'renderer/features/foo/Foo.tsx',
      `import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain('window.cadreDesk');
  });

  it('may not import electron/ by relative path, not even its types', async () => {
    await expectOnly(
      'renderer/foo.ts',
      `import { identity } from '../electron/keys/identity';\nexport const i = identity;\n`,
      [IMPORTS],
    );
    await expectOnly(
      'renderer/features/keys/Keys.tsx',
      `import type { Identity } from '../../../electron/keys/identity';\nexport type I = Identity;\n`,
      [IMPORTS],
    );
  });

  it('may not import Node built-ins', async () => {
    await expectOnly(
      'renderer/foo.ts',
      `import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n`,
      [IMPORTS],
    );
  });

  it('may import shared/ and browser libraries', async () => {
    expect(
      await boundaryRules(
        'renderer/features/foo/Foo.tsx',
        `import { useState } from 'react';\nimport Dexie from 'dexie';\n` +
          `import { naturalId } from '../../../shared/ids';\n` +
          `export const a = [useState, Dexie, naturalId, window.cadreDesk];\n`,
      ),
    ).toEqual([]);
  });
});

describe('electron/: the electron module only in wiring files, and never renderer/', () => {
  it("a logic module may not import 'electron' at runtime", async () => {
    const [m] = await expectOnly(
      'electron/ipc/foo.ts',
      `import { app } from 'electron';\nexport const a = app;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain('Only wiring files');
    await expectOnly('electron/ipc/foo.ts', `export const load = () => import('electron');\n`, [SYNTAX]);
  });

  it("a logic module may import types from 'electron'", async () => {
    expect(
      await boundaryRules(
        'electron/ipc/foo.ts',
        `import type { IpcMainInvokeEvent } from 'electron';\nexport type E = IpcMainInvokeEvent;\n`,
      ),
    ).toEqual([]);
  });

  it("an inline `type` import of 'electron' is not type-only at runtime, and is flagged", async () => {
    const ids = (
      await lint(
        'electron/ipc/foo.ts',
        `import { type IpcMainInvokeEvent } from 'electron';\nexport type E = IpcMainInvokeEvent;\n`,
      )
    ).map((m) => m.ruleId);
    expect(ids).toContain('@typescript-eslint/no-import-type-side-effects');
  });

  it("the wiring files may import 'electron'", async () => {
    for (const file of ['electron/main.ts', 'electron/preload.ts', 'electron/wiring/ipc.ts']) {
      expect(
        await boundaryRules(
          file,
          `import { app, ipcMain } from 'electron';\nexport const a = [app, ipcMain];\n`,
        ),
        file,
      ).toEqual([]);
    }
  });

  it('no file in electron/ may import renderer/, wiring included', async () => {
    const [m] = await expectOnly(
      'electron/ipc/foo.ts',
      `import { db } from '../../renderer/db';\nexport const d = db;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain('electron/ never imports renderer/');
    await expectOnly('electron/main.ts', `import { db } from '../renderer/db';\nexport const d = db;\n`, [
      IMPORTS,
    ]);
    await expectOnly('electron/main.ts', `import type { Db } from '../renderer/db';\nexport type D = Db;\n`, [
      IMPORTS,
    ]);
  });

  it('may import shared/ and Node built-ins', async () => {
    expect(
      await boundaryRules(
        'electron/keys/identity.ts',
        `import { generateKeyPairSync } from 'node:crypto';\n` +
          `import { naturalId } from '../../shared/ids';\n` +
          `export const a = [generateKeyPairSync, naturalId, process.platform];\n`,
      ),
    ).toEqual([]);
  });
});

describe('product code never imports bench/', () => {
  const BENCH_MESSAGE = 'never imports bench/';

  it('renderer/ may not import bench/, statically, type-only or dynamically', async () => {
    const [m] = await expectOnly(
      'renderer/features/demoData/loadDemoData.ts',
      `import { generateDataset } from '../../../bench/generate/cadres';\nexport const g = generateDataset;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain(BENCH_MESSAGE);
    await expectOnly('renderer/foo.ts', `import type { Stat } from '../bench/measure';\nexport type S = Stat;\n`, [
      IMPORTS,
    ]);
    const [d] = await expectOnly(
      'renderer/features/demoData/load.ts',
      `export const load = () => import('../../../bench/generate/cadres');\n`,
      [SYNTAX],
    );
    expect(d!.message).toContain(BENCH_MESSAGE);
  });

  it('electron/ may not import bench/, wiring files included', async () => {
    for (const file of ['electron/ipc/foo.ts', 'electron/main.ts']) {
      const depth = file.split('/').length - 1;
      const [m] = await expectOnly(
        file,
        `import { stat } from '${'../'.repeat(depth)}bench/measure';\nexport const s = stat;\n`,
        [IMPORTS],
      );
      expect(m!.message, file).toContain(BENCH_MESSAGE);
    }
  });

  it('shared/ may not import bench/ either', async () => {
    const [m] = await expectOnly(
      'shared/synthetic/foo.ts',
      `import { stat } from '../../bench/measure';\nexport const s = stat;\n`,
      [IMPORTS],
    );
    expect(m!.message).toContain(BENCH_MESSAGE);
  });

  it('names that merely start with "bench" are not bench/', async () => {
    expect(
      await boundaryRules(
        'renderer/features/foo/Foo.tsx',
        `import { b } from './benchmarkLabels';\nimport { c } from '../bench-free/c';\nexport const a = [b, c];\n`,
      ),
    ).toEqual([]);
  });

  it('bench/ and the tests may import the product and the generator', async () => {
    expect(
      await boundaryRules(
        'bench/benchEntry.ts',
        `import { openDatabase } from '../renderer/db/database';\n` +
          `import { generateDataset } from '../shared/synthetic/cadres';\nexport const a = [openDatabase, generateDataset];\n`,
      ),
    ).toEqual([]);
  });
});
