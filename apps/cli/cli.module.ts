import { Module } from '@nestjs/common';
import { CopyCommand } from './commands/copy.command.js';
import { DemoCommand } from './commands/demo.command.js';
import { ExportNoarkCommand } from './commands/export-noark.command.js';
import { ImportCommand } from './commands/import.command.js';
import { PromoteCommand } from './commands/promote.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { RetentionCommand } from './commands/retention.command.js';
import { EncryptExistingCommand } from './commands/encrypt-existing.command.js';
import { RecordOfProcessingCommand } from './commands/record-of-processing.command.js';
import { RotateKeyCommand } from './commands/rotate-key.command.js';
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
    EncryptExistingCommand,
    RecordOfProcessingCommand,
    RotateKeyCommand,
  ],
})
export class CliModule {}
