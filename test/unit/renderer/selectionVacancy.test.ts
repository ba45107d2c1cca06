import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCadre, deleteCadre, updateCadre } from '../../../renderer/db/cadres';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createRecord } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { loadVacancyTable } from '../../../renderer/db/selection';
import { createUnit } from '../../../renderer/db/units';
import { RosterIndex } from '../../../renderer/features/roster/rosterIndex';
import { keptRead, tallyOf } from '../../../renderer/features/selection/vacancySource';
import { establishmentType, type Establishment } from '../../../shared/domain/selection';
import { newId } from '../../../shared/ids';
import { vacancyRows } from '../../../shared/rules/selectionVacancy';
import { sampleCadreInput } from '../../fixtures/cadre';

// The vacancy screen's kept parts (renderer/features/selection/vacancySource.ts): the tally made once per version
// of the roster's index must give the table the from-scratch read gives, and follow every write.

const ctx: WriteContext = { actor: { installationId: '0123456789abcdef0123456789abcdef', operator: '干部科小刘' }, now: () => Date.UTC(2026, 0, 15) };

let db: CadreDb;

/** Resolves once the index has announced a change. */
const changed = (index: RosterIndex) =>
  new Promise<void>((ok) => {
    const stop = index.subscribe(() => {
      stop();
      ok();
    });
  });

const liveEstablishments = async () => ((await db.table(establishmentType.table).toArray()) as Establishment[]).filter((e) => !e.deleted);

describe('the vacancy table from the roster index', () => {
  beforeEach(async () => {
    db = openDatabase(`selection-vacancy-${newId()}`);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await Dexie.delete(db.name);
  });

  it('counts as the table read from scratch, once per version of the index, and follows each write', async () => {
    const bureau = await createUnit(db, ctx, null, '区发改委');
    const school = await createUnit(db, ctx, null, '区实验小学');
    await createRecord(db, ctx, establishmentType, { unitId: bureau.id, administrative: 5, chiefSection: 1, deputySection: 2 });
    await createRecord(db, ctx, establishmentType, { unitId: school.id, institutional: 3, chiefSection: 1 });
    const chief = await createCadre(db, ctx, sampleCadreInput({ unitId: bureau.id, name: '张伟', idNumber: '320102198005151238', sex: '1', birth: '1980-05', postLevel: '2A' }));
    const deputy = await createCadre(db, ctx, sampleCadreInput({ unitId: bureau.id, name: '李强', idNumber: '320102198005150016', sex: '1', birth: '1980-05', postLevel: '2B' }));
    await createCadre(db, ctx, sampleCadreInput({ unitId: school.id, name: '王芳', idNumber: '11010519491231002X', postLevel: '2A', personnelCategory: '3' }));

    const index = new RosterIndex(db);
    await index.load('2026-01');
    const first = tallyOf(index);
    const fromScratch = async () => vacancyRows(await liveEstablishments(), tallyOf(index));
    expect(await fromScratch()).toEqual(await loadVacancyTable(db));
    expect(tallyOf(index)).toBe(first); // not counted again while nothing changed

    // 李强 made 正科: the bureau's 正科 is then over, its 副科 vacant
    let next = changed(index);
    await updateCadre(db, ctx, deputy.id, { postLevel: '2A' });
    await next;
    expect(tallyOf(index)).not.toBe(first);
    const rows = await fromScratch();
    expect(rows).toEqual(await loadVacancyTable(db));
    const bureauRow = rows.find((r) => r.unitId === bureau.id)!;
    expect(bureauRow.posts['2A']).toEqual({ quota: 1, filled: 2, vacant: 0, over: 1 });
    expect(bureauRow.posts['2B']).toEqual({ quota: 2, filled: 0, vacant: 2, over: 0 });

    // a cadre deleted no longer holds a post
    next = changed(index);
    await deleteCadre(db, ctx, chief.id);
    await next;
    expect((await fromScratch()).find((r) => r.unitId === bureau.id)!.posts['2A'].filled).toBe(1);
    expect(await fromScratch()).toEqual(await loadVacancyTable(db));
  });
});

describe('keptRead', () => {
  const a = [{ id: 'e1', chiefSection: 1, vv: { x: 1 } }];
  it('keeps what is shown while a read holds the same, so nothing downstream is worked out again', () => {
    expect(keptRead(a, structuredClone(a))).toBe(a);
    expect(keptRead(a, undefined)).toBe(a);
    expect(keptRead(undefined, undefined)).toBeUndefined();
  });
  it('takes a read that differs in any field, or the first read', () => {
    const changedRecord = [{ id: 'e1', chiefSection: 2, vv: { x: 2 } }];
    expect(keptRead(a, changedRecord)).toBe(changedRecord);
    const added = [...a, { id: 'e2', chiefSection: 0, vv: { x: 3 } }];
    expect(keptRead(a, added)).toBe(added);
    expect(keptRead(undefined, a)).toBe(a);
    expect(keptRead(a, [])).toEqual([]);
  });
});
