import { Fragment, useEffect, useRef, useState } from 'react';
import { monthOf } from '../../../shared/rules/months';
import type { Overflow } from '../../../shared/print/fit';
import { db } from '../../db/instance';
import { fitBoxes } from '../fit';
import { imagesDecoded, loadPrintFonts } from '../fonts';
import type { LaidOut } from '../PrintDocument';
import { AppointmentSheetPages, familyOverflow } from './AppointmentSheet';
import { loadSheets, type SheetData } from './data';

// 干部任免审批表 for one or many cadres, two pages each: read, drawn, then every box fitted (after the font has
// loaded and the photos are decoded), the overflowing ones reported. Progress is reported as the sheets are fitted,
// so a batch of 200 shows how far it is.

/**
 * Lets the page breathe between sheets. Not requestAnimationFrame: the main process prints from a hidden window,
 * where frames may never come; a message is delivered whether the window is shown or not.
 */
const breathe = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

interface Props {
  ids: readonly string[];
  /** Changes when the form's own record or a print setting was saved: read and fit again. */
  reloadKey?: string | number;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export function AppointmentDocument({ ids, reloadKey, onLaidOut, onError, onProgress }: Props) {
  const [sheets, setSheets] = useState<SheetData[] | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const key = ids.join(',');

  useEffect(() => {
    let alive = true;
    let loaded: SheetData[] = [];
    loadSheets(db, key.split(',').filter(Boolean), monthOf(new Date()))
      .then((s) => {
        loaded = s;
        if (alive) setSheets(s);
        else for (const d of s) if (d.photoUrl) URL.revokeObjectURL(d.photoUrl);
      })
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
      for (const d of loaded) if (d.photoUrl) URL.revokeObjectURL(d.photoUrl);
    };
  }, [key, reloadKey, onError]);

  useEffect(() => {
    const root = ref.current;
    if (!sheets || !root) return;
    let alive = true;
    void (async () => {
      await loadPrintFonts(root.textContent ?? '');
      await imagesDecoded(root);
      const overflows: Overflow[] = [];
      for (let i = 0; i < sheets.length; i++) {
        if (!alive) return;
        for (const page of root.querySelectorAll(`[data-sheet="${i}"]`)) overflows.push(...fitBoxes(page));
        const family = familyOverflow(sheets[i]!.sheet);
        if (family) overflows.push(family);
        onProgress?.(i + 1, sheets.length);
        // let the printer read the progress every few sheets
        if (i % 10 === 9) await breathe();
      }
      if (alive) onLaidOut({ pages: sheets.length * 2, overflows });
    })().catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
    };
  }, [sheets, onLaidOut, onError, onProgress]);

  return (
    <div ref={ref} style={{ display: 'contents' }}>
      <style>{'@page { size: A4 portrait; margin: 0; }'}</style>
      {sheets?.map((s, i) => (
        <Fragment key={`${s.cadreId}-${i}`}>
          <AppointmentSheetPages sheet={s.sheet} photoUrl={s.photoUrl} index={i} />
        </Fragment>
      ))}
    </div>
  );
}
