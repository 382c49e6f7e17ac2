import type { Subscription } from './event-store.port.js';

export interface CatchUpSource<E extends { position: number }> {
  /** Events from `fromPosition` (inclusive) in global order, at most `maxCount`. */
  read(fromPosition: number, maxCount: number): E[] | Promise<E[]>;
  /** Registers a wake-up for new appends; returns the unregister function. */
  onAppended(listener: () => void): () => void;
  /** Poll period for appends the source cannot signal (another process writing the same file). */
  pollIntervalMs: number;
}

export interface CatchUpSubscription extends Subscription {
  /** The position the next batch starts from. */
  readonly nextPosition: number;
}

/**
 * Catch-up subscription over a readable `$all`: read batches until empty, then sleep until an
 * append signal or the poll timer, and read again. Every batch starts right after the last delivered
 * position, so there is no gap and no duplicate; the next read waits for the handler (back-pressure).
 */
export function catchUpSubscription<E extends { position: number }>(
  source: CatchUpSource<E>,
  options: { fromPosition?: number; batchSize?: number },
  handler: (events: E[]) => void | Promise<void>,
): CatchUpSubscription {
  let next = Math.max(1, options.fromPosition ?? 1);
  const batchSize = Math.max(1, options.batchSize ?? 500);
  let stopped = false;
  // Set by every append signal; cleared before each read, so a signal that lands between the
  // read and the sleep is never lost.
  let signalled = false;
  let wake: (() => void) | undefined;

  const unlisten = source.onAppended(() => {
    signalled = true;
    wake?.();
  });

  const sleep = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, source.pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  const run = async () => {
    try {
      while (!stopped) {
        signalled = false;
        const batch = await source.read(next, batchSize);
        if (stopped) break;
        if (batch.length > 0) {
          await handler(batch);
          next = batch[batch.length - 1]!.position + 1;
          continue;
        }
        if (!signalled) await sleep();
      }
    } finally {
      stopped = true;
      unlisten();
    }
  };

  const done = run();
  // `done` may be nobody's concern until stop(); keep a handler failure from crashing the process
  // as an unhandled rejection. Awaiting `done` still sees the rejection.
  done.catch(() => undefined);

  return {
    done,
    get nextPosition() {
      return next;
    },
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}
