/**
 * The first start of the service on a year's history in business-date order (students interleaved,
 * as a real log is) with no read models: from spawn until every projection and the concern saga
 * are at the head. The time an operator waits after restoring a backup of the events alone, or
 * moving to new read-model storage. Each run on a fresh copy; the phases are when the projections
 * reached the head and when the saga did (the saga waits for the cases read model it reads).
 */
import { copyFileSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDateOrdered } from '#testing/date-ordered.js';
import type { Dataset } from './dataset.js';
import { startService, waitCaughtUp } from './http.bench.js';
import { round } from './support.js';

export interface FirstStartRun {
  seconds: number;
  projectionsAtHeadSeconds: number | null;
  peakRssMiB: number | null;
  head: number;
}

export async function firstStartRuns(dataset: Dataset, runs: number, log: (line: string) => void): Promise<FirstStartRun[]> {
  const dateOrdered = ensureDateOrdered(dataset, log);
  const results: FirstStartRun[] = [];
  for (let i = 0; i < runs; i++) {
    log(`first start on the business-date year, run ${i + 1} of ${runs}…`);
    const dir = mkdtempSync(join(tmpdir(), 'first-start-'));
    try {
      copyFileSync(dateOrdered, join(dir, 'events.sqlite'), constants.COPYFILE_FICLONE);
      const started = performance.now();
      const service = await startService(dir, dataset.summary.businessDateCap);
      const marks: { projectionsAtHead?: number } = {};
      let peak: number | null = null;
      try {
        const head = await waitCaughtUp(service, dir, log, 60 * 60 * 1000, marks);
        const seconds = round((performance.now() - started) / 1000, 1);
        const projections = marks.projectionsAtHead === undefined ? null : round((marks.projectionsAtHead - started) / 1000, 1);
        peak = await service.stop();
        log(`  ${seconds} s (projections at the head after ${projections} s), peak RSS ${peak === null ? '?' : Math.round(peak)} MiB`);
        results.push({ seconds, projectionsAtHeadSeconds: projections, peakRssMiB: peak === null ? null : round(peak, 1), head });
      } finally {
        await service.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return results;
}
