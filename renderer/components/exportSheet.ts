import { dayOf } from '../../shared/rules/months';
import { cadreDesk } from '../api';

/**
 * Asks where to save `${title}-<today>.xlsx` and writes there what `make` produces (called only once a file is
 * chosen, so nothing is built for a cancelled dialog). Returns the path, or null when the dialog was cancelled.
 */
export async function saveXlsx(title: string, make: () => Promise<Uint8Array<ArrayBuffer>>): Promise<string | null> {
  const choice = await cadreDesk().dialog.saveFile({
    title: `导出${title}`,
    defaultName: `${title}-${dayOf(new Date())}.xlsx`,
    filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  });
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return null;
  await cadreDesk().file.write({ path, bytes: await make() });
  return path;
}

/**
 * Saves one table as an .xlsx the person names (the spreadsheet writer of renderer/components/xlsx.ts, loaded
 * only when a file is written). Returns the path, or null when the dialog was cancelled.
 */
export function exportSheet(title: string, headers: string[], rows: (string | number)[][]): Promise<string | null> {
  return saveXlsx(title, async () => {
    const { writeSheet } = await import('./xlsx');
    // the sheet name may not hold some characters Excel reserves
    return writeSheet(title.replace(/[\\/?*[\]:]/g, '').slice(0, 31), headers, rows.map((r) => r.map(String)));
  });
}
