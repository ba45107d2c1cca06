import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { statsWorkbook } from '../../../renderer/features/supervision/statsExport';
import { supervisionStatistics } from '../../../shared/rules/supervisionStats';

// The statistics' xlsx export, only in 监督管理 (renderer/features/supervision/statsExport.ts): a sheet a table.

describe('the statistics workbook', () => {
  it('holds every table with its title, headers, rows and 合计', async () => {
    const tables = supervisionStatistics({
      year: 2025,
      due: ['submitted', 'overdue', 'overdue'],
      reports: [{ checkKind: 'key', result: 'concealed', submitted: '2025-01-05' }],
      actions: [],
      clues: [{ channel: 'inspection', received: '2025-05-01', status: 'closed', outcome: 'confirmed', deleted: false }],
    });
    const bytes = await statsWorkbook(2025, tables);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes.buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(tables.map((t) => t.title));
    const rows = (name: string) => book.getWorksheet(name)!.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));
    expect(rows('2025年度报告情况')).toEqual([['2025年度 2025年度报告情况'], ['报告状态', '人数'], ['应报', 0], ['已报', 1], ['逾期', 2], ['合计', 3]]);
    expect(rows('核查结果')).toContainEqual(['瞒报', 1]);
    expect(rows('问题线索来源和办理结果')).toContainEqual(['巡视巡察', 1, 0, 1, 0, 0]);
  });
});
