import { Command, CommandRunner, Option } from 'nest-commander';
import { progressBar } from '../progress.js';
import { KINDS, type CopyOptions, type StoreKind } from '../copy/copy-stores.js';
import { encryptExisting } from '../copy/encrypt-existing.js';

@Command({
  name: 'encrypt-existing',
  description:
    'Copy a store written before encryption into a new, empty one with every personal field encrypted and each hash chain computed afresh, e.g. --from sqlite --to sqlite --to-data-dir ./data-encrypted',
})
export class EncryptExistingCommand extends CommandRunner {
  async run(_: string[], options: CopyOptions): Promise<void> {
    const bar = progressBar('events');
    const result = await encryptExisting(options, (p) => bar.update(p.position, p.headPosition));
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

  @Option({ flags: '--to-data-dir <dir>', description: 'DATA_DIR of the new SQLite store' })
  parseToDir(value: string): string {
    return value;
  }

  @Option({ flags: '--from-url <url>', description: 'URL of a PostgreSQL source (default POSTGRES_URL)' })
  parseFromUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--to-url <url>', description: 'URL of the new PostgreSQL database' })
  parseToUrl(value: string): string {
    return value;
  }
}

function kind(value: string): StoreKind {
  if ((KINDS as readonly string[]).includes(value)) return value as StoreKind;
  throw new Error(`store kind must be ${KINDS.join(', ')}; got ${value}`);
}
