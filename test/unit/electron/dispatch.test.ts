import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type CallContext, type Handlers } from '../../../electron/ipc/dispatch';
import { APP_ORIGIN } from '../../../electron/security/origin';
import { UserError } from '../../../shared/errors';
import type { AppInfo } from '../../../shared/domain/installation';
import type { Envelope } from '../../../shared/ipc';

const PAGE = 'app://cadredesk/index.html';
const CJK = /[\u4e00-\u9fff]/;

const INFO: AppInfo = {
  appName: '干部选育管用信息系统',
  version: '0.1.0',
  installationId: '0123456789abcdef0123456789abcdef',
  fingerprint: 'AERU-KZ4J-VPG6-6AJD-UVTZ-5TY3-34',
  keyProtection: 'userFile',
  dataFolder: '/tmp/cadredesk',
  profile: null,
};

function setup(overrides: Partial<Handlers> = {}) {
  const handlers = {
    'app.info': vi.fn(async () => INFO),
    'app.setup': vi.fn(async () => INFO),
    'app.updateProfile': vi.fn(async () => INFO),
    'dialog.openFile': vi.fn(async () => ({ canceled: true, filePaths: [] })),
    'dialog.saveFile': vi.fn(async () => ({ canceled: true, filePaths: [] })),
    'dialog.openFolder': vi.fn(async () => ({ canceled: true, filePaths: [] })),
    'file.read': vi.fn(async () => ({ bytes: new Uint8Array() })),
    'file.write': vi.fn(async () => ({ bytesWritten: 0 })),
    'print.print': vi.fn(async () => ({ printed: false })),
    'print.savePdf': vi.fn(async () => ({ canceled: true, pages: 0, bytesWritten: 0, overflows: [] })),
    'print.savePdfEach': vi.fn(async () => ({ canceled: true, files: [], overflows: [] })),
    'print.cancel': vi.fn(async () => ({ canceled: false })),
    'sync.counterHighWater': vi.fn(async () => ({ counter: 0 })),
    'sync.recordCounter': vi.fn(async ({ counter }: { counter: number }) => ({ counter })),
    'supervision.signHead': vi.fn(async () => ({ seq: 1, hash: 'a'.repeat(64), signature: 'c2ln' })),
    'supervision.checkHead': vi.fn(async () => ({ signatureValid: null, heads: [], gaps: [] })),
    ...exchangeStubs(),
    ...overrides,
  } satisfies Handlers;
  const logError = vi.fn();
  const dispatch = createDispatcher(handlers, { allowedOrigin: APP_ORIGIN, logError });
  const ctx: CallContext = { emit: vi.fn() };
  return { handlers, logError, dispatch, ctx };
}

/** The exchange's methods are not what these tests are about: each fails if called. */
function exchangeStubs(): Pick<Handlers, Extract<keyof Handlers, `exchange.${string}`>> {
  const unused = () => vi.fn(async () => Promise.reject(new Error('not used here')));
  return {
    'exchange.card': unused(),
    'exchange.peers': unused(),
    'exchange.addPeer': unused(),
    'exchange.confirmPeer': unused(),
    'exchange.revokePeer': unused(),
    'exchange.sealBegin': unused(),
    'exchange.sealRecords': unused(),
    'exchange.sealBlob': unused(),
    'exchange.sealFinish': unused(),
    'exchange.sealAbort': unused(),
    'exchange.open': unused(),
    'exchange.read': unused(),
    'exchange.close': unused(),
    'exchange.safetyBackupPath': unused(),
  };
}

function failure(envelope: Envelope): { code: string; message: string } {
  if (envelope.ok) throw new Error(`expected a failure, got ${JSON.stringify(envelope)}`);
  return envelope.error;
}

