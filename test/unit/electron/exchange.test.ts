import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../electron/ipc';
import { createDispatcher, type CallContext } from '../../../electron/ipc/dispatch';
import { loadOrCreateIdentity, type Identity } from '../../../electron/keys/identity';
import { sealBundle } from '../../../electron/bundle/writer';
import { seededRandom } from './bundle/helpers';
import { createProfileStore } from '../../../electron/profile';
import { APP_ORIGIN } from '../../../electron/security/origin';
import type { Envelope, MethodInput, MethodName, MethodResult } from '../../../shared/ipc';

// The exchange's main-process side through the real dispatcher (argument and result validation included): cards,
// peers and trust, sealing what a renderer streams, reading it back, and what is refused.

const PAGE = 'app://cadredesk/index.html';
const CJK = /[\u4e00-\u9fff]/;
const META = { kind: 'full', seq: 1, prevBundleHash: null, scope: { units: 'all', tables: 'all' }, schemaVersion: 6, knowledge: {} } as const;

let root: string;
let stick: string;

interface Installation {
  id: string;
  fingerprint: string;
  /** its keys, to seal a bundle by hand as a forger holding them would */
  identity: Identity;
  call<M extends MethodName>(method: M, arg?: MethodInput<M>): Promise<MethodResult<M>>;
  failure(method: MethodName, arg?: unknown): Promise<{ code: string; message: string }>;
  /** A save dialog answers with this path (which grants writing it), as a person picking it would. */
  pick(file: string): Promise<void>;
  /** An open dialog answers with this path (which grants reading it). */
  pickToOpen(file: string): Promise<void>;
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
    dialogs: { showOpen: async () => ({ canceled: false, filePaths: [answer] }), showSave: async () => ({ canceled: false, filePaths: [answer] }), showFolder: async () => ({ canceled: false, filePaths: [answer] }) },
    printer: { pdf: async () => ({ pdf: new Uint8Array(), pages: 0, overflows: [] }), print: async () => false },
  });
  const dispatch = createDispatcher(handlers, { allowedOrigin: APP_ORIGIN });
  const ctx: CallContext = { emit: () => {} };
  const raw = (method: MethodName, arg?: unknown): Promise<Envelope> => dispatch(PAGE, method, arg, ctx);
  const inst: Installation = {
    identity,
    id: identity.installationId,
    fingerprint: identity.fingerprint,
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
    async pick(file) {
      answer = file;
      await inst.call('dialog.saveFile', {});
    },
    async pickToOpen(file) {
      answer = file;
      await inst.call('dialog.openFile', {});
    },
  };
  await inst.call('app.setup', { name, type: name.includes('组织部') ? 'department' : 'unit', operator: '李明' });
  return inst;
}

/** A and B with each other's cards, trusted after comparing fingerprints. */
async function pair(): Promise<[Installation, Installation]> {
  const a = await installation('新城区委组织部干部科');
  const b = await installation('新城区教育局');
  await a.call('exchange.addPeer', { cardText: (await b.call('exchange.card')).text, scope: { unitId: 'edu' } });
  await a.call('exchange.confirmPeer', { installationId: b.id, fingerprint: b.fingerprint });
  await b.call('exchange.addPeer', { cardText: (await a.call('exchange.card')).text, scope: 'all' });
  await b.call('exchange.confirmPeer', { installationId: a.id, fingerprint: a.fingerprint });
  return [a, b];
}

const ndjson = (n: number, from = 0) =>
  new TextEncoder().encode(
    Array.from({ length: n }, (_, i) => JSON.stringify({ table: 'cadres', record: { id: `c${from + i}`, name: `干部${from + i}`, vv: {} } })).join('\n') + '\n',
  );
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Reads a whole opened bundle through exchange.read, as the import's pass 2 does. */
async function readAll(inst: Installation, openId: string) {
  const records: Uint8Array[] = [];
  const blobs = new Map<string, Uint8Array>();
  for (let i = 0; i < 1000; i++) {
    const { entries, done, bundleHash } = await inst.call('exchange.read', { openId });
    for (const e of entries) {
      if (e.kind === 'records') records.push(e.ndjson);
      else blobs.set(e.sha256, e.bytes);
    }
    if (done) return { text: Buffer.concat(records).toString('utf8'), blobs, bundleHash };
    expect(bundleHash).toBeUndefined(); // it comes with the last entries
  }
  throw new Error('never done');
}

/**
 * `at` opens `file` (pass 1; a bundle of 30 cadres), then `other`, another whole and valid bundle from the same
 * sender, is copied where the verified one was: pass 2 must refuse it.
 */
