import type { SyncFields } from '../domain/record';
import type { ActingPost, Enrollment, Secondment, TrainingClass, TrainingProgram, VillagePosting, Volunteering } from '../domain/cultivation';
import { naturalId } from '../ids';
import { DEFAULT_QUOTAS, DEFAULT_REQUIRED_HOURS, postLevelRank } from '../rules/cultivation';
import { fullName, type SexCode } from './names';
import { Random, WeightedTable } from './random';
import type { DatasetRecord } from './cadres';

// 培养历练 of the synthetic district (docs/cultivation.md "Training data"): three years of the "3411" programme
// with its classes and enrolments (cadres and, in the community and non-public classes, Party secretaries who are
// not in the registry), and the secondments, village postings, 请战 and 顶岗 of a district of this size — at the
// shares the district this product is modelled on reports (30+ seconded, 77 posted to villages, 127 请战, 20 顶岗
// a year at ~6,000 cadres). A stream of its own after the cadres: the cadres' records, ids and counters are the
// same with or without it. Every record passes the repository's checks (one secondment or posting at a time, 在职
// at the start, acting above the own level, hours within the class's, trial at most 2 years).

export type CultivationTable = 'trainingPrograms' | 'trainingClasses' | 'enrollments' | 'secondments' | 'villagePostings' | 'volunteering' | 'actingPosts';

export type CultivationRecord =
  | { table: 'trainingPrograms'; record: TrainingProgram }
  | { table: 'trainingClasses'; record: TrainingClass }
  | { table: 'enrollments'; record: Enrollment }
  | { table: 'secondments'; record: Secondment }
  | { table: 'villagePostings'; record: VillagePosting }
  | { table: 'volunteering'; record: Volunteering }
  | { table: 'actingPosts'; record: ActingPost };

/** What the generator needs of each cadre (kept for the whole district: a few fields each). */
export interface CadreSummary {
  id: string;
  name: string;
  unitName: string;
  currentPost: string;
  postLevel: string | null;
  status: string;
}

export interface CultivationOptions {
  seed: number | string;
  installationId: string;
  operator: string;
  /** 'YYYY-MM': nothing starts after it. */
  asOf: string;
  updatedAt: number;
  /** The counter of the first record (the cadres' records took the ones before). */
  firstCounter: number;
  /** Enrolments per 在职 cadre and year, on average (3.3 gave 898,064 at 100,000 cadres over 3 years). */
  enrollmentsPerYear?: number;
  /** Multiplies the shares of 挂职, 驻村, 请战 and 顶岗 (12 gave 21,517 挂职, 驻村 and 顶岗 and 21,736 请战 at 100,000 cadres). */
  temperingScale?: number;
  /**
   * How far the generation has come, for a progress bar: each year's enrolments and then the tempering records go
   * through the 在职 cadres once, and `done` of `total` counts those steps. Called before the first record, every 100 cadres and at the end.
   */
  onStep?: (done: number, total: number) => void;
}

const YEARS = 3;
const pad = (n: number) => String(n).padStart(2, '0');

const CLASS_PLANS: readonly { name: string; format: 'rotation' | 'topic' | 'online'; audience: 'county' | 'section' | 'community' | 'nonPublic'; hours: number; organiser: string }[] = [
  { name: '处级领导干部集中轮训班', format: 'rotation', audience: 'county', hours: 40, organiser: '区委党校' },
  { name: '处级领导干部专题研讨班', format: 'topic', audience: 'county', hours: 24, organiser: '区委党校' },
  { name: '科级领导干部集中轮训班', format: 'rotation', audience: 'section', hours: 40, organiser: '区委党校' },
  { name: '科级干部能力提升专题培训班', format: 'topic', audience: 'section', hours: 24, organiser: '区委组织部' },
  { name: '年轻干部理论学习网络培训班', format: 'online', audience: 'section', hours: 32, organiser: '干部网络学院' },
  { name: '党性教育专题培训班', format: 'topic', audience: 'section', hours: 16, organiser: '党员政治生活馆' },
  { name: '社区党组织书记示范培训班', format: 'rotation', audience: 'community', hours: 24, organiser: '区委党校' },
  { name: '非公企业和社会组织党组织书记培训班', format: 'topic', audience: 'nonPublic', hours: 16, organiser: '区委两新工委' },
];

