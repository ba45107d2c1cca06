import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createUnit } from '../../../renderer/db/units';
import { createRecord } from '../../../renderer/db/records';
import type { WriteContext } from '../../../renderer/db/repository';
import { actOnReport, bulkPutReports, createReport, performanceId, performanceTable } from '../../../renderer/db/performance';
import { districtCompletion, districtYear, unitMatrix } from '../../../renderer/db/performanceAnalysis';
import { setEvidence } from '../../../renderer/db/performanceEvidence';
import { adjustmentType, appraisalType, type Appraisal, type MechanismAdjustment, type PerformanceRecord } from '../../../shared/domain/performance';
import { newId } from '../../../shared/ids';
import { numberedCadre } from './performanceFixture';

// The district's year by unit read from the database, reports stored in bulk, and evidence links edited later.

const ME = 'a'.repeat(32);
const NOW = Date.UTC(2025, 5, 15, 8); // 2025-06-15
const ctx: WriteContext = { actor: { installationId: ME, operator: '李明' }, now: () => NOW };

let db: CadreDb;
let edu: string;
let fin: string;
beforeEach(async () => {
  db = openDatabase(`performance-district-${newId()}`);
  await db.open();
  const root = await createUnit(db, ctx, null, '新城区');
  edu = (await createUnit(db, ctx, root.id, '教育局')).id;
  fin = (await createUnit(db, ctx, root.id, '财政局')).id;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const cadre = (n: number, unitId: string) => numberedCadre(db, ctx, unitId, n);
const report = (cadreId: string, period: string) => ({ cadreId, kind: 'monthly' as const, period, keyWork: '重点工作', highlights: '突出实绩', nextPlan: '下月计划' });

describe('the district year by unit', () => {
  it('counts each unit’s collected and due reports per month from the database, drafts and returns not collected', async () => {
    const a = await cadre(1, edu);
    const b = await cadre(2, edu);
    const c = await cadre(3, fin);
    for (const [who, period] of [
      [a.id, '2025-01'],
      [a.id, '2025-02'],
      [b.id, '2025-01'],
      [c.id, '2025-03'],
    ] as const) {
      const r = await createReport(db, ctx, report(who, period));
      await actOnReport(db, ctx, r.id, who, { type: 'submit' }, { installation: '本单位' });
    }
    await createReport(db, ctx, report(c.id, '2025-01')); // a draft
    const year = await districtYear(db, 2025, '2025-06');
    expect(year.get(edu)!.byMonth.slice(0, 6).map((r) => [r.done, r.due])).toEqual([
      [2, 2],
      [1, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0, 0],
    ]);
    expect(year.get(fin)!.total).toEqual({ due: 5, done: 1, rate: 0.2 });
    // the screens pass the cadres (the roster's index): only those are counted
    const onlyA = await districtYear(db, 2025, '2025-06', async () => [a]);
    expect([...onlyA.keys()]).toEqual([edu]);
    expect(onlyA.get(edu)!.total).toEqual({ due: 5, done: 2, rate: 0.4 });
    expect((await districtCompletion(db, '2025-01', '2025-06', async () => [a, c])).get(fin)).toEqual({ due: 1, done: 0, rate: 0 });
  });

  it('reads reports stored in bulk as they came, deleted ones left out', async () => {
    const a = await cadre(1, edu);
    const stored = (period: string, status: PerformanceRecord['status'], deleted = false) =>
      ({
        id: performanceId(a.id, 'monthly', period),
        cadreId: a.id,
        kind: 'monthly',
        period,
        summary: '',
        keyWork: '重点工作',
        highlights: '',
        shortcomings: '',
        nextPlan: '',
        checkedBy: '',
        findings: '',
        rating: 'none',
        grade: null,
        attachments: [],
        status,
        history: [],
        uses: [],
        vv: { ['b'.repeat(32)]: 7 },
        updatedAt: NOW,
        updatedBy: { installationId: 'b'.repeat(32), operator: '外单位' },
        deleted,
      }) as PerformanceRecord;
    await bulkPutReports(db, [stored('2025-01', 'approved'), stored('2025-02', 'submitted', true), stored('2025-03', 'returned')]);
    expect((await performanceTable(db).get(performanceId(a.id, 'monthly', '2025-01')))!.vv).toEqual({ ['b'.repeat(32)]: 7 });
    const m = await unitMatrix(db, [edu], 2025, '2025-06');
    expect(m.rows[0]!.cells.slice(0, 4)).toEqual(['approved', 'missing', 'returned', 'missing']);
    expect((await districtYear(db, 2025, '2025-06')).get(edu)!.total).toEqual({ due: 5, done: 1, rate: 0.2 });
  });
});

describe('evidence links edited after creation', () => {
  it('replaces the links of an appraisal and of an adjustment, audited; a deleted record is refused', async () => {
    const a = await cadre(1, edu);
    const dims = { rating: 'good' as const, text: '' };
    const appraisal = (await createRecord(db, ctx, appraisalType, {
      subject: 'cadre',
      unitId: edu,
      cadreId: a.id,
      period: '2025年上半年',
      date: '2025-06-10',
      political: dims,
      performance: dims,
      duty: dims,
      style: dims,
      overall: 'good',
      conclusion: '',
      evidence: [],
    })) as Appraisal;
    const link = { table: 'performanceRecords', id: 'r1', title: '2025年3月月上报' };
    await setEvidence(db, ctx, 'appraisal', appraisal.id, [link]);
    expect(((await db.table(appraisalType.table).get(appraisal.id)) as Appraisal).evidence).toEqual([link]);

    const adjustment = (await createRecord(db, ctx, adjustmentType, { cadreId: a.id, mechanism: 'upDown', date: '2025-05-01', change: '调整为二级主任科员' })) as MechanismAdjustment;
    await setEvidence(db, ctx, 'adjustment', adjustment.id, [link, { table: 'conductRecords', id: 'c1', title: '负面清单F02' }]);
    expect(((await db.table(adjustmentType.table).get(adjustment.id)) as MechanismAdjustment).evidence.map((l) => l.id)).toEqual(['r1', 'c1']);
    const audit = await db.audit.where('[table+recordId]').equals([adjustmentType.table, adjustment.id]).toArray();
    expect(audit.map((e) => e.action)).toEqual(['create', 'update']);

    await setEvidence(db, ctx, 'adjustment', adjustment.id, []);
    expect(((await db.table(adjustmentType.table).get(adjustment.id)) as MechanismAdjustment).evidence).toEqual([]);
    await expect(setEvidence(db, ctx, 'appraisal', 'no-such-id', [link])).rejects.toThrow('该综合研判记录已不存在');
  });
});
