import { Module } from '@nestjs/common';
import { CopyCommand } from './commands/copy.command.js';
import { DemoCommand } from './commands/demo.command.js';
import { ExportNoarkCommand } from './commands/export-noark.command.js';
import { ImportCommand } from './commands/import.command.js';
import { PromoteCommand } from './commands/promote.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { RetentionCommand } from './commands/retention.command.js';
import { VerifyDepositCommand } from './commands/verify-deposit.command.js';

@Module({
  providers: [
    VerifyCommand,
    VerifyDepositCommand,
    RebuildCommand,
    CopyCommand,
    ExportNoarkCommand,
    ImportCommand,
    DemoCommand,
    PromoteCommand,
    RetentionCommand,
  ],
})
export class CliModule {}
