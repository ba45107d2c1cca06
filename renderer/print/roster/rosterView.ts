import type { PrintParams } from '../../../shared/print/route';
import { compileQuery, validateQuery, type QueryGroup } from '../../../shared/rules/query';
import { subtreeIds } from '../../../shared/rules/unitTree';
import type { Unit } from '../../../shared/domain/unit';
import { DEFAULT_COLUMNS } from '../../features/roster/columns';
import { filterRows, SORTS, type RosterRow, type SortKey } from '../../features/roster/rows';

// What the roster shows, as a print route carries it (docs/printing.md): the order, the unit subtree, the
// statuses, the quick search, the combined query and the columns — the print page recomputes the same rows from
// the same roster index instead of carrying 100,000 ids in a URL.

export interface RosterView {
  sort: SortKey;
  /** The unit whose subtree is shown; null for all units. */
  unitId: string | null;
  /** Statuses shown besides 在职. */
  alsoStatuses: string[];
  search: string;
  query: QueryGroup | null;
  columns: string[];
  title: string;
}

export function rosterPrintParams(view: RosterView): PrintParams {
  return {
    kind: 'roster',
    title: view.title,
    sort: view.sort,
    cols: view.columns.join(','),
    ...(view.unitId ? { unit: view.unitId } : {}),
    ...(view.alsoStatuses.length ? { statuses: view.alsoStatuses.join(',') } : {}),
    ...(view.search.trim() ? { q: view.search } : {}),
    ...(view.query ? { query: JSON.stringify(view.query) } : {}),
  };
}

/** The view a print route describes; what it cannot read falls back to the roster's defaults. */
export function rosterViewOf(params: Record<string, string | undefined>): RosterView {
  const sort = params.sort && Object.hasOwn(SORTS, params.sort) ? (params.sort as SortKey) : 'unit';
  let query: QueryGroup | null = null;
  if (params.query) {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(params.query);
    } catch {
      throw new Error('打印名册时组合查询条件无法读取，请回到干部名册重新打印。');
    }
    const checked = validateQuery(parsed);
    if (!checked.ok) throw new Error(`打印名册时组合查询条件有误：${checked.message}。请回到干部名册重新打印。`);
    query = checked.query;
  }
  return {
    sort,
    unitId: params.unit || null,
    alsoStatuses: (params.statuses ?? '').split(',').filter(Boolean),
    search: params.q ?? '',
    query,
    columns: params.cols ? params.cols.split(',').filter(Boolean) : DEFAULT_COLUMNS,
    title: params.title || '干部名册',
  };
}

/** The rows of a view, in its order: the same filters as the roster screen (filterRows). */
export function rowsOfView(sorted: readonly RosterRow[], units: readonly Unit[], view: RosterView, asOf: string): readonly RosterRow[] {
  return filterRows(sorted, {
    inUnits: view.unitId ? subtreeIds(units, view.unitId) : null,
    alsoStatuses: view.alsoStatuses,
    search: view.search,
    predicate: view.query ? compileQuery(view.query, { asOf, unitSubtree: (id) => subtreeIds(units, id) }) : null,
  });
}
