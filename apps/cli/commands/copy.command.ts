import { Command, CommandRunner, Option } from 'nest-commander';
import { progressBar } from '../progress.js';
import { copyStores, KINDS, type CopyOptions, type StoreKind } from '../copy/copy-stores.js';

@Command({
  name: 'copy',
  description: 'Copy all events between stores and verify the copy, e.g. --from sqlite --to postgres --to-url postgres://…',
})
export class CopyCommand extends CommandRunner {
  async run(_: string[], options: CopyOptions): Promise<void> {
    const bar = progressBar('events');
    const result = await copyStores(options, (p) => bar.update(p.position, p.headPosition));
    bar.stop();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }

  @Option({ flags: '--from <kind>', description: KINDS.join(' | '), required: true })
  parseFrom(value: string): StoreKind {
    return kind(value);
  }

  @Option({ flags: '--to <kind>', description: KINDS.join(' | '), required: true })
  parseTo(value: string): StoreKind {
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

  @Option({ flags: '--from-url <url>', description: 'URL of a PostgreSQL or EventStoreDB source (default POSTGRES_URL / EVENTSTORE_URL)' })
  parseFromUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--to-url <url>', description: 'URL of a PostgreSQL or EventStoreDB target (default POSTGRES_URL / EVENTSTORE_URL)' })
  parseToUrl(value: string): string {
    return value;
  }
}

function kind(value: string): StoreKind {
  if ((KINDS as readonly string[]).includes(value)) return value as StoreKind;
  throw new Error(`store kind must be ${KINDS.join(', ')}; got ${value}`);
}
