import { Command, CommandRunner } from 'nest-commander';
import { verifyChain } from '#audit/verify-chain.js';
import { withEventStore } from '../cli-stores.js';
import { progressBar } from '../progress.js';

export interface VerifyReport {
  streams: number;
  /** Events in the chains that hold (every event when nothing is broken). */
  events: number;
  /** Streams whose chain holds. */
  intact: number;
  /** Each broken chain: the stream, the first revision where it does not hold, and why. */
  broken: { stream: string; brokenAt: number; reason: string }[];
}

/** One line per broken chain, for a person reading the terminal. */
export function describeBreaks(report: Pick<VerifyReport, 'broken'>): string {
  return report.broken.map((b) => `hash chain broken: ${b.stream} at revision ${b.brokenAt} (${b.reason})\n`).join('');
}

/** Recomputes every stream's hash chain. Exit code 1 when any chain is broken. */
export async function verifyAllStreams(onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  return withEventStore(async (store) => {
    const streams = await store.listStreams();
    const report: VerifyReport = { streams: streams.length, events: 0, intact: 0, broken: [] };
    for (const [i, stream] of streams.entries()) {
      const result = verifyChain(await store.readStream(stream));
      if (result.valid) {
        report.events += result.events;
        report.intact += 1;
      } else report.broken.push({ stream, brokenAt: result.brokenAt, reason: result.reason });
      onProgress?.(i + 1, streams.length);
    }
    return report;
  });
}

@Command({ name: 'verify', description: 'Verify the hash chain of every stream in the store' })
export class VerifyCommand extends CommandRunner {
  async run(): Promise<void> {
    const bar = progressBar('streams');
    const report = await verifyAllStreams((done, total) => bar.update(done, total));
    bar.stop();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (report.broken.length > 0) {
      process.stderr.write(describeBreaks(report));
      process.exitCode = 1;
    }
  }
}
