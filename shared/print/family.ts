import { caption } from '../code';
import type { FamilyMember } from '../domain/cadre';
import { compareMonths, type Month } from '../rules/months';
import { ageText } from './age';

// 家庭主要成员及重要社会关系 in the official order (docs/domain.md, the printed form): spouse, children by age (eldest
// first), father, mother, then everyone else in the order of the 称谓 table. Codes are GB/T 4761's (shared/code).

type Member = Pick<FamilyMember, 'relation' | 'name' | 'birth' | 'politicalStatus' | 'employment' | 'deceased'>;

/** The place of a 称谓 code in the official order: 0 spouse, 1 child, 2 father, 3 mother, 4 everyone else. */
export function relationGroup(code: string): number {
  if (code === '10' || code === '11' || code === '12') return 0;
  // sons 20–27 and 29, daughters 30–37 and 39; 28 女婿 and 38 儿媳 are in-laws, not children
  const n = Number(code);
  if ((n >= 20 && n <= 39 && n !== 28 && n !== 38)) return 1;
  if (code === '51' || code === '57') return 2;
  if (code === '52' || code === '58') return 3;
  return 4;
}

/** Earlier birth first; an unknown birth month after the known ones. */
const byBirth = (a: Month | null, b: Month | null): number => (a && b ? compareMonths(a, b) : a ? -1 : b ? 1 : 0);

/** The family members in the official order (a stable sort: equal places keep the order they were entered in). */
export function orderFamily<M extends Member>(members: readonly M[]): M[] {
  return members
    .map((m, i) => ({ m, i }))
    .sort((x, y) => {
      const gx = relationGroup(x.m.relation);
      const gy = relationGroup(y.m.relation);
      if (gx !== gy) return gx - gy;
      if (gx === 1) return byBirth(x.m.birth, y.m.birth) || x.i - y.i;
      if (gx === 4 && x.m.relation !== y.m.relation) return Number(x.m.relation) - Number(y.m.relation);
      return x.i - y.i;
    })
    .map(({ m }) => m);
}

/** One line of the family table as printed. */
export interface FamilyLine {
  relation: string;
  name: string;
  /** Full years as of the form's 计算年龄时间; blank for the deceased. */
  age: string;
  political: string;
  employment: string;
}

/** The family table's lines: the official order, captions from the code tables, ages as of `asOf`. */
export function familyLines(members: readonly Member[], asOf: Month): FamilyLine[] {
  return orderFamily(members).map((m) => ({
    relation: caption('relation', m.relation),
    name: m.name,
    age: ageText(m.birth, asOf, m.deceased),
    political: caption('politicalStatus', m.politicalStatus),
    // the form says so rather than leaving the employer of someone who died standing as if alive
    employment: m.deceased && !m.employment ? '已去世' : m.employment,
  }));
}
