/** Validation of a school year as an admin sends it. */
import { DomainError } from '../shared/domain-error.js';
import { requireDate } from '../shared/dates.js';
import { requireText } from '../shared/require.js';
import type { SchoolYear } from '../events/values.js';

export function validSchoolYear(input: { start: string; end: string; breaks?: SchoolYear['breaks'] }): SchoolYear {
  const start = requireDate(input?.start, 'schoolYear.start');
  const end = requireDate(input?.end, 'schoolYear.end');
  if (start > end)
    throw new DomainError('invalid-school-year', `the school year ends (${end}) before it starts (${start})`, 'schoolYear.end');
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
