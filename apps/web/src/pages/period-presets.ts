/** The period presets the absence list offers (api.md, Files to take away), for the school year of `today`. */
export interface Preset {
  value: string;
  /** i18n key and values. */
  label: [string, Record<string, string | number>];
}

export function periodPresets(today: string): { presets: Preset[]; current: string } {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const start = month >= 8 ? year : year - 1;
  const next = start + 1;
  const presets: Preset[] = [
    { value: `${start}-Q3`, label: ['period.Q', { year: start, q: 3 }] },
    { value: `${start}-Q4`, label: ['period.Q', { year: start, q: 4 }] },
    { value: `${next}-Q1`, label: ['period.Q', { year: next, q: 1 }] },
    { value: `${next}-Q2`, label: ['period.Q', { year: next, q: 2 }] },
    { value: `autumn-${start}`, label: ['period.autumn', { year: start }] },
    { value: `spring-${next}`, label: ['period.spring', { year: next }] },
    { value: `${start}-${String(next % 100).padStart(2, '0')}`, label: ['period.year', { from: start, to: next }] },
  ];
  return { presets, current: `${year}-Q${Math.ceil(month / 3)}` };
}
