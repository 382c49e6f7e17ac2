import { Module } from '@nestjs/common';
import { CopyCommand } from './commands/copy.command.js';
import { ExportNoarkCommand } from './commands/export-noark.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { VerifyCommand } from './commands/verify.command.js';

@Module({ providers: [VerifyCommand, RebuildCommand, CopyCommand, ExportNoarkCommand] })
export class CliModule {}
