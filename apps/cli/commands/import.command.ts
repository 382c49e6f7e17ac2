import { readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { parseCsvDate } from '../import/absence-csv.js';
import { importAbsenceCsv, type ImportReport } from '../import/import-absences.js';
import { applyMapping, loadMapping } from '../import/import-mapping.js';
import { withEventStore } from '../cli-stores.js';
import { progressBar } from '../progress.js';

interface ImportCommandOptions {
  skipBad?: boolean;
  mapping?: string;
  today?: string;
  actor?: string;
}

const DESCRIPTION = `Import absence registrations from a CSV export (semicolon-separated, UTF-8, header row).
Columns: sourceId;studentId;date;kind;lessons;minutes;subject;documented;reportedByGuardian;reason
  sourceId            the source system's id of the registration (required; re-imports of it append nothing)
  studentId           an enrolled student's id (required)
  date                YYYY-MM-DD or DD.MM.YYYY, a school day of the student's school (required)
  kind                day | lesson | late | left-early (or dag | time | forsent | gikk-tidlig) (required)
  lessons             whole number >= 1, required for lesson, empty otherwise
  minutes             whole number >= 1, required for late and left-early, empty otherwise
  subject, reason     free text, optional
  documented, reportedByGuardian   ja/nei or true/false (empty = nei)
Every row is checked first; with any bad row nothing is imported and the exit code is 1,
unless --skip-bad imports the good rows (the bad ones are still listed).
A school system's own export (its headers, its student numbers, its words) is read through
--mapping <file.json>. See apps/cli/import/README.md.`;

/** One line per problem, for stderr: ids and line numbers only, never names. */
export function formatProblems(report: ImportReport): string {
  return report.bad
    .map((p) => `line ${p.line}${p.sourceId ? ` (sourceId ${p.sourceId})` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}\n`)
    .join('');
}

@Command({ name: 'import', arguments: '<file>', description: DESCRIPTION })
export class ImportCommand extends CommandRunner {
  async run([file]: string[], options: ImportCommandOptions): Promise<void> {
    const raw = readFileSync(file!, 'utf8');
    const text = options.mapping ? applyMapping(raw, loadMapping(options.mapping)) : raw;
    const bar = progressBar('students');
    const report = await withEventStore((store) =>
      importAbsenceCsv(store, text, {
        skipBad: options.skipBad ?? false,
        ...(options.today ? { today: options.today } : {}),
        ...(options.actor ? { actor: { id: options.actor, role: 'import' } } : {}),
        onProgress: (_, done, total) => bar.update(done, total),
      }),
    );
    bar.stop();
    process.stderr.write(formatProblems(report));
    const { bad: _bad, ...summary } = report;
    process.stdout.write(`${JSON.stringify({ ...summary, badRows: report.badLines.length })}\n`);
    if (report.stopped) {
      process.stderr.write(
        `${report.badLines.length} bad rows: nothing imported. Fix them, or run again with --skip-bad to import the other rows.\n`,
      );
      process.exitCode = 1;
    }
  }

  @Option({
    flags: '--mapping <file>',
    description: "a mapping file (JSON) for a school system's own export: columns, student numbers, kinds",
  })
  parseMapping(value: string): string {
    return value;
  }

  @Option({ flags: '--skip-bad', description: 'import the good rows even when some rows are bad' })
  parseSkipBad(): boolean {
    return true;
  }

  @Option({ flags: '--today <date>', description: 'business date (YYYY-MM-DD or DD.MM.YYYY); default today in Oslo' })
  parseToday(value: string): string {
    const date = parseCsvDate(value);
    if (!date) throw new Error(`expected a date YYYY-MM-DD or DD.MM.YYYY, got ${value}`);
    return date;
  }

  @Option({ flags: '--actor <id>', description: 'id recorded as who imported (default cli-import)' })
  parseActor(value: string): string {
    return value;
  }
}
