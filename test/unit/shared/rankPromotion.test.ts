import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeTables } from '../../../shared/code';
import { UserError } from '../../../shared/errors';
import { addMonths, formatMonth } from '../../../shared/rules/months';
import {
  nextRankOf,
  rankPromotionEligibility,
  rankPromotionSettingsSchema,
  rankPromotionVerdict,
  type RankPromotionInput,
  type RankPromotionSettings,
} from '../../../shared/rules/rankPromotion';

const code = (caption: string): string => {
  const entry = codeTables.rank.entries.find((e) => e.caption === caption);
  if (!entry) throw new Error(`no rank ${caption}`);
  return entry.code;
};
const G = { 优秀: '1', 称职: '2', 基本称职: '3', 不称职: '4', 不定等次: '5' } as const;

/** Every year in [from, to] with one grade. */
const years = (from: number, to: number, grade: string = G.称职) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ year: from + i, grade }));

const cadre = (over: Partial<RankPromotionInput> = {}): RankPromotionInput => ({
  rank: code('三级主任科员'),
  rankSince: '2023-03',
  assessments: years(2023, 2024),
  blocks: [],
  ...over,
});

// docs/domain.md "Rank promotion", written out independently of the implementation's table: [from, to, years].
const LADDER: [string, string, number][] = [
  ['二级科员', '一级科员', 2],
  ['一级科员', '四级主任科员', 2],
  ['四级主任科员', '三级主任科员', 2],
  ['三级主任科员', '二级主任科员', 2],
  ['二级主任科员', '一级主任科员', 2],
  ['一级主任科员', '四级调研员', 2],
  ['四级调研员', '三级调研员', 2],
  ['三级调研员', '二级调研员', 2],
  ['二级调研员', '一级调研员', 3],
  ['一级调研员', '二级巡视员', 4],
  ['二级巡视员', '一级巡视员', 4],
];

describe('the ladder', () => {
  it('has every rank but the top as a step', () => {
    expect(LADDER).toHaveLength(codeTables.rank.entries.length - 1);
  });
  it.each(LADDER)('%s → %s after %d years, not a month earlier', (from, to, minYears) => {
    const input = cadre({ rank: code(from), rankSince: '2015-07', assessments: years(2015, 2030) });
    const earliest = formatMonth(2015 + minYears, 7);
    const before = rankPromotionEligibility(input, addMonths(earliest, -1));
    expect(before.eligible).toBe(false);
    expect(before.nextRank).toBe(code(to));
    expect(before.earliest).toBe(earliest);
    expect(before.reasons[0]).toBe(`任${from} ${minYears - 1}年11个月，不满${minYears}年（${earliest} 满）`);
    const on = rankPromotionEligibility(input, earliest);
    expect(on.eligible).toBe(true);
    expect(on.nextRank).toBe(code(to));
    expect(on.earliest).toBe(earliest);
    expect(on.reasons[0]).toBe(`任${from} ${minYears}年，已满${minYears}年`);
    expect(nextRankOf(code(from))).toBe(code(to));
  });
  it('stops at the top rank: no next rank, no earliest month, and says why', () => {
    const top = rankPromotionEligibility(
      cadre({ rank: code('一级巡视员'), rankSince: '2015-01', assessments: years(2015, 2024, G.优秀) }),
      '2025-06',
    );
    expect(top).toEqual({
      eligible: false,
      nextRank: null,
      earliest: null,
      reasons: ['任一级巡视员 10年5个月', '一级巡视员是最高职级，没有可晋升的职级'],
    });
    expect(nextRankOf(code('一级巡视员'))).toBeNull();
  });
});

describe('reasons for an eligible cadre', () => {
  it('read like the rule: time in rank, the assessments, no blocking period', () => {
    const r = rankPromotionEligibility(cadre(), '2025-06');
    expect(r).toEqual({
      eligible: true,
      nextRank: code('二级主任科员'),
      earliest: '2025-03',
      reasons: ['任三级主任科员 2年3个月，已满2年', '近两年考核称职以上（2023—2024年度）', '无在影响期内的处分、诫勉等情形'],
    });
  });
  it('count three years as 近三年 and a single year by its number', () => {
    const three = rankPromotionEligibility(cadre({ rankSince: '2022-05', assessments: years(2022, 2024) }), '2025-06');
    expect(three.reasons).toContain('近三年考核称职以上（2022—2024年度）');
    const one = rankPromotionEligibility(
      cadre({ rankSince: '2024-05', assessments: years(2024, 2024) }),
      '2025-06',
      { minYears: { '08': 1 } },
    );
    expect(one.eligible).toBe(true);
    expect(one.reasons).toContain('2024年度考核称职以上');
  });
});

