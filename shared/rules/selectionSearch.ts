import { codeTables, lookup } from '../code';
import { POOL_KINDS } from '../domain/selection';
import { fullYears } from './months';

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

/** Whether one cadre meets every criterion given. */
export function matches(c: SearchCadre, q: SearchCriteria): boolean {
  if (q.pool && !c.pools.some((p) => p.pool === q.pool && p.status === 'active' && (!p.validUntil || p.validUntil >= q.asOf))) return false;
  if (q.eligibleOnly && !c.eligible) return false;
  if (q.sex && c.sex !== q.sex) return false;
  if (q.minAge !== undefined || q.maxAge !== undefined) {
    const age = fullYears(c.birth, q.asOf);
    if (q.minAge !== undefined && age < q.minAge) return false;
    if (q.maxAge !== undefined && age > q.maxAge) return false;
  }
  if (q.minEducation) {
    const need = educationLevel(q.minEducation);
    if (!c.educations.some((e) => educationLevel(e) >= need)) return false;
  }
  if (q.postLevels?.length && !(c.postLevel && q.postLevels.includes(c.postLevel))) return false;
  if (q.excellentWithinYears) {
    const last = Number(q.asOf.slice(0, 4)) - 1;
    const first = last - q.excellentWithinYears + 1;
    if (!c.assessments.some((a) => a.grade === '1' && a.year >= first && a.year <= last)) return false;
  }
  return true;
}

export function searchCandidates<C extends SearchCadre>(cadres: Iterable<C>, q: SearchCriteria): C[] {
  const out: C[] = [];
  for (const c of cadres) if (matches(c, q)) out.push(c);
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
