import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';

// Files the CLI creates in DATA_DIR (and deposits) are readable by their owner only, as the service's are.
process.umask(0o077);

// `npm run cli -- <command>`: import, rebuild, verify, verify-deposit, export-noark, copy, demo.
await CommandFactory.run(CliModule, {
  logger: ['error', 'warn'],
  errorHandler: (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
  serviceErrorHandler: (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
});
