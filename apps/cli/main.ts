import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';

// `npm run cli -- <command>`: import, rebuild, verify, export-noark, copy, demo.
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
