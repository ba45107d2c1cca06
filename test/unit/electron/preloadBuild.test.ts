// The built preload (docs/architecture.md#build-and-packaging): a sandboxed renderer's preload must be ONE
// CommonJS file whose only require is 'electron'. Nothing here can run Electron, so this checks the bundle itself,
// parses it as a classic script, and runs it in a VM against a fake 'electron' the way the sandbox's tiny require
// would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { parse, type Node } from 'acorn';
import { describe, expect, it } from 'vitest';
import { eventNames, methodNames } from '../../../shared/ipc';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const out = (...p: string[]) => path.join(root, 'out', ...p);
const BUILD_HINT = 'run `npm run build` (electron-vite build) first: `npm test` does this before the unit tests';

function readBuilt(...p: string[]): string {
  const file = out(...p);
  if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is missing — ${BUILD_HINT}`);
  return readFileSync(file, 'utf8');
}

/** Every node of an ESTree, depth first. */
function* nodes(node: unknown): Generator<Node & Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const n of node) yield* nodes(n);
  } else if (node && typeof node === 'object' && typeof (node as Node).type === 'string') {
    yield node as Node & Record<string, unknown>;
    for (const [key, value] of Object.entries(node)) if (key !== 'type') yield* nodes(value);
  }
}

describe('out/preload', () => {
  it('holds exactly one file, preload.cjs', () => {
    if (!existsSync(out('preload'))) throw new Error(`out/preload is missing — ${BUILD_HINT}`);
    expect(readdirSync(out('preload'), { recursive: true })).toEqual(['preload.cjs']);
  });

  it('is CommonJS: parses as a classic script (no import/export, no import.meta, no import())', () => {
    const source = readBuilt('preload', 'preload.cjs');
    const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script' });
    expect([...nodes(ast)].filter((n) => n.type === 'ImportExpression')).toEqual([]);
    // and a cheap textual check that stays readable in a failure message
    expect(source).not.toMatch(/^\s*(import|export)\s[^(]/m);
  });

  it('the only require() is require("electron")', () => {
    const ast = parse(readBuilt('preload', 'preload.cjs'), { ecmaVersion: 'latest', sourceType: 'script' });
    const requires = [...nodes(ast)]
      .filter((n) => n.type === 'CallExpression')
      .filter((n) => {
        const callee = n.callee as Node & { name?: string };
        return callee.type === 'Identifier' && callee.name === 'require';
      })
      .map((n) => {
        const [arg] = n.arguments as (Node & { value?: unknown })[];
        return arg?.type === 'Literal' ? arg.value : `<${arg?.type}>`;
      });
    expect(requires).toEqual(['electron']);
    // nor is `require` reached some other way (module.require, createRequire, a computed call)
    const identifiers = [...nodes(ast)].filter((n) => n.type === 'Identifier' && n.name === 'require');
    expect(identifiers).toHaveLength(1);
  });

  /** Runs the bundle as the sandbox would: a require that knows only 'electron'. */
  function runPreload() {
    const source = readBuilt('preload', 'preload.cjs');
    const exposed: Record<string, unknown> = {};
    const required: string[] = [];
    const invoked: unknown[][] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: unknown) => {
          exposed[key] = api;
        },
      },
      ipcRenderer: {
        on: () => {},
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: 'pong' };
        },
      },
    };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };
    const context = vm.createContext({ console });
    const wrapper = vm.runInContext(`(function (exports, require, module) {\n${source}\n})`, context) as (
      e: unknown,
      r: unknown,
      m: unknown,
    ) => void;
    wrapper(module.exports, sandboxRequire, module);
    return { exposed, required, invoked };
  }

  it('runs with a require that only knows electron, and exposes window.cadreDesk', async () => {
    const { exposed, required, invoked } = runPreload();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['cadreDesk']);
    const api = exposed.cadreDesk as Record<string, Record<string, (a?: unknown) => Promise<unknown>>>;
    await expect(api.app!.info!()).resolves.toBe('pong');
    expect(invoked).toEqual([['cadredesk:invoke', 'app.info', undefined]]);
  });

  // Regression (see ipcClient.test.ts): the bundle is sloppy-mode CommonJS, so a namespace frozen after its first
  // method silently lost app.setup, app.updateProfile and dialog.saveFile in the packaged app.
  it('exposes every method of the contract and on()', () => {
    const { exposed } = runPreload();
    const api = exposed.cadreDesk as Record<string, Record<string, unknown>>;
    for (const name of methodNames) {
      const [ns, member] = name.split('.') as [string, string];
      expect(typeof api[ns]?.[member], name).toBe('function');
    }
    expect(typeof api.on).toBe('function');
    expect(eventNames).toEqual(['progress']);
  });
});

describe('out/main and out/renderer', () => {
  it('out/main/main.js exists and is an ES module importing electron', () => {
    const main = readBuilt('main', 'main.js');
    expect(main).toMatch(/from\s*["']electron["']/);
    // points at the CommonJS preload, not a .mjs one
    expect(main).toContain('preload.cjs');
  });

  it('out/renderer/index.html exists, loads its script from the app, and has no inline script (CSP)', () => {
    const html = readBuilt('renderer', 'index.html');
    expect(html).toContain('<div id="root"></div>');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      // the bundled entry, or the snapshot's boot script (renderer/public/snapshot-boot.js): both files of the app
      expect(attrs).toMatch(/\bsrc="(\.\/|\/)(assets\/[^"]+|snapshot-boot)\.js"/);
      expect(body!.trim()).toBe('');
    }
    for (const [, src] of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      expect(existsSync(out('renderer', src!.replace(/^\.?\//, ''))), src).toBe(true);
    }
  });
});
