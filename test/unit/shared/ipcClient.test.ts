import { describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../../shared/ipc';
import { eventNames, methodNames } from '../../../shared/ipc';
import { buildCadreDeskApi } from '../../../shared/ipcClient';

type Build = typeof buildCadreDeskApi;
type Api = Record<string, unknown> & { on(event: string, listener: (p: unknown) => void): () => void };
type Fn = (arg?: unknown) => Promise<unknown>;

/** The function rebuilt from its source text alone, as the e2e fixture's init script does. */
const fromSource = new Function(`return (${buildCadreDeskApi.toString()})`)() as Build;

// One method per namespace for the general tests; several per namespace is tested on its own below (known bug).
const NAMES = ['app.setup', 'dialog.openFile'];
const SEVERAL = ['app.info', 'app.setup', 'dialog.openFile', 'dialog.saveFile'];
const EVENTS = ['progress'];

function fixture(
  build: Build,
  reply: (method: string, arg: unknown) => Envelope = (m, a) => ({ ok: true, value: { m, a } }),
  names: readonly string[] = NAMES,
) {
  const invoke = vi.fn(async (method: string, arg: unknown) => reply(method, arg));
  const unsubscribe = vi.fn();
  const subscribe = vi.fn((_event: string, _listener: (payload: unknown) => void) => unsubscribe);
  const api = build(names, EVENTS, invoke, subscribe) as unknown as Api;
  const call = (ns: string, member: string, arg?: unknown) => (api[ns] as Record<string, Fn>)[member]!(arg);
  return { api, invoke, subscribe, unsubscribe, call };
}

describe.each([
  ['imported', buildCadreDeskApi],
  ['rebuilt from its source text (e2e fixture)', fromSource],
])('buildCadreDeskApi, %s', (_how, build) => {
  it('is a function of the same arity', () => {
    expect(typeof build).toBe('function');
    expect(build.length).toBe(4);
  });

  it("nests 'ns.member' names into namespaces, and nothing else", () => {
    const { api } = fixture(build);
    expect(Object.keys(api).sort()).toEqual(['app', 'dialog', 'on']);
    expect(Object.keys(api.app as object)).toEqual(['setup']);
    expect(Object.keys(api.dialog as object)).toEqual(['openFile']);
  });

  // Regression: freezing each namespace inside the loop, right after its first method, lost the others — a TypeError
  // in strict code, silently dropped in sloppy code (the bundled preload.cjs and new Function() are sloppy), so
  // window.cadreDesk.app.setup / app.updateProfile / dialog.saveFile did not exist.
  it('keeps every method of a namespace (several per namespace)', async () => {
    const { api, call } = fixture(build, undefined, SEVERAL);
    expect(Object.keys(api.app as object).sort()).toEqual(['info', 'setup']);
    expect(Object.keys(api.dialog as object).sort()).toEqual(['openFile', 'saveFile']);
    await expect(call('app', 'info')).resolves.toEqual({ m: 'app.info', a: undefined });
    await expect(call('dialog', 'saveFile', 1)).resolves.toEqual({ m: 'dialog.saveFile', a: 1 });
  });

  it('calls invoke with the full method name and the argument, and resolves to the value', async () => {
    const { invoke, call } = fixture(build);
    await expect(call('app', 'setup', { name: 'x' })).resolves.toEqual({ m: 'app.setup', a: { name: 'x' } });
    expect(invoke).toHaveBeenCalledWith('app.setup', { name: 'x' });
    await expect(call('dialog', 'openFile')).resolves.toEqual({ m: 'dialog.openFile', a: undefined });
    expect(invoke).toHaveBeenLastCalledWith('dialog.openFile', undefined);
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it('resolves falsy values as they are', async () => {
    const { call } = fixture(build, () => ({ ok: true, value: null }));
    await expect(call('app', 'setup')).resolves.toBeNull();
  });

  it('an error envelope becomes a thrown Error with the message and .code', async () => {
    const { call } = fixture(build, () => ({ ok: false, error: { code: 'forbidden', message: '拒绝访问' } }));
    const error = await call('app', 'setup').then(
      () => {
        throw new Error('should have rejected');
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('拒绝访问');
    expect((error as Error & { code?: string }).code).toBe('forbidden');
  });

  it('on() subscribes to a known event and returns the unsubscribe function', () => {
    const { api, subscribe, unsubscribe } = fixture(build);
    const listener = () => {};
    const off = api.on('progress', listener);
    expect(subscribe).toHaveBeenCalledWith('progress', listener);
    expect(off).toBe(unsubscribe);
    off();
    expect(unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('on() rejects an unknown event without subscribing', () => {
    const { api, subscribe } = fixture(build);
    expect(() => api.on('secrets', () => {})).toThrow('unknown event: secrets');
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('the API and its namespaces are frozen (a page cannot swap a method)', () => {
    const { api } = fixture(build);
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.app)).toBe(true);
    expect(() => {
      (api.app as Record<string, unknown>).setup = () => 'evil';
    }).toThrow(TypeError);
    expect(() => {
      (api as Record<string, unknown>).app = {};
    }).toThrow(TypeError);
  });
});

describe('with the real contract', () => {
  // the real contract has three app.* methods (see the regression above)
  it('exposes every contract method and the progress event', () => {
    const api = buildCadreDeskApi(methodNames, eventNames, vi.fn(), vi.fn()) as unknown as Api;
    for (const name of methodNames) {
      const [ns, member] = name.split('.') as [string, string];
      expect(typeof (api[ns] as Record<string, unknown>)[member], name).toBe('function');
    }
    expect(eventNames).toContain('progress');
  });
});
