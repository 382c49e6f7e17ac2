/**
 * Any list as a file a school office opens (api.md, Files to take away): CSV for Norwegian
 * Excel (a byte-order mark, `;`, a decimal comma, ja/nei, formulas escaped by csv-stringify's
 * `escape_formulas`) and XLSX (exceljs: one sheet, a bold frozen header row, numbers typed),
 * with bokmål or nynorsk headers. The absence list and PPT's table have layouts of their own.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type FileLanguage = 'nb' | 'nn';
export type Cell = string | number | boolean | null | undefined;

export interface FileColumn<R> {
  header: Record<FileLanguage, string>;
  value: (row: R, language: FileLanguage) => Cell;
  /** Characters; default 14. */
  width?: number;
}

const YES_NO: Record<FileLanguage, [string, string]> = { nb: ['ja', 'nei'], nn: ['ja', 'nei'] };

export function tableCsv<R>(columns: readonly FileColumn<R>[], rows: readonly R[], language: FileLanguage = 'nb'): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row, language) ?? '')),
    {
      bom: true,
      delimiter: ';',
      header: true,
      columns: columns.map((c, i) => ({ key: String(i), header: c.header[language] })),
      escape_formulas: true,
      cast: {
        boolean: (value) => YES_NO[language][value ? 0 : 1],
        number: (value) => String(value).replace('.', ','),
      },
    },
  );
}

export async function tableXlsx<R>(
  sheetName: Record<FileLanguage, string>,
  columns: readonly FileColumn<R>[],
  rows: readonly R[],
  language: FileLanguage = 'nb',
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName[language]);
  sheet.columns = columns.map((c) => ({ header: c.header[language], width: c.width ?? 14 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = c.value(row, language);
        return typeof value === 'boolean' ? YES_NO[language][value ? 0 : 1] : (value ?? null);
      }),
    );
  }
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  // Printed (or made a PDF of) as one page wide, landscape: the columns stay side by side.
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