async function expectRefusedWhenReplaced(at: Installation, file: string, other: string) {
  await at.pickToOpen(file);
  const opened = await at.call('exchange.open', { path: file });
  expect(opened.counts).toEqual({ cadres: 30 });
  copyFileSync(other, file);
  const failure = await readAll(at, opened.openId).then(
    () => null,
    (error: Error) => error,
  );
  expect(failure?.message).toContain('数据包在校验后被改动过');
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'cadredesk-exchange-'));
  stick = path.join(root, 'usb');
  mkdirSync(stick);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('cards and peers', () => {
  it('a peer is pending until its fingerprint is confirmed; a wrong fingerprint, its own card and a bad card are refused', async () => {
    const a = await installation('新城区委组织部干部科');
    const b = await installation('新城区教育局');
    const card = await b.call('exchange.card');
    expect(card).toMatchObject({ name: '新城区教育局', fingerprint: b.fingerprint });

    const peer = await a.call('exchange.addPeer', { cardText: card.text, scope: { unitId: 'edu' } });
    expect(peer).toMatchObject({ installationId: b.id, trust: 'pending', scope: { unitId: 'edu' }, fingerprint: b.fingerprint });
    await a.pick(path.join(stick, 'to-b.cadre'));
    expect((await a.failure('exchange.sealBegin', { path: path.join(stick, 'to-b.cadre'), to: { peer: b.id }, meta: META })).message).toContain('指纹尚未核对');

    expect((await a.failure('exchange.confirmPeer', { installationId: b.id, fingerprint: a.fingerprint })).message).toContain('指纹不一致');
    expect((await a.call('exchange.confirmPeer', { installationId: b.id, fingerprint: b.fingerprint })).trust).toBe('trusted');
    expect((await a.failure('exchange.addPeer', { cardText: (await a.call('exchange.card')).text, scope: 'all' })).message).toContain('本机自己的联系卡');
    const tampered = card.text.replace('新城区教育局', '新城区财政局');
    expect((await a.failure('exchange.addPeer', { cardText: tampered, scope: 'all' })).message).toMatch(CJK);
    expect((await a.call('exchange.peers')).peers.map((p) => p.installationId)).toEqual([b.id]);
  });
});

