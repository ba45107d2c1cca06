import type { Cadre } from '../../../shared/domain/cadre';
import { isEligible } from '../../../shared/rules/selectionEligibility';
import { candidateFilter, type SearchCadre, type SearchCriteria } from '../../../shared/rules/selectionSearch';
import type { CadreDb } from '../../db/database';
import { loadCadreFacts, loadPools, type DossierFacts } from '../../db/selection';
import { readRankSettings } from '../../db/selectionSettings';

// The candidate search on what the window keeps in memory (docs/selection.md "Performance"): the cadres of the
// roster's index and the dossiers' facts, and the pool entries (a small table) read now. Rank eligibility, the
// costly criterion (it needs the blocking periods, read from the supervision tables), is worked out last and
// only for the cadres every other criterion kept.

const NO_POOLS: CandidateRow['pools'] = [];

export interface CandidateRow extends SearchCadre {
  name: string;
  unitId: string;
  currentPost: string;
}

export async function findCandidates(
  db: CadreDb,
  criteria: SearchCriteria,
  cadres: readonly Cadre[],
  dossiers: ReadonlyMap<string, DossierFacts>,
): Promise<CandidateRow[]> {
  const pools = await loadPools(db);
  const { eligibleOnly, ...rest } = criteria;
  const keep = candidateFilter(rest);
  const found: CandidateRow[] = [];
  for (const c of cadres) {
    if (c.status !== '01' || c.deleted) continue;
    const row: CandidateRow = {
      id: c.id,
      name: c.name,
      unitId: c.unitId,
      currentPost: c.currentPost,
      sex: c.sex,
      birth: c.birth,
      postLevel: c.postLevel,
      educations: [c.fullTimeEducation.education, c.inServiceEducation.education],
      assessments: dossiers.get(c.id)?.assessments ?? [],
      pools: pools.get(c.id)?.map((p) => ({ pool: p.pool, status: p.status, validUntil: p.validUntil })) ?? NO_POOLS,
      eligible: false,
    };
    if (keep(row)) found.push(row);
  }
  if (!eligibleOnly || !found.length) return found;
  const byId = new Map(cadres.map((c) => [c.id, c]));
  const [facts, settings] = await Promise.all([loadCadreFacts(db, null, {}, found.map((r) => byId.get(r.id)!), dossiers), readRankSettings(db)]);
  const eligible = new Set(
    facts
      .filter((f) => isEligible({ id: f.cadre.id, name: f.cadre.name, unitId: f.cadre.unitId, rank: f.cadre.rank, rankSince: f.cadre.rankSince, posts: f.posts, assessments: f.assessments }, criteria.asOf, f.blocks, settings))
      .map((f) => f.cadre.id),
  );
  return found.filter((r) => eligible.has(r.id)).map((r) => ({ ...r, eligible: true }));
}
