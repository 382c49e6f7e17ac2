import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The package.json for a build in a folder of its own: ESM, and the subpath imports
 * (`#domain/*` …) of the root package.json pointed at that folder instead of `dist/`.
 */
export function buildPackageJson(root: string): string {
  const { imports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> };
  const local = Object.fromEntries(Object.entries(imports).map(([name, target]) => [name, target.replace(/^\.\/dist\//, './')]));
  return JSON.stringify({ type: 'module', imports: local });
}

/** The source file a subpath import (`#event-store/hash.js`) names, by the root package.json. */
export function resolveSubpathImport(root: string, specifier: string): string | undefined {
  const { imports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports: Record<string, string> };
  for (const [name, target] of Object.entries(imports)) {
    const prefix = name.slice(0, -1);
    if (specifier.startsWith(prefix)) return join(root, target.replace(/^\.\/dist\//, '').slice(0, -1), specifier.slice(prefix.length));
  }
  return undefined;
}
