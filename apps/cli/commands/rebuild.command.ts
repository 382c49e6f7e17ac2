import { Command, CommandRunner } from 'nest-commander';
import { Projector, type RebuildResult } from '../../../libs/read-models/projector/projector.js';
import { ALL_PROJECTIONS } from '../../../libs/read-models/projections/all-projections.js';
import { withStores } from '../cli-stores.js';
import { progressBar } from '../progress.js';

/**
 * Rebuilds read models blue/green. Run it with the API stopped (one projector per read-model
 * store); a running API rebuilds a projection by itself when its version changes.
 */
export async function rebuildProjections(which: string, onProgress?: (name: string, done: number, total: number) => void): Promise<RebuildResult[]> {
  const names = which === 'all' ? ALL_PROJECTIONS.map((p) => p.name) : [which];
  const unknown = names.filter((n) => !ALL_PROJECTIONS.some((p) => p.name === n));
  if (unknown.length > 0) throw new Error(`unknown projection ${unknown.join(', ')}; known: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}, all`);
  return withStores(async (eventStore, documentStore) => {
    const projector = new Projector({ eventStore, documentStore, projections: ALL_PROJECTIONS });
    await projector.start();
    try {
      const results: RebuildResult[] = [];
      for (const name of names) results.push(await projector.rebuild(name, (p) => onProgress?.(name, p.done, p.total)));
      return results;
    } finally {
      await projector.stop();
    }
  });
}

@Command({ name: 'rebuild', arguments: '<projection>', description: 'Rebuild a projection (or "all") from the first event' })
export class RebuildCommand extends CommandRunner {
  async run([which]: string[]): Promise<void> {
    const bar = progressBar('events');
    const results = await rebuildProjections(which ?? 'all', (_, done, total) => bar.update(done, total));
    bar.stop();
    for (const r of results) {
      process.stdout.write(`${r.projection}: generation ${r.generation} at position ${r.position} in ${r.seconds.toFixed(2)} s\n`);
    }
  }
}
