import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  createContext,
  emptyStats,
  generateCadre,
  generateDataset,
  type CadreDossier,
  type DatasetOptions,
  type DatasetRecord,
  type DatasetTable,
} from '../../../../shared/synthetic/cadres';
import { surnameOf } from '../../../../shared/synthetic/names';
import { Random, WeightedTable } from '../../../../shared/synthetic/random';
import {
  AnnualAssessmentSchema,
  CadreSchema,
  CareerEntrySchema,
  EducationSchema,
  FamilyMemberSchema,
  PostHistorySchema,
  RankHistorySchema,
  RewardPunishmentSchema,
} from '../../../../shared/domain/cadre';
import { UnitSchema, type Unit } from '../../../../shared/domain/unit';
import { cadreId, naturalId, unitId } from '../../../../shared/ids';
import { lookup } from '../../../../shared/code';
import { UserError } from '../../../../shared/errors';
import { parseIdNumber } from '../../../../shared/rules/idNumber';
import { compareMonths, fullYears } from '../../../../shared/rules/months';

const INSTALLATION = '0123456789abcdef0123456789abcdef';
const BASE = { installationId: INSTALLATION, asOf: '2025-06', operator: '测试员' } as const;
const options = (seed: number | string, cadres: number, extra: Partial<DatasetOptions> = {}): DatasetOptions => ({
  ...BASE,
  seed,
  cadres,
  ...extra,
});

const SCHEMAS: Record<DatasetTable, z.ZodType> = {
  units: UnitSchema,
  cadres: CadreSchema,
  career: CareerEntrySchema,
  education: EducationSchema,
  family: FamilyMemberSchema,
  rewards: RewardPunishmentSchema,
  assessments: AnnualAssessmentSchema,
  posts: PostHistorySchema,
  ranks: RankHistorySchema,
};

type Dossier = Omit<CadreDossier, 'injected'>;

/** The records grouped as the stream promises: units first, then each cadre followed by its sub-records. */
function group(records: DatasetRecord[]): { units: Unit[]; dossiers: Dossier[] } {
  const units: Unit[] = [];
  const dossiers: Dossier[] = [];
  for (const item of records) {
    if (item.table === 'units') {
      expect(dossiers, 'units come before every cadre').toHaveLength(0);
      units.push(item.record);
    } else if (item.table === 'cadres') {
      const empty = { career: [], education: [], family: [], rewards: [], assessments: [], posts: [], ranks: [] };
      dossiers.push({ cadre: item.record, ...empty });
    } else {
      const d = dossiers[dossiers.length - 1]!;
      expect(item.record.cadreId, `${item.table} record follows its own cadre`).toBe(d.cadre.id);
      (d[item.table] as unknown[]).push(item.record);
    }
  }
  return { units, dossiers };
}

const SEED = 20250601;
const sample = [...generateDataset(options(SEED, 500))];
const { units, dossiers } = group(sample);
const today = '2025-06-30';

