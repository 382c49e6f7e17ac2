import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { checkpointKey } from '#read-models/projector/generations.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { dumpGeneration } from '#testing/read-models/dump-read-model.js';
import { eventCountsProjection, type TypeCount } from '#testing/read-models/event-counts.projection.js';
import { appendSpread } from '#testing/read-models/events.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import { crashRandom } from '../support/crash-seed.js';

/**
 * Kills a real projector process (SIGKILL: no cleanup, no finally) and restarts it on the same
 * files. After every kill the committed read model must account for exactly its checkpoint, and
 * after the final run it must equal a fresh rebuild: nothing applied twice, nothing skipped.
 */
const fixtures = join(fileURLToPath(new URL('.', import.meta.url)), 'fixtures');
const projection = eventCountsProjection();

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
}

/** Runs the projector child; `killWhen` lets the parent SIGKILL it when a printed position passes a mark. */
function runChild(config: object, killWhenPositionAtLeast?: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS; // the jest VM-modules flag is not needed by the child
    const child = spawn(
      process.execPath,
      ['--import', join(fixtures, 'register-ts.mjs'), join(fixtures, 'run-projector.ts'), JSON.stringify(config)],
      {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines: string[] = [];
    let stderr = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        const position = Number(/^position (\d+)$/.exec(line)?.[1] ?? -1);
        if (killWhenPositionAtLeast !== undefined && position >= killWhenPositionAtLeast) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve({ code, signal, lines });
    });
  });
}

/** Opens the files as a restarted process would, and checks the committed state is self-consistent. */
async function committedState(docsPath: string): Promise<{ checkpoint: number; counted: number }> {
  const docs = new SqliteDocumentStore({ path: docsPath });
  try {
    const checkpoint = await docs.getCheckpoint(checkpointKey('event-counts', 1));
    const dump = await dumpGeneration(projection, docs, 1);
    const counted = (dump['type-counts'] as TypeCount[]).reduce((n, t) => n + t.count, 0);
    return { checkpoint, counted };
  } finally {
    await docs.close();
  }
}

async function finalDump(docsPath: string) {
  const docs = new SqliteDocumentStore({ path: docsPath });
  try {
    return await dumpGeneration(projection, docs, 1);
  } finally {
    await docs.close();
  }
}

describe('projector crash (child process, SIGKILL)', () => {
  let dir: string;
  let events: SqliteEventStore;
  let eventsPath: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-crash-'));
    eventsPath = join(dir, 'events.sqlite');
    events = new SqliteEventStore({ path: eventsPath });
  });

  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('killed in the middle of a batch: the batch is lost whole, and the restart makes it equal to a fresh rebuild', async () => {
    const head = await appendSpread(events, 5000, 13, 4, 25);
    const docsPath = join(dir, 'mid-batch.sqlite');

    // Batches of 100, each committed: dies while applying event 1234, i.e. inside the batch 1201..1300.
    const killed = await runChild({
      events: eventsPath,
      docs: docsPath,
      batchSize: 100,
      sync: false,
      catchUpCommitMs: 0,
      killAtEvent: 1234,
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(await committedState(docsPath)).toEqual({ checkpoint: 1200, counted: 1200 });

    const restarted = await runChild({ events: eventsPath, docs: docsPath, batchSize: 100, sync: false });
    expect(restarted.code).toBe(0);
    expect(restarted.lines[0]).toBe('started 1200');
    expect(restarted.lines.at(-1)).toBe(`done ${head}`);
    expect(await finalDump(docsPath)).toEqual(await freshRebuild(projection, events));
  }, 60_000);

  it('killed while batches wait for a shared commit: all of them are lost, and the restart makes it equal to a fresh rebuild', async () => {
    // Not on a batch boundary: the last batch is short and commits at once (no minute's wait).
    const head = await appendSpread(events, 3010, 13, 4, 25);
    expect(head % 100).not.toBe(0);
    const docsPath = join(dir, 'shared-commit.sqlite');
    // The catch-up's full batches wait for one commit (a minute): at event 1234 none is committed.
    const killed = await runChild({
      events: eventsPath,
      docs: docsPath,
      batchSize: 100,
      sync: false,
      catchUpCommitMs: 60_000,
      killAtEvent: 1234,
    });
    expect(killed.signal).toBe('SIGKILL');
    expect(await committedState(docsPath)).toEqual({ checkpoint: 0, counted: 0 });

    const restarted = await runChild({ events: eventsPath, docs: docsPath, batchSize: 100, sync: false, catchUpCommitMs: 60_000 });
    expect(restarted.code).toBe(0);
    expect(restarted.lines[0]).toBe('started 0');
    expect(restarted.lines.at(-1)).toBe(`done ${head}`);
    expect(await finalDump(docsPath)).toEqual(await freshRebuild(projection, events));
  }, 60_000);

  it('killed at arbitrary moments (mid-apply or mid-commit) again and again: always consistent, finally equal to a fresh rebuild', async () => {
    const head = await appendSpread(events, 25_000, 101, 6, 50);
    const docsPath = join(dir, 'random-kills.sqlite');
    const random = crashRandom('projector crash');
    const marks = [3000, 9000, 14_000, 22_000].map((m) => m + Math.floor(random.next() * 1500));
    let previous = 0;
    let kills = 0;
    for (const mark of marks) {
      // Commits shared over 5 ms of batches: kills land in applied-but-uncommitted batches too.
      const killed = await runChild({ events: eventsPath, docs: docsPath, batchSize: 250, sync: true, catchUpCommitMs: 5 }, mark);
      const state = await committedState(docsPath);
      expect(state.counted).toBe(state.checkpoint);
      expect(state.checkpoint).toBeGreaterThanOrEqual(previous);
      previous = state.checkpoint;
      if (killed.signal === null) break; // finished before the mark: nothing left to interrupt
      kills += 1;
    }
    expect(kills).toBeGreaterThan(0);
    const final = await runChild({ events: eventsPath, docs: docsPath, batchSize: 250, sync: true });
    expect(final.code).toBe(0);
    expect(final.lines.at(-1)).toBe(`done ${head}`);
    expect(await finalDump(docsPath)).toEqual(await freshRebuild(projection, events));
  }, 120_000);
});
