import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * A progress bar with rate and time left on a terminal; silent when stderr is not a TTY
 * (CI, pipes), so logs and test output stay clean.
 */
export function progressBar(unit: string): Progress {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: `{bar} {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const t0 = performance.now();
  return {
    update(done, total) {
      const speed = Math.round(done / Math.max(0.001, (performance.now() - t0) / 1000));
      if (!started) {
        bar.start(total, done, { speed });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { speed });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
