import { describe, expect, it } from 'vitest';
import { lookup } from '../../../shared/code';
import { DEFAULT_REPORTING_RULE, drawReports, drawSize, dueList, dueStatus, mustReport, newSeed, type Levels } from '../../../shared/rules/personalMatters';

// Who reports, each one's status, and the reproducible random draw (shared/rules/personalMatters.ts).

const levels: Levels = { postLevel: (c) => lookup('postLevel', c)?.level, rank: (c) => lookup('rank', c)?.level };
const cadre = (id: string, o: Partial<{ postLevel: string | null; rank: string | null; status: string; deleted: boolean }> = {}) => ({
  id, deleted: false, status: '01', postLevel: null, rank: null, ...o,
});

describe('who must report', () => {
  it('县处级副职 and above by post, or 四级调研员 and above by rank, in post and not deleted', () => {
    expect(mustReport(cadre('a', { postLevel: '1B' }), levels)).toBe(true); // 副处
    expect(mustReport(cadre('b', { postLevel: '2A' }), levels)).toBe(false); // 正科
    expect(mustReport(cadre('c', { rank: '06' }), levels)).toBe(true); // 四级调研员
    expect(mustReport(cadre('d', { rank: '07' }), levels)).toBe(false); // 一级主任科员
    expect(mustReport(cadre('e', { postLevel: '1A', status: '02' }), levels)).toBe(false); // 退休
    expect(mustReport(cadre('f', { postLevel: '1A', deleted: true }), levels)).toBe(false);
    // the rule is a setting
    expect(mustReport(cadre('b', { postLevel: '2A' }), levels, { ...DEFAULT_REPORTING_RULE, minPostLevel: 2 })).toBe(true);
  });

  it('a report is 应报 until 31 January, 逾期 after, 已报 once submitted', () => {
    expect(dueStatus(undefined, 2025, '2025-01-31')).toBe('due');
    expect(dueStatus(undefined, 2025, '2025-02-01')).toBe('overdue');
    expect(dueStatus({ submitted: null, deleted: false }, 2025, '2025-03-01')).toBe('overdue');
    expect(dueStatus({ submitted: '2025-01-20', deleted: false }, 2025, '2025-03-01')).toBe('submitted');
    expect(dueStatus({ submitted: '2025-01-20', deleted: true }, 2025, '2025-03-01')).toBe('overdue');
  });

  it('the due list holds those who must report, each with its report', () => {
    const cadres = [cadre('a', { postLevel: '1B' }), cadre('b', { postLevel: '2B' }), cadre('c', { rank: '05' })];
    const rows = dueList(cadres, [{ id: 'r1', cadreId: 'c', submitted: '2025-01-10', deleted: false }], 2025, '2025-02-10', levels);
    expect(rows.map((r) => [r.cadre.id, r.status, r.reportId])).toEqual([
      ['a', 'overdue', null],
      ['c', 'submitted', 'r1'],
    ]);
  });
});

describe('the random draw', () => {
  const ids = Array.from({ length: 95 }, (_, i) => `cadre-${String(i).padStart(3, '0')}`);

  it('takes N % rounded up, at least one', () => {
    expect(drawSize(95, 10)).toBe(10);
    expect(drawSize(3, 10)).toBe(1);
    expect(drawSize(0, 10)).toBe(0);
    expect(drawSize(10, 100)).toBe(10);
  });

  it('draws the same list from the same seed whatever the order read, another from another seed, without repeats', () => {
    const a = drawReports(ids, 10, '2025-1a2b3c4d');
    expect(a).toHaveLength(10);
    expect(new Set(a).size).toBe(10);
    for (const id of a) expect(ids).toContain(id);
    expect(drawReports([...ids].reverse(), 10, '2025-1a2b3c4d')).toEqual(a);
    expect(drawReports(ids, 10, '2025-ffffffff')).not.toEqual(a);
  });

  it('spreads over the whole list (every reporter can be drawn)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) for (const id of drawReports(ids, 10, `s${i}`)) seen.add(id);
    expect(seen.size).toBe(ids.length);
  });

  it('a new seed names its year', () => {
    expect(newSeed(2025, () => 0.5)).toBe('2025-80000000');
  });
});
