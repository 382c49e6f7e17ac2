import { describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import type { RegisterAbsence } from '#domain/student/index.js';
import { planAbsences, type AbsencePlanInput } from './absence-plan.js';
import { seededRandom } from './random.js';
import { norwegianSchoolYear } from './school-year.js';

const calendar = createSchoolCalendar(norwegianSchoolYear(2025));
const staff = { contactTeacher: { id: 'kt', role: 'contact-teacher' }, subjectTeacher: { id: 'fl', role: 'teacher' } };

function input(studentId: string, cap: string, grade = 9): AbsencePlanInput {
  const schoolDays = calendar.schoolDays(calendar.start, cap);
  return {
    studentId,
    grade,
    schoolDays,
    yearFraction: schoolDays.length / calendar.totalSchoolDays,
    cap,
    absenceId: (n) => `${studentId}-a${n}`,
    staff,
  };
}

describe('planAbsences', () => {
  const plans = Array.from({ length: 2000 }, (_, i) => planAbsences(seededRandom(`s${i}`), input(`s${i}`, calendar.end, 1 + (i % 10))));

  it('gives most students a few days and about 15 % more than 20 days in a full year', () => {
    const days = plans.map((p) => p.dayDates.length).sort((a, b) => a - b);
    expect(days[1000]).toBeLessThanOrEqual(8);
    const past20 = days.filter((d) => d > 20).length / days.length;
    expect(past20).toBeGreaterThan(0.11);
    expect(past20).toBeLessThan(0.19);
    expect(plans.some((p) => p.completeAbsence)).toBe(true);
  });

  it('registers only school days and corrects about 2 % of registrations, each after its registration', () => {
    const all = plans.flatMap((p) => p.commands);
    const registrations = all.filter((c) => c.command.type === 'RegisterAbsence');
    const corrections = all.filter((c) => c.command.type === 'CorrectAbsence');
    expect(registrations.every((c) => calendar.isSchoolDay((c.command as RegisterAbsence).data.date))).toBe(true);
    expect(corrections.length / registrations.length).toBeGreaterThan(0.01);
    expect(corrections.length / registrations.length).toBeLessThan(0.03);
    expect(all.some((c) => c.command.type === 'RetractAbsence')).toBe(true);
    expect(all.some((c) => c.command.type === 'RaiseConcern')).toBe(true);
    for (const plan of plans.slice(0, 200)) {
      const seen = new Set<string>();
      for (const { command } of plan.commands) {
        if (command.type === 'RegisterAbsence') seen.add(command.data.absenceId);
        else if (command.type !== 'RaiseConcern') expect(seen.has((command.data as { absenceId: string }).absenceId)).toBe(true);
      }
    }
  });

  it('dates nothing after the cap', () => {
    const cap = '2025-11-14';
    for (let i = 0; i < 300; i++) {
      for (const { command, occurredAt } of planAbsences(seededRandom(`c${i}`), input(`c${i}`, cap)).commands) {
        const data = command.data as { date?: string; on?: string };
        expect((data.on ?? data.date)! <= cap).toBe(true);
        expect(occurredAt.slice(0, 10) <= cap).toBe(true);
      }
    }
  });
});
