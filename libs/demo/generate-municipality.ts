/**
 * Generates a municipality's school year into an event store: schools, students, a year of
 * absence and the follow-up cases of the students whose absence worries the school. All of
 * it is decided by the real deciders (so it is valid by construction) and appended through
 * the store port, deterministically from the seed: the same options give the same events
 * (ids, data and metadata; only the store's recordedAt differs).
 */
import { todayInOslo } from '#application/clock.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import { addDays } from '#domain/calendar/dates.js';
import { createSchoolCalendar, type SchoolCalendar, type SchoolYearInput } from '#domain/calendar/index.js';
import { caseDecider, DEFAULT_MAX_PHASE, maxPhaseOf } from '#domain/case/index.js';
import { getPlan } from '#domain/plans/index.js';
import { caseStream, schoolStream, studentStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { studentDecider, type StudentContext } from '#domain/student/index.js';
import type { Actor, EventStore } from '#event-store/event-store.port.js';
import { planAbsences } from './absence-plan.js';
import { planCase, type CaseStaff } from './case-plan.js';
import { DecidedStream } from '#application/write/decided-stream.js';
import { layoutMunicipality, LARGE_SCHOOL_SIZE, type SchoolLayout } from './municipality-layout.js';
import { adultName } from './names.js';
import { seededRandom, type Random } from './random.js';
import { norwegianSchoolYear } from './school-year.js';

export interface GenerateOptions {
  /** Default 40. */
  schools?: number;
  /** Default 20,000. */
  students?: number;
  /** Default 'skolefravaer'. */
  seed?: string | number;
  /** Default 2025-08-18 .. 2026-06-19 with høstferie, juleferie, vinterferie and påskeferie. */
  schoolYear?: SchoolYearInput;
  /** Default '3024' (Bærum). */
  municipalityId?: string;
  /** No record is dated after it. Default: the school year's last day. */
  businessDateCap?: string;
  /** The deciders' "today"; default the later of the cap and today in Oslo. */
  today?: string;
  /** Called after each student and each case. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  schools: number;
  students: number;
  cases: number;
  events: number;
  seconds: number;
  municipalityId: string;
  schoolYear: SchoolYearInput;
  businessDateCap: string;
  ids: {
    schoolIds: string[];
    /** A school of 600 students (absent when fewer than 1,200 students are generated). */
    a600StudentSchoolId?: string;
    /** Up to ten case ids spread over the run. */
    sampleCaseIds: string[];
    /** The groups (classes) of each school, for tokens whose `groups` claim should match. */
    groupsBySchool: Record<string, string[]>;
  };
}

/** Namespace of generated ids: the v5 UUID of 'urn:skolefravaer:generator' in the URL namespace. */
const GENERATOR_NAMESPACE = nameBasedUuid('urn:skolefravaer:generator', '6ba7b811-9dad-11d1-80b4-00c04fd430c8');
/** A large stream is appended in slices so one transaction stays a reasonable size. */
const MAX_BATCH = 1000;

interface CaseCandidate {
  school: SchoolLayout;
  calendar: SchoolCalendar;
  studentId: string;
  grade: number;
  group: string;
  severity: 'yellow' | 'red';
  openedOn: string;
  completeAbsence: boolean;
}

const staffOf = (schoolId: string, group: string, r: Random): CaseStaff => ({
  contactTeacher: { id: `ansatt-${schoolId}-kontaktlaerer-${group}`, role: 'contact-teacher', name: adultName(r) },
  leader: { id: `ansatt-${schoolId}-avdelingsleder`, role: 'school-leader', name: adultName(r) },
  services: { id: `ansatt-${schoolId}-sosiallaerer`, role: 'student-services', name: adultName(r) },
});