describe('Random (xoshiro128**)', () => {
  it('matches the reference outputs of xoshiro128** for the state 1, 2, 3, 4', () => {
    const r = Random.fromState(1, 2, 3, 4);
    expect(Array.from({ length: 6 }, () => r.uint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('gives the same sequence for a seed on every machine (pinned values), and other seeds and streams differ', () => {
    const r = new Random(1);
    expect([r.uint32(), r.uint32(), r.uint32(), r.uint32()]).toEqual([1611696519, 385333880, 693716657, 2400416695]);
    const s = new Random('cadredesk', 3);
    expect([s.uint32(), s.uint32(), s.uint32(), s.uint32()]).toEqual([1138164163, 3248693111, 3226453625, 2985688561]);
    expect(new Random(2).uint32()).not.toBe(new Random(1).uint32());
    expect(new Random(1, 0).uint32()).not.toBe(new Random(1, 1).uint32());
    expect(new Random(1).uint32()).not.toBe(new Random('1').uint32());
  });

  it('int, chance, pick and weighted stay in range and follow the weights', () => {
    const r = new Random(5);
    const table = new WeightedTable([['a', 1], ['b', 3], ['c', 0]]);
    const counts = { a: 0, b: 0, c: 0 };
    let yes = 0;
    const ints = new Set<number>();
    const picks = new Set<string>();
    for (let i = 0; i < 20000; i++) {
      ints.add(r.int(-3, 4));
      picks.add(r.pick(['x', 'y']));
      counts[r.weighted(table) as 'a' | 'b' | 'c']++;
      if (r.chance(0.25)) yes++;
    }
    expect([...ints].sort((a, b) => a - b)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4]);
    expect([...picks].sort()).toEqual(['x', 'y']);
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(yes / 20000).toBeCloseTo(0.25, 1);
  });
});

describe('generateDataset', () => {
  it('is deterministic: the same seed gives identical records, and a cadre does not depend on the set size', () => {
    const again = [...generateDataset(options(SEED, 200))];
    expect(again).toEqual(sample.slice(0, again.length));
    // the 201st cadre starts right where the 200-cadre set ends
    expect(sample[again.length]!.table).toBe('cadres');
  });

  it('another seed gives other cadres (same units)', () => {
    const other = group([...generateDataset(options(SEED + 1, 20))]);
    expect(other.units).toEqual(units);
    const names = (ds: Dossier[]) => ds.slice(0, 20).map((d) => d.cadre.idNumber);
    expect(names(other.dossiers)).not.toEqual(names(dossiers));
    expect(new Set([...names(other.dossiers), ...names(dossiers)]).size).toBe(40);
  });

  it('every record is complete: it parses with its schema and parsing changes nothing', () => {
    for (const { table, record } of sample) {
      const parsed = SCHEMAS[table].safeParse(record);
      if (!parsed.success) throw new Error(`${table} ${JSON.stringify(record)}: ${parsed.error.message}`);
      expect(parsed.data).toEqual(record);
    }
  });

  it('sync fields: counters increase by one per record in output order, one timestamp and actor, no tombstones', () => {
    sample.forEach(({ record }, i) => {
      expect(record.vv).toEqual({ [INSTALLATION]: i + 1 });
      expect(record.updatedAt).toBe(Date.UTC(2025, 5, 15, 4));
      expect(record.updatedBy).toEqual({ installationId: INSTALLATION, operator: '测试员' });
      expect(record.deleted).toBe(false);
    });
  });

  it('ids: unique, natural where the id rules say so, v7-shaped otherwise', () => {
    const ids = sample.map((r) => r.record.id);
    expect(new Set(ids).size).toBe(ids.length);
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const u of units) expect(u.id).toBe(unitId(u.parentId, u.name));
    for (const d of dossiers) {
      expect(d.cadre.id).toBe(cadreId(d.cadre.idNumber));
      for (const a of d.assessments) expect(a.id).toBe(naturalId('assessment', d.cadre.id, String(a.year)));
      const v7Records = [...d.career, ...d.education, ...d.family, ...d.rewards, ...d.posts, ...d.ranks];
      for (const r of v7Records) expect(r.id).toMatch(v7);
    }
  });

  it('the unit tree: 新城区 → departments and streets → communities, parents first, orders by position', () => {
    const byId = new Map(units.map((u) => [u.id, u]));
    const roots = units.filter((u) => u.parentId === null);
    expect(roots.map((u) => u.name)).toEqual(['新城区']);
    const children = (id: string) => units.filter((u) => u.parentId === id);
    const top = children(roots[0]!.id);
    expect(top.length).toBeGreaterThanOrEqual(45);
    const someDepartments = ['区委办公室', '区委组织部', '区委宣传部', '区发展和改革委员会', '区教育局', '区财政局'];
    expect(top.map((u) => u.name)).toEqual(expect.arrayContaining(someDepartments));
    const streets = top.filter((u) => u.name.endsWith('街道'));
    expect(streets).toHaveLength(10);
    for (const s of streets) expect(children(s.id).map((c) => c.name).every((n) => n.endsWith('社区'))).toBe(true);
    expect(streets.reduce((n, s) => n + children(s.id).length, 0)).toBe(50);
    units.forEach((u, i) => {
      if (u.parentId) expect(units.findIndex((p) => p.id === u.parentId)).toBeLessThan(i);
    });
    for (const parent of [roots[0]!, ...streets]) {
      expect(children(parent.id).map((c) => c.order)).toEqual(children(parent.id).map((_, i) => i));
    }
    for (const d of dossiers) expect(byId.has(d.cadre.unitId)).toBe(true);
  });

  it('ID numbers are valid, unique, and agree with birth month and sex', () => {
    const numbers = new Set<string>();
    for (const { cadre } of dossiers) {
      const parsed = parseIdNumber(cadre.idNumber, today);
      if (!parsed.ok) throw new Error(`${cadre.idNumber}: ${parsed.reason}`);
      expect(parsed.value.birthMonth).toBe(cadre.birth);
      expect(parsed.value.sex).toBe(cadre.sex);
      expect(parsed.value.region).toMatch(/^3201\d\d$/);
      numbers.add(cadre.idNumber);
      const year = Number(cadre.birth.slice(0, 4));
      expect(year >= 1965 && year <= 2000).toBe(true);
    }
    expect(numbers.size).toBe(dossiers.length);
  });

  it('the career is continuous from the first study entry, only the last segment is open, and it is the current post', () => {
    for (const d of dossiers) {
      const { career, cadre } = d;
      const firstStudy = d.education.filter((e) => e.mode === 'fullTime').map((e) => e.from).sort()[0];
      expect(career[0]!.kind).toBe('study');
      expect(career[0]!.from).toBe(firstStudy);
      for (let i = 0; i + 1 < career.length; i++) {
        expect(career[i]!.to, `${cadre.name} segment ${i}`).toBe(career[i + 1]!.from);
        expect(compareMonths(career[i]!.from, career[i]!.to!)).toBeLessThan(0);
      }
      const last = career[career.length - 1]!;
      expect(last.to).toBeNull();
      expect(compareMonths(last.from, BASE.asOf)).toBeLessThanOrEqual(0);
      expect(last.kind).toBe('work');
      expect(last.post).toBe(cadre.currentPost);
      // study segments first, then work; work starts when full-time study ends
      const firstWork = career.findIndex((s) => s.kind === 'work');
      expect(career.slice(firstWork).every((s) => s.kind === 'work')).toBe(true);
      expect(career[firstWork]!.from).toBe(cadre.workStarted);
    }
  });

  it('三龄两历: work starts after full-time study at 16 or older; party members joined at 18 or older', () => {
    let members = 0;
    for (const { cadre, education } of dossiers) {
      expect(fullYears(cadre.birth, cadre.workStarted!)).toBeGreaterThanOrEqual(16);
      const fullTime = education.filter((e) => e.mode === 'fullTime');
      expect(fullTime.map((e) => e.to).sort().at(-1)).toBe(cadre.workStarted);
      if (cadre.politicalStatus === '01' || cadre.politicalStatus === '02') {
        members++;
        expect(cadre.partyJoined).not.toBeNull();
        expect(fullYears(cadre.birth, cadre.partyJoined!)).toBeGreaterThanOrEqual(18);
        expect(compareMonths(cadre.partyJoined!, BASE.asOf)).toBeLessThanOrEqual(0);
      } else {
        expect(cadre.partyJoined).toBeNull();
      }
    }
    expect(members / dossiers.length).toBeGreaterThan(0.7);
    expect(members / dossiers.length).toBeLessThan(0.9);
  });

  it('the basic record agrees with the education, post, rank and assessment records', () => {
    const level = (code: string | null) => (code ? lookup('education', code)!.level! : 0);
    for (const d of dossiers) {
      const { cadre } = d;
      for (const mode of ['fullTime', 'inService'] as const) {
        const entries = d.education.filter((e) => e.mode === mode);
        const summary = mode === 'fullTime' ? cadre.fullTimeEducation : cadre.inServiceEducation;
        const highest = entries.at(-1);
        expect(summary).toEqual(
          highest
            ? { education: highest.education, degree: highest.degree, school: highest.school, major: highest.major }
            : { education: null, degree: null, school: '', major: '' },
        );
        for (const e of entries) expect(level(e.education)).toBeLessThanOrEqual(level(summary.education));
      }
      const openPosts = d.posts.filter((p) => p.to === null);
      if (cadre.postLevel === null) expect(openPosts).toHaveLength(0);
      else expect(openPosts.map((p) => [p.postLevel, p.title])).toEqual([[cadre.postLevel, cadre.currentPost]]);
      if (cadre.rank === null) {
        expect(d.ranks).toHaveLength(0);
        expect(cadre.rankSince).toBeNull();
      } else {
        const last = d.ranks.at(-1)!;
        expect([last.rank, last.from, last.to]).toEqual([cadre.rank, cadre.rankSince, null]);
        d.ranks.slice(1).forEach((r, i) => expect(d.ranks[i]!.to).toBe(r.from));
        // promotions go up the rank table (level larger is higher)
        const rankLevel = (code: string) => lookup('rank', code)!.level!;
        d.ranks.slice(1).forEach((r, i) => expect(rankLevel(r.rank)).toBeGreaterThan(rankLevel(d.ranks[i]!.rank)));
      }
      const years = d.assessments.map((a) => a.year);
      years.forEach((y, i) => i > 0 && expect(y).toBe(years[i - 1]! + 1));
      if (years.length) expect(years.at(-1)!).toBeLessThanOrEqual(2024);
      if (years.length) expect(years[0]!).toBeGreaterThanOrEqual(Number(cadre.workStarted!.slice(0, 4)));
      expect(d.family.length >= 3 && d.family.length <= 6).toBe(true);
      const spouse = d.family.filter((f) => f.relation === '11' || f.relation === '12');
      expect(spouse.length).toBe(cadre.maritalStatus === '20' ? 1 : 0);
      if (spouse.length) expect(spouse[0]!.relation).toBe(cadre.sex === '1' ? '12' : '11');
      for (const f of d.family) {
        const parent = f.relation === '51' || f.relation === '52';
        const child = f.relation.startsWith('2') || f.relation.startsWith('3');
        if (parent) expect(fullYears(f.birth!, cadre.birth)).toBeGreaterThanOrEqual(18);
        if (child) expect(fullYears(cadre.birth, f.birth!)).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('mixes categories, statuses and grades as a district does', () => {
    const share = (pred: (d: Dossier) => boolean) => dossiers.filter(pred).length / dossiers.length;
    expect(share((d) => d.cadre.personnelCategory === '1')).toBeGreaterThan(0.6);
    expect(share((d) => d.cadre.personnelCategory !== '1')).toBeGreaterThan(0.1);
    expect(share((d) => d.cadre.status === '01')).toBeGreaterThan(0.85);
    expect(share((d) => d.cadre.status === '02')).toBeGreaterThan(0);
    const grades = dossiers.flatMap((d) => d.assessments.map((a) => a.grade));
    const of = (g: string) => grades.filter((x) => x === g).length / grades.length;
    expect(of('1')).toBeGreaterThan(0.1);
    expect(of('1')).toBeLessThan(0.2);
    expect(of('2') + of('6')).toBeGreaterThan(0.7);
  });

  it('averages between 15 and 25 sub-records per cadre, and counts them in stats', () => {
    const stats = emptyStats();
    const counted = [...generateDataset(options(SEED, 500, { stats }))];
    expect(counted).toEqual(sample);
    const sub = sample.filter((r) => r.table !== 'units' && r.table !== 'cadres').length;
    expect(sub / dossiers.length).toBeGreaterThan(15);
    expect(sub / dossiers.length).toBeLessThan(25);
    for (const table of Object.keys(SCHEMAS) as DatasetTable[]) {
      expect(stats.records[table], table).toBe(sample.filter((r) => r.table === table).length);
    }
    expect(stats.injected).toEqual([]);
  });

  it('surnames follow the national distribution: 王, 李, 张 are the three most frequent in 5,000 cadres', () => {
    const ctx = createContext(options(SEED, 5000));
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const s = surnameOf(generateCadre(new Random(SEED, i), i, ctx).cadre.name);
      counts.set(s, (counts.get(s) ?? 0) + 1);
    }
    const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([s]) => s);
    expect(ranked.slice(0, 3).sort()).toEqual(['张', '李', '王'].sort());
    expect(counts.size).toBeGreaterThan(60);
    // 5,000 whole dossiers: under a second alone, but several times that on a shared 2-core machine
  }, 30_000);

  it('injects a counted share of deliberate errors on request, and leaves the other cadres unchanged', () => {
    const stats = emptyStats();
    const withErrors = group([...generateDataset(options(SEED, 500, { errors: { rate: 0.1 }, stats }))]);
    const injected = new Map(stats.injected.map((e) => [e.index, e]));
    expect(injected.size).toBeGreaterThan(20);
    expect(injected.size).toBeLessThan(90);
    expect(new Set(stats.injected.map((e) => e.kind)).size).toBeGreaterThanOrEqual(4);
    withErrors.dossiers.forEach((d, i) => {
      const error = injected.get(i);
      if (!error) {
        expect(d).toEqual(dossiers[i]);
        return;
      }
      expect(error.cadreId).toBe(d.cadre.id);
      const { cadre, career } = d;
      const parsed = parseIdNumber(cadre.idNumber, today);
      switch (error.kind) {
        case 'idCheckChar':
          expect(parsed.ok).toBe(false);
          break;
        case 'birthMismatch':
          expect(parsed.ok && parsed.value.birthMonth !== cadre.birth).toBe(true);
          break;
        case 'careerGap':
        case 'careerOverlap': {
          const breaks = career.slice(1).map((s, k) => compareMonths(s.from, career[k]!.to!));
          expect(breaks.some((b) => (error.kind === 'careerGap' ? b > 0 : b < 0))).toBe(true);
          break;
        }
        case 'partyBefore18':
          expect(fullYears(cadre.birth, cadre.partyJoined!)).toBeLessThan(18);
          break;
      }
    });
  });

  it('rejects bad options with a Chinese message that says what to fix', () => {
    const refusal = (o: DatasetOptions): unknown => {
      try {
        Array.from(generateDataset(o));
      } catch (e) {
        return e;
      }
      return null;
    };
    const cases: [DatasetOptions, RegExp][] = [
      [options(1, 1, { asOf: '2025-6' }), /基准年月须为 YYYY-MM 格式.*2025-6/],
      [options(1, 1, { asOf: '1999-01' }), /2005 年至 2099 年/],
      [options(1, 1, { installationId: 'x' }), /本机标识须为 32 位/],
      [options(1, -1), /人数须为不小于 0 的整数，实际为 -1/],
      [options(1, 1, { errors: { rate: 2 } }), /比例须在 0 至 1 之间/],
    ];
    for (const [o, message] of cases) {
      const e = refusal(o);
      expect(e).toBeInstanceOf(UserError);
      expect((e as Error).message).toMatch(message);
    }
  });

  it('internal misuse fails loudly, in Chinese too', () => {
    expect(() => new WeightedTable([])).toThrow(/加权表至少需要一项/);
    expect(() => new WeightedTable([['a', -1]])).toThrow(/权重须不小于 0/);
    expect(() => new WeightedTable([['a', 0]])).toThrow(/总权重须大于 0/);
    expect(() => new Random(1).int(3, 2)).toThrow(/取值范围 3–2 为空/);
    expect(() => new Random(1).pick([])).toThrow(/空列表/);
    expect(() => Random.fromState(0, 0, 0, 0)).toThrow(/不能全为 0/);
  });
});
