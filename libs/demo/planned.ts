/** A command the generator will decide, with who issues it and when. */
import type { Random } from './random.js';

export type { Planned } from '#application/write/decided-stream.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant on `date` between `fromHour` and `toHour` UTC (school hours in Norway). */
export function instantOn(date: string, r: Random, fromHour = 7, toHour = 14): string {
  return `${date}T${pad(r.int(fromHour, toHour))}:${pad(r.int(0, 59))}:00.000Z`;
}
