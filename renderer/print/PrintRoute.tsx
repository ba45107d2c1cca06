import { useCallback, useEffect } from 'react';
import { overflowMessage } from '../../shared/print/fit';
import { PRINT_MARKS, type PrintParams } from '../../shared/print/route';
import PrintDocument, { type LaidOut } from './PrintDocument';
import { loadPrintFonts } from './fonts';

// `#/print?…` (docs/printing.md): the document alone, no shell, for the main process's hidden window (or the tests'
// page) to print. It leaves its marks on <html>: progress while laying out, then ready with the page count — or the
// reason it cannot be printed.

const marks = () => document.documentElement.dataset;

export default function PrintRoute({ params }: { params: PrintParams | null }) {
  useEffect(() => {
    // the marks of an earlier document go
    for (const m of Object.values(PRINT_MARKS)) delete marks()[m];
    if (!params) marks()[PRINT_MARKS.error] = '打印页面的地址不正确，请从打印预览重新打印。';
  }, [params]);
  const onLaidOut = useCallback((laid: LaidOut) => {
    void loadPrintFonts('').then(() => {
      marks()[PRINT_MARKS.overflows] = JSON.stringify(laid.overflows.map(overflowMessage));
      marks()[PRINT_MARKS.pages] = String(laid.pages);
      marks()[PRINT_MARKS.ready] = '1';
    });
  }, []);
  const onError = useCallback((message: string) => {
    marks()[PRINT_MARKS.error] = message;
  }, []);
  const onProgress = useCallback((done: number, total: number) => {
    marks()[PRINT_MARKS.progress] = `${done}/${total}`;
  }, []);
  return (
    <>
      {/* the app's full-height frame would clip a long document to one screen: let it flow */}
      <style>{'html, body, #root, .ant-app { height: auto !important; } body { margin: 0; background: #fff; }'}</style>
      {params && <PrintDocument params={params} onLaidOut={onLaidOut} onError={onError} onProgress={onProgress} />}
    </>
  );
}
