import { describe, expect, it } from 'vitest';
import { lookup } from '../../../shared/code';
import { cadreBlocks } from '../../../shared/rules/blocks';
import { mustReport, type Levels } from '../../../shared/rules/personalMatters';
import { DEFAULT_SUPERVISION_SETTINGS, settingsOf, settingsProblems, type SupervisionSettings } from '../../../shared/rules/supervisionSettings';

// 管理监督's settings (shared/rules/supervisionSettings.ts): checked before they are kept, defaults for what is
// missing, and the rules reading them.

const levels: Levels = { postLevel: (c) => lookup('postLevel', c)?.level, rank: (c) => lookup('rank', c)?.level };
const withChange = (change: (s: SupervisionSettings) => void): SupervisionSettings => {
  const s = structuredClone(DEFAULT_SUPERVISION_SETTINGS);
  change(s);
  return s;
};

describe('checking settings as entered', () => {
  it('accepts the defaults', () => {
    expect(settingsProblems(DEFAULT_SUPERVISION_SETTINGS)).toEqual([]);
  });

  it('names each field out of range, in Chinese', () => {
    const bad = withChange((s) => {
      s.returnDays = 0;
      s.blocks.handlingMonths.demotion = 61;
      s.blocks.admonishmentMonths = 2.5;
    });
    const problems = settingsProblems(bad);
    expect(problems.map((p) => p.path).sort()).toEqual(['blocks.admonishmentMonths', 'blocks.handlingMonths.demotion', 'returnDays']);
    expect(problems.find((p) => p.path === 'blocks.handlingMonths.demotion')!.message).toContain('“降职”的影响期');
    expect(problems.find((p) => p.path === 'returnDays')!.message).toContain('1 至 90 天');
  });

  it('refuses a reporting rule under which nobody reports', () => {
    const problems = settingsProblems(withChange((s) => (s.reporting = { minPostLevel: null, minRankLevel: null })));
    expect(problems).toEqual([{ path: 'reporting.minPostLevel', message: expect.stringContaining('至少要按职务层次或职级') }]);
  });
});

describe('settings as the rules read them', () => {
  it('keep what is valid and fall back to the defaults for the rest', () => {
    expect(settingsOf(undefined)).toEqual(DEFAULT_SUPERVISION_SETTINGS);
    const kept = settingsOf({ returnDays: 15, blocks: { admonishmentMonths: 'x' }, reporting: { minPostLevel: 1, minRankLevel: null } });
    expect(kept).toEqual({ ...DEFAULT_SUPERVISION_SETTINGS, returnDays: 15, reporting: { minPostLevel: 1, minRankLevel: null } });
  });

  it('the reporting rule decides who reports; null leaves that measure out', () => {
    const keyuan = { id: 'a', deleted: false, status: '01', postLevel: '2B', rank: '06' }; // 副科, 四级调研员
    expect(mustReport(keyuan, levels, DEFAULT_SUPERVISION_SETTINGS.reporting)).toBe(true);
    expect(mustReport(keyuan, levels, { minPostLevel: 3, minRankLevel: null })).toBe(false);
    expect(mustReport(keyuan, levels, { minPostLevel: 1, minRankLevel: null })).toBe(true);
  });

  it('the blocking months decide the periods', () => {
    const report = {
      id: 'r', cadreId: 'c', year: 2025, submitted: '2025-01-10', result: 'omitted', handling: 'demotion', handledOn: '2025-03-10', checkedOn: '2025-03-01',
      deleted: false,
    } as never;
    const blocks = (s: SupervisionSettings) => cadreBlocks({ rewards: [], actions: [], reports: [report] }, s.blocks);
    expect(blocks(DEFAULT_SUPERVISION_SETTINGS)).toEqual([expect.objectContaining({ from: '2025-03-10', to: '2027-03-09' })]);
    expect(blocks(withChange((s) => (s.blocks.handlingMonths.demotion = 6)))).toEqual([expect.objectContaining({ to: '2025-09-09' })]);
    expect(blocks(withChange((s) => (s.blocks.handlingMonths.demotion = 0)))).toEqual([]);
  });
});
