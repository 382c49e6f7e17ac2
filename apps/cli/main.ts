import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';

// Files the CLI creates in DATA_DIR (and deposits) are readable by their owner only, as the service's are.
process.umask(0o077);

/** The parts of commander's Command the usage line reads. */
interface CommandNode {
  name(): string;
  usage(): string;
  parent: CommandNode | null;
}

/** Commander's own outcomes (help shown, an unknown command): it has printed them already; only the exit code is left. */
function exitForCommander(error: Error): void {
  const { code, exitCode } = error as Error & { code?: string; exitCode?: number };
  if (code?.startsWith('commander.')) process.exit(exitCode ?? 1);
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// `npm run cli -- <command>`: import, rebuild, verify, verify-deposit, export-noark, copy, demo, promote.
await CommandFactory.run(CliModule, {
  logger: ['error', 'warn'],
  errorHandler: exitForCommander,
  serviceErrorHandler: (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
  // Usage lines as a person types them: "npm run cli -- rebuild <projection>", not "main rebuild …".
  helpConfiguration: {
    commandUsage(cmd: CommandNode): string {
      const names: string[] = [];
      for (let c: CommandNode | null = cmd; c; c = c.parent) names.unshift(c.parent ? c.name() : 'npm run cli --');
      return `${names.join(' ')} ${cmd.usage()}`;
    },
  },
});
