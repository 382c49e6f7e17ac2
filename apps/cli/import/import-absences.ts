/**
 * Imports a CSV of absence registrations: every row is checked first (its fields, then the
 * student and the school calendar by deciding it with the real student decider against the
 * stored state), and only a clean file is written, unless `skipBad` asks for the good rows.
 * Each student's new rows are appended in one append with optimistic concurrency.
 */
import { todayInOslo } from '#application/clock.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { DecidedStream } from '#application/write/decided-stream.js';
import { createSchoolCalendar, type SchoolCalendar } from '#domain/calendar/index.js';
import { schoolStream, studentStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { isDomainError } from '#domain/shared/domain-error.js';
import { studentDecider, type StudentCommand, type StudentContext, type StudentState } from '#domain/student/index.js';
import type { StudentEvent } from '#domain/events/index.js';
import { WrongExpectedRevision, type Actor, type EventStore } from '#event-store/event-store.port.js';
import { parseAbsenceCsv, type CsvRow, type RowProblem } from './absence-csv.js';
import { importedAbsenceId, importedEventId } from './import-ids.js';

export interface ImportOptions {
  /** Import the good rows even when some are bad (the bad ones are still reported). */
  skipBad?: boolean;
  /** Business date; rows dated after it are refused. Default: today in Oslo. */
  today?: string;
  /** Who imports; default { id: 'cli-import', role: 'import' }. */
  actor?: Actor;
  onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
}

export interface ImportReport {
  /** Data rows in the file. */
  rows: number;
  /** Registrations appended by this run. */
  imported: number;
  /** Rows whose source id was imported before (nothing appended for them). */
  alreadyImported: number;
  /** Every problem, by line; a line may have several. */
  bad: RowProblem[];
  /** The lines with problems, ascending. */
  badLines: number[];
  /** Whether anything was appended (false for a file whose rows were all imported before, too). */
  written: boolean;
  /** True when bad rows stopped the import before anything was written (no --skip-bad). */
  stopped: boolean;
}

type Stream = DecidedStream<StudentCommand, StudentEvent, StudentState, StudentContext>;
const MAX_ATTEMPTS = 3;

export async function importAbsenceCsv(store: EventStore, csvText: string, options: ImportOptions = {}): Promise<ImportReport> {
  const today = options.today ?? todayInOslo();
  const actor = options.actor ?? { id: 'cli-import', role: 'import' };
  const occurredAt = new Date().toISOString();
  const { rows, problems } = parseAbsenceCsv(csvText);
  const dataRows = rows.length + new Set(problems.filter((p) => p.line > 1).map((p) => p.line)).size;
  const writer = new StreamWriter(store);
  const calendars = new Map<string, { revision: number; calendar: SchoolCalendar }>();

  const calendarOf = async (schoolId: string): Promise<SchoolCalendar | null> => {
    const loaded = await writer.load(schoolStream(schoolId), schoolDecider);
    if (loaded.state.status !== 'registered') return null;
    const cached = calendars.get(schoolId);
    if (cached?.revision === loaded.revision) return cached.calendar;
    const calendar = createSchoolCalendar(loaded.state.schoolYear);
    calendars.set(schoolId, { revision: loaded.revision, calendar });
    return calendar;
  };

  /** Decides one student's rows against the stored state; refusals become problems. */
  const check = async (
    studentId: string,
    studentRows: CsvRow[],
  ): Promise<{ stream: Stream | null; already: number; problems: RowProblem[] }> => {
    const rowProblem = (row: CsvRow, message: string, field?: string): RowProblem => ({
      line: row.line,
      sourceId: row.sourceId,
      ...(field ? { field } : {}),
      message,
    });
    const loaded = await writer.load(studentStream(studentId), studentDecider);
    if (loaded.state.status !== 'enrolled') {
      return { stream: null, already: 0, problems: studentRows.map((row) => rowProblem(row, `unknown student ${studentId}`, 'studentId')) };
    }
    const calendar = await calendarOf(loaded.state.schoolId);
    if (!calendar)
      return {
        stream: null,
        already: 0,
        problems: studentRows.map((row) => rowProblem(row, `the school of student ${studentId} is not registered`, 'studentId')),
      };
    const context: StudentContext = {
      today,
      isSchoolDay: (d) => calendar.isSchoolDay(d),
      nonSchoolReason: (d) => calendar.nonSchoolReason(d),
    };
    const stream: Stream = new DecidedStream(studentStream(studentId), studentDecider, context, () => '', loaded);
    const found: RowProblem[] = [];
    let already = 0;
    for (const row of studentRows) {
      const absenceId = importedAbsenceId(row.sourceId);
      if (loaded.state.absences[absenceId]) {
        already += 1;
        continue;
      }
      const { line: _line, sourceId: _source, ...fields } = row;
      try {
        stream.decide({ command: { type: 'RegisterAbsence', data: { ...fields, absenceId } }, actor, occurredAt }, [
          importedEventId(row.sourceId),
        ]);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        found.push(rowProblem(row, error.message, error.field));
      }
    }
    return { stream, already, problems: found };
  };

  const byStudent = new Map<string, CsvRow[]>();
  for (const row of rows) {
    const list = byStudent.get(row.studentId);
    if (list) list.push(row);
    else byStudent.set(row.studentId, [row]);
  }
  const streams: { studentId: string; stream: Stream; already: number }[] = [];
  let alreadyImported = 0;
  let checked = 0;
  for (const [studentId, studentRows] of byStudent) {
    const result = await check(studentId, studentRows);
    problems.push(...result.problems);
    alreadyImported += result.already;
    if (result.stream && result.stream.pendingCount > 0) streams.push({ studentId, stream: result.stream, already: result.already });
    options.onProgress?.('check', ++checked, byStudent.size);
  }

  problems.sort((a, b) => a.line - b.line);
  const report = (imported: number, stopped: boolean): ImportReport => ({
    rows: dataRows,
    imported,
    alreadyImported,
    bad: problems,
    badLines: [...new Set(problems.map((p) => p.line))],
    written: imported > 0,
    stopped,
  });
  if (problems.length > 0 && !options.skipBad) return report(0, true);

  let imported = 0;
  for (const [i, entry] of streams.entries()) {
    let { stream } = entry;
    for (let attempt = 1; ; attempt++) {
      try {
        const pending = stream.pendingCount;
        await stream.flush(writer);
        imported += pending;
        break;
      } catch (error) {
        // Someone wrote to the student meanwhile: decide this student's rows again on the new state.
        if (!(error instanceof WrongExpectedRevision) || attempt >= MAX_ATTEMPTS) throw error;
        const again = await check(entry.studentId, byStudent.get(entry.studentId)!);
        problems.push(...again.problems);
        alreadyImported += again.already - entry.already;
        entry.already = again.already;
        if (!again.stream) break;
        stream = again.stream;
      }
    }
    options.onProgress?.('write', i + 1, streams.length);
  }
  // A retried student may report a row it reported before.
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.line}\u0000${p.field ?? ''}\u0000${p.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  problems.splice(0, problems.length, ...unique.sort((a, b) => a.line - b.line));
  return report(imported, false);
}