describe('assessment conditions', () => {
  it('bars a missing year and names it', () => {
    const r = rankPromotionEligibility(cadre({ assessments: [{ year: 2024, grade: G.称职 }] }), '2025-06');
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain('2023年度无考核结果');
    expect(r.earliest).toBe('2025-03'); // the time condition is met all the same
  });
  it.each([
    ['基本称职', G.基本称职],
    ['不称职', G.不称职],
    ['不定等次', G.不定等次],
  ])('bars a year graded %s and names it', (caption, grade) => {
    const r = rankPromotionEligibility(
      cadre({ assessments: [{ year: 2023, grade: G.称职 }, { year: 2024, grade }] }),
      '2025-06',
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain(`2024年度考核${caption}`);
    expect(r.reasons.some((x) => x.includes('称职以上'))).toBe(false);
  });
  it('accepts 优秀 and 称职 mixed', () => {
    const r = rankPromotionEligibility(
      cadre({ assessments: [{ year: 2023, grade: G.优秀 }, { year: 2024, grade: G.称职 }] }),
      '2025-06',
    );
    expect(r.eligible).toBe(true);
  });
  it('looks at every year of the rank, not only the last two', () => {
    const r = rankPromotionEligibility(
      cadre({ rankSince: '2019-03', assessments: [...years(2019, 2024)].map((a) => (a.year === 2020 ? { ...a, grade: G.基本称职 } : a)) }),
      '2025-06',
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain('2020年度考核基本称职');
  });
  it('ignores years before the rank and the asOf year itself', () => {
    const r = rankPromotionEligibility(
      cadre({ assessments: [{ year: 2022, grade: G.不称职 }, ...years(2023, 2024), { year: 2025, grade: G.基本称职 }] }),
      '2025-06',
    );
    expect(r.eligible).toBe(true);
  });
  it('requires the rankSince year even when the rank was taken in December (the default)', () => {
    const input = cadre({ rankSince: '2022-12', assessments: years(2023, 2024) });
    const r = rankPromotionEligibility(input, '2025-06');
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain('2022年度无考核结果');
    const relaxed = rankPromotionEligibility(input, '2025-06', { requirePartialFirstYear: false });
    expect(relaxed.eligible).toBe(true);
    expect(relaxed.reasons).toContain('近两年考核称职以上（2023—2024年度）');
  });
  it('still requires the rankSince year under requirePartialFirstYear: false when the rank was held from January', () => {
    const r = rankPromotionEligibility(
      cadre({ rankSince: '2023-01', assessments: years(2024, 2024) }),
      '2025-06',
      { requirePartialFirstYear: false },
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain('2023年度无考核结果');
  });
  it('says when no assessment year has ended in the rank yet', () => {
    const r = rankPromotionEligibility(cadre({ rankSince: '2025-02', assessments: [] }), '2025-06', {
      minYears: { '08': 0 },
    });
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('任现职级以来尚无已结束的考核年度，暂不审核年度考核');
  });
});

describe('settings', () => {
  it('passingGrades: 基本称职 can be let through, or only 优秀 required', () => {
    const input = cadre({ assessments: [{ year: 2023, grade: G.优秀 }, { year: 2024, grade: G.基本称职 }] });
    expect(rankPromotionEligibility(input, '2025-06').eligible).toBe(false);
    const lenient = rankPromotionEligibility(input, '2025-06', { passingGrades: [G.优秀, G.称职, G.基本称职] });
    expect(lenient.eligible).toBe(true);
    expect(lenient.reasons).toContain('近两年考核基本称职以上（2023—2024年度）');
    const strict = rankPromotionEligibility(cadre(), '2025-06', { passingGrades: [G.优秀] });
    expect(strict.eligible).toBe(false);
    expect(strict.reasons).toEqual(expect.arrayContaining(['2023年度考核称职', '2024年度考核称职']));
  });
  it('missingYearBars: false lets a missing year through but still names it', () => {
    const input = cadre({ assessments: [{ year: 2024, grade: G.称职 }] });
    const r = rankPromotionEligibility(input, '2025-06', { missingYearBars: false });
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('2023年度无考核结果（按本地设置不影响晋升）');
    expect(r.reasons).toContain('其余年度考核称职以上');
    // a bad grade still bars under the same setting
    const bad = rankPromotionEligibility(
      cadre({ assessments: [{ year: 2024, grade: G.不称职 }] }),
      '2025-06',
      { missingYearBars: false },
    );
    expect(bad.eligible).toBe(false);
    expect(bad.reasons).toContain('2024年度考核不称职');
  });
  it('minYears overrides one target and keeps the defaults for the others, in whole months', () => {
    const settings: RankPromotionSettings = { minYears: { '08': 3 } };
    const input = cadre({ rankSince: '2022-03', assessments: years(2022, 2025) });
    expect(rankPromotionEligibility(input, '2024-03').eligible).toBe(true);
    const r = rankPromotionEligibility(input, '2025-02', settings);
    expect(r.eligible).toBe(false);
    expect(r.earliest).toBe('2025-03');
    expect(r.reasons[0]).toBe('任三级主任科员 2年11个月，不满3年（2025-03 满）');
    expect(rankPromotionEligibility(input, '2025-03', settings).eligible).toBe(true);
    // another step keeps its default
    const other = rankPromotionEligibility({ ...input, rank: code('一级科员') }, '2024-03', settings);
    expect(other.eligible).toBe(true);
    // 2.5 years is 2年6个月
    const half = rankPromotionEligibility(input, '2024-06', { minYears: { '08': 2.5 } });
    expect(half.earliest).toBe('2024-09');
    expect(half.reasons[0]).toBe('任三级主任科员 2年3个月，不满2年6个月（2024-09 满）');
  });
  it('resetGrades: a 基本称职 restarts the count from the next January instead of barring for good', () => {
    const input = cadre({
      rankSince: '2019-03',
      assessments: [...years(2019, 2020), { year: 2021, grade: G.基本称职 }, ...years(2022, 2024)],
    });
    expect(rankPromotionEligibility(input, '2025-06').eligible).toBe(false);
    const settings: RankPromotionSettings = { resetGrades: [G.基本称职] };
    const early = rankPromotionEligibility(input, '2023-12', settings);
    expect(early.eligible).toBe(false);
    expect(early.earliest).toBe('2024-01');
    expect(early.reasons).toContain('2021年度考核基本称职，任职年限自 2022-01 起重新计算');
    expect(early.reasons).toContain('重新计算后已任 1年11个月，不满2年（2024-01 满）');
    const later = rankPromotionEligibility(input, '2025-06', settings);
    expect(later.eligible).toBe(true);
    expect(later.reasons).toContain('近三年考核称职以上（2022—2024年度）');
  });
  it('resetGrades: says the count restarted when no assessment year has ended since', () => {
    const r = rankPromotionEligibility(
      cadre({ rankSince: '2022-03', assessments: [...years(2022, 2023), { year: 2024, grade: G.基本称职 }] }),
      '2025-06',
      { resetGrades: [G.基本称职], minYears: { '08': 0 } },
    );
    expect(r.earliest).toBe('2025-01');
    expect(r.reasons).toContain('重新计算任职年限以来尚无已结束的考核年度，暂不审核年度考核');
  });
  it('excellentYearShortensMonths: each 优秀 year in the period shortens the time required', () => {
    const input = cadre({ rankSince: '2023-03', assessments: years(2023, 2024, G.优秀) });
    const plain = rankPromotionEligibility(input, '2024-12');
    expect(plain.eligible).toBe(false);
    const r = rankPromotionEligibility(input, '2025-01', { excellentYearShortensMonths: 3 });
    expect(r.earliest).toBe('2024-09');
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('2023年以来2个年度考核优秀，任职年限要求缩短6个月');
  });
  it('re-reads a settings object changed in place', () => {
    const settings: RankPromotionSettings = { minYears: { '08': 2 } };
    expect(rankPromotionEligibility(cadre(), '2025-06', settings).eligible).toBe(true);
    settings.minYears = { '08': 5 };
    expect(rankPromotionEligibility(cadre(), '2025-06', settings).eligible).toBe(false);
  });
  it.each<[RankPromotionSettings, string]>([
    [{ minYears: { '08': -1 } }, '晋升年限不能为负数'],
    [{ minYears: { '12': 2 } }, '不是可晋升到的职级'],
    [{ minYears: { '08': 2.1 } }, '晋升年限应能折算为整月'],
    [{ passingGrades: ['9'] }, '不在年度考核结果代码表中'],
    [{ passingGrades: [] }, '请至少选择一个符合条件的考核等次'],
    [{ resetGrades: [G.称职] }, '不能既符合条件又重新计算任职年限'],
    [{ excellentYearShortensMonths: 1.5 }, '优秀年度缩短的月数应为整数'],
  ])('refuses invalid settings %j in Chinese', (settings, message) => {
    expect(() => rankPromotionEligibility(cadre(), '2025-06', settings)).toThrow(UserError);
    expect(() => rankPromotionEligibility(cadre(), '2025-06', settings)).toThrow(message);
  });
  it('has a schema a settings screen can save through', () => {
    expect(rankPromotionSettingsSchema.safeParse({ minYears: { '03': 3 }, missingYearBars: false }).success).toBe(true);
  });
});

describe('blocking periods', () => {
  const admonition = (from: string, to: string) => ({ reason: '诫勉', from, to });
  it('bars when a block covers the first day of the asOf month, and names its end', () => {
    const r = rankPromotionEligibility(cadre({ blocks: [admonition('2025-09-16', '2026-03-15')] }), '2026-03');
    expect(r.eligible).toBe(false);
    expect(r.reasons).toContain('诫勉影响期至 2026-03-15');
    expect(r.reasons).not.toContain('无在影响期内的处分、诫勉等情形');
  });
  it('bars when the block starts on the first day of the month', () => {
    expect(rankPromotionEligibility(cadre({ blocks: [admonition('2025-06-01', '2025-11-30')] }), '2025-06').eligible).toBe(
      false,
    );
  });
  it('does not bar when the block ended the day before', () => {
    const r = rankPromotionEligibility(cadre({ blocks: [admonition('2024-12-01', '2025-05-31')] }), '2025-06');
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('无在影响期内的处分、诫勉等情形');
  });
  it('names but does not bar a block starting later in the month', () => {
    const r = rankPromotionEligibility(cadre({ blocks: [admonition('2025-06-02', '2025-12-01')] }), '2025-06');
    expect(r.eligible).toBe(true);
    expect(r.reasons).toContain('诫勉影响期自 2025-06-02 起至 2025-12-01，2025-06 月初尚未开始');
  });
  it('names every block in force', () => {
    const r = rankPromotionEligibility(
      cadre({ blocks: [admonition('2025-01-10', '2025-07-09'), { reason: '降职', from: '2024-08-01', to: '2026-07-31' }] }),
      '2025-06',
    );
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual(expect.arrayContaining(['诫勉影响期至 2025-07-09', '降职影响期至 2026-07-31']));
  });
});

describe('earliest month arithmetic', () => {
  it.each([
    ['2023-11', code('三级主任科员'), '2025-11'],
    ['2023-01', code('三级主任科员'), '2025-01'],
    ['2022-12', code('二级调研员'), '2025-12'], // 3 years
    ['2021-02', code('一级调研员'), '2025-02'], // 4 years
  ])('from %s in rank %s: %s', (rankSince, rank, earliest) => {
    const r = rankPromotionEligibility(cadre({ rank, rankSince, assessments: years(2020, 2030) }), '2026-01');
    expect(r.earliest).toBe(earliest);
  });
});

describe('bad input', () => {
  it.each(['13', '00', '', '9'])('refuses the unknown rank code %j', (rank) => {
    expect(() => rankPromotionEligibility(cadre({ rank }), '2025-06')).toThrow(UserError);
    expect(() => rankPromotionEligibility(cadre({ rank }), '2025-06')).toThrow('不在职级代码表中');
  });
  it.each(['2025-13', '2025/03', '2025-3', '202503', ''])('refuses the malformed month %j', (month) => {
    expect(() => rankPromotionEligibility(cadre({ rankSince: month }), '2025-06')).toThrow(`任现职级时间“${month}”格式不对`);
    expect(() => rankPromotionEligibility(cadre(), month)).toThrow(`计算时间“${month}”格式不对`);
  });
  it('refuses a rankSince after asOf', () => {
    expect(() => rankPromotionEligibility(cadre({ rankSince: '2025-07' }), '2025-06')).toThrow('晚于计算时间');
  });
  it('refuses an unknown grade, a bad year and two different grades for one year', () => {
    expect(() => rankPromotionEligibility(cadre({ assessments: [{ year: 2024, grade: '优秀' }] }), '2025-06')).toThrow(
      '不在年度考核结果代码表中',
    );
    expect(() => rankPromotionEligibility(cadre({ assessments: [{ year: 24, grade: G.称职 }] }), '2025-06')).toThrow(
      '考核年度“24”无效',
    );
    expect(() =>
      rankPromotionEligibility(
        cadre({ assessments: [...years(2023, 2024), { year: 2024, grade: G.基本称职 }] }),
        '2025-06',
      ),
    ).toThrow('2024年度有两个不同的考核结果');
    // the same grade twice is harmless
    expect(
      rankPromotionEligibility(cadre({ assessments: [...years(2023, 2024), ...years(2024, 2024)] }), '2025-06').eligible,
    ).toBe(true);
  });
  it('refuses a malformed or reversed block', () => {
    expect(() =>
      rankPromotionEligibility(cadre({ blocks: [{ reason: '诫勉', from: '2025-02-30', to: '2025-08-01' }] }), '2025-06'),
    ).toThrow('日期格式不对');
    expect(() =>
      rankPromotionEligibility(cadre({ blocks: [{ reason: '诫勉', from: '2025-08-01', to: '2025-02-01' }] }), '2025-06'),
    ).toThrow('早于开始日期');
  });
});

describe('properties', () => {
  const rankCode = fc.constantFrom(...codeTables.rank.entries.slice(1).map((e) => e.code));
  const month = (from: number, to: number) =>
    fc.tuple(fc.integer({ min: from, max: to }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => formatMonth(y, m));

  it('with every year 称职 and no blocks, eligibility is monotone in asOf and is exactly asOf ≥ earliest', () => {
    fc.assert(
      fc.property(rankCode, month(2000, 2020), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 60 }), (rank, rankSince, a, d) => {
        const input = cadre({ rank, rankSince, assessments: years(1999, 2040) });
        const asOf = addMonths(rankSince, a);
        const later = addMonths(asOf, d);
        const r1 = rankPromotionEligibility(input, asOf);
        const r2 = rankPromotionEligibility(input, later);
        if (r1.eligible) expect(r2.eligible).toBe(true);
        expect(r1.earliest).toBe(r2.earliest);
        expect(r1.eligible).toBe(r1.earliest !== null && asOf >= r1.earliest);
      }),
    );
  });
  it('a block in force always bars, and is always named', () => {
    fc.assert(
      fc.property(rankCode, month(2000, 2015), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 400 }), (rank, rankSince, day, length) => {
        const asOf = addMonths(rankSince, 72);
        const from = `${addMonths(asOf, -1)}-${String(day).padStart(2, '0')}`;
        const end = new Date(Date.UTC(Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1, 1 + length));
        const to = end.toISOString().slice(0, 10);
        const r = rankPromotionEligibility(
          cadre({ rank, rankSince, assessments: years(1999, 2040), blocks: [{ reason: '处分', from, to }] }),
          asOf,
        );
        expect(r.eligible).toBe(false);
        expect(r.reasons).toContain(`处分影响期至 ${to}`);
      }),
    );
  });

  it('the verdict without wording is the rule’s own answer, throws included, for any input and settings', () => {
    const grade = fc.constantFrom(...Object.values(G));
    const settings = fc.record(
      {
        missingYearBars: fc.boolean(),
        requirePartialFirstYear: fc.boolean(),
        excellentYearShortensMonths: fc.integer({ min: 0, max: 12 }),
        resetGrades: fc.constantFrom([], ['4'], ['4', '5']),
      },
      { requiredKeys: [] },
    );
    const answer = (f: () => { eligible: boolean; nextRank: string | null; earliest: string | null }) => {
      try {
        const r = f();
        return { eligible: r.eligible, nextRank: r.nextRank, earliest: r.earliest };
      } catch (e) {
        return { threw: (e as Error).message };
      }
    };
    fc.assert(
      fc.property(
        rankCode,
        month(2010, 2026),
        fc.array(fc.record({ year: fc.integer({ min: 2008, max: 2026 }), grade }), { maxLength: 12 }),
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 200 }), days: fc.integer({ min: 0, max: 900 }) }), { maxLength: 2 }),
        month(2018, 2027),
        settings,
        (rank, rankSince, assessments, spans, asOf, s) => {
          const day = (n: number) => new Date(Date.UTC(2018, 0, 1 + n * 20)).toISOString().slice(0, 10);
          const blocks = spans.map((b) => ({ reason: '诫勉', from: day(b.from), to: new Date(Date.UTC(2018, 0, 1 + b.from * 20 + b.days)).toISOString().slice(0, 10) }));
          const input = cadre({ rank, rankSince, assessments, blocks });
          const full = answer(() => rankPromotionEligibility(input, asOf, s as RankPromotionSettings));
          const verdict = answer(() => rankPromotionVerdict(input, asOf, s as RankPromotionSettings));
          expect(verdict).toEqual(full);
          if (!('threw' in verdict)) expect(rankPromotionVerdict(input, asOf, s as RankPromotionSettings).reasons).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
