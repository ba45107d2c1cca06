import { lookup } from '../../shared/code';
import type { Cadre, RewardPunishment } from '../../shared/domain/cadre';
import { personalMattersType, supervisionActionType, type PersonalMattersReport, type SupervisionAction } from '../../shared/domain/supervision';
import { blocksInForce, cadreBlocks, type Block, type BlockSettings } from '../../shared/rules/blocks';
import { dueList, type DueRow, type Levels } from '../../shared/rules/personalMatters';
import type { CadreDb } from './database';
import { reportsOfYear } from './supervision';
import { readSupervisionSettings } from './supervisionSettings';

// 管理监督's district-wide reads (docs/supervision.md "Performance"): the year's due list and every cadre's
// blocking periods. Both take the cadres from the caller (the screens hold the roster's in-memory index) and read
// from IndexedDB only what they need of the supervision tables: the year's reports by the year index, and of the
// blocking records only admonishments and the reports with a finding (the result index, schema version 25).

/** Levels of the post-level and rank codes, as the code tables give them. */
export const CODE_LEVELS: Levels = { postLevel: (c) => lookup('postLevel', c)?.level, rank: (c) => lookup('rank', c)?.level };

/** The year's due list on the reporting rule kept in the settings, with the year's reports read now. */
export async function loadDueList(db: CadreDb, year: number, today: string, cadres: readonly Cadre[]): Promise<{ rows: DueRow<Cadre>[]; reports: PersonalMattersReport[] }> {
  const [reports, settings] = await Promise.all([reportsOfYear(db, year), readSupervisionSettings(db)]);
  return { rows: dueList(cadres, reports, year, today, CODE_LEVELS, settings.reporting), reports };
}

/** The findings that can block (shared/rules/blocks.ts): 漏报 and 瞒报. */
const FINDINGS = ['omitted', 'concealed'];

/** The supervision records that can block promotion, by cadre: admonishments and reports with a finding. */
export async function blockingRecords(db: CadreDb): Promise<{ actions: Map<string, SupervisionAction[]>; reports: Map<string, PersonalMattersReport[]> }> {
  const [actions, reports] = await Promise.all([
    db.table(supervisionActionType.table).toArray() as Promise<SupervisionAction[]>,
    db.table(personalMattersType.table).where('result').anyOf(FINDINGS).toArray() as Promise<PersonalMattersReport[]>,
  ]);
  const group = <T extends { cadreId: string; deleted: boolean }>(rows: readonly T[], keep: (r: T) => boolean) => {
    const out = new Map<string, T[]>();
    for (const r of rows) {
      if (r.deleted || !keep(r)) continue;
      const list = out.get(r.cadreId);
      if (list) list.push(r);
      else out.set(r.cadreId, [r]);
    }
    return out;
  };
  return { actions: group(actions, (a) => a.kind === 'admonishment'), reports: group(reports, () => true) };
}

/**
 * Every given cadre's blocking periods: the 奖惩 that can block from `rewardsOf` (the dossier facts the selection
 * area keeps, renderer/db/selectionFacts.ts), the supervision records read now. Cadres with none are left out.
 */
export async function blocksOfAll(
  db: CadreDb,
  cadreIds: Iterable<string>,
  rewardsOf: (cadreId: string) => readonly RewardPunishment[] | undefined,
  settings?: BlockSettings,
): Promise<Map<string, Block[]>> {
  const [{ actions, reports }, blockSettings] = await Promise.all([blockingRecords(db), settings ?? readSupervisionSettings(db).then((s) => s.blocks)]);
  const out = new Map<string, Block[]>();
  for (const id of cadreIds) {
    const rewards = rewardsOf(id) ?? [];
    const a = actions.get(id);
    const r = reports.get(id);
    if (!rewards.length && !a && !r) continue;
    const blocks = cadreBlocks({ rewards: [...rewards], actions: a ?? [], reports: r ?? [] }, blockSettings);
    if (blocks.length) out.set(id, blocks);
  }
  return out;
}

/** The cadres in a blocking period on `day`, with the periods in force. */
export async function blockedOn(
  db: CadreDb,
  day: string,
  cadreIds: Iterable<string>,
  rewardsOf: (cadreId: string) => readonly RewardPunishment[] | undefined,
): Promise<Map<string, Block[]>> {
  const out = new Map<string, Block[]>();
  for (const [id, blocks] of await blocksOfAll(db, cadreIds, rewardsOf)) {
    const inForce = blocksInForce(blocks, day);
    if (inForce.length) out.set(id, inForce);
  }
  return out;
}
