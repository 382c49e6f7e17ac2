/**
 * The CSV of absence registrations the `import` command reads (format: README.md here).
 * Parsing checks each row on its own (fields, kinds, dates, duplicate source ids); whether
 * the student exists and the date is a school day is checked against the store later.
 */
import { parse } from 'csv-parse/sync';
import { isIsoDate } from '#domain/calendar/dates.js';
import type { AbsenceKind } from '#domain/events/index.js';

export const CSV_COLUMNS = [
  'sourceId',
  'studentId',
  'date',
  'kind',
  'lessons',
  'minutes',
  'subject',
  'documented',
  'reportedByGuardian',
  'reason',
] as const;
type Column = (typeof CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['sourceId', 'studentId', 'date', 'kind'];

export interface CsvRow {
  /** The line in the file (the header is line 1). */
  line: number;
  sourceId: string;
  studentId: string;
  date: string;
  kind: AbsenceKind;
  lessons?: number;
  minutes?: number;
  subject?: string;
  documented: boolean;
  reportedByGuardian: boolean;
  reason?: string;
}

export interface RowProblem {
  line: number;
  sourceId?: string;
  field?: string;
  message: string;
}

/** Norwegian exports name the kinds in Norwegian; both spellings are accepted. */
const KINDS: Record<string, AbsenceKind> = {
  day: 'day',
  dag: 'day',
  heldag: 'day',
  lesson: 'lesson',
  time: 'lesson',
  timer: 'lesson',
  enkelttime: 'lesson',
  enkelttimer: 'lesson',
  late: 'late',
  forsent: 'late',
  'for-sent': 'late',
  forsentkomming: 'late',
  'left-early': 'left-early',
  'gikk-tidlig': 'left-early',
  'dro-tidlig': 'left-early',
};
const TRUE = new Set(['ja', 'j', 'true', 'yes', '1']);
const FALSE = new Set(['nei', 'n', 'false', 'no', '0', '']);

/** 'YYYY-MM-DD' or the Norwegian 'DD.MM.YYYY' (also 'D.M.YYYY') to 'YYYY-MM-DD'; null if not a real date. */
export function parseCsvDate(value: string): string | null {
  const norwegian = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const iso = norwegian ? `${norwegian[3]}-${norwegian[2]!.padStart(2, '0')}-${norwegian[1]!.padStart(2, '0')}` : value;
  return isIsoDate(iso) ? iso : null;
}

export function parseCsvBoolean(value: string): boolean | null {
  const v = value.toLowerCase();
  return TRUE.has(v) ? true : FALSE.has(v) ? false : null;
}

function positiveInteger(value: string): number | null {
  return /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : null;
}

export function parseAbsenceCsv(text: string): { rows: CsvRow[]; problems: RowProblem[] } {
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      delimiter: ';',
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, message: `the file is not valid CSV: ${(error as Error).message}` }] };
  }
  const header = records[0];
  if (!header) return { rows: [], problems: [{ line: 1, message: 'the file is empty; expected a header row' }] };
  const names = header.record.map((h) => h.trim());
  const byLower = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns = names.map((n) => byLower.get(n.toLowerCase()));
  const headerProblems: RowProblem[] = [];
  names.forEach((n, i) => {
    if (!columns[i])
      headerProblems.push({ line: header.info.lines, message: `unknown column "${n}"; the columns are ${CSV_COLUMNS.join(';')}` });
  });
  for (const required of REQUIRED) {
    if (!columns.includes(required))
      headerProblems.push({ line: header.info.lines, field: required, message: `the header lacks the column ${required}` });
  }
  // A bad header makes every row unreadable: nothing can be imported.
  if (headerProblems.length > 0) return { rows: [], problems: headerProblems };

  const rows: CsvRow[] = [];
  const problems: RowProblem[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { info, record } of records.slice(1)) {
    const line = info.lines;
    const value = (c: Column): string => {
      const i = columns.indexOf(c);
      return i < 0 ? '' : (record[i] ?? '').trim();
    };
    const sourceId = value('sourceId');
    const rowProblems: RowProblem[] = [];
    const problem = (field: string | undefined, message: string) =>
      rowProblems.push({ line, ...(sourceId ? { sourceId } : {}), ...(field ? { field } : {}), message });
    if (record.length !== names.length) problem(undefined, `expected ${names.length} fields, found ${record.length}`);

    if (!sourceId) problem('sourceId', 'sourceId is empty');
    else if (firstLineOf.has(sourceId)) problem('sourceId', `duplicate source id ${sourceId} (first on line ${firstLineOf.get(sourceId)})`);
    else firstLineOf.set(sourceId, line);
    const studentId = value('studentId');
    if (!studentId) problem('studentId', 'studentId is empty');
    const date = parseCsvDate(value('date'));
    if (!date) problem('date', `"${value('date')}" is not a date (YYYY-MM-DD or DD.MM.YYYY)`);
    const kind = KINDS[value('kind').toLowerCase()];
    if (!kind) problem('kind', `"${value('kind')}" is not a kind (day, lesson, late, left-early or dag, time, forsent, gikk-tidlig)`);

    const lessonsText = value('lessons');
    const lessons = lessonsText ? positiveInteger(lessonsText) : null;
    if (lessonsText && lessons === null) problem('lessons', `lessons must be a whole number of at least 1, got "${lessonsText}"`);
    if (kind === 'lesson' && !lessonsText) problem('lessons', 'a lesson absence needs lessons (the number of lessons)');
    if (kind && kind !== 'lesson' && lessonsText) problem('lessons', `lessons is only for a lesson absence, not ${kind}`);
    const minutesText = value('minutes');
    const minutes = minutesText ? positiveInteger(minutesText) : null;
    if (minutesText && minutes === null) problem('minutes', `minutes must be a whole number of at least 1, got "${minutesText}"`);
    const timed = kind === 'late' || kind === 'left-early';
    if (timed && !minutesText) problem('minutes', `a ${kind} registration needs minutes`);
    if (kind && !timed && minutesText) problem('minutes', `minutes is only for late and left-early, not ${kind}`);
    const flags = { documented: parseCsvBoolean(value('documented')), reportedByGuardian: parseCsvBoolean(value('reportedByGuardian')) };
    for (const [field, parsed] of Object.entries(flags)) {
      if (parsed === null) problem(field, `${field} must be ja/nei or true/false, got "${value(field as Column)}"`);
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const subject = value('subject');
    const reason = value('reason');
    rows.push({
      line,
      sourceId,
      studentId,
      date: date!,
      kind: kind!,
      ...(lessons !== null ? { lessons } : {}),
      ...(minutes !== null ? { minutes } : {}),
      ...(subject ? { subject } : {}),
      documented: flags.documented!,
      reportedByGuardian: flags.reportedByGuardian!,
      ...(reason ? { reason } : {}),
    });
  }
  return { rows, problems };
}
