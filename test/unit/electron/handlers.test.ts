import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/ipc';
import type { Dialogs } from '../../../electron/ipc/dialog';
import { createDispatcher, type CallContext } from '../../../electron/ipc/dispatch';
import { loadOrCreateIdentity, type Identity } from '../../../electron/keys/identity';
import { buildCard, serializeCard } from '../../../electron/keys/card';
import { createProfileStore } from '../../../electron/profile';
import { APP_ORIGIN } from '../../../electron/security/origin';
import { UserError } from '../../../shared/errors';
import { AppInfoSchema } from '../../../shared/domain/installation';
import { methodNames, type Envelope, type MethodName } from '../../../shared/ipc';
import { nextEntry } from '../../../shared/rules/supervisionChain';

const PAGE = 'app://cadredesk/index.html';
const DEPT = { name: '新城区委组织部干部科', type: 'department', operator: '张三' } as const;
const UNIT = { name: '新城区教育局', type: 'unit', operator: '李四' } as const;

let userDataDir: string;
let identity: Identity;
let dialogs: {
  showOpen: ReturnType<typeof vi.fn<Dialogs['showOpen']>>;
  showSave: ReturnType<typeof vi.fn<Dialogs['showSave']>>;
  showFolder: ReturnType<typeof vi.fn<Dialogs['showFolder']>>;
};

beforeEach(async () => {
  userDataDir = mkdtempSync(path.join(tmpdir(), 'cadredesk-handlers-'));
  identity = await loadOrCreateIdentity(path.join(userDataDir, 'keys'), null);
  dialogs = {
    showOpen: vi.fn<Dialogs['showOpen']>(async () => ({ canceled: false, filePaths: ['/media/usb/甲.cadre'] })),
    showSave: vi.fn<Dialogs['showSave']>(async () => ({ canceled: false, filePaths: ['/media/usb/乙.cadre'] })),
    showFolder: vi.fn<Dialogs['showFolder']>(async () => ({ canceled: false, filePaths: ['/media/usb/任免审批表'] })),
  };
});
afterEach(() => rmSync(userDataDir, { recursive: true, force: true }));

function handlers() {
  return createHandlers({
    appName: '干部选育管用信息系统',
    appVersion: '0.1.0',
    userDataDir,
    identity,
    profiles: createProfileStore(userDataDir),
    dialogs,
    printer: { pdf: async () => ({ pdf: new Uint8Array([37, 80, 68, 70]), pages: 2, overflows: [] }), print: async () => true },
  });
}

const ctx: CallContext = { emit: () => {} };

