import type {
  AnnualAssessment,
  Cadre,
  CareerEntry,
  Education,
  EducationSummary,
  FamilyMember,
  PostHistory,
  RankHistory,
  RewardPunishment,
  SubRecordTable,
} from '../domain/cadre';
import type { SyncFields } from '../domain/record';
import type { Unit } from '../domain/unit';
import { caption } from '../code';
import { UserError } from '../errors';
import { cadreId as cadreIdOf, naturalId } from '../ids';
import { idCheckChar } from '../rules/idNumber';
import { formatMonth, isMonth, parseMonth } from '../rules/months';
import {
  COLLEGE_MAJORS,
  COLLEGES,
  EMPLOYERS,
  IN_SERVICE_MAJORS,
  NATIONS,
  NATIVE_PLACES,
  OLD_EMPLOYERS,
  OUTSIDE_JOBS,
  PARTY_SCHOOLS,
  PROFESSIONAL_TITLES,
  REGION_CODES,
  REWARDS,
  SECONDARY_MAJORS,
  SECONDARY_SCHOOLS,
  UNIVERSITIES,
  UNIVERSITY_MAJORS,
} from './catalog';
import { givenName, surname, type SexCode } from './names';
import { Random, WeightedTable, weighted } from './random';
import { DISTRICT, generateUnits, type DistrictUnit, type StaffCategory } from './units';

// Deterministic synthetic cadres: the training district 本机设置 loads (docs/domain.md "Training data"), and the
// data of the benchmarks and e2e tests; ids follow docs/architecture.md "Which data syncs, and how ids are made".
// Everything is computed on month indexes (year × 12 + month − 1) and formatted at the end. A data set streams:
// units first, then per cadre its basic record followed by its sub-records in tab order; nothing but the set of
// used ID numbers is kept between cadres.

export type DatasetTable = 'units' | 'cadres' | SubRecordTable;

export type DatasetRecord =
  | { table: 'units'; record: Unit }
  | { table: 'cadres'; record: Cadre }
  | { table: 'career'; record: CareerEntry }
  | { table: 'education'; record: Education }
  | { table: 'family'; record: FamilyMember }
  | { table: 'rewards'; record: RewardPunishment }
  | { table: 'assessments'; record: AnnualAssessment }
  | { table: 'posts'; record: PostHistory }
  | { table: 'ranks'; record: RankHistory };

/** Deliberate inconsistencies a checker must find. */
export type ErrorKind = 'idCheckChar' | 'birthMismatch' | 'careerGap' | 'careerOverlap' | 'partyBefore18';
export const ERROR_KINDS: readonly ErrorKind[] = [
  'idCheckChar', 'birthMismatch', 'careerGap', 'careerOverlap', 'partyBefore18',
];

export interface InjectedError {
  /** Position of the cadre in the data set (0-based). */
  index: number;
  cadreId: string;
  kind: ErrorKind;
  detail: string;
}

export interface DatasetStats {
  records: Record<DatasetTable, number>;
  injected: InjectedError[];
}

export const emptyStats = (): DatasetStats => ({
  records: { units: 0, cadres: 0, career: 0, education: 0, family: 0, rewards: 0, assessments: 0, posts: 0, ranks: 0 },
  injected: [],
});

export interface DatasetOptions {
  seed: number | string;
  /** How many cadres. */
  cadres: number;
  /** 32 hex digits: the version vectors' key and updatedBy.installationId. */
  installationId: string;
  /** 'YYYY-MM': "today" for the data set (ages, open segments, the last assessed year is the year before). */
  asOf: string;
  operator: string;
  /**
   * Annual assessments are kept for at most this many most recent years (default 8, which gives the ~20
   * sub-records per cadre the benchmarks are sized for; a whole career would put ~18 assessments on the
   * average cadre alone).
   * Infinity keeps one per year since the cadre entered the district's system.
   */
  assessmentYears?: number;
  /** Share of cadres (0–1) given exactly one deliberate error; default none. */
  errors?: { rate: number; kinds?: readonly ErrorKind[] };
  /** Filled in while the data set streams: records per table and the injected errors. */
  stats?: DatasetStats;
}

export interface GeneratorContext {
  readonly seed: number | string;
  readonly asOf: string;
  readonly asOfIndex: number;
  readonly installationId: string;
  readonly operator: string;
  /** updatedAt of every record: noon (Beijing time) on the 15th of asOf. */
  readonly updatedAt: number;
  readonly units: readonly DistrictUnit[];
  readonly district: DistrictUnit;
  readonly pools: Readonly<Record<StaffCategory, WeightedTable<DistrictUnit>>>;
  readonly assessmentYears: number;
  readonly errorRate: number;
  readonly errorKinds: readonly ErrorKind[];
  /** First 17 digits of every ID number given out so far (uniqueness across the data set). */
  readonly usedIdNumbers: Set<string>;
  readonly stats: DatasetStats;
  /** The installation's counter: the last value given to a record's version vector. */
  counter: number;
  /** Prefix of the deterministic v7 ids (the 48-bit timestamp of updatedAt). */
  readonly v7Prefix: string;
  /** updatedBy of every record, one object for all (never changed in place). */
  readonly author: { readonly installationId: string; readonly operator: string };
}

