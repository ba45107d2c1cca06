import { describe, expect, it } from 'vitest';
import { supervisionStatistics, withTotal, type StatsInput } from '../../../shared/rules/supervisionStats';

// The year's figures of 管理监督 (shared/rules/supervisionStats.ts): what the charts, the tables and the export show.

const report = (checkKind: string, result: string, submitted: string | null = '2025-01-10') => ({ checkKind, result, submitted });
const action = (kind: string, date: string, deleted = false) => ({ kind, date, deleted });
const clue = (channel: string, received: string, status: string, outcome = 'none', deleted = false) => ({ channel, received, status, outcome, deleted });

const input: StatsInput = {
  year: 2025,
  due: ['submitted', 'submitted', 'submitted', 'overdue', 'due'],
  reports: [report('random', 'consistent'), report('random', 'pending'), report('key', 'omitted'), report('none', 'pending')],
  actions: [action('reminder', '2025-03-01'), action('admonishment', '2025-04-01'), action('admonishment', '2025-05-01'), action('inquiry', '2024-12-31'), action('inquiry', '2025-06-01', true)],
  clues: [
    clue('petition', '2025-02-01', 'closed', 'unfounded'),
    clue('petition', '2025-02-02', 'verifying'),
    clue('platform12380', '2025-03-01', 'closed', 'confirmed'),
    clue('audit', '2024-11-01', 'closed', 'partly'),
    clue('audit', '2025-03-02', 'closed', 'partly', true),
  ],
};

const table = (key: string) => {
  const t = supervisionStatistics(input).find((x) => x.key === key)!;
  return Object.fromEntries(t.rows.map((r) => [r.label, r.values]));
};

describe('the year’s statistics', () => {
  it('counts the due list by status', () => {
    expect(table('due')).toEqual({ 应报: [1], 已报: [3], 逾期: [1] });
  });

  it('counts drawn and verified reports by check kind, and findings by kind', () => {
    expect(table('checks')).toEqual({ 随机抽查: [2, 1], 重点抽查: [1, 1] });
    expect(table('results')).toEqual({ 一致: [1], 漏报: [1], 瞒报: [0] });
  });

  it('counts only the year’s live actions and clues', () => {
    expect(table('actions')).toEqual({ 提醒谈话: [1], 函询: [0], 诫勉: [2] });
    const clues = supervisionStatistics(input).find((x) => x.key === 'clues')!;
    expect(clues.columns).toEqual(['受理', '未了结', '属实', '部分属实', '不属实']);
    expect(table('clues')).toMatchObject({ 信访举报: [2, 1, 0, 0, 1], '12380 平台': [1, 0, 1, 0, 0], 审计: [0, 0, 0, 0, 0] });
  });

  it('adds a 合计 row of every column', () => {
    const clues = supervisionStatistics(input).find((x) => x.key === 'clues')!;
    expect(withTotal(clues).at(-1)).toEqual({ label: '合计', values: [3, 1, 1, 0, 1] });
  });
});
