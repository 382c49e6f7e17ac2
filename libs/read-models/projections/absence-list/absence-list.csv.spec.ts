import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { absenceListCsv } from './absence-list.csv.js';
import type { AbsenceListRow } from './absence-list.row.js';

const row = (studentId: string, name: string, absencePercent = 8.3): AbsenceListRow => ({
  studentId,
  name,
  grade: 5,
  group: '5A',
  days: 3,
  daysDocumented: 1,
  daysUndocumented: 2,
  lessons: 4,
  lates: 0,
  leftEarly: 0,
  schoolDays: 36,
  absencePercent,
  level: 'yellow',
  openCase: true,
});

describe('the absence list as CSV for Norwegian Excel', () => {
  it('writes a BOM, semicolons, a decimal comma, Norwegian words and UTF-8 names as they are', () => {
    const csv = absenceListCsv([row('s1', 'Åse Nygård; "Lillemor"')]);
    expect(csv.startsWith('\uFEFFElev-ID;Navn;Trinn;')).toBe(true);
    const [record] = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(record).toMatchObject({ Navn: 'Åse Nygård; "Lillemor"', 'Fravær %': '8,3', Nivå: 'gul', 'Åpen sak': 'ja' });
  });

  it('writes a cell that begins with =, +, - or @ with a leading quote, so no name runs as a formula', () => {
    const csv = absenceListCsv([row('s1', '=HYPERLINK("http://x","klikk")'), row('s2', '+47 Ola'), row('s3', '-Kari'), row('s4', '@Per')]);
    const names = (parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[]).map((r) => r.Navn);
    expect(names).toEqual([`'=HYPERLINK("http://x","klikk")`, "'+47 Ola", "'-Kari", "'@Per"]);
  });
});
