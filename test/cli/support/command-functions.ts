/**
 * The exported functions of the CLI command modules, for in-process tests. The modules also
 * declare nest-commander classes, and nest-commander (CommonJS) cannot require the ESM-only
 * @nestjs/common under jest; the decorators do nothing these tests need, so they are
 * replaced by no-ops before the modules load. The functions under test are the real ones.
 */
import { jest } from '@jest/globals';

jest.unstable_mockModule('nest-commander', () => ({
  Command: () => () => undefined,
  Option: () => () => undefined,
  CommandRunner: class {},
}));

export const loadVerify = () => import('#cli/commands/verify.command.js');
export const loadExportNoark = () => import('#cli/commands/export-noark.command.js');
export const loadRebuild = () => import('#cli/commands/rebuild.command.js');
