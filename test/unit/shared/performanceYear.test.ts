import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { completionByUnit, yearByUnit, yearTable } from '../../../shared/rules/performanceCollection';
import { pickedEvidence, type TimelineEntry } from '../../../shared/rules/performanceTimeline';
import type { PerformanceStatus } from '../../../shared/rules/performanceWorkflow';

// The district's year by unit (全年统计) and the evidence links picked again (修改依据).

const cadres = [
  { id: 'a', name: '甲', joined: null, left: null, unitId: 'u1' },
  { id: 'b', name: '乙', joined: '2025-03', left: null, unitId: 'u1' },
  { id: 'c', name: '丙', joined: null, left: '2025-02', unitId: 'u2' },
];
const month = (m: number) => `2025-${String(m).padStart(2, '0')}`;

describe('the district year by unit', () => {
  const status = new Map<string, PerformanceStatus>([
    ['a|2025-01', 'approved'],
    ['a|2025-02', 'returned'],
    ['a|2025-03', 'draft'],
    ['b|2025-03', 'unitReviewed'],
    ['c|2025-01', 'applied'],
    ['c|2025-05', 'approved'], // after c left: not due, not counted
  ]);
  const year = yearByUnit(cadres, (id, m) => status.get(`${id}|${m}`), 2025, '2025-05');

  it('counts each unit’s due and collected reports month by month and in all', () => {
    expect(year.get('u1')!.byMonth.slice(0, 5).map((r) => [r.due, r.done])).toEqual([
      [1, 1],
      [1, 0],
      [2, 1],
      [2, 0],
      [0, 0],
    ]);
    expect(year.get('u1')!.total).toEqual({ due: 6, done: 2, rate: 2 / 6 });
    expect(year.get('u2')!.total).toEqual({ due: 2, done: 1, rate: 0.5 });
  });

  it('agrees with the one-month completion for every month, whatever the reports', () => {
    const statuses = fc.constantFrom<PerformanceStatus>('draft', 'submitted', 'unitReviewed', 'returned', 'approved', 'applied');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 12 }), statuses)), (list) => {
        const given = new Map(list.map(([id, m, s]) => [`${id}|${month(m)}`, s]));
        const y = yearByUnit(cadres, (id, m) => given.get(`${id}|${m}`), 2025, '2025-10');
        for (let m = 1; m <= 12; m++) {
          const one = completionByUnit(cadres, (id) => given.get(`${id}|${month(m)}`), month(m), '2025-10');
          for (const unit of ['u1', 'u2']) {
            const r = y.get(unit)!.byMonth[m - 1]!;
            expect([r.due, r.done]).toEqual([one.get(unit)?.due ?? 0, one.get(unit)?.done ?? 0]);
          }
        }
        for (const u of y.values()) {
          expect(u.total.due).toBe(u.byMonth.reduce((s, r) => s + r.due, 0));
          expect(u.total.done).toBe(u.byMonth.reduce((s, r) => s + r.done, 0));
        }
      }),
    );
  });

  it('makes the table people read and export: units in the order given, then the total', () => {
    const t = yearTable(year, [
      { id: 'u2', name: '财政局' },
      { id: 'u1', name: '教育局' },
      { id: 'u3', name: '没有干部的单位' },
    ]);
    expect(t.headers).toEqual(['单位', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '全年已报', '全年应报', '完成率']);
    expect(t.rows.map((r) => r[0])).toEqual(['财政局', '教育局', '合计']);
    expect(t.rows[1]!.slice(1, 6)).toEqual(['1/1', '0/1', '1/2', '0/2', '']);
    expect(t.rows[1]!.slice(13)).toEqual(['2', '6', '33.3%']);
    expect(t.rows[2]!.slice(1, 4)).toEqual(['2/2', '0/2', '1/2']);
    expect(t.rows[2]!.slice(13)).toEqual(['3', '8', '37.5%']);
    expect(yearTable(year, [{ id: 'u1', name: '教育局' }]).rows.map((r) => r[0])).toEqual(['教育局', '（已删除的单位）', '合计']);
    expect(yearTable(new Map(), []).rows).toEqual([]);
  });
});

describe('evidence links picked again', () => {
  const entry = (id: string, title: string): TimelineEntry => ({ when: '2025-03', lane: 'performance', title, detail: '', table: 'performanceRecords', id });
  const timeline = [entry('r1', '2025年3月月上报'), entry('r2', '2025年4月月上报'), entry('r3', 'x'.repeat(150))];
  const existing = [
    { table: 'performanceRecords', id: 'r1', title: '旧名称' },
    { table: 'conductRecords', id: 'gone', title: '已删除的记录' },
  ];

  it('names links from the timeline, keeps those no longer on it, in the order picked, each once', () => {
    expect(pickedEvidence(['conductRecords|gone', 'performanceRecords|r2', 'performanceRecords|r1', 'performanceRecords|r2'], timeline, existing)).toEqual([
      { table: 'conductRecords', id: 'gone', title: '已删除的记录' },
      { table: 'performanceRecords', id: 'r2', title: '2025年4月月上报' },
      { table: 'performanceRecords', id: 'r1', title: '2025年3月月上报' },
    ]);
  });

  it('drops what was unpicked or unknown, and cuts a title to the field’s 100 characters', () => {
    expect(pickedEvidence(['performanceRecords|nowhere'], timeline, existing)).toEqual([]);
    expect(pickedEvidence(['performanceRecords|r3'], timeline, [])[0]!.title).toHaveLength(100);
  });
});
