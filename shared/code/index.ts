import { codeTables, type CodeTableId } from './tables';
import type { CodeEntry } from './types';

export { codeTables, type CodeTableId };
export type { CodeEntry, CodeTable } from './types';

const indexes = new Map<CodeTableId, Map<string, CodeEntry>>();

function indexOf(table: CodeTableId): Map<string, CodeEntry> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map(codeTables[table].entries.map((e) => [e.code, e]));
    indexes.set(table, index);
  }
  return index;
}

export function lookup(table: CodeTableId, code: string): CodeEntry | undefined {
  return indexOf(table).get(code);
}

/** The caption to show for a stored code; an unknown code is shown as itself so nothing disappears. */
export function caption(table: CodeTableId, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  return lookup(table, code)?.caption ?? code;
}
