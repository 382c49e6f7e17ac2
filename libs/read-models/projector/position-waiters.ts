interface Waiter {
  isReached: () => boolean;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Callers waiting until read models have processed a position (`X-Min-Position`). Woken by the
 * projector after every committed batch, never by polling; each waiter has its own timeout.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  wait(isReached: () => boolean, timeoutMs: number): Promise<boolean> {
    if (isReached()) return Promise.resolve(true);
    if (timeoutMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const waiter: Waiter = {
        isReached,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Re-checks every waiter; cheap enough per batch (a handful of comparisons each). */
  notify(): void {
    for (const w of this.waiters) {
      if (!w.isReached()) continue;
      clearTimeout(w.timer);
      this.waiters.delete(w);
      w.resolve(true);
    }
  }

  /** On shutdown nobody will advance any more: answer "not reached" now rather than at the timeout. */
  cancelAll(): void {
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.resolve(false);
    }
    this.waiters.clear();
  }

  get size(): number {
    return this.waiters.size;
  }
}
