import { adjustmentType, appraisalType } from '../../shared/domain/performance';
import { UserError } from '../../shared/errors';
import type { EvidenceLink } from '../../shared/rules/performanceTimeline';
import type { CadreDb } from './database';
import { updateRecord } from './records';
import type { WriteContext } from './repository';

// The evidence links of a 综合研判 or a 三项机制 adjustment, changed after the record was made (docs/performance.md
// "Analysis"): a record found later is added, a wrong one removed. An ordinary edit of the record, so it is audited
// and synced like any other.

export type EvidenceHolder = 'appraisal' | 'adjustment';
const TYPES = { appraisal: appraisalType, adjustment: adjustmentType } as const;

/** Replaces the record's evidence links with `links`. */
export async function setEvidence(db: CadreDb, ctx: WriteContext, holder: EvidenceHolder, id: string, links: readonly EvidenceLink[]): Promise<void> {
  const type = TYPES[holder];
  const stored = (await db.table(type.table).get(id)) as { cadreId: string; deleted: boolean } | undefined;
  if (!stored || stored.deleted) throw new UserError(`该${type.name}记录已不存在，可能已被删除。请刷新后重试。`);
  const evidence = links.map((l) => ({ table: l.table, id: l.id, title: l.title }));
  if (holder === 'appraisal') await updateRecord(db, ctx, appraisalType, id, { evidence });
  else await updateRecord(db, ctx, adjustmentType, id, { evidence }, { cadreId: stored.cadreId });
}
