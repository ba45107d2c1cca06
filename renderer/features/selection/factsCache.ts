import type { CadreDb } from '../../db/database';
import { onCommittedChanges } from '../../db/changes';
import { db } from '../../db/instance';
import { readAllFacts, readFacts, type DossierFacts } from '../../db/selectionFacts';

// What the eligibility list and the candidate search read of every dossier — post history, assessments and the
// 奖惩 that can block — kept for the life of the window, like the roster's rows: read once from the small per-cadre
// rows of selectionFacts (renderer/db/selectionFacts.ts), then patched from the committed changes the repositories
// announce: a dossier whose sub-records changed is announced as a change of `subRecords` with its cadre id
// (renderer/db/subRecords.ts).

export class FactsCache {
  private facts: Map<string, DossierFacts> | null = null;
  private loading: Promise<void> | null = null;
  private readonly dirtyCadres = new Set<string>();

  constructor(private readonly db: CadreDb) {
    onCommittedChanges(db, (changes) => {
      for (const c of changes) {
        if (c.table === 'subRecords' || c.table === 'cadres') for (const id of c.ids) this.dirtyCadres.add(id);
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
    this.facts = await readAllFacts(this.db);
  }

  private async catchUp(): Promise<void> {
    if (!this.dirtyCadres.size) return;
    const cadres = new Set(this.dirtyCadres);
    this.dirtyCadres.clear();
    for (const [id, facts] of await readFacts(this.db, [...cadres])) this.facts!.set(id, facts);
  }
}

let cache: FactsCache | null = null;
export const factsCache = (): FactsCache => (cache ??= new FactsCache(db));
