import { constants, promises as fsp, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../electron/ipc';
import { createDispatcher, type CallContext } from '../../../electron/ipc/dispatch';
import { loadOrCreateIdentity, type Identity } from '../../../electron/keys/identity';
import { sealBundle } from '../../../electron/bundle';
import { buildCard } from '../../../electron/keys/card';
import { NO_CARD_MESSAGE } from '../../../electron/backup/embeddedCard';
import { BACKUP_CARD_TABLE } from '../../../shared/contract/exchange';
import { createProfileStore } from '../../../electron/profile';
import { APP_ORIGIN } from '../../../electron/security/origin';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../../shared/ipc';

// A backup's file side through the real dispatcher (docs/architecture.md "Backup and restore"): a disk that
// fills while the backup is written leaves no file, partial or whole, and says so in Chinese; another
// installation's backup opens when the card inside it vouches for its signature, and only then.

const PAGE = 'app://cadredesk/index.html';
const PASS = '春风又绿江南岸明月何时照我还';
const META = { kind: 'backup', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: 6, knowledge: {} } as const;

let root: string;
let stick: string;

interface Installation {
  id: string;
  identity: Identity;
  fingerprint: string;
  call<M extends MethodName>(method: M, arg?: MethodInput<M>): Promise<MethodResult<M>>;
  failure(method: MethodName, arg?: unknown): Promise<{ code: string; message: string }>;
  /** The next save or open dialog answers with this path, which grants it. */
  pick(file: string, how: 'save' | 'open'): Promise<void>;
  logged: unknown[];
}

async function installation(name: string): Promise<Installation> {
  const userDataDir = mkdtempSync(path.join(root, 'inst-'));
  const identity = await loadOrCreateIdentity(path.join(userDataDir, 'keys'), null);
  let answer = '';
  const handlers = createHandlers({
    appName: '干部选育管用信息系统',
    appVersion: '0.1.0',
    userDataDir,
    identity,
    profiles: createProfileStore(userDataDir),
    dialogs: {
      showOpen: async () => ({ canceled: false, filePaths: [answer] }),
      showSave: async () => ({ canceled: false, filePaths: [answer] }),
      showFolder: async () => ({ canceled: false, filePaths: [answer] }),
    },
    printer: { pdf: async () => ({ pdf: new Uint8Array(), pages: 0, overflows: [] }), print: async () => false },
  });
  const logged: unknown[] = [];
  const dispatch = createDispatcher(handlers, { allowedOrigin: APP_ORIGIN, logError: (_m, e) => logged.push(e) });
  const ctx: CallContext = { emit: () => {} };
  const raw = (method: MethodName, arg?: unknown): Promise<Envelope> => dispatch(PAGE, method, arg, ctx);
  const inst: Installation = {
    id: identity.installationId,
    identity,
    fingerprint: identity.fingerprint,
    logged,
    async call(method, arg) {
      const r = await raw(method, arg);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as never;
    },
    async failure(method, arg) {
      const r = await raw(method, arg);
      if (r.ok) throw new Error(`${method} should have failed`);
      return r.error;
    },
    async pick(file, how) {
      answer = file;
      await inst.call(how === 'save' ? 'dialog.saveFile' : 'dialog.openFile', {});
    },
  };
  await inst.call('app.setup', { name, type: 'department', operator: '李明' });
  return inst;
}

/** 4 MiB of record lines (the size of one backup RECORDS entry). */
const records = (n: number) =>
  new TextEncoder().encode(
    Array.from({ length: n }, (_, i) => JSON.stringify({ table: 'audit', record: { id: `a${i}`, summary: `修改干部“干部${i}”的现任职务`, pad: 'x'.repeat(200) } })).join('\n') + '\n',
  );

/** From now on, every file opened for writing under `dir` takes `room` bytes in all, then fails as a full disk does. */
function diskFillsAfter(dir: string, room: number) {
  let used = 0;
  const open = fsp.open.bind(fsp);
  return vi.spyOn(fsp, 'open').mockImplementation(async (file, flags, mode) => {
    const handle = await open(file, flags, mode);
    // a part is opened 'w', or with numeric flags when written past the page cache, and 'r+' for its last bytes
    // (electron/bundle/partFile.ts)
    const writable = flags === 'w' || flags === 'r+' || (typeof flags === 'number' && (flags & constants.O_WRONLY) !== 0);
    if (!String(file).startsWith(dir) || !writable) return handle;
    const write = handle.write.bind(handle) as (data: Uint8Array, offset: number, length: number, position?: number | null) => Promise<{ bytesWritten: number }>;
    return Object.assign(Object.create(handle) as FileHandle, {
      write: async (data: Uint8Array, offset = 0, length = data.byteLength - offset, position: number | null = null) => {
        const take = Math.min(length, room - used);
        if (take <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        used += take;
        return write(data, offset, take, position);
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    });
  });
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cadredesk-backup-'));
  stick = path.join(root, 'usb');
  mkdirSync(stick);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

describe('a disk that fills during a backup', { timeout: 60_000 }, () => {
  it('leaves no file behind, partial or whole, and says so in Chinese', async () => {
    const a = await installation('新城区委组织部干部科');
    const file = path.join(stick, '备份.cadre');
    await a.pick(file, 'save');
    const full = diskFillsAfter(stick, 3 * 1024 * 1024);
    const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { passphrase: PASS }, meta: META });
    // the writer fails somewhere in here: a later call, or finishing, hears of it
    let failure: { message: string } | null = null;
    for (let i = 0; i < 4 && !failure; i++) {
      const r = await a.failure('exchange.sealRecords', { sealId, ndjson: records(15_000) }).catch(() => null);
      failure = r;
    }
    failure ??= await a.failure('exchange.sealFinish', { sealId });
    expect(full).toHaveBeenCalled();
    expect(failure.message).toMatch(/^磁盘空间已满，文件没有写完。未写完的文件已删除/);
    expect(failure.message).not.toMatch(/ENOSPC|内部错误/);
    await a.call('exchange.sealAbort', { sealId });
    expect(readdirSync(stick)).toEqual([]);
  });
});

/** Reads every record line of an opened bundle (pass 2). */
async function lines(inst: Installation, openId: string): Promise<{ table: string; record: Record<string, unknown> }[]> {
  const out: { table: string; record: Record<string, unknown> }[] = [];
  for (;;) {
    const { entries, done } = await inst.call('exchange.read', { openId });
    for (const e of entries) {
      if (e.kind !== 'records') continue;
      for (const line of new TextDecoder().decode(e.ndjson).split('\n')) if (line) out.push(JSON.parse(line) as never);
    }
    if (done) return out;
  }
}

/** A backup sealed by the engine directly, as an older program (no card) or a forger (a card of its choosing) would. */
async function sealedByHand(by: Installation, file: string, first: string | null, kind: 'backup' | 'full' = 'backup') {
  const body = new TextEncoder().encode(`${first ?? ''}${JSON.stringify({ table: 'units', record: { id: 'u1', name: '新城区' } })}\n`);
  await sealBundle({
    signer: { installationId: by.id, name: '旧电脑', signingPrivateKey: by.identity.signingPrivateKey },
    to: { passphrase: PASS },
    meta: { ...META, kind, appVersion: '0.1.0' },
    entries: [{ kind: 'records', length: body.byteLength, data: body }],
    out: file,
  });
}

describe("another installation's backup (a replaced PC)", { timeout: 120_000 }, () => {
  it('opens on the new PC, checked against the card inside it, and the card line comes first', async () => {
    const old = await installation('新城区委组织部干部科');
    const fresh = await installation('新城区委组织部干部科（新电脑）');
    const file = path.join(stick, '旧电脑备份.cadre');
    await old.pick(file, 'save');
    const { sealId } = await old.call('exchange.sealBegin', { path: file, to: { passphrase: PASS }, meta: META });
    await old.call('exchange.sealRecords', { sealId, ndjson: records(10) });
    await old.call('exchange.sealFinish', { sealId });

    await fresh.pick(file, 'open');
    const opened = await fresh.call('exchange.open', { path: file, passphrase: PASS });
    expect(opened.signer).toEqual({ installationId: old.id, name: '新城区委组织部干部科', fingerprint: old.fingerprint });
    expect(opened.counts).toMatchObject({ [BACKUP_CARD_TABLE]: 1, audit: 10 });
    const all = await lines(fresh, opened.openId);
    expect(all[0]).toMatchObject({ table: BACKUP_CARD_TABLE, record: { installationId: old.id, name: '新城区委组织部干部科' } });
    expect(all.slice(1).map((l) => l.table)).toEqual(Array(10).fill('audit'));
  });

  it('is refused when made before backups carried a card, or when its card is not its signer, or when it is no backup', async () => {
    const old = await installation('新城区委组织部干部科');
    const other = await installation('别的单位');
    const fresh = await installation('新电脑');
    const noCard = path.join(stick, '旧版本备份.cadre');
    await sealedByHand(old, noCard, null);
    await fresh.pick(noCard, 'open');
    expect((await fresh.failure('exchange.open', { path: noCard, passphrase: PASS })).message).toBe(NO_CARD_MESSAGE);

    // the card of another installation in front of old's signature
    const forged = path.join(stick, '调包.cadre');
    const card = buildCard(other.identity, '别的单位');
    await sealedByHand(old, forged, `${JSON.stringify({ table: BACKUP_CARD_TABLE, record: card })}\n`);
    await fresh.pick(forged, 'open');
    expect((await fresh.failure('exchange.open', { path: forged, passphrase: PASS })).message).toContain('联系卡与备份的签名者不一致');

    // an exchange bundle under a passphrase still needs its signer trusted, card or not
    const bundle = path.join(stick, '交换包.cadre');
    await sealedByHand(old, bundle, `${JSON.stringify({ table: BACKUP_CARD_TABLE, record: buildCard(old.identity, '旧电脑') })}\n`, 'full');
    await fresh.pick(bundle, 'open');
    expect((await fresh.failure('exchange.open', { path: bundle, passphrase: PASS })).message).toContain('不在本机信任的单位中');
  });
});
