import { describe, expect, it } from 'vitest';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { rewardsType, type RewardPunishment } from '../../../shared/domain/cadre';
import { personalMattersType, supervisionActionType, type PersonalMattersReport, type SupervisionAction } from '../../../shared/domain/supervision';
import { DEFAULT_BLOCK_SETTINGS, blocksInForce, cadreBlocks, endAfterMonths, lastDay } from '../../../shared/rules/blocks';

// Blocking periods (shared/rules/blocks.ts): each source, month precision, revocation, settings, tombstones.

const ME = '0123456789abcdef0123456789abcdef';
let n = 0;
const make = <T>(type: AnyRecordType, data: Record<string, unknown>, deleted = false): T =>
  type.schema.parse({ id: `r${++n}`, vv: { [ME]: n }, updatedAt: 0, updatedBy: { installationId: ME, operator: '' }, deleted, cadreId: 'c1', ...data }) as T;

const reward = (data: Record<string, unknown>, deleted = false) => make<RewardPunishment>(rewardsType, data, deleted);
const action = (data: Record<string, unknown>, deleted = false) => make<SupervisionAction>(supervisionActionType, data, deleted);
const report = (data: Record<string, unknown>) => make<PersonalMattersReport>(personalMattersType, data);
const none = { rewards: [] as RewardPunishment[], actions: [] as SupervisionAction[], reports: [] as PersonalMattersReport[] };

describe('day arithmetic', () => {
  it('knows the last day of a month, leap Februaries included', () => {
    expect(lastDay('2024-02')).toBe('2024-02-29');
    expect(lastDay('2025-02')).toBe('2025-02-28');
    expect(lastDay('2025-12')).toBe('2025-12-31');
  });
  it('a period of n months ends the day before the same day n months later, clamped to the month', () => {
    expect(endAfterMonths('2025-03-10', 6)).toBe('2025-09-09');
    expect(endAfterMonths('2025-11-01', 2)).toBe('2025-12-31');
    expect(endAfterMonths('2025-08-31', 6)).toBe('2026-02-27');
    expect(endAfterMonths('2024-01-01', 24)).toBe('2025-12-31');
  });
});

