/**
 * A long catch-up of the projections (a first start on a restored log, new read-model storage)
 * in a worker thread: the projections there, the concern saga and the requests on the main
 * thread, so the two use both cores (issue 25: the first start's critical path was the
 * projections and the saga taking turns on one thread). The main projector follows the worker's
 * commits meanwhile (Projector `follow`), and leads from the committed checkpoints once the
 * worker hands over, as a follower promoted by an election does.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EventStore } from '#event-store/event-store.port.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { checkpointKey, GENERATIONS_COLLECTION, type GenerationRecord } from '#read-models/projector/generations.js';
import type { Projection } from '#read-models/projector/projection.js';
import type { storeSettingsOf } from './open-stores.js';

/** What the worker is given: the stores' settings without the notice callback (it cannot cross threads). */
export type CatchUpSettings = ReturnType<typeof storeSettingsOf>;

/** The worker's messages. */
export type CatchUpMessage =
  | { kind: 'progress'; position: number; head: number }
  | { kind: 'done'; position: number }
  | { kind: 'failed'; projection: string; error: string };

/**
 * How many events the projections are behind the head: the least of their serving generations'
 * checkpoints. null when a projection's stored version differs from the code's: that start
 * rebuilds blue/green, which the leading projector does itself.
 */
export async function projectionsBehindBy(
  events: Pick<EventStore, 'headPosition'>,
  documents: DocumentStore,
  projections: readonly Projection[],
): Promise<number | null> {
  await documents.ensureCollection({ name: GENERATIONS_COLLECTION, indexes: [] });
  const records = new Map((await documents.find<GenerationRecord>(GENERATIONS_COLLECTION, {})).map((r) => [r.projection, r] as const));
  const keys: string[] = [];
  for (const projection of projections) {
    const record = records.get(projection.name);
    if (record && (record.version !== projection.version || record.building)) return null;
    keys.push(checkpointKey(projection.name, record?.generation ?? 1));
  }
  const checkpoints = await documents.getCheckpoints(keys);
  const least = Math.min(...keys.map((key) => checkpoints.get(key) ?? 0));
  return Math.max(0, (await events.headPosition()) - least);
}

/** The compiled worker beside this file; absent when running from the TypeScript sources (jest). */
export function catchUpWorkerFile(): string | null {
  const file = fileURLToPath(new URL('./projections-catch-up.worker.js', import.meta.url));
  return existsSync(file) ? file : null;
}

export interface CatchUpHandle {
  /** Settles when the worker has stopped: `done` with its last committed position, or why not. */
  readonly finished: Promise<{ outcome: 'done'; position: number } | { outcome: 'failed' | 'stopped'; reason: string }>;
  /** Asks the worker to stop after its current batch (service shutdown); resolves when it has. */
  stop(): Promise<void>;
}

/**
 * Starts the worker on `settings`. Its progress goes to `onProgress`; a failing projection ends
 * the catch-up (the main projector then leads, retries and shows the failure in /health).
 */
export function startCatchUpWorker(
  file: string,
  settings: CatchUpSettings,
  onProgress: (position: number, head: number) => void,
): CatchUpHandle {
  // V8's flags are the process's: the worker's heap has the same cap as the main thread's. A
  // lower cap of its own (320 MiB) left the first start's peak RSS where it was and slowed the
  // catch-up (BENCHMARKS.md, twelfth round).
  const worker = new Worker(file, { workerData: settings });
  let stopping = false;
  let outcome: Awaited<CatchUpHandle['finished']> | undefined;
  worker.on('message', (message: CatchUpMessage) => {
    if (message.kind === 'progress') onProgress(message.position, message.head);
    else if (message.kind === 'done') outcome ??= { outcome: 'done', position: message.position };
    else {
      outcome ??= { outcome: 'failed', reason: `projection ${message.projection}: ${message.error}` };
      worker.postMessage('stop');
    }
  });
  worker.on('error', (error) => {
    outcome ??= { outcome: 'failed', reason: error.message };
  });
  // Settled only once the thread has ended: two leading projectors must never overlap.
  const finished = new Promise<Awaited<CatchUpHandle['finished']>>((resolve) =>
    worker.once('exit', (code) =>
      resolve(outcome ?? { outcome: stopping ? 'stopped' : 'failed', reason: `the worker ended with code ${code}` }),
    ),
  );
  return {
    finished,
    async stop() {
      stopping = true;
      worker.postMessage('stop');
      await finished;
    },
  };
}
