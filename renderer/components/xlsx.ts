import ExcelJS from 'exceljs';

/** Writes one sheet: a bold header row, then the rows; columns sized to their content. */
export async function writeSheet(sheetName: string, headers: string[], rows: string[][]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '干部选育管用信息系统';
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(headers).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  sheet.columns.forEach((column, i) => {
    const longest = Math.max(headers[i]!.length * 2, ...rows.slice(0, 500).map((r) => (r[i] ?? '').length * 2));
    column.width = Math.min(60, Math.max(8, longest + 2));
  });
  // ID numbers and codes stay text: Excel would turn 320102198005151238 into 3.20102E+17
  sheet.eachRow((row) => row.eachCell((cell) => (cell.numFmt = '@')));
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The first sheet as header texts and rows of cell texts (dates as YYYY-MM, numbers as written). */
export async function readSheet(bytes: Uint8Array): Promise<{ headers: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw new Error('无法读取该文件：它不是有效的 Excel（.xlsx）文件，或已损坏。请用 Excel 或 WPS 另存为 .xlsx 后重试。');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw new Error('表格是空的：第一个工作表中没有内容。');
  const text = (value: ExcelJS.CellValue): string => {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
    if (typeof value === 'object') {
      if ('richText' in value) return value.richText.map((r) => r.text).join('');
      if ('result' in value) return text(value.result as ExcelJS.CellValue);
      if ('text' in value) return String(value.text);
      return '';
    }
    return String(value).trim();
  };
  const all: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(text(row.getCell(c).value));
    all[n - 1] = cells;
  });
  const [headers = [], ...rows] = Array.from(all, (r) => r ?? []);
  return { headers, rows };
}
