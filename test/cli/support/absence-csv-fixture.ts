/**
 * A CSV export of a few thousand absence registrations for generated students, in the mixed
 * spellings real exports use, with bad rows at known lines.
 */
import { StreamWriter } from '#application/write/stream-writer.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import type { EventStore } from '#event-store/event-store.port.js';
import type { GenerateSummary } from '#demo/generate-municipality.js';
import { seededRandom } from '#demo/random.js';

export const CSV_HEADER = 'sourceId;studentId;date;kind;lessons;minutes;subject;documented;reportedByGuardian;reason';

export interface AbsenceFixture {
  text: string;
  /** Lines (header = 1) that must be reported, with what is wrong there. */
  bad: { line: number; why: string }[];
  goodRows: number;
  firstSourceId: string;
  firstStudentId: string;
}

const norwegian = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

export async function buildAbsenceFixture(
  store: EventStore,
  summary: GenerateSummary,
  options: { rows: number; today: string },
): Promise<AbsenceFixture> {
  const r = seededRandom('absence-csv-fixture');
  const enrolled = (await store.readAll())
    .filter((e) => e.type === 'StudentEnrolled')
    .map((e) => (e.data as { studentId: string }).studentId);
  const writer = new StreamWriter(store);
  // A day absence is the whole day (api.md): no row on a date with a live day, and no day on a date
  // with any registration. `dayDates` and `busyDates` hold what is registered or written so far.
  const dayDates = new Map<string, Set<string>>();
  const busyDates = new Map<string, Set<string>>();
  for (const studentId of enrolled) {
    const { state } = await writer.load(studentStream(studentId), studentDecider);
    if (state.status !== 'enrolled') throw new Error(`fixture: ${studentId} not enrolled`);
    const live = Object.values(state.absences).filter((a) => !a.retracted);
    dayDates.set(studentId, new Set(live.filter((a) => a.kind === 'day').map((a) => a.date)));
    busyDates.set(studentId, new Set(live.map((a) => a.date)));
  }
  const calendar = createSchoolCalendar(summary.schoolYear);
  const days = calendar.schoolDays(calendar.start, options.today);

  const lines: string[] = [];
  for (let i = 0; lines.length < options.rows; i++) {
    const studentId = r.pick(enrolled);
    const date = r.pick(days);
    const dateText = r.chance(0.5) ? date : norwegian(date);
    const yes = (p: number) => (r.chance(p) ? r.pick(['ja', 'true']) : r.pick(['nei', 'false', '']));
    const kind = r.weighted([
      ['lesson', 50],
      ['late', 30],
      ['left-early', 10],
      ['day', 10],
    ] as const);
    const sourceId = `VIS-${100000 + i}`;
    if (dayDates.get(studentId)!.has(date)) continue;
    if (kind === 'day') {
      if (busyDates.get(studentId)!.has(date)) continue;
      dayDates.get(studentId)!.add(date);
      busyDates.get(studentId)!.add(date);
      lines.push(`${sourceId};${studentId};${dateText};${r.pick(['day', 'dag'])};;;;${yes(0.5)};${yes(0.7)};Syk`);
    } else if (kind === 'lesson') {
      busyDates.get(studentId)!.add(date);
      lines.push(`${sourceId};${studentId};${dateText};${r.pick(['lesson', 'time'])};${r.int(1, 3)};;Matematikk;${yes(0.2)};${yes(0.2)};`);
    } else {
      busyDates.get(studentId)!.add(date);
      lines.push(
        `${sourceId};${studentId};${dateText};${kind === 'late' ? r.pick(['late', 'forsent']) : 'left-early'};;${r.int(1, 6) * 5};;${yes(0.05)};${yes(0.1)};`,
      );
    }
  }
  const firstSourceId = lines[0]!.split(';')[0]!;
  const someone = enrolled[0]!;
  const badRows: { at: number; row: string; why: string }[] = [
    { at: 10, row: `BAD-1;${someone};2026-02-30;lesson;1;;;nei;nei;`, why: 'no such date' },
    { at: 400, row: `BAD-2;${someone};07.03.2026;lesson;1;;;nei;nei;`, why: 'a Saturday' },
    { at: 800, row: `BAD-3;${someone};2026-02-17;late;;10;;nei;nei;`, why: 'vinterferie' },
    { at: 1200, row: `BAD-4;elev-finnes-ikke;2026-03-02;lesson;1;;;nei;nei;`, why: 'unknown student' },
    { at: 1600, row: `BAD-5;${someone};2026-03-02;sykdom;;;;nei;nei;`, why: 'bad kind' },
    { at: 2000, row: `BAD-6;${someone};2026-03-02;lesson;;;Norsk;nei;nei;`, why: 'missing lessons' },
    { at: 2400, row: `${firstSourceId};${someone};2026-03-03;late;;5;;nei;nei;`, why: 'duplicate source id' },
    { at: 2800, row: `BAD-8;${someone};2025-07-01;lesson;2;;;nei;nei;`, why: 'outside the school year' },
  ];
  for (const bad of badRows) lines.splice(bad.at, 0, bad.row);
  // Line numbers once every bad row is in place: the header is line 1, data row i is line i + 2.
  const bad = badRows.map((b) => ({ line: lines.indexOf(b.row) + 2, why: b.why })).sort((a, b) => a.line - b.line);
  return {
    text: `${CSV_HEADER}\n${lines.join('\n')}\n`,
    bad,
    goodRows: lines.length - bad.length,
    firstSourceId,
    firstStudentId: lines[0]!.split(';')[1]!,
  };
}