/** One cadre and the sub-records of the dossier, each list in output order. */
export interface CadreDossier {
  cadre: Cadre;
  career: CareerEntry[];
  education: Education[];
  family: FamilyMember[];
  rewards: RewardPunishment[];
  assessments: AnnualAssessment[];
  posts: PostHistory[];
  ranks: RankHistory[];
  /** The deliberate error given to this cadre, if any. */
  injected: InjectedError | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Months as integers

const MONTH_BASE = 1900 * 12;
const MONTH_TEXT: string[] = Array.from({ length: 201 * 12 }, (_, i) =>
  formatMonth(Math.floor((MONTH_BASE + i) / 12), ((MONTH_BASE + i) % 12) + 1),
);
const m = (index: number): string => {
  const text = MONTH_TEXT[index - MONTH_BASE];
  if (text === undefined) throw new Error(`演示数据生成器内部错误：月份序号 ${index} 超出 1900—2100 年`);
  return text;
};
const mi = (year: number, month: number) => year * 12 + month - 1;
const yearOf = (index: number) => Math.floor(index / 12);
const monthOf = (index: number) => (index % 12) + 1;
/** Full years from a to b (docs/domain.md "Dates and ages": R − Y, minus 1 if N < M). */
const fullYears = (a: number, b: number) => Math.floor((b - a) / 12);

// ---------------------------------------------------------------------------------------------------------------
// Sync fields and ids

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex = (value: number, digits: number) => value.toString(16).padStart(digits, '0');

/**
 * A UUID v7 made deterministic: the 48-bit timestamp is updatedAt, then 26 bits of the record's counter (so ids
 * are unique in a data set and sort in output order), then 42 random bits from the cadre's generator.
 */
function v7(ctx: GeneratorContext, counter: number, rng: Random): string {
  const a = (counter >>> 14) & 0xfff;
  const b = 0x8000 | ((counter >>> 2) & 0xfff);
  const c = ((counter & 0x3) << 14) | (rng.uint32() & 0x3fff);
  const r = rng.uint32();
  const tail = `${HEX[r >>> 24]}${HEX[(r >>> 16) & 0xff]}${HEX[(r >>> 8) & 0xff]}${HEX[r & 0xff]}`;
  return `${ctx.v7Prefix}${hex(a, 3)}-${hex(b, 4)}-${hex(c, 4)}${tail}`;
}

type Stamper = Pick<GeneratorContext, 'installationId' | 'operator' | 'updatedAt'>;

function sync(ctx: Stamper, id: string, counter: number): SyncFields {
  return {
    id,
    vv: { [ctx.installationId]: counter },
    updatedAt: ctx.updatedAt,
    updatedBy: { installationId: ctx.installationId, operator: ctx.operator },
    deleted: false,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Context

export function createContext(options: DatasetOptions): GeneratorContext {
  if (!isMonth(options.asOf)) throw new UserError(`演示数据的基准年月须为 YYYY-MM 格式（如 2026-11），实际为“${options.asOf}”`);
  if (!/^[0-9a-f]{32}$/.test(options.installationId)) {
    throw new UserError('演示数据的本机标识须为 32 位小写十六进制数字，请检查本机设置中的本机标识');
  }
  const { year, month } = parseMonth(options.asOf);
  if (year < 2005 || year > 2099) throw new UserError(`演示数据的基准年月 ${options.asOf} 须在 2005 年至 2099 年之间，请检查本机日期`);
  const rate = options.errors?.rate ?? 0;
  if (!(rate >= 0 && rate <= 1)) throw new UserError(`演示数据中问题数据的比例须在 0 至 1 之间，实际为 ${rate}`);
  const updatedAt = Date.UTC(year, month - 1, 15, 4, 0, 0);
  const stats = options.stats ?? emptyStats();
  const partial = {
    seed: options.seed,
    asOf: options.asOf,
    asOfIndex: mi(year, month),
    installationId: options.installationId,
    operator: options.operator,
    updatedAt,
    assessmentYears: options.assessmentYears ?? 8,
    errorRate: rate,
    errorKinds: options.errors?.kinds?.length ? options.errors.kinds : ERROR_KINDS,
    usedIdNumbers: new Set<string>(),
    stats,
    counter: 0,
    author: { installationId: options.installationId, operator: options.operator },
    v7Prefix: (() => {
      const t = hex(updatedAt, 12);
      return `${t.slice(0, 8)}-${t.slice(8, 12)}-7`;
    })(),
  };
  const stamp = (id: string) => sync(partial, id, ++partial.counter);
  const units = generateUnits(stamp);
  const district = units.find((u) => u.kind === 'district')!;
  const pool = (pick: (u: DistrictUnit) => number) =>
    weighted(units.map((u) => [u, pick(u)] as const).filter(([, w]) => w > 0));
  return {
    ...partial,
    units,
    district,
    pools: {
      civil: pool((u) => (u.staff !== 'civil' || u.kind === 'district' ? 0 : u.kind === 'street' ? 5 : 2)),
      pgm: pool((u) => (u.staff === 'pgm' ? 2 : 0)),
      institution: pool((u) => (u.staff !== 'institution' ? 0 : u.kind === 'community' ? 1 : 5)),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const CATEGORY = weighted<StaffCategory>([['civil', 78], ['pgm', 10], ['institution', 12]]);
const CATEGORY_CODE: Record<StaffCategory, string> = { civil: '1', pgm: '2', institution: '3' };

/** Rank ladder, lowest first: 二级科员 (12) … 一级巡视员 (01). */
const LADDER = ['12', '11', '10', '09', '08', '07', '06', '05', '04', '03', '02', '01'] as const;
const LADDER_CAPTION = LADDER.map((c) => caption('rank', c));
/** The 非领导职务 a rank step was called before 职务与职级并行 (June 2019). */
const OLD_TITLE = ['科员', '科员', '副主任科员', '副主任科员', '主任科员', '主任科员', '副调研员', '副调研员', '调研员', '调研员', '巡视员', '巡视员'];
/** Minimum months in ladder step i before the next (docs/domain.md "Rank promotion"). */
const MIN_MONTHS = [24, 24, 24, 24, 24, 24, 24, 24, 36, 48, 48, 48];
const PARALLEL_START = mi(2019, 6);
/** postLevel codes by post 1 副科 … 4 正处, and the lowest rank step each is held with. */
const POST_CODE = [null, '2B', '2A', '1B', '1A'] as const;
const POST_RANK_FLOOR = [0, 2, 4, 6, 8];

const TARGET_POST: Record<StaffCategory, WeightedTable<number>> = {
  civil: weighted([[0, 42], [1, 28], [2, 20], [3, 7], [4, 3]]),
  pgm: weighted([[0, 50], [1, 30], [2, 18], [3, 2]]),
  institution: weighted([[0, 60], [1, 25], [2, 15]]),
};
const RANK_CAP = [
  weighted([[4, 10], [5, 55], [6, 25], [7, 10]]),
  weighted([[5, 50], [6, 35], [7, 15]]),
  weighted([[6, 40], [7, 40], [8, 20]]),
  weighted([[7, 30], [8, 50], [9, 20]]),
  weighted([[8, 30], [9, 50], [10, 20]]),
];
const COMMUNITY_RUNG = weighted([[0, 40], [1, 25], [2, 20], [3, 15]]);
const COMMUNITY_TITLES = ['工作人员', '居委会副主任', '党委副书记', '党委书记、居委会主任'];
const STREET_TITLES = [
  [],
  ['党工委委员、办事处副主任', '办事处副主任', '党工委副书记', '人大工委副主任', '党工委委员、武装部部长'],
  ['党工委书记', '党工委副书记、办事处主任', '人大工委主任'],
];
const DISTRICT_TITLES = [
  [],
  [],
  [],
  ['新城区委常委、组织部部长', '新城区委常委、宣传部部长', '新城区委常委、政法委书记', '新城区委常委、统战部部长',
    '新城区委常委、纪委书记、监委主任', '新城区人民政府副区长', '新城区人大常委会副主任', '新城区政协副主席'],
  ['新城区委书记', '新城区委副书记、区长', '新城区委副书记', '新城区人大常委会主任', '新城区政协主席'],
];

type Level = 'secondary' | 'college' | 'bachelor' | 'master' | 'doctor';
const EDUCATION_PATH: readonly WeightedTable<Level>[] = [
  weighted([['secondary', 15], ['college', 30], ['bachelor', 45], ['master', 10]]), // born before 1975
  weighted([['secondary', 3], ['college', 17], ['bachelor', 60], ['master', 20]]), // 1975–1984
  weighted([['college', 8], ['bachelor', 62], ['master', 27], ['doctor', 3]]), // 1985 on
];
const COMMUNITY_PATH = weighted<Level>([['college', 45], ['bachelor', 50], ['master', 5]]);
const START_RANK: Record<Level, number> = { secondary: 0, college: 0, bachelor: 1, master: 2, doctor: 3 };
const IN_SERVICE_DISCIPLINE: Record<(typeof IN_SERVICE_MAJORS)[number], string> = {
  行政管理: '12', 经济管理: '12', 法律: '03', 公共管理: '12', 党政管理: '12', 政治学: '03',
};

const GRADES: Record<StaffCategory, WeightedTable<string>> = {
  civil: weighted([['1', 15], ['2', 83.5], ['3', 1], ['5', 0.5]]),
  pgm: weighted([['1', 15], ['2', 83.5], ['3', 1], ['5', 0.5]]),
  institution: weighted([['1', 15], ['6', 84], ['7', 1]]),
};
const DEMOCRATIC = weighted([['04', 1], ['05', 3], ['06', 2], ['07', 2], ['08', 1], ['09', 1], ['10', 2], ['12', 1]]);
const HEALTH = weighted([['01', 92], ['02', 7], ['03', 1]]);
const CHILDREN_BEFORE_1980 = weighted([[0, 8], [1, 85], [2, 7]]);
const CHILDREN = weighted([[0, 15], [1, 60], [2, 25]]);
const IN_SERVICE_MASTER = weighted([['351', 70], ['353', 15], ['352', 15]]);

const DISCIPLINE = [
  // [title, months in force, party members only, 政务处分 (revoked when the period ends)]
  ['党内警告处分', 6, true, false],
  ['党内严重警告处分', 12, true, false],
  ['政务警告处分', 6, false, true],
  ['政务记过处分', 12, false, true],
  ['政务记大过处分', 18, false, true],
] as const;

// ---------------------------------------------------------------------------------------------------------------
// Drafts: plain data on month indexes, before ids and sync fields

interface Stage {
  mode: 'fullTime' | 'inService';
  level: Level | 'partySchool';
  from: number;
  to: number;
  school: string;
  major: string;
  education: string;
  degree: string | null;
}

interface Step {
  from: number;
  unit: DistrictUnit | null;
  unitText: string;
  /** The full post text (unit and title), as 现任职务 prints it. */
  title: string;
  post: number;
  rank: number | null;
}

interface Segment {
  from: number;
  to: number | null;
  unit: string;
  post: string;
  kind: 'work' | 'study';
  postLevel: number;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function idNumber(rng: Random, ctx: GeneratorContext, birth: number, day: number, sex: SexCode): string {
  const date = `${yearOf(birth)}${String(monthOf(birth)).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  let regionIndex = rng.int(0, REGION_CODES.length - 1);
  let seq = rng.int(0, 499) * 2 + (sex === '1' ? 1 : 0);
  for (let tries = 0; ; tries++) {
    const first17 = `${REGION_CODES[regionIndex]}${date}${String(seq).padStart(3, '0')}`;
    if (!ctx.usedIdNumbers.has(first17)) {
      ctx.usedIdNumbers.add(first17);
      return first17 + idCheckChar(first17);
    }
    seq = (seq + 2) % 1000;
    if (tries % 500 === 499) regionIndex = (regionIndex + 1) % REGION_CODES.length;
    if (tries > 500 * REGION_CODES.length) throw new Error(`演示数据生成器内部错误：出生日期 ${date} 已无可用的身份证号码`);
  }
}

function fullTimeStages(rng: Random, birth: number, community: boolean, latestEnd: number): Stage[] {
  const by = yearOf(birth);
  let top = rng.weighted(community ? COMMUNITY_PATH : EDUCATION_PATH[by < 1975 ? 0 : by < 1985 ? 1 : 2]!);
  const stages: Stage[] = [];
  if (top === 'secondary') {
    const from = mi(by + rng.int(15, 16), 9);
    stages.push({
      mode: 'fullTime', level: 'secondary', from, to: from + 34, school: rng.pick(SECONDARY_SCHOOLS),
      major: rng.pick(SECONDARY_MAJORS), education: rng.chance(0.85) ? '35' : '36', degree: null,
    });
    return stages;
  }
  const start = mi(by + 18 + rng.int(0, 1), 9);
  if (top === 'college') {
    stages.push({
      mode: 'fullTime', level: 'college', from: start, to: start + 34, school: rng.pick(COLLEGES),
      major: rng.pick(COLLEGE_MAJORS), education: '31', degree: null,
    });
    return stages;
  }
  // 大学, perhaps followed by 研究生 (and 博士); drop stages that would end too late for a working cadre.
  while (top !== 'bachelor') {
    const years = top === 'master' ? 7 : 10;
    if (start + years * 12 - 2 <= latestEnd) break;
    top = top === 'doctor' ? 'master' : 'bachelor';
  }
  const [major, discipline] = rng.weighted(UNIVERSITY_MAJORS);
  const university = rng.pick(UNIVERSITIES);
  stages.push({
    mode: 'fullTime', level: 'bachelor', from: start, to: start + 46, school: university, major,
    education: '21', degree: `4${discipline}`,
  });
  if (top === 'master' || top === 'doctor') {
    const from = start + 48;
    const school = rng.chance(0.5) ? university : rng.pick(UNIVERSITIES);
    const same = rng.chance(0.7);
    const [mMajor, mDiscipline] = same ? [major, discipline] : rng.weighted(UNIVERSITY_MAJORS);
    const to = from + (rng.chance(0.2) ? 21 : 34);
    stages.push({
      mode: 'fullTime', level: 'master', from, to, school, major: mMajor, education: '11', degree: `3${mDiscipline}`,
    });
    if (top === 'doctor') {
      const dFrom = to + 2;
      stages.push({
        mode: 'fullTime', level: 'doctor', from: dFrom, to: dFrom + 34,
        school: rng.chance(0.6) ? school : rng.pick(UNIVERSITIES), major: mMajor,
        education: '11', degree: `2${mDiscipline}`,
      });
    }
  }
  return stages;
}

function inServiceStages(rng: Random, top: Level, entry: number, asOf: number): Stage[] {
  const stages: Stage[] = [];
  const fits = (from: number, months: number) => from + months <= asOf - 1;
  let after = entry;
  if ((top === 'secondary' || top === 'college') && rng.chance(0.75)) {
    const from = after + rng.int(12, 96);
    const months = rng.int(30, 36);
    if (!fits(from, months)) return stages;
    const kind = rng.next();
    const major = rng.pick(IN_SERVICE_MAJORS);
    if (kind < 0.5) {
      const [school, education] = kind < 0.15 ? PARTY_SCHOOLS[0] : PARTY_SCHOOLS[1];
      stages.push({
        mode: 'inService', level: 'partySchool', from, to: from + months, school, major, education, degree: null,
      });
    } else {
      const degree = rng.chance(0.4) ? `4${IN_SERVICE_DISCIPLINE[major]}` : null;
      stages.push({
        mode: 'inService', level: 'bachelor', from, to: from + months, school: rng.pick(UNIVERSITIES), major,
        education: '21', degree,
      });
    }
    after = from + months;
    if (!rng.chance(0.2)) return stages;
  } else if (!(top === 'bachelor' && rng.chance(0.25))) {
    return stages;
  }
  const from = after + rng.int(12, 96);
  const months = rng.int(30, 36);
  if (!fits(from, months)) return stages;
  if (rng.chance(0.45)) {
    const [school, , education] = rng.chance(0.2) ? PARTY_SCHOOLS[0] : PARTY_SCHOOLS[1];
    stages.push({
      mode: 'inService', level: 'partySchool', from, to: from + months, school, major: rng.pick(IN_SERVICE_MAJORS),
      education, degree: null,
    });
  } else {
    const degree = IN_SERVICE_MASTER.at(rng.next());
    const major = degree === '351' ? '公共管理' : degree === '353' ? '法律' : '工商管理';
    stages.push({
      mode: 'inService', level: 'master', from, to: from + months, school: rng.pick(UNIVERSITIES.slice(0, 8)), major,
      education: '11', degree,
    });
  }
  return stages;
}

const summary = (stage: Stage | undefined): EducationSummary =>
  stage
    ? { education: stage.education, degree: stage.degree, school: stage.school, major: stage.major }
    : { education: null, degree: null, school: '', major: '' };

function studyPost(stage: Stage): string {
  const what = stage.level === 'master' ? '专业硕士研究生学习' : stage.level === 'doctor' ? '专业博士研究生学习' : '专业学习';
  return `${stage.school}${stage.major}${what}`;
}

function documentNo(rng: Random, prefix: string, year: number): string {
  return `${prefix}〔${year}〕${rng.int(1, 160)}号`;
}

// ---------------------------------------------------------------------------------------------------------------
// One cadre

/**
 * A cadre and the sub-records of the dossier. `rng` must be the cadre's own generator (generateDataset uses
 * `new Random(seed, index)`); `index` is the cadre's position, used for the error stream and the error report.
 * Takes the next counters of `context` for the records' version vectors, in output order.
 */
export function generateCadre(rng: Random, index: number, context: GeneratorContext): CadreDossier {
  const ctx = context;
  const asOf = ctx.asOfIndex;
  const asOfYear = yearOf(asOf);

  // Person
  const sex: SexCode = rng.chance(0.68) ? '1' : '2';
  const birthYear = rng.int(1965, Math.min(2000, asOfYear - 25));
  const birth = mi(birthYear, rng.int(1, 12));
  const day = rng.int(1, daysIn(birthYear, monthOf(birth)));
  const family = surname(rng);
  const name = family + givenName(rng, sex);
  const idNo = idNumber(rng, ctx, birth, day, sex);
  const nativePlace = NATIVE_PLACES.at(rng.next());
  const birthPlace = rng.chance(0.75) ? nativePlace : NATIVE_PLACES.at(rng.next());

  // Category, unit, ambitions
  const category = CATEGORY.at(rng.next());
  let unit = ctx.pools[category].at(rng.next());
  const community = unit.kind === 'community';
  const targetPost = community ? 0 : TARGET_POST[category].at(rng.next());
  const hasRanks = category !== 'institution';
  const retireAge = sex === '2' && targetPost < 3 ? 55 : 60;
  const retireAt = birth + retireAge * 12;
  const retired = retireAt <= asOf;
  const end = retired ? retireAt : asOf;

  // Full-time education, then work right after it
  const full = fullTimeStages(rng, birth, community, asOf - 18);
  const top = full[full.length - 1]!;
  const workStart = top.to;
  let entry = workStart;
  let outside: (typeof OUTSIDE_JOBS)[number] | null = null;
  if (rng.chance(category === 'institution' ? 0.2 : 0.15) && workStart + 24 <= end - 12) {
    outside = rng.pick(OUTSIDE_JOBS);
    entry = Math.min(workStart + rng.int(24, 72), end - 12);
  }
  const inService = inServiceStages(rng, top.level as Level, entry, asOf);

  // Career steps in the district's system
  const steps: Step[] = [];
  if (outside) {
    steps.push({ from: workStart, unit: null, unitText: outside[0], title: outside[0] + outside[1], post: 0, rank: null });
  }
  let post = 0;
  let rank: number | null = hasRanks ? START_RANK[top.level as Level] : null;
  const rankCap = RANK_CAP[targetPost]!.at(rng.next());
  let rung = 0;
  const targetRung = community ? COMMUNITY_RUNG.at(rng.next()) : 0;
  let leaderTitle = '';
  let lastPost = entry;
  let lastRank = entry;
  const chooseLeaderTitle = () => {
    if (post >= 3) leaderTitle = rng.pick(DISTRICT_TITLES[post]!);
    else if (unit.kind === 'street') leaderTitle = rng.pick(STREET_TITLES[post]!);
    else leaderTitle = post === 2 ? unit.head : unit.deputy;
  };
  const move = () => {
    if (post >= 3) return chooseLeaderTitle();
    const next = ctx.pools[category].at(rng.next());
    if (next === unit || next.kind === 'community') return false;
    unit = next;
    if (post > 0) chooseLeaderTitle();
    return true;
  };
  const snapshot = (from: number) => steps.push({ from, unit, unitText: '', title: leaderTitle, post, rank });
  snapshot(entry);
  for (let t = entry + rng.int(24, 84); t <= end; t += rng.int(24, 84)) {
    let changed = false;
    if (post < targetPost) {
      const worked = t - workStart;
      const inPost = t - lastPost;
      const eligible = post === 0 ? worked >= 48 : post === 2 ? inPost >= 36 && worked >= 60 : inPost >= 24;
      if (eligible) {
        post++;
        lastPost = t;
        if (post >= 3) unit = ctx.district;
        else if (rng.chance(0.4)) move();
        chooseLeaderTitle();
        if (rank !== null && rank < POST_RANK_FLOOR[post]!) {
          rank = POST_RANK_FLOOR[post]!;
          lastRank = t;
        }
        changed = true;
      }
    }
    if (!changed && rank !== null && rank < rankCap && t - lastRank >= MIN_MONTHS[rank]!) {
      rank++;
      lastRank = t;
      changed = true;
    }
    if (!changed && community && rung < targetRung) {
      rung++;
      leaderTitle = COMMUNITY_TITLES[rung]!;
      changed = true;
    }
    if (!changed && !community && rng.chance(0.25)) changed = move() !== false;
    if (changed) snapshot(t);
  }
  // Titles depend on the date (非领导职务 before June 2019, 职级 after): a step spanning the switch splits.
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i]!;
    const next = steps[i + 1]?.from ?? asOf + 1;
    const spans = s.from < PARALLEL_START && next > PARALLEL_START && PARALLEL_START <= asOf;
    if (spans && s.unit && s.post === 0 && s.rank !== null) {
      steps.splice(i + 1, 0, { ...s, from: PARALLEL_START });
    }
  }
  for (const s of steps) {
    if (!s.unit) continue;
    s.unitText = s.unit.fullName;
    if (s.post >= 3) s.title = s.title || rng.pick(DISTRICT_TITLES[s.post]!);
    else if (s.post > 0) s.title = s.unit.fullName + s.title;
    else if (s.unit.kind === 'community') s.title = s.unit.fullName + (s.title || COMMUNITY_TITLES[0]!);
    else if (s.rank === null) s.title = `${s.unit.fullName}工作人员`;
    else s.title = s.unit.fullName + (s.from < PARALLEL_START ? OLD_TITLE[s.rank]! : LADDER_CAPTION[s.rank]!);
  }

  // Career: study segments, then work segments merged where the printed line does not change
  const segments: Segment[] = full.map((stage, i) => ({
    from: stage.from,
    to: full[i + 1]?.from ?? workStart,
    unit: stage.school,
    post: studyPost(stage),
    kind: 'study',
    postLevel: 0,
  }));
  for (const s of steps) {
    const last = segments[segments.length - 1]!;
    if (last.kind === 'work' && last.unit === s.unitText && last.post === s.title) continue;
    last.to = s.from;
    segments.push({ from: s.from, to: null, unit: s.unitText, post: s.title, kind: 'work', postLevel: s.post });
  }
  const current = steps[steps.length - 1]!;

  // Rank history: the rank held at the June 2019 switch (with the date it was reached) and every later one
  const rankSteps: { from: number; rank: number }[] = [];
  for (const s of steps) {
    if (s.rank === null) continue;
    if (rankSteps.length && rankSteps[rankSteps.length - 1]!.rank === s.rank) continue;
    rankSteps.push({ from: s.from, rank: s.rank });
  }
  const firstKept = Math.max(0, rankSteps.findLastIndex((r) => r.from <= PARALLEL_START));
  const ranks = rankSteps.slice(firstKept);

  // Party membership: at ≥ 18, at university or some years after starting work
  const adult = birth + 18 * 12;
  let partyJoined: number | null = null;
  if (rng.chance(0.85)) {
    const studyEnd = top.to - 2;
    const studyFrom = Math.max(adult, (full[0]!.from) + 12);
    partyJoined = rng.chance(0.35) && studyFrom <= studyEnd && top.level !== 'secondary'
      ? rng.int(studyFrom, studyEnd)
      : Math.max(adult, workStart + rng.int(6, 120));
    if (partyJoined > asOf) partyJoined = null;
  }
  const age = fullYears(birth, asOf);
  let politicalStatus: string;
  if (partyJoined !== null) politicalStatus = asOf - partyJoined < 12 ? '02' : '01';
  else if (age <= 28 && rng.chance(0.6)) politicalStatus = '03';
  else politicalStatus = rng.chance(0.2) ? DEMOCRATIC.at(rng.next()) : '13';

  // Annual assessments: the recent years since entering the system (the probation year is 不定等次)
  const firstYear = Math.max(yearOf(entry) + (monthOf(entry) >= 10 ? 1 : 0), asOfYear - ctx.assessmentYears);
  const lastYear = Math.min(asOfYear - 1, yearOf(end) - (retired ? 1 : 0));
  const grades: { year: number; grade: string }[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const probation = hasRanks && year === yearOf(entry) && monthOf(entry) >= 7;
    grades.push({ year, grade: probation ? '5' : GRADES[category].at(rng.next()) });
  }

  // Rewards and, rarely, punishments
  interface RewardDraft {
    kind: RewardPunishment['kind'];
    date: number;
    title: string;
    issuer: string;
    effectiveFrom: number | null;
    effectiveTo: number | null;
    revoked: number | null;
  }
  const rewards: RewardDraft[] = [];
  const reward = (date: number, title: string, issuer: string) =>
    rewards.push({ kind: 'reward', date, title, issuer, effectiveFrom: null, effectiveTo: null, revoked: null });
  let excellentRun = 0;
  for (const g of grades) {
    excellentRun = g.grade === '1' ? excellentRun + 1 : 0;
    const date = mi(g.year + 1, rng.int(2, 4));
    if (g.grade !== '1' || date > asOf) continue;
    if (excellentRun === 3) reward(date, `${g.year}年度考核连续三年优秀，记三等功`, '新城区人民政府');
    else if (rng.chance(0.4)) reward(date, `${g.year}年度考核优秀，予以嘉奖`, '新城区人民政府');
  }
  if (rng.chance(0.15) && entry + 12 <= end) {
    const [title, issuer] = rng.pick(REWARDS);
    const date = rng.int(entry + 12, end);
    reward(date, `${yearOf(date)}年度${title}`, issuer);
  }
  if (partyJoined !== null && rng.chance(0.08) && yearOf(partyJoined) + 1 <= lastYear) {
    reward(mi(rng.int(yearOf(partyJoined) + 1, lastYear), 6), '优秀共产党员', '中共新城区委');
  }
  const lastChange = current.from;
  if (lastChange + 1 <= end && rng.chance(0.012)) {
    const date = rng.int(lastChange + 1, end);
    if (rng.chance(0.6)) {
      rewards.push({
        kind: 'organizational', date, title: '诫勉', issuer: '中共新城区委组织部',
        effectiveFrom: date, effectiveTo: date + 6, revoked: null,
      });
    } else {
      const options = DISCIPLINE.filter(([, , partyOnly]) => !partyOnly || partyJoined !== null);
      const [title, months, , government] = rng.pick(options);
      const to = date + months;
      rewards.push({
        kind: 'discipline', date, title, issuer: government ? '新城区监察委员会' : '中共新城区纪律检查委员会',
        effectiveFrom: date, effectiveTo: to, revoked: government && to <= asOf ? to : null,
      });
    }
  }
  rewards.sort((a, b) => a.date - b.date);

  // Family
  interface FamilyDraft {
    relation: string;
    name: string;
    birth: number;
    politicalStatus: string;
    employment: string;
    deceased: boolean;
    retired: boolean;
  }
  const members: FamilyDraft[] = [];
  const employment = (b: number, sexOf: SexCode, deceased: boolean): { employment: string; retired: boolean } => {
    if (deceased) return { employment: '', retired: false };
    const a = fullYears(b, asOf);
    if (a < 6) return { employment: '学龄前', retired: false };
    if (a < 12) return { employment: '新城区实验小学学生', retired: false };
    if (a < 15) return { employment: '新城区第一中学学生', retired: false };
    if (a < 18) return { employment: '南京市第十三中学学生', retired: false };
    if (a < 22) return { employment: `${rng.pick(UNIVERSITIES)}学生`, retired: false };
    if (a >= (sexOf === '1' ? 60 : 55)) return { employment: `${rng.pick(OLD_EMPLOYERS)}退休`, retired: true };
    const [employer, jobs] = rng.pick(EMPLOYERS);
    return { employment: employer + rng.pick(jobs), retired: false };
  };
  const person = (relation: string, b: number, sexOf: SexCode, familyName: string, elder: boolean) => {
    const a = fullYears(b, asOf);
    const deceased = elder && rng.chance(a < 60 ? 0.03 : a < 70 ? 0.1 : a < 80 ? 0.25 : a < 90 ? 0.5 : 0.8);
    const ps = a < 14 ? '13' : a <= 28 && rng.chance(0.7) ? '03' : rng.chance(0.35) ? '01' : '13';
    const name = familyName + givenName(rng, sexOf);
    members.push({ relation, name, birth: b, politicalStatus: ps, ...employment(b, sexOf, deceased), deceased });
  };
  const marriedChance = age < 24 ? 0 : age < 28 ? 0.4 : age <= 30 ? 0.7 : 0.92;
  let maritalStatus = '10';
  if (rng.chance(marriedChance)) {
    if (rng.chance(0.02)) maritalStatus = '40';
    else {
      maritalStatus = '20';
      const spouseSex: SexCode = sex === '1' ? '2' : '1';
      const spouseBirth = Math.min(birth + (sex === '1' ? rng.int(0, 60) : -rng.int(0, 60)), asOf - 22 * 12);
      const spouseFamily = surname(rng);
      person(sex === '1' ? '12' : '11', spouseBirth, spouseSex, spouseFamily, false);
      const childFamily = sex === '1' ? family : spouseFamily;
      const count = (birthYear < 1980 ? CHILDREN_BEFORE_1980 : CHILDREN).at(rng.next());
      const children: { birth: number; sex: SexCode }[] = [];
      let b = birth + rng.int(24 * 12, 33 * 12);
      for (let i = 0; i < count && b < asOf; i++) {
        children.push({ birth: b, sex: rng.chance(0.5) ? '1' : '2' });
        b += rng.int(24, 96);
      }
      const sons = children.filter((c) => c.sex === '1').length;
      const daughters = children.length - sons;
      let s = 0;
      let d = 0;
      for (const c of children) {
        const relation = c.sex === '1'
          ? (sons === 1 && daughters === 0 ? '21' : ['22', '23', '24'][s++]!)
          : (daughters === 1 && sons === 0 ? '31' : ['32', '33', '34'][d++]!);
        person(relation, c.birth, c.sex, childFamily, false);
      }
    }
  }
  const fatherBirth = birth - rng.int(22 * 12, 35 * 12);
  person('51', fatherBirth, '1', family, true);
  person('52', Math.min(fatherBirth + rng.int(-24, 60), birth - 20 * 12), '2', surname(rng), true);
  while (members.length < 3 || (members.length < 6 && rng.chance(0.12))) {
    const older = rng.chance(0.5);
    const sibSex: SexCode = rng.chance(0.5) ? '1' : '2';
    const b = older ? birth - rng.int(12, 96) : Math.min(birth + rng.int(12, 96), asOf - 12);
    const relation = older ? (sibSex === '1' ? '71' : '75') : sibSex === '1' ? '73' : '77';
    person(relation, b, sibSex, family, older);
  }

  // ---- Deliberate error (a separate stream, so the other cadres and fields stay identical) ----
  let birthOnRecord = birth;
  let idOnRecord = idNo;
  let injected: Omit<InjectedError, 'cadreId'> | null = null;
  if (ctx.errorRate > 0) {
    const err = new Random(ctx.seed, index, 0x45525252);
    if (err.chance(ctx.errorRate)) {
      const work = segments.filter((s, i) => s.kind === 'work' && i > 0);
      const applicable = ctx.errorKinds.filter((k) =>
        k === 'partyBefore18' ? partyJoined !== null
          : k === 'careerGap' || k === 'careerOverlap' ? work.length > 0
            : true,
      );
      const kind = applicable.length ? err.pick(applicable) : null;
      if (kind === 'idCheckChar') {
        const right = idNo[17]!;
        const wrong = err.pick([...'0123456789X'].filter((c) => c !== right));
        idOnRecord = idNo.slice(0, 17) + wrong;
        injected = { index, kind, detail: `校验位应为${right}，写成了${wrong}` };
      } else if (kind === 'birthMismatch') {
        birthOnRecord = birth + (err.chance(0.5) ? 1 : -1);
        injected = { index, kind, detail: `出生年月${m(birthOnRecord)}，身份证为${m(birth)}` };
      } else if (kind === 'careerGap' || kind === 'careerOverlap') {
        const seg = err.pick(work);
        const i = segments.indexOf(seg);
        const prev = segments[i - 1]!;
        const room = kind === 'careerGap' ? (seg.to ?? asOf + 1) - seg.from - 1 : seg.from - prev.from - 1;
        const shift = Math.max(1, Math.min(room, err.int(1, 6)));
        if (room >= 1) {
          seg.from += kind === 'careerGap' ? shift : -shift;
          injected = { index, kind, detail: `${m(prev.from)}--${m(prev.to!)}之后的一段从${m(seg.from)}开始` };
        } else {
          idOnRecord = idNo.slice(0, 17) + (idNo[17] === '0' ? '1' : '0');
          injected = { index, kind: 'idCheckChar', detail: '校验位错误' };
        }
      } else if (kind === 'partyBefore18') {
        partyJoined = birth + err.int(16 * 12, 18 * 12 - 1);
        injected = { index, kind, detail: `入党时间${m(partyJoined)}，未满18周岁` };
      }
    }
  }

  // ---- Records, in output order, each taking the next counter ----
  const cid = cadreIdOf(idOnRecord);
  // Sync fields written out in each literal (no spread): at 2,000,000 records the object shapes and the garbage
  // matter.
  const inst = ctx.installationId;
  const at = ctx.updatedAt;
  const vv = (n: number) => ({ [inst]: n });
  // One author object for every record (ctx.author): IndexedDB's structured clone writes an object met again in
  // the same row as a reference, so a dossier set stores it once, not once per entry (docs/architecture.md "Write path").
  const author = ctx.author;
  const by = () => author;
  let n = ++ctx.counter;
  const cadre: Cadre = {
    id: cid,
    vv: vv(n),
    updatedAt: at,
    updatedBy: by(),
    deleted: false,
    name,
    sex,
    birth: m(birthOnRecord),
    nation: NATIONS.at(rng.next()),
    nativePlace,
    birthPlace,
    idNumber: idOnRecord,
    politicalStatus,
    partyJoined: partyJoined === null ? null : m(partyJoined),
    workStarted: m(workStart),
    health: HEALTH.at(rng.next()),
    maritalStatus,
    professionalTitle: category === 'institution' && rng.chance(0.4) ? rng.pick(PROFESSIONAL_TITLES) : '',
    expertise: `熟悉${current.unit?.area ?? '综合'}工作`,
    fullTimeEducation: summary(top),
    inServiceEducation: summary(inService[inService.length - 1]),
    currentPost: current.title,
    postLevel: POST_CODE[current.post] ?? null,
    rank: current.rank === null ? null : LADDER[current.rank]!,
    rankSince: ranks.length ? m(ranks[ranks.length - 1]!.from) : null,
    unitId: (current.unit ?? ctx.district).record.id,
    personnelCategory: CATEGORY_CODE[category],
    status: retired ? '02' : '01',
    statusDate: null,
    statusReason: '',
    photo: null,
  };
  const career: CareerEntry[] = [];
  for (const s of segments) {
    n = ++ctx.counter;
    career.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, from: m(s.from), to: s.to === null ? null : m(s.to), unit: s.unit, post: s.post, kind: s.kind,
    });
  }
  const education: Education[] = [];
  for (const s of full.concat(inService)) {
    n = ++ctx.counter;
    education.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, mode: s.mode, from: m(s.from), to: m(s.to), school: s.school, major: s.major,
      education: s.education, degree: s.degree,
    });
  }
  const familyRecords: FamilyMember[] = [];
  for (const f of members) {
    n = ++ctx.counter;
    familyRecords.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, relation: f.relation, name: f.name, birth: m(f.birth), politicalStatus: f.politicalStatus,
      employment: f.employment, deceased: f.deceased, retired: f.retired,
    });
  }
  const rewardRecords: RewardPunishment[] = [];
  for (const r of rewards) {
    n = ++ctx.counter;
    rewardRecords.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, kind: r.kind, date: m(r.date), title: r.title, issuer: r.issuer,
      effectiveFrom: r.effectiveFrom === null ? null : m(r.effectiveFrom),
      effectiveTo: r.effectiveTo === null ? null : m(r.effectiveTo),
      revoked: r.revoked === null ? null : m(r.revoked),
    });
  }
  const assessments: AnnualAssessment[] = [];
  for (const g of grades) {
    n = ++ctx.counter;
    assessments.push({
      id: naturalId('assessment', cid, String(g.year)), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, year: g.year, grade: g.grade,
    });
  }
  const posts: PostHistory[] = [];
  for (const s of segments) {
    if (s.kind !== 'work' || s.postLevel === 0) continue;
    n = ++ctx.counter;
    posts.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, title: s.post, postLevel: POST_CODE[s.postLevel]!, unit: s.unit, from: m(s.from),
      to: s.to === null ? null : m(s.to), documentNo: documentNo(rng, s.postLevel >= 3 ? '宁委干' : '新委干', yearOf(s.from)),
    });
  }
  const rankRecords: RankHistory[] = [];
  ranks.forEach((r, i) => {
    n = ++ctx.counter;
    rankRecords.push({
      id: v7(ctx, n, rng), vv: vv(n), updatedAt: at, updatedBy: by(), deleted: false,
      cadreId: cid, rank: LADDER[r.rank]!, from: m(r.from), to: i + 1 < ranks.length ? m(ranks[i + 1]!.from) : null,
      documentNo: documentNo(rng, '新组干', Math.max(2019, yearOf(r.from))),
    });
  });
  return {
    cadre,
    career,
    education,
    family: familyRecords,
    rewards: rewardRecords,
    assessments,
    posts,
    ranks: rankRecords,
    injected: injected && { ...injected, cadreId: cid },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The data set

/** The records of one dossier in output order: the basic record, then the sub-records in tab order. */
export function* dossierRecords(d: CadreDossier): Generator<DatasetRecord, void, undefined> {
  yield { table: 'cadres', record: d.cadre };
  for (const record of d.career) yield { table: 'career', record };
  for (const record of d.education) yield { table: 'education', record };
  for (const record of d.family) yield { table: 'family', record };
  for (const record of d.rewards) yield { table: 'rewards', record };
  for (const record of d.assessments) yield { table: 'assessments', record };
  for (const record of d.posts) yield { table: 'posts', record };
  for (const record of d.ranks) yield { table: 'ranks', record };
}

/**
 * Streams a whole synthetic district: its units, then every cadre's basic record followed by its sub-records.
 * Deterministic: the same options give the same records (ids, counters and timestamps included) on every
 * machine; cadre n does not depend on how many cadres follow it.
 */
export function* generateDataset(options: DatasetOptions): Generator<DatasetRecord, void, undefined> {
  if (!Number.isInteger(options.cadres) || options.cadres < 0) {
    throw new UserError(`演示数据的人数须为不小于 0 的整数，实际为 ${options.cadres}`);
  }
  const ctx = createContext(options);
  const { records, injected } = ctx.stats;
  for (const unit of ctx.units) {
    records.units++;
    yield { table: 'units', record: unit.record };
  }
  for (let index = 0; index < options.cadres; index++) {
    const dossier = generateCadre(new Random(options.seed, index), index, ctx);
    if (dossier.injected) injected.push(dossier.injected);
    for (const item of dossierRecords(dossier)) {
      records[item.table]++;
      yield item;
    }
  }
}

/** The units of a data set alone (the same records generateDataset yields first). */
export function districtUnits(options: Pick<DatasetOptions, 'installationId' | 'asOf' | 'operator'>): Unit[] {
  return createContext({ ...options, seed: 0, cadres: 0 }).units.map((u) => u.record);
}

export { DISTRICT };
