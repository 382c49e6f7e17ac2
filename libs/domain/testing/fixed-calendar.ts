/**
 * A tiny stand-in for the school calendar in specs: weekdays inside the school year, minus
 * the listed holidays and breaks. The real calendar (libs/domain/calendar) is passed in by
 * the application; the deciders only see `isSchoolDay` / `nonSchoolReason`.
 */
export interface FixedCalendarInput {
  start: string;
  end: string;
  breaks?: { from: string; to: string; name: string }[];
  holidays?: Record<string, string>;
}

export type TestNonSchoolReason = { kind: 'weekend' | 'holiday' | 'break' | 'outside-school-year'; name?: string };

export function fixedCalendar(input: FixedCalendarInput): {
  isSchoolDay(date: string): boolean;
  nonSchoolReason(date: string): TestNonSchoolReason | null;
} {
  const nonSchoolReason = (date: string): TestNonSchoolReason | null => {
    if (date < input.start || date > input.end) return { kind: 'outside-school-year' };
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) return { kind: 'weekend' };
    const holiday = input.holidays?.[date];
    if (holiday) return { kind: 'holiday', name: holiday };
    const brk = input.breaks?.find((b) => b.from <= date && date <= b.to);
    if (brk) return { kind: 'break', name: brk.name };
    return null;
  };
  return { nonSchoolReason, isSchoolDay: (date) => nonSchoolReason(date) === null };
}
