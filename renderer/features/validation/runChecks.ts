import { SUB_RECORD_TABLE_NAMES, type Cadre } from '../../../shared/domain/cadre';
import type { Unit } from '../../../shared/domain/unit';
import { checkDossier, type Finding } from '../../../shared/rules/checks';
import { compareByStroke } from '../../../shared/rules/strokeOrder';
import type { CadreDb } from '../../db/database';
import { inReadOrder } from '../../db/dossierPacks';
import { unitPlaces } from '../roster/rows';

export interface CadreFinding extends Finding {
  cadreId: string;
  cadreName: string;
  unitId: string;
}

const live = <T extends { deleted: boolean }>(rows: T[] | undefined): T[] => (rows ?? []).filter((r) => !r.deleted);

/**
 * Runs the 三龄两历 checks over the given cadres (all live ones when `cadreIds` is null), reporting progress and
 * yielding to the UI between chunks so the progress bar moves and the window stays responsive.
 */
export async function runChecks(
  db: CadreDb,
  options: { asOf: string; today: string; unitIds: ReadonlySet<string> | null },
  onProgress: (done: number, total: number) => void,
): Promise<CadreFinding[]> {
  // by unit, as the dossier sets are packed: a chunk then reads few packs (inReadOrder)
  const cadres = inReadOrder((await db.cadres.toArray()).filter((c: Cadre) => !c.deleted && (!options.unitIds || options.unitIds.has(c.unitId))));
  const findings: CadreFinding[] = [];
  const CHUNK = 2000;
  for (let i = 0; i < cadres.length; i += CHUNK) {
    const chunk = cadres.slice(i, i + CHUNK);
    // sub-records a chunk at a time: all of them at once would hold every dossier in memory
    const sets = await db.subRecords.bulkGet(chunk.map((c) => c.id));
    for (const [k, cadre] of chunk.entries()) {
      const found = checkDossier(
        { cadre, career: live(sets[k]?.career), education: live(sets[k]?.education) },
        { asOf: options.asOf, today: options.today },
      );
      for (const f of found) findings.push({ ...f, cadreId: cadre.id, cadreName: cadre.name, unitId: cadre.unitId });
    }
    onProgress(Math.min(i + CHUNK, cadres.length), cadres.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  onProgress(cadres.length, cadres.length);
  return findings;
}

/**
 * Findings in the order of an official list: units as the unit tree orders them (units it does not know last), within
 * a unit the cadres by 姓氏笔画, a cadre's findings together in the order the checks found them. Call
 * loadStrokeOrder() before.
 */
export function inListOrder(findings: readonly CadreFinding[], units: readonly Unit[]): CadreFinding[] {
  const { order } = unitPlaces(units);
  const place = (f: CadreFinding) => order.get(f.unitId) ?? order.size;
  return [...findings].sort((a, b) => place(a) - place(b) || compareByStroke(a.cadreName, b.cadreName) || (a.cadreId < b.cadreId ? -1 : a.cadreId > b.cadreId ? 1 : 0));
}

/** Which dossier tab a finding's field lives on: a sub-record table, or the basic record. */
export function tabOfField(field: string): string {
  const head = field.split('.')[0]!;
  return (SUB_RECORD_TABLE_NAMES as string[]).includes(head) ? head : 'basic';
}
