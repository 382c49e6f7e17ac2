import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SchoolContexts } from '#application/school-contexts.js';
import { firstThursday } from '#domain/follow-up/index.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { getPlan } from '#domain/plans/index.js';
import { schoolYearFor } from '#domain/calendar/school-years.js';
import { getCaseSchool, studentsOfSchool } from '#read-models/projections/cases/case.queries.js';
import { reviewsOfSchool, routineOccurrences } from '#read-models/projections/reviews/review-tasks.js';
import { getConcern } from '#read-models/projections/concern/concern.query.js';
import { compareGroupThenName } from '#read-models/projections/directory/sort-order.js';
import { caseInPhase3Unresolved } from '#read-models/projections/cases/case.queries.js';
import type { ConcernTrigger } from '#domain/events/index.js';
import { ReadModels } from '../read/read-models.provider.js';

export interface ReviewRow {
  routineId: string;
  title: string;
  scope: 'group' | 'school';
  groupId?: string;
  from: string;
  to: string;
  dueOn: string;
  status: 'due' | 'overdue' | 'done';
  held: {
    reviewId: string;
    heldOn: string;
    participants: readonly { name: string; role: string }[];
    minutes: string;
    studentIds?: readonly string[];
  }[];
}

export class ListReviewsQuery {
  constructor(
    readonly schoolId: string,
    readonly from: string,
    readonly to: string,
    readonly today: string,
    /** A contact teacher's own groups; null: all. */
    readonly groups: readonly string[] | null,
  ) {}
}

/** GET /schools/:schoolId/reviews: the routine reviews whose period overlaps from..to, due and held. */
@QueryHandler(ListReviewsQuery)
export class ListReviewsHandler implements IQueryHandler<ListReviewsQuery, ReviewRow[]> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ schoolId, from, to, today, groups }: ListReviewsQuery): Promise<ReviewRow[]> {
    const { cases } = this.models;
    const school = await getCaseSchool(cases, schoolId);
    if (!school) throw new NotFoundException(`school ${schoolId} not found`);
    const plan = getPlan(school.planId, school.planVersion);
    const year = schoolYearFor(school.schoolYears, to) ?? schoolYearFor(school.schoolYears, from);
    if (!plan || !year) return [];
    const [people, reviews] = await Promise.all([studentsOfSchool(cases, schoolId), reviewsOfSchool(cases, schoolId)]);
    const schoolGroups = [...new Set(people.map((p) => p.group))].sort();
    const occurrences = routineOccurrences(plan, createSchoolCalendar(year), groups ?? schoolGroups, reviews, today < to ? to : today);
    return occurrences
      .filter((o) => o.slot.to >= from && o.slot.from <= to && (groups === null || o.routine.scope === 'group'))
      .map((o) => ({
        routineId: o.routine.id,
        title: o.routine.what,
        scope: o.routine.scope,
        ...(o.groupId === undefined ? {} : { groupId: o.groupId }),
        from: o.slot.from,
        to: o.slot.to,
        dueOn: o.slot.dueOn,
        // A slot after today is not due yet: it is listed as due.
        status: o.slot.from > today ? 'due' : o.status,
        held: o.held.map(({ reviewId, heldOn, participants, minutes, studentIds }) => ({
          reviewId,
          heldOn,
          participants,
          minutes,
          ...(studentIds ? { studentIds } : {}),
        })),
      }));
  }
}

export interface MonthlyReport {
  schoolId: string;
  month: string;
  /** The first Thursday of the month (Bergen, seed 003 line 58), the date the levels are judged on. */
  reportDate: string;
  students: { studentId: string; name: string; group: string; level: 'yellow' | 'red'; triggers: readonly ConcernTrigger[] }[];
}

export class MonthlyReportQuery {
  constructor(
    readonly schoolId: string,
    readonly month: string,
    readonly groups: readonly string[] | null,
  ) {}
}

/** GET /schools/:schoolId/reports/monthly: the students with concerning absence as of the month's first Thursday. */
@QueryHandler(MonthlyReportQuery)
export class MonthlyReportHandler implements IQueryHandler<MonthlyReportQuery, MonthlyReport> {
  constructor(
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
  ) {}

  async execute({ schoolId, month, groups }: MonthlyReportQuery): Promise<MonthlyReport> {
    const context = await this.schools.get(schoolId);
    if (!context) throw new NotFoundException(`school ${schoolId} not found`);
    const reportDate = firstThursday(`${month}-01`, context.calendar) ?? `${month}-01`;
    const people = (await studentsOfSchool(this.models.cases, schoolId)).filter((p) => groups === null || groups.includes(p.group));
    const students: MonthlyReport['students'] = [];
    for (const p of people) {
      const phase3 = await caseInPhase3Unresolved(this.models.cases, p.studentId, reportDate);
      const concern = await getConcern(this.models.absence, p.studentId, reportDate, { caseInPhase3Unresolved: phase3 });
      if (!concern || concern.level === 'green') continue;
      students.push({ studentId: p.studentId, name: p.name, group: p.group, level: concern.level, triggers: concern.triggers });
    }
    students.sort(compareGroupThenName);
    return { schoolId, month, reportDate, students };
  }
}
