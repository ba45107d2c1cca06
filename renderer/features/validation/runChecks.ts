import type { Cadre, CareerEntry, Education } from '../../../shared/domain/cadre';
import { checkDossier, type Finding } from '../../../shared/rules/checks';
import type { CadreDb } from '../../db/database';

export interface CadreFinding extends Finding {
  cadreId: string;
  cadreName: string;
  unitId: string;
}

const groupBy = <T extends { cadreId: string; deleted: boolean }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    if (row.deleted) continue;
    const list = map.get(row.cadreId);
    if (list) list.push(row);
    else map.set(row.cadreId, [row]);
  }
  return map;
};

/**
 * Runs the 三龄两历 checks over the given cadres (all live ones when `cadreIds` is null), reporting progress and
 * yielding to the UI between chunks so the progress bar moves and the window stays responsive.
 */
export async function runChecks(
  db: CadreDb,
  options: { asOf: string; today: string; unitIds: ReadonlySet<string> | null },
  onProgress: (done: number, total: number) => void,
): Promise<CadreFinding[]> {
  const cadres = (await db.cadres.toArray()).filter((c: Cadre) => !c.deleted && (!options.unitIds || options.unitIds.has(c.unitId)));
  const career = groupBy<CareerEntry>(await db.career.toArray());
  const education = groupBy<Education>(await db.education.toArray());
  const findings: CadreFinding[] = [];
  const CHUNK = 2000;
  for (let i = 0; i < cadres.length; i += CHUNK) {
    for (const cadre of cadres.slice(i, i + CHUNK)) {
      const found = checkDossier(
        { cadre, career: career.get(cadre.id) ?? [], education: education.get(cadre.id) ?? [] },
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

/** Which dossier tab a finding's field lives on: a sub-record table, or the basic record. */
export function tabOfField(field: string): string {
  const head = field.split('.')[0]!;
  return ['career', 'education', 'family', 'rewards', 'assessments', 'posts', 'ranks'].includes(head) ? head : 'basic';
}
