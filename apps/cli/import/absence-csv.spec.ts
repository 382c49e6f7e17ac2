import { describe, expect, it } from '@jest/globals';
import { parseAbsenceCsv, parseCsvBoolean, parseCsvDate } from './absence-csv.js';

const HEADER = 'sourceId;studentId;date;kind;lessons;minutes;subject;documented;reportedByGuardian;reason';

describe('parseAbsenceCsv', () => {
  it('reads Norwegian and English spellings into registrations', () => {
    const { rows, problems } = parseAbsenceCsv(
      `\uFEFF${HEADER}\nA1;elev-1;02.03.2026;dag;;;;ja;ja;Syk\nA2;elev-1;2026-03-03;lesson;2;;Matematikk;nei;false;\n\nA3;elev-2;3.3.2026;forsent;;15;;;;Buss\n`,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        sourceId: 'A1',
        studentId: 'elev-1',
        date: '2026-03-02',
        kind: 'day',
        documented: true,
        reportedByGuardian: true,
        reason: 'Syk',
      },
      {
        line: 3,
        sourceId: 'A2',
        studentId: 'elev-1',
        date: '2026-03-03',
        kind: 'lesson',
        lessons: 2,
        subject: 'Matematikk',
        documented: false,
        reportedByGuardian: false,
      },
      {
        line: 5,
        sourceId: 'A3',
        studentId: 'elev-2',
        date: '2026-03-03',
        kind: 'late',
        minutes: 15,
        documented: false,
        reportedByGuardian: false,
        reason: 'Buss',
      },
    ]);
  });

  it('reports every bad field with its line and keeps the good rows', () => {
    const { rows, problems } = parseAbsenceCsv(
      [
        HEADER,
        'B1;elev-1;2026-02-30;day;;;;nei;nei;', // line 2: no such date
        'B2;elev-1;2026-03-02;sykdom;;;;nei;nei;', // line 3: unknown kind
        'B3;elev-1;2026-03-02;lesson;;;;nei;nei;', // line 4: lessons missing
        'B4;elev-1;2026-03-02;late;;;;kanskje;nei;', // line 5: minutes missing, bad boolean
        'B1;elev-1;2026-03-03;day;;;;nei;nei;', // line 6: duplicate source id
        'B6;elev-1;2026-03-04;day;2;;;nei;nei;', // line 7: lessons on a day absence
        'B7;elev-1;2026-03-05;day;;;;nei;nei;', // line 8: fine
      ].join('\n'),
    );
    expect(rows.map((r) => r.sourceId)).toEqual(['B7']);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'date'],
      [3, 'kind'],
      [4, 'lessons'],
      [5, 'minutes'],
      [5, 'documented'],
      [6, 'sourceId'],
      [7, 'lessons'],
    ]);
    expect(problems.find((p) => p.line === 6)!.message).toContain('first on line 2');
  });

  it('refuses a header with an unknown or missing column', () => {
    const { rows, problems } = parseAbsenceCsv('sourceId;elevId;date;kind\nX;e;2026-03-02;dag\n');
    expect(rows).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown column "elevId"'),
      expect.stringContaining('lacks the column studentId'),
    ]);
  });

  it('reports a row with the wrong number of fields', () => {
    const { problems } = parseAbsenceCsv(`${HEADER}\nC1;elev-1;2026-03-02;dag;;;\n`);
    expect(problems).toEqual([{ line: 2, sourceId: 'C1', message: 'expected 10 fields, found 7' }]);
  });
});

describe('field readers', () => {
  it('reads dates in both formats and refuses impossible ones', () => {
    expect(parseCsvDate('17.05.2026')).toBe('2026-05-17');
    expect(parseCsvDate('2026-05-17')).toBe('2026-05-17');
    expect(parseCsvDate('31.04.2026')).toBeNull();
    expect(parseCsvDate('05/17/2026')).toBeNull();
  });

  it('reads ja/nei and true/false, empty as no', () => {
    expect([
      parseCsvBoolean('Ja'),
      parseCsvBoolean('nei'),
      parseCsvBoolean('TRUE'),
      parseCsvBoolean(''),
      parseCsvBoolean('kanskje'),
    ]).toEqual([true, false, true, false, null]);
  });
});
