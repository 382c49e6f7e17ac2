import { Command } from 'nest-commander';
import { progressBar } from '../progress.js';
import type { CopyOptions } from '../copy/copy-stores.js';
import { encryptExisting } from '../copy/encrypt-existing.js';
import { CopyCommand } from './copy.command.js';

/** `copy`'s options (which stores, where), with the events sealed on the way into a new, empty store. */
@Command({
  name: 'encrypt-existing',
  description:
    'Copy a store written before encryption into a new, empty one with every personal field encrypted and each hash chain computed afresh, e.g. --from sqlite --to sqlite --to-data-dir ./data-encrypted',
})
export class EncryptExistingCommand extends CopyCommand {
  override async run(_: string[], options: CopyOptions): Promise<void> {
    const bar = progressBar('events');
    const result = await encryptExisting(options, (p) => bar.update(p.position, p.headPosition));
    bar.stop();
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}
