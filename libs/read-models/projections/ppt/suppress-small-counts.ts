/**
 * The `municipality` role sees aggregates only, "counts below 5 shown as "<5"" (api.md,
 * Identity and access), so that no single child can be picked out of a small count.
 * Generic over the statistics shapes: every number below 5, at any depth, becomes "<5";
 * strings (dates, level names) and null are left alone.
 */
export const SMALL_COUNT = '<5';
export const SMALL_COUNT_LIMIT = 5;

export type Suppressed<T> = T extends number
  ? number | typeof SMALL_COUNT
  : T extends readonly (infer U)[]
    ? Suppressed<U>[]
    : T extends object
      ? { [K in keyof T]: Suppressed<T[K]> }
      : T;

export function suppressSmallCounts<T>(stats: T): Suppressed<T> {
  return suppress(stats) as Suppressed<T>;
}

function suppress(value: unknown): unknown {
  if (typeof value === 'number') return value < SMALL_COUNT_LIMIT ? SMALL_COUNT : value;
  if (Array.isArray(value)) return value.map(suppress);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, suppress(v)]));
  }
  return value;
}
