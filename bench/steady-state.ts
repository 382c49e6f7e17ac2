/**
 * The figures of one load run, taken once every connection is open and has had its first answer.
 *
 * libuv (1.45 and later, so every Node this project supports; libuv/libuv#3696) accepts one new
 * connection per turn of the event loop. Against a saturated service a turn lasts as long as the
 * requests it serves, so of 50 connections opened at once the last gets its first answer seconds
 * after the first: 4.5–6.5 s here against a service answering 250 POSTs a second, while no
 * request took the service more than 0.5 s (its own histogram). That is what opening connections
 * to a saturated server costs, not what serving requests on open ones costs; it is reported on its
 * own (`AdmissionFigures`) and kept out of throughput and percentiles.
 */

/** One answer: when it arrived (ms, any clock shared by all samples of a run) and its latency. */
export interface ResponseSample {
  doneAt: number;
  latencyMs: number;
  status: number;
}

export interface SteadyFigures {
  /** Answers that arrived in the window. */
  requests: number;
  requestsPerSecond: number;
  /** Percentiles of the requests sent in the window and answered before its end. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
}

export interface AdmissionFigures {
  /** From the start of the run until every connection had its first answer. */
  allAnsweredAfterMs: number;
  /** The slowest first answer on a connection. */
  slowestFirstAnswerMs: number;
}

/** Nearest-rank percentile of ascending `sorted` (q in 0..1); NaN when empty. */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Throughput counts the answers that arrived in [from, to]; the percentiles take those of them
 * whose request was sent at or after `from` (doneAt − latency), so a request that queued behind
 * the admission of the last connections does not count as a steady-state one.
 */
export function steadyFigures(samples: readonly ResponseSample[], from: number, to: number): SteadyFigures {
  if (!(to > from)) throw new Error(`empty window [${from}, ${to}]`);
  const inWindow = samples.filter((s) => s.doneAt >= from && s.doneAt <= to);
  const latencies = inWindow
    .filter((s) => s.doneAt - s.latencyMs >= from)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  return {
    requests: inWindow.length,
    requestsPerSecond: inWindow.length / ((to - from) / 1000),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    maxMs: latencies.length ? latencies[latencies.length - 1]! : Number.NaN,
    non2xx: inWindow.filter((s) => s.status < 200 || s.status > 299).length,
  };
}
