// How a kept table is kept (renderer/db/keptTable.ts), on a small database of its own: two kept tables following
// one source (as selectionFacts and promotionSteps followed the dossier sets until schema version 32), through every kind of write,
// inside and outside a transaction, and a write that fails taking its copies with it. What each real kept table
// holds is its own module's test.
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keptTableMiddleware, rowForRow } from '../../../renderer/db/keptTable';
import { newId } from '../../../shared/ids';

type Item = { id: string; n: number; kind: 'odd' | 'even' };

let db: Dexie;
beforeEach(async () => {
  db = new Dexie(`kept-${newId()}`);
  db.version(1).stores({ items: 'id', doubled: 'id', evens: 'id', writes: 'id', other: 'id' });
  // a copy of every item, and one of the even items only (an odd item's row is deleted)
  db.use(keptTableMiddleware({ table: 'doubled', sources: ['items'], follow: rowForRow((v) => ({ id: (v as Item).id, n: (v as Item).n * 2 })) }));
  db.use(keptTableMiddleware({ table: 'evens', sources: ['items'], follow: rowForRow((v) => ((v as Item).kind === 'even' ? { id: (v as Item).id } : null)) }));
  // and one that reads before it writes, awaiting between the two, as the packs do: a count of the writes followed
  db.use(
    keptTableMiddleware({
      table: 'writes',
      sources: ['items'],
      follow: async ({ kept, req }) => {
        const row = (await kept.get({ trans: req.trans, key: 'count' })) as { n: number } | undefined;
        await kept.mutate({ type: 'put', trans: req.trans, values: [{ id: 'count', n: (row?.n ?? 0) + 1 }] });
      },
    }),
  );
  await db.open();
});
const writes = async () => ((await db.table('writes').get('count')) as { n: number } | undefined)?.n ?? 0;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const item = (id: string, n: number): Item => ({ id, n, kind: n % 2 ? 'odd' : 'even' });
const ids = async (table: string) => ((await db.table(table).toArray()) as { id: string }[]).map((r) => r.id).sort();

/** Both copies against what they should hold for the items stored now. */
async function expectInStep(): Promise<void> {
  const items = (await db.table('items').toArray()) as Item[];
  expect(await db.table('doubled').toArray()).toEqual(items.map((i) => ({ id: i.id, n: i.n * 2 })));
  expect(await ids('evens')).toEqual(items.filter((i) => i.kind === 'even').map((i) => i.id));
}

describe('a kept table', () => {
  it('follows puts, adds, updates, deletes and a clear, outside a transaction', async () => {
    await db.table('items').bulkAdd([item('a', 1), item('b', 2), item('c', 4)]);
    await expectInStep();
    await db.table('items').put(item('b', 3)); // even → odd: its row in `evens` goes
    await db.table('items').update('a', { n: 6, kind: 'even' });
    await expectInStep();
    await db.table('items').delete('c');
    await expectInStep();
    expect(await ids('doubled')).toEqual(['a', 'b']);
    await db.table('items').clear();
    await expectInStep();
    expect(await db.table('doubled').count()).toBe(0);
    expect(await writes()).toBe(5); // bulkAdd, put, update, delete, clear
  });

  it('is widened into a transaction that names only the source, and written in it', async () => {
    await db.transaction('rw', db.table('items'), async () => {
      await db.table('items').bulkPut([item('a', 2), item('b', 5)]);
      await db.table('items').where('id').equals('b').delete();
      // read back inside the same transaction through the source only: the copies are not named here
    });
    await expectInStep();
    expect(await ids('evens')).toEqual(['a']);
    expect(await writes()).toBe(2);
  });

  it('rolls back with a write that fails after it', async () => {
    await db.table('items').bulkAdd([item('a', 2)]);
    await expect(
      db.transaction('rw', db.table('items'), async () => {
        await db.table('items').put(item('b', 4));
        await db.table('items').delete('a');
        throw new Error('the write after it failed');
      }),
    ).rejects.toThrow('the write after it failed');
    await expectInStep();
    expect(await ids('doubled')).toEqual(['a']);
    expect(await writes()).toBe(1);
  });

  it('leaves other tables alone and does nothing on a schema without its table', async () => {
    await db.table('other').put({ id: 'x' });
    expect(await db.table('doubled').count()).toBe(0);
    const older = new Dexie(`kept-older-${newId()}`);
    older.version(1).stores({ items: 'id' });
    older.use(keptTableMiddleware({ table: 'doubled', sources: ['items'], follow: () => Promise.reject(new Error('must not run')) }));
    await older.table('items').put(item('a', 1));
    expect(await older.table('items').count()).toBe(1);
    older.close();
    await Dexie.delete(older.name);
  });
});
