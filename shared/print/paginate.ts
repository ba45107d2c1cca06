// Splitting a table into printed pages: rows are measured in the page (they may wrap), then packed here, so the
// preview, the page count and the PDF agree.

/** [start, end) row ranges, one per page. */
export type PageRange = readonly [start: number, end: number];

/**
 * Packs rows of the given heights into pages: the first page has `firstCapacity` of height for rows (it also holds
 * the title), the others `capacity`. A row taller than a whole page gets a page of its own (it is then reported as
 * overflowing by the caller). No rows still make one page (the title and the header say it is empty).
 */
export function packRows(heights: readonly number[], firstCapacity: number, capacity: number): PageRange[] {
  if (!(firstCapacity > 0 && capacity > 0)) throw new Error('a page must have room for rows');
  const pages: [number, number][] = [];
  let start = 0;
  let used = 0;
  let room = firstCapacity;
  heights.forEach((h, i) => {
    if (i > start && used + h > room) {
      pages.push([start, i]);
      start = i;
      used = 0;
      room = capacity;
    }
    used += h;
  });
  pages.push([start, heights.length]);
  return pages;
}

/** "第 2 页 共 5 页", the roster's page footer. */
export const pageLabel = (page: number, pages: number): string => `第 ${page} 页 共 ${pages} 页`;
