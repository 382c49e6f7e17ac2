/** Validation of a school year as an admin sends it. */
import { DomainError } from '../shared/domain-error.js';
import { requireDate } from '../shared/dates.js';
import { requireText } from '../shared/require.js';
import type { SchoolYear } from '../events/values.js';

/** Sane bounds: a calendar's work grows with its length (a year 1900–9999 froze the service). */
export const SCHOOL_YEAR_BOUNDS = { firstYear: 2000, lastYear: 2100, maxMonths: 13 } as const;

/** `date` plus `months` calendar months (the day clamped to the month's last). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function validSchoolYear(input: { start: string; end: string; breaks?: SchoolYear['breaks'] }): SchoolYear {
  const start = requireDate(input?.start, 'schoolYear.start');
  const end = requireDate(input?.end, 'schoolYear.end');
  if (start > end)
    throw new DomainError('invalid-school-year', `the school year ends (${end}) before it starts (${start})`, 'schoolYear.end');
  const { firstYear, lastYear, maxMonths } = SCHOOL_YEAR_BOUNDS;
  if (start < `${firstYear}-01-01` || start > `${lastYear}-12-31`)
    throw new DomainError(
      'invalid-school-year',
      `the school year must start between ${firstYear} and ${lastYear}, got ${start}`,
      'schoolYear.start',
    );
  if (end > addMonths(start, maxMonths))
    throw new DomainError(
      'invalid-school-year',
      `a school year is at most ${maxMonths} months long: ${start}–${end} is longer`,
      'schoolYear.end',
    );
  const breaks = (input.breaks ?? []).map((b, i) => {
    const field = `schoolYear.breaks[${i}]`;
    const from = requireDate(b?.from, `${field}.from`);
    const to = requireDate(b?.to, `${field}.to`);
    const name = requireText(b?.name, `${field}.name`);
    if (from > to) throw new DomainError('invalid-school-year', `break "${name}" ends (${to}) before it starts (${from})`, `${field}.to`);
    // A break outside the year would be meaningless and is most likely a typed year.
    if (from < start || to > end)
      throw new DomainError('invalid-school-year', `break "${name}" (${from}–${to}) lies outside the school year ${start}–${end}`, field);
    return { from, to, name };
  });
  return { start, end, breaks };
}