describe('sealing and opening', () => {
  it('a bundle to a peer carries the records and blobs the renderer streamed, verified on read-back, and opens at the peer', async () => {
    const [a, b] = await pair();
    const file = path.join(stick, '教育局.cadre');
    await a.pick(file);
    const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { peer: b.id }, meta: { ...META, scope: { units: ['edu'], tables: 'all' } } });
    const first = ndjson(300);
    const second = ndjson(200, 300);
    await a.call('exchange.sealRecords', { sealId, ndjson: first });
    await a.call('exchange.sealRecords', { sealId, ndjson: second });
    const photo = new Uint8Array(50_000).map((_, i) => (i * 7) % 251);
    await a.call('exchange.sealBlob', { sealId, sha256: sha256(photo), bytes: photo });
    const sealed = await a.call('exchange.sealFinish', { sealId });
    expect(sealed.meta).toMatchObject({ destination: b.id, source: { installationId: a.id, name: '新城区委组织部干部科' }, kind: 'full', seq: 1 });
    expect(readdirSync(stick)).toEqual(['教育局.cadre']); // no .partial left
    expect(sealed.bundleHash).toBe(sha256(readFileSync(file)));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600); // owner-only: personal data

    await b.pickToOpen(file);
    const opened = await b.call('exchange.open', { path: file });
    expect(opened.signer).toMatchObject({ installationId: a.id, name: '新城区委组织部干部科' });
    expect(opened.counts).toEqual({ cadres: 500 });
    expect(opened.meta.bundleId).toBe(sealed.bundleId);
    // pass 1 verifies without hashing the file; pass 2 gives the bundle hash the ledger records
    expect(opened).not.toHaveProperty('bundleHash');
    const { text, blobs, bundleHash } = await readAll(b, opened.openId);
    expect(bundleHash).toBe(sha256(readFileSync(file)));
    expect(text).toBe(Buffer.concat([first, second]).toString('utf8'));
    expect([...blobs.keys()]).toEqual([sha256(photo)]);
    expect(Buffer.from(blobs.get(sha256(photo))!).equals(Buffer.from(photo))).toBe(true);
    // the session is over once read
    expect((await b.failure('exchange.read', { openId: opened.openId })).message).toContain('请重新开始');
  });

  it('a file replaced between the two passes of an import is refused at the end of the second', async () => {
    const [a, b] = await pair();
    const seal = async (file: string, lines: number) => {
      await a.pick(file);
      const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { peer: b.id }, meta: META });
      await a.call('exchange.sealRecords', { sealId, ndjson: ndjson(lines) });
      return a.call('exchange.sealFinish', { sealId });
    };
    const file = path.join(stick, '教育局.cadre');
    await seal(file, 30);
    const other = path.join(stick, '另一个.cadre');
    await seal(other, 40);
    await expectRefusedWhenReplaced(b, file, other);
  });

  it('a file replaced between the passes by a bundle of the same id with other content is refused', async () => {
    const [a, b] = await pair();
    // sealed by hand with the same random bytes, so the same file key and bundle id, and different records
    const seal = (file: string, lines: number) => {
      const body = ndjson(lines);
      return sealBundle({
        signer: { installationId: a.id, name: '新城区委组织部干部科', signingPrivateKey: a.identity.signingPrivateKey },
        to: { recipient: { installationId: Buffer.from(b.id, 'hex'), encryptionKey: b.identity.encryptionPublicKey } },
        meta: { ...META, appVersion: '0.1.0' },
        entries: [{ kind: 'records', length: body.byteLength, data: body }],
        out: file,
        random: seededRandom('one bundle id'),
        now: () => new Date('2026-12-01T08:00:00Z'),
      });
    };
    const file = path.join(stick, '教育局.cadre');
    const other = path.join(stick, '另一个.cadre');
    const [one, two] = [await seal(file, 30), await seal(other, 40)];
    expect(two.bundleId).toBe(one.bundleId);
    await expectRefusedWhenReplaced(b, file, other);
  });

  it('a passphrase bundle: short passphrases refused, the wrong one refused, the right one opens', async () => {
    const [a, b] = await pair();
    const file = path.join(stick, '备份.cadre');
    await a.pick(file);
    const short = await a.failure('exchange.sealBegin', { path: file, to: { passphrase: 'abc' }, meta: META });
    expect(short).toMatchObject({ code: 'invalid-argument' });
    expect(short.message).toContain('至少需要 12 个字符');
    const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { passphrase: '春风又绿江南岸明月何时照我还' }, meta: META });
    await a.call('exchange.sealRecords', { sealId, ndjson: ndjson(10) });
    await a.call('exchange.sealFinish', { sealId });

    await b.pickToOpen(file);
    const wrong = await b.failure('exchange.open', { path: file, passphrase: '春风又绿江南岸明月何时照你还' });
    expect(wrong.message).toMatch(CJK);
    const opened = await b.call('exchange.open', { path: file, passphrase: '春风又绿江南岸明月何时照我还' });
    expect(opened.meta.destination).toBeNull();
    expect((await readAll(b, opened.openId)).text).toBe(Buffer.from(ndjson(10)).toString('utf8'));
  }, 60_000); // five scrypt derivations at the writer's cost (seal, read-back, wrong, pass 1, pass 2)

  it('refuses a blob whose bytes are not its name, and records after a blob; abort leaves no file', async () => {
    const [a, b] = await pair();
    const file = path.join(stick, 'x.cadre');
    await a.pick(file);
    const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { peer: b.id }, meta: META });
    await a.call('exchange.sealRecords', { sealId, ndjson: ndjson(5) });
    const bytes = new Uint8Array([1, 2, 3]);
    expect((await a.failure('exchange.sealBlob', { sealId, sha256: 'a'.repeat(64), bytes })).message).toContain('与其摘要不符');
    await a.call('exchange.sealBlob', { sealId, sha256: sha256(bytes), bytes });
    expect((await a.failure('exchange.sealRecords', { sealId, ndjson: ndjson(1) })).message).toContain('记录须在附件之前');
    expect(await a.call('exchange.sealAbort', { sealId })).toEqual({ aborted: true });
    expect(readdirSync(stick)).toEqual([]);
    expect((await a.failure('exchange.sealFinish', { sealId })).message).toContain('请重新开始');
  });

  it('refuses a file nobody picked, a damaged bundle, a revoked signer and an unknown one, each in Chinese', async () => {
    const [a, b] = await pair();
    const file = path.join(stick, 'ok.cadre');
    expect((await a.failure('exchange.sealBegin', { path: file, to: { peer: b.id }, meta: META })).message).toContain('对话框中选择的文件');
    await a.pick(file);
    const { sealId } = await a.call('exchange.sealBegin', { path: file, to: { peer: b.id }, meta: META });
    await a.call('exchange.sealRecords', { sealId, ndjson: ndjson(2000) });
    await a.call('exchange.sealFinish', { sealId });

    // one byte changed in the middle of the payload
    const damaged = path.join(stick, 'damaged.cadre');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 1;
    writeFileSync(damaged, bytes);
    await b.pickToOpen(damaged);
    const broken = await b.failure('exchange.open', { path: damaged });
    expect(broken.code).toBe('failed');
    expect(broken.message).toMatch(CJK);

    // a stranger's bundle (C is nobody's peer) is refused; so is A's once B revokes A
    const c = await installation('某街道');
    await c.call('exchange.addPeer', { cardText: (await b.call('exchange.card')).text, scope: 'all' });
    await c.call('exchange.confirmPeer', { installationId: b.id, fingerprint: b.fingerprint });
    const fromC = path.join(stick, 'c.cadre');
    await c.pick(fromC);
    const s = await c.call('exchange.sealBegin', { path: fromC, to: { peer: b.id }, meta: META });
    await c.call('exchange.sealRecords', { sealId: s.sealId, ndjson: ndjson(1) });
    await c.call('exchange.sealFinish', { sealId: s.sealId });
    await b.pickToOpen(fromC);
    expect((await b.failure('exchange.open', { path: fromC })).message).toMatch(CJK);

    await b.call('exchange.revokePeer', { installationId: a.id });
    await b.pickToOpen(file);
    expect((await b.failure('exchange.open', { path: file })).message).toMatch(CJK);
    expect(existsSync(file)).toBe(true);
  });
});
