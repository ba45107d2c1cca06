import { describe, expect, it } from 'vitest';
import type { Cadre, CareerEntry, Education } from '../../../../shared/domain/cadre';
import { checkDossier, type CheckRuleId, type Finding } from '../../../../shared/rules/checks';
import { generateDataset, type DatasetStats, type ErrorKind, emptyStats } from '../../../../shared/synthetic/cadres';
import { TRAINING_PROBLEMS } from '../../../../shared/synthetic/training';

// The training district carries a realistic share of 三龄两历 problems, and 数据校验's checks find each of them:
// the data set is generated with the settings 本机设置 uses and every dossier is run through checkDossier.

/** The rule of shared/rules/checks.ts that must report each kind of planted problem. */
const RULE_OF: Record<ErrorKind, CheckRuleId> = {
  careerGap: 'career.gap',
  careerOverlap: 'career.overlap',
  birthMismatch: 'idNumber.birth',
  partyBefore18: 'partyJoined.under18',
  idCheckChar: 'idNumber.valid',
};

const AS_OF = '2026-11';
const CADRES = 2000;

interface Checked {
  findings: Map<string, Finding[]>;
  stats: DatasetStats;
}

function generateAndCheck(seed: string): Checked {
  const stats = emptyStats();
  const findings = new Map<string, Finding[]>();
  let current: { cadre: Cadre; career: CareerEntry[]; education: Education[] } | null = null;
  const flush = () => {
    if (current) findings.set(current.cadre.id, checkDossier(current, { asOf: AS_OF, today: `${AS_OF}-30` }));
  };
  const dataset = generateDataset({
    seed,
    cadres: CADRES,
    installationId: 'c'.repeat(32),
    asOf: AS_OF,
    operator: '培训',
    errors: TRAINING_PROBLEMS,
    stats,
  });
  for (const item of dataset) {
    if (item.table === 'cadres') {
      flush();
      current = { cadre: item.record, career: [], education: [] };
    } else if (item.table === 'career') current!.career.push(item.record);
    else if (item.table === 'education') current!.education.push(item.record);
  }
  flush();
  return { findings, stats };
}

describe('the training district carries 三龄两历 problems that 数据校验 finds', () => {
  // two seeds: the share must not be an accident of one
  const runs = ['cadredesk-demo', 'another-district'].map((seed) => [seed, generateAndCheck(seed)] as const);

  it.each(runs)('a few percent of the cadres have findings (seed %s)', (_seed, { findings }) => {
    expect(findings.size).toBe(CADRES);
    const flagged = [...findings.values()].filter((f) => f.length > 0).length;
    // "a few percent": the planted rate, give or take sampling noise at 2,000 cadres
    expect(flagged / CADRES).toBeGreaterThan(0.02);
    expect(flagged / CADRES).toBeLessThan(0.07);
  });

  it.each(runs)('every planted problem is found by its rule, at the cadre it was planted in (seed %s)', (_seed, { findings, stats }) => {
    expect(stats.injected.length).toBeGreaterThan(0);
    for (const problem of stats.injected) {
      const rules = (findings.get(problem.cadreId) ?? []).map((f) => f.rule);
      expect(rules, `${problem.kind}: ${problem.detail}`).toContain(RULE_OF[problem.kind]);
    }
  });

  it.each(runs)('the findings come from the planted problems only: the other dossiers are clean (seed %s)', (_seed, { findings, stats }) => {
    const planted = new Set(stats.injected.map((p) => p.cadreId));
    const unplanned = [...findings].filter(([id, f]) => f.length > 0 && !planted.has(id));
    expect(unplanned).toEqual([]);
  });

  it('every kind the training data is meant to carry occurs, the issue\'s named ones included', () => {
    const kinds = new Set(runs.flatMap(([, { stats }]) => stats.injected.map((p) => p.kind)));
    expect(TRAINING_PROBLEMS.kinds).toEqual(expect.arrayContaining(['careerGap', 'birthMismatch', 'partyBefore18']));
    for (const kind of TRAINING_PROBLEMS.kinds) expect(kinds, kind).toContain(kind);
    const rules = new Set(runs.flatMap(([, { findings }]) => [...findings.values()].flat().map((f) => f.rule)));
    for (const kind of TRAINING_PROBLEMS.kinds) expect(rules, kind).toContain(RULE_OF[kind]);
  });
});
