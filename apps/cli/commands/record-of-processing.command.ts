import { Command, CommandRunner, Option } from 'nest-commander';
import { writeFileSync } from 'node:fs';
import { recordOfProcessing } from '../privacy/record-of-processing.js';

@Command({
  name: 'record-of-processing',
  description: 'Write the record of processing (behandlingsprotokoll, GDPR art. 30) as the code has it, to --out or stdout',
})
export class RecordOfProcessingCommand extends CommandRunner {
  async run(_: string[], options: { out?: string }): Promise<void> {
    const text = recordOfProcessing();
    if (options.out) writeFileSync(options.out, text);
    else process.stdout.write(text);
  }

  @Option({ flags: '--out <file>', description: 'e.g. docs/behandlingsprotokoll.md' })
  parseOut(value: string): string {
    return value;
  }
}
