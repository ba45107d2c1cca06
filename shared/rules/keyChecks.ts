import { POOL_KINDS } from '../domain/selection';
import type { Month } from './months';

// 重点抽查 proposed from the selection work (docs/supervision.md "Personal-matters reports"): everyone proposed for a
// post — a candidate in an appointment case still under way — and everyone in a candidate pool whose entry is in
// force must have their personal-matters report checked. Proposed, not marked: a person confirms each one. Pure: it
// reads the selection records it is given and never writes them.

export interface CaseLike {
  deleted: boolean;
  postTitle: string;
  stage: string;
  candidates: readonly { cadreId: string }[];
}

export interface PoolEntryLike {
  deleted: boolean;
  cadreId: string;
  pool: keyof typeof POOL_KINDS;
  status: string;
  validUntil: Month | null;
}

/** A case is under way until its appointment or its closure. */
export const caseOpen = (c: CaseLike): boolean => !c.deleted && c.stage !== 'appointed' && c.stage !== 'closed';

/** A pool entry is in force while 在库 and not past its validity (`month`: this month). */
export const poolEntryInForce = (p: PoolEntryLike, month: Month): boolean => !p.deleted && p.status === 'active' && (!p.validUntil || p.validUntil >= month);

/** The cadres proposed for 重点抽查, each with why (拟任 a post, in a pool), in a stable order. */
export function keyCheckProposals(cases: readonly CaseLike[], pools: readonly PoolEntryLike[], month: Month): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (cadreId: string, reason: string) => {
    const reasons = out.get(cadreId);
    if (!reasons) out.set(cadreId, [reason]);
    else if (!reasons.includes(reason)) reasons.push(reason);
  };
  for (const c of cases) if (caseOpen(c)) for (const candidate of c.candidates) add(candidate.cadreId, `${c.postTitle}人选`);
  for (const p of pools) if (poolEntryInForce(p, month)) add(p.cadreId, `${POOL_KINDS[p.pool]}库在库`);
  return out;
}
