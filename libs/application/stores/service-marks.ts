/**
 * Which services are running on a DATA_DIR: each API process leaves a mark
 * (`DATA_DIR/running/api-<pid>`) while it runs and removes it when it stops. The CLI's rebuild
 * refuses while a live one is there: rebuilding under a serving API swapped its read models away
 * mid-request (issue 19: a 500 on the absence list). A mark whose process is gone (a crash, a
 * kill -9) is stale and ignored.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = 'running';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but is another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Marks this process as an API serving `dataDir`; the returned function removes the mark. */
export function markServiceRunning(dataDir: string): () => void {
  const dir = join(dataDir, DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `api-${process.pid}`);
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
  return () => rmSync(file, { force: true });
}

/** The process ids of the APIs running on `dataDir` now. */
export function runningServices(dataDir: string): number[] {
  let names: string[];
  try {
    names = readdirSync(join(dataDir, DIR));
  } catch {
    return [];
  }
  return names
    .map((name) => /^api-(\d+)$/.exec(name)?.[1])
    .filter((pid): pid is string => pid !== undefined)
    .map(Number)
    .filter((pid) => pid !== process.pid && alive(pid));
}
