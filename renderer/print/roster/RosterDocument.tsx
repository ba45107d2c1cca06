import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { dayOf, monthOf } from '../../../shared/rules/months';
import { packRows, pageLabel, type PageRange } from '../../../shared/print/paginate';
import { db } from '../../db/instance';
import { columnsOf } from '../../features/roster/columns';
import { rosterIndexOf } from '../../features/roster/rosterIndex';
import type { RosterRow } from '../../features/roster/rows';
import { loadPrintFonts } from '../fonts';
import type { LaidOut } from '../PrintDocument';
import { rosterViewOf, rowsOfView } from './rosterView';

// The roster on landscape A4 (docs/printing.md): the current view's rows and columns, the header row on every
// page, the title, the unit and the date above, "第 X 页 共 Y 页" below. Rows may wrap, so every row is measured
// in a hidden table at the page's width and the rows are packed into pages by height (shared/print/paginate.ts).

const MM = 96 / 25.4; // CSS px per mm
/** The room for rows on a page: 190 mm of paper inside the margins, less the title block, header row and footer. */
const PAGE_INNER_MM = 209.8 - 20;
const TITLE_BLOCK_MM = 17;
const FOOT_MM = 8;
const TABLE_WIDTH_MM = 297 - 20;

interface Props {
  params: Record<string, string>;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
}

export function RosterDocument({ params, onLaidOut, onError }: Props) {
  const view = useMemo(() => rosterViewOf(params), [params]);
  const columns = useMemo(() => columnsOf(view.columns), [view]);
  const [rows, setRows] = useState<readonly RosterRow[] | null>(null);
  const [unitName, setUnitName] = useState('全部单位');
  const [pages, setPages] = useState<PageRange[] | null>(null);
  const measureRef = useRef<HTMLTableElement>(null);
  const asOf = monthOf(new Date());

  useEffect(() => {
    let alive = true;
    const index = rosterIndexOf(db);
    index
      .load(asOf)
      .then(() => {
        if (!alive) return;
        const units = index.unitList;
        setUnitName(view.unitId ? (units.find((u) => u.id === view.unitId)?.name ?? '') : '全部单位');
        setRows(rowsOfView(index.sortedBy(view.sort), units, view, asOf));
      })
      .catch((e: unknown) => onError(`读取干部名册失败：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [view, asOf, onError]);

  // measure every row at the page's width, in the print font, then pack them
  useLayoutEffect(() => {
    const table = measureRef.current;
    if (!rows || !table) return;
    let alive = true;
    void loadPrintFonts(`${view.title}${unitName}${table.textContent ?? ''}`).then(() => {
      if (!alive) return;
      const body = table.tBodies[0]!;
      // offsetHeight: the layout size, which the preview's zoom (a transform) does not scale
      const heights = [...body.rows].map((tr) => tr.offsetHeight / MM);
      const header = table.tHead!.offsetHeight / MM;
      const room = PAGE_INNER_MM - TITLE_BLOCK_MM - FOOT_MM - header;
      setPages(packRows(heights, room, room));
    });
    return () => {
      alive = false;
    };
  }, [rows, view, unitName]);

  useEffect(() => {
    if (pages) onLaidOut({ pages: pages.length, overflows: [] });
  }, [pages, onLaidOut]);

  const total = columns.reduce((w, c) => w + c.size, 0) || 1;
  const colgroup = (
    <colgroup>
      {columns.map((c) => (
        <col key={c.id} style={{ width: `${(c.size / total) * TABLE_WIDTH_MM}mm` }} />
      ))}
    </colgroup>
  );
  const head = (
    <thead>
      <tr>
        {columns.map((c) => (
          <th key={c.id}>{c.header}</th>
        ))}
      </tr>
    </thead>
  );
  const body = (from: number, to: number) => (
    <tbody>
      {rows!.slice(from, to).map((r, k) => (
        <tr key={r.id}>
          {columns.map((c) => (
            <td key={c.id}>{c.text(r, from + k)}</td>
          ))}
        </tr>
      ))}
    </tbody>
  );
  const today = dayOf(new Date()).replaceAll('-', '.');

  return (
    <>
      <style>{'@page { size: A4 landscape; margin: 0; }'}</style>
      {rows && !pages && (
        <table className="pd-roster-table pd-measure" style={{ width: `${TABLE_WIDTH_MM}mm` }} ref={measureRef}>
          {colgroup}
          {head}
          {body(0, rows.length)}
        </table>
      )}
      {rows &&
        pages?.map(([from, to], i) => (
          <div className="pd-page pd-landscape pd-roster-page" key={i} data-testid="pd-roster-page">
            <div className="pd-roster-head" style={{ height: `${TITLE_BLOCK_MM - 2}mm` }}>
              <h1>{view.title}</h1>
              <div className="pd-roster-meta">
                <span>单位：{unitName}</span>
                <span>共 {rows.length} 人</span>
                <span>打印日期：{today}</span>
              </div>
            </div>
            <table className="pd-roster-table">
              {colgroup}
              {head}
              {body(from, to)}
            </table>
            <div className="pd-roster-foot" style={{ height: `${FOOT_MM}mm`, lineHeight: `${FOOT_MM}mm` }}>
              {pageLabel(i + 1, pages.length)}
            </div>
          </div>
        ))}
    </>
  );
}
