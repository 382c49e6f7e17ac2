import { Command, CommandRunner } from 'nest-commander';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { progressBar } from '../progress.js';
import { rebuildProjections } from './rebuild-projections.js';

export { rebuildProjections } from './rebuild-projections.js';

/**
 * Rebuilds read models blue/green. Run it with the API stopped (one projector per read-model
 * store); a running API rebuilds a projection by itself when its version changes.
 */
@Command({
  name: 'rebuild',
  arguments: '<projection>',
  description: `Rebuild a projection from the first event, with the service stopped: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}, or all`,
})
export class RebuildCommand extends CommandRunner {
  async run([which]: string[]): Promise<void> {
    const bar = progressBar('events');
    // One bar for all: the slowest projection's progress.
    const done = new Map<string, number>();
    const results = await rebuildProjections(which ?? 'all', (name, position, total) => {
      done.set(name, position);
      bar.update(Math.min(...done.values()), total);
    });
    bar.stop();
    for (const r of results) {
      process.stdout.write(`${r.projection}: generation ${r.generation} at position ${r.position} in ${r.seconds.toFixed(2)} s\n`);
    }
  }
}
