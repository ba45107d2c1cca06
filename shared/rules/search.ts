import { syllablesOf } from './pinyinData';

/** What quick search matches a name against: full pinyin ("zhangsan") and initials ("zs"). */
export interface NameKeys {
  full: string;
  initials: string;
}

/**
 * Surnames read as surnames (单 shan, 曾 zeng); non-Chinese characters are kept as they are, lower-cased. Needs
 * loadPinyin() first (pinyinData.ts).
 */
export function nameKeys(name: string): NameKeys {
  const syllables = syllablesOf(name, { surname: 'head', nonZh: 'removed' })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean);
  return { full: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}

export type QueryKind = 'idNumber' | 'pinyin' | 'text';

/** How a quick-search text is read: digits → ID number, latin letters → pinyin, anything else → the name itself. */
export function queryKind(query: string): QueryKind {
  if (/^\d[\dx]*$/i.test(query)) return 'idNumber';
  if (/^[a-z]+$/i.test(query)) return 'pinyin';
  return 'text';
}

export interface Searchable {
  name: string;
  idNumber: string;
  keys: NameKeys;
}

const normalized = (rawQuery: string): string => rawQuery.trim().replace(/\s+/g, '');

/**
 * The letter the keys of every name a query matches begin with, or null when the query fixes none. Only a pinyin
 * query does: its initials and its full pinyin both begin with the first syllable's letter. A filter over many rows
 * keeps that letter of each row in a compact array and looks at the others no further (renderer/features/roster/rows.ts).
 */
export function pinyinHead(rawQuery: string): string | null {
  const query = normalized(rawQuery);
  return query && queryKind(query) === 'pinyin' ? query[0]!.toLowerCase() : null;
}

/** The letter a name's keys begin with ('' for a name without pinyin, which no pinyin query matches). */
export const headOf = (keys: NameKeys): string => keys.initials.charAt(0);

/** A matcher for one query, built once and applied to many rows (a search keystroke over 100,000 cadres). */
export function matcher(rawQuery: string): (row: Searchable) => boolean {
  const query = normalized(rawQuery);
  if (!query) return () => true;
  switch (queryKind(query)) {
    case 'idNumber': {
      const q = query.toUpperCase();
      return (row) => row.idNumber.includes(q);
    }
    case 'pinyin': {
      const q = query.toLowerCase();
      return (row) => row.keys.initials.startsWith(q) || row.keys.full.startsWith(q);
    }
    default:
      return (row) => row.name.includes(query);
  }
}