describe('cadreBlocks', () => {
  it('nothing blocks a cadre with no punishment, admonishment or finding; rewards and reminders never block', () => {
    expect(cadreBlocks(none)).toEqual([]);
    expect(
      cadreBlocks({
        ...none,
        rewards: [reward({ kind: 'reward', date: '2024-05', title: '优秀共产党员' })],
        actions: [action({ kind: 'reminder', date: '2025-01-05', reason: '提醒' }), action({ kind: 'inquiry', date: '2025-01-05' })],
      }),
    ).toEqual([]);
  });

  it('a 纪律处分 with its period of effect runs from the first day of its start month to the last day of its end month', () => {
    const blocks = cadreBlocks({ ...none, rewards: [reward({ kind: 'discipline', date: '2024-03', title: '党内警告', effectiveFrom: '2024-03', effectiveTo: '2024-08' })] });
    expect(blocks).toEqual([{ reason: '纪律处分：党内警告', from: '2024-03-01', to: '2024-08-31' }]);
  });

  it('a 组织处理 without an end runs the set months from its start month (its date when no start is given)', () => {
    const r = reward({ kind: 'organizational', date: '2024-02', title: '调离岗位' });
    expect(cadreBlocks({ ...none, rewards: [r] })).toEqual([{ reason: '组织处理：调离岗位', from: '2024-02-01', to: '2025-01-31' }]);
    const settings = { ...DEFAULT_BLOCK_SETTINGS, punishmentMonths: { discipline: 12, organizational: 3 } };
    expect(cadreBlocks({ ...none, rewards: [r] }, settings)[0]!.to).toBe('2024-04-30');
    const off = { ...DEFAULT_BLOCK_SETTINGS, punishmentMonths: { discipline: 12, organizational: 0 } };
    expect(cadreBlocks({ ...none, rewards: [r] }, off)).toEqual([]);
  });

  it('a revoked punishment ends on its revocation; one revoked before it began blocks nothing', () => {
    const revoked = reward({ kind: 'discipline', date: '2024-01', title: '严重警告', effectiveFrom: '2024-01', effectiveTo: '2025-12', revoked: '2024-07' });
    expect(cadreBlocks({ ...none, rewards: [revoked] })).toEqual([{ reason: '纪律处分：严重警告', from: '2024-01-01', to: '2024-07-01' }]);
    const early = reward({ kind: 'discipline', date: '2024-05', title: '警告', effectiveFrom: '2024-05', effectiveTo: '2024-10', revoked: '2024-03' });
    expect(cadreBlocks({ ...none, rewards: [early] })).toEqual([]);
  });

  it('an admonishment blocks 6 months from its date by default, its own months when given, until revoked', () => {
    expect(cadreBlocks({ ...none, actions: [action({ kind: 'admonishment', date: '2025-03-10', reason: '违规发放津贴' })] })).toEqual([
      { reason: '诫勉：违规发放津贴', from: '2025-03-10', to: '2025-09-09' },
    ]);
    expect(cadreBlocks({ ...none, actions: [action({ kind: 'admonishment', date: '2025-03-10', reason: '甲', months: 3 })] })[0]!.to).toBe('2025-06-09');
    expect(cadreBlocks({ ...none, actions: [action({ kind: 'admonishment', date: '2025-03-10', reason: '甲', revoked: '2025-05-20' })] })[0]!.to).toBe('2025-05-20');
    const settings = { ...DEFAULT_BLOCK_SETTINGS, admonishmentMonths: 12 };
    expect(cadreBlocks({ ...none, actions: [action({ kind: 'admonishment', date: '2025-03-10', reason: '甲' })] }, settings)[0]!.to).toBe('2026-03-09');
  });

  it('a 漏报 or 瞒报 handled with a blocking handling blocks for its set months from the handling date', () => {
    const omitted = report({ year: 2024, submitted: '2024-01-20', result: 'omitted', checkedOn: '2024-04-01', handling: 'admonishment', handledOn: '2024-05-06' });
    expect(cadreBlocks({ ...none, reports: [omitted] })).toEqual([{ reason: '2024年度个人有关事项报告漏报，诫勉', from: '2024-05-06', to: '2024-11-05' }]);
    const demoted = report({ year: 2023, submitted: '2023-01-20', result: 'concealed', checkedOn: '2023-04-01', handling: 'demotion' });
    expect(cadreBlocks({ ...none, reports: [demoted] })).toEqual([{ reason: '2023年度个人有关事项报告瞒报，降职', from: '2023-04-01', to: '2025-03-31' }]);
    const settings = { ...DEFAULT_BLOCK_SETTINGS, handlingMonths: { ...DEFAULT_BLOCK_SETTINGS.handlingMonths, demotion: 12 } };
    expect(cadreBlocks({ ...none, reports: [demoted] }, settings)[0]!.to).toBe('2024-03-31');
  });

  it('a consistent report, or a finding handled by criticism only, blocks nothing', () => {
    const ok = report({ year: 2024, submitted: '2024-01-20', result: 'consistent', checkedOn: '2024-04-01' });
    const mild = report({ year: 2024, submitted: '2024-01-20', result: 'omitted', checkedOn: '2024-04-01', handling: 'criticism', handledOn: '2024-04-02' });
    expect(cadreBlocks({ ...none, reports: [ok, mild] })).toEqual([]);
  });

  it('ignores deleted records and orders the periods by their start', () => {
    const blocks = cadreBlocks({
      rewards: [reward({ kind: 'discipline', date: '2025-01', title: '警告', effectiveFrom: '2025-01', effectiveTo: '2025-06' }), reward({ kind: 'discipline', date: '2020-01', title: '已删', effectiveTo: '2030-01' }, true)],
      actions: [action({ kind: 'admonishment', date: '2024-02-01', reason: '乙' }), action({ kind: 'admonishment', date: '2024-01-01', reason: '已删' }, true)],
      reports: [],
    });
    expect(blocks.map((b) => b.from)).toEqual(['2024-02-01', '2025-01-01']);
    expect(blocksInForce(blocks, '2024-07-31').map((b) => b.reason)).toEqual(['诫勉：乙']);
    expect(blocksInForce(blocks, '2024-08-01')).toEqual([]);
    expect(blocksInForce(blocks, '2025-06-30').map((b) => b.reason)).toEqual(['纪律处分：警告']);
  });
});
