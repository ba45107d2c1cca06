import { Dexie } from 'dexie';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CADRE_OWNED_TYPES, CATALOG } from '../../../shared/catalog';
import { formatCell, parseCell, sheetLeaves } from '../../../shared/catalog/cells';
import { blankData, getPath, leaves, setPath } from '../../../shared/catalog/leaves';
import { cadreType } from '../../../shared/domain/cadre';
import { codeTables } from '../../../shared/code';
import { FieldError } from '../../../shared/errors';
import { newId } from '../../../shared/ids';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createRecord, deleteRecord, listByCadre, listRecords, storedRecord, updateRecord } from '../../../renderer/db/records';
import { currentCounter, type WriteContext } from '../../../renderer/db/repository';
import { createUnit } from '../../../renderer/db/units';
import { createCadre } from '../../../renderer/db/cadres';
import { readSheet, writeSheet } from '../../../renderer/components/xlsx';
import { arbitraryValue, sampleData } from '../../fixtures/catalogSamples';

const ME = '0123456789abcdef0123456789abcdef';
const NOW = Date.UTC(2025, 5, 15);
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

let db: CadreDb;
let unitId: string;
let cadreId: string;
beforeEach(async () => {
  db = openDatabase(`records-${newId()}`);
  unitId = (await createUnit(db, ctx, null, '区委组织部')).id;
  cadreId = (await createCadre(db, ctx, { ...sampleData(cadreType, { unitId, cadreId: '' }), unitId } as never)).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const snapshot = async () => ({
  cadres: await db.cadres.toArray(),
  subRecords: await db.subRecords.toArray(),
  audit: await db.audit.count(),
  counter: await currentCounter(db),
});

describe.each(CADRE_OWNED_TYPES.map((t) => [t.table, t] as const))('the repository writes %s', (table, type) => {
  const sample = () => sampleData(type, { unitId, cadreId });

  it('create, update and delete bump vv, stamp, and audit with a Chinese field diff', async () => {
    const created = await createRecord(db, ctx, type, sample() as never);
    expect(created.vv[ME]).toBe(await currentCounter(db));
    expect(created.updatedBy).toEqual(ctx.actor);
    expect(created.deleted).toBe(false);
    expect(await listByCadre(db, type, cadreId)).toEqual([created]);

    // change a text field, or else a code, to another valid value
    const keyFields = type.id.kind === 'natural' ? type.id.keyFields : [];
    const editable = leaves(type).filter((l) => !keyFields.includes(l.path));
    const leaf = editable.find((l) => l.field.kind === 'text') ?? editable.find((l) => l.field.kind === 'code')!;
    const patch = { [leaf.path]: leaf.field.kind === 'text' ? '改过' : codeTables[leaf.field.table!].entries[1]!.code };
    const updated = await updateRecord(db, ctx, type, created.id, patch as never, { cadreId });
    expect(updated.vv[ME]).toBeGreaterThan(created.vv[ME]!);
    const audit = await db.audit.where({ table, recordId: created.id }).sortBy('at');
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    const change = audit[1]!.changes!.find((c) => c.path === leaf.path)!;
    expect(change.label).toBe(leaf.label);
    expect(change.label).toMatch(/[\u4e00-\u9fff]/);
    expect(audit[1]!.title).toBe(type.title(updated as never));

    await deleteRecord(db, ctx, type, created.id, { cadreId });
    expect(await listByCadre(db, type, cadreId)).toEqual([]);
    const tomb = await storedRecord(db, type, created.id, { cadreId });
    expect(tomb?.deleted).toBe(true);
    expect(tomb!.vv[ME]).toBeGreaterThan(updated.vv[ME]!);
  });

  it('bad input is refused at its fields and changes nothing', async () => {
    const before = await snapshot();
    const bad = sample();
    const leaf = leaves(type).find((l) => l.field.kind === 'text') ?? leaves(type).find((l) => l.field.kind === 'code')!;
    setPath(bad, leaf.path, leaf.field.kind === 'text' ? '长'.repeat(leaf.field.max! + 1) : 'ZZ');
    const error = await createRecord(db, ctx, type, bad as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FieldError);
    expect((error as FieldError).field).toBe(leaf.path);
    expect((error as FieldError).message).toContain(leaf.label);
    expect(await snapshot()).toEqual(before);
  });

  it('is listed across the district by unit subtree and period', async () => {
    await createRecord(db, ctx, type, sample() as never);
    expect(await listRecords(db, type, { unitIds: new Set([unitId]) })).toHaveLength(1);
    expect(await listRecords(db, type, { unitIds: new Set(['elsewhere']) })).toHaveLength(0);
    if (type.period) {
      expect(await listRecords(db, type, { from: '1999', to: '2000-12' })).toHaveLength(1);
      expect(await listRecords(db, type, { from: '2001' })).toHaveLength(0);
    }
  });
});

describe('natural ids', () => {
  it('a second assessment of a year is refused at 年度, and the year cannot change', async () => {
    const type = CADRE_OWNED_TYPES.find((t) => t.table === 'assessments')!;
    const first = await createRecord(db, ctx, type, { cadreId, year: 2023, grade: '1' } as never);
    const again = await createRecord(db, ctx, type, { cadreId, year: 2023, grade: '2' } as never).catch((e: unknown) => e);
    expect(again).toMatchObject({ field: 'year', message: '2023年度的考核结果已登记，请修改原记录' });
    const moved = await updateRecord(db, ctx, type, first.id, { year: 2022 } as never, { cadreId }).catch((e: unknown) => e);
    expect(moved).toMatchObject({ field: 'year' });
    // deleted, the year can be registered again and takes the same id back
    await deleteRecord(db, ctx, type, first.id, { cadreId });
    const revived = await createRecord(db, ctx, type, { cadreId, year: 2023, grade: '2' } as never);
    expect(revived.id).toBe(first.id);
    expect(revived.vv[ME]).toBeGreaterThan(first.vv[ME]!);
  });
});

describe('an xlsx exported from a list re-imports to the same records', () => {
  const unitIds = ['u-a', 'u-b'];
  const units = unitIds.map((id, i) => ({
    id,
    parentId: null,
    name: `单位${i}`,
    order: i,
    vv: {},
    updatedAt: 0,
    updatedBy: ctx.actor,
    deleted: false,
  }));

  it.each(CATALOG.map((t) => [t.table, t] as const))('%s', async (_, type) => {
    const columns = sheetLeaves(type);
    const record = fc.record(Object.fromEntries(columns.map((l) => [l.path, arbitraryValue(l.field, { unitIds })])));
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 5 }), async (rows) => {
        const data = rows.map((flat) => {
          const d = blankData(type);
          for (const [path, value] of Object.entries(flat)) setPath(d, path, value);
          return d;
        });
        const bytes = await writeSheet(
          type.name,
          columns.map((l) => l.label),
          data.map((d) => columns.map((l) => formatCell(l.field, getPath(d, l.path), { units }))),
        );
        const sheet = await readSheet(bytes);
        expect(sheet.headers).toEqual(columns.map((l) => l.label));
        sheet.rows.forEach((cells, i) => {
          columns.forEach((leaf, c) => {
            const back = parseCell(leaf, cells[c] ?? '', { units });
            expect(back, `${type.table}.${leaf.path}`).toEqual({ ok: true, value: getPath(data[i], leaf.path) });
          });
        });
      }),
      { numRuns: 8 },
    );
  });
});