const REGIONS = new WeightedTable<readonly [string, string]>([
  [['杭州', '杭州市西湖区发展和改革局'], 4],
  [['杭州', '杭州市余杭区商务局'], 2],
  [['成都', '成都市武侯区投资促进局'], 3],
  [['成都', '成都市高新区管委会'], 2],
  [['广州', '广州市天河区科技工业和信息化局'], 3],
  [['广州', '广州市黄埔区发展和改革局'], 2],
  [['深圳', '深圳市南山区工业和信息化局'], 1],
]);
const VILLAGES = [
  ['青山镇', '石桥村'], ['青山镇', '柳塘村'], ['白马镇', '东岗村'], ['白马镇', '新庄村'], ['龙溪镇', '下坝村'],
  ['龙溪镇', '上林村'], ['龙溪镇', '杨湾村'], ['桂花镇', '河西村'], ['桂花镇', '大塘村'], ['云岭乡', '岭后村'],
  ['云岭乡', '高坡村'], ['云岭乡', '松林村'], ['石门乡', '石门村'], ['石门乡', '长冲村'], ['石门乡', '马家村'],
] as const;
const VOLUNTEER_TASKS: Record<string, readonly string[]> = {
  projects: ['重点项目征地拆迁攻坚', '产业园区项目代办服务', '重大项目开工推进'],
  urban: ['老旧小区改造攻坚', '背街小巷环境整治', '违法建设集中治理'],
  poverty: ['结对帮扶薄弱村', '消费帮扶专项行动'],
  investment: ['招商引资“百日攻坚”', '重点企业走访服务'],
  petitions: ['化解信访积案', '重大节点维稳值守'],
  other: ['疫情防控一线值守', '防汛抗旱一线值守'],
};