describe('createDispatcher', () => {
  it('runs the handler for a trusted sender and wraps the value', async () => {
    const { dispatch, handlers, ctx } = setup();
    await expect(dispatch(PAGE, 'app.info', undefined, ctx)).resolves.toEqual({ ok: true, value: INFO });
    expect(handlers['app.info']).toHaveBeenCalledTimes(1);
    expect(handlers['app.info']).toHaveBeenCalledWith(undefined, ctx);
  });

  it('passes the parsed (validated, trimmed) argument, not the raw one', async () => {
    const { dispatch, handlers, ctx } = setup();
    const r = await dispatch(PAGE, 'app.setup', { name: '  干部科 ', type: 'department', operator: ' 张三', extra: 1 }, ctx);
    expect(r.ok).toBe(true);
    expect(handlers['app.setup']).toHaveBeenCalledWith({ name: '干部科', type: 'department', operator: '张三' }, ctx);
  });

  it.each([undefined, null, '', 'https://example.com/', 'app://evil/index.html', 'http://127.0.0.1:4173/', 'file:///x'])(
    'an untrusted sender (%j) is forbidden and no handler runs',
    async (sender) => {
      const { dispatch, handlers, ctx } = setup();
      const error = failure(await dispatch(sender, 'app.info', undefined, ctx));
      expect(error.code).toBe('forbidden');
      expect(error.message).toMatch(CJK);
      for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
    },
  );

  it('forbidden is decided before the method name is looked at', async () => {
    const { dispatch, ctx } = setup();
    expect(failure(await dispatch('https://evil/', 'no.such', undefined, ctx)).code).toBe('forbidden');
  });

  it.each(['no.such', '', 'app', 'app.info ', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])(
    'an unknown method (%j) is refused',
    async (method) => {
      const { dispatch, handlers, ctx } = setup();
      const error = failure(await dispatch(PAGE, method, undefined, ctx));
      expect(error.code).toBe('unknown-method');
      expect(error.message).toMatch(CJK);
      for (const h of Object.values(handlers)) expect(h).not.toHaveBeenCalled();
    },
  );

  it('an invalid argument is refused with a Chinese message naming the field, handler not called', async () => {
    const { dispatch, handlers, ctx } = setup();
    const error = failure(await dispatch(PAGE, 'app.setup', { name: '', type: 'department', operator: '张三' }, ctx));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toBe('参数不正确：name：请填写本机名称');
    expect(handlers['app.setup']).not.toHaveBeenCalled();
  });

  it('joins several issues and uses zod’s Chinese locale for the rest', async () => {
    const { dispatch, handlers, ctx } = setup();
    const error = failure(await dispatch(PAGE, 'app.setup', { name: 'x'.repeat(61), type: 'boss' }, ctx));
    expect(error.code).toBe('invalid-argument');
    expect(error.message).toMatch(/^参数不正确：/);
    expect(error.message).toContain('name：本机名称不能超过60个字');
    expect(error.message).toContain('type：');
    expect(error.message).toContain('operator：');
    expect(error.message.split('；')).toHaveLength(3);
    // no English from zod's default locale
    expect(error.message).not.toMatch(/Invalid|expected|received/i);
    expect(handlers['app.setup']).not.toHaveBeenCalled();
  });

  it('a method taking no argument refuses one', async () => {
    const { dispatch, handlers, ctx } = setup();
    expect(failure(await dispatch(PAGE, 'app.info', { sneaky: true }, ctx)).code).toBe('invalid-argument');
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('a UserError’s message is passed through as it is, and is not logged as a defect', async () => {
    const { dispatch, logError, ctx } = setup({
      'app.setup': vi.fn(async () => {
        throw new UserError('本机已完成初始设置，不能重复设置。');
      }),
    });
    const error = failure(await dispatch(PAGE, 'app.setup', { name: 'a', type: 'unit', operator: 'b' }, ctx));
    expect(error).toEqual({ code: 'failed', message: '本机已完成初始设置，不能重复设置。' });
    expect(logError).not.toHaveBeenCalled();
  });

  it('any other error becomes "failed" with a Chinese message, and is logged with the method name', async () => {
    const boom = new TypeError('cannot read x of undefined');
    const { dispatch, logError, ctx } = setup({
      'dialog.openFile': vi.fn(async () => {
        throw boom;
      }),
    });
    const error = failure(await dispatch(PAGE, 'dialog.openFile', {}, ctx));
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(/^操作未完成，程序出现内部错误/);
    expect(error.message).toContain('请重试');
    expect(logError).toHaveBeenCalledTimes(1);
    expect(logError).toHaveBeenCalledWith('dialog.openFile', boom);
  });

  it('a non-Error throw is handled too', async () => {
    const { dispatch, logError, ctx } = setup({
      'app.info': vi.fn(async () => {
        throw 'just a string';
      }),
    });
    const error = failure(await dispatch(PAGE, 'app.info', undefined, ctx));
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(CJK);
    expect(logError).toHaveBeenCalledWith('app.info', 'just a string');
  });

  it('works without a logError', async () => {
    const dispatch = createDispatcher(
      { ...setup().handlers, 'app.info': async () => Promise.reject(new Error('x')) },
      { allowedOrigin: APP_ORIGIN },
    );
    expect(failure(await dispatch(PAGE, 'app.info', undefined, { emit: () => {} })).code).toBe('failed');
  });

  it('hands the call context to the handler so it can emit progress', async () => {
    const { dispatch, ctx } = setup({
      'dialog.saveFile': async (_arg, c) => {
        c.emit('progress', { taskId: 't', label: '导出', done: 1, total: 2 });
        return { canceled: true, filePaths: [] };
      },
    });
    await dispatch(PAGE, 'dialog.saveFile', {}, ctx);
    expect(ctx.emit).toHaveBeenCalledWith('progress', { taskId: 't', label: '导出', done: 1, total: 2 });
  });
});

describe('the output schema is the last gate: private keys never leave main', () => {
  it('strips undeclared fields a handler returns (e.g. a signingPrivateKey), also nested ones', async () => {
    const leaky = {
      ...INFO,
      signingPrivateKey: 'MC4CAQAwBQYDK2VwBCIEI-secret',
      encryptionPrivateKey: Buffer.from('secret'),
      profile: { name: '干部科', type: 'unit', operator: '张三', unitId: null, password: 'hunter2' },
    };
    const { dispatch, ctx } = setup({ 'app.info': vi.fn(async () => leaky as AppInfo) });
    const r = await dispatch(PAGE, 'app.info', undefined, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r));
    expect(r.value).toEqual({
      ...INFO,
      profile: { name: '干部科', type: 'unit', operator: '张三', unitId: null },
    });
    const json = JSON.stringify(r);
    expect(json).not.toContain('secret');
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('PrivateKey');
  });

  it('strips extra fields of a dialog result', async () => {
    const { dispatch, ctx } = setup({
      'dialog.openFile': vi.fn(async () => ({ canceled: false, filePaths: ['/a'], grants: ['/etc'] })),
    });
    expect(await dispatch(PAGE, 'dialog.openFile', {}, ctx)).toEqual({
      ok: true,
      value: { canceled: false, filePaths: ['/a'] },
    });
  });

  it('a result that violates the output schema becomes a logged failure, not a value', async () => {
    const { dispatch, logError, ctx } = setup({
      'app.info': vi.fn(async () => ({ ...INFO, installationId: 'not-hex' })),
    });
    const r = await dispatch(PAGE, 'app.info', undefined, ctx);
    const error = failure(r);
    expect(error.code).toBe('failed');
    expect(error.message).toMatch(/^操作未完成/);
    expect(JSON.stringify(r)).not.toContain('not-hex');
    expect(logError).toHaveBeenCalledWith('app.info', expect.any(Error));
  });

  it('a missing result is a failure too', async () => {
    const { dispatch, ctx } = setup({ 'dialog.saveFile': vi.fn(async () => undefined as never) });
    expect(failure(await dispatch(PAGE, 'dialog.saveFile', {}, ctx)).code).toBe('failed');
  });
});
