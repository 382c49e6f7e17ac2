/**
 * What the `municipality` role is shown of a statistic (api.md, Read models: "Counts shown to the
 * municipality role"): a count from 1 to 4 reads "<5", and no suppressed count can be worked out
 * from the other numbers of the same answer. Where a total is the sum of cells (students by level,
 * open cases by phase, PPT's consulted + referred = sum), a sum with one unknown would give it
 * away, so a second cell is suppressed too and reads "*" (secondary suppression, as Statistics
 * Norway does). The one place every statistic for that role goes through.
 */
export const SMALL_COUNT = '<5';
/** A count hidden to protect another (secondary suppression). */
export const PROTECTING = '*';
export const SMALL_COUNT_LIMIT = 5;

export type Shown = number | typeof SMALL_COUNT | typeof PROTECTING;

export type Suppressed<T> = T extends number
  ? Shown
  : T extends readonly (infer U)[]
    ? Suppressed<U>[]
    : T extends object
      ? { [K in keyof T]: Suppressed<T[K]> }
      : T;

/** Primary suppression of one count: 1..4 reads "<5"; 0 and 5 or more stand. */
export function primary(count: number): Shown {
  return count >= 1 && count < SMALL_COUNT_LIMIT ? SMALL_COUNT : count;
}

/**
 * A total and the cells it is the sum of. After primary suppression, a hidden count the sum still
 * pins down (one unknown; or "<5" cells whose 1..4 leave only one way to reach the total) would be
 * given away: the smallest cell still shown that is not 0 is hidden too ("*"), or the total when
 * no such cell is left (a "<5" total too), then "<5" cells, until none is pinned down.
 */
export function suppressSum(total: number, cells: readonly number[]): { total: Shown; cells: Shown[] } {
  const shownCells: Shown[] = cells.map(primary);
  let shownTotal: Shown = primary(total);
  while (anyPinnedDown(shownTotal, shownCells)) {
    let pick = -1;
    for (const [i, c] of shownCells.entries())
      if (typeof c === 'number' && c > 0 && (pick < 0 || c < (shownCells[pick] as number))) pick = i;
    if (pick >= 0) shownCells[pick] = PROTECTING;
    else if (shownTotal !== PROTECTING) {
      // Also a "<5" total over "<5" cells can pin them (4 over four cells: each is 1): then it reads "*".
      shownTotal = PROTECTING;
    } else {
      const small = shownCells.indexOf(SMALL_COUNT);
      if (small < 0) break;
      shownCells[small] = PROTECTING;
    }
  }
  return { total: shownTotal, cells: shownCells };
}

/** What a reader knows of a count: "<5" is 1..4, "*" any count. */
function range(s: Shown): [number, number] {
  return typeof s === 'number' ? [s, s] : s === SMALL_COUNT ? [1, SMALL_COUNT_LIMIT - 1] : [0, Number.POSITIVE_INFINITY];
}

/** Whether some hidden count has only one value left by total = Σ cells (the bounds of one linear equation are exact for whole numbers). */
function anyPinnedDown(total: Shown, cells: readonly Shown[]): boolean {
  const [tLo, tHi] = range(total);
  const lo = cells.reduce<number>((a, c) => a + range(c)[0], 0);
  const hi = cells.reduce<number>((a, c) => a + range(c)[1], 0);
  if (typeof total !== 'number' && Math.max(tLo, lo) === Math.min(tHi, hi)) return true;
  for (const [i, c] of cells.entries()) {
    if (typeof c === 'number') continue;
    const [cLo, cHi] = range(c);
    // Summed without c (subtracting an infinite bound would give NaN).
    let othersLo = 0;
    let othersHi = 0;
    for (const [j, o] of cells.entries()) {
      if (j === i) continue;
      othersLo += range(o)[0];
      othersHi += range(o)[1];
    }
    // c = total − others
    if (Math.max(cLo, tLo - othersHi) === Math.min(cHi, tHi - othersLo)) return true;
  }
  return false;
}

/** Every count of `stats` through primary suppression (no sums in it). */
export function suppressSmallCounts<T>(stats: T): Suppressed<T> {
  return suppressEach(stats) as Suppressed<T>;
}

function suppressEach(value: unknown): unknown {
  if (typeof value === 'number') return primary(value);
  if (Array.isArray(value)) return value.map(suppressEach);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, suppressEach(v)]));
  return value;
}

/** School statistics: students = Σ byLevel, openCases = Σ casesByPhase; referrals per target stand alone. */
export function suppressSchoolStatistics<
  T extends { students: number; byLevel: Record<string, number>; openCases: number; casesByPhase: Record<string, number> },
>(stats: T): Suppressed<T> {
  const levels = Object.keys(stats.byLevel);
  const byLevel = suppressSum(
    stats.students,
    levels.map((k) => stats.byLevel[k]!),
  );
  const phases = Object.keys(stats.casesByPhase);
  const byPhase = suppressSum(
    stats.openCases,
    phases.map((k) => stats.casesByPhase[k]!),
  );
  return {
    ...(suppressSmallCounts(stats) as object),
    students: byLevel.total,
    byLevel: Object.fromEntries(levels.map((k, i) => [k, byLevel.cells[i]])),
    openCases: byPhase.total,
    casesByPhase: Object.fromEntries(phases.map((k, i) => [k, byPhase.cells[i]])),
  } as Suppressed<T>;
}

interface PptCountsLike {
  consulted: number;
  referred: number;
  sum: number;
  completelyAbsent: number;
}

/** PPT's table: in each row (and its `previous`), consulted + referred = sum. */
export function suppressPptStatistics<T extends { rows: (PptCountsLike & { previous: PptCountsLike | null })[] }>(stats: T): Suppressed<T> {
  const counts = (c: PptCountsLike) => {
    const { total, cells } = suppressSum(c.sum, [c.consulted, c.referred]);
    return { ...c, consulted: cells[0], referred: cells[1], sum: total, completelyAbsent: primary(c.completelyAbsent) };
  };
  return {
    ...stats,
    rows: stats.rows.map((r) => ({ ...counts(r), previous: r.previous ? counts(r.previous) : null })),
  } as unknown as Suppressed<T>;
}
