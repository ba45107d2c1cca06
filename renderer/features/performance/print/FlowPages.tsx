import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { packRows, pageLabel, type PageRange } from '../../../../shared/print/paginate';
import { loadPrintFonts } from '../../../print/fonts';
import type { LaidOut } from '../../../print/PrintDocument';

// Portrait A4 pages that flow a list of blocks (headings, paragraphs, table rows): every block is measured at the
// page's text width in the print font, then packed into pages by height (shared/print/paginate.ts), so the preview,
// the page count and the PDF agree (docs/printing.md "The idea"). A page may start with a cover of its own.

const MM = 96 / 25.4;
const PAGE_MM = 296.8;
const MARGIN_MM = 18;
const HEAD_MM = 10;
const FOOT_MM = 10;
export const TEXT_WIDTH_MM = 210 - 2 * MARGIN_MM;

interface Props {
  /** A page of its own before the flow (the booklet's cover), not counted in the footer's numbering. */
  cover?: ReactNode;
  /** The running head of every flowing page. */
  head: string;
  blocks: readonly ReactNode[] | null;
  onLaidOut: (laid: LaidOut) => void;
}

export function FlowPages({ cover, head, blocks, onLaidOut }: Props) {
  const measure = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<PageRange[] | null>(null);
  useLayoutEffect(() => {
    const box = measure.current;
    if (!blocks || !box) return;
    let alive = true;
    void loadPrintFonts(`${head}${box.textContent ?? ''}`).then(() => {
      if (!alive) return;
      // offsetHeight plus the margins between blocks: the layout size, which the preview's zoom does not scale
      const heights = [...box.children].map((el) => {
        const style = getComputedStyle(el);
        return (el as HTMLElement).offsetHeight / MM + (parseFloat(style.marginTop) + parseFloat(style.marginBottom)) / MM;
      });
      const room = PAGE_MM - 2 * MARGIN_MM - HEAD_MM - FOOT_MM - 5; // the flow's top padding and a little slack
      setPages(packRows(heights, room, room));
    });
    return () => {
      alive = false;
    };
  }, [blocks, head]);
  // whether there is a cover, never the cover element itself: the caller makes a new one each render, and the
  // preview re-renders on every report, so depending on it reported without end (the preview then broke on the
  // next click, and its 返回 was the error screen's 返回干部名册)
  const hasCover = cover !== undefined && cover !== null;
  useEffect(() => {
    if (pages) onLaidOut({ pages: pages.length + (hasCover ? 1 : 0), overflows: [] });
  }, [pages, hasCover, onLaidOut]);

  const frame = { padding: `${MARGIN_MM}mm`, display: 'flex', flexDirection: 'column' as const };
  return (
    <>
      <style>{'@page { size: A4 portrait; margin: 0; } .pf-flow > * { margin: 0 0 1.6mm; } .pf-flow p { white-space: pre-wrap; overflow-wrap: anywhere; }'}</style>
      {blocks && !pages && (
        <div ref={measure} className="pf-flow" style={{ width: `${TEXT_WIDTH_MM}mm`, position: 'absolute', visibility: 'hidden', left: -10000 }}>
          {blocks}
        </div>
      )}
      {pages && cover && (
        <div className="pd-page pd-portrait" style={frame} data-testid="pf-page">
          {cover}
        </div>
      )}
      {pages?.map(([from, to], i) => (
        <div className="pd-page pd-portrait" style={frame} key={i} data-testid="pf-page">
          <div style={{ height: `${HEAD_MM}mm`, borderBottom: '0.3mm solid #000', fontSize: '10pt', textAlign: 'center' }}>{head}</div>
          <div className="pf-flow" style={{ flex: 1, paddingTop: '3mm', overflow: 'hidden' }}>
            {blocks!.slice(from, to)}
          </div>
          <div style={{ height: `${FOOT_MM}mm`, lineHeight: `${FOOT_MM}mm`, fontSize: '10pt', textAlign: 'center' }}>{pageLabel(i + 1, pages.length)}</div>
        </div>
      ))}
    </>
  );
}

/** Splits a long text into paragraphs of at most `size` characters (a block never outgrows a page); blank lines go. */
export function chunks(text: string, size = 500): string[] {
  return text.split('\n').flatMap((line) => {
    const out: string[] = [];
    for (let i = 0; i < line.length; i += size) out.push(line.slice(i, i + size));
    return out;
  });
}