/** The part of every id idOf makes that the time alone gives: `xxxxxxxx-xxxx-7`. */
const idPrefixOf = (updatedAt: number): string => {
  const ms = updatedAt.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7`;
};

/** A deterministic UUID (v7 layout) for one record: the counter orders it, the stream keeps it unique. */
function idOf(prefix: string, counter: number, rng: Random): string {
  const r = rng.uint32().toString(16).padStart(8, '0');
  const c = counter.toString(16).padStart(12, '0').slice(-12);
  return `${prefix}${r.slice(0, 3)}-${(0x8000 | ((counter >>> 20) & 0x3fff)).toString(16)}-${c}`;
}

export function* generateCultivation(options: CultivationOptions, cadres: readonly CadreSummary[]): Generator<CultivationRecord, void, undefined> {
  const rng = new Random(options.seed, 0x3411);
  let counter = options.firstCounter;
  // one updatedBy object for every record: a class's row then stores it once (see shared/synthetic/cadres.ts)
  const author = { installationId: options.installationId, operator: options.operator };
  const idPrefix = idPrefixOf(options.updatedAt);
  const sync = (id?: string): SyncFields => {
    const c = counter++;
    return {
      id: id ?? idOf(idPrefix, c, rng),
      vv: { [options.installationId]: c },
      updatedAt: options.updatedAt,
      updatedBy: author,
      deleted: false,
    };
  };
  const asOfYear = Number(options.asOf.slice(0, 4));
  const asOfMonth = Number(options.asOf.slice(5, 7));
  const serving = cadres.filter((c) => c.status === '01');
  const perYear = options.enrollmentsPerYear ?? 3.3;
  const steps = serving.length * (YEARS + 1);
  let step = 0;
  options.onStep?.(0, steps);
  const stepped = () => {
    step++;
    if (step % 100 === 0 || step === steps) options.onStep?.(step, steps);
  };

  for (let year = asOfYear - YEARS + 1; year <= asOfYear; year++) {
    const lastMonth = year === asOfYear ? Math.max(1, asOfMonth - 1) : 12;
    yield {
      table: 'trainingPrograms',
      record: {
        ...sync(naturalId('trainingprogram', String(year))),
        year,
        name: `${year}年度干部教育培训计划`,
        requiredHours: DEFAULT_REQUIRED_HOURS,
        quotas: { ...DEFAULT_QUOTAS },
      },
    };
    // classes: each plan several times a year, scaled to the district (one class holds about 60 trainees)
    const runs = Math.max(1, Math.round((serving.length * perYear) / (60 * CLASS_PLANS.length)));
    const classes: { record: TrainingClass; audience: string }[] = [];
    for (const plan of CLASS_PLANS) {
      const times = plan.audience === 'community' || plan.audience === 'nonPublic' ? 1 : runs;
      for (let k = 0; k < times; k++) {
        const month = rng.int(1, lastMonth);
        const day = rng.int(1, 20);
        const days = Math.max(1, Math.round(plan.hours / 8));
        const record: TrainingClass = {
          ...sync(),
          name: times > 1 ? `${year}年${plan.name}（第${k + 1}期）` : `${year}年${plan.name}`,
          format: plan.format,
          audience: plan.audience,
          organiser: plan.organiser,
          from: `${year}-${pad(month)}-${pad(day)}`,
          to: `${year}-${pad(month)}-${pad(Math.min(28, day + days - 1))}`,
          hours: plan.hours,
        };
        classes.push({ record, audience: plan.audience });
        yield { table: 'trainingClasses', record };
      }
    }
    const byAudience = (a: string) => classes.filter((c) => c.audience === a).map((c) => c.record);
    const county = byAudience('county');
    const section = byAudience('section');
    const enrol = (cls: TrainingClass, who: { cadreId: string | null; name: string; unitName: string; role: string }): CultivationRecord => {
      const full = rng.chance(0.9);
      const { id, vv, updatedAt, updatedBy, deleted } = sync();
      const hours = full ? cls.hours : rng.int(0, cls.hours - 1);
      // every field named, in the order of the spread it replaces: 900,000 enrolments built by spreading took 4 s
      return {
        table: 'enrollments',
        record: { id, vv, updatedAt, updatedBy, deleted, classId: cls.id, year, cadreId: who.cadreId, name: who.name, unitName: who.unitName, role: who.role, hours, completed: full },
      };
    };
    for (const c of serving) {
      const pool = postLevelRank(c.postLevel) >= 3 ? county : section;
      const n = Math.min(pool.length, Math.max(0, Math.round(perYear + (rng.next() - 0.5) * 3)));
      // distinct classes: each person once per class
      const start = rng.int(0, pool.length - 1);
      for (let k = 0; k < n; k++) yield enrol(pool[(start + k) % pool.length]!, { cadreId: c.id, name: c.name, unitName: c.unitName, role: c.currentPost });
      stepped();
    }
    // community and non-public Party secretaries: not cadres, enrolled by name, unit and role
    for (const cls of [...byAudience('community'), ...byAudience('nonPublic')]) {
      const community = cls.audience === 'community';
      const n = Math.min(100, Math.max(5, Math.round(serving.length / 60)));
      for (let k = 0; k < n; k++) {
        const sex: SexCode = rng.chance(0.45) ? '2' : '1';
        yield enrol(cls, {
          cadreId: null,
          name: fullName(rng, sex),
          unitName: community ? `${rng.pick(['东街道', '西街道', '南街道', '北街道'])}第${k + 1}社区` : `新城区第${k + 1}家${rng.pick(['企业', '社会组织'])}`,
          role: community ? '社区党委书记' : '党组织书记',
        });
      }
    }
  }

  // tempering: one secondment or posting at most per cadre (never overlapping), started in the last three years
  const month = (y: number, last: number) => `${y}-${pad(rng.int(1, last))}`;
  const startOf = () => {
    const y = asOfYear - rng.int(0, YEARS - 1);
    return month(y, y === asOfYear ? Math.max(1, asOfMonth - 1) : 12);
  };
  const plus = (m: string, months: number) => {
    const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1 + months;
    const end = `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
    return end > options.asOf ? null : end;
  };
  const k = options.temperingScale ?? 1;
  for (const c of serving) {
    const roll = rng.next();
    if (roll < 0.005 * k) {
      const [region, hostUnit] = rng.weighted(REGIONS);
      const from = startOf();
      yield {
        table: 'secondments',
        record: { ...sync(), cadreId: c.id, region, hostUnit, post: rng.pick(['副局长', '局长助理', '副主任']), batch: `${from.slice(0, 4)}年第${rng.int(1, 2)}批`, from, to: plus(from, rng.pick([6, 12])), evaluation: rng.chance(0.7) ? '表现优秀' : '', afterwards: '' },
      };
    } else if (roll < 0.018 * k) {
      const [town, village] = rng.pick(VILLAGES);
      const from = startOf();
      yield {
        table: 'villagePostings',
        record: { ...sync(), cadreId: c.id, town, village, role: rng.weighted([['firstSecretary', 2], ['member', 5], ['leader', 1]] as const), from, to: plus(from, 24), evaluation: '' },
      };
    }
    if (rng.chance(Math.min(1, 0.02 * k))) {
      const area = rng.weighted([['projects', 4], ['urban', 3], ['poverty', 1], ['investment', 2], ['petitions', 2], ['other', 1]] as const);
      const from = startOf();
      const done = plus(from, 6);
      yield {
        table: 'volunteering',
        record: {
          ...sync(),
          cadreId: c.id,
          form: rng.weighted([['pledge', 3], ['promise', 3], ['initiative', 4], ['contest', 1]] as const),
          area,
          task: rng.pick(VOLUNTEER_TASKS[area]!),
          pledge: '按期完成任务，完不成甘愿接受组织处理',
          from,
          to: done,
          result: done ? '按期完成' : '',
          rating: done ? rng.weighted([['excellent', 2], ['good', 3], ['fair', 1]] as const) : 'none',
        },
      };
    }
    // 顶岗: 科级 acting in a 副处 post, 一般干部 in a 副科 post — always above the own level
    const level = postLevelRank(c.postLevel);
    if (level <= 2 && rng.chance(Math.min(1, (level === 0 ? 0.001 : 0.003) * k))) {
      const from = startOf();
      const acting = level === 0 ? '2B' : '1B';
      const settled = plus(from, 12);
      yield {
        table: 'actingPosts',
        record: {
          ...sync(),
          cadreId: c.id,
          post: acting === '1B' ? `${c.unitName}副主任` : `${c.unitName}副科长`,
          unit: c.unitName,
          actingLevel: acting,
          from,
          trialMonths: 12,
          evaluation: '',
          outcome: settled ? rng.weighted([['appointed', 3], ['ended', 1], ['extended', 1]] as const) : 'ongoing',
          to: settled,
          appointmentCase: '',
        },
      };
    }
    stepped();
  }
}

/**
 * A whole synthetic district with its 培养历练: generateDataset's records unchanged, then the cultivation records
 * numbered after them (what 本机设置's demo data and the benchmark load).
 */
export function* withCultivation(
  dataset: Iterable<DatasetRecord>,
  options: Pick<CultivationOptions, 'seed' | 'installationId' | 'operator' | 'asOf' | 'enrollmentsPerYear' | 'temperingScale' | 'onStep'>,
): Generator<DatasetRecord | CultivationRecord, void, undefined> {
  const unitNames = new Map<string, string>();
  const cadres: CadreSummary[] = [];
  let counter = 0;
  let updatedAt = 0;
  for (const item of dataset) {
    counter = Math.max(counter, item.record.vv[options.installationId] ?? 0);
    updatedAt = item.record.updatedAt;
    if (item.table === 'units') unitNames.set(item.record.id, item.record.name);
    if (item.table === 'cadres') {
      const c = item.record;
      cadres.push({ id: c.id, name: c.name, unitName: unitNames.get(c.unitId) ?? '', currentPost: c.currentPost, postLevel: c.postLevel, status: c.status });
    }
    yield item;
  }
  yield* generateCultivation({ ...options, updatedAt, firstCounter: counter + 1 }, cadres);
}
