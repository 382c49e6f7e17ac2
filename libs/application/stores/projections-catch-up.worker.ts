/**
 * The worker thread of a long catch-up (projections-catch-up.ts): leads the projections on its
 * own connections to the stores until they are within a batch of the head, then stops them,
 * closes its stores and says where it got to. The main thread leads from there.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { Projector } from '#read-models/projector/projector.js';
import { openDocumentStore, openEventStore } from './open-stores.js';
import { forBulkProjection } from './cache-limits.js';
import type { CatchUpMessage, CatchUpSettings } from './projections-catch-up.js';

/** Hands over once the rest is this small: the main thread projects it in a batch. */
const HAND_OVER_WITHIN = 1000;

const port = parentPort!;
const post = (message: CatchUpMessage) => port.postMessage(message);
let stopping = false;
port.on('message', (message: unknown) => {
  if (message === 'stop') stopping = true;
});

const settings = workerData as CatchUpSettings;
const events = await openEventStore({ ...settings, notice: () => undefined });
const documents = await openDocumentStore({ ...settings, cacheLimits: forBulkProjection(settings.cacheLimits) });
try {
  const projector = new Projector({
    eventStore: events,
    documentStore: documents,
    projections: ALL_PROJECTIONS,
    // A failing batch ends the catch-up: the main thread leads, retries and reports it in /health.
    onError: (projection, error) => {
      stopping = true;
      post({ kind: 'failed', projection, error: error instanceof Error ? error.message : String(error) });
    },
  });
  await projector.start();
  const least = () => Math.min(...projector.projectionNames().map((name) => projector.position(name)));
  while (!stopping) {
    const head = await events.headPosition();
    post({ kind: 'progress', position: least(), head });
    if (head - least() <= HAND_OVER_WITHIN) break;
    await projector.waitForPosition(head, 2000);
  }
  // Stopping lets the running batches commit: what the main thread resumes from is committed.
  await projector.stop();
  if (!stopping) post({ kind: 'done', position: least() });
} finally {
  await documents.close();
  await events.close();
  port.close();
}
