// The home screen's backup reminder (renderer/features/backup/reminder.ts): nothing on an empty database, a
// reminder once there is a cadre to lose — found by one key, never by counting 100,000 cadres at every start.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { currentReminder } from '../../../renderer/features/backup/reminder';
import { newId } from '../../../shared/ids';
import { sampleCadre } from '../../fixtures/cadre';

let db: CadreDb;
beforeEach(() => {
  db = openDatabase(`reminder-${newId()}`);
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('currentReminder', () => {
  it('says nothing while no cadre is stored, and asks for a first backup once one is, without counting the cadres', async () => {
    db.cadres.count = (() => Promise.reject(new Error('counted every cadre'))) as unknown as typeof db.cadres.count;
    expect(await currentReminder(db)).toBeNull();
    await db.cadres.bulkPut([sampleCadre({ unitId: 'u1' }), sampleCadre({ unitId: 'u1' })]);
    expect(await currentReminder(db)).toContain('还没有备份过');
  });
});
