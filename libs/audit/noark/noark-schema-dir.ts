import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where the official Noark 5.5 XSDs are: `NOARK_SCHEMA_DIR` when set, else `../shared/noark5/v5.5`
 * from the project root (the working directory), which is where every developer and CI run has
 * `shared/` beside the repository.
 */
export function noarkSchemaDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const configured = env['NOARK_SCHEMA_DIR'];
  const dir = configured && configured.length > 0 ? resolve(cwd, configured) : resolve(cwd, '../shared/noark5/v5.5');
  if (!existsSync(resolve(dir, 'metadatakatalog.xsd'))) {
    throw new Error(
      `Noark 5 schemas not found in ${dir} (no metadatakatalog.xsd); set NOARK_SCHEMA_DIR to the folder holding arkivstruktur.xsd and its imports`,
    );
  }
  return dir;
}