async function userErrorOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => {
      throw new Error('expected a UserError');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('app.*', () => {
  it('app.info before setup: the identity, the data folder, and profile null', async () => {
    const info = await handlers()['app.info'](undefined, ctx);
    expect(info).toEqual({
      appName: '干部选育管用信息系统',
      version: '0.1.0',
      installationId: identity.installationId,
      fingerprint: identity.fingerprint,
      keyProtection: 'userFile',
      dataFolder: userDataDir,
      profile: null,
    });
  });

  it('app.setup stores the profile (unitId null) and returns the new info; it survives a restart', async () => {
    const info = await handlers()['app.setup'](DEPT, ctx);
    expect(info.profile).toEqual({ ...DEPT, unitId: null });
    expect(JSON.parse(readFileSync(path.join(userDataDir, 'profile.json'), 'utf8'))).toEqual({ ...DEPT, unitId: null });
    // a fresh handler set over the same folder (a restart) sees it
    expect((await handlers()['app.info'](undefined, ctx)).profile).toEqual({ ...DEPT, unitId: null });
  });

  it('a second app.setup is a UserError and changes nothing', async () => {
    const h = handlers();
    await h['app.setup'](DEPT, ctx);
    expect(await userErrorOf(h['app.setup'](UNIT, ctx))).toBe('本机已完成初始设置，不能重复设置。');
    expect((await h['app.info'](undefined, ctx)).profile).toEqual({ ...DEPT, unitId: null });
  });

  it('app.updateProfile before setup is a UserError', async () => {
    expect(await userErrorOf(handlers()['app.updateProfile']({ unitId: 'u1' }, ctx))).toMatch(/初始设置/);
  });

  it('app.updateProfile is refused for a department installation', async () => {
    const h = handlers();
    await h['app.setup'](DEPT, ctx);
    expect(await userErrorOf(h['app.updateProfile']({ unitId: 'u1' }, ctx))).toMatch(/单位/);
    expect((await h['app.info'](undefined, ctx)).profile?.unitId).toBeNull();
  });

  it('app.updateProfile sets and clears the unit of a unit installation, keeping the rest', async () => {
    const h = handlers();
    await h['app.setup'](UNIT, ctx);
    expect((await h['app.updateProfile']({ unitId: 'u-42' }, ctx)).profile).toEqual({ ...UNIT, unitId: 'u-42' });
    expect((await handlers()['app.info'](undefined, ctx)).profile).toEqual({ ...UNIT, unitId: 'u-42' });
    expect((await h['app.updateProfile']({ unitId: null }, ctx)).profile).toEqual({ ...UNIT, unitId: null });
  });

  it('app.updateProfile renames the installation and the operator on either type; the installation id stays', async () => {
    for (const setup of [DEPT, UNIT]) {
      const h = handlers();
      const before = await h['app.setup'](setup, ctx);
      const renamed = await h['app.updateProfile']({ name: '新城区委组织部', operator: '王五' }, ctx);
      expect(renamed.profile).toEqual({ ...setup, name: '新城区委组织部', operator: '王五', unitId: null });
      expect(renamed.installationId).toBe(before.installationId);
      expect(renamed.fingerprint).toBe(before.fingerprint);
      // only the operator: the name stays as renamed; and a fresh handler set reads the same from disk
      await h['app.updateProfile']({ operator: '赵六' }, ctx);
      const reread = await handlers()['app.info'](undefined, ctx);
      expect(reread.profile).toMatchObject({ name: '新城区委组织部', operator: '赵六', type: setup.type });
      expect(reread.installationId).toBe(identity.installationId);
      rmSync(path.join(userDataDir, 'profile.json'));
    }
  });

  it('a unit installation keeps its unit when only its names change', async () => {
    const h = handlers();
    await h['app.setup'](UNIT, ctx);
    await h['app.updateProfile']({ unitId: 'u-42' }, ctx);
    expect((await h['app.updateProfile']({ name: '新城区教育局人事科' }, ctx)).profile).toEqual({ ...UNIT, name: '新城区教育局人事科', unitId: 'u-42' });
  });

  it('the contract refuses an empty, blank or over-long name, and an update that changes nothing, in Chinese', async () => {
    const dispatch = createDispatcher(handlers(), { allowedOrigin: APP_ORIGIN });
    await dispatch(PAGE, 'app.setup', DEPT, ctx);
    const refusal = async (arg: unknown) => {
      const result = await dispatch(PAGE, 'app.updateProfile', arg, ctx);
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error.message;
    };
    expect(await refusal({ operator: '' })).toMatch(/请填写操作员姓名/);
    expect(await refusal({ operator: '   ' })).toMatch(/请填写操作员姓名/);
    expect(await refusal({ operator: '王'.repeat(31) })).toMatch(/操作员姓名不能超过30个字/);
    expect(await refusal({ name: '' })).toMatch(/请填写本机名称/);
    expect(await refusal({ name: '名'.repeat(61) })).toMatch(/本机名称不能超过60个字/);
    expect(await refusal({})).toMatch(/没有要保存的修改/);
    expect(await refusal({ installationId: 'f'.repeat(32) })).toMatch(/参数不正确/);
    // nothing was written
    expect((await handlers()['app.info'](undefined, ctx)).profile).toEqual({ ...DEPT, unitId: null });
  });
});

describe('dialog.*', () => {
  it('dialog.openFile passes the options and returns the fake’s answer', async () => {
    const options = { title: '选择数据包', filters: [{ name: '数据包', extensions: ['cadre'] }], multiple: true };
    expect(await handlers()['dialog.openFile'](options, ctx)).toEqual({ canceled: false, filePaths: ['/media/usb/甲.cadre'] });
    expect(dialogs.showOpen).toHaveBeenCalledWith(options);
  });

  it('dialog.saveFile returns the fake’s answer', async () => {
    expect(await handlers()['dialog.saveFile']({ defaultName: '乙.cadre' }, ctx)).toEqual({
      canceled: false,
      filePaths: ['/media/usb/乙.cadre'],
    });
    expect(dialogs.showSave).toHaveBeenCalledWith({ defaultName: '乙.cadre' });
  });

  it('dialog.openFolder returns the fake’s folder', async () => {
    expect(await handlers()['dialog.openFolder']({ title: '选择文件夹' }, ctx)).toEqual({ canceled: false, filePaths: ['/media/usb/任免审批表'] });
    expect(dialogs.showFolder).toHaveBeenCalledWith({ title: '选择文件夹' });
  });

  it('a cancelled dialog returns no paths, even if the OS reported some', async () => {
    dialogs.showOpen.mockResolvedValueOnce({ canceled: true, filePaths: ['/etc/shadow'] });
    dialogs.showSave.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    dialogs.showFolder.mockResolvedValueOnce({ canceled: true, filePaths: ['/etc'] });
    const h = handlers();
    expect(await h['dialog.openFile']({}, ctx)).toEqual({ canceled: true, filePaths: [] });
    expect(await h['dialog.saveFile']({}, ctx)).toEqual({ canceled: true, filePaths: [] });
    expect(await h['dialog.openFolder']({}, ctx)).toEqual({ canceled: true, filePaths: [] });
  });
});

describe('through the dispatcher: nothing secret leaves the main process', () => {
  /** Every way the private keys could be spelled in a JSON result. */
  function secrets(): string[] {
    const out: string[] = [];
    for (const key of [identity.signingPrivateKey, identity.encryptionPrivateKey]) {
      const der = key.export({ format: 'der', type: 'pkcs8' });
      const raw = Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url');
      out.push(der.toString('base64'), der.toString('hex'), raw.toString('base64'), raw.toString('base64url'), raw.toString('hex'));
      // a Buffer serialised by JSON.stringify: {"type":"Buffer","data":[…]}
      out.push(JSON.stringify([...raw]).slice(1, -1));
    }
    out.push(readFileSync(path.join(userDataDir, 'keys', 'private.key'), 'utf8'));
    return out;
  }

  /**
   * One valid call per method, in an order that exercises every branch that returns a value. An argument may be
   * worked out from the results so far (a session id the previous call returned).
   */
  type Results = Record<string, Record<string, unknown>>;
  const calls: [MethodName, unknown | ((results: Results) => unknown)][] = [
    ['app.info', undefined],
    ['app.setup', UNIT],
    ['app.info', undefined],
    ['app.updateProfile', { unitId: 'u-1' }],
    ['dialog.openFile', { title: '打开' }],
    ['dialog.saveFile', { defaultName: 'x.cadre' }],
    ['dialog.openFolder', { title: '选择文件夹' }],
  ];
  // the save dialog's answer becomes writable, then readable (file.* accept only dialog-granted paths)
  beforeEach(async () => {
    const target = path.join(userDataDir, '乙.xlsx');
    const other = await loadOrCreateIdentity(path.join(userDataDir, 'other-keys'), null);
    const cardText = serializeCard(buildCard(other, '新城区教育局'));
    const passphrase = '春风又绿江南岸明月何时照我还';
    const blob = new Uint8Array([1, 2, 3]);
    const blobHash = '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81';
    dialogs.showSave.mockImplementation(async () => ({ canceled: false, filePaths: [target] }));
    dialogs.showOpen.mockImplementation(async () => ({ canceled: false, filePaths: [target] }));
    dialogs.showFolder.mockImplementation(async () => ({ canceled: false, filePaths: [userDataDir] }));
    calls.splice(
      7,
      calls.length - 7,
      ['file.write', { path: target, bytes: new Uint8Array([1, 2, 3]) }],
      ['file.read', { path: target }],
      ['sync.recordCounter', { counter: 5 }],
      ['sync.counterHighWater', undefined],
      ['print.print', { route: '#/print?kind=appointment&ids=c1' }],
      ['print.savePdf', { route: '#/print?kind=appointment&ids=c1', path: target }],
      ['print.savePdfEach', { items: [{ route: '#/print?kind=appointment&ids=c1', name: '张三' }], folder: userDataDir, taskId: 't1' }],
      ['print.cancel', { taskId: 't1' }],
      ['exchange.card', undefined],
      ['exchange.addPeer', { cardText, scope: 'all' }],
      ['exchange.confirmPeer', { installationId: other.installationId, fingerprint: other.fingerprint }],
      ['exchange.peers', undefined],
      ['exchange.sealBegin', { path: target, to: { passphrase }, meta: { kind: 'backup', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: 6, knowledge: {} } }],
      ['exchange.sealAbort', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId })],
      ['exchange.sealBegin', { path: target, to: { peer: other.installationId }, meta: { kind: 'full', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: 6, knowledge: {} } }],
      ['exchange.sealRecords', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId, ndjson: new TextEncoder().encode('{"table":"cadres","record":{"id":"c1"}}\n') })],
      ['exchange.sealBlob', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId, sha256: blobHash, bytes: blob })],
      ['exchange.sealFinish', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId })],
      ['exchange.revokePeer', { installationId: other.installationId }],
      ['exchange.sealBegin', { path: target, to: { passphrase }, meta: { kind: 'backup', seq: 2, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: 6, knowledge: {} } }],
      ['exchange.sealRecords', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId, ndjson: new TextEncoder().encode('{"table":"cadres","record":{"id":"c1"}}\n') })],
      ['exchange.sealFinish', (r: Results) => ({ sealId: r['exchange.sealBegin']!.sealId })],
      ['exchange.open', { path: target, passphrase }],
      ['exchange.read', (r: Results) => ({ openId: r['exchange.open']!.openId })],
      ['exchange.close', (r: Results) => ({ openId: r['exchange.open']!.openId })],
      ['exchange.safetyBackupPath', undefined],
      ['supervision.signHead', { entries: [nextEntry(undefined, { at: 1, table: 'clues', recordId: 'r1', action: 'create', digest: 'a'.repeat(64), by: '张三' })] }],
      ['supervision.checkHead', null],
    );
  });

  it('covers every method of the contract', () => {
    expect(new Set(calls.map(([m]) => m))).toEqual(new Set(methodNames));
  });

  it('every result is ok and its JSON holds no private key material', async () => {
    const logError = vi.fn();
    const dispatch = createDispatcher(handlers(), { allowedOrigin: APP_ORIGIN, logError });
    const results: Envelope[] = [];
    const values: Results = {};
    for (const [method, arg] of calls) {
      const envelope = await dispatch(PAGE, method, typeof arg === 'function' ? arg(values) : arg, ctx);
      if (envelope.ok) values[method] = envelope.value as Record<string, unknown>;
      results.push(envelope);
    }
    expect(results.map((r) => r.ok)).toEqual(calls.map(() => true));
    expect(logError).not.toHaveBeenCalled();
    const all = JSON.stringify(results);
    for (const s of secrets()) expect(all.includes(s), `leaked ${s.slice(0, 16)}…`).toBe(false);
    expect(all).not.toMatch(/private/i);
  }, 60_000); // the passphrase bundles cost a scrypt each (sealing, read-back, opening)

  it('also on the failure paths', async () => {
    const dispatch = createDispatcher(handlers(), { allowedOrigin: APP_ORIGIN });
    const results = [
      await dispatch(PAGE, 'app.updateProfile', { unitId: 'u' }, ctx),
      await dispatch(PAGE, 'app.setup', { name: '' }, ctx),
      await dispatch('https://evil/', 'app.info', undefined, ctx),
    ];
    await dispatch(PAGE, 'app.setup', DEPT, ctx);
    results.push(await dispatch(PAGE, 'app.setup', DEPT, ctx), await dispatch(PAGE, 'app.updateProfile', { unitId: 'u' }, ctx));
    expect(results.every((r) => !r.ok)).toBe(true);
    const all = JSON.stringify(results);
    for (const s of secrets()) expect(all.includes(s)).toBe(false);
  });

  it("app.info's result has exactly the AppInfoSchema keys (the handler gets the whole Identity)", async () => {
    const dispatch = createDispatcher(handlers(), { allowedOrigin: APP_ORIGIN });
    for (const [method, arg] of [['app.info', undefined], ['app.setup', DEPT], ['app.info', undefined]] as const) {
      const r = await dispatch(PAGE, method, arg, ctx);
      if (!r.ok) throw new Error(JSON.stringify(r));
      expect(Object.keys(r.value as object).sort()).toEqual(Object.keys(AppInfoSchema.shape).sort());
    }
  });

  it('the raw handler output is already clean (defence in depth, not only the dispatcher)', async () => {
    const info = await handlers()['app.info'](undefined, ctx);
    expect(Object.keys(info).sort()).toEqual(Object.keys(AppInfoSchema.shape).sort());
  });
});
