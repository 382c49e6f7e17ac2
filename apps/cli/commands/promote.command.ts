import { Command, CommandRunner, Option } from 'nest-commander';
import { withEventStore } from '../cli-stores.js';
import { parseCsvDate } from '../import/absence-csv.js';
import { progressBar } from '../progress.js';
import { promoteSchool } from '../promote/promote-school.js';

interface PromoteOptions {
  school: string;
  on: string;
  dryRun?: boolean;
}

@Command({
  name: 'promote',
  description:
    'A new school year: move every student of a school up a grade (5A → 6A) from a date; the top grade is listed, not moved. ' +
    'Running it again for the same date moves nobody twice.',
})
export class PromoteCommand extends CommandRunner {
  async run(_: string[], options: PromoteOptions): Promise<void> {
    const bar = progressBar('students');
    const report = await withEventStore((store) =>
      promoteSchool(store, {
        schoolId: options.school,
        on: options.on,
        dryRun: options.dryRun ?? false,
        onProgress: (d, t) => bar.update(d, t),
      }),
    );
    bar.stop();
    const verb = report.dryRun ? 'would move' : 'moved';
    process.stdout.write(
      [
        `${report.schoolId} from ${report.on}: ${verb} ${report.moved} students up a grade; ${report.alreadyMoved} moved by an earlier run.`,
        ...(report.leaving.length > 0
          ? [`In the top grade, not moved (${report.leaving.length}):`, ...report.leaving.map((id) => `  ${id}`)]
          : []),
        '',
      ].join('\n'),
    );
  }

  @Option({ flags: '--school <id>', required: true, description: 'the school' })
  parseSchool(v: string): string {
    return v;
  }
  @Option({ flags: '--on <date>', required: true, description: 'the first day of the new school year (YYYY-MM-DD or DD.MM.YYYY)' })
  parseOn(v: string): string {
    const date = parseCsvDate(v);
    if (!date) throw new Error(`expected a date YYYY-MM-DD or DD.MM.YYYY, got ${v}`);
    return date;
  }
  @Option({ flags: '--dry-run', description: 'count and list, move nobody' })
  parseDryRun(): boolean {
    return true;
  }
}
