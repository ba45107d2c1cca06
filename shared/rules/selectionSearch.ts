import { codeTables, lookup } from '../code';
import { POOL_KINDS } from '../domain/selection';
import { monthIndex } from './months';

// The candidate search (docs/selection.md "Pools and the candidate search"): pool, rank eligibility, age, sex,
// education, post level and recent excellent assessments, combined; and the same criteria read from a sentence
// such as "35岁以下正科, 研究生, 近三年考核有优秀".

export type PoolKind = keyof typeof POOL_KINDS;

export interface SearchCriteria {
  /** The month ages and "recent years" are counted at. */
  asOf: string;
  pool?: PoolKind;
  eligibleOnly?: boolean;
  minAge?: number;
  maxAge?: number;
  sex?: string;
  /** Education code: this level or higher (研究生 includes 中央党校研究生 …), full-time or in-service. */
  minEducation?: string;
  postLevels?: readonly string[];
  /** At least one 优秀 in the last n years before asOf. */
  excellentWithinYears?: number;
}

export interface SearchCadre {
  id: string;
  sex: string;
  birth: string;
  postLevel: string | null;
  educations: readonly (string | null)[];
  assessments: readonly { year: number; grade: string }[];
  /** Active pool entries (in 在库 status and not expired as of asOf). */
  pools: readonly { pool: PoolKind; status: string; validUntil: string | null }[];
  eligible: boolean;
}

const educationLevel = (code: string | null): number => (code ? (lookup('education', code)?.level ?? 0) : 0);

const monthOfIndex = (i: number) => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;

/**
 * The criteria worked out once into a test of one cadre: the age range as a range of birth months, the education
 * as the set of codes at that level or above, the years an 优秀 must fall in. At 100,000 cadres the search is
 * this test run 100,000 times, so nothing is parsed or looked up per cadre (docs/selection.md "Performance").
 */
export function candidateFilter(q: SearchCriteria): (c: SearchCadre) => boolean {
  const asOf = monthIndex(q.asOf);
  // fullYears(birth, asOf) is the whole years in (asOf − birth) months: ≤ max when birth > asOf − 12(max+1)
  // months, ≥ min when birth ≤ asOf − 12·min months (YYYY-MM strings compare as the months do)
  const bornAfter = q.maxAge !== undefined ? monthOfIndex(asOf - 12 * (q.maxAge + 1)) : null;
  const bornBy = q.minAge !== undefined ? monthOfIndex(asOf - 12 * q.minAge) : null;
  const need = q.minEducation ? educationLevel(q.minEducation) : 0;
  const educations = q.minEducation ? new Set(codeTables.education.entries.filter((e) => educationLevel(e.code) >= need).map((e) => e.code)) : null;
  const levels = q.postLevels?.length ? new Set(q.postLevels) : null;
  const last = Number(q.asOf.slice(0, 4)) - 1;
  const first = q.excellentWithinYears ? last - q.excellentWithinYears + 1 : 0;
  return (c) => {
    if (q.sex && c.sex !== q.sex) return false;
    if (bornAfter !== null && !(c.birth > bornAfter)) return false;
    if (bornBy !== null && !(c.birth <= bornBy)) return false;
    if (levels && !(c.postLevel && levels.has(c.postLevel))) return false;
    if (educations && !c.educations.some((e) => e !== null && educations.has(e))) return false;
    if (q.excellentWithinYears && !c.assessments.some((a) => a.grade === '1' && a.year >= first && a.year <= last)) return false;
    if (q.pool && !c.pools.some((p) => p.pool === q.pool && p.status === 'active' && (!p.validUntil || p.validUntil >= q.asOf))) return false;
    if (q.eligibleOnly && !c.eligible) return false;
    return true;
  };
}

/** Whether one cadre meets every criterion given. */
export function matches(c: SearchCadre, q: SearchCriteria): boolean {
  return candidateFilter(q)(c);
}

export function searchCandidates<C extends SearchCadre>(cadres: Iterable<C>, q: SearchCriteria): C[] {
  const keep = candidateFilter(q);
  const out: C[] = [];
  for (const c of cadres) if (keep(c)) out.push(c);
  return out;
}

const NUMBERS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const numberOf = (s: string): number => NUMBERS[s] ?? Number(s);

/**
 * Reads a sentence of criteria separated by commas, 、 or spaces. Returns what it understood and the parts it did
 * not, so the screen can say which words it ignored.
 */
export function parseCandidateQuery(text: string, asOf: string): { criteria: SearchCriteria; unknown: string[] } {
  const criteria: SearchCriteria = { asOf };
  const unknown: string[] = [];
  const postLevels: string[] = [];
  for (const raw of text.split(/[,，、;；\s]+/)) {
    let part = raw.trim();
    if (!part) continue;
    let understood = false;
    const take = (re: RegExp, apply: (m: RegExpExecArray) => void) => {
      const m = re.exec(part);
      if (m) {
        apply(m);
        part = part.replace(m[0], '');
        understood = true;
      }
    };
    take(/(\d+)岁(以下|以内)/, (m) => (criteria.maxAge = Number(m[1])));
    take(/(\d+)岁(以上)/, (m) => (criteria.minAge = Number(m[1])));
    take(/近([一二两三四五\d])年(考核)?(有|含)?优秀/, (m) => (criteria.excellentWithinYears = numberOf(m[1]!)));
    take(/符合(职级)?晋升条件/, () => (criteria.eligibleOnly = true));
    for (const [key, label] of Object.entries(POOL_KINDS)) take(new RegExp(label), () => (criteria.pool = key as PoolKind));
    for (const e of codeTables.postLevel.entries) take(new RegExp(`${e.caption}(级)?`), () => postLevels.push(e.code));
    for (const e of codeTables.education.entries.filter((x) => ['11', '21', '31'].includes(x.code))) {
      take(new RegExp(`${e.caption}(学历)?(及)?(以上)?`), () => (criteria.minEducation = e.code));
    }
    take(/^(男|女)(性)?/, (m) => (criteria.sex = m[1] === '男' ? '1' : '2'));
    if (!understood || part.trim()) unknown.push(raw.trim());
  }
  if (postLevels.length) criteria.postLevels = postLevels;
  return { criteria, unknown };
}
