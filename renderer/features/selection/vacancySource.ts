import { tallyUnits, type Tally } from '../../../shared/rules/selectionVacancy';
import type { RosterIndex } from '../roster/rosterIndex';

// What the vacancy table is made of, kept between visits (docs/selection.md "Performance"): the tally of the
// cadres per unit while the roster's index is unchanged, and the establishments last read. A visit draws the
// table in its first render from these; the live query reads the establishments again and the table changes
// only if they did. At 100,000 cadres the tally alone took 50–130 ms of each visit in the browser.

const tallies = new WeakMap<RosterIndex, { version: number; tally: ReadonlyMap<string, Tally> }>();

/** The cadres in service per unit, counted once per version of the index (one pass in no order: no sort). */
export function tallyOf(index: RosterIndex): ReadonlyMap<string, Tally> {
  const kept = tallies.get(index);
  if (kept && kept.version === index.version) return kept.tally;
  const tally = tallyUnits(Array.from(index.unordered(), (r) => r.cadre));
  tallies.set(index, { version: index.version, tally });
  return tally;
}

/**
 * What to show after a read: the records shown so far while the read holds the same (so nothing downstream is
 * worked out again), else the read; the records shown so far while there is no read yet.
 */
export function keptRead<T>(shown: readonly T[] | undefined, read: readonly T[] | undefined): readonly T[] | undefined {
  if (!read || read === shown) return shown;
  if (shown && shown.length === read.length && JSON.stringify(shown) === JSON.stringify(read)) return shown;
  return read;
}
