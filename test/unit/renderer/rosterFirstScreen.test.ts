import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createCadre } from '../../../renderer/db/cadres';
import type { WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { RosterIndex } from '../../../renderer/features/roster/rosterIndex';
import { readFirstScreen, type FirstScreen } from '../../../renderer/features/roster/firstScreen';
import { IN_SERVICE } from '../../../renderer/features/roster/rows';
import { newId } from '../../../shared/ids';
import { storeGeneratedDistrict } from './generatedDistrict';
import { sampleCadreInput } from '../../fixtures/cadre';

// The stroke data's loader, held shut where a test must keep the whole roster from being read: the full read
// waits for it, so a first screen cannot be hidden by the whole roster arriving first. The first screen's own
// read passes (`unheld`: it calls the loader before its first await).
const control = vi.hoisted(() => ({ gate: Promise.resolve(), bypass: false }));
vi.mock('../../../shared/rules/strokeOrder', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/rules/strokeOrder')>();
  return {
    ...real,
    loadStrokeOrder: () => (control.bypass ? real.loadStrokeOrder() : control.gate.then(() => real.loadStrokeOrder())),
  };
});

const ctx: WriteContext = { actor: { installationId: '0123456789abcdef0123456789abcdef', operator: '张三' }, now: () => Date.UTC(2026, 0, 15) };
const ASOF = '2026-01';

let db: CadreDb;
let open: () => void = () => undefined;
beforeEach(async () => {
  control.gate = Promise.resolve();
  db = openDatabase(`first-screen-${newId()}`);
  await db.open();
});
afterEach(async () => {
  open();
  db.close();
  await Dexie.delete(db.name);
});

/** The first screen's read, past the held loader. */
const unheld = (d: CadreDb, asOf: string): Promise<FirstScreen | null> => {
  control.bypass = true;
  try {
    return readFirstScreen(d, asOf, 1);
  } finally {
    control.bypass = false;
  }
};

const hold = () => {
  control.gate = new Promise<void>((resolve) => (open = resolve));
};

/** Resolves at the index's next announcement for which `until` holds. */
const announced = (index: RosterIndex, until: () => boolean) =>
  new Promise<void>((ok) => {
    const stop = index.subscribe(() => {
      if (until()) {
        stop();
        ok();
      }
    });
  });

const district = (cadres: number) => storeGeneratedDistrict(db, { seed: 'first-screen', cadres, asOf: ASOF });

describe('the roster first screen', () => {
  it('is exactly the first rows of the whole roster in its default view (在职, 单位顺序)', async () => {
    await district(400);
    // a retired and a deleted cadre in the first unit must not be among them
    const first = (await db.units.toArray()).find((u) => !u.parentId)!;
    const retired = await createCadre(db, ctx, sampleCadreInput({ unitId: first.id, name: '丁一', idNumber: '11010519491231002X', sex: '2', birth: '1949-12' }));
    await db.cadres.update(retired.id, { status: '02' });
    const screen = await readFirstScreen(db, ASOF, 60);
    const index = new RosterIndex(db);
    await index.load(ASOF);
    const whole = index.sortedBy('unit').filter((r) => r.cadre.status === IN_SERVICE);
    expect(screen!.rows).toHaveLength(60);
    expect(screen!.rows.map((r) => [r.id, r.unitName, r.age])).toEqual(whole.slice(0, 60).map((r) => [r.id, r.unitName, r.age]));
    expect(screen!.rows.some((r) => r.id === retired.id)).toBe(false);
    // more rows than the district holds in service: nothing rather than a list that might leave someone out
    expect(await readFirstScreen(db, ASOF, whole.length + 1)).toBeNull();
  });

  it('is shown until the whole roster is read, and dropped at once when a write commits meanwhile', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '张三', idNumber: '320102198005151238', sex: '1', birth: '1980-05' }));
    hold();
    const index = new RosterIndex(db, unheld);
    const shown = announced(index, () => index.firstScreen !== null);
    const loaded = index.load(ASOF);
    await shown;
    expect(index.loaded).toBe(false);
    expect(index.firstScreen!.rows.map((r) => r.name)).toEqual(['张三']);

    const dropped = announced(index, () => index.firstScreen === null);
    const wang = await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '王五', idNumber: '11010519491231002X', sex: '2', birth: '1949-12' }));
    await dropped;
    expect(index.loaded).toBe(false); // the spinner, not a list the database no longer matches
    open();
    await loaded;
    expect(index.firstScreen).toBeNull();
    expect(index.sortedBy('unit').map((r) => r.id)).toContain(wang.id);
  });

  it('is never shown when a write commits while it is being read', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '张三', idNumber: '320102198005151238', sex: '1', birth: '1980-05' }));
    hold();
    let read: Promise<FirstScreen | null> = Promise.resolve(null);
    let wrote = '';
    const index = new RosterIndex(db, (d, asOf) => {
      read = (async () => {
        const screen = await unheld(d, asOf);
        // a write that lands after the screen was read, before it is shown
        wrote = (await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '丁一', idNumber: '11010519491231002X', sex: '2', birth: '1949-12' }))).id;
        return screen;
      })();
      return read;
    });
    const loaded = index.load(ASOF);
    expect(await read).not.toBeNull(); // it was read …
    await new Promise((r) => setTimeout(r, 0));
    expect(index.firstScreen).toBeNull(); // … and not shown: it no longer lists everyone first in line
    expect(index.loaded).toBe(false);
    open();
    await loaded;
    expect(index.sortedBy('unit').map((r) => r.name)).toEqual(['丁一', '张三']);
    expect(index.sortedBy('unit').map((r) => r.id)).toContain(wrote);
  });

  it('is read before everything else: the read of every cadre waits for it (queued behind that read, it came after)', async () => {
    const unit = await createUnit(db, ctx, null, '区委组织部');
    await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '张三', idNumber: '320102198005151238', sex: '1', birth: '1980-05' }));
    let release: () => void = () => undefined;
    const firstRead = new Promise<void>((ok) => (release = ok));
    const everyCadre = vi.spyOn(db.cadres, 'toArray');
    const index = new RosterIndex(db, async (d, asOf) => {
      await firstRead;
      return unheld(d, asOf);
    });
    const loaded = index.load(ASOF);
    await new Promise((r) => setTimeout(r, 50));
    expect(everyCadre).not.toHaveBeenCalled();
    expect(index.loaded).toBe(false);
    release();
    await loaded;
    expect(everyCadre).toHaveBeenCalledTimes(1);
    expect(index.sortedBy('unit').map((r) => r.name)).toEqual(['张三']);
  });
});
