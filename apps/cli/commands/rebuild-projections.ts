/**
 * Rebuilding read models blue/green from the first event. Run it with the API stopped (one
 * projector per read-model store); a running API rebuilds a projection by itself when its
 * version changes.
 */
import { Projector, type RebuildResult } from '#read-models/projector/projector.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { runningServices } from '#application/stores/service-marks.js';
import { onEmbeddedStores } from '#application/stores/open-stores.js';
import { takeLead } from '#application/stores/leader-election.js';
import type { EventStore } from '#event-store/event-store.port.js';
import type { DocumentStore } from '#read-models/document-store.port.js';
import { storeSettings, withStores } from '../cli-stores.js';

export type RebuildProgressListener = (projection: string, done: number, total: number) => void;

export function projectionNames(which: string): string[] {
  const names = which === 'all' ? ALL_PROJECTIONS.map((p) => p.name) : [which];
  const unknown = names.filter((n) => !ALL_PROJECTIONS.some((p) => p.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown projection ${unknown.join(', ')}; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}, all`);
  return names;
}

/**
 * Rebuilds the named projections (or `all`) together: their runners read `$all` side by side,
 * so a window read and parsed for one serves the others (sqlite-event-store.ts, `recentBatches`),
 * where one after another each read the whole log again.
 *
 * Spreading the projections over worker threads, each with its own store connections, was
 * tried and measured: on this 2-core machine it was no faster (35 s against 31 s for the
 * generated year; the two writers wait on the read-model file's write lock) and took more
 * memory (538 MiB), so the rebuild stays in one thread.
 */
export async function rebuildProjections(
  which: string,
  onProgress?: RebuildProgressListener,
  settings = storeSettings(),
): Promise<RebuildResult[]> {
  const names = projectionNames(which);
  const running = onEmbeddedStores(settings) ? runningServices(settings.dataDir) : [];
  if (running.length > 0)
    throw new Error(
      `The service is running on ${settings.dataDir} (process ${running.join(', ')}): stop it before rebuilding. ` +
        "(A running service rebuilds a projection by itself when the projection's version changes.)",
    );
  // On PostgreSQL the rebuild leads for as long as it runs: it takes the instances' projector lock
  // (refusing while one of them leads) and fences its writes with it.
  return withStores(async (eventStore, documentStore) => {
    const lock = settings.postgresUrl ? await takeLead(settings.postgresUrl, documentStore) : null;
    if (lock === undefined) {
      throw new Error('An instance of the service leads on this PostgreSQL database: stop the instances before rebuilding.');
    }
    try {
      return await rebuildWith(eventStore, documentStore, names, onProgress);
    } finally {
      await lock?.release();
    }
  }, settings);
}

async function rebuildWith(
  eventStore: EventStore,
  documentStore: DocumentStore,
  names: string[],
  onProgress?: RebuildProgressListener,
): Promise<RebuildResult[]> {
  const projector = new Projector({ eventStore, documentStore, projections: ALL_PROJECTIONS });
  await projector.start();
  try {
    return await Promise.all(names.map((name) => projector.rebuild(name, (p) => onProgress?.(name, p.done, p.total))));
  } finally {
    await projector.stop();
  }
}
