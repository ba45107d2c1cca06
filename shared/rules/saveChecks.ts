import type { FieldProblem } from '../catalog/recordType';
import { checkCareerContinuity, checkPartyJoined, checkWorkStarted, type DossierCadre } from './checks';
import { identityProblems } from './cadreIdentity';

// What a save refuses and what it only warns about (docs/domain.md "三龄两历 checks"). The hard errors — 入党 or
// 参加工作 before birth, 入党 before 18 — can only be typing mistakes and are refused at their field; the
// warnings — 参加工作 before 16, a gap in the career — may be true of a real life and are shown at save with
// 仍然保存. The same rules feed 数据校验 (checks.ts), so the two never disagree.

const HARD = new Set(['workStarted.beforeBirth', 'partyJoined.under18']);
const WARN = new Set(['workStarted.under16']);

const asOfOf = (today: string) => today.slice(0, 7);

// Structural inputs, not the domain's types: the cadre's declaration names these functions as its rules, so
// their types must not depend on the types that declaration produces.
interface BasicData {
  name?: unknown;
  sex?: unknown;
  birth?: unknown;
  idNumber?: unknown;
  politicalStatus?: unknown;
  partyJoined?: string | null;
  workStarted?: string | null;
  currentPost?: unknown;
  fullTimeEducation?: { education?: string | null };
  inServiceEducation?: { education?: string | null };
}

/** A basic record as far as the checks can read it (half-valid input included). */
function readable(data: BasicData): DossierCadre | null {
  if (typeof data.birth !== 'string' || typeof data.politicalStatus !== 'string') return null;
  return {
    name: String(data.name ?? ''),
    sex: String(data.sex ?? ''),
    birth: data.birth,
    idNumber: String(data.idNumber ?? ''),
    politicalStatus: data.politicalStatus,
    partyJoined: data.partyJoined ?? null,
    workStarted: data.workStarted ?? null,
    currentPost: String(data.currentPost ?? ''),
    fullTimeEducation: { education: data.fullTimeEducation?.education ?? null },
    inServiceEducation: { education: data.inServiceEducation?.education ?? null },
  };
}

function basicFindings(data: BasicData, today: string) {
  const cadre = readable(data);
  if (!cadre) return [];
  const input = { cadre, career: [], education: [] };
  const options = { asOf: asOfOf(today), today };
  return [...checkWorkStarted(input, options), ...checkPartyJoined(input, options)];
}

/** The basic record's refusals: ID number agreement and the hard 三龄两历 errors. */
export function cadreProblems(data: BasicData, ctx: { today: string }): FieldProblem[] {
  return [
    ...identityProblems(data, ctx),
    ...basicFindings(data, ctx.today)
      .filter((f) => HARD.has(f.rule))
      .map((f) => ({ path: f.field, message: f.message })),
  ];
}

/** The basic record's warnings (仍然保存): 参加工作 before 16. */
export function cadreWarnings(data: BasicData, ctx: { today: string }): FieldProblem[] {
  return basicFindings(data, ctx.today)
    .filter((f) => WARN.has(f.rule))
    .map((f) => ({ path: f.field, message: f.message }));
}

interface CareerData {
  id?: string;
  from: string;
  to: string | null;
  unit: string;
  post: string;
  kind: 'work' | 'study';
}

/**
 * A career entry's warnings: the gaps and overlaps that saving it would add to the dossier's career (those that
 * were there before are 数据校验's business, not this save's).
 */
export function careerWarnings(data: CareerData, ctx: { today: string; siblings: readonly CareerData[] }): FieldProblem[] {
  const self = { ...data, id: data.id ?? '__this__' };
  const others = ctx.siblings.filter((s) => s.id !== self.id).map((c, i) => ({ ...c, id: c.id ?? `__${i}__` }));
  const cadre = {
    name: '',
    sex: '',
    birth: '1900-01',
    idNumber: '',
    politicalStatus: '13',
    partyJoined: null,
    workStarted: null,
    currentPost: '',
    fullTimeEducation: { education: null },
    inServiceEducation: { education: null },
  };
  const options = { asOf: asOfOf(ctx.today), today: ctx.today };
  const breaks = (career: CareerData[]) =>
    checkCareerContinuity({ cadre, career: career as never, education: [] }, options).filter((f) => f.rule === 'career.gap' || f.rule === 'career.overlap');
  const before = new Set(breaks(others).map((f) => f.message));
  return breaks([...others, self])
    .filter((f) => !before.has(f.message))
    .map((f) => ({ path: f.field === `career.${self.id}.to` ? 'to' : 'from', message: f.message }));
}
