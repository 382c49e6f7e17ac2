/** Business dates are Norwegian calendar dates: "today" is today in Europe/Oslo, not in UTC. */
const osloDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

export function todayInOslo(now: Date = new Date()): string {
  return osloDate.format(now);
}

/** Injectable so tests can pin the business date (CLOCK_TODAY=YYYY-MM-DD). */
export class Clock {
  constructor(private fixedToday: string | null = null) {}

  /** Moves a pinned business date on (tests and demos of levels that follow time); null: follow the real date again. */
  pin(today: string | null): void {
    this.fixedToday = today;
  }

  today(): string {
    return this.fixedToday ?? todayInOslo();
  }

  nowIso(): string {
    return new Date().toISOString();
  }
}
