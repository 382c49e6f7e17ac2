import { Command, CommandRunner, Option } from 'nest-commander';
import { copyAllEvents, type CopyProgress } from '#event-store/copy-events.js';
import type { EventStore } from '#event-store/event-store.port.js';
import { openEventStore } from '#application/stores/open-stores.js';
import { storeSettings } from '../cli-stores.js';
import { progressBar } from '../progress.js';

type Kind = 'sqlite' | 'eventstoredb';

interface CopyOptions {
  from: Kind;
  to: Kind;
  fromDataDir?: string;
  toDataDir?: string;
}

function open(kind: Kind, dataDir: string | undefined): Promise<EventStore> {
  const base = storeSettings();
  if (kind === 'eventstoredb') {
    if (!base.eventstoreUrl) throw new Error('copy to or from eventstoredb needs EVENTSTORE_URL');
    return openEventStore({ ...base, eventstoreUrl: base.eventstoreUrl });
  }
  return openEventStore({ ...base, dataDir: dataDir ?? base.dataDir, eventstoreUrl: null });
}

/** Streams every event from one store to another, keeping ids, order, metadata and hashes. Safe to re-run. */
export async function copyStores(options: CopyOptions, onProgress?: (p: CopyProgress) => void): Promise<CopyProgress> {
  if (options.from === options.to && (options.fromDataDir ?? '') === (options.toDataDir ?? '')) {
    throw new Error('copy needs two different stores');
  }
  const from = await open(options.from, options.fromDataDir);
  try {
    const to = await open(options.to, options.toDataDir);
    try {
      const importer = to.capabilities.importer;
      if (!importer) throw new Error(`the ${options.to} adapter cannot import events`);
      return await copyAllEvents(from, importer, onProgress);
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}

@Command({ name: 'copy', description: 'Copy all events between stores, e.g. --from sqlite --to eventstoredb' })
export class CopyCommand extends CommandRunner {
  async run(_: string[], options: CopyOptions): Promise<void> {
    const bar = progressBar('events');
    const result = await copyStores(options, (p) => bar.update(p.position, p.headPosition));
    bar.stop();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }

  @Option({ flags: '--from <kind>', description: 'sqlite | eventstoredb', required: true })
  parseFrom(value: string): Kind {
    return kind(value);
  }

  @Option({ flags: '--to <kind>', description: 'sqlite | eventstoredb', required: true })
  parseTo(value: string): Kind {
    return kind(value);
  }

  @Option({ flags: '--from-data-dir <dir>', description: 'DATA_DIR of a SQLite source (default DATA_DIR)' })
  parseFromDir(value: string): string {
    return value;
  }

  @Option({ flags: '--to-data-dir <dir>', description: 'DATA_DIR of a SQLite target' })
  parseToDir(value: string): string {
    return value;
  }
}

function kind(value: string): Kind {
  if (value === 'sqlite' || value === 'eventstoredb') return value;
  throw new Error(`store kind must be sqlite or eventstoredb, got ${value}`);
}
