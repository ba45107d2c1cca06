import { useEffect, useState, useSyncExternalStore } from 'react';
import { messageOf } from '../../api';
import { monthOf } from '../../../shared/rules/months';
import type { CadreDb } from '../../db/database';
import type { People } from '../../db/cultivationStats';
import { rosterIndexOf } from '../roster/rosterIndex';

/**
 * The live cadres and units from the roster's in-memory index (read from IndexedDB once per window, patched from
 * the committed changes): the shortfall list and the statistics count them without reading 100,000 basic
 * records on every call.
 */
export async function peopleOf(db: CadreDb): Promise<People> {
  const index = rosterIndexOf(db);
  await index.load(monthOf(new Date()));
  return { cadres: index.sortedBy('unit').map((r) => r.cadre), units: index.unitList };
}

/**
 * The people for a list, read again whenever the index changes (a cadre's status or unit, a new unit): the list's
 * own live query sees the totals and records, not the index.
 */
export function usePeople(db: CadreDb): { people?: People; error?: string } {
  const index = rosterIndexOf(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  const [state, setState] = useState<{ people?: People; error?: string }>({});
  useEffect(() => {
    let current = true;
    peopleOf(db).then(
      (people) => current && setState({ people }),
      (e: unknown) => current && setState({ error: messageOf(e) }),
    );
    return () => {
      current = false;
    };
  }, [db, version]);
  return state;
}
