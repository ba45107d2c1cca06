import type { Overflow } from '../../shared/print/fit';
import { idsOf, type PrintParams } from '../../shared/print/route';
import { AppointmentDocument } from './appointment/AppointmentDocument';
import { RosterDocument } from './roster/RosterDocument';
import { BookletDocument } from '../features/performance/print/BookletDocument';
import { RemindersDocument } from '../features/performance/print/RemindersDocument';
import { CaseDocument } from '../features/selection/print/CaseDocument';
import './print.css';

// One printed document (docs/printing.md), drawn as explicit A4 pages: the print route shows it alone for the
// printer, the preview screen shows the same component at a zoom. When fonts are loaded and every box is fitted
// it reports its page count and the boxes that still overflow.

export interface LaidOut {
  pages: number;
  overflows: Overflow[];
}

interface Props {
  params: PrintParams;
  reloadKey?: string | number;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
  onProgress?: (done: number, total: number) => void;
}

export default function PrintDocument({ params, reloadKey, onLaidOut, onError, onProgress }: Props) {
  return (
    <div className="pd-document" data-testid="print-document">
      {params.kind === 'appointment' ? (
        <AppointmentDocument ids={idsOf(params)} reloadKey={reloadKey} onLaidOut={onLaidOut} onError={onError} onProgress={onProgress} />
      ) : params.kind === 'booklet' ? (
        <BookletDocument params={params} onLaidOut={onLaidOut} onError={onError} />
      ) : params.kind === 'reminders' ? (
        <RemindersDocument params={params} onLaidOut={onLaidOut} onError={onError} />
      ) : params.kind === 'selectionCase' ? (
        <CaseDocument params={params} onLaidOut={onLaidOut} onError={onError} />
      ) : (
        <RosterDocument params={params} onLaidOut={onLaidOut} onError={onError} />
      )}
    </div>
  );
}
