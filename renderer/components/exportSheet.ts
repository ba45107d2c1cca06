import { cadreDesk } from '../api';

/**
 * Saves one table as an .xlsx the person names (the spreadsheet writer of renderer/components/xlsx.ts, loaded
 * only when a file is written). Returns the path, or null when the dialog was cancelled.
 */
export async function exportSheet(title: string, headers: string[], rows: (string | number)[][]): Promise<string | null> {
  const choice = await cadreDesk().dialog.saveFile({
    title: `导出${title}`,
    defaultName: `${title}-${new Date().toISOString().slice(0, 10)}.xlsx`,
    filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
  });
  const path = choice.filePaths[0];
  if (choice.canceled || !path) return null;
  const { writeSheet } = await import('./xlsx');
  // the sheet name may not hold some characters Excel reserves
  const bytes = await writeSheet(title.replace(/[\\/?*[\]:]/g, '').slice(0, 31), headers, rows.map((r) => r.map(String)));
  await cadreDesk().file.write({ path, bytes });
  return path;
}
