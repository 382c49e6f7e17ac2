/**
 * The CLI commands' exported functions (verifyAllStreams, exportNoarkFolder), loaded in process.
 * Their modules also declare nest-commander classes, and nest-commander (CommonJS) cannot
 * require the ESM-only @nestjs/common under jest; only those decorators are replaced by
 * no-ops before the modules load. The functions under test are the real ones, on the real
 * store that DATA_DIR names.
 */
import { jest } from '@jest/globals';

jest.unstable_mockModule('nest-commander', () => ({
  Command: () => () => undefined,
  Option: () => () => undefined,
  CommandRunner: class {},
}));

export const loadVerify = () => import('#cli/commands/verify.command.js');
export const loadExportNoark = () => import('#cli/commands/export-noark.command.js');

/** Runs `work` with DATA_DIR set to `dataDir`, as a shell would for `npm run cli`. */
export async function withDataDir<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  const previous = process.env.DATA_DIR;
  process.env.DATA_DIR = dataDir;
  try {
    return await work();
  } finally {
    if (previous === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previous;
  }
}
