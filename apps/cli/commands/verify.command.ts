import { Command, CommandRunner } from 'nest-commander';
import { verifyChain } from '../../../libs/audit/verify-chain.js';
import { withEventStore } from '../cli-stores.js';
import { progressBar } from '../progress.js';

export interface VerifyReport {
  streams: number;
  events: number;
  broken: { stream: string; brokenAt: number; reason: string }[];
}

/** Recomputes every stream's hash chain. Exit code 1 when any chain is broken. */
export async function verifyAllStreams(onProgress?: (done: number, total: number) => void): Promise<VerifyReport> {
  return withEventStore(async (store) => {
    const streams = await store.listStreams();
    const report: VerifyReport = { streams: streams.length, events: 0, broken: [] };
    for (const [i, stream] of streams.entries()) {
      const result = verifyChain(await store.readStream(stream));
      if (result.valid) report.events += result.events;
      else report.broken.push({ stream, brokenAt: result.brokenAt, reason: result.reason });
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
    if (report.broken.length > 0) process.exitCode = 1;
  }
}
