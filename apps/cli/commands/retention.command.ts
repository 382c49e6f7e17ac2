import { Command, CommandRunner, Option } from 'nest-commander';
import { readFileSync } from 'node:fs';
import { DEFAULT_RETENTION_RULES, parseRetentionRules } from '#domain/privacy/retention.js';
import { applyRetention } from '../retention/apply-retention.js';

interface RetentionOptions {
  approve?: string;
}

@Command({
  name: 'retention',
  description:
    'List what the retention rules make due (RETENTION_RULES_FILE, or the defaults); --approve <ids|all> erases or blocks what an admin approved',
})
export class RetentionCommand extends CommandRunner {
  async run(_: string[], options: RetentionOptions): Promise<void> {
    const file = process.env.RETENTION_RULES_FILE?.trim();
    const rules = file ? parseRetentionRules(JSON.parse(readFileSync(file, 'utf8'))) : DEFAULT_RETENTION_RULES;
    const approve =
      options.approve === undefined ? undefined : options.approve === 'all' ? 'all' : options.approve.split(',').map((s) => s.trim());
    const today = process.env.CLOCK_TODAY?.trim();
    const report = await applyRetention({ rules, ...(approve ? { approve } : {}), ...(today ? { today } : {}) });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (approve && approve !== 'all') {
      const unknown = approve.filter((id) => !report.due.some((item) => item.id === id));
      if (unknown.length > 0) {
        process.stderr.write(`not due (nothing done): ${unknown.join(', ')}\n`);
        process.exitCode = 1;
      }
    }
  }

  @Option({ flags: '--approve <ids>', description: 'the due items to carry out, by id (comma-separated), or all' })
  parseApprove(value: string): string {
    return value;
  }
}
