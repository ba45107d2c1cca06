import { mkdtemp, rm, stat as statFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Installation } from '../test/e2e/fixture';
import { printRoute } from '../shared/print/route';

// 200 干部任免审批表 into one PDF (issue 12), through the app's own path: the page asks the main-process handlers
// (print.savePdf), which open the print route in a new page of the same browser context, wait for every sheet to
// be fitted and call page.pdf(). Timed from the call to the file on disk; the file's size is reported too.

export interface PrintBenchResult {
  ms: number[];
  bytes: number;
  pages: number;
}

export async function printBench(installation: Installation, options: { forms: number; runs: number }): Promise<PrintBenchResult> {
  const page = installation.page;
  const ids = await page.evaluate(
    (count) =>
      new Promise<string[]>((ok, fail) => {
        const request = indexedDB.open('cadredesk');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const keys = request.result.transaction('cadres').objectStore('cadres').getAllKeys(null, count);
          keys.onsuccess = () => {
            request.result.close();
            ok(keys.result.map(String));
          };
          keys.onerror = () => fail(keys.error);
        };
      }),
    options.forms,
  );
  if (ids.length < options.forms) throw new Error(`only ${ids.length} cadres to print, ${options.forms} wanted`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cadredesk-print-bench-'));
  const route = printRoute({ kind: 'appointment', ids: ids.join(',') });
  const ms: number[] = [];
  let bytes = 0;
  let pages = 0;
  try {
    for (let run = 0; run < options.runs; run++) {
      const file = path.join(dir, `run${run}.pdf`);
      installation.answerNextDialog([file]);
      await page.evaluate(() => window.cadreDesk.dialog.saveFile({ title: '基准测试' }));
      const t = performance.now();
      const result = await page.evaluate(([r, p]) => window.cadreDesk.print.savePdf({ route: r, path: p }), [route, file] as const);
      ms.push(performance.now() - t);
      bytes = (await statFile(file)).size;
      pages = result.pages;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { ms, bytes, pages };
}
