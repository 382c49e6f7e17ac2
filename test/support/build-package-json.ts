import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Imports = Record<string, { source: string; default: string }>;

const importsOf = (root: string): Imports => (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Imports }).imports;

/**
 * The package.json for a build in a folder of its own: ESM, and the subpath imports
 * (`#domain/*.js` …) of the root package.json pointed at that folder instead of `dist/`.
 */
export function buildPackageJson(root: string): string {
  const local = Object.fromEntries(
    Object.entries(importsOf(root)).map(([name, target]) => [name, target.default.replace(/^\.\/dist\//, './')]),
  );
  return JSON.stringify({ type: 'module', imports: local });
}

/** The source file a subpath import (`#event-store/hash.js`) names, by the root package.json's `source` condition. */
export function resolveSubpathImport(root: string, specifier: string): string | undefined {
  for (const [name, target] of Object.entries(importsOf(root))) {
    const [prefix, suffix] = name.split('*') as [string, string];
    if (specifier.startsWith(prefix) && specifier.endsWith(suffix)) {
      return join(root, target.source.replace('*', specifier.slice(prefix.length, specifier.length - suffix.length)));
    }
  }
  return undefined;
}
