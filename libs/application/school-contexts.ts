import { Inject, Injectable } from '@nestjs/common';
import { createSchoolCalendar, type SchoolCalendar } from '#domain/calendar/index.js';
import { getPlan, type Plan } from '#domain/plans/index.js';
import { schoolDecider, type RegisteredSchool } from '#domain/school/index.js';
import { schoolStream } from '#domain/events/stream-name.js';
import type { StudentContext } from '#domain/student/index.js';
import { StreamWriter } from './write/stream-writer.js';

export interface SchoolContext {
  school: RegisteredSchool;
  calendar: SchoolCalendar;
  plan: Plan;
}

/**
 * A school's state, calendar and adopted plan, as the write side needs them to decide
 * (is this a school day?). The calendar is built once per school revision: building it
 * computes the whole year's holidays and prefix sums.
 */
@Injectable()
export class SchoolContexts {
  private readonly calendars = new Map<string, { revision: number; context: SchoolContext }>();

  constructor(@Inject(StreamWriter) private readonly writer: StreamWriter) {}

  async get(schoolId: string): Promise<SchoolContext | null> {
    const loaded = await this.writer.load(schoolStream(schoolId), schoolDecider);
    if (loaded.state.status !== 'registered') return null;
    const cached = this.calendars.get(schoolId);
    if (cached && cached.revision === loaded.revision) return cached.context;
    const school = loaded.state;
    const plan = getPlan(school.planId, school.planVersion) ?? getPlan(school.planId);
    if (!plan) throw new Error(`school ${schoolId} adopted unknown plan ${school.planId}`);
    const context = { school, calendar: createSchoolCalendar(school.schoolYear), plan };
    this.calendars.set(schoolId, { revision: loaded.revision, context });
    return context;
  }
}

/** What the student decider needs of the school's calendar on `today`, with names for refusals (the holiday, the break). */
export function studentContextOf(calendar: SchoolCalendar, today: string): StudentContext {
  return {
    today,
    isSchoolDay: (date) => calendar.isSchoolDay(date),
    nonSchoolReason: (date) => {
      const reason = calendar.nonSchoolReason(date);
      const name = reason === 'holiday' ? calendar.holidayName(date) : reason === 'break' ? calendar.breakName(date) : null;
      return reason ? { kind: reason, name: name ?? undefined } : null;
    },
  };
}
