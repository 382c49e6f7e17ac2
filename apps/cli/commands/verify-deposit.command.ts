import { Command, CommandRunner } from 'nest-commander';
import { formatDepositReport } from '#audit/noark/deposit/verify-deposit.js';
import { verifyDepositAt } from '../deposit/verify-deposit-at.js';

@Command({
  name: 'verify-deposit',
  arguments: '<deposit>',
  description: 'Check a Noark 5 deposit (a folder, or <id>.tar with <id>.info) as an archive would; exit 1 on any failure',
})
export class VerifyDepositCommand extends CommandRunner {
  async run([path]: string[]): Promise<void> {
    const report = await verifyDepositAt(path!);
    process.stdout.write(formatDepositReport(report));
    if (!report.ok) process.exitCode = 1;
  }
}
