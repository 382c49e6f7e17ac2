import ExcelJS from 'exceljs';
import { ABSENCE_LIST_FIELDS, type AbsenceListRow } from './absence-list.row.js';
import { absenceListHeaders, absenceListWords, type CsvLanguage } from './absence-list.csv.js';

/**
 * The absence list as an Excel workbook (api.md, Files to take away): one sheet, a header row,
 * counts and the percentage as typed numbers (not text), so a spreadsheet sorts and sums them.
 */
export async function absenceListXlsx(rows: readonly AbsenceListRow[], language: CsvLanguage = 'nb'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(language === 'nn' ? 'Fråværsliste' : 'Fraværsliste');
  const headers = absenceListHeaders(language);
  const words = absenceListWords(language);
  // Wide enough for an id or a name as a school administration system writes them.
  sheet.columns = ABSENCE_LIST_FIELDS.map((key) => ({
    header: headers[key],
    key,
    width: key === 'name' ? 28 : key === 'studentId' ? 22 : 14,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({ ...row, level: words.level[row.level], openCase: row.openCase ? words.yes : words.no });
  }
  sheet.getColumn('absencePercent').numFmt = '0.0';
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Printed (or made a PDF of) as one page wide, landscape: the columns stay side by side.
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
