import type { LoggedRecord } from '../../../renderer/db/supervision';
import { clueType } from '../../../shared/domain/supervision';
import { newId } from '../../../shared/ids';

/** `n` clues written by `installationId`, each with `versions` versions logged, for storeLogged: n × versions entries. */
export function loggedClues(installationId: string, n: number, versions: number): LoggedRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const id = newId();
    const base = { id, vv: { [installationId]: 1 }, updatedBy: { installationId, operator: '干部监督科' }, deleted: false, cadreId: newId(), channel: 'audit', received: '2026-03-01', status: 'pending', outcome: null, closedOn: null, handling: '', actionIds: [] };
    return { table: clueType.table, versions: Array.from({ length: versions }, (_, k) => ({ ...base, updatedAt: 1_000 + k, summary: `线索${i}（第${k + 1}稿）` })) };
  });
}
