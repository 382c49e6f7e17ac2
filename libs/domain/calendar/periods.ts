/**
 * Period presets for lists (api.md, Files to take away): `2026-Q4` a calendar quarter, `2026-09`
 * a month, `autumn-2026` / `spring-2027` a term by the school's calendar (the school year's start
 * to 31 December, 1 January to its end), `2026-27` a school year. Without a school year of the
 * school for the term asked about, the usual Norwegian one stands in (August to June).
 */
import type { IsoDate } from './dates.js';

export interface Period {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period `preset` names, or undefined when it names none. */
export function resolvePeriod(
  preset: string,
  schoolYears: readonly { readonly start: IsoDate; readonly end: IsoDate }[],
): Period | undefined {
  let m = /^(\d{4})-Q([1-4])$/.exec(preset);
  if (m) {
    const year = Number(m[1]);
    const first = (Number(m[2]) - 1) * 3 + 1;
    return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDayOf(year, first + 2))}` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(preset);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return { from: `${year}-${pad(month)}-01`, to: `${year}-${pad(month)}-${pad(lastDayOf(year, month))}` };
  }
  m = /^(autumn|spring)-(\d{4})$/.exec(preset);
  if (m) {
    const year = Number(m[2]);
    if (m[1] === 'autumn') {
      const start = schoolYears.find((y) => y.start.startsWith(`${year}-`))?.start ?? `${year}-08-01`;
      return { from: start, to: `${year}-12-31` };
    }
    const end = schoolYears.find((y) => y.end.startsWith(`${year}-`))?.end ?? `${year}-06-30`;
    return { from: `${year}-01-01`, to: end };
  }
  m = /^(\d{4})-(\d{2})$/.exec(preset);
  if (m && Number(m[2]) === (Number(m[1]) + 1) % 100) {
    const year = Number(m[1]);
    const schoolYear = schoolYears.find((y) => y.start.startsWith(`${year}-`));
    return schoolYear ? { from: schoolYear.start, to: schoolYear.end } : { from: `${year}-08-01`, to: `${year + 1}-07-31` };
  }
  return undefined;
}
