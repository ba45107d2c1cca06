import type { RewardPunishment } from '../../../shared/domain/cadre';
import type { CadreDb } from '../../db/database';
import { onCommittedChanges } from '../../db/changes';
import { db } from '../../db/instance';
import type { DossierFacts } from '../../db/selection';
import { indexKey } from '../../sync/changeIndex';

// What the eligibility list and the candidate search read of every dossier — post history, assessments and the
// 奖惩 that can block — kept for the life of the window, like the roster's rows: read once (100,000 dossier sets
// take a long while to read), then patched from the committed changes the repositories announce. A changed
// sub-record is traced to its dossier through the sync change index, which lists every sub-record id per dossier.

const KINDS = new Set(['posts', 'assessments', 'rewards']);
const CHUNK = 5_000;

type Set_ = { posts?: DossierFacts['posts']; assessments?: { year: number; grade: string; deleted: boolean }[]; rewards?: RewardPunishment[] };

function factsOf(set: Set_ | undefined): DossierFacts {
  return {
    posts: (set?.posts ?? []).filter((p) => !(p as { deleted?: boolean }).deleted).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
    assessments: (set?.assessments ?? []).filter((a) => !a.deleted).map((a) => ({ year: a.year, grade: a.grade })),
    // only what can block promotion is kept
    rewards: (set?.rewards ?? []).filter((r) => !r.deleted && r.kind !== 'reward'),
  };
}

export class FactsCache {
  private facts: Map<string, DossierFacts> | null = null;
  private loading: Promise<void> | null = null;
  private readonly dirtyCadres = new Set<string>();
  private readonly dirtyRecords = new Set<string>();

  constructor(private readonly db: CadreDb) {
    onCommittedChanges(db, (changes) => {
      for (const c of changes) {
        if (KINDS.has(c.table)) for (const id of c.ids) this.dirtyRecords.add(indexKey(c.table, id));
        else if (c.table === 'cadres') for (const id of c.ids) this.dirtyCadres.add(id);
      }
    });
  }

  /** Every dossier's facts by cadre id, current as of the last committed write. */
  async all(): Promise<ReadonlyMap<string, DossierFacts>> {
    if (!this.loading) this.loading = this.readAll().catch((e: unknown) => ((this.loading = null), Promise.reject(e)));
    await this.loading;
    await this.catchUp();
    return this.facts!;
  }

  private async readAll(): Promise<void> {
    this.dirtyCadres.clear();
    this.dirtyRecords.clear();
    const facts = new Map<string, DossierFacts>();
    // page through the primary key: each page is one getAll over a key range, where bulkGet of the same keys
    // asks IndexedDB for each dossier set apart (docs/selection.md "Performance")
    let after: string | null = null;
    for (;;) {
      const page = (await (after === null ? this.db.subRecords.toCollection() : this.db.subRecords.where(':id').above(after)).limit(CHUNK).toArray()) as (Set_ & { cadreId: string })[];
      for (const set of page) facts.set(set.cadreId, factsOf(set));
      if (page.length < CHUNK) break;
      after = page[page.length - 1]!.cadreId;
    }
    this.facts = facts;
  }

  private async catchUp(): Promise<void> {
    if (!this.dirtyRecords.size && !this.dirtyCadres.size) return;
    const records = [...this.dirtyRecords];
    const cadres = new Set(this.dirtyCadres);
    this.dirtyRecords.clear();
    this.dirtyCadres.clear();
    if (records.length) {
      for (const row of await this.db.syncIndex.where('ids').anyOf(records).toArray()) {
        if (row.key.startsWith('cadre:')) cadres.add(row.key.slice('cadre:'.length));
      }
    }
    const ids = [...cadres];
    const sets = await this.db.subRecords.bulkGet(ids);
    ids.forEach((id, k) => this.facts!.set(id, factsOf(sets[k] as Set_ | undefined)));
  }
}

let cache: FactsCache | null = null;
export const factsCache = (): FactsCache => (cache ??= new FactsCache(db));
