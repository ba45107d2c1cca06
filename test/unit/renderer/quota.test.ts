import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { isQuotaError, mapQuotaError, QUOTA_MESSAGE, quotaUserError } from '../../../renderer/db/quota';
import { messageOf } from '../../../renderer/api';
import { UserError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';

const ME = '0123456789abcdef0123456789abcdef';
let clock = 0;
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => ++clock };
const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaError', () => {
  it('recognises the DOMException and every wrapping Dexie uses', () => {
    expect(isQuotaError(quotaDom())).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('full'))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('aborted', quotaDom()))).toBe(true);
    expect(isQuotaError(new Dexie.BulkError('bulk', { 3: quotaDom() }))).toBe(true);
    expect(isQuotaError(new Dexie.ModifyError('modify', [quotaDom()], 0, []))).toBe(true);
    expect(isQuotaError(new Error('outer', { cause: new Dexie.AbortError('aborted', quotaDom()) }))).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isQuotaError(new Dexie.AbortError('aborted', new DOMException('x', 'ConstraintError')))).toBe(false);
    expect(isQuotaError(new Dexie.BulkError('bulk', { 0: new Dexie.ConstraintError('dup') }))).toBe(false);
    expect(isQuotaError(new UserError('同名单位'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
    const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
    loop.inner = loop;
    expect(isQuotaError(loop)).toBe(false);
  });

  it('gives the Chinese message through messageOf and mapQuotaError, and passes other errors through', async () => {
    expect(messageOf(new Dexie.AbortError('aborted', quotaDom()))).toBe(QUOTA_MESSAGE);
    expect(messageOf(new UserError('该单位已不存在'))).toBe('该单位已不存在');
    expect(quotaUserError(new Error('x'))).toBeNull();
    await expect(mapQuotaError(() => Promise.reject(quotaDom()))).rejects.toThrow(new UserError(QUOTA_MESSAGE));
    const other = new UserError('别的问题');
    await expect(mapQuotaError(() => Promise.reject(other))).rejects.toBe(other);
    await expect(mapQuotaError(() => Promise.resolve(7))).resolves.toBe(7);
  });
});

describe('a quota error in the middle of a transaction', () => {
  let db: CadreDb;
  beforeEach(async () => {
    db = openDatabase(`quota-${newId()}`);
    await db.open();
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    db.close();
    await Dexie.delete(db.name);
  });

  /** Everything a unit write touches (the unit, its audit entry, the counter), to prove nothing stayed. */
  async function stored() {
    return { units: await db.units.toArray(), audit: await db.audit.toArray(), counter: await currentCounter(db) };
  }

  /** Makes the next write to the audit table fail the way a full disk does; the unit was already written. */
  function failAuditWrite(how: (store: IDBObjectStore, run: () => IDBRequest) => IDBRequest) {
    const original = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      const run = () => original.apply(this, args);
      return this.name === 'audit' ? how(this, run) : run();
    });
  }

  it('rolls back every table when the write is refused, and says so in Chinese', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const before = await stored();
    failAuditWrite(() => {
      throw quotaDom();
    });
    const failure = await renameUnit(db, ctx, unit.id, '区委组织部（新）').catch((e: unknown) => e);
    expect(messageOf(failure)).toBe(QUOTA_MESSAGE);
    expect(await stored()).toEqual(before);
  });

  it('rolls back every table when the transaction aborts with a quota error after its writes', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    const before = await stored();
    // What Chromium does when the disk fills at commit: every write succeeded, then the transaction aborts
    // with a QuotaExceededError as its error (fake-indexeddb's internal _abort sets exactly that).
    failAuditWrite((store, run) => {
      const request = run();
      const tx = store.transaction as unknown as { _abort(name: string): void };
      request.addEventListener('success', () => tx._abort('QuotaExceededError'));
      return request;
    });
    const failure = await renameUnit(db, ctx, unit.id, '区委组织部（新）').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(messageOf(failure)).toBe(QUOTA_MESSAGE);
    expect(await stored()).toEqual(before);
  });
});