export async function generateMunicipality(store: EventStore, options: GenerateOptions = {}): Promise<GenerateSummary> {
  const t0 = performance.now();
  const seed = String(options.seed ?? 'skolefravaer');
  const municipalityId = options.municipalityId ?? '3024';
  const schoolYear = options.schoolYear ?? norwegianSchoolYear(2025);
  const cap = options.businessDateCap ?? schoolYear.end;
  const realToday = todayInOslo();
  const today = options.today ?? (cap > realToday ? cap : realToday);
  const root = seededRandom(seed);
  const eventId = (stream: string, revision: number) => nameBasedUuid(`${seed}:${stream}:${revision}`, GENERATOR_NAMESPACE);
  const layout = layoutMunicipality(root, { schools: options.schools ?? 40, students: options.students ?? 20_000, municipalityId });
  const studentCount = layout.reduce((n, s) => n + s.students.length, 0);
  let events = 0;
  let done = 0;

  // Schools: one command each, through the application's own write path.
  const writer = new StreamWriter(store);
  const admin: Actor = { id: `admin-${municipalityId}`, role: 'admin' };
  const setUpAt = `${addDays(schoolYear.start, -14)}T09:00:00.000Z`;
  const calendars = new Map<string, SchoolCalendar>();
  for (const school of layout) {
    const stream = schoolStream(school.schoolId);
    const outcome = await writer.execute(
      stream,
      schoolDecider,
      {
        type: 'RegisterSchool',
        data: {
          schoolId: school.schoolId,
          name: school.name,
          municipalityId,
          level: school.level,
          planId: school.planId,
          planVersion: school.planVersion,
          schoolYear: { start: schoolYear.start, end: schoolYear.end, breaks: schoolYear.breaks ?? [] },
        },
      },
      { today },
      { actor: admin, occurredAt: setUpAt, eventIds: [eventId(stream, 0)] },
    );
    events += outcome.events.length;
    calendars.set(school.schoolId, createSchoolCalendar(schoolYear));
  }

  // Students: enrolment and the year's registrations, decided one by one, appended in few batches.
  const candidates: CaseCandidate[] = [];
  const enrolledAt = `${addDays(schoolYear.start, -7)}T09:00:00.000Z`;
  for (const school of layout) {
    const calendar = calendars.get(school.schoolId)!;
    const lastDay = cap < calendar.end ? cap : calendar.end;
    const schoolDays = calendar.schoolDays(calendar.start, lastDay);
    const yearFraction = schoolDays.length / calendar.totalSchoolDays;
    const context: StudentContext = {
      today,
      isSchoolDay: (d) => calendar.isSchoolDay(d),
      nonSchoolReason: (d) => calendar.nonSchoolReason(d),
    };
    const yellowAt = Math.max(3, Math.round(10 * yearFraction));
    const redAbove = Math.max(6, Math.round(20 * yearFraction));
    for (const student of school.students) {
      const r = root.fork(student.studentId);
      const stream = new DecidedStream(studentStream(student.studentId), studentDecider, context, eventId);
      stream.decide({
        command: {
          type: 'EnrolStudent',
          data: {
            studentId: student.studentId,
            schoolId: school.schoolId,
            name: student.name,
            grade: student.grade,
            group: student.group,
            birthDate: birthDateOf(student.studentId, student.grade, schoolYear.start),
          },
        },
        actor: admin,
        occurredAt: enrolledAt,
      });
      const plan = planAbsences(r, {
        studentId: student.studentId,
        grade: student.grade,
        schoolDays,
        yearFraction,
        cap,
        absenceId: (n) => nameBasedUuid(`${seed}:absence:${student.studentId}:${n}`, GENERATOR_NAMESPACE),
        staff: {
          contactTeacher: { id: `ansatt-${school.schoolId}-kontaktlaerer-${student.group}`, role: 'contact-teacher' },
          subjectTeacher: { id: `ansatt-${school.schoolId}-faglaerer-${r.int(1, 12)}`, role: 'teacher' },
        },
      });
      for (const planned of plan.commands) {
        try {
          stream.decide(planned);
        } catch (error) {
          throw new Error(`generator bug: ${planned.command.type} refused for ${student.studentId}: ${(error as Error).message}`, {
            cause: error,
          });
        }
        if (stream.pendingCount >= MAX_BATCH) await stream.flush(writer);
      }
      await stream.flush(writer);
      events += stream.appended;

      const days = plan.dayDates.length;
      const severity = days > redAbove ? 'red' : days >= yellowAt ? 'yellow' : null;
      // Every red student gets a case; most yellow ones do (some are only watched).
      if (severity && (severity === 'red' || r.chance(0.65))) {
        const openedOn = calendar.addSchoolDays(plan.dayDates[yellowAt - 1]!, r.int(1, 4));
        if (openedOn <= cap) {
          candidates.push({
            school,
            calendar,
            studentId: student.studentId,
            grade: student.grade,
            group: student.group,
            severity,
            openedOn,
            completeAbsence: plan.completeAbsence,
          });
        }
      }
      options.onProgress?.(++done, studentCount + candidates.length);
    }
  }

  // Cases, after the students they follow up.
  const caseIds: string[] = [];
  for (const candidate of candidates) {
    const caseId = nameBasedUuid(`${seed}:case:${candidate.studentId}`, GENERATOR_NAMESPACE);
    const r = root.fork(`case/${candidate.studentId}`);
    const plan = getPlan(candidate.school.planId, candidate.school.planVersion);
    const maxPhase = plan ? maxPhaseOf(plan) : DEFAULT_MAX_PHASE;
    const birthDate = birthDateOf(candidate.studentId, candidate.grade, schoolYear.start);
    const context = {
      today,
      maxPhase,
      studentBirthDate: birthDate,
      ...(plan?.consentDemands ? { consentDemands: plan.consentDemands } : {}),
    };
    const stream = new DecidedStream(caseStream(caseId), caseDecider, context, eventId);
    const script = planCase(r, {
      caseId,
      studentId: candidate.studentId,
      schoolId: candidate.school.schoolId,
      planId: candidate.school.planId,
      severity: candidate.severity,
      openedOn: candidate.openedOn,
      cap,
      maxPhase,
      grade: candidate.grade,
      birthDate,
      completeAbsence: candidate.completeAbsence,
      calendar: candidate.calendar,
      staff: staffOf(candidate.school.schoolId, candidate.group, r),
      childId: (kind, n) => nameBasedUuid(`${caseId}:${kind}:${n}`, GENERATOR_NAMESPACE),
    });
    for (const planned of script) {
      try {
        stream.decide(planned);
      } catch (error) {
        throw new Error(`generator bug: ${planned.command.type} refused in case ${caseId}: ${(error as Error).message}`, { cause: error });
      }
    }
    await stream.flush(writer);
    events += stream.appended;
    caseIds.push(caseId);
    options.onProgress?.(++done, studentCount + candidates.length);
  }

  // layoutMunicipality makes school index 1 the large one when the total allows it.
  const large = layout[1]?.students.length === LARGE_SCHOOL_SIZE ? layout[1] : undefined;
  const step = Math.max(1, Math.floor(caseIds.length / 10));
  return {
    schools: layout.length,
    students: studentCount,
    cases: caseIds.length,
    events,
    seconds: (performance.now() - t0) / 1000,
    municipalityId,
    schoolYear: { start: schoolYear.start, end: schoolYear.end, breaks: schoolYear.breaks ?? [] },
    businessDateCap: cap,
    ids: {
      schoolIds: layout.map((s) => s.schoolId),
      ...(large ? { a600StudentSchoolId: large.schoolId } : {}),
      sampleCaseIds: caseIds.filter((_, i) => i % step === 0).slice(0, 10),
      groupsBySchool: Object.fromEntries(layout.map((s) => [s.schoolId, s.groups])),
    },
  };
}

/**
 * A plausible birth date: Norwegian pupils start grade 1 in the autumn of the year they turn 6, so a
 * pupil in `grade` in the school year starting `yearStart` was born in yearStart − 5 − grade; the
 * day in that year comes from the id (not from the random stream, so the rest of the data stays as it was).
 */
function birthDateOf(studentId: string, grade: number, yearStart: string): string {
  const year = Number(yearStart.slice(0, 4)) - 5 - grade;
  let h = 0;
  for (const c of studentId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const date = new Date(Date.UTC(year, 0, 1 + (h % 365)));
  return date.toISOString().slice(0, 10);
}
