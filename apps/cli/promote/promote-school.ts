/**
 * A new school year for a whole school (issue 19: "one command for that"): every enrolled student
 * moves up a grade from a date, and the grade in the group's name with them (5A → 6A). Students in
 * the school's top grade are listed, not moved: where they go next is a move of its own. Each move
 * is a StudentMoved with an id named by school, date and student, so running the command again
 * for the same date moves nobody twice.
 */
import { schoolStream, parseStreamName } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { studentDecider } from '#domain/student/index.js';
import type { SchoolLevel } from '#domain/events/index.js';
import type { EventStore } from '#event-store/event-store.port.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import { StreamWriter } from '#application/write/stream-writer.js';

/** The top grade of each level (barneskole 1–7, ungdomsskole 8–10, kombinert 1–10). */
const TOP_GRADE: Record<SchoolLevel, number> = { barneskole: 7, ungdomsskole: 10, kombinert: 10 };

export interface PromoteReport {
  schoolId: string;
  on: string;
  moved: number;
  /** Moved by an earlier run for the same date. */
  alreadyMoved: number;
  /** In the top grade: not moved. */
  leaving: string[];
  dryRun: boolean;
}

/** "5A" in grade 5 → "6A"; a group without the grade in its name keeps its name. */
export function promotedGroup(group: string, grade: number, next: number): string {
  return group.startsWith(String(grade)) ? `${next}${group.slice(String(grade).length)}` : group;
}

export async function promoteSchool(
  store: EventStore,
  options: { schoolId: string; on: string; dryRun?: boolean; onProgress?: (done: number, total: number) => void },
): Promise<PromoteReport> {
  const { schoolId, on } = options;
  const writer = new StreamWriter(store);
  const school = (await writer.load(schoolStream(schoolId), schoolDecider)).state;
  if (school.status !== 'registered') throw new Error(`no school ${schoolId} is registered`);
  const top = TOP_GRADE[school.level];
  const streams = (await store.listStreams()).filter((s) => parseStreamName(s)?.category === 'student');
  const report: PromoteReport = { schoolId, on, moved: 0, alreadyMoved: 0, leaving: [], dryRun: options.dryRun ?? false };
  const actor = { id: 'cli-promote', role: 'admin' };
  for (const [i, stream] of streams.entries()) {
    options.onProgress?.(i + 1, streams.length);
    const loaded = await writer.load(stream, studentDecider);
    const student = loaded.state;
    if (student.status !== 'enrolled' || student.schoolId !== schoolId) continue;
    const eventId = nameBasedUuid(`promote/${schoolId}/${on}/${student.studentId}`);
    if ((await store.readStream(stream)).some((e) => e.id === eventId)) {
      report.alreadyMoved += 1;
      continue;
    }
    if (student.grade >= top) {
      report.leaving.push(student.studentId);
      continue;
    }
    const grade = student.grade + 1;
    if (!report.dryRun) {
      await writer.execute(
        stream,
        studentDecider,
        {
          type: 'MoveStudent',
          data: { studentId: student.studentId, on, schoolId, grade, group: promotedGroup(student.group, student.grade, grade) },
        },
        { today: on, isSchoolDay: () => true, nonSchoolReason: () => null },
        { actor, eventIds: [eventId] },
        loaded,
      );
    }
    report.moved += 1;
  }
  return report;
}
