import { stringify } from 'csv-stringify/sync';
import { ABSENCE_LIST_FIELDS, type AbsenceListRow } from './absence-list.row.js';

export type CsvLanguage = 'nb' | 'nn';

/** The headers a school's office reads, in bokmål and nynorsk. */
const HEADERS: Record<CsvLanguage, Record<(typeof ABSENCE_LIST_FIELDS)[number], string>> = {
  nb: {
    studentId: 'Elev-ID',
    name: 'Navn',
    grade: 'Trinn',
    group: 'Gruppe',
    days: 'Dager',
    daysDocumented: 'Dager dokumentert',
    daysUndocumented: 'Dager udokumentert',
    lessons: 'Timer',
    lates: 'For sent',
    leftEarly: 'Gått tidlig',
    schoolDays: 'Skoledager',
    absencePercent: 'Fravær %',
    level: 'Nivå',
    openCase: 'Åpen sak',
  },
  nn: {
    studentId: 'Elev-ID',
    name: 'Namn',
    grade: 'Steg',
    group: 'Gruppe',
    days: 'Dagar',
    daysDocumented: 'Dagar dokumenterte',
    daysUndocumented: 'Dagar udokumenterte',
    lessons: 'Timar',
    lates: 'For seint',
    leftEarly: 'Gått tidleg',
    schoolDays: 'Skuledagar',
    absencePercent: 'Fråvær %',
    level: 'Nivå',
    openCase: 'Open sak',
  },
};

const LEVELS: Record<CsvLanguage, Record<AbsenceListRow['level'], string>> = {
  nb: { green: 'grønn', yellow: 'gul', red: 'rød' },
  nn: { green: 'grøn', yellow: 'gul', red: 'raud' },
};
const YES_NO: Record<CsvLanguage, [string, string]> = { nb: ['ja', 'nei'], nn: ['ja', 'nei'] };

/** The column headers in `language`. */
export function absenceListHeaders(language: CsvLanguage): Record<(typeof ABSENCE_LIST_FIELDS)[number], string> {
  return HEADERS[language];
}

/** The words a file writes for levels and yes/no in `language`. */
export function absenceListWords(language: CsvLanguage): { level: Record<AbsenceListRow['level'], string>; yes: string; no: string } {
  return { level: LEVELS[language], yes: YES_NO[language][0], no: YES_NO[language][1] };
}

/**
 * The absence list as a CSV file Norwegian Excel opens as it is (api.md, Files to take away):
 * UTF-8 with a byte-order mark, `;` between fields, a decimal comma, Norwegian headers and words,
 * and any cell that begins with `=`, `+`, `-` or `@` written with a leading `'` so a name is
 * never run as a formula (csv-stringify's `escape_formulas`).
 */
export function absenceListCsv(rows: readonly AbsenceListRow[], language: CsvLanguage = 'nb'): string {
  const headers = HEADERS[language];
  return stringify(
    rows.map((r) => ({ ...r, level: LEVELS[language][r.level] })),
    {
      bom: true,
      delimiter: ';',
      header: true,
      columns: ABSENCE_LIST_FIELDS.map((key) => ({ key, header: headers[key] })),
      escape_formulas: true,
      cast: {
        boolean: (value) => YES_NO[language][value ? 0 : 1],
        number: (value) => String(value).replace('.', ','),
      },
    },
  );
}
