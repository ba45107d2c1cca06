import { SUPERVISION_TYPES } from '../../../shared/domain/supervision';
import { UserError } from '../../../shared/errors';
import { openTo } from '../../../shared/rules/restricted';
import { withTotal, type SupervisionStatTable } from '../../../shared/rules/supervisionStats';

// The year's statistics as one .xlsx, a sheet a table (docs/supervision.md "Statistics"). It exists only in
// 监督管理: the roster's and the 档案记录 lists' exports never carry restricted types, and this one asks
// shared/rules/restricted.ts first, so a role check added there also governs it.

/** Whether this area may export its figures (the restricted types are open to their own area). */
export const statsExportAllowed = (): boolean => SUPERVISION_TYPES.every((t) => openTo(t, { kind: 'ownArea' }));

/** The workbook's bytes: each table with its 合计 row, its title in the first row. */
export async function statsWorkbook(year: number, tables: readonly SupervisionStatTable[]): Promise<Uint8Array<ArrayBuffer>> {
  if (!statsExportAllowed()) throw new UserError('没有导出监督管理统计的权限，请联系系统管理员。');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '干部选育管用信息系统';
  for (const table of tables) {
    // Excel refuses some characters and more than 31 in a sheet name
    const sheet = workbook.addWorksheet(table.title.replace(/[\\/?*[\]:]/g, '').slice(0, 31));
    sheet.addRow([`${year}年度 ${table.title}`]).font = { bold: true, size: 13 };
    sheet.addRow([table.category, ...table.columns]).font = { bold: true };
    for (const row of withTotal(table)) sheet.addRow([row.label, ...row.values]);
    sheet.columns.forEach((column, i) => (column.width = i === 0 ? 22 : 12));
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}
