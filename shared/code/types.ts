export interface CodeEntry {
  readonly code: string;
  readonly caption: string;
  /** Optional longer official caption (e.g. 中国共产党党员 for 中共党员). */
  readonly full?: string;
  /** Seniority where the table is ordered (ranks, posts, education): larger is higher. */
  readonly level?: number;
}

export interface CodeTable {
  readonly id: string;
  readonly name: string;
  readonly standard?: string;
  readonly entries: readonly CodeEntry[];
}

const list = (...captions: string[]): CodeEntry[] =>
  captions.map((caption, i) => ({ code: String(i + 1).padStart(2, '0'), caption }));

export { list as numbered };
