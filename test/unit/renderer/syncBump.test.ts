import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentCounter, raiseCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit, renameUnit } from '../../../renderer/db/units';
import { newId } from '../../../shared/ids';

// The bump fix: a local write never moves a record's own entry backwards, and the counter follows it.

const ME = '0123456789abcdef0123456789abcdef';
const ctx: WriteContext = { actor: { installationId: ME, operator: '张三' }, now: () => 1_700_000_000_000 };

let db: CadreDb;
beforeEach(async () => {
  db = openDatabase(`sync-bump-${newId()}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('a local write on a record that carries a higher counter of this installation', () => {
  it('bumps past the record’s entry and moves the counter there (a lost counter row)', async () => {
    const unit = await createUnit(db, ctx, null, '新城区委');
    expect(unit.vv[ME]).toBe(1);
    // the record came back from a peer (or a restore) carrying 40, and this database lost its counter row
    await db.units.put({ ...unit, vv: { ...unit.vv, [ME]: 40 } });
    await db.meta.delete('counter');
    const renamed = await renameUnit(db, ctx, unit.id, '新城区委员会');
    expect(renamed.vv[ME]).toBe(41);
    expect(await currentCounter(db)).toBe(41);
    // the next write anywhere continues from there: no counter value is used twice
    const other = await createUnit(db, ctx, null, '老城区委');
    expect(other.vv[ME]).toBe(42);
  });

  it('uses the counter when it is the higher one', async () => {
    await raiseCounter(db, 100);
    const unit = await createUnit(db, ctx, null, '新城区委');
    expect(unit.vv[ME]).toBe(101);
    expect(await currentCounter(db)).toBe(101);
  });
});

describe('raiseCounter', () => {
  it('raises and never lowers', async () => {
    expect(await db.transaction('rw', db.meta, () => raiseCounter(db, 7))).toBe(7);
    expect(await db.transaction('rw', db.meta, () => raiseCounter(db, 3))).toBe(7);
    expect(await currentCounter(db)).toBe(7);
  });
});
