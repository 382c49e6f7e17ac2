/**
 * PPT's table as a file, in the seed's layout (baerum, seed 004 lines 57–65): a title with the
 * period and the date counted, one row per school level, "14 (23)" where an earlier date's
 * figures stand beside them, and the footnote naming that date. CSV for Norwegian Excel (BOM,
 * `;`, formulas escaped) and XLSX (counts as typed numbers when there is nothing to compare).
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { PptCounts, PptStatistics } from './ppt-statistics.js';

export type FileLanguage = 'nb' | 'nn';
/** A count as the caller may see it: a number, or `<5` / `*` for the municipality role. */
type Shown = number | string;
type ShownCounts = { [K in keyof PptCounts]: Shown };
type ShownStatistics = Omit<PptStatistics, 'rows'> & { rows: (ShownCounts & { schoolLevel: string; previous: ShownCounts | null })[] };

const KEYS: readonly (keyof PptCounts)[] = ['consulted', 'referred', 'sum', 'completelyAbsent'];
const WORDS: Record<FileLanguage, { title: string; per: string; headers: string[]; levels: Record<string, string>; footnote: string }> = {
  nb: {
    title: 'PPTs fraværstall BSK og USK',
    per: 'per',
    headers: ['Skolenivå', 'Konsulterte', 'Henviste', 'Sum', 'Helt borte fra skolen'],
    levels: { barneskole: 'Barneskole', ungdomsskole: 'Ungdomsskole' },
    footnote: 'I parentes er tall fra',
  },
  nn: {
    title: 'PPT sine fråværstal BSK og USK',
    per: 'per',
    headers: ['Skulenivå', 'Konsulterte', 'Tilviste', 'Sum', 'Heilt borte frå skulen'],
    levels: { barneskole: 'Barneskule', ungdomsskule: 'Ungdomsskule', ungdomsskole: 'Ungdomsskule' },
    footnote: 'I parentes er tal frå',
  },
};

const norwegianDate = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

function cell(now: Shown, before: Shown | undefined): Shown {
  return before === undefined ? now : `${now} (${before})`;
}

function lines(
  stats: ShownStatistics,
  language: FileLanguage,
): { title: string; header: string[]; rows: Shown[][]; footnote: string | null } {
  const w = WORDS[language];
  const period = stats.from ? `${norwegianDate(stats.from)}–${norwegianDate(stats.asOf)}` : norwegianDate(stats.asOf);
  return {
    title: `${w.title} ${stats.from ? `${period} ` : ''}(${w.per} ${norwegianDate(stats.asOf)})`,
    header: w.headers,
    rows: stats.rows.map((row) => [w.levels[row.schoolLevel] ?? row.schoolLevel, ...KEYS.map((k) => cell(row[k], row.previous?.[k]))]),
    footnote: stats.compareTo ? `${w.footnote} ${norwegianDate(stats.compareTo)}` : null,
  };
}

export function pptStatisticsCsv(stats: ShownStatistics, language: FileLanguage = 'nb'): string {
  const { title, header, rows, footnote } = lines(stats, language);
  const records: Shown[][] = [[title], [], header, ...rows, ...(footnote ? [[], [footnote]] : [])];
  return stringify(
    records.map((r) => r.map(String)),
    { bom: true, delimiter: ';', escape_formulas: true },
  );
}

export async function pptStatisticsXlsx(stats: ShownStatistics, language: FileLanguage = 'nb'): Promise<Buffer> {
  const { title, header, rows, footnote } = lines(stats, language);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('PPT');
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([]);
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) sheet.addRow(row);
  if (footnote) {
    sheet.addRow([]);
    sheet.addRow([footnote]).font = { italic: true };
  }
  sheet.columns.forEach((column, i) => {
    column.width = i === 0 ? 16 : 22;
  });
  // Printed (or made a PDF of) as one page wide, landscape: the columns stay side by side.
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
